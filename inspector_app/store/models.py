"""SQLAlchemy 2 typed models of the local store.

Every record that syncs derives from `Synced`: a client-generated UUID,
created/updated timestamps, the server revision it was last seen at (NULL
until synced) and a tombstone flag instead of hard deletes. Changes to these
records are captured into `OutboxEntry` rows by `store.outbox` in the same
transaction. Photo bytes live in files named by their sha256 (`Blob` rows
describe them); only references to them sync as records.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum as PyEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from inspector_app.domain.finding import FindingResult, FindingStatus, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.rectification import VerificationResult
from inspector_app.store.types import UTCDateTime, new_id, utc_now


def enum_column(cls: type[PyEnum]) -> Enum:
    """Store an enum by its value as plain text (no CHECK: old clients must read new values)."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict: JSON,
        list: JSON,
    }


class Synced:
    """Columns every synced record carries (see docs/sync-protocol.md)."""

    __sync_entity__: ClassVar[str]

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    server_rev: Mapped[int | None] = mapped_column(default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    def __init__(self, **kwargs: Any) -> None:
        # The id exists from construction, so related records can point at it before a flush.
        kwargs.setdefault("id", new_id())
        super().__init__(**kwargs)


# --- registry and templates (owned by administrators, pulled by clients) ---


class Unit(Synced, Base):
    """责任单位: the department that staffs windows and answers notices."""

    __tablename__ = "unit"
    __sync_entity__ = "unit"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")


class Site(Synced, Base):
    """被检查地点: a service hall."""

    __tablename__ = "site"
    __sync_entity__ = "site"

    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    managing_unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"), default=None)


class Window(Synced, Base):
    """窗口 of a site, and the unit that staffs it."""

    __tablename__ = "window"
    __sync_entity__ = "window"
    __table_args__ = (UniqueConstraint("site_id", "number"),)

    site_id: Mapped[str] = mapped_column(ForeignKey("site.id"), index=True)
    number: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"))


class ChecklistTemplateRecord(Synced, Base):
    """One version of a checklist template; inspections point at the version they used."""

    __tablename__ = "checklist_template"
    __sync_entity__ = "checklist_template"
    __table_args__ = (UniqueConstraint("code", "version"),)

    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    content: Mapped[dict] = mapped_column(JSON)


class Campaign(Synced, Base):
    """专项监督行动. Its planned sites are visible to its team only (四不两直)."""

    __tablename__ = "campaign"
    __sync_entity__ = "campaign"

    title: Mapped[str] = mapped_column(String(300))
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    planned_site_ids: Mapped[list] = mapped_column(JSON, default=list)
    team: Mapped[list] = mapped_column(JSON, default=list)


class PlanOpening(Synced, Base):
    """启封: a campaign's sealed 暗访 plan opened by one account (migration 0010).

    Written once by `services.sealed_plans.open_plan` and never edited; the server takes
    it only from the campaign's own team and writes it into its audit log, so who saw the
    planned halls, and when, is on record.
    """

    __tablename__ = "plan_opening"
    __sync_entity__ = "plan_opening"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"), index=True)
    opened_by: Mapped[str] = mapped_column(String(64))  # the account name, as the server knows it
    opened_at: Mapped[datetime] = mapped_column()


# --- inspection work recorded on the laptop ---


class Inspection(Synced, Base):
    __tablename__ = "inspection"
    __sync_entity__ = "inspection"

    campaign_id: Mapped[str | None] = mapped_column(ForeignKey("campaign.id"), default=None)
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_template.id"))
    site_id: Mapped[str] = mapped_column(ForeignKey("site.id"), index=True)
    mode: Mapped[InspectionMode] = mapped_column(enum_column(InspectionMode))
    team: Mapped[list] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(index=True)
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[InspectionStatus] = mapped_column(
        enum_column(InspectionStatus), default=InspectionStatus.DRAFT, index=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    review_comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    recheck_of_id: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"), default=None)
    # Added in 0006, for the record sheet (domain/record_facts.py): 亮明身份 in a 暗访,
    # 记录人, and each team member's 执法证号/工作证号 by name.
    identity_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    recorder: Mapped[str] = mapped_column(String(50), default="")
    cert_nos: Mapped[dict] = mapped_column(JSON, default=dict)
    # Added in 0011: a 复查 (services/recheck.py) names the notice whose problems it checks;
    # its findings point at the original ones by recheck_of_id.
    recheck_of_notice_id: Mapped[str | None] = mapped_column(
        ForeignKey("notice.id"), default=None, index=True
    )


class Finding(Synced, Base):
    """One checklist item's result, or an ad-hoc problem (item_code NULL)."""

    __tablename__ = "finding"
    __sync_entity__ = "finding"

    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspection.id"), index=True)
    item_code: Mapped[str | None] = mapped_column(String(32), default=None)
    category_code: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    result: Mapped[FindingResult] = mapped_column(
        enum_column(FindingResult), default=FindingResult.UNCHECKED
    )
    severity: Mapped[Severity] = mapped_column(enum_column(Severity), default=Severity.GENERAL)
    photo_required: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    window_no: Mapped[str] = mapped_column(String(20), default="")
    staff_badge: Mapped[str] = mapped_column(String(50), default="")
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("unit.id"), default=None)
    observed_at: Mapped[datetime | None] = mapped_column(default=None)
    status: Mapped[FindingStatus] = mapped_column(
        enum_column(FindingStatus), default=FindingStatus.RECORDED
    )
    recheck_of_id: Mapped[str | None] = mapped_column(
        ForeignKey("finding.id"), default=None, index=True
    )
    # Added in 0011: on a 复查's finding, the problem's state as found on site (a
    # domain.rectification.VerificationResult value; "" until recorded). `result` stays
    # unchecked, so a problem still not rectified is never counted as a new one.
    recheck_result: Mapped[VerificationResult] = mapped_column(
        enum_column(VerificationResult), default=VerificationResult.PENDING, server_default=""
    )


class Blob(Base):
    """A stored photo file, named by the sha256 of its original bytes."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(50))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    exif_orientation: Mapped[int] = mapped_column(Integer, default=1)
    taken_at: Mapped[datetime | None] = mapped_column(default=None)
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False)


class Photo(Synced, Base):
    """A photo attached to a finding; the same blob may serve several findings."""

    __tablename__ = "photo"
    __sync_entity__ = "photo"

    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"))
    original_name: Mapped[str] = mapped_column(String(300), default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime | None] = mapped_column(default=None)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Added in 0003. Display rotation in quarter turns clockwise; the original is untouched.
    rotation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # An annotated copy (arrows, boxes, text) stored as its own blob.
    annotated_sha256: Mapped[str | None] = mapped_column(ForeignKey("blob.sha256"), default=None)


class InspectionStats(Base):
    """Counts for the home list, kept by SQLite triggers (migration 0004).

    Aggregating half a million finding rows on every start took a second;
    the triggers keep these numbers in the same transaction as the change,
    whoever writes it (the app, a sync pull, a migration).
    """

    __tablename__ = "inspection_stats"

    inspection_id: Mapped[str] = mapped_column(
        ForeignKey("inspection.id", ondelete="CASCADE"), primary_key=True
    )
    recorded: Mapped[int] = mapped_column(Integer, default=0)
    problems: Mapped[int] = mapped_column(Integer, default=0)
    photos: Mapped[int] = mapped_column(Integer, default=0)


# --- sync bookkeeping ---


class OutboxEntry(Base):
    """A local change waiting to be pushed: one mutation of docs/sync-protocol.md."""

    __tablename__ = "outbox"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    entity: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    base_rev: Mapped[int | None] = mapped_column(default=None)
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    hlc: Mapped[str] = mapped_column(String(32))
    # pending → in_flight (sent, reply not yet recorded) → gone; or rejected (kept, shown).
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # Added in 0005: the server's reason for a rejected entry, as it said it.
    message: Mapped[str | None] = mapped_column(Text, default=None)


class SyncConflict(Base):
    """A field the server kept another value for (migration 0005); both are shown.

    Never synced: the user's choice ("keep mine") is an ordinary edit that syncs.
    """

    __tablename__ = "sync_conflict"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    local_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    local_at: Mapped[datetime | None] = mapped_column(default=None)
    server_at: Mapped[datetime | None] = mapped_column(default=None)
    local_by: Mapped[str | None] = mapped_column(String(64), default=None)  # account names
    server_by: Mapped[str | None] = mapped_column(String(64), default=None)
    server_seq: Mapped[int | None] = mapped_column(default=None)
    mutation_id: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(default=utc_now)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution: Mapped[str | None] = mapped_column(String(16), default=None)


class SyncState(Base):
    """Key/value facts about this client's sync: client id, cursor, clock."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
