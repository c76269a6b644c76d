"""The rectification loop: delivery and 销号 on the notice, per-problem feedback rounds,
and the notice_event table (送达, 复查, 退回重办, extensions, 催办函/约谈/问责).

Plain ALTER TABLE ADD COLUMN, not batch mode: rebuilding notice or rectification_feedback
would drop tables that notice_finding rows and feedback rows point at.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NOTICE_COLUMNS = (
    "delivered_on",
    "delivery_method",
    "delivery_recipient",
    "current_deadline",
    "closed_on",
    "closed_by",
)
FEEDBACK_COLUMNS = ("notice_finding_id", "round", "responsible_person", "verified_by")


def upgrade() -> None:
    # Notices written before this revision: not delivered, deadline as printed, not closed.
    op.add_column("notice", sa.Column("delivered_on", sa.Date(), nullable=True))
    op.add_column("notice", sa.Column("delivery_method", sa.String(length=32), nullable=True))
    op.add_column(
        "notice",
        sa.Column("delivery_recipient", sa.String(length=100), server_default="", nullable=False),
    )
    op.add_column("notice", sa.Column("current_deadline", sa.Date(), nullable=True))
    op.add_column("notice", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column(
        "notice",
        sa.Column("closed_by", sa.String(length=100), server_default="", nullable=False),
    )
    # Feedback written before: one round, for the whole notice (no problem named).
    op.execute(
        "ALTER TABLE rectification_feedback ADD COLUMN notice_finding_id VARCHAR(36) "
        "REFERENCES notice_finding (id)"
    )
    op.add_column(
        "rectification_feedback",
        sa.Column("round", sa.Integer(), server_default="1", nullable=False),
    )
    op.add_column(
        "rectification_feedback",
        sa.Column("responsible_person", sa.String(length=100), server_default="", nullable=False),
    )
    op.add_column(
        "rectification_feedback",
        sa.Column("verified_by", sa.String(length=100), server_default="", nullable=False),
    )
    op.create_index(
        "ix_rectification_feedback_notice_finding_id",
        "rectification_feedback",
        ["notice_finding_id"],
    )
    op.create_table(
        "notice_event",
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("new_deadline", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notice.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notice_event_notice_id", "notice_event", ["notice_id"])


def downgrade() -> None:
    op.drop_index("ix_notice_event_notice_id", table_name="notice_event")
    op.drop_table("notice_event")
    op.drop_index(
        "ix_rectification_feedback_notice_finding_id", table_name="rectification_feedback"
    )
    for column in reversed(FEEDBACK_COLUMNS):  # SQLite 3.35+ drops a plain column in place
        op.execute(f"ALTER TABLE rectification_feedback DROP COLUMN {column}")
    for column in reversed(NOTICE_COLUMNS):
        op.execute(f"ALTER TABLE notice DROP COLUMN {column}")
