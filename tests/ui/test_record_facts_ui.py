"""From the runner, by clicking: 亮明身份, card numbers and recorder reach the printed
record sheet; a notice prints and saves with its 送达回证."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLineEdit, QWidget

from inspector_app.domain.inspection import InspectionMode
from inspector_app.services.record_facts import known_cert_nos, set_record_facts
from inspector_app.services.reference_data import reference_id
from inspector_app.settings import Settings, save_settings
from inspector_app.store.models import Inspection
from inspector_app.store.store import Store
from inspector_app.ui.home.new_inspection_dialog import NewInspectionRequest
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.operations.inspections import new_inspection
from inspector_app.ui.runner.document_preview import DocumentPreview
from tests.builders import start_inspection

from .conftest import when_modal
from .test_documents_ui import (
    _answer_save_dialog,
    _open_preview,
    _pdf_text,
    _type_into,
    _window_on_approved,
)


def _opened(qtbot, window: MainWindow, store: Store, mode: InspectionMode) -> str:
    inspection_id = start_inspection(store, mode=mode, team=("张明", "李华"))
    window.open_inspection(inspection_id)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: window.runner_page.sheet is not None, timeout=10_000)
    return inspection_id


def _record_text(qtbot, window: MainWindow, tmp_path: Path, name: str) -> str:
    """Press 现场记录表 and read the PDF the preview shows."""
    page = window.runner_page
    page.preview = None
    preview = _open_preview(qtbot, window, page.record_button)
    path = tmp_path / name
    path.write_bytes(preview.current().data)
    preview.close()
    return re.sub(r"\s+", "", _pdf_text(path))


def test_clicking_identity_shown_puts_the_units_signature_on_the_record(
    qtbot, window: MainWindow, seeded_store: Store, tmp_path: Path
) -> None:
    inspection_id = _opened(qtbot, window, seeded_store, InspectionMode.COVERT)
    box = window.runner_page.record_facts.identity_shown
    assert box.isVisible() and box.isEnabled() and not box.isChecked()
    before = _record_text(qtbot, window, tmp_path, "before.pdf")
    assert "被检查单位负责人（签名）" not in before and "（未亮明身份）" in before

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    window.runner.wait_idle()
    qtbot.waitUntil(lambda: window.runner_page.sheet.record.identity_shown, timeout=10_000)
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Inspection, inspection_id).identity_shown is True
    after = _record_text(qtbot, window, tmp_path, "after.pdf")
    assert "被检查单位负责人（签名）" in after
    assert "暗访（检查中已亮明身份）" in after
    assert box.isChecked()  # the redraw shows what was saved


def test_an_overt_inspection_offers_no_identity_choice(
    qtbot, window: MainWindow, seeded_store: Store, tmp_path: Path
) -> None:
    _opened(qtbot, window, seeded_store, InspectionMode.OVERT)
    assert not window.runner_page.record_facts.identity_shown.isVisible()
    assert "被检查单位负责人（签名）" in _record_text(qtbot, window, tmp_path, "overt.pdf")


def test_card_numbers_and_recorder_typed_in_the_dialog_are_printed(
    qtbot, window: MainWindow, seeded_store: Store, tmp_path: Path
) -> None:
    inspection_id = _opened(qtbot, window, seeded_store, InspectionMode.COVERT)
    bar = window.runner_page.record_facts
    refused: list[str] = []

    def fill(dialog: QWidget) -> None:
        _type_into(dialog.findChild(QLineEdit, "cert-no-张明"), "2301<0012>")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        refused.append(dialog.error.text())  # refused in words, the dialog stays open
        _type_into(dialog.findChild(QLineEdit, "cert-no-张明"), "23010012")
        _type_into(dialog.findChild(QLineEdit, "cert-no-李华"), "HL23010045")
        recorder = dialog.findChild(QComboBox, "recorder")
        recorder.setCurrentIndex(recorder.findData("李华"))
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    when_modal(fill)
    qtbot.mouseClick(bar.edit, Qt.MouseButton.LeftButton)
    window.runner.wait_idle()
    assert refused and "无效" in refused[0]
    with seeded_store.unit_of_work() as uow:
        inspection = uow.session.get(Inspection, inspection_id)
        assert inspection.cert_nos == {"张明": "23010012", "李华": "HL23010045"}
        assert inspection.recorder == "李华"
    qtbot.waitUntil(lambda: "23010012" in bar.team.text(), timeout=10_000)
    text = _record_text(qtbot, window, tmp_path, "numbers.pdf")
    assert "张明执法证号/工作证号：23010012" in text
    assert "李华执法证号/工作证号：HL23010045" in text
    assert "记录人李华" in text


def test_printing_a_whole_notice_prints_its_receipt_on_the_last_sheet(
    qtbot, store: Store, tmp_path: Path
) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        preview = _open_preview(qtbot, window, window.runner_page.notice_button)
        assert preview.with_receipt.isVisible() and preview.with_receipt.isChecked()
        labels = [preview.chooser.itemText(i) for i in range(preview.chooser.count())]
        assert labels[1] == f"送达回证（{labels[0]}）"  # each notice, then its receipt
        notice_pages = preview.pdf.pageCount()
        output = tmp_path / "printed.pdf"

        def print_all_to_file(dialog: QWidget) -> None:
            assert isinstance(dialog, QPrintDialog)
            _type_into(dialog.findChild(QLineEdit, "filename"), str(output))
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

        when_modal(print_all_to_file, kind=QPrintDialog)
        qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
        info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True).stdout
        assert re.search(rf"^Pages:\s+{notice_pages + 1}$", info, re.M)
        assert str(notice_pages + 1) in preview.status.text()
        # printed pages are images: only the receipt's form has rules running down the page
        assert [_ruled_down(output, n) for n in range(1, notice_pages + 2)] == [False] * (
            notice_pages
        ) + [True]
    finally:
        runner.wait_idle()
        runner.shutdown()


def _ruled_down(pdf: Path, page: int) -> bool:
    """Whether a page has a vertical rule over 40 % of its height (a form's grid)."""
    from PIL import Image

    stem = pdf.parent / f"{pdf.stem}-p{page}"
    pages = ["-f", str(page), "-l", str(page)]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-singlefile", *pages, str(pdf), str(stem)], check=True
    )
    image = Image.open(stem.with_suffix(".png")).convert("L")
    width, height = image.size
    dark = image.point(lambda v: 255 if v < 200 else 0)
    columns = [dark.crop((x, 0, x + 1, height)).histogram()[255] for x in range(width)]
    return max(columns) > 0.4 * height


