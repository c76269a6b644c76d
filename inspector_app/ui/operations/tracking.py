"""The 整改跟踪 page's reads and writes, as jobs for the store thread (no Qt in here).

Every write is one step of the rectification loop through the same services the CLI
uses (services/rectification.py, rectification_followup.py); a refused step raises
before anything changed, so the runner commits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind, VerificationResult
from inspector_app.services import rectification as loop
from inspector_app.services import rectification_followup as followup
from inspector_app.services.rectification import FeedbackItem
from inspector_app.services.tracking import (
    TrackingDetail,
    TrackingRow,
    tracking_detail,
    tracking_rows,
)
from inspector_app.services.working_calendar import load_working_calendar
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork

Op = Callable[[UnitOfWork], OpResult]


def rows_of(*, today: date) -> Callable[[UnitOfWork], list[TrackingRow]]:
    return lambda uow: tracking_rows(uow, today)


def detail_of(*, notice_id: str, today: date) -> Callable[[UnitOfWork], TrackingDetail]:
    return lambda uow: tracking_detail(uow, notice_id, today)


def _step(notice_id: str, work: Callable[[UnitOfWork], object]) -> Op:
    def op(uow: UnitOfWork) -> OpResult:
        return OpResult(work(uow), OpChanges.of(notices=[notice_id]))

    return op


def deliver(*, notice_id: str, on: date, method: DeliveryMethod, recipient: str, today: date) -> Op:
    return _step(
        notice_id,
        lambda uow: loop.record_delivery(
            uow, notice_id, delivered_on=on, method=method, recipient=recipient, today=today
        ),
    )


def feedback(
    *, notice_id: str, received_on: date, items: Sequence[FeedbackItem], today: date
) -> Op:
    return _step(
        notice_id,
        lambda uow: loop.record_feedback(
            uow, notice_id, received_on=received_on, items=items, today=today
        ),
    )


def verify(
    *,
    notice_id: str,
    results: Mapping[str, VerificationResult],
    verifier: str,
    on: date,
    note: str,
    today: date,
) -> Op:
    return _step(
        notice_id,
        lambda uow: loop.verify_problems(
            uow, notice_id, results, verifier=verifier, verified_on=on, note=note, today=today
        ),
    )


def close(*, notice_id: str, verifier: str, on: date, note: str, today: date) -> Op:
    return _step(
        notice_id,
        lambda uow: loop.close_notice(
            uow, notice_id, verifier=verifier, closed_on=on, note=note, today=today
        ),
    )


def return_for_redo(
    *, notice_id: str, verifier: str, on: date, working_days: int, reason: str, today: date
) -> Op:
    """退回重办; its value is the new deadline (working days counted as the CLI counts)."""
    return _step(
        notice_id,
        lambda uow: loop.return_notice(
            uow,
            notice_id,
            verifier=verifier,
            returned_on=on,
            working_days=working_days,
            reason=reason,
            calendar=load_working_calendar(),
            today=today,
        ),
    )


def request_extension(*, notice_id: str, on: date, until: date, reason: str, today: date) -> Op:
    return _step(
        notice_id,
        lambda uow: followup.request_extension(
            uow, notice_id, requested_on=on, until=until, reason=reason, today=today
        ),
    )


def decide_extension(
    *, notice_id: str, grant: bool, on: date, reason: str, actor: str, today: date
) -> Op:
    """批准 or 不予延期; its value is the deadline in force afterwards."""
    return _step(
        notice_id,
        lambda uow: followup.decide_extension(
            uow, notice_id, grant=grant, decided_on=on, reason=reason, actor=actor, today=today
        ),
    )


def escalate(
    *, notice_id: str, kind: NoticeEventKind, on: date, note: str, actor: str, today: date
) -> Op:
    return _step(
        notice_id,
        lambda uow: followup.escalate(
            uow, notice_id, kind, on=on, note=note, actor=actor, today=today
        ),
    )
