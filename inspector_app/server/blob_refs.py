"""Which teams may learn of a blob: the records that name it, and who sent its bytes.

A sha256 is printed on every notice, so naming one proves nothing: a team is told the
server holds a blob, and may read it, only when it (or the caller) sent the bytes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.entities import blob_fields
from inspector_app.server.access import AccessPolicy
from inspector_app.server.models import BlobGrant, BlobRef, StoredBlob, User


def blob_refs(entity: str, fields: dict[str, Any]) -> set[str]:
    """The sha256s a record names in its blob fields (protocol/entities.py)."""
    found: set[str] = set()
    for name in blob_fields(entity):
        value = fields.get(name)
        values = value if isinstance(value, list) else [value]
        found.update(v for v in values if isinstance(v, str))
    return found


def held_for(session: Session, user: User, access: AccessPolicy, shas: set[str]) -> set[str]:
    """The named blobs the server holds that the caller may be told of: uploaded by the
    caller or a member of its team, or the caller sees every team. Any other is missing
    to the caller, whose laptop then sends the bytes, proving that it holds them."""
    if not shas:
        return set()
    rows = session.execute(
        select(StoredBlob.sha256, StoredBlob.uploaded_by).where(StoredBlob.sha256.in_(shas))
    ).tuples()
    if access.sees_all(user):
        return {sha for sha, _ in rows}
    granted = set(
        session.scalars(
            select(BlobGrant.sha256).where(BlobGrant.sha256.in_(shas), BlobGrant.team == user.team)
        )
    )
    return {sha for sha, uploader in rows if uploader == user.id or sha in granted}


def may_read_blob(
    session: Session, user: User, access: AccessPolicy, sha256: str, uploaded_by: int
) -> bool:
    """By its uploader, and through the records that name it for a team that also holds
    the bytes: a record of the caller's team names the blob (BlobRef) and a member of
    that team uploaded it (BlobGrant)."""
    if access.sees_all(user) or uploaded_by == user.id:
        return True
    key = (sha256, user.team)
    return session.get(BlobRef, key) is not None and session.get(BlobGrant, key) is not None


def record_refs(session: Session, refs: set[tuple[str, str]]) -> None:
    """Remembers which teams' records name which blobs (one query for the batch)."""
    if not refs:
        return
    known = set(
        session.execute(
            select(BlobRef.sha256, BlobRef.team).where(BlobRef.sha256.in_({sha for sha, _ in refs}))
        ).tuples()
    )
    session.add_all(BlobRef(sha256=sha, team=team) for sha, team in refs - known)
