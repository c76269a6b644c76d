"""整改台账: every recorded problem with where its rectification stands, and its export.

A problem is a failed finding of an inspection that left the inspector's hands
(submitted, returned or approved; drafts are still being written). Rows are built in
pages of 500 findings, so a year of a city's work streams into the workbook instead
of sitting in memory, and the warning level is derived on the day of the export
(domain/notice.py: it is never stored, so it cannot go stale).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.checklist import ChecklistTemplate
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.domain.ledger import LedgerRow
from inspector_app.domain.notice import (
    ESCALATION_LIFECYCLE,
    NOTICE_LIFECYCLE,
    EscalationLevel,
    NoticeStatus,
    WarningLevel,
)
from inspector_app.domain.rectification import (
    ESCALATION_KINDS,
    EVENT_LABELS,
    VERIFICATION_LABELS,
    NoticeEventKind,
    VerificationResult,
)
from inspector_app.services.inspections import get_template
from inspector_app.services.notice_state import deadline_in_force, notice_warning
from inspector_app.store.atomic_files import USER_FILE_MODE, publish, temp_file_in
from inspector_app.store.models import Campaign, Finding, Inspection, Photo, Site, Unit
from inspector_app.store.notice_models import (
    Notice,
    NoticeEvent,
    NoticeFinding,
    RectificationFeedback,
)
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

PAGE = 500
LEFT_THE_INSPECTOR = (
    InspectionStatus.SUBMITTED,
    InspectionStatus.RETURNED,
    InspectionStatus.APPROVED,
)


@dataclass(frozen=True)
class _Placed:
    """A problem's notice and its place in it."""

    notice: Notice
    position: int
    link_id: str  # the notice_finding: per-problem feedback names it


def ledger_rows(
    uow: UnitOfWork, *, campaign_id: str | None = None, today: date | None = None
) -> Iterator[LedgerRow]:
    """The ledger's rows, oldest inspection first, each inspection's problems in order.

    The campaign is checked now, before a caller starts a file; the rows come lazily."""
    if campaign_id is not None:
        campaign = uow.session.get(Campaign, campaign_id)
        if campaign is None or campaign.deleted:
            raise ValidationFailed(
                "ledger.no_campaign",
                f"找不到专项行动 {campaign_id}，台账未生成。",
                f"No campaign with id {campaign_id}; no ledger was written.",
            )
    return _rows(uow, campaign_id, today or bureau_time.today())


def _rows(uow: UnitOfWork, campaign_id: str | None, day: date) -> Iterator[LedgerRow]:
    templates: dict[str, ChecklistTemplate] = {}
    stmt = (
        select(Finding, Inspection, Site)
        .join(Inspection, Finding.inspection_id == Inspection.id)
        .join(Site, Inspection.site_id == Site.id)
        .where(
            Finding.result == FindingResult.FAIL,
            Finding.deleted.is_(False),
            Inspection.deleted.is_(False),
            Inspection.status.in_(LEFT_THE_INSPECTOR),
        )
        .order_by(Inspection.started_at, Inspection.id, Finding.item_code, Finding.id)
    )
    if campaign_id is not None:
        stmt = stmt.where(Inspection.campaign_id == campaign_id)
    for page in uow.session.execute(stmt).yield_per(PAGE).partitions():
        ids = [finding.id for finding, _, _ in page]
        photos = _photos(uow, ids)
        placed = _notices(uow, ids)
        units = _unit_names(uow, page, placed)
        feedback = _feedback(uow, {p.notice.id for p in placed.values()})
        events = _events(uow, {p.notice.id for p in placed.values()})
        for finding, inspection, site in page:
            template = templates.get(inspection.template_id)
            if template is None:
                template = templates[inspection.template_id] = get_template(
                    uow, inspection.template_id
                )
            yield _row(
                finding, inspection, site, template, photos, placed, units, feedback, events, day
            )


