"""整改台账: one row per recorded problem, with its notice, rectification and warning, as
the workbook a clerk opens (read back with openpyxl)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.domain.ledger import COLUMNS
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import rectification as loop
from inspector_app.services import rectification_followup as followup
from inspector_app.services.ledger import export_ledger, ledger_rows, photo_folder
from inspector_app.store.models import Finding, Inspection, Photo
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from tests.desk_data import OVERDUE, TODAY, demo_with_notices


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ledger-demo")
    store = Store.open(folder)
    demo_with_notices(store)
    store.close()
    return folder


@pytest.fixture
def store(demo_dir: Path, tmp_path: Path):
    copy = tmp_path / "data"
    shutil.copytree(demo_dir, copy)
    opened = Store.open(copy)
    yield opened
    opened.close()


def _problems(store: Store) -> int:
    with store.unit_of_work() as uow:
        return uow.session.scalar(
            select(func.count())
            .select_from(Finding)
            .join(Inspection, Finding.inspection_id == Inspection.id)
            .where(Finding.result == FindingResult.FAIL, Finding.deleted.is_(False))
            .where(Inspection.status != InspectionStatus.DRAFT, Inspection.deleted.is_(False))
        )


def test_every_problem_that_left_the_inspector_is_one_row(store: Store) -> None:
    with store.unit_of_work() as uow:
        rows = list(ledger_rows(uow, today=TODAY))
        drafts = uow.session.scalar(
            select(func.count())
            .select_from(Finding)
            .join(Inspection, Finding.inspection_id == Inspection.id)
            .where(Finding.result == FindingResult.FAIL)
            .where(Inspection.status == InspectionStatus.DRAFT)
        )
    assert len(rows) == _problems(store) > 2
    assert drafts > 0, "the demo has a draft with problems, and the ledger leaves them out"
    assert all(row.description and row.site and row.category for row in rows)


def test_an_overdue_notice_is_red_and_a_closed_one_shows_its_recheck(store: Store) -> None:
    with store.unit_of_work() as uow:
        rows = {row.problem_no: row for row in ledger_rows(uow, today=TODAY)}
    late, closed = rows["伊营商监〔2026〕1号-1"], rows["伊营商监〔2026〕2号-1"]
    assert (late.warning, late.progress, late.deadline) == ("red", "已交办", date(2026, 11, 23))
    assert (late.responsible_person, late.contact_phone) == ("刘强", "0458-3600000")
    assert (closed.warning, closed.progress, closed.closed_on) == (
        "none",
        "已销号",
        date(2026, 11, 27),
    )
    assert (closed.measures, closed.recheck_result) == ("已调整排班，设置AB岗。", "整改到位")
    assert closed.escalation == "退回重办1次"
    unnoticed = [r for r in rows.values() if r.progress == "未下发通知书"]
    assert unnoticed and all(r.deadline is None and r.warning == "none" for r in unnoticed)


def test_the_workbook_has_every_column_real_dates_a_frozen_header_and_a_filter(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "台账.xlsx"
    with store.unit_of_work() as uow:
        count = export_ledger(uow, target)
    sheet = load_workbook(target).active
    assert sheet.title == "整改台账"
    assert [cell.value for cell in sheet[1]] == [c.zh for c in COLUMNS]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:Y{count + 1}"
    assert sheet.max_row == count + 1 == _problems(store) + 1
    header = {c.zh: index for index, c in enumerate(COLUMNS)}
    body = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in body] == list(range(1, count + 1))
    checked = [row[header["检查日期"]] for row in body]
    assert all(isinstance(c.value, datetime) and c.number_format == "yyyy-mm-dd" for c in checked)
    by_no = {row[header["问题编号"]].value: row for row in body}
    late = by_no["伊营商监〔2026〕1号-1"]
    assert late[header["整改时限"]].value == datetime(2026, 11, 23)
    warning = late[header["预警等级"]]
    assert (warning.value, warning.fill.fgColor.rgb) == ("红色预警", "00FF8B8B")
    for column in COLUMNS:  # wide enough for its header: a CJK character is two widths
        letter = sheet.cell(row=1, column=COLUMNS.index(column) + 1).column_letter
        assert sheet.column_dimensions[letter].width >= 2 * len(column.zh)


def test_photo_cells_link_to_copies_that_travel_with_the_workbook(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "台账.xlsx"
    with store.unit_of_work() as uow:
        export_ledger(uow, target)
        photographed = uow.session.scalar(
            select(func.count(func.distinct(Photo.sha256))).where(Photo.deleted.is_(False))
        )
    moved = tmp_path / "mailed"
    moved.mkdir()
    shutil.move(target, moved / target.name)
    shutil.move(photo_folder(target), moved / photo_folder(target).name)
    sheet = load_workbook(moved / target.name).active
    column = [c.zh for c in COLUMNS].index("照片证据")
    links = [row[column].hyperlink for row in sheet.iter_rows(min_row=2) if row[column].value]
    assert links and all(link is not None for link in links)
    for link in links:
        photo = moved / link.target
        assert photo.read_bytes()[:2] == b"\xff\xd8", "a JPEG beside the moved workbook"
    assert 0 < len(list(photo_folder(moved / target.name).iterdir())) <= photographed


def test_english_headers_and_words_with_lang_en(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    with store.unit_of_work() as uow:
        export_ledger(uow, target, lang="en", with_photos=False)
    sheet = load_workbook(target).active
    assert sheet.title == "Rectification ledger"
    assert [cell.value for cell in sheet[1]] == [c.en for c in COLUMNS]
    assert not photo_folder(target).exists()


def test_an_unknown_campaign_is_refused_and_no_file_is_left(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    with store.unit_of_work() as uow, pytest.raises(ValidationFailed) as refused:
        export_ledger(uow, target, campaign_id="no-such-campaign")
    assert "找不到专项行动" in refused.value.zh
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_a_notice_taken_through_the_loop_fills_its_rows_rectification_columns(
    store: Store,
) -> None:
    """Delivered, a 催办函 once overdue, a report, not rectified, returned, a second
    report, rectified, 销号: the ledger row says each as the services recorded it."""
    with store.unit_of_work() as uow:
        notice_id = uow.session.scalars(select(Notice.id).where(Notice.number == OVERDUE)).one()
        loop.record_delivery(
            uow, notice_id, delivered_on=date(2026, 11, 3), method=DeliveryMethod.DIRECT,
            recipient="王芳", today=TODAY,
        )  # fmt: skip
        followup.escalate(
            uow, notice_id, NoticeEventKind.REMINDER, on=date(2026, 11, 24), note="逾期未报",
            today=TODAY,
        )  # fmt: skip
        item = loop.FeedbackItem("1", "已安排专人在岗", "窗口科 王芳", [])
        loop.record_feedback(
            uow, notice_id, received_on=date(2026, 11, 25), items=[item], today=TODAY
        )
        loop.verify_problems(
            uow, notice_id, {"1": V.NOT_RECTIFIED}, verifier="李科长",
            verified_on=date(2026, 11, 26), today=TODAY,
        )  # fmt: skip
        loop.return_notice(
            uow, notice_id, verifier="李科长", returned_on=date(2026, 11, 26), working_days=3,
            reason="仍有空岗", today=TODAY,
        )  # fmt: skip
        again = loop.FeedbackItem("1", "已设AB岗并公示", "窗口科 赵六", [])
        loop.record_feedback(
            uow, notice_id, received_on=date(2026, 11, 30), items=[again], today=TODAY
        )
        loop.verify_problems(
            uow, notice_id, {"1": V.RECTIFIED}, verifier="周主任",
            verified_on=date(2026, 12, 1), today=TODAY,
        )  # fmt: skip
        loop.close_notice(
            uow, notice_id, verifier="周主任", closed_on=date(2026, 12, 2), today=TODAY
        )
        uow.commit()
        row = next(r for r in ledger_rows(uow, today=TODAY) if r.problem_no == f"{OVERDUE}-1")
    assert (row.measures, row.responsible_person) == ("已设AB岗并公示", "窗口科 赵六")
    assert (row.feedback_on, row.rechecked_on, row.rechecked_by) == (
        date(2026, 11, 30),
        date(2026, 12, 1),
        "周主任",
    )
    assert (row.recheck_result, row.progress, row.closed_on) == (
        "已整改到位",
        "已销号",
        date(2026, 12, 2),
    )
    assert row.escalation == "催办函（2026-11-24）；退回重办（2026-11-26）"
    assert row.warning == "none" and row.deadline is not None and row.deadline > date(2026, 11, 26)
