"""The server's migrations build exactly the models' schema, and upgrade stored data."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from inspector_app.server.database import MIGRATIONS, make_engine, migrate
from inspector_app.server.models import ServerBase


def _upgrade(url: str, revision: str) -> None:
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_migrations_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    migrate(engine)  # idempotent
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"version_table": "server_alembic_version"}
        )
        assert compare_metadata(context, ServerBase.metadata) == []
    engine.dispose()


def test_photos_stored_before_blob_grants_stay_readable_by_their_team(
    database_url: str, tmp_path: Path
) -> None:
    _upgrade(database_url, "0003")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (id, username, display_name, role, team, password_hash,"
                " active, created_at) VALUES (7, 'zhang', '', 'inspector', '一组', 'x', true,"
                " CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO blob (sha256, size, mime, uploaded_by, created_at)"
                " VALUES (:sha, 10, 'image/jpeg', 7, CURRENT_TIMESTAMP)"
            ),
            {"sha": "a" * 64},
        )
        connection.execute(
            text(
                "INSERT INTO sync_record (entity, id, team, seq, deleted, data, field_seq,"
                " created_by, updated_at) VALUES ('photo', 'p1', '一组', 1, false, :data, '{}',"
                " 7, CURRENT_TIMESTAMP)"
            ),
            {"data": '{"sha256": "' + "a" * 64 + '"}'},
        )
    engine.dispose()
    _upgrade(database_url, "head")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        grants = connection.execute(text("SELECT sha256, team FROM blob_grant")).all()
        refs = connection.execute(text("SELECT sha256, team FROM blob_ref")).all()
    engine.dispose()
    assert [tuple(row) for row in grants] == [("a" * 64, "一组")]
    assert [tuple(row) for row in refs] == [("a" * 64, "一组")]


def test_a_database_from_before_epochs_gets_one_and_keeps_its_sequence(database_url: str) -> None:
    _upgrade(database_url, "0004")
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE sync_counter SET last_seq = 42"))
    engine.dispose()
    _upgrade(database_url, "head")
    engine = make_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, last_seq, epoch FROM sync_counter")).all()
    engine.dispose()
    assert [(row[0], row[1]) for row in rows] == [(1, 42)]
    assert len(rows[0][2]) == 36 and rows[0][2].count("-") == 4
