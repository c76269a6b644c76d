"""Accounts, for admins: list, create, deactivate, end every session of one user."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.auth import AccountOut, NewUserIn
from inspector_app.server import audit, auth
from inspector_app.server.api.deps import AdminUser, SessionDep
from inspector_app.server.api.responses import errors
from inspector_app.server.api.routes.auth import user_out
from inspector_app.server.models import Token, User

router = APIRouter(prefix="/admin/users", tags=["admin"])


def _account_out(account: User) -> AccountOut:
    return AccountOut(**user_out(account).model_dump(), active=account.active)


def _account_or_404(db: Session, username: str) -> User:
    target = db.scalars(select(User).where(User.username == username)).first()
    if target is None:
        raise HTTPException(404, "没有这个用户。/ No such user.")
    return target


@router.get("", response_model=list[AccountOut], responses=errors(403))
def list_users(db: SessionDep, admin: AdminUser) -> list[AccountOut]:
    accounts = [
        _account_out(account) for account in db.scalars(select(User).order_by(User.username))
    ]
    db.commit()
    return accounts


@router.post("", response_model=AccountOut, status_code=201, responses=errors(403, 409))
def create_user(body: NewUserIn, db: SessionDep, admin: AdminUser) -> AccountOut:
    try:
        account = auth.create_account(
            db,
            actor=admin.username,
            username=body.username,
            password=body.password,
            role=body.role,
            team=body.team,
            display_name=body.display_name,
        )
    except auth.AccountExists:
        raise HTTPException(409, "该用户名已被使用。/ That user name is taken.") from None
    db.commit()
    return _account_out(account)


@router.post("/{username}/revoke-tokens", status_code=204, responses=errors(403, 404))
def revoke_tokens(username: str, db: SessionDep, admin: AdminUser) -> None:
    target = _account_or_404(db, username)
    auth.revoke(db, Token.user_id == target.id)
    audit.append(
        db,
        actor=admin.username,
        action="revoke_tokens",
        object_type="account",
        object_id=str(target.id),
    )
    db.commit()


@router.post("/{username}/deactivate", status_code=204, responses=errors(403, 404))
def deactivate(username: str, db: SessionDep, admin: AdminUser) -> None:
    target = _account_or_404(db, username)
    target.active = False
    auth.revoke(db, Token.user_id == target.id)
    audit.append(
        db,
        actor=admin.username,
        action="deactivate",
        object_type="account",
        object_id=str(target.id),
    )
    db.commit()
