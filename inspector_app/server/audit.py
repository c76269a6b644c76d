"""The audit log: every write appends an event whose hash chains to the one before.

The chain's end is also signed outside the database after each commit (audit_anchor.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from inspector_app.server.models import AuditEvent

if TYPE_CHECKING:
    from inspector_app.server.audit_anchor import AuditAnchor

ANCHOR = "audit_anchor"  # Session.info: the server's AuditAnchor (absent in the CLI)
GENESIS = "0" * 64
CHAIN_LOCK = 0x41554454  # an arbitrary advisory-lock key: "AUDT"


def _event_hash(prev_hash: str, fields: dict[str, str]) -> str:
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def _fields(event: AuditEvent) -> dict[str, str]:
    at = event.at if event.at.tzinfo else event.at.replace(tzinfo=UTC)
    return {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": event.actor,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before_digest,
        "after": event.after_digest,
    }


def digest(value: object) -> str:
    """sha256 of a record's canonical JSON: the log keeps digests, not the data itself."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _lock_chain(session: Session) -> None:
    """Appends are serialized so two transactions never chain to the same event.

    SQLite transactions here already start with BEGIN IMMEDIATE (one writer).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})


@dataclass(frozen=True)
class Entry:
    actor: str
    action: str
    object_type: str
    object_id: str
    before: str = ""
    after: str = ""


def append(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    before: str = "",
    after: str = "",
) -> AuditEvent:
    """Call inside the transaction of the write it records (the caller commits both)."""
    return append_many(session, [Entry(actor, action, object_type, str(object_id), before, after)])[
        -1
    ]


def append_many(session: Session, entries: list[Entry]) -> list[AuditEvent]:
    """Appends several events with one read of the chain's end (a sync batch)."""
    if not entries:
        return []
    _lock_chain(session)
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    previous = last.hash if last else GENESIS
    now = datetime.now(UTC)
    events = []
    for entry in entries:
        event = AuditEvent(
            at=now,
            actor=entry.actor,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id[:64],
            before_digest=entry.before,
            after_digest=entry.after,
            prev_hash=previous,
            hash="",
        )
        event.hash = previous = _event_hash(previous, _fields(event))
        events.append(event)
    session.add_all(events)
    session.flush()
    anchor: AuditAnchor | None = session.info.get(ANCHOR)
    if anchor is not None:
        anchor.stage(session, last, events[-1])
    return events


def first_broken(session: Session) -> int | None:
    """The sequence number of the first event that does not match the chain, or None."""
    previous = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        if event.prev_hash != previous or event.hash != _event_hash(previous, _fields(event)):
            return event.seq
        previous = event.hash
    return None
