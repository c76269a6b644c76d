"""Alembic environment: always run on a connection handed in by store.migrate."""

from __future__ import annotations

from alembic import context

from inspector_app.store import notice_models  # noqa: F401  (registers tables)
from inspector_app.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things in place
)
with context.begin_transaction():
    context.run_migrations()
