"""The plan_opening table: who opened a campaign's sealed 暗访 plan, and when.

Self-contained (one new table, nothing else touched), so it can be renumbered if
another 0010 lands first.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_opening",
        sa.Column("campaign_id", sa.String(length=36), nullable=False),
        sa.Column("opened_by", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("server_rev", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["campaign_id"], ["campaign.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_opening_campaign_id", "plan_opening", ["campaign_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_opening_campaign_id", table_name="plan_opening")
    op.drop_table("plan_opening")
