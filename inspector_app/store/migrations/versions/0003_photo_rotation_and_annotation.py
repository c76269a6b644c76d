"""Photo display rotation and annotated copy.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rotation", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("annotated_sha256", sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(
            "fk_photo_annotated_sha256_blob", "blob", ["annotated_sha256"], ["sha256"]
        )


def downgrade() -> None:
    with op.batch_alter_table("photo", schema=None) as batch_op:
        batch_op.drop_constraint("fk_photo_annotated_sha256_blob", type_="foreignkey")
        batch_op.drop_column("annotated_sha256")
        batch_op.drop_column("rotation")
