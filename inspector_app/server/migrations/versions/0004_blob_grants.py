"""blob grants and references: which teams hold a blob's bytes, which name it

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 22:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob_grant",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"]),
        sa.PrimaryKeyConstraint("sha256", "team"),
    )
    op.create_table(
        "blob_ref",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("team", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "team"),
    )
    # Blobs stored before grants existed: their uploader's team holds them.
    op.execute(
        "INSERT INTO blob_grant (sha256, team) "
        "SELECT blob.sha256, account.team FROM blob JOIN account ON account.id = blob.uploaded_by"
    )
    # Photo records stored before: their team names the photo.
    op.execute(
        "INSERT INTO blob_ref (sha256, team) SELECT DISTINCT "
        + (
            "data->>'sha256'"
            if op.get_bind().dialect.name == "postgresql"
            else "json_extract(data, '$.sha256')"
        )
        + ", team FROM sync_record WHERE entity = 'photo' AND "
        + (
            "data->>'sha256'"
            if op.get_bind().dialect.name == "postgresql"
            else "json_extract(data, '$.sha256')"
        )
        + " IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("blob_ref")
    op.drop_table("blob_grant")
