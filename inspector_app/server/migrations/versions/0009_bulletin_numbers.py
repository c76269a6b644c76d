"""bulletin numbers: the 通报 series, apart from the notices' counter

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulletin_counter",
        sa.Column("organ_code", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_serial", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organ_code", "year"),
    )
    op.create_table(
        "issued_bulletin_number",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organ_code", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("bulletin_id", sa.String(length=36), nullable=False),
        sa.Column("period_from", sa.String(length=10), nullable=False),
        sa.Column("period_to", sa.String(length=10), nullable=False),
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["issued_by"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organ_code", "year", "serial"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("bulletin_id"),
    )


def downgrade() -> None:
    op.drop_table("issued_bulletin_number")
    op.drop_table("bulletin_counter")
