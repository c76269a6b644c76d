"""Push and pull for sync protocol v1 (docs/sync-protocol.md).

Push applies a batch in one transaction with the sequence counter locked, so
sequence order is commit order and a pull cursor never skips a late commit.
Each mutation is idempotent by its id. A field changed on the server since
the revision the client edited from, to a different value, is a conflict:
the server keeps its value, the pushed one goes to sync_conflict, and the
client gets the server's current version back.

A push or pull that names another server epoch (the database was restored from a
backup since the client last synced) raises ResetRequired before anything is read
or applied; the route answers 410.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.entities import server_owned
from inspector_app.protocol.sync import (
    Change,
    Mutation,
    MutationResult,
    PullOut,
    PushIn,
    PushOut,
    RecordRef,
    RecordsOut,
)
from inspector_app.server import audit, field_rules, record_rules, sealed_plans
from inspector_app.server.access import AccessPolicy, Refused
from inspector_app.server.blob_refs import blob_refs, held_for, record_refs
from inspector_app.server.blob_refs import may_read_blob as may_read_blob  # routes/blobs.py
from inspector_app.server.models import (
    AppliedMutation,
    SyncConflict,
    SyncCounter,
    SyncRecord,
    User,
)


def lock_counter(session: Session) -> SyncCounter:
    """Taken first in every push: later reads see every earlier push's commit."""
    return session.scalars(select(SyncCounter).where(SyncCounter.id == 1).with_for_update()).one()


class ResetRequired(Exception):
    """The client synced with another epoch of this server's database (SYNC.md G12)."""

    def __init__(self, epoch: str) -> None:
        super().__init__(epoch)
        self.epoch = epoch


def check_epoch(server_epoch: str, client_epoch: str | None) -> None:
    """A fresh client (no epoch yet) is welcome; one from another epoch must reset."""
    if client_epoch is not None and client_epoch != server_epoch:
        raise ResetRequired(server_epoch)


def new_epoch(session: Session) -> str:
    """A new random epoch, after the database was restored from a backup: every client
    then re-pushes its rows and pulls again from the start."""
    counter = lock_counter(session)
    before, counter.epoch = counter.epoch, str(uuid.uuid4())
    audit.append(
        session,
        actor="cli",
        action="new_epoch",
        object_type="sync_counter",
        object_id="1",
        before=audit.digest(before),
        after=audit.digest(counter.epoch),
    )
    return counter.epoch


def set_server_field(
    session: Session, counter: SyncCounter, record: SyncRecord, name: str, value: Any
) -> None:
    """A server-owned field (a notice's number) changes like any other field: with a new
    sequence, so every laptop that may see the record pulls it."""
    if record.data.get(name) == value:
        return
    counter.last_seq += 1
    record.data = {**record.data, name: value}
    record.field_seq = {**record.field_seq, name: counter.last_seq}
    record.seq, record.updated_at = counter.last_seq, datetime.now(UTC)


# Stamped by every edit on every laptop: never a conflict, the later time is kept.
BOOKKEEPING = frozenset({"updated_at"})


def _later(value: Any, stored: Any) -> bool:
    if not isinstance(stored, str) or not isinstance(value, str):
        return True
    try:
        return datetime.fromisoformat(value) > datetime.fromisoformat(stored)
    except ValueError:
        return True


def content_digest(mutation: Mutation) -> str:
    """What a mutation writes (not the revision it was based on, which a client resets
    after a server restore): one mutation id stands for one content."""
    content = [mutation.entity, mutation.id, mutation.fields, mutation.deleted]
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))  # ASCII: surrogates too
    return hashlib.sha256(text.encode()).hexdigest()


REUSED_ID = (
    "该修改编号已用于不同的内容，未保存。/ "
    "This mutation id was already used for different content; nothing was saved."
)


def _rejected(mutation: Mutation, message: str) -> MutationResult:
    return MutationResult(mutation_id=mutation.mutation_id, status="rejected", message=message)


def _parent_lookup(
    session: Session,
    user: User,
    access: AccessPolicy,
    records: dict[tuple[str, str], SyncRecord],
) -> record_rules.Lookup:
    """Finds the inspection or notice a record belongs to: in this batch, then stored."""

    def find(entity: str, record_id: str | None) -> SyncRecord | None:
        if not isinstance(record_id, str):
            return None
        key = (entity, record_id)
        if key not in records:
            stored = session.get(SyncRecord, key)
            if stored is None:
                return None  # not pushed yet: nothing to check against
            records[key] = stored
        if not access.may_see(user, records[key]):
            raise Refused("没有这个记录。/ No such record.")
        return records[key]

    return find


