"""整改跟踪 as the desk reads it: every issued notice with its deadline in force and warning,
and one notice's problems (where each stands in the latest round) and its history.

Plain values only (no labels in a language): the page picks the Chinese or English
label itself. Everything is derived from services/notice_state.py, so the page, the
CLI's `notices show` and the ledger agree on a notice's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from inspector_app.domain.notice import (
    OWES_ACTION,
    EscalationLevel,
    ExtensionStatus,
    NoticeStatus,
    WarningLevel,
)
from inspector_app.domain.rectification import (
    DeliveryMethod,
    NoticeEventKind,
    VerificationResult,
)
from inspector_app.services.notice_state import (
    deadline_in_force,
    events_of,
    feedback_rows,
    latest_results,
    notice_or_error,
    notice_warning,
    problems_of,
)
from inspector_app.store.models import Unit
from inspector_app.store.notice_models import Notice
from inspector_app.store.unit_of_work import UnitOfWork

URGENCY = {WarningLevel.RED: 0, WarningLevel.YELLOW: 1, WarningLevel.BLUE: 2, WarningLevel.NONE: 3}


class ProblemState(StrEnum):
    """Where one problem stands in the notice's latest round."""

    AWAITING_REPORT = "awaiting_report"  # 待整改: the unit owes its report on it
    AWAITING_VERIFICATION = "awaiting_verification"  # 待核查: reported, not yet verified
    RECTIFIED = "rectified"  # 已整改到位 (in this round or an earlier one)
    NOT_RECTIFIED = "not_rectified"  # 未整改到位 in this round


PROBLEM_STATE_LABELS = {
    ProblemState.AWAITING_REPORT: ("待整改", "awaiting the unit's report"),
    ProblemState.AWAITING_VERIFICATION: ("待核查", "awaiting verification"),
    ProblemState.RECTIFIED: ("已整改到位", "rectified"),
    ProblemState.NOT_RECTIFIED: ("未整改到位", "not rectified"),
}


@dataclass(frozen=True)
class TrackingRow:
    """One issued notice in the list."""

    id: str
    number: str
    unit: str
    status: NoticeStatus
    deadline: date | None  # in force: the printed one as moved by an extension or a return
    days_left: int | None  # negative: overdue by that many days; None when the unit owes nothing
    warning: WarningLevel
    extension: ExtensionStatus
    escalation: EscalationLevel

    @property
    def closed(self) -> bool:
        return self.status == NoticeStatus.CLOSED


@dataclass(frozen=True)
class ProblemLine:
    """A problem of the notice with the unit's latest answer on it."""

    id: str
    number: int
    title: str
    state: ProblemState
    measures: str = ""
    responsible_person: str = ""
    evidence: tuple[str, ...] = ()  # sha256 of the photos and scans
    reported_in_round: bool = False  # the current round's report covers it


@dataclass(frozen=True)
class TimelineEntry:
    """One dated step; `kind` None is the issue itself (成文), which has no event row."""

    on: date
    kind: NoticeEventKind | None
    note: str = ""
    actor: str = ""
    new_deadline: date | None = None


@dataclass(frozen=True)
class TrackingDetail:
    row: TrackingRow
    issued_on: date | None
    printed_deadline: date | None
    delivered_on: date | None
    delivery_method: DeliveryMethod | None
    delivery_recipient: str
    closed_on: date | None
    closed_by: str
    round: int  # the report now owed or under review: 1, then 2 after a return …
    problems: tuple[ProblemLine, ...]
    timeline: tuple[TimelineEntry, ...]
    requested_until: date | None  # the open extension request's date, if one is open
    requested_reason: str

    @property
    def owed(self) -> tuple[ProblemLine, ...]:
        """What the next report must cover: every problem not yet found rectified."""
        return tuple(p for p in self.problems if p.state != ProblemState.RECTIFIED)

    @property
    def in_round(self) -> tuple[ProblemLine, ...]:
        """What the current round's report covered, so what can be verified."""
        return tuple(p for p in self.problems if p.reported_in_round)


