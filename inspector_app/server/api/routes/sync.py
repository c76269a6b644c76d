"""Sync: push a batch of outbox mutations, pull the changes after a cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from inspector_app.protocol.sync import (
    MAX_PAGE,
    NEWEST_SCHEMA,
    OLDEST_SCHEMA,
    PullOut,
    PushIn,
    PushOut,
    RecordsIn,
    RecordsOut,
    ResetRequiredOut,
    cursor_value,
)
from inspector_app.server import sync
from inspector_app.server.api.deps import AccessDep, CurrentUser, SessionDep
from inspector_app.server.api.responses import ERRORS, errors

router = APIRouter(prefix="/sync", tags=["sync"])


def _check_schema(version: int) -> None:
    """The app's store schema: older or newer than this server understands is a clear 426."""
    if version < OLDEST_SCHEMA:
        raise HTTPException(
            426, "客户端版本过旧，请升级检查软件。/ The app is too old for this server; update it."
        )
    if version > NEWEST_SCHEMA:
        raise HTTPException(
            426,
            "服务器版本过旧，请联系管理员升级服务器。/ "
            "The server is older than the app; ask the administrator to update it.",
        )


def _reset_required(db: Session, reset: sync.ResetRequired) -> JSONResponse:
    """410 with the server's epoch: the client re-pushes its rows, then pulls from 0."""
    db.rollback()  # nothing was applied; let go of the counter lock at once
    body = ResetRequiredOut(detail=ERRORS[410], epoch=reset.epoch)
    return JSONResponse(body.model_dump(), status_code=410)


@router.post("/push", response_model=PushOut, responses=errors(410))
def sync_push(
    batch: PushIn, user: CurrentUser, db: SessionDep, access: AccessDep
) -> PushOut | JSONResponse:
    """A batch of outbox mutations, applied all together or not at all."""
    _check_schema(batch.schema_version)
    try:
        result = sync.push(db, user, batch, access)
    except sync.ResetRequired as reset:
        return _reset_required(db, reset)
    db.commit()
    return result


@router.get("/changes", response_model=PullOut, responses=errors(410))
def sync_changes(
    user: CurrentUser,
    db: SessionDep,
    access: AccessDep,
    cursor: Annotated[str, Query(max_length=64)] = "0",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
    schema_version: int | None = None,
    epoch: Annotated[str | None, Query(max_length=64)] = None,
) -> PullOut | JSONResponse:
    """Changes after the cursor that the caller may see, tombstones included; a client
    that names another server epoch gets 410."""
    if schema_version is not None:
        _check_schema(schema_version)
    position = cursor_value(cursor)
    if position is None:
        raise HTTPException(422, "无效的同步游标。/ Invalid cursor.")
    try:
        changes = sync.pull(db, user, access, position, limit, epoch)
    except sync.ResetRequired as reset:
        return _reset_required(db, reset)
    db.commit()
    return changes


@router.post("/records", response_model=RecordsOut, responses=errors(410))
def sync_records(
    wanted: RecordsIn, user: CurrentUser, db: SessionDep, access: AccessDep
) -> RecordsOut | JSONResponse:
    """The present version of named records, whatever the cursor (a read: POST only
    because the list of ids would not fit a URL)."""
    try:
        found = sync.current_records(db, user, access, wanted.records, wanted.epoch)
    except sync.ResetRequired as reset:
        return _reset_required(db, reset)
    db.commit()
    return found