def push(session: Session, user: User, batch: PushIn, access: AccessPolicy) -> PushOut:
    results: list[MutationResult] = []
    events: list[audit.Entry] = []
    missing: set[str] = set()
    refs: set[tuple[str, str]] = set()
    now = datetime.now(UTC)
    counter = lock_counter(session)
    check_epoch(counter.epoch, batch.epoch)  # under the lock: new-epoch cannot slip in
    # Three queries for the whole batch instead of two or three per mutation.
    applied = {
        row.mutation_id: row
        for row in session.scalars(
            select(AppliedMutation).where(
                AppliedMutation.mutation_id.in_([m.mutation_id for m in batch.mutations])
            )
        )
    }
    records: dict[tuple[str, str], SyncRecord] = {
        (row.entity, row.id): row
        for row in session.scalars(
            select(SyncRecord).where(SyncRecord.id.in_({m.id for m in batch.mutations}))
        )
    }
    shas = set().union(*(blob_refs(m.entity, m.fields) for m in batch.mutations))
    stored = held_for(session, user, access, shas)
    lookup = _parent_lookup(session, user, access, records)
    for mutation in batch.mutations:
        earlier = applied.get(mutation.mutation_id)
        if earlier is not None and (
            earlier.user_id != user.id  # its stored reply may carry another user's record
            or earlier.result.get("entity", mutation.entity) != mutation.entity
            or earlier.result.get("id", mutation.id) != mutation.id
        ):
            results.append(_rejected(mutation, "重复的修改编号。/ Duplicate mutation id."))
            continue
        digest = content_digest(mutation)
        if earlier is not None and earlier.digest not in (None, digest):  # None: before 0006
            results.append(_rejected(mutation, REUSED_ID))
            continue
        if earlier is not None:
            result = MutationResult(**earlier.result)
            results.append(
                result.model_copy(update={"status": "already_applied"})
                if result.status == "applied"
                else result
            )
            continue
        before = records.get((mutation.entity, mutation.id))
        before_digest = audit.digest(before.data) if before is not None else ""
        result = _apply(session, user, access, mutation, now, counter, records, lookup)
        if result.status != "rejected":
            after = records[(mutation.entity, mutation.id)]
            events.append(
                audit.Entry(
                    actor=user.username,
                    action=f"sync_{result.status}",
                    object_type=mutation.entity,
                    object_id=mutation.id,
                    before=before_digest,
                    after=audit.digest(after.data),
                )
            )
            if mutation.entity == sealed_plans.ENTITY and before is None:
                events.append(sealed_plans.audit_entry(user, after))
            applied[mutation.mutation_id] = AppliedMutation(
                mutation_id=mutation.mutation_id,
                user_id=user.id,
                result=result.model_dump() | {"entity": mutation.entity, "id": mutation.id},
                applied_at=now,
                digest=digest,
            )
            session.add(applied[mutation.mutation_id])
        results.append(result)
        if result.status != "rejected":
            named = blob_refs(mutation.entity, mutation.fields)
            missing |= named - stored
            team = records[(mutation.entity, mutation.id)].team
            refs |= {(sha, team) for sha in named}
    audit.append_many(session, events)
    record_refs(session, refs)
    return PushOut(results=results, missing_blobs=sorted(missing))


