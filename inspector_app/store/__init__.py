"""Local store: one SQLite file per data dir, Alembic migrations, photo files."""
