"""Passwords (Argon2id) and opaque bearer tokens (only their hash is stored)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from inspector_app.server import audit
from inspector_app.server.models import LoginFailure, Token, User

HASHER = PasswordHasher()  # argon2-cffi defaults: Argon2id
# A fixed hash to verify against when the user does not exist: same time, same answer.
_DUMMY_HASH = HASHER.hash("not a real password")


@dataclass(frozen=True)
class AuthPolicy:
    idle: timedelta = timedelta(hours=12)
    absolute: timedelta = timedelta(days=14)
    max_failures_per_account: int = 5
    max_failures_per_address: int = 20
    failure_window: timedelta = timedelta(minutes=15)


class LoginRefused(Exception):
    """Unknown user and wrong password look the same to the caller."""


class TooManyAttempts(Exception):
    pass


class AccountExists(Exception):
    """The user name is taken."""


def create_account(
    session: Session,
    *,
    actor: str,
    username: str,
    password: str,
    role: str,
    team: str,
    display_name: str = "",
) -> User:
    """The one way accounts are made (CLI and admin API): unique name, Argon2id hash, and
    an audit event, inside the caller's transaction."""
    if session.scalars(select(User).where(User.username == username)).first():
        raise AccountExists(username)
    account = User(
        username=username,
        display_name=display_name,
        role=role,
        team=team,
        password_hash=hash_password(password),
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(account)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="create_user",
        object_type="account",
        object_id=str(account.id),
        after=audit.digest(
            {"username": username, "display_name": display_name, "role": role, "team": team}
        ),
    )
    return account


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _recent_failures(session: Session, column, value: str, since: datetime) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(LoginFailure)
            .where(column == value, LoginFailure.at >= since)
        )
        or 0
    )


def _reserve_attempt(
    session: Session, policy: AuthPolicy, username: str, address: str, now: datetime
) -> LoginFailure:
    """Count this attempt as a failure, committed, before the slow password check: a burst
    of concurrent guesses then meets the limit after `max_failures` of them, instead of
    all being checked against a count none of them has raised yet. One transaction at a
    time per account and per address (SQLite: BEGIN IMMEDIATE; PostgreSQL: advisory
    locks, always account first); a refused attempt is not kept, so a locked account's
    attacker does not also lock out everyone behind the same address."""
    if session.get_bind().dialect.name == "postgresql":
        for key in (f"login account:{username}", f"login address:{address}"):
            session.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))
    attempt = LoginFailure(username=username, address=address, at=now)
    session.add(attempt)
    session.flush()
    since = now - policy.failure_window
    if (
        _recent_failures(session, LoginFailure.username, username, since)
        > policy.max_failures_per_account
        or _recent_failures(session, LoginFailure.address, address, since)
        > policy.max_failures_per_address
    ):
        session.rollback()
        raise TooManyAttempts
    session.commit()
    return attempt


def login(
    session: Session, policy: AuthPolicy, *, username: str, password: str, address: str, device: str
) -> tuple[User, str]:
    """A new token for the right password. Commits the attempt first (see
    _reserve_attempt); a wrong password leaves it counted, the right one takes it back.
    No transaction is open during the hash check (on SQLite one would hold the write lock)."""
    now = datetime.now(UTC)
    user = session.scalars(select(User).where(User.username == username)).first()
    attempt = _reserve_attempt(session, policy, username, address, now)
    try:
        HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        raise LoginRefused
    assert user is not None
    session.delete(attempt)
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    token = secrets.token_urlsafe(32)
    session.add(
        Token(
            user_id=user.id,
            token_hash=token_digest(token),
            device=device[:100],
            created_at=now,
            last_used_at=now,
            expires_at=now + policy.absolute,
        )
    )
    return user, token


def authenticate(session: Session, policy: AuthPolicy, token: str) -> tuple[User, Token] | None:
    """The user behind a live token, touching its idle clock; None when invalid."""
    now = datetime.now(UTC)
    row = session.scalars(select(Token).where(Token.token_hash == token_digest(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    last_used = _aware(row.last_used_at)
    if now >= _aware(row.expires_at) or now - last_used >= policy.idle:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = now
    return user, row


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def revoke(session: Session, which: ColumnElement[bool]) -> None:
    """End the live tokens matching `which` (one token, or all of a user's)."""
    session.execute(
        update(Token).where(which, Token.revoked_at.is_(None)).values(revoked_at=datetime.now(UTC))
    )
