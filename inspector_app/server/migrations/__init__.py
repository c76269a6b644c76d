"""Alembic migrations of the server database (a history of its own)."""
