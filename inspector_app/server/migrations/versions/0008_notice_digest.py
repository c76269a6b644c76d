"""notice_digest: the content digest recorded when a notice is issued, for 核验

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_digest",
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by"], ["account.id"]),
        sa.PrimaryKeyConstraint("notice_id"),
        sa.UniqueConstraint("digest"),
    )


def downgrade() -> None:
    op.drop_table("notice_digest")
