"""Regrouping drafts before 签发: a problem moved from one draft to another.

A problem may go to any other draft that covers its inspection: a draft of the same
inspection, or a campaign's merged draft (services/notice_merging.py) of the campaign the
inspection belongs to. Both must still be drafts with no issued PDF kept, and a draft
keeps at least one problem (an empty notice is not a notice). The printed notice lists
a draft's own problems (services/documents.py), so the move is what gets printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services.errors import NotFound
from inspector_app.services.notice_state import notice_or_error
from inspector_app.store.models import Finding, Inspection, Unit
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class MoveTarget:
    notice_id: str
    unit: str
    merged: bool  # a campaign's merged draft


def move_targets(uow: UnitOfWork, notice_id: str) -> list[MoveTarget]:
    """The other drafts a problem of this draft could go to (each problem's own inspection
    is checked again by `move_problem`)."""
    notice = notice_or_error(uow, notice_id)
    if not _editable(notice):
        return []
    inspections = {notice.inspection_id} if notice.inspection_id else _inspections_of(uow, notice)
    campaigns = {
        i.campaign_id
        for i in uow.session.scalars(select(Inspection).where(Inspection.id.in_(inspections)))
        if i.campaign_id
    }
    drafts = uow.session.scalars(
        select(Notice).where(
            Notice.deleted.is_(False),
            Notice.status == NoticeStatus.DRAFT,
            Notice.pdf_sha256.is_(None),
            Notice.id != notice.id,
        )
    )
    targets = []
    for draft in drafts:
        covers = draft.inspection_id in inspections or (
            draft.inspection_id is None and draft.campaign_id in campaigns
        )
        if covers:
            unit = uow.session.get(Unit, draft.unit_id)
            name = unit.name if unit else draft.unit_id
            targets.append(MoveTarget(draft.id, name, draft.inspection_id is None))
    return sorted(targets, key=lambda t: (t.merged, t.unit, t.notice_id))


def move_problem(uow: UnitOfWork, problem_id: str, to_notice_id: str) -> str:
    """Move one listed problem (a notice_finding id) to another draft; its source draft."""
    link = uow.session.get(NoticeFinding, problem_id)
    if link is None or link.deleted:
        raise NotFound("notice_problem", problem_id)
    source = notice_or_error(uow, link.notice_id)
    target = notice_or_error(uow, to_notice_id)
    if source.id == target.id:
        return source.id
    if not (_editable(source) and _editable(target)):
        raise IllegalTransition(
            "notice.move_not_draft",
            "只能在尚未签发的通知书草稿之间移动问题。",
            "Problems move only between drafts not yet issued.",
        )
    finding = uow.session.get(Finding, link.finding_id)
    inspection = uow.session.get(Inspection, finding.inspection_id) if finding else None
    covered = inspection is not None and (
        target.inspection_id == inspection.id
        or (target.inspection_id is None and target.campaign_id == inspection.campaign_id)
    )
    if not covered:
        raise ValidationFailed(
            "notice.move_other_inspection",
            "只能移到同一次检查或同一专项行动的通知书草稿。",
            "A problem moves only to a draft of the same inspection or campaign.",
        )
    if _live_count(uow, source.id) <= 1:
        raise ValidationFailed(
            "notice.move_last_problem",
            "这是该草稿的最后一个问题，移走后通知书将没有内容；请改为移动其他草稿的问题。",
            "This is the draft's last problem; a notice without problems is no notice.",
        )
    already = uow.session.scalars(
        select(NoticeFinding.id).where(
            NoticeFinding.notice_id == target.id, NoticeFinding.finding_id == link.finding_id
        )
    ).first()
    if already is not None:
        raise ValidationFailed(
            "notice.move_duplicate",
            "目标草稿已列有该问题。",
            "The target draft already lists this problem.",
        )
    last = uow.session.scalar(
        select(func.max(NoticeFinding.position)).where(
            NoticeFinding.notice_id == target.id, NoticeFinding.deleted.is_(False)
        )
    )
    link.notice_id, link.position = target.id, (last or 0) + 1
    uow.session.flush()
    return source.id


def _editable(notice: Notice) -> bool:
    return notice.status == NoticeStatus.DRAFT and notice.pdf_sha256 is None


def _live_count(uow: UnitOfWork, notice_id: str) -> int:
    return uow.session.scalar(
        select(func.count()).where(
            NoticeFinding.notice_id == notice_id, NoticeFinding.deleted.is_(False)
        )
    )


def _inspections_of(uow: UnitOfWork, notice: Notice) -> set[str]:
    """The inspections a merged draft's problems come from."""
    rows = uow.session.scalars(
        select(Finding.inspection_id)
        .join(NoticeFinding, NoticeFinding.finding_id == Finding.id)
        .where(NoticeFinding.notice_id == notice.id, NoticeFinding.deleted.is_(False))
    )
    return set(rows)
