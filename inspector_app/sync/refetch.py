"""Records to fetch again whatever the cursor: the ones whose refused change the user
gave up. The laptop kept the refused value; the server never had it, and the pull
will not bring the record back unless someone changes it there. So the record is
queued (`refetch:<entity>:<id>` in sync_state) and the next sync asks for its present
version and applies it like a pulled change; the queue entry goes in the same
transaction. Fields the user has typed or been refused since keep the local value.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from inspector_app.protocol.sync import MAX_PAGE, RecordRef, RecordsIn, RecordsOut
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.sync import pull, state
from inspector_app.sync.local import StoreAccess, Touched

PREFIX = "refetch:"
KEEP_LOCAL = (*pull.PROTECTED, "rejected")


def queue(session: Session, entity: str, record_id: str) -> None:
    state.put(session, f"{PREFIX}{entity}:{record_id}", "")


def queued(uow: UnitOfWork) -> list[RecordRef]:
    refs = []
    for key in state.keys(uow.session, PREFIX):
        entity, _, record_id = key.removeprefix(PREFIX).partition(":")
        refs.append(RecordRef(entity=entity, id=record_id))
    return refs


def _apply(uow: UnitOfWork, asked: list[RecordRef], found: RecordsOut) -> tuple[int, Touched]:
    touched = pull.apply_changes(uow.session, found.changes, KEEP_LOCAL)
    for ref in asked:  # one the server does not have stays as this laptop holds it
        state.delete(uow.session, f"{PREFIX}{ref.entity}:{ref.id}")
    return len(found.changes), touched


def refetch_all(
    access: StoreAccess, fetch: Callable[[RecordsIn], RecordsOut], *, epoch: str
) -> int:
    """Fetches and applies every queued record; returns how many the server sent."""
    waiting = access.read(queued)
    applied = 0
    for start in range(0, len(waiting), MAX_PAGE):
        asked = waiting[start : start + MAX_PAGE]
        found = fetch(RecordsIn(records=asked, epoch=epoch or None))
        applied += access.write(lambda uow, a=asked, f=found: _apply(uow, a, f))
    return applied
