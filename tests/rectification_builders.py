"""Test data for the rectification loop: an issued notice listing failed problems, and
the files a unit sends back (a real scanned-report PDF, a real photo)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services import inspections as ops
from inspector_app.services.reference_data import reference_id
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.unit_of_work import UnitOfWork
from tests.builders import finding_id, start_in

ISSUED_ON = date(2026, 11, 2)
DEADLINE = date(2026, 11, 16)
TODAY = date(2026, 11, 30)  # the day the tests' steps are recorded by
UNIT = reference_id("unit", "city-admin-service")
PROBLEMS = ("12号窗口无人在岗。", "未执行一次性告知。", "服务评价器损坏。")


def draft_notice_in(uow: UnitOfWork, problems: int = 2) -> tuple[str, list[str]]:
    """A draft notice listing `problems` failed items of a new inspection: (notice id,
    notice_finding ids in their printed order)."""
    inspection_id = start_in(uow)
    notice = Notice(unit_id=UNIT, inspection_id=inspection_id, issued_on=ISSUED_ON)
    notice.deadline = DEADLINE
    uow.session.add(notice)
    uow.session.flush()
    listed = []
    for position, code in enumerate(("A1", "A2", "A3")[:problems]):
        failed = finding_id(uow, inspection_id, code)
        ops.update_finding(
            uow,
            failed,
            ops.FindingChanges(result=FindingResult.FAIL, description=PROBLEMS[position]),
        )
        row = NoticeFinding(notice_id=notice.id, finding_id=failed, position=position)
        uow.session.add(row)
        listed.append(row.id)
    uow.session.flush()
    return notice.id, listed


def issue_in(uow: UnitOfWork, notice_id: str) -> None:
    """签发 as the server's issue step leaves it (that workflow is not this module's)."""
    notice = uow.session.get(Notice, notice_id)
    notice.status = NoticeStatus.ISSUED
    uow.session.flush()


def issued_notice_in(uow: UnitOfWork, problems: int = 2) -> tuple[str, list[str]]:
    notice_id, listed = draft_notice_in(uow, problems)
    issue_in(uow, notice_id)
    return notice_id, listed


def scanned_report(folder: Path, name: str = "整改报告.pdf", pages: int = 2) -> Path:
    """A real PDF, as a scanner's software writes one (text stands in for the scan)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in range(pages):
        pdf.drawString(72, 720, f"Rectification report, page {page + 1} ({name})")
        pdf.showPage()
    pdf.save()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


def site_photo(folder: Path, name: str = "整改后.jpg", seed: int = 3) -> Path:
    image = Image.new("RGB", (320, 240), (seed * 40 % 256, 120, 200))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image.save(path, "JPEG", quality=90)
    return path
