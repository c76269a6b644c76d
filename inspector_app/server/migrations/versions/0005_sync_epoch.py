"""server epoch: a random UUID on the sync counter, replaced after a restore from a backup;
and who last wrote each field of a synced record (shown with a conflict)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 10:00:00
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_counter", sa.Column("epoch", sa.String(length=36), nullable=True))
    # The one counter row (from 0003) gets its first epoch; a fresh database too.
    op.execute(
        sa.text("UPDATE sync_counter SET epoch = :epoch").bindparams(epoch=str(uuid.uuid4()))
    )
    with op.batch_alter_table("sync_counter") as batch:  # SQLite rebuilds the table
        batch.alter_column("epoch", existing_type=sa.String(length=36), nullable=False)
    op.add_column(
        "sync_record", sa.Column("field_by", sa.JSON(), nullable=False, server_default="{}")
    )


def downgrade() -> None:
    with op.batch_alter_table("sync_record") as batch:
        batch.drop_column("field_by")
    with op.batch_alter_table("sync_counter") as batch:
        batch.drop_column("epoch")
