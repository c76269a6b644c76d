"""Alembic migrations of the local store, applied at start (see store.migrate)."""
