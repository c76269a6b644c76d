"""复查 (re-inspection) of a notice's problems: the inspection names the notice it checks,
and each of its findings records what was found (rectified or not) about the original
finding it points at by the existing recheck_of_id.

Plain ALTER TABLE
ADD COLUMN, not batch mode: rebuilding inspection or finding would drop the
inspection_stats triggers (migration 0004) and the tables that photos and notices point at.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Inspections and findings written before: none of them is a 复查.
    op.execute(
        "ALTER TABLE inspection ADD COLUMN recheck_of_notice_id VARCHAR(36) REFERENCES notice (id)"
    )
    op.create_index("ix_inspection_recheck_of_notice_id", "inspection", ["recheck_of_notice_id"])
    op.add_column(
        "finding",
        sa.Column("recheck_result", sa.String(length=32), server_default="", nullable=False),
    )
    op.create_index("ix_finding_recheck_of_id", "finding", ["recheck_of_id"])


def downgrade() -> None:
    op.drop_index("ix_finding_recheck_of_id", table_name="finding")
    op.execute("ALTER TABLE finding DROP COLUMN recheck_result")  # SQLite 3.35+, in place
    op.drop_index("ix_inspection_recheck_of_notice_id", table_name="inspection")
    op.execute("ALTER TABLE inspection DROP COLUMN recheck_of_notice_id")
