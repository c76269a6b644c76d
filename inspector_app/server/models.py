"""Server tables. Separate metadata and migration history from the desktop store."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class ServerBase(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True)}  # noqa: RUF012


class User(ServerBase):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))  # inspector | supervisor | admin
    team: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class Token(ServerBase):
    """A bearer token: only its sha256 is stored."""

    __tablename__ = "token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class LoginFailure(ServerBase):
    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class NoticeCounter(ServerBase):
    """The last serial given for an issuing authority's code and year."""

    __tablename__ = "notice_counter"

    organ_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class IssuedNumber(ServerBase):
    """Every number ever given; never reused, even after a withdrawal."""

    __tablename__ = "issued_number"
    __table_args__ = (UniqueConstraint("organ_code", "year", "serial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organ_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    notice_id: Mapped[str] = mapped_column(String(36), unique=True)
    issued_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    issued_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")


class BulletinCounter(ServerBase):
    """The last serial of a 通报 series (migration 0009): per 代字 and year, apart from the
    notices' counter, so a bulletin never takes a notice's number or leaves a gap in it."""

    __tablename__ = "bulletin_counter"

    organ_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class IssuedBulletinNumber(ServerBase):
    """Every bulletin number given, with the period it was asked for; never reused."""

    __tablename__ = "issued_bulletin_number"
    __table_args__ = (UniqueConstraint("organ_code", "year", "serial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organ_code: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    bulletin_id: Mapped[str] = mapped_column(String(36), unique=True)
    period_from: Mapped[str] = mapped_column(String(10))
    period_to: Mapped[str] = mapped_column(String(10))
    campaign_id: Mapped[str] = mapped_column(String(36), default="")
    issued_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    issued_at: Mapped[datetime]


class NoticeDigest(ServerBase):
    """The canonical content digest of a numbered notice's issued PDF (核验, migration
    0008): recorded once by a supervisor, never changed, looked up by digest or by id."""

    __tablename__ = "notice_digest"

    notice_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    recorded_at: Mapped[datetime]


class AuditEvent(ServerBase):
    """Append-only and hash-chained; triggers refuse UPDATE and DELETE (migration 0001)."""

    __tablename__ = "audit_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str] = mapped_column(String(64))
    before_digest: Mapped[str] = mapped_column(String(64), default="")
    after_digest: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class StoredBlob(ServerBase):
    """A photo stored by its sha256; the bytes live in the blob folder."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(32))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[datetime]


class BlobGrant(ServerBase):
    """A team that holds a blob's bytes: one of its members uploaded them. A hash is
    printed on every notice, so a record naming one proves nothing by itself."""

    __tablename__ = "blob_grant"

    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), primary_key=True)


class BlobRef(ServerBase):
    """A team has a record that names this blob (it may arrive before the bytes)."""

    __tablename__ = "blob_ref"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), primary_key=True)


class BlobUpload(ServerBase):
    """A resumable upload in progress: bytes so far sit in incoming/<id>.part."""

    __tablename__ = "blob_upload"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[datetime]


class SyncCounter(ServerBase):
    """The server-wide change sequence; its row is locked while a push commits.

    The epoch is a random UUID that names this database's history: `new-epoch` replaces
    it after a restore from a backup, and clients from another epoch get 410."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[str] = mapped_column(String(36))


class SyncRecord(ServerBase):
    """A synced record as clients send it: fields as JSON, per-field sequence numbers."""

    __tablename__ = "sync_record"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), index=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    deleted: Mapped[bool] = mapped_column(default=False)
    data: Mapped[dict] = mapped_column(JSON)
    field_seq: Mapped[dict] = mapped_column(JSON)
    # Added in 0005: who last wrote each field (a username), shown with a conflict.
    field_by: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by: Mapped[int] = mapped_column(ForeignKey("account.id"))
    updated_at: Mapped[datetime]


class AppliedMutation(ServerBase):
    """Kept for good: an offline laptop may retry a push weeks later."""

    __tablename__ = "applied_mutation"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    result: Mapped[dict] = mapped_column(JSON)
    applied_at: Mapped[datetime]
    # Added in 0006: sha256 of what it wrote; the same id with other content is refused.
    digest: Mapped[str | None] = mapped_column(String(64), default=None)


class SyncConflict(ServerBase):
    """The value that lost a concurrent edit: kept and shown, never silently dropped."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    kept: Mapped[str] = mapped_column(Text)
    lost: Mapped[str] = mapped_column(Text)
    mutation_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
