"""Local store: one SQLite file per data dir, Alembic migrations, photo files, the sync outbox.

A unit of work (unit_of_work.py) is one transaction; every edit of a synced
record writes its outbox row in the same flush (outbox.py).
"""
