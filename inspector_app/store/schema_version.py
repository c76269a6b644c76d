"""The schema revision this code expects (the newest file in migrations/versions).

Kept apart, without imports, so the fast start path can compare it with the
file's alembic_version using only the standard library.
"""

HEAD_REVISION = "0011"
