"""Capture every change to a synced record into the outbox, in the same flush.

Session events on the store's own sessionmaker do this (`install`), so no
service can forget it and the edit and its outbox row commit or roll back
together; sessions made elsewhere (another engine, a tool) are left alone.
Sessions that apply changes pulled from the server (or seed shared registry
data) set `session.info["suppress_outbox"] = True`: those changes did not
happen here.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, update
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from inspector_app.protocol.entities import ENTITIES, server_owned
from inspector_app.store.models import OutboxEntry, Synced
from inspector_app.store.types import new_id, utc_now

NOT_SENT = frozenset({"server_rev", "deleted"})


class HardDeleteForbidden(RuntimeError):
    """Synced records are tombstoned (deleted=True), never removed."""


class HybridClock:
    """Monotonic millisecond stamps, even if the wall clock steps back."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def stamp(self) -> str:
        with self._lock:
            self._last = max(int(time.time() * 1000), self._last + 1)
            return f"{self._last:015d}"


CLOCK = HybridClock()


def to_wire(value: Any) -> Any:
    """JSON-safe form of a column value, as the sync protocol sends it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def sent_fields(model: type[Synced]) -> tuple[str, ...]:
    """The columns a change to this model pushes, in column order. A field only the server
    sets (a notice's number) is kept to show but never sent: the server refuses a whole
    mutation that carries one, so a new notice could never sync."""
    skipped = NOT_SENT | server_owned(model.__sync_entity__)
    return tuple(attr.key for attr in inspect(model).column_attrs if attr.key not in skipped)


def _changed_fields(obj: Synced, *, everything: bool) -> dict[str, Any]:
    state = inspect(obj)
    fields: dict[str, Any] = {}
    for key in sent_fields(type(obj)):
        if everything or state.attrs[key].history.has_changes():
            fields[key] = to_wire(getattr(obj, key))
    return fields


def _stamp_updates(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise HardDeleteForbidden(
                f"{type(obj).__name__} {obj.id} must be tombstoned, not deleted"
            )
    if session.info.get("suppress_outbox"):
        return
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            obj.updated_at = utc_now()


def _write_outbox(session: Session, flush_context: UOWTransaction) -> None:
    if session.info.get("suppress_outbox"):
        return
    rows = []
    for obj in session.new:
        if isinstance(obj, Synced):
            rows.append(_entry(obj, _changed_fields(obj, everything=True)))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            fields = _changed_fields(obj, everything=False)
            deleted_changed = inspect(obj).attrs["deleted"].history.has_changes()
            if fields or deleted_changed:
                rows.append(_entry(obj, fields))
    connection = session.connection()
    for row in rows:
        _append_or_coalesce(connection, row)


def install(sessions: sessionmaker[Session]) -> None:
    """Attach the outbox to the sessions of one store; call once per new sessionmaker.

    No `event.contains` guard: the registry keys targets by id(), and a new
    sessionmaker can reuse the id of a collected one, so the guard skipped it.
    """
    event.listen(sessions, "before_flush", _stamp_updates)
    event.listen(sessions, "after_flush", _write_outbox)


def _append_or_coalesce(connection: Connection, row: dict[str, Any]) -> None:
    """Merge into the record's newest entry while it is still pending, else append.

    Typing in a description saves every few hundred milliseconds; coalescing
    keeps one pending mutation per record instead of hundreds (docs/sync-protocol.md).
    An entry already in flight is never changed. Two steps along a lifecycle (a notice
    delivered, then answered) stay two entries: the server checks each change of a
    lifecycle field against the transition table, and issued → answered in one entry
    would skip the step between.
    """
    table = OutboxEntry.__table__
    newest = connection.execute(
        select(table.c.n, table.c.fields, table.c.state)
        .where(table.c.entity == row["entity"], table.c.record_id == row["record_id"])
        .order_by(table.c.n.desc())
        .limit(1)
    ).first()
    if (
        newest is None
        or newest.state != "pending"
        or _moves_on(row, newest.fields)
        or _would_reorder(connection, row, newest.n)
    ):
        connection.execute(insert(table), [row])
        return
    connection.execute(
        update(table)
        .where(table.c.n == newest.n)
        .values(fields={**newest.fields, **row["fields"]}, deleted=row["deleted"], hlc=row["hlc"])
    )


def _moves_on(row: dict[str, Any], pending: dict[str, Any]) -> bool:
    """Whether the change takes a lifecycle field the pending entry already moved a step on."""
    spec = ENTITIES.get(row["entity"])
    lifecycle_fields = spec.initial if spec is not None else {}
    return any(
        name in pending and pending[name] != value
        for name, value in row["fields"].items()
        if name in lifecycle_fields
    )


def _would_reorder(connection: Connection, row: dict[str, Any], newest_n: int) -> bool:
    """Whether merging would move a lifecycle step before changes recorded ahead of it.

    An inspection made, its findings recorded, then submitted, all offline: merged into
    the create, the submit would reach the server first and every finding after it would
    be refused as written to a submitted inspection. So a step of a lifecycle (status,
    extension, escalation) merges only while nothing else was queued after its record.
    """
    spec = ENTITIES.get(row["entity"])
    if spec is None or not set(spec.initial) & set(row["fields"]):
        return False
    table = OutboxEntry.__table__
    later = connection.execute(select(table.c.n).where(table.c.n > newest_n).limit(1))
    return later.first() is not None


def _entry(obj: Synced, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "mutation_id": new_id(),
        "entity": obj.__sync_entity__,
        "record_id": obj.id,
        "base_rev": obj.server_rev,
        "fields": fields,
        "deleted": bool(obj.deleted),
        "hlc": CLOCK.stamp(),
        "state": "pending",
        "attempts": 0,
        "created_at": utc_now(),
    }
