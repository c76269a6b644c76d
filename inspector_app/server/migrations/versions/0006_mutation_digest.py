"""a digest of what each applied mutation wrote, so one mutation id reused with other
content is refused instead of answered `already_applied`

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Mutations applied before this revision keep no digest: a replay of one is
    # answered as before (already_applied).
    op.add_column("applied_mutation", sa.Column("digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("applied_mutation") as batch:
        batch.drop_column("digest")
