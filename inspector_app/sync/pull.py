"""Pull: the server's changes after our cursor, one page per local transaction.

A page and the cursor after it commit together, so a killed app re-pulls at most
the page it was applying and never skips one. Fields with a pending local edit
keep the local value (the push decides them, and a conflict is logged there).
Pages arrive in the server's commit order, not in parent-before-child order (an
inspection edited after its findings comes after them), so a page is applied with
foreign-key checks off; the next pages bring the parents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.sync import Change, PullOut
from inspector_app.store.models import OutboxEntry
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.store.wire import from_wire, synced_models
from inspector_app.sync import state
from inspector_app.sync.local import StoreAccess, Touched

PAGE = 500
PROTECTED = ("pending", "in_flight")


@dataclass
class PullStats:
    pulled: int = 0
    missing_blobs: set[str] = field(default_factory=set)
    epoch: str = ""


def _pending_fields(
    session: Session, changes: list[Change], protected: tuple[str, ...] = PROTECTED
) -> dict[tuple[str, str], set[str]]:
    ids = {c.id for c in changes}
    pending: dict[tuple[str, str], set[str]] = {}
    rows = session.execute(
        select(OutboxEntry.entity, OutboxEntry.record_id, OutboxEntry.fields, OutboxEntry.deleted)
        .where(OutboxEntry.record_id.in_(ids))
        .where(OutboxEntry.state.in_(protected))
    )
    for entity, record_id, fields, deleted in rows:
        names = pending.setdefault((entity, record_id), set())
        names |= set(fields)
        if deleted:
            names.add("deleted")
    return pending


def _held(session: Session, changes: list[Change]) -> dict[tuple[str, str], Any]:
    """The page's records this laptop already has: one query per entity."""
    by_entity: dict[str, set[str]] = {}
    for change in changes:
        by_entity.setdefault(change.entity, set()).add(change.id)
    held: dict[tuple[str, str], Any] = {}
    for entity, ids in by_entity.items():
        model = synced_models().get(entity)
        if model is not None:
            for record in session.scalars(select(model).where(model.id.in_(ids))):
                held[(entity, record.id)] = record
    return held


def apply_page(uow: UnitOfWork, page: PullOut) -> tuple[int, Touched]:
    """Upserts the page's records and stores the cursor after it."""
    touched = apply_changes(uow.session, page.changes)
    state.put(uow.session, "cursor", page.next_cursor)
    state.put(uow.session, "epoch", page.epoch)
    return len(page.changes), touched


def apply_changes(
    session: Session, changes: list[Change], protected: tuple[str, ...] = PROTECTED
) -> Touched:
    """Upserts the server's versions; fields of local outbox entries in a `protected`
    state keep the local value."""
    touched = Touched()
    models = synced_models()
    pending = _pending_fields(session, changes, protected)
    held = _held(session, changes)
    with session.no_autoflush:  # one flush for the page, not one SELECT + INSERT per record
        for change in changes:
            model = models.get(change.entity)
            if model is None:
                continue  # an entity a newer server knows and this app does not
            keep = pending.get((change.entity, change.id), set())
            values = from_wire(model, {k: v for k, v in change.fields.items() if k not in keep})
            record = held.get((change.entity, change.id))
            if record is None:
                values.pop("id", None)
                record = model(id=change.id, **values)
                session.add(record)
                held[(change.entity, change.id)] = record
            else:
                for name, value in values.items():
                    setattr(record, name, value)
            if "deleted" not in keep:
                record.deleted = change.deleted
            if record.server_rev is None or record.server_rev < change.seq:
                record.server_rev = change.seq
            touched.add(change.entity, change.id)
    return touched


def pull_all(
    access: StoreAccess,
    fetch: Callable[[str, str], PullOut],
    *,
    cursor: str,
    epoch: str,
    on_page: Callable[[int], None],
) -> PullStats:
    """Pages until the server has no more; `fetch(cursor, epoch)` asks for one."""
    stats = PullStats(epoch=epoch)
    while True:
        page = fetch(cursor, stats.epoch)
        count = access.write(lambda uow, page=page: apply_page(uow, page))
        stats.pulled += count
        stats.missing_blobs |= set(page.missing_blobs)
        stats.epoch = page.epoch
        cursor = page.next_cursor
        on_page(count)
        if not page.has_more:
            return stats