def _row(
    finding: Finding,
    inspection: Inspection,
    site: Site,
    template: ChecklistTemplate,
    photos: dict[str, tuple[str, ...]],
    placed: dict[str, _Placed],
    units: dict[str, str],
    feedback: dict[str, RectificationFeedback],
    events: dict[str, list[NoticeEvent]],
    day: date,
) -> LedgerRow:
    checked_on = bureau_time.local(inspection.started_at).date()
    where = placed.get(finding.id)
    notice = where.notice if where is not None else None
    answer = None
    if where is not None:  # this problem's latest round, else a notice-wide answer
        answer = feedback.get(where.link_id) or feedback.get(where.notice.id)
    deadline = deadline_in_force(notice) if notice is not None else None
    status = notice.status if notice is not None else None
    closed = status is NoticeStatus.CLOSED
    unit_id = notice.unit_id if notice is not None else finding.unit_id or site.managing_unit_id
    return LedgerRow(
        problem_no=_problem_no(finding, checked_on, where),
        checked_on=checked_on,
        mode=inspection.mode,
        site=site.name,
        window=finding.window_no,
        category=_category(template, finding.category_code),
        description=finding.description or finding.title,
        photos=photos.get(finding.id, ()),
        basis=_basis(template, finding.item_code),
        requirement=_requirement(deadline),
        deadline=deadline,
        responsible_unit=units.get(unit_id or "", ""),
        responsible_person=_responsible(answer, notice),
        contact_phone=notice.contact_phone if notice is not None else "",
        measures=answer.measures if answer is not None else "",
        progress=NOTICE_LIFECYCLE.labels[status][0] if status is not None else "未下发通知书",
        feedback_on=answer.received_on if answer is not None else None,
        rechecked_on=answer.verified_on if answer is not None else None,
        rechecked_by=answer.verified_by if answer is not None else "",
        recheck_result=_conclusion(answer),
        closed_on=_closed_on(notice, answer) if closed else None,
        warning=notice_warning(notice, day) if notice is not None else WarningLevel.NONE,
        escalation=_escalation(notice, events.get(notice.id, []) if notice else []),
        note=inspection.review_comment,
    )


def _problem_no(finding: Finding, checked_on: date, where: _Placed | None) -> str:
    """The notice's number and the problem's place in it; before that, the check's day."""
    if where is not None and where.notice.number:
        return f"{where.notice.number}-{where.position + 1}"
    return f"{checked_on:%Y%m%d}-{finding.id[:8]}"


def _category(template: ChecklistTemplate, code: str) -> str:
    if not code:  # a problem seen outside the checklist
        return "其他问题"
    try:
        return template.category_name(code)
    except StopIteration:  # a category the frozen template no longer has
        return code


def _basis(template: ChecklistTemplate, item_code: str | None) -> str:
    if item_code is None:
        return ""
    try:
        return template.item(item_code).basis or ""
    except KeyError:  # an item the frozen template no longer has
        return ""


def _requirement(deadline: date | None) -> str:
    if deadline is None:
        return ""
    return f"于{deadline.year}年{deadline.month}月{deadline.day}日前整改到位并书面反馈"


def _responsible(answer: RectificationFeedback | None, notice: Notice | None) -> str:
    """Who the unit named for this problem; before its report, the notice's contact."""
    if answer is not None and answer.responsible_person:
        return answer.responsible_person
    return notice.contact_person if notice is not None else ""


def _conclusion(answer: RectificationFeedback | None) -> str:
    if answer is None or not answer.verification_result:
        return ""
    try:
        return VERIFICATION_LABELS[VerificationResult(answer.verification_result)][0]
    except ValueError:  # a free-text conclusion recorded before the loop had its values
        return answer.verification_result


def _closed_on(notice: Notice | None, answer: RectificationFeedback | None) -> date | None:
    if notice is not None and notice.closed_on is not None:
        return notice.closed_on
    return answer.verified_on if answer is not None else None


def _escalation(notice: Notice | None, events: list[NoticeEvent]) -> str:
    """Each 催办函, 约谈, 问责 and return for redo with its day, in the order they happened."""
    if notice is None:
        return ""
    said = [
        f"{EVENT_LABELS[e.kind][0]}（{e.happened_on:%Y-%m-%d}）"
        for e in events
        if e.kind in ESCALATION_KINDS or e.kind is NoticeEventKind.RETURNED
    ]
    if not said:  # a notice recorded before its steps were kept as events
        if notice.returned_count:
            said.append(f"退回重办{notice.returned_count}次")
        if notice.escalation is not EscalationLevel.NONE:
            said.append(ESCALATION_LIFECYCLE.labels[notice.escalation][0])
    return "；".join(said)


