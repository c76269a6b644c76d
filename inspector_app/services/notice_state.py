"""Reading where a notice stands in its rectification loop: its problems in order, each
one's latest verification, the deadline in force, the warning colour, the history.

Shared by the loop's use cases (services/rectification.py, rectification_followup.py)
and by what shows a notice (the CLI's `notices show`, later the desk pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from inspector_app.domain.notice import WARNING_LABELS, WarningLevel, warning_level
from inspector_app.domain.rectification import (
    DELIVERY_LABELS,
    EVENT_LABELS,
    VERIFICATION_LABELS,
    NoticeEventKind,
    VerificationResult,
)
from inspector_app.services.errors import NotFound
from inspector_app.store.models import Finding
from inspector_app.store.notice_models import (
    Notice,
    NoticeEvent,
    NoticeFinding,
    RectificationFeedback,
)
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Problem:
    """A problem listed in a notice: its notice_finding id and its number as printed (1…)."""

    id: str
    number: int
    finding_id: str
    title: str


def notice_or_error(uow: UnitOfWork, notice_id: str) -> Notice:
    notice = uow.session.get(Notice, notice_id)
    if notice is None or notice.deleted:
        raise NotFound("notice", notice_id)
    return notice


def problems_of(uow: UnitOfWork, notice_id: str) -> list[Problem]:
    rows = uow.session.execute(
        select(NoticeFinding.id, NoticeFinding.finding_id, Finding.title, Finding.description)
        .join(Finding, Finding.id == NoticeFinding.finding_id)
        .where(NoticeFinding.notice_id == notice_id, NoticeFinding.deleted.is_(False))
        .order_by(NoticeFinding.position, NoticeFinding.id)
    ).all()
    return [
        Problem(row.id, number, row.finding_id, row.description or row.title)
        for number, row in enumerate(rows, start=1)
    ]


def resolve_problem(problems: list[Problem], ref: str) -> Problem:
    """A problem by its printed number ("2") or its notice_finding id."""
    ref = ref.strip()
    for problem in problems:
        if ref in (problem.id, str(problem.number)):
            return problem
    raise NotFound("notice_problem", ref)


def feedback_rows(uow: UnitOfWork, notice_id: str) -> list[RectificationFeedback]:
    return list(
        uow.session.scalars(
            select(RectificationFeedback)
            .where(
                RectificationFeedback.notice_id == notice_id,
                RectificationFeedback.deleted.is_(False),
                RectificationFeedback.notice_finding_id.is_not(None),
            )
            .order_by(RectificationFeedback.round, RectificationFeedback.created_at)
        )
    )


def round_items(uow: UnitOfWork, notice_id: str, round_no: int) -> dict[str, RectificationFeedback]:
    """This round's feedback, by notice_finding id."""
    return {
        row.notice_finding_id: row
        for row in feedback_rows(uow, notice_id)
        if row.round == round_no and row.notice_finding_id is not None
    }


def latest_results(uow: UnitOfWork, notice_id: str) -> dict[str, VerificationResult]:
    """Each problem's result in the latest round that reported it."""
    results: dict[str, VerificationResult] = {}
    for row in feedback_rows(uow, notice_id):  # by round: a later round overrides
        if row.notice_finding_id is not None:
            results[row.notice_finding_id] = VerificationResult(row.verification_result or "")
    return results


def add_event(
    uow: UnitOfWork,
    notice: Notice,
    kind: NoticeEventKind,
    on: date,
    *,
    note: str = "",
    actor: str = "",
    new_deadline: date | None = None,
) -> NoticeEvent:
    event = NoticeEvent(
        notice_id=notice.id,
        kind=kind,
        happened_on=on,
        note=note,
        actor=actor,
        new_deadline=new_deadline,
    )
    uow.session.add(event)
    uow.session.flush()
    return event


def events_of(uow: UnitOfWork, notice_id: str) -> list[NoticeEvent]:
    return list(
        uow.session.scalars(
            select(NoticeEvent)
            .where(NoticeEvent.notice_id == notice_id, NoticeEvent.deleted.is_(False))
            .order_by(NoticeEvent.happened_on, NoticeEvent.created_at, NoticeEvent.id)
        )
    )


def deadline_in_force(notice: Notice) -> date | None:
    """The printed deadline, as moved by a granted extension or a return for redo."""
    return notice.current_deadline or notice.extended_deadline or notice.deadline


def notice_warning(notice: Notice, today: date) -> WarningLevel:
    return warning_level(notice.status, deadline_in_force(notice), today, notice.returned_count)


def progress(uow: UnitOfWork, notice_id: str, today: date, lang: str = "zh_CN") -> dict[str, Any]:
    """Everything the loop recorded on a notice, as JSON-ready values and labels."""
    en = lang.startswith("en")
    notice = notice_or_error(uow, notice_id)
    results = latest_results(uow, notice.id)
    feedback = feedback_rows(uow, notice.id)
    level = notice_warning(notice, today)
    method = notice.delivery_method
    return {
        "id": notice.id,
        "number": notice.number,
        "status": notice.status.value,
        "deadline": _iso(deadline_in_force(notice)),
        "warning": level.value,
        "warning_label": WARNING_LABELS[level][en],
        "returned_count": notice.returned_count,
        "extension_status": notice.extension_status.value,
        "escalation": notice.escalation.value,
        "delivered_on": _iso(notice.delivered_on),
        "delivery_method": method.value if method else None,
        "delivery_label": DELIVERY_LABELS[method][en] if method else None,
        "delivery_recipient": notice.delivery_recipient,
        "closed_on": _iso(notice.closed_on),
        "closed_by": notice.closed_by,
        "problems": [
            {
                "number": p.number,
                "id": p.id,
                "title": p.title,
                "result": results.get(p.id, VerificationResult.PENDING).value,
                "result_label": VERIFICATION_LABELS[results.get(p.id, VerificationResult.PENDING)][
                    en
                ],
                "feedback": [
                    {
                        "round": row.round,
                        "received_on": _iso(row.received_on),
                        "measures": row.measures,
                        "responsible_person": row.responsible_person,
                        "evidence_sha256": list(row.evidence_sha256 or []),
                        "verification_result": row.verification_result,
                        "verified_on": _iso(row.verified_on),
                        "verified_by": row.verified_by,
                    }
                    for row in feedback
                    if row.notice_finding_id == p.id
                ],
            }
            for p in problems_of(uow, notice.id)
        ],
        "events": [
            {
                "kind": e.kind.value,
                "label": EVENT_LABELS[e.kind][en],
                "on": _iso(e.happened_on),
                "note": e.note,
                "actor": e.actor,
                "new_deadline": _iso(e.new_deadline),
            }
            for e in events_of(uow, notice.id)
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
