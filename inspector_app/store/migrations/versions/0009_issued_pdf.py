"""The issued PDF's sha256 on a notice: the frozen file a reprint or export gives back.

A server-owned field, set when the server accepted the issued PDF as a blob; the bytes
live in the data folder's issued/ store by that hash. Plain ADD COLUMN, not batch mode
(batch mode would rebuild the notice table that notice_finding rows point at).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("notice", sa.Column("pdf_sha256", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE notice DROP COLUMN pdf_sha256")  # SQLite 3.35+ drops it in place
