"""A real server process per module (SQLite or PostgreSQL) for commands that sync."""

from tests.sync.laptops import sync_server  # noqa: F401
