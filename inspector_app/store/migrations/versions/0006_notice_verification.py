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


# SQLite's own RENAME COLUMN (3.25+), not batch mode: batch mode drops and copies the
# table, and with foreign keys on that fails once notice_finding rows point at it
# (tests/store/test_migrations_keep_linked_rows.py).


def upgrade() -> None:
    # Nothing ever wrote pdf_sha256 (the server never set it): a rename loses nothing.
    op.execute("ALTER TABLE notice RENAME COLUMN pdf_sha256 TO content_digest")


def downgrade() -> None:
    op.execute("ALTER TABLE notice RENAME COLUMN content_digest TO pdf_sha256")