def _apply(
    session: Session,
    user: User,
    access: AccessPolicy,
    mutation: Mutation,
    now: datetime,
    counter: SyncCounter,
    records: dict[tuple[str, str], SyncRecord],
    lookup: record_rules.Lookup,
) -> MutationResult:
    problem = field_rules.problem(mutation.entity, mutation.fields)
    if problem:
        return _rejected(mutation, problem)
    owned = server_owned(mutation.entity) & set(mutation.fields)
    if owned:
        return _rejected(
            mutation,
            f"字段由服务器维护：{', '.join(sorted(owned))}。/ Server-owned fields cannot be set.",
        )
    record = records.get((mutation.entity, mutation.id))
    try:
        if record is None:
            team = access.team_for_new(user, mutation.entity, mutation.fields)
        else:
            team = record.team
            access.check_update(user, record, mutation.fields)
        record_rules.check(user, mutation.entity, record, mutation.fields, mutation.deleted, lookup)
    except Refused as refused:
        return _rejected(mutation, str(refused))
    counter.last_seq += 1
    seq = counter.last_seq
    if record is None:
        records[(mutation.entity, mutation.id)] = record = SyncRecord(
            entity=mutation.entity,
            id=mutation.id,
            team=team,
            seq=seq,
            deleted=mutation.deleted,
            data=dict(mutation.fields),
            field_seq={name: seq for name in mutation.fields},
            field_by={name: user.username for name in mutation.fields},
            created_by=user.id,
            updated_at=now,
        )
        session.add(record)
        return MutationResult(mutation_id=mutation.mutation_id, status="applied", seq=seq)
    base = mutation.base_rev or 0
    data, field_seq = dict(record.data), dict(record.field_seq)
    field_by = dict(record.field_by or {})
    conflicts = [
        name
        for name, value in mutation.fields.items()
        if name not in BOOKKEEPING and field_seq.get(name, 0) > base and data.get(name) != value
    ]
    if record.deleted and not mutation.deleted:
        conflicts.append("deleted")  # a tombstone wins over a stale edit
    changed = False
    for name, value in mutation.fields.items():
        if name in BOOKKEEPING and not _later(value, data.get(name)):
            continue  # the newest edit's time stays, whoever pushes last
        if name not in conflicts and data.get(name) != value:
            data[name], field_seq[name], field_by[name] = value, seq, user.username
            changed = True
    if mutation.deleted and not record.deleted:
        record.deleted, changed = True, True
    for name in conflicts:
        session.add(
            SyncConflict(
                entity=mutation.entity,
                record_id=mutation.id,
                field=name,
                kept=json.dumps(data.get(name) if name != "deleted" else True, ensure_ascii=False),
                lost=json.dumps(
                    mutation.fields.get(name) if name != "deleted" else False, ensure_ascii=False
                ),
                mutation_id=mutation.mutation_id,
                at=now,
            )
        )
    if changed:
        record.data, record.field_seq, record.seq, record.updated_at = data, field_seq, seq, now
        record.field_by = field_by
    if conflicts:
        return MutationResult(
            mutation_id=mutation.mutation_id,
            status="conflict",
            seq=record.seq,
            current={**record.data, "deleted": record.deleted},
            current_by={name: field_by[name] for name in conflicts if name in field_by},
        )
    return MutationResult(mutation_id=mutation.mutation_id, status="applied", seq=record.seq)


def pull(
    session: Session,
    user: User,
    access: AccessPolicy,
    cursor: int,
    limit: int,
    epoch: str | None = None,
) -> PullOut:
    server_epoch = session.scalars(select(SyncCounter.epoch).where(SyncCounter.id == 1)).one()
    check_epoch(server_epoch, epoch)
    query = (
        select(SyncRecord)
        .where(SyncRecord.seq > cursor, access.visible(user))
        .order_by(SyncRecord.seq)
    )
    rows = session.scalars(query.limit(limit + 1)).all()
    page = rows[:limit]
    changes = [
        Change(entity=r.entity, id=r.id, seq=r.seq, fields=r.data, deleted=r.deleted) for r in page
    ]
    shas = set().union(*(blob_refs(r.entity, r.data) for r in page))
    missing = sorted(shas - held_for(session, user, access, shas))
    next_cursor = page[-1].seq if page else cursor
    return PullOut(
        changes=changes,
        next_cursor=str(next_cursor),
        has_more=len(rows) > limit,
        missing_blobs=missing,
        epoch=server_epoch,
    )


def current_records(
    session: Session,
    user: User,
    access: AccessPolicy,
    wanted: list[RecordRef],
    epoch: str | None = None,
) -> RecordsOut:
    """The server's present version of each named record the caller may see (a laptop
    that gave up a refused change puts its copy back in line); unknown ones are absent."""
    server_epoch = session.scalars(select(SyncCounter.epoch).where(SyncCounter.id == 1)).one()
    check_epoch(server_epoch, epoch)
    by_entity: dict[str, set[str]] = {}
    for ref in wanted:
        by_entity.setdefault(ref.entity, set()).add(ref.id)
    changes = []
    for entity, ids in sorted(by_entity.items()):
        query = select(SyncRecord).where(
            SyncRecord.entity == entity, SyncRecord.id.in_(ids), access.visible(user)
        )
        for r in session.scalars(query.order_by(SyncRecord.seq)):
            changes.append(
                Change(entity=r.entity, id=r.id, seq=r.seq, fields=r.data, deleted=r.deleted)
            )
    return RecordsOut(changes=changes, epoch=server_epoch)
