"""The audit chain's signed head, kept outside the database.

The hash chain shows that no event was changed in place, but someone with SQL access
can cut the last events or re-hash a forged chain and it still checks out. So after
each audited commit the server signs the chain's end (seq, hash) with HMAC-SHA256 under
a key in its data folder (`<blobs>/audit/head.key`, never in the database), writes it
to `<blobs>/audit/head.json` and to its log; `verify-audit` checks the chain against it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.server import audit
from inspector_app.server.models import AuditEvent

PENDING = "audit_head_pending"  # Session.info: the end this transaction appended
log = logging.getLogger("inspector_app.server.audit")


class BadHead(Exception):
    """The head file does not parse or its signature does not match the key."""


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def _mac(key: bytes, head: Head) -> str:
    message = f"audit-head\n{head.seq}\n{head.hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class AuditAnchor:
    """One per server process: signs heads in order and never moves one backwards."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key_file = folder / "head.key"
        self.head_file = folder / "head.json"
        self._lock = threading.Lock()
        self._head: Head | None = None
        self._loaded = False
        self._key: bytes | None = None

    def key(self, *, create: bool = False) -> bytes | None:
        try:
            return bytes.fromhex(self.key_file.read_text().strip())
        except FileNotFoundError:
            if not create:
                return None
        self.folder.mkdir(parents=True, exist_ok=True)
        try:  # readable by the server's account only
            fd = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return self.key()
        key = secrets.token_bytes(32)
        with os.fdopen(fd, "w") as out:
            out.write(key.hex())
            out.flush()
            os.fsync(out.fileno())
        return key

    def read(self) -> Head | None:
        """The signed head on disk (None when there is none); BadHead when it is forged."""
        try:
            payload = json.loads(self.head_file.read_text())
        except FileNotFoundError:
            return None
        except ValueError as error:
            raise BadHead(str(error)) from None
        key = self.key()
        if key is None or not isinstance(payload, dict):
            raise BadHead("no key")
        try:
            head = Head(int(payload["seq"]), str(payload["hash"]))
            signed = hmac.compare_digest(_mac(key, head), str(payload["mac"]))
        except (KeyError, TypeError, ValueError):
            signed = False
        if not signed:
            raise BadHead("signature")
        return head

    def _current(self) -> Head | None:
        if not self._loaded:
            self._head, self._loaded = self.read(), True
        return self._head

    def stage(self, session: Session, previous: AuditEvent | None, end: AuditEvent) -> None:
        """Called by audit.append_many: the new end is signed after commit, but only when
        the chain still holds the last signed head (else the head stays, as evidence)."""
        try:
            with self._lock:
                signed = self._current()
        except BadHead:
            signed, intact = None, False
        else:
            intact = signed is None or _holds(session, previous, signed)
        if not intact:
            log.error("audit log no longer matches its signed head: run verify-audit")
            return
        session.info[PENDING] = Head(end.seq, end.hash)

    def advance(self, head: Head) -> None:
        with self._lock:
            current = self._current()
            if current is not None and head.seq <= current.seq:
                return  # a later commit already signed a later end
            if self._key is None:
                self._key = self.key(create=True)
            assert self._key is not None
            mac = _mac(self._key, head)
            payload = {"seq": head.seq, "hash": head.hash, "mac": mac}
            payload["signed_at"] = datetime.now(UTC).isoformat()
            temp = self.head_file.with_suffix(".tmp")
            with temp.open("w") as out:
                json.dump(payload, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.head_file)
            self._head = head
        log.info("audit head signed", extra={"fields": {"audit_head": payload}})


def _holds(session: Session, previous: AuditEvent | None, signed: Head) -> bool:
    if previous is None or previous.seq < signed.seq:
        return False
    if previous.seq == signed.seq:
        return previous.hash == signed.hash
    stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == signed.seq))
    return stored == signed.hash


def install(factory: sessionmaker[Session], folder: Path) -> AuditAnchor:
    """Every session of `factory` signs the chain's end after a commit that appended."""
    anchor = AuditAnchor(folder)
    factory.configure(info={audit.ANCHOR: anchor})

    def begun(session: Session, *_: Any) -> None:
        session.info.pop(PENDING, None)  # left by a transaction that rolled back

    def committed(session: Session) -> None:
        head = session.info.pop(PENDING, None)
        if head is not None:
            try:
                anchor.advance(head)
            except OSError:  # the write is committed; the next one signs again
                log.exception("could not write the signed audit head")

    event.listen(factory, "after_begin", begun)
    event.listen(factory, "after_commit", committed)
    return anchor


def verify(session: Session, folder: Path) -> tuple[bool, str]:
    """The chain, then its end against the signed head: (intact, the operator's message)."""
    broken = audit.first_broken(session)
    if broken is not None:
        return False, (
            f"审计日志在第 {broken} 条事件处被篡改。/ The audit log is broken at event {broken}."
        )
    anchor = AuditAnchor(folder)
    if anchor.key() is None and not anchor.head_file.exists():
        return True, f"audit log intact (hash chain only: no signed head in {folder})"
    try:
        head = anchor.read()
    except BadHead:
        return False, (
            f"签名链头 {anchor.head_file} 未通过签名校验（伪造或损坏）。/ The signed head "
            f"{anchor.head_file} fails its signature check: forged or damaged."
        )
    if head is None:
        return False, (
            f"签名链头缺失：{anchor.head_file}。/ The signed head is missing: "
            f"{anchor.head_file} (its key is there)."
        )
    stored = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == head.seq))
    end = session.scalar(select(func.max(AuditEvent.seq))) or 0
    if stored is None:
        return False, (
            f"审计日志末尾的事件被删除：签名链头为第 {head.seq} 条，日志止于第 {end} 条。/ "
            f"Events were cut from the audit log: the signed head is event {head.seq}, "
            f"the log ends at event {end}."
        )
    if stored != head.hash:
        return False, (
            f"审计日志被截断或改写：第 {head.seq} 条事件与签名链头不符。/ The audit log was "
            f"cut or rewritten: event {head.seq} differs from the signed head."
        )
    later = session.scalar(select(func.count()).where(AuditEvent.seq > head.seq)) or 0
    return True, f"audit log intact (signed head at event {head.seq}; {later} events after it)"