def tracking_rows(uow: UnitOfWork, today: date) -> list[TrackingRow]:
    """Every issued notice, the most urgent first: red, yellow, blue, the rest by deadline,
    closed ones last."""
    notices = uow.session.scalars(
        select(Notice).where(Notice.deleted.is_(False), Notice.status != NoticeStatus.DRAFT)
    ).all()
    names = {unit_id: name for unit_id, name in uow.session.execute(select(Unit.id, Unit.name))}
    rows = [_row(notice, names.get(notice.unit_id, notice.unit_id), today) for notice in notices]
    return sorted(
        rows,
        key=lambda r: (
            r.closed,
            URGENCY[r.warning],
            r.days_left if r.days_left is not None else 10**6,
            r.number,
        ),
    )


def _row(notice: Notice, unit: str, today: date) -> TrackingRow:
    deadline = deadline_in_force(notice)
    owed = notice.status in OWES_ACTION and deadline is not None  # not while the bureau checks
    return TrackingRow(
        id=notice.id,
        number=notice.number or "",
        unit=unit,
        status=notice.status,
        deadline=deadline,
        days_left=(deadline - today).days if owed and deadline is not None else None,
        warning=notice_warning(notice, today),
        extension=notice.extension_status,
        escalation=notice.escalation,
    )


def tracking_detail(uow: UnitOfWork, notice_id: str, today: date) -> TrackingDetail:
    notice = notice_or_error(uow, notice_id)
    unit = uow.session.get(Unit, notice.unit_id)
    round_no = notice.returned_count + 1
    results = latest_results(uow, notice.id)
    latest = {row.notice_finding_id: row for row in feedback_rows(uow, notice.id)}
    problems = []
    for problem in problems_of(uow, notice.id):
        answer = latest.get(problem.id)
        in_round = answer is not None and answer.round == round_no
        problems.append(
            ProblemLine(
                id=problem.id,
                number=problem.number,
                title=problem.title,
                state=_state(results.get(problem.id), in_round, notice.status),
                measures=answer.measures if answer else "",
                responsible_person=answer.responsible_person if answer else "",
                evidence=tuple(answer.evidence_sha256 or ()) if answer else (),
                reported_in_round=in_round,
            )
        )
    events = events_of(uow, notice.id)
    timeline = [TimelineEntry(notice.issued_on, None)] if notice.issued_on else []
    timeline += [
        TimelineEntry(e.happened_on, e.kind, e.note, e.actor, e.new_deadline) for e in events
    ]
    request = next(
        (e for e in reversed(events) if e.kind == NoticeEventKind.EXTENSION_REQUESTED), None
    )
    open_request = notice.extension_status == ExtensionStatus.REQUESTED and request is not None
    return TrackingDetail(
        row=_row(notice, unit.name if unit else notice.unit_id, today),
        issued_on=notice.issued_on,
        printed_deadline=notice.deadline,
        delivered_on=notice.delivered_on,
        delivery_method=notice.delivery_method,
        delivery_recipient=notice.delivery_recipient,
        closed_on=notice.closed_on,
        closed_by=notice.closed_by,
        round=round_no,
        problems=tuple(problems),
        timeline=tuple(timeline),
        requested_until=request.new_deadline if open_request and request else None,
        requested_reason=request.note if open_request and request else "",
    )


def _state(result: VerificationResult | None, in_round: bool, status: NoticeStatus) -> ProblemState:
    """A closed notice had every problem rectified, also when its answer predates the
    per-problem rows (store migration 0008) and so names no problem."""
    if result == VerificationResult.RECTIFIED or status == NoticeStatus.CLOSED:
        return ProblemState.RECTIFIED
    if not in_round:
        return ProblemState.AWAITING_REPORT
    if result == VerificationResult.NOT_RECTIFIED:
        return ProblemState.NOT_RECTIFIED
    return ProblemState.AWAITING_VERIFICATION
