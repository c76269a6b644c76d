"""Typed FastAPI dependencies: the database session, the caller, role checks, and the
app-wide policies and blob store that create_app puts on app.state.

Dependencies live at module level: with postponed annotations FastAPI resolves the
aliases below from each route module's globals, so routes import them by name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from inspector_app.protocol.base import PROTOCOL_VERSION
from inspector_app.server import auth
from inspector_app.server.access import AccessPolicy
from inspector_app.server.blobs import BlobStore
from inspector_app.server.models import User


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Closed on the event loop right after the route, never waiting for a worker thread:
    a session waiting for a free thread while holding SQLite's write lock, with every
    thread waiting for that lock, stalled the server under 50 clients. Routes end their
    transaction (commit) before they return for the same reason."""
    db = request.app.state.sessions()
    try:
        yield db
    finally:
        db.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


# Async on purpose: FastAPI runs a sync dependency on a worker thread, and these only
# read app.state, so they must not queue for a thread (see get_session).


async def get_auth_policy(request: Request) -> auth.AuthPolicy:
    return request.app.state.policy


async def get_access(request: Request) -> AccessPolicy:
    return request.app.state.access


async def get_blob_store(request: Request) -> BlobStore:
    return request.app.state.blobs


AuthPolicyDep = Annotated[auth.AuthPolicy, Depends(get_auth_policy)]
AccessDep = Annotated[AccessPolicy, Depends(get_access)]
BlobStoreDep = Annotated[BlobStore, Depends(get_blob_store)]


def check_protocol(x_inspector_protocol: Annotated[str | None, Header()] = None) -> None:
    """An app that says it speaks another protocol gets a clear 426, not odd failures."""
    if x_inspector_protocol is not None and x_inspector_protocol != str(PROTOCOL_VERSION):
        raise HTTPException(
            426,
            f"本服务器使用同步协议 {PROTOCOL_VERSION}，请升级客户端。/ "
            f"This server speaks protocol {PROTOCOL_VERSION}; update the app.",
        )


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, or None."""
    if not authorization or not authorization.startswith("Bearer "):
        return None
    return authorization.removeprefix("Bearer ").strip()


def current_user(
    db: SessionDep, policy: AuthPolicyDep, authorization: Annotated[str | None, Header()] = None
) -> User:
    token = bearer_token(authorization)
    if token is None:
        raise HTTPException(401, "需要登录。/ Login required.")
    found = auth.authenticate(db, policy, token)
    if found is None:
        raise HTTPException(401, "登录已失效，请重新登录。/ The session has expired.")
    db.commit()  # the idle clock moved
    return found[0]


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*allowed: str) -> Callable[[User], User]:
    """A dependency that lets only these roles through (403 for the others)."""

    def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise HTTPException(403, "没有权限。/ Not allowed for this role.")
        return user

    return check


SupervisorUser = Annotated[User, Depends(require_role("supervisor", "admin"))]
AdminUser = Annotated[User, Depends(require_role("admin"))]
