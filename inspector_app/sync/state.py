"""This laptop's sync facts in the store's `sync_state` table: who it is to the server,
how far it has pulled, from which server epoch, and when it last finished.

Kept in the same database as the records, so a pulled page and its cursor commit
together and a restored data dir knows exactly where it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete as sa_delete
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.store.models import SyncState
from inspector_app.store.types import new_id


@dataclass
class LocalSyncState:
    client_id: str
    cursor: str
    epoch: str
    server_url: str
    last_sync_at: datetime | None


def get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row is not None else None


def put(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def delete(session: Session, key: str) -> None:
    row = session.get(SyncState, key)
    if row is not None:
        session.delete(row)


def keys(session: Session, prefix: str) -> list[str]:
    return list(session.scalars(select(SyncState.key).where(SyncState.key.startswith(prefix))))


def items(session: Session, prefix: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(SyncState.key, SyncState.value).where(SyncState.key.startswith(prefix))
    )
    return [(key, value) for key, value in rows]


def delete_prefixed(session: Session, prefix: str) -> None:
    session.execute(sa_delete(SyncState).where(SyncState.key.startswith(prefix)))


def load(session: Session) -> LocalSyncState:
    """The state, with a client id made on first use (it names this laptop's pushes)."""
    client_id = get(session, "client_id")
    if client_id is None:
        client_id = new_id()
        put(session, "client_id", client_id)
    last = get(session, "last_sync_at")
    return LocalSyncState(
        client_id=client_id,
        cursor=get(session, "cursor") or "0",
        epoch=get(session, "epoch") or "",
        server_url=get(session, "server_url") or "",
        last_sync_at=datetime.fromisoformat(last) if last else None,
    )
