"""Migrations after 0005 on a store whose inspections have findings and notices: tables
that other rows point at are altered in place, never rebuilt (SQLite's batch mode drops
and copies a table, which fails with foreign keys on)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from inspector_app.store import migrate
from inspector_app.store.database import create_sqlite_engine
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.notice_models import Notice
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.store.store import DATABASE_NAME, Store

STAMPS = {"created_at": "2026-01-01 00:00:00", "updated_at": "2026-01-01 00:00:00", "deleted": 0}


def _insert(conn, table: str, **values: object) -> None:
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def test_a_0005_inspection_with_findings_gains_unrevealed_no_recorder_no_numbers(
    tmp_path: Path,
) -> None:
    """Rebuilding the table (batch mode) would fail here: findings point at it."""
    data_dir = tmp_path / "store-0005"
    data_dir.mkdir()
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    migrate.upgrade(engine, data_dir / "backups", target="0005")
    with engine.begin() as conn:
        _insert(
            conn,
            "checklist_template",
            id="t-1",
            code="c",
            version=1,
            name="T",
            content="{}",
            **STAMPS,
        )
        _insert(conn, "site", id="s-1", code="s", name="S", district="", address="", **STAMPS)
        _insert(
            conn,
            "inspection",
            id="i-1",
            template_id="t-1",
            site_id="s-1",
            mode="covert",
            team='["张明"]',
            started_at="2026-01-01 00:00:00",
            status="draft",
            note="",
            review_comment="",
            **STAMPS,
        )
        _insert(
            conn,
            "finding",
            id="f-1",
            inspection_id="i-1",
            category_code="A",
            title="t",
            result="fail",
            severity="general",
            photo_required=0,
            description="d",
            window_no="3",
            staff_badge="",
            status="recorded",
            **STAMPS,
        )
        _insert(conn, "unit", id="u-1", code="u", name="U", short_name="U", **STAMPS)
        _insert(
            conn,
            "notice",
            id="n-1",
            unit_id="u-1",
            inspection_id="i-1",
            status="draft",
            extension_status="none",
            escalation="none",
            returned_count=0,
            contact_person="",
            contact_phone="",
            **STAMPS,
        )
        _insert(
            conn,
            "notice_finding",
            id="nf-1",
            notice_id="n-1",
            finding_id="f-1",
            position=1,
            **STAMPS,
        )
    engine.dispose()
    store = Store.open(data_dir)
    try:
        assert migrate.current_revision(store.engine) == HEAD_REVISION
        with store.unit_of_work() as uow:
            inspection = uow.session.get(Inspection, "i-1")
            assert (inspection.identity_shown, inspection.recorder, inspection.cert_nos) == (
                False,
                "",
                {},
            )
            assert uow.session.get(Finding, "f-1").inspection_id == "i-1"
            notice = uow.session.get(Notice, "n-1")
            assert (notice.inspection_id, notice.content_digest) == ("i-1", None)
    finally:
        store.close()
