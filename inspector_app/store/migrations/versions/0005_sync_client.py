"""Sync client bookkeeping: the server's message on a refused outbox entry, and the
local conflict log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message", sa.Text(), nullable=True))
    op.create_table(
        "sync_conflict",
        sa.Column("n", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False, index=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("local_value", sa.JSON(), nullable=True),
        sa.Column("server_value", sa.JSON(), nullable=True),
        sa.Column("local_at", sa.DateTime(), nullable=True),
        sa.Column("server_at", sa.DateTime(), nullable=True),
        sa.Column("local_by", sa.String(length=64), nullable=True),
        sa.Column("server_by", sa.String(length=64), nullable=True),
        sa.Column("server_seq", sa.Integer(), nullable=True),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sync_conflict")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("message")
