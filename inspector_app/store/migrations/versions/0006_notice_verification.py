"""A notice's content digest (核验), recorded when it is issued; replaces the never-used
pdf_sha256 (a hash of the PDF's bytes would change with every re-save).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nothing ever wrote pdf_sha256 (the server never set it): a rename loses nothing.
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.alter_column("pdf_sha256", new_column_name="content_digest")


def downgrade() -> None:
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.alter_column("content_digest", new_column_name="pdf_sha256")
