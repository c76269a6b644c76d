"""Alembic environment for the server; run on a connection handed in by database.migrate."""

from __future__ import annotations

from alembic import context

from inspector_app.server.models import ServerBase

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=ServerBase.metadata,
    version_table="server_alembic_version",
)
with context.begin_transaction():
    context.run_migrations()
