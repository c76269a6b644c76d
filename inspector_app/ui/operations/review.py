"""The 审核 page's reads and writes, as jobs for the store thread (no Qt in here)."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.services import review
from inspector_app.services.review import Account, ReviewRow
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork


def account(uow: UnitOfWork) -> Account:
    return review.remembered_account(uow)


def queue(uow: UnitOfWork) -> list[ReviewRow]:
    return review.review_queue(uow)


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
