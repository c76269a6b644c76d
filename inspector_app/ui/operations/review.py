"""The 审核 page's reads and writes, as jobs for the store thread (no Qt in here)."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import review
from inspector_app.services.review import Account, ReviewRow
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork


def account(uow: UnitOfWork) -> Account:
    return review.remembered_account(uow)


def approve(*, inspection_id: str) -> Callable[[UnitOfWork], OpResult[None]]:
    def op(uow: UnitOfWork) -> OpResult[None]:
        review.approve(uow, inspection_id)
        return OpResult(None, OpChanges.of(inspections=[inspection_id]))

    return op


def return_for_changes(
    *, inspection_id: str, comment: str
) -> Callable[[UnitOfWork], OpResult[None]]:
    def op(uow: UnitOfWork) -> OpResult[None]:
        review.return_for_changes(uow, inspection_id, comment)
        return OpResult(None, OpChanges.of(inspections=[inspection_id]))

    return op


def queue_of(*, status: InspectionStatus) -> Callable[[UnitOfWork], list[ReviewRow]]:
    return lambda uow: review.review_queue(uow, status=status)


def correct(
    *, finding_id: str, field: str, new_value: str, reason: str
) -> Callable[[UnitOfWork], OpResult[str]]:
    def op(uow: UnitOfWork) -> OpResult[str]:
        amendment = review.correct_finding(
            uow, finding_id, field=field, new_value=new_value, reason=reason
        )
        return OpResult(amendment, OpChanges.of(findings=[finding_id]))

    return op
