"""The audit log: every write appends an event whose hash chains to the one before."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.server.models import AuditEvent

GENESIS = "0" * 64


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
    last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
    event = AuditEvent(
        at=datetime.now(UTC),
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before_digest=before,
        after_digest=after,
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    event.hash = _event_hash(event.prev_hash, _fields(event))
    session.add(event)
    session.flush()
    return event


def first_broken(session: Session) -> int | None:
    """The sequence number of the first event that does not match the chain, or None."""
    previous = GENESIS
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.seq)):
        if event.prev_hash != previous or event.hash != _event_hash(previous, _fields(event)):
            return event.seq
        previous = event.hash
    return None
