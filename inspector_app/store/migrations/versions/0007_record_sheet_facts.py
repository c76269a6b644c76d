"""The record sheet's facts on an inspection: 亮明身份, 记录人, the team's card numbers.

Plain ALTER TABLE ADD/DROP COLUMN, not batch mode: rebuilding the inspection table
would drop a table that findings, notices and stats rows point at.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = ("identity_shown", "recorder", "cert_nos")


def upgrade() -> None:
    # Rows written before this revision: not revealed, no recorder, no numbers yet.
    op.add_column(
        "inspection",
        sa.Column("identity_shown", sa.Boolean(), server_default="0", nullable=False),
    )
    op.add_column(
        "inspection",
        sa.Column("recorder", sa.String(length=50), server_default="", nullable=False),
    )
    op.add_column(
        "inspection", sa.Column("cert_nos", sa.JSON(), server_default="{}", nullable=False)
    )


def downgrade() -> None:
    for column in reversed(COLUMNS):  # SQLite 3.35+ drops a plain column in place
        op.execute(f"ALTER TABLE inspection DROP COLUMN {column}")
