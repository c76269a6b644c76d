"""Push: drain the outbox in bounded batches; record each reply in one transaction.

An entry is marked in flight (committed) before it is sent, so a lost reply or a
killed app resends it with the same mutation id and the server answers
`already_applied`. One batch carries at most one entry per record: a second edit
of the same field in the same batch would conflict with the first on the server.
After a reply, a later entry of the same record is rebased onto the revision the
server gave the fields it just applied for us (split if only some overlap), so
our own edits never conflict with each other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from inspector_app.protocol.sync import MAX_BATCH, Mutation, MutationResult, PushIn, PushOut
from inspector_app.store.models import OutboxEntry, SyncConflict
from inspector_app.store.outbox import CLOCK
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.store.types import new_id, utc_now
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.store.wire import from_wire, synced_models
from inspector_app.sync import errors, state
from inspector_app.sync.local import StoreAccess, Touched

# The server takes 1 MiB per request; half of it leaves room for the envelope.
BATCH_BYTES = 512 * 1024
SENDABLE = ("pending", "in_flight")
# The server keeps the later edit time; a differing one is not a conflict.
BOOKKEEPING = frozenset({"updated_at"})
# A batch the server cannot read at all (too large, malformed) is split to find the
# entry it refuses; that one is kept as rejected with the server's message.
SPLIT_STATUSES = frozenset({400, 413, 422})


@dataclass
class PushStats:
    pushed: int = 0
    conflicts: int = 0
    rejected: int = 0
    missing_blobs: set[str] = field(default_factory=set)


def _cost(entry: OutboxEntry) -> int:
    return len(json.dumps(entry.fields, ensure_ascii=False).encode()) + 300


def take_batch(uow: UnitOfWork) -> tuple[list[dict[str, Any]], Touched]:
    """The next batch, marked in flight in the same transaction."""
    rows = uow.session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.state.in_(SENDABLE))
        .order_by(OutboxEntry.n)
        .limit(MAX_BATCH * 2)
    ).all()
    batch: list[OutboxEntry] = []
    records: set[tuple[str, str]] = set()
    size = 0
    for row in rows:
        key = (row.entity, row.record_id)
        if key in records:
            continue
        records.add(key)
        if batch and size + _cost(row) > BATCH_BYTES:
            break
        batch.append(row)
        size += _cost(row)
        if len(batch) == MAX_BATCH:
            break
    for row in batch:
        row.state = "in_flight"
        row.attempts += 1
    return [_as_mutation(row) for row in batch], Touched()


def _as_mutation(row: OutboxEntry) -> dict[str, Any]:
    return {
        "n": row.n,
        "mutation": Mutation(
            mutation_id=row.mutation_id,
            entity=row.entity,  # type: ignore[arg-type]
            id=row.record_id,
            base_rev=row.base_rev,
            fields=row.fields,
            deleted=row.deleted,
            hlc=row.hlc,
        ),
    }


def push_all(
    access: StoreAccess,
    send: Callable[[PushIn], PushOut],
    *,
    client_id: str,
    epoch: str,
    on_batch: Callable[[int], None],
) -> PushStats:
    """Pushes until the outbox holds nothing sendable; rejected entries stay behind."""
    stats = PushStats()
    while True:
        batch = access.write(take_batch)
        if not batch:
            return stats
        _send(access, send, batch, client_id, epoch, stats)
        on_batch(len(batch))


def _send(
    access: StoreAccess,
    send: Callable[[PushIn], PushOut],
    batch: list[dict[str, Any]],
    client_id: str,
    epoch: str,
    stats: PushStats,
) -> None:
    body = PushIn(
        client_id=client_id,
        schema_version=int(HEAD_REVISION),
        mutations=[item["mutation"] for item in batch],
        epoch=epoch or None,
    )
    try:
        reply = send(body)
    except errors.ServerRefused as refused:
        if refused.status not in SPLIT_STATUSES:
            raise
        if len(batch) == 1:
            message = str(refused)
            access.write(lambda uow: _reject(uow, batch[0]["n"], message))
            stats.rejected += 1
            return
        half = len(batch) // 2
        _send(access, send, batch[:half], client_id, epoch, stats)
        _send(access, send, batch[half:], client_id, epoch, stats)
        return
    by_id = {item["mutation"].mutation_id: item for item in batch}
    access.write(lambda uow: _record(uow, reply, by_id, stats))
    stats.missing_blobs |= set(reply.missing_blobs)


def _reject(uow: UnitOfWork, n: int, message: str) -> tuple[None, Touched]:
    entry = uow.session.get(OutboxEntry, n)
    if entry is not None:
        entry.state, entry.message = "rejected", message
    return None, Touched()


def _record(
    uow: UnitOfWork,
    reply: PushOut,
    batch: dict[str, dict[str, Any]],
    stats: PushStats,
) -> tuple[None, Touched]:
    """The whole reply in one transaction: acks leave, conflicts are logged, refusals stay.

    The batch's entries and any later entries of its records are loaded with two queries
    and acknowledged ones removed with one, so a 200-entry reply is a few statements."""
    session = uow.session
    touched = Touched()
    numbers = [item["n"] for item in batch.values()]
    entries = {
        e.n: e for e in session.scalars(select(OutboxEntry).where(OutboxEntry.n.in_(numbers)))
    }
    later = _later_entries(uow, {(i["mutation"].entity, i["mutation"].id) for i in batch.values()})
    acknowledged: list[int] = []
    with session.no_autoflush:
        for result in reply.results:
            item = batch.get(result.mutation_id)
            entry = entries.get(item["n"]) if item is not None else None
            if item is None or entry is None:
                continue
            mutation: Mutation = item["mutation"]
            touched.add(mutation.entity, mutation.id)
            if result.status == "rejected":
                entry.state, entry.message = "rejected", result.message or ""
                stats.rejected += 1
                continue
            applied = set(mutation.fields)
            if result.status == "conflict" and result.current is not None:
                if _restored_older(mutation, result):
                    applied -= _send_again(uow, mutation, result)
                else:
                    lost = _log_conflicts(uow, mutation, result)
                    applied -= lost
                    _take_server_version(uow, entry.n, mutation, result)
                    stats.conflicts += len(lost)
            else:
                stats.pushed += 1
            _set_revision(uow, mutation, result.seq)
            followers = [e for e in later.get((entry.entity, entry.record_id), []) if e.n > entry.n]
            _rebase_later(uow, followers, applied, result.seq)
            acknowledged.append(entry.n)
    session.flush()
    session.execute(delete(OutboxEntry).where(OutboxEntry.n.in_(acknowledged)))
    return None, touched


def _set_revision(uow: UnitOfWork, mutation: Mutation, seq: int | None) -> None:
    if seq is None:
        return
    model = synced_models()[mutation.entity]
    uow.session.execute(
        update(model)
        .where(model.id == mutation.id)
        .where((model.server_rev.is_(None)) | (model.server_rev < seq))
        .values(server_rev=seq)
    )


def _later_entries(
    uow: UnitOfWork, records: set[tuple[str, str]]
) -> dict[tuple[str, str], list[OutboxEntry]]:
    """Entries of these records that are not in flight (edits made while it was out)."""
    found: dict[tuple[str, str], list[OutboxEntry]] = {}
    rows = uow.session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.record_id.in_({record_id for _, record_id in records}))
        .where(OutboxEntry.state.in_(("pending", "rejected")))
        .order_by(OutboxEntry.n)
    )
    for row in rows:
        if (row.entity, row.record_id) in records:
            found.setdefault((row.entity, row.record_id), []).append(row)
    return found


def _rebase_later(
    uow: UnitOfWork, followers: list[OutboxEntry], applied: set[str], seq: int | None
) -> None:
    """Fields the server just took from us are current at `seq`: a later edit of them
    starts from there. Other fields keep their own base (another laptop may have
    changed them since, and that must still be a conflict).

    When only some fields overlap, the overlapping ones stay in the entry (rebased) and
    the others move to a new entry at the end: every follower keeps the applied fields in
    place, so each field's edits still reach the server in the order they were made (a
    notice's status steps along its lifecycle; reordered, a step would be refused)."""
    if seq is None or not applied:
        return
    for later in followers:
        if later.state != "pending" or (later.base_rev or 0) >= seq:
            continue
        overlap = applied & set(later.fields)
        if not overlap:
            continue
        if overlap == set(later.fields):
            later.base_rev = seq
            continue
        rest = {k: v for k, v in later.fields.items() if k not in overlap}
        old_base = later.base_rev
        later.fields = {k: v for k, v in later.fields.items() if k in overlap}
        later.base_rev = seq
        uow.session.add(
            OutboxEntry(
                mutation_id=new_id(),
                entity=later.entity,
                record_id=later.record_id,
                base_rev=old_base,
                fields=rest,
                deleted=later.deleted,
                hlc=CLOCK.stamp(),
                state="pending",
                created_at=utc_now(),
            )
        )


