"""Migration 0008 on a store that already holds an issued notice, its problems and an
old-style feedback row: every row is kept, the notice is "not delivered, deadline as
printed, not closed", the feedback is round 1 of no named problem, and the loop's new
records (a notice_event, a per-problem feedback) can point at the kept rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import NoticeEventKind
from inspector_app.store import migrate
from inspector_app.store.database import create_sqlite_engine
from inspector_app.store.notice_models import Notice, NoticeEvent, RectificationFeedback
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.store.store import DATABASE_NAME, Store
from tests.store.test_migrations_keep_linked_rows import STAMPS, _insert


def _store_0007(data_dir: Path) -> None:
    data_dir.mkdir()
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    migrate.upgrade(engine, data_dir / "backups", target="0007")
    with engine.begin() as conn:
        _insert(conn, "checklist_template", id="t-1", code="c", version=1, name="T",
                content="{}", **STAMPS)  # fmt: skip
        _insert(conn, "site", id="s-1", code="s", name="S", district="", address="", **STAMPS)
        _insert(conn, "inspection", id="i-1", template_id="t-1", site_id="s-1", mode="covert",
                team='["张明"]', started_at="2026-01-01 00:00:00", status="approved", note="",
                review_comment="", **STAMPS)  # fmt: skip
        _insert(conn, "finding", id="f-1", inspection_id="i-1", category_code="A", title="t",
                result="fail", severity="general", photo_required=0, description="d",
                window_no="3", staff_badge="", status="assigned", **STAMPS)  # fmt: skip
        _insert(conn, "unit", id="u-1", code="u", name="U", short_name="U", **STAMPS)
        _insert(conn, "notice", id="n-1", unit_id="u-1", inspection_id="i-1",
                number="伊营商监〔2026〕1号", issued_on="2026-11-02", deadline="2026-11-16",
                status="issued", extension_status="none", escalation="none", returned_count=0,
                contact_person="", contact_phone="", **STAMPS)  # fmt: skip
        _insert(conn, "notice_finding", id="nf-1", notice_id="n-1", finding_id="f-1",
                position=0, **STAMPS)  # fmt: skip
        _insert(conn, "rectification_feedback", id="rf-1", notice_id="n-1",
                received_on="2026-11-10", measures="已整改", evidence_sha256="[]",
                verification_result="", **STAMPS)  # fmt: skip
    engine.dispose()


def test_a_0007_store_with_an_issued_notice_keeps_its_rows_and_gains_the_loop(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "store-0007"
    _store_0007(data_dir)
    store = Store.open(data_dir)
    try:
        assert migrate.current_revision(store.engine) == HEAD_REVISION
        with store.unit_of_work() as uow:
            notice = uow.session.get(Notice, "n-1")
            assert (notice.number, notice.status, notice.deadline) == (
                "伊营商监〔2026〕1号",
                NoticeStatus.ISSUED,
                date(2026, 11, 16),
            )
            assert (notice.delivered_on, notice.delivery_method, notice.delivery_recipient) == (
                None,
                None,
                "",
            )
            assert (notice.current_deadline, notice.closed_on, notice.closed_by) == (None, None, "")
            old = uow.session.get(RectificationFeedback, "rf-1")
            assert (old.measures, old.round, old.notice_finding_id, old.verified_by) == (
                "已整改",
                1,
                None,
                "",
            )
            uow.session.add(
                NoticeEvent(
                    notice_id="n-1", kind=NoticeEventKind.DELIVERED, happened_on=date(2026, 11, 3)
                )
            )
            uow.session.add(
                RectificationFeedback(
                    notice_id="n-1",
                    notice_finding_id="nf-1",
                    round=1,
                    received_on=date(2026, 11, 12),
                )
            )
            uow.commit()
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("SELECT count(*) FROM notice_event")).scalar() == 1
    finally:
        store.close()


def test_0008_downgrades_to_0007_keeping_the_notice(tmp_path: Path) -> None:
    data_dir = tmp_path / "store-0007"
    _store_0007(data_dir)
    engine = create_sqlite_engine(data_dir / DATABASE_NAME)
    try:
        migrate.upgrade(engine, data_dir / "backups")
        from alembic import command

        config = migrate.alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0007")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT number FROM notice")).scalar() == "伊营商监〔2026〕1号"
            columns = {row[1] for row in conn.execute(text("PRAGMA table_info(notice)"))}
            assert "delivered_on" not in columns
    finally:
        engine.dispose()
