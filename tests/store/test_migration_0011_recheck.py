"""Migration 0011 on a store that already holds an inspection with a failed finding: both
are kept, neither is a 复查 (no notice named, no result), the home list's counts still
follow edits, and a 复查 can then point at the kept rows. It downgrades in place."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from inspector_app.domain.rectification import VerificationResult
from inspector_app.store import migrate
from inspector_app.store.database import create_sqlite_engine
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.store.store import DATABASE_NAME, Store
from tests.store.test_migrations_keep_linked_rows import STAMPS, _insert


def _store_0010(data_dir: Path) -> None:
    data_dir.mkdir()
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    migrate.upgrade(engine, data_dir / "backups", target="0010")
    with engine.begin() as conn:
        _insert(conn, "checklist_template", id="t-1", code="c", version=1, name="T",
                content="{}", **STAMPS)  # fmt: skip
        _insert(conn, "site", id="s-1", code="s", name="S", district="", address="", **STAMPS)
        _insert(conn, "inspection", id="i-1", template_id="t-1", site_id="s-1", mode="covert",
                team='["张明"]', started_at="2026-01-01 00:00:00", status="draft", note="",
                review_comment="", **STAMPS)  # fmt: skip
        _insert(conn, "finding", id="f-1", inspection_id="i-1", category_code="A", title="t",
                result="fail", severity="general", photo_required=0, description="d",
                window_no="3", staff_badge="", status="recorded", **STAMPS)  # fmt: skip
        _insert(conn, "unit", id="u-1", code="u", name="U", short_name="U", **STAMPS)
        _insert(conn, "notice", id="n-1", unit_id="u-1", inspection_id="i-1", status="issued",
                extension_status="none", escalation="none", returned_count=0,
                contact_person="", contact_phone="", **STAMPS)  # fmt: skip
    engine.dispose()


def test_a_0010_store_keeps_its_rows_and_can_hold_a_recheck_of_them(tmp_path: Path) -> None:
    data_dir = tmp_path / "store-0010"
    _store_0010(data_dir)
    store = Store.open(data_dir)
    try:
        assert migrate.current_revision(store.engine) == HEAD_REVISION
        with store.unit_of_work() as uow:
            old = uow.session.get(Inspection, "i-1")
            finding = uow.session.get(Finding, "f-1")
            assert (old.recheck_of_notice_id, finding.recheck_result) == (
                None,
                VerificationResult.PENDING,
            )
            finding.result = finding.result.PASS  # the home list's triggers still count
            recheck = Inspection(template_id="t-1", site_id="s-1", mode=old.mode,
                                 started_at=old.started_at, recheck_of_notice_id="n-1")  # fmt: skip
            uow.session.add(recheck)
            uow.session.flush()
            uow.session.add(
                Finding(
                    inspection_id=recheck.id,
                    recheck_of_id="f-1",
                    recheck_result=VerificationResult.NOT_RECTIFIED,
                )
            )
            uow.commit()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            problems = "SELECT problems FROM inspection_stats WHERE inspection_id = 'i-1'"
            assert conn.execute(text(problems)).scalar() == 0
            stored = "SELECT recheck_result FROM finding WHERE recheck_of_id = 'f-1'"
            assert conn.execute(text(stored)).scalar() == "not_rectified"
    finally:
        store.close()


def test_0011_downgrades_to_0010_keeping_the_rows(tmp_path: Path) -> None:
    data_dir = tmp_path / "store-0010"
    _store_0010(data_dir)
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    try:
        migrate.upgrade(engine, data_dir / "backups")
        from alembic import command

        config = migrate.alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0010")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT description FROM finding")).scalar() == "d"
            columns = {row[1] for row in conn.execute(text("PRAGMA table_info(inspection)"))}
            assert "recheck_of_notice_id" not in columns
    finally:
        engine.dispose()