def _pending_fields(uow: UnitOfWork, entity: str, record_id: str, after_n: int) -> set[str]:
    names: set[str] = set()
    for later in uow.session.scalars(
        select(OutboxEntry.fields).where(
            OutboxEntry.entity == entity,
            OutboxEntry.record_id == record_id,
            OutboxEntry.n > after_n,
            OutboxEntry.state.in_(SENDABLE),
        )
    ):
        names |= set(later)
    return names


def _restored_older(mutation: Mutation, result: MutationResult) -> bool:
    """A re-push after a server restore (no base revision, yet the server has the record)
    whose record is newer here: the server went back in time, our version is the later
    edit. (A record made here has a fresh id, so only a re-push meets this.) The server
    has already merged our later `updated_at` into `current`, so equal times mean ours
    was the later one."""
    if mutation.base_rev is not None:
        return False
    ours = _when(mutation.fields.get("updated_at"))
    theirs = _when((result.current or {}).get("updated_at"))
    return ours is not None and (theirs is None or ours >= theirs)


def _send_again(uow: UnitOfWork, mutation: Mutation, result: MutationResult) -> set[str]:
    """Our newer values go again from the server's revision, so they apply; the local
    record keeps them. A deletion the server holds stays a conflict (no undelete)."""
    current = result.current or {}
    lost = {
        name
        for name, value in mutation.fields.items()
        if name not in BOOKKEEPING and current.get(name) != value
    }
    if lost:
        uow.session.add(
            OutboxEntry(
                mutation_id=new_id(),
                entity=mutation.entity,
                record_id=mutation.id,
                base_rev=result.seq,
                fields={name: mutation.fields[name] for name in lost}
                | {"updated_at": mutation.fields.get("updated_at")},
                deleted=mutation.deleted,
                hlc=CLOCK.stamp(),
                state="pending",
                created_at=utc_now(),
            )
        )
    return lost


