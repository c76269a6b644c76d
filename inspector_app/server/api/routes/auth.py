"""Login, logout and who the caller is."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request

from inspector_app.protocol.auth import LoginIn, LoginOut, UserOut
from inspector_app.server import audit, auth
from inspector_app.server.api.deps import AuthPolicyDep, CurrentUser, SessionDep, bearer_token
from inspector_app.server.api.responses import errors
from inspector_app.server.models import Token, User

WRONG_LOGIN = "用户名或密码错误。/ Wrong user name or password."
log = logging.getLogger("inspector.server")
router = APIRouter(tags=["auth"])


def user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username, display_name=user.display_name, role=user.role, team=user.team
    )


def _log_refused_login(username: str, address: str, reason: str) -> None:
    """A security event for the operator; the JSON formatter escapes the typed name."""
    log.warning(
        "login refused",
        extra={"fields": {"username": username[:64], "address": address, "reason": reason}},
    )


@router.post("/auth/login", response_model=LoginOut, responses=errors(429))
def login(body: LoginIn, request: Request, db: SessionDep, policy: AuthPolicyDep) -> LoginOut:
    address = request.client.host if request.client else ""
    try:
        user, token = auth.login(
            db,
            policy,
            username=body.username,
            password=body.password,
            address=address,
            device=body.device,
        )
    except auth.TooManyAttempts:
        _log_refused_login(body.username, address, "locked")
        raise HTTPException(
            429, "尝试次数过多，请稍后再试。/ Too many attempts; try later."
        ) from None
    except auth.LoginRefused:  # the failure is already counted and committed
        _log_refused_login(body.username, address, "wrong")
        raise HTTPException(401, WRONG_LOGIN) from None
    audit.append(
        db, actor=user.username, action="login", object_type="account", object_id=str(user.id)
    )
    db.commit()
    return LoginOut(token=token, user=user_out(user))


@router.post("/auth/logout", status_code=204)
def logout(
    user: CurrentUser, db: SessionDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Revoke the token this request came with (CurrentUser has checked it)."""
    digest = auth.token_digest(bearer_token(authorization) or "")
    auth.revoke(db, Token.token_hash == digest)
    audit.append(
        db, actor=user.username, action="logout", object_type="account", object_id=str(user.id)
    )
    db.commit()


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
