"""What the app shows about sync: totals for the status bar, a state per inspection,
the open conflicts side by side, and the user's answer to one.

Plain reads over the store (plus two small writes for the user's choices), so the
home list, the runner and the CLI tell the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from inspector_app.store.models import (
    Blob,
    Finding,
    Inspection,
    OutboxEntry,
    Photo,
    SyncConflict,
)
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.store.wire import from_wire, synced_models
from inspector_app.sync import refetch, state


class RecordSyncState(Enum):
    """Worst first: a conflict needs the user, a refusal too, then what is waiting."""

    CONFLICT = "conflict"
    REJECTED = "rejected"
    PHOTO_MISSING = "photo_missing"  # the server has the record but not yet its photo
    PENDING = "pending"
    SYNCED = "synced"
    LOCAL = "local"  # never synced and nothing waiting (e.g. sync never set up)


@dataclass(frozen=True)
class SyncOverview:
    pending: int
    rejected: int
    conflicts: int
    photos_waiting: int
    last_sync_at: datetime | None
    server_url: str
    username: str
    clock_skew_s: int = 0  # laptop clock minus server clock at the last sync


def overview(uow: UnitOfWork) -> SyncOverview:
    session = uow.session
    counts = dict(
        session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all()
    )
    open_conflicts = session.scalar(
        select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
    )
    waiting = session.scalar(select(func.count()).select_from(Blob).where(Blob.uploaded.is_(False)))
    last = state.get(session, "last_sync_at")
    return SyncOverview(
        pending=counts.get("pending", 0) + counts.get("in_flight", 0),
        rejected=counts.get("rejected", 0),
        conflicts=open_conflicts or 0,
        photos_waiting=waiting or 0,
        last_sync_at=datetime.fromisoformat(last) if last else None,
        server_url=state.get(session, "server_url") or "",
        username=state.get(session, "username") or "",
        clock_skew_s=int(state.get(session, "clock_skew_s") or 0),
    )


def _inspections_of(session: Session, entity_col: Any, id_col: Any, where: Any) -> set[str]:
    """Inspection ids that rows (entity, record id) belong to, through finding and photo."""
    direct = select(id_col).where(where, entity_col == "inspection")
    findings = select(Finding.inspection_id).where(
        Finding.id == id_col, where, entity_col == "finding"
    )
    photos = (
        select(Finding.inspection_id)
        .join(Photo, Photo.finding_id == Finding.id)
        .where(Photo.id == id_col, where, entity_col == "photo")
    )
    return set(session.scalars(union(direct, findings, photos)))


def inspection_states(uow: UnitOfWork, inspection_ids: list[str]) -> dict[str, RecordSyncState]:
    """One state per inspection, counting its findings and photos."""
    session = uow.session
    conflicted = _inspections_of(
        session, SyncConflict.entity, SyncConflict.record_id, SyncConflict.resolved_at.is_(None)
    )
    rejected = _inspections_of(
        session, OutboxEntry.entity, OutboxEntry.record_id, OutboxEntry.state == "rejected"
    )
    pending = _inspections_of(
        session,
        OutboxEntry.entity,
        OutboxEntry.record_id,
        OutboxEntry.state.in_(("pending", "in_flight")),
    )
    missing = set(
        session.scalars(
            select(Finding.inspection_id)
            .join(Photo, Photo.finding_id == Finding.id)
            .join(Blob, Blob.sha256 == Photo.sha256)
            .where(Blob.uploaded.is_(False), Photo.deleted.is_(False))
            .where(Photo.server_rev.is_not(None))
        )
    )
    synced = set(
        session.scalars(
            select(Inspection.id).where(
                Inspection.id.in_(inspection_ids), Inspection.server_rev.is_not(None)
            )
        )
    )
    states: dict[str, RecordSyncState] = {}
    for inspection_id in inspection_ids:
        if inspection_id in conflicted:
            states[inspection_id] = RecordSyncState.CONFLICT
        elif inspection_id in rejected:
            states[inspection_id] = RecordSyncState.REJECTED
        elif inspection_id in missing:
            states[inspection_id] = RecordSyncState.PHOTO_MISSING
        elif inspection_id in pending:
            states[inspection_id] = RecordSyncState.PENDING
        elif inspection_id in synced:
            states[inspection_id] = RecordSyncState.SYNCED
        else:
            states[inspection_id] = RecordSyncState.LOCAL
    return states


def flagged_inspections(uow: UnitOfWork) -> dict[str, RecordSyncState]:
    """The inspections that need a word in a list (conflict, refused, photo or edits
    waiting), whatever their number: a fixed handful of queries for the whole home list.
    The others are synced if the server acknowledged them, else local."""
    session = uow.session
    groups = (
        (
            RecordSyncState.PENDING,
            _inspections_of(
                session,
                OutboxEntry.entity,
                OutboxEntry.record_id,
                OutboxEntry.state.in_(("pending", "in_flight")),
            ),
        ),
        (
            RecordSyncState.PHOTO_MISSING,
            set(
                session.scalars(
                    select(Finding.inspection_id)
                    .join(Photo, Photo.finding_id == Finding.id)
                    .join(Blob, Blob.sha256 == Photo.sha256)
                    .where(Blob.uploaded.is_(False), Photo.deleted.is_(False))
                    .where(Photo.server_rev.is_not(None))
                )
            ),
        ),
        (
            RecordSyncState.REJECTED,
            _inspections_of(
                session, OutboxEntry.entity, OutboxEntry.record_id, OutboxEntry.state == "rejected"
            ),
        ),
        (
            RecordSyncState.CONFLICT,
            _inspections_of(
                session,
                SyncConflict.entity,
                SyncConflict.record_id,
                SyncConflict.resolved_at.is_(None),
            ),
        ),
    )
    states: dict[str, RecordSyncState] = {}
    for state_of_group, ids in groups:  # least urgent first: the worst one stays
        for inspection_id in ids:
            states[inspection_id] = state_of_group
    return states


def inspections_of_records(uow: UnitOfWork, ids: dict[str, set[str]]) -> set[str]:
    """The inspections that touched findings and photos (entity name -> ids) belong to."""
    session = uow.session
    found = set(ids.get("inspection", ()))
    findings = list(ids.get("finding", ()))
    photos = list(ids.get("photo", ()))
    for start in range(0, len(findings), 500):
        found.update(
            session.scalars(
                select(Finding.inspection_id).where(Finding.id.in_(findings[start : start + 500]))
            )
        )
    for start in range(0, len(photos), 500):
        found.update(
            session.scalars(
                select(Finding.inspection_id)
                .join(Photo, Photo.finding_id == Finding.id)
                .where(Photo.id.in_(photos[start : start + 500]))
            )
        )
    return found


@dataclass(frozen=True)
class ConflictView:
    n: int
    entity: str
    record_id: str
    field: str
    local_value: Any
    server_value: Any
    local_at: datetime | None
    server_at: datetime | None
    detected_at: datetime
    label: str  # what the record is, for the user (a finding's title)
    local_by: str | None = None  # account names: who made each value
    server_by: str | None = None


def open_conflicts(uow: UnitOfWork) -> list[ConflictView]:
    session = uow.session
    views = []
    for row in session.scalars(
        select(SyncConflict).where(SyncConflict.resolved_at.is_(None)).order_by(SyncConflict.n)
    ):
        label = ""
        if row.entity == "finding":
            finding = session.get(Finding, row.record_id)
            label = finding.title if finding is not None else ""
        views.append(
            ConflictView(
                row.n,
                row.entity,
                row.record_id,
                row.field,
                row.local_value,
                row.server_value,
                row.local_at,
                row.server_at,
                row.detected_at,
                label,
                row.local_by,
                row.server_by,
            )
        )
    return views


def resolve_conflict(uow: UnitOfWork, n: int, *, keep_mine: bool) -> str:
    """The user's choice. Keeping mine is an ordinary edit: it goes through the outbox
    from the server's current revision, so it syncs and applies like any edit.
    A deletion the server kept can only be acknowledged (there is no undelete)."""
    session = uow.session
    conflict = session.get(SyncConflict, n)
    if conflict is None or conflict.resolved_at is not None:
        return ""
    if keep_mine and conflict.field != "deleted":
        model = synced_models()[conflict.entity]
        record = session.get(model, conflict.record_id)
        if record is not None:
            values = from_wire(model, {conflict.field: conflict.local_value})
            for name, value in values.items():
                setattr(record, name, value)
    conflict.resolved_at = utc_now()
    conflict.resolution = "mine" if keep_mine else "server"
    return conflict.record_id


@dataclass(frozen=True)
class RejectedView:
    n: int
    entity: str
    record_id: str
    fields: tuple[str, ...]
    message: str  # the server's, "中文 / English" as it said it
    made_at: datetime
    label: str


def rejected_views(uow: UnitOfWork) -> list[RejectedView]:
    """Changes the server refused, with its reason, for the app to show."""
    views = []
    for entry in rejected_entries(uow):
        label = ""
        if entry.entity == "finding":
            finding = uow.session.get(Finding, entry.record_id)
            label = finding.title if finding is not None else ""
        views.append(
            RejectedView(
                entry.n,
                entry.entity,
                entry.record_id,
                tuple(sorted(entry.fields)),
                entry.message or "",
                entry.created_at,
                label,
            )
        )
    return views


def rejected_entries(uow: UnitOfWork) -> list[OutboxEntry]:
    return list(
        uow.session.scalars(
            select(OutboxEntry).where(OutboxEntry.state == "rejected").order_by(OutboxEntry.n)
        )
    )


def discard_rejected(uow: UnitOfWork, n: int) -> None:
    """The user gives up a change the server refused: the next sync puts the server's
    version of the record back (sync/refetch.py); until then it shows the refused value."""
    entry = uow.session.get(OutboxEntry, n)
    if entry is not None and entry.state == "rejected":
        refetch.queue(uow.session, entry.entity, entry.record_id)
        uow.session.delete(entry)