def test_saving_a_notice_writes_its_receipt_beside_it(qtbot, store: Store, tmp_path: Path) -> None:
    window, runner = _window_on_approved(qtbot, store)
    try:
        preview: DocumentPreview = _open_preview(qtbot, window, window.runner_page.notice_button)
        target = tmp_path / "notice.pdf"
        when_modal(_answer_save_dialog(target, []), kind=QFileDialog)
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
        beside = tmp_path / "notice-送达回证.pdf"
        assert "送达回证" in _pdf_text(beside) and "整改通知书" in _pdf_text(target)
        assert str(beside) in preview.status.text()
        preview.with_receipt.setChecked(False)  # the clerk may save the notice alone
        beside.unlink()
        when_modal(_answer_save_dialog(tmp_path / "alone.pdf", []), kind=QFileDialog)
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
        assert (tmp_path / "alone.pdf").exists() and not list(tmp_path.glob("alone-*"))
    finally:
        runner.wait_idle()
        runner.shutdown()


def test_a_new_inspection_starts_with_the_numbers_known_and_the_inspectors_own(
    seeded_store: Store,
) -> None:
    """A colleague's number from the last inspection on this laptop; one's own from 设置."""
    earlier = start_inspection(seeded_store, team=("张明", "李华"))
    with seeded_store.unit_of_work() as uow:
        set_record_facts(uow, earlier, cert_nos={"张明": "OLD-1", "李华": "23010045"})
        uow.commit()
        assert known_cert_nos(uow, ["李华", "王芳"]) == {"李华": "23010045"}
    save_settings(Settings(inspector_name="张明", inspector_cert_no="23010012"))
    request = NewInspectionRequest(
        campaign_id=None,
        template_id=reference_id("template", "window-service", "1"),
        site_id=reference_id("site", "yimei-center"),
        team=["张明", "李华", "王芳"],
        mode=InspectionMode.COVERT,
        started_at=datetime(2026, 11, 21, 1, 0, tzinfo=UTC),
        note="",
    )
    with seeded_store.unit_of_work() as uow:
        started = new_inspection(request=request)(uow).value
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        numbers = uow.session.get(Inspection, started).cert_nos
    assert numbers == {"张明": "23010012", "李华": "23010045"}


def test_settings_keep_the_inspectors_card_number_and_refuse_one_that_cannot_print(
    qtbot, tmp_path: Path
) -> None:
    from inspector_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(inspector_name="张明"), str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.findChild(QLineEdit, "inspector-cert-no")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    _type_into(field, "2301;0012")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "无效" in dialog.error.text()  # nothing saved
    _type_into(field, "23010012")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.result_settings().inspector_cert_no == "23010012"


def test_printed_on_both_sides_the_receipt_never_lands_on_the_back_of_a_notice_page() -> None:
    from inspector_app.ui.runner.document_preview import print_plan

    assert print_plan(3, 1, both_sides=True) == [
        ("main", 0),
        ("main", 1),
        ("main", 2),
        ("blank", 0),
        ("after", 0),
    ]
    assert print_plan(4, 1, both_sides=True)[-2:] == [("main", 3), ("after", 0)]
    assert print_plan(3, 1, both_sides=False)[-1] == ("after", 0)
    assert print_plan(3, 0, both_sides=True) == [("main", 0), ("main", 1), ("main", 2)]
