"""Sync reads for the status bar, the home list and the conflicts view; the user's answer
to a conflict. Jobs for the store thread: no Qt in here."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.services.queries import list_inspections
from inspector_app.services.summaries import InspectionSummary
from inspector_app.sync import status
from inspector_app.sync.status import ConflictView, RejectedView, SyncOverview
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork

HomeRows = tuple[list[InspectionSummary], dict[str, str]]


def overview(uow: UnitOfWork) -> SyncOverview:
    return status.overview(uow)


def home_rows(uow: UnitOfWork) -> HomeRows:
    """The home list and the sync state of the rows that need a word (a few queries)."""
    flagged = status.flagged_inspections(uow)
    return list_inspections(uow), {key: value.value for key, value in flagged.items()}


def inspection_state(*, inspection_id: str) -> Callable[[UnitOfWork], str]:
    def read(uow: UnitOfWork) -> str:
        return status.inspection_states(uow, [inspection_id])[inspection_id].value

    return read


def conflicts(uow: UnitOfWork) -> list[ConflictView]:
    return status.open_conflicts(uow)


def rejected(uow: UnitOfWork) -> list[RejectedView]:
    return status.rejected_views(uow)


def discard_rejected(*, n: int) -> Callable[[UnitOfWork], OpResult[None]]:
    """The inspector gives up a change the server refused (it stays as it is locally)."""

    def op(uow: UnitOfWork) -> OpResult[None]:
        status.discard_rejected(uow, n)
        return OpResult(None, OpChanges())

    return op


def resolve_conflict(
    *, n: int, entity: str, keep_mine: bool
) -> Callable[[UnitOfWork], OpResult[str]]:
    """Keeping mine is an edit: it goes to the outbox (the runner's write, not suppressed)."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        record_id = status.resolve_conflict(uow, n, keep_mine=keep_mine)
        named = {entity: {record_id}} if record_id else {}
        changed = status.inspections_of_records(uow, named)
        return OpResult(
            record_id,
            OpChanges.of(
                inspections=changed,
                findings=named.get("finding", ()),
                photos=named.get("photo", ()),
            ),
        )

    return op
