"""Sync protocol v1: push mutations, pull changes after a cursor (docs/sync-protocol.md)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field

from inspector_app.protocol.base import UUID_TEXT, Strict
from inspector_app.protocol.entities import Entity

MAX_BATCH = 200
# Sequence numbers are 32-bit integer columns: a larger cursor or revision would be a
# database error on PostgreSQL and a plain comparison on SQLite, so both refuse it here.
MAX_SEQ = 2**31 - 1
MAX_PAGE = 1000
CURSOR_TEXT = r"^[0-9]{1,10}$"  # ASCII digits only: "²".isdigit() is true
# The desktop store's schema versions (store/schema_version.py) this protocol carries.
OLDEST_SCHEMA, NEWEST_SCHEMA = 1, 11


class Mutation(Strict):
    """One outbox entry: the changed fields of one record, and the revision they came from."""

    mutation_id: str = Field(pattern=UUID_TEXT)
    entity: Entity
    id: str = Field(pattern=UUID_TEXT)
    base_rev: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    fields: dict[str, Any] = Field(default_factory=dict)
    deleted: bool = False
    hlc: str = Field(default="", max_length=32)


class PushIn(Strict):
    client_id: str = Field(min_length=1, max_length=64)
    schema_version: int
    mutations: list[Mutation] = Field(max_length=MAX_BATCH)
    # The server epoch the client last pulled from; another one is 410 reset_required.
    epoch: str | None = Field(default=None, max_length=64)


def cursor_value(cursor: str) -> int | None:
    """The sequence number a pull cursor names, or None for one no server could give."""
    if not re.fullmatch(CURSOR_TEXT, cursor) or int(cursor) > MAX_SEQ:
        return None
    return int(cursor)


class MutationResult(BaseModel):
    mutation_id: str
    status: Literal["applied", "already_applied", "conflict", "rejected"]
    seq: int | None = None
    current: dict[str, Any] | None = None  # the server's version, on conflict
    current_by: dict[str, str] | None = None  # who wrote each of its fields, on conflict
    message: str | None = None


class PushOut(BaseModel):
    results: list[MutationResult]
    missing_blobs: list[str]


class Change(BaseModel):
    entity: str
    id: str
    seq: int
    fields: dict[str, Any]
    deleted: bool


class PullOut(BaseModel):
    changes: list[Change]
    next_cursor: str
    has_more: bool
    missing_blobs: list[str]  # photos in this page whose bytes the server does not have yet
    epoch: str  # changes when the server's database is restored from a backup (SYNC.md G12)


class RecordRef(Strict):
    entity: Entity
    id: str = Field(pattern=UUID_TEXT)


class RecordsIn(Strict):
    """Records a client wants the server's current version of, whatever its cursor: the
    ones whose refused change the user gave up (docs/sync-protocol.md, "Given-up changes")."""

    records: list[RecordRef] = Field(max_length=MAX_PAGE)
    epoch: str | None = Field(default=None, max_length=64)


class RecordsOut(BaseModel):
    """The named records the caller may see, as changes; the others are simply absent."""

    changes: list[Change]
    epoch: str


class ResetRequiredOut(BaseModel):
    """410 to a push or pull from another epoch: re-push local rows, then pull from 0."""

    detail: str
    reset_required: bool = True
    epoch: str