def _photos(uow: UnitOfWork, finding_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    rows = uow.session.execute(
        select(Photo.finding_id, Photo.sha256)
        .where(Photo.finding_id.in_(finding_ids), Photo.deleted.is_(False))
        .order_by(Photo.finding_id, Photo.sort_order, Photo.id)
    )
    for finding_id, sha in rows:
        found.setdefault(finding_id, []).append(sha)
    return {key: tuple(value) for key, value in found.items()}


def _notices(uow: UnitOfWork, finding_ids: Sequence[str]) -> dict[str, _Placed]:
    """Each finding's notice; an issued one wins over a draft that also lists it."""
    rows = uow.session.execute(
        select(NoticeFinding.finding_id, NoticeFinding.position, NoticeFinding.id, Notice)
        .join(Notice, Notice.id == NoticeFinding.notice_id)
        .where(NoticeFinding.finding_id.in_(finding_ids), NoticeFinding.deleted.is_(False))
        .where(Notice.deleted.is_(False))
    )
    placed: dict[str, _Placed] = {}
    for finding_id, position, link_id, notice in rows:
        known = placed.get(finding_id)
        if known is None or (known.notice.number is None and notice.number is not None):
            placed[finding_id] = _Placed(notice, position, link_id)
    return placed


def _unit_names(uow: UnitOfWork, page: Sequence, placed: dict[str, _Placed]) -> dict[str, str]:
    ids = {finding.unit_id or site.managing_unit_id for finding, _, site in page}
    ids |= {p.notice.unit_id for p in placed.values()}
    ids.discard(None)
    if not ids:
        return {}
    return dict(uow.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())


def _feedback(uow: UnitOfWork, notice_ids: set[str]) -> dict[str, RectificationFeedback]:
    """The latest round's 整改反馈 of each problem (by notice_finding id), and of each
    notice for answers recorded before feedback was kept per problem (by notice id)."""
    if not notice_ids:
        return {}
    latest: dict[str, RectificationFeedback] = {}
    rows = uow.session.scalars(
        select(RectificationFeedback)
        .where(RectificationFeedback.notice_id.in_(notice_ids))
        .where(RectificationFeedback.deleted.is_(False))
        .order_by(RectificationFeedback.round, RectificationFeedback.received_on)
    )
    for answer in rows:
        latest[answer.notice_finding_id or answer.notice_id] = answer
    return latest


def _events(uow: UnitOfWork, notice_ids: set[str]) -> dict[str, list[NoticeEvent]]:
    found: dict[str, list[NoticeEvent]] = {}
    if not notice_ids:
        return found
    rows = uow.session.scalars(
        select(NoticeEvent)
        .where(NoticeEvent.notice_id.in_(notice_ids), NoticeEvent.deleted.is_(False))
        .order_by(NoticeEvent.happened_on, NoticeEvent.created_at)
    )
    for event in rows:
        found.setdefault(event.notice_id, []).append(event)
    return found


def export_ledger(
    uow: UnitOfWork,
    target: Path,
    *,
    campaign_id: str | None = None,
    lang: str = "zh_CN",
    with_photos: bool = True,
    on_row: Callable[[int], None] | None = None,
) -> int:
    """Write the ledger atomically to `target`; returns the rows written.

    With `with_photos` each problem's photos are copied (the store's upright preview, by
    hash) into the folder `<name>-照片` beside the workbook, which links to them, so the
    two travel together. A refusal (an unknown campaign, a folder that cannot be written)
    leaves no workbook.
    """
    from inspector_app.documents.ledger_xlsx import write_ledger  # openpyxl on use only

    rows = ledger_rows(uow, campaign_id=campaign_id)
    href = None
    if with_photos:
        folder = photo_folder(target)
        copied: set[str] = set()
        rows = _copying_photos(rows, uow.photos, folder, copied)

        def href(sha: str) -> str | None:  # relative, so it travels with the folder
            return f"{folder.name}/{sha}.jpg" if sha in copied else None

    try:
        with temp_file_in(target.parent, mode=USER_FILE_MODE) as (handle, temp):
            count = write_ledger(rows, handle, lang=lang, photo_href=href, on_row=on_row)
            publish(handle, temp, target)
    except OSError as exc:
        raise ValidationFailed(
            "documents.unwritable",
            f"无法写入文件 {target}（{exc.strerror or type(exc).__name__}）。",
            f"Cannot write {target} ({exc.strerror or type(exc).__name__}).",
        ) from None
    return count


def photo_folder(target: Path) -> Path:
    return target.with_name(f"{target.stem}-照片")


def _copying_photos(
    rows: Iterator[LedgerRow], photos: PhotoStore, folder: Path, copied: set[str]
) -> Iterator[LedgerRow]:
    """Each row's photos copied beside the workbook as the row is written, one at a time.
    A photo not yet downloaded to this laptop is named by its hash but not linked."""
    for row in rows:
        for sha in row.photos:
            preview = photos.preview_path(sha)
            if sha in copied or not preview.exists():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(preview, folder / f"{sha}.jpg")
            copied.add(sha)
        yield row