def _log_conflicts(uow: UnitOfWork, mutation: Mutation, result: MutationResult) -> set[str]:
    """Each pushed field the server kept another value for, with both values."""
    current = result.current or {}
    lost = {
        name
        for name, value in mutation.fields.items()
        if name not in BOOKKEEPING and current.get(name) != value
    }
    if current.get("deleted") and not mutation.deleted:
        lost.add("deleted")
    server_at = _when(current.get("updated_at"))
    authors = result.current_by or {}
    me = state.get(uow.session, "username")
    for name in sorted(lost):
        uow.session.add(
            SyncConflict(
                entity=mutation.entity,
                record_id=mutation.id,
                field=name,
                local_value=mutation.fields.get(name) if name != "deleted" else False,
                server_value=current.get(name) if name != "deleted" else True,
                local_at=_when(mutation.fields.get("updated_at")),
                server_at=server_at,
                local_by=me,
                server_by=authors.get(name),
                server_seq=result.seq,
                mutation_id=mutation.mutation_id,
                detected_at=utc_now(),
            )
        )
    return lost


def _when(value: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return parsed if parsed is not None and parsed.tzinfo is not None else None


def _take_server_version(
    uow: UnitOfWork, n: int, mutation: Mutation, result: MutationResult
) -> None:
    """The server's version of the record, except fields the user edited again since."""
    model = synced_models()[mutation.entity]
    record = uow.session.get(model, mutation.id)
    if record is None:
        return
    keep = _pending_fields(uow, mutation.entity, mutation.id, after_n=n)
    current = result.current or {}
    values = from_wire(model, {k: v for k, v in current.items() if k not in keep})
    for name, value in values.items():
        setattr(record, name, value)
    if current.get("deleted"):
        record.deleted = True
