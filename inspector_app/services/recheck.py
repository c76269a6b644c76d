"""复查 (re-inspection) of a notice's problems on site: start, record per item, finish.

A 复查 is an inspection of the notice's site with `recheck_of_notice_id` set; it has one
finding per problem the unit reported in the current round, pointing at the original
finding by `recheck_of_id`. Each records 已整改/未整改 (`recheck_result`) with a note and
photos (the ordinary photo services attach them). Finishing submits the inspection (it is
evidence from then on) and feeds the results to services/rectification.verify_problems
for the notice's current round, in the same unit of work. Every check runs before
anything changes; the caller commits. What shows the links is services/recheck_views.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import (
    EDITABLE_STATUSES,
    INSPECTION_LIFECYCLE,
    InspectionAction,
    InspectionMode,
    ensure_editable,
    is_editable,
)
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus
from inspector_app.domain.rectification import VerificationResult, required_text
from inspector_app.services.errors import NotFound
from inspector_app.services.inspections import (
    finding_or_error,
    inspection_or_error,
    submit_inspection,
)
from inspector_app.services.notice_state import (
    Problem,
    notice_or_error,
    problems_of,
    resolve_problem,
    round_items,
)
from inspector_app.services.photos import attach_photo
from inspector_app.services.rectification import verify_problems
from inspector_app.store.models import Finding, Inspection, Site
from inspector_app.store.notice_models import Notice
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork

# A 复查 checks what the unit reported: only a notice whose report is in and not yet
# decided (已反馈 or 复查中) has something to check.
AWAITING_VERIFICATION = frozenset({NoticeStatus.FEEDBACK_SUBMITTED, NoticeStatus.UNDER_REVIEW})
DECIDED = (VerificationResult.RECTIFIED, VerificationResult.NOT_RECTIFIED)


def start_recheck(
    uow: UnitOfWork,
    notice_id: str,
    *,
    team: Sequence[str],
    site_id: str | None = None,
    mode: InspectionMode = InspectionMode.OVERT,
    started_at: datetime | None = None,
) -> str:
    """A new inspection whose items are the problems of this round not yet verified.

    A notice merged over a campaign may list problems at several halls: then `site_id`
    says which hall this 复查 visits, and only its problems are items. Returns the id.
    """
    notice = notice_or_error(uow, notice_id)
    _ensure_awaiting_verification(notice)
    members = [name.strip() for name in team if name.strip()]
    if not members:
        raise ValidationFailed(
            "recheck.team_missing", "请填写复查人员。", "Name who carries out the re-inspection."
        )
    open_items = _unverified(uow, notice)
    if not open_items:
        raise IllegalTransition(
            "recheck.nothing_to_check",
            "本轮整改报告中的问题都已复查，没有需要复查的问题。",
            "Every problem of this round's report is already verified; nothing is left to check.",
        )
    originals = {p.id: _finding(uow, p.finding_id) for p in open_items}
    sites = {p.id: _inspection(uow, originals[p.id].inspection_id).site_id for p in open_items}
    chosen_site = _chosen_site(uow, set(sites.values()), site_id)
    items = [p for p in open_items if sites[p.id] == chosen_site]
    _ensure_no_open_recheck(uow, notice.id, chosen_site)
    first = _inspection(uow, originals[items[0].id].inspection_id)
    inspection = Inspection(
        campaign_id=notice.campaign_id,
        template_id=first.template_id,
        site_id=chosen_site,
        mode=mode,
        team=members,
        started_at=started_at or utc_now(),
        recorder=members[0],
        recheck_of_id=notice.inspection_id,
        recheck_of_notice_id=notice.id,
    )
    uow.session.add(inspection)
    uow.session.flush()
    for problem in items:
        original = originals[problem.id]
        uow.session.add(
            Finding(
                inspection_id=inspection.id,
                item_code=original.item_code,
                category_code=original.category_code,
                title=original.title,
                severity=original.severity,
                photo_required=False,
                window_no=original.window_no,
                staff_badge=original.staff_badge,
                unit_id=original.unit_id,
                result=FindingResult.UNCHECKED,
                recheck_of_id=original.id,
            )
        )
    uow.session.flush()
    return inspection.id


def record_recheck_note(uow: UnitOfWork, finding_id: str, note: str) -> None:
    """What was seen on site, typed before or after choosing 已整改/未整改."""
    finding, inspection = _item_or_error(uow, finding_id)
    ensure_editable(inspection.status)
    if finding.description != note.strip():
        finding.description = note.strip()


def record_recheck_result(
    uow: UnitOfWork,
    finding_id: str,
    result: VerificationResult,
    *,
    note: str | None = None,
    photos: Sequence[Path] = (),
) -> None:
    """已整改 or 未整改 for one item, what was seen (a note), and photos of it."""
    finding, inspection = _item_or_error(uow, finding_id)
    ensure_editable(inspection.status)
    if result not in DECIDED:
        raise ValidationFailed(
            "recheck.result_missing",
            "复查结论只能是“已整改”或“未整改”。",
            "A re-inspection result is either rectified or not rectified.",
        )
    finding.recheck_result = result
    if note is not None:
        finding.description = note.strip()
    if finding.observed_at is None:
        finding.observed_at = utc_now()
    uow.session.flush()
    for path in photos:
        attach_photo(uow, uow.photos, finding.id, path)


def recheck_finding_for(uow: UnitOfWork, inspection_id: str, problem: str) -> str:
    """A 复查's item for the notice's problem by its printed number or notice_finding id."""
    inspection = _recheck_or_error(uow, inspection_id)
    assert inspection.recheck_of_notice_id is not None
    chosen = resolve_problem(problems_of(uow, inspection.recheck_of_notice_id), problem)
    found = uow.session.scalar(
        select(Finding.id).where(
            Finding.inspection_id == inspection.id,
            Finding.recheck_of_id == chosen.finding_id,
            Finding.deleted.is_(False),
        )
    )
    if found is None:
        raise ValidationFailed(
            "recheck.problem_not_in_recheck",
            f"问题{chosen.number}不在本次复查的范围内。",
            f"Problem {chosen.number} is not part of this re-inspection.",
        )
    return found


def finish_recheck(
    uow: UnitOfWork,
    inspection_id: str,
    *,
    verifier: str | None = None,
    verified_on: date | None = None,
    note: str = "",
    now: datetime | None = None,
    today: date | None = None,
) -> dict[str, VerificationResult]:
    """Submit the 复查 and record its results as the notice's verification of this round.

    Every item needs its result first. The verifier is the recorder unless named.
    Returns the results by notice_finding id.
    """
    inspection = _recheck_or_error(uow, inspection_id)
    if not is_editable(inspection.status):
        raise IllegalTransition(
            "recheck.already_finished",
            "该复查已完成，不能再次完成。",
            "This re-inspection is already finished.",
        )
    INSPECTION_LIFECYCLE.apply(inspection.status, InspectionAction.SUBMIT)
    assert inspection.recheck_of_notice_id is not None
    notice = notice_or_error(uow, inspection.recheck_of_notice_id)
    _ensure_awaiting_verification(notice)
    by_finding = {p.finding_id: p for p in problems_of(uow, notice.id)}
    items = _items(uow, inspection.id)
    missing = sorted(
        (by_finding[f.recheck_of_id] for f in items if f.recheck_result not in DECIDED),
        key=lambda p: p.number,
    )
    if missing:
        numbers = "、".join(str(p.number) for p in missing)
        raise ValidationFailed(
            "recheck.results_missing",
            f"问题{numbers}还没有复查结论（已整改或未整改），请逐项填写后再完成复查。",
            f"Problem(s) {', '.join(str(p.number) for p in missing)} have no result yet; "
            "record each one before finishing.",
        )
    results = {by_finding[f.recheck_of_id].id: f.recheck_result for f in items}
    verifier = required_text(
        verifier if verifier is not None else inspection.recorder, "verifier", "复查人", "verifier"
    )
    now = now or utc_now()
    day = verified_on or bureau_time.local(now).date()
    verify_problems(
        uow, notice.id, results, verifier=verifier, verified_on=day, note=note, today=today
    )
    submit_inspection(uow, inspection.id, now=now)
    uow.session.flush()
    return results


def _ensure_awaiting_verification(notice: Notice) -> None:
    if notice.status not in AWAITING_VERIFICATION:
        state = NOTICE_LIFECYCLE.labels[notice.status]
        raise IllegalTransition(
            "recheck.notice_not_awaiting",
            f"只有收到整改报告、待复查的通知书才能复查；该通知书{state[0]}。",
            f"Only a notice whose rectification report is in can be re-inspected; "
            f"this one is {state[1]}.",
        )


def _unverified(uow: UnitOfWork, notice: Notice) -> list[Problem]:
    current = round_items(uow, notice.id, notice.returned_count + 1)
    return [
        p
        for p in problems_of(uow, notice.id)
        if p.id in current and current[p.id].verification_result == VerificationResult.PENDING
    ]


def _chosen_site(uow: UnitOfWork, sites: set[str], site_id: str | None) -> str:
    if site_id is not None:
        if site_id not in sites:
            raise ValidationFailed(
                "recheck.site_has_no_problems",
                "所选地点没有本通知书待复查的问题。",
                "The chosen site has no problem of this notice left to check.",
            )
        return site_id
    if len(sites) == 1:
        return next(iter(sites))
    names = sorted(_site_name(uow, s) for s in sites)
    raise ValidationFailed(
        "recheck.choose_site",
        f"该通知书的问题分布在多个地点（{'、'.join(names)}），请选择本次复查的地点。",
        f"This notice's problems are at several sites ({', '.join(names)}); choose one.",
    )


def _ensure_no_open_recheck(uow: UnitOfWork, notice_id: str, site_id: str) -> None:
    open_one = uow.session.scalar(
        select(Inspection.id).where(
            Inspection.recheck_of_notice_id == notice_id,
            Inspection.site_id == site_id,
            Inspection.status.in_(EDITABLE_STATUSES),
            Inspection.deleted.is_(False),
        )
    )
    if open_one is not None:
        raise IllegalTransition(
            "recheck.already_open",
            "该通知书在此地点已有一次未完成的复查，请先完成它。",
            "A re-inspection of this notice at this site is still open; finish it first.",
        )


def _item_or_error(uow: UnitOfWork, finding_id: str) -> tuple[Finding, Inspection]:
    finding, inspection = finding_or_error(uow, finding_id)
    if inspection.recheck_of_notice_id is None or finding.recheck_of_id is None:
        raise ValidationFailed(
            "recheck.not_a_recheck_item",
            "这不是复查的检查项，不能记录整改结论。",
            "This is not a re-inspection item; it has no rectification result.",
        )
    return finding, inspection


def _recheck_or_error(uow: UnitOfWork, inspection_id: str) -> Inspection:
    inspection = inspection_or_error(uow, inspection_id)
    if inspection.recheck_of_notice_id is None:
        raise ValidationFailed(
            "recheck.not_a_recheck",
            "该检查不是复查。",
            "This inspection is not a re-inspection.",
        )
    return inspection


def _items(uow: UnitOfWork, inspection_id: str) -> list[Finding]:
    return list(
        uow.session.scalars(
            select(Finding)
            .where(
                Finding.inspection_id == inspection_id,
                Finding.recheck_of_id.is_not(None),
                Finding.deleted.is_(False),
            )
            .order_by(Finding.created_at, Finding.id)
        )
    )


def _finding(uow: UnitOfWork, finding_id: str) -> Finding:
    finding = uow.session.get(Finding, finding_id)
    if finding is None:
        raise NotFound("finding", finding_id)
    return finding


def _inspection(uow: UnitOfWork, inspection_id: str) -> Inspection:
    inspection = uow.session.get(Inspection, inspection_id)
    if inspection is None:
        raise NotFound("inspection", inspection_id)
    return inspection


def _site_name(uow: UnitOfWork, site_id: str) -> str:
    site = uow.session.get(Site, site_id)
    return site.name if site is not None else site_id
