"""audit log: PostgreSQL refuses TRUNCATE; SQLite refuses INSERT OR REPLACE over an event

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 17:40:00

The row triggers of 0001 do not see either path: TRUNCATE fires no row trigger, and
SQLite's REPLACE deletes the conflicting row without firing delete triggers (unless
recursive_triggers is on). A BEFORE INSERT trigger sees the new row before the conflict
is resolved, so it can refuse an insert that would take an existing seq or hash.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit_event "
    "WHEN EXISTS (SELECT 1 FROM audit_event WHERE seq = NEW.seq OR hash = NEW.hash) "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
)
POSTGRES_UP = (
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(POSTGRES_UP if postgres else SQLITE_UP)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_no_truncate ON audit_event")
    else:
        op.execute("DROP TRIGGER audit_no_replace")
