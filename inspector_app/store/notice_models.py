"""Models for rectification notices, feedback, events and amendments (migrations 0002, 0006,
0008)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.domain.notice import EscalationLevel, ExtensionStatus, NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.store.models import Base, Synced, enum_column
from inspector_app.store.types import utc_now


class Notice(Synced, Base):
    """整改通知书 for one responsible unit. A draft has no number."""

    __tablename__ = "notice"
    __sync_entity__ = "notice"
    __table_args__ = (UniqueConstraint("number"),)

    unit_id: Mapped[str] = mapped_column(ForeignKey("unit.id"), index=True)
    campaign_id: Mapped[str | None] = mapped_column(ForeignKey("campaign.id"), default=None)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspection.id"), default=None)
    number: Mapped[str | None] = mapped_column(String(64), default=None)
    issued_on: Mapped[date | None] = mapped_column(Date, default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[NoticeStatus] = mapped_column(
        enum_column(NoticeStatus), default=NoticeStatus.DRAFT
    )
    extension_status: Mapped[ExtensionStatus] = mapped_column(
        enum_column(ExtensionStatus), default=ExtensionStatus.NONE
    )
    extended_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    escalation: Mapped[EscalationLevel] = mapped_column(
        enum_column(EscalationLevel), default=EscalationLevel.NONE
    )
    returned_count: Mapped[int] = mapped_column(Integer, default=0)
    contact_person: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    # sha256 of the issued PDF's canonical content (protocol/notice_digest.py), set once
    # at issue by services/verification.py and by the server; a 核验 compares against it.
    content_digest: Mapped[str | None] = mapped_column(String(64), default=None)
    # Added in 0008, the rectification loop (services/rectification.py): 送达, the deadline
    # in force (the printed one, moved by a granted extension or a return for redo), 销号.
    delivered_on: Mapped[date | None] = mapped_column(Date, default=None)
    delivery_method: Mapped[DeliveryMethod | None] = mapped_column(
        enum_column(DeliveryMethod), default=None
    )
    delivery_recipient: Mapped[str] = mapped_column(String(100), default="")
    current_deadline: Mapped[date | None] = mapped_column(Date, default=None)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    # sha256 of the issued PDF's bytes (migration 0009): the frozen file in issued/ that
    # every reprint gives back byte for byte; set once at issue, as the server records it.
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), default=None)


class NoticeFinding(Synced, Base):
    """A finding listed in a notice, in the notice's order."""

    __tablename__ = "notice_finding"
    __sync_entity__ = "notice_finding"
    __table_args__ = (UniqueConstraint("notice_id", "finding_id"),)

    notice_id: Mapped[str] = mapped_column(ForeignKey("notice.id"), index=True)
    finding_id: Mapped[str] = mapped_column(ForeignKey("finding.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RectificationFeedback(Synced, Base):
    """整改反馈 for one problem of a notice in one round: what the unit reported (measures,
    who is responsible, evidence blobs by sha256) and what the verification concluded.

    Round n is the unit's n-th report; a return for redo starts the next round.
    """

    __tablename__ = "rectification_feedback"
    __sync_entity__ = "rectification_feedback"

    notice_id: Mapped[str] = mapped_column(ForeignKey("notice.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text, default="")
    evidence_sha256: Mapped[list] = mapped_column(JSON, default=list)
    verification_result: Mapped[str] = mapped_column(Text, default="")
    verified_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Added in 0008: per problem (a notice_finding), per round, who answers for it, who
    # verified; verification_result holds a domain.rectification.VerificationResult value.
    notice_finding_id: Mapped[str | None] = mapped_column(
        ForeignKey("notice_finding.id"), default=None, index=True
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    responsible_person: Mapped[str] = mapped_column(String(100), default="")
    verified_by: Mapped[str] = mapped_column(String(100), default="")


class NoticeEvent(Synced, Base):
    """One step of a notice's rectification loop, in the order it happened (migration 0008):
    送达, 整改报告, 复查, 销号, 退回重办, extensions and 催办函/约谈/问责, each with its date and
    note, so a ledger lists "通报/约谈情况" and the history shows who did what when."""

    __tablename__ = "notice_event"
    __sync_entity__ = "notice_event"

    notice_id: Mapped[str] = mapped_column(ForeignKey("notice.id"), index=True)
    kind: Mapped[NoticeEventKind] = mapped_column(enum_column(NoticeEventKind))
    happened_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(100), default="")
    # The deadline the step set: a requested or granted extension, a return's new deadline.
    new_deadline: Mapped[date | None] = mapped_column(Date, default=None)


class Amendment(Synced, Base):
    """A correction to a submitted record: field, old and new value, and why."""

    __tablename__ = "amendment"
    __sync_entity__ = "amendment"

    entity: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100), default="")
    amended_at: Mapped[datetime] = mapped_column(default=utc_now)
