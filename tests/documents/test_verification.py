"""核验: the digest of an issued notice's text, recorded at issue, checked against the store.

Genuine when the PDF's canonical text is the issued one (re-built or re-saved alike),
altered when its text was edited, unknown when it names no issued notice of ours; the
核验码 is printed small, on one line, read back with pdftotext -bbox-layout.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from inspector_app.documents.content import NoticeContent
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import LEFT, TYPE_WIDTH
from inspector_app.domain.errors import ValidationFailed
from inspector_app.protocol.notice_digest import (
    canonical_notice,
    compact_code,
    verification_code,
)
from inspector_app.protocol.verification import Reason, Verdict
from inspector_app.services import documents as docs
from inspector_app.services.demo import build_demo
from inspector_app.services.queries import list_inspections
from inspector_app.services.verification import record_issued_digest, verify_pdf
from inspector_app.store.models import OutboxEntry
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from tests.builders import edit_first_page, number_notice

from .conftest import ISSUED_ON, ISSUER, poppler

NUMBER = "伊营商监〔2026〕7号"
PT_PER_MM = 72 / 25.4
NO_SUCH_ID = "5d1e3b7a-9c21-4b4c-8f0a-0c6f1f9e2f7e"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("verification"))
    build_demo(store, inspections=3, photo_size=(800, 600), today=date(2026, 11, 28))
    yield store
    store.close()


@pytest.fixture(scope="module")
def inspection_ids(store: Store) -> list[str]:
    """Inspections with problems: the first is issued, the second stays a draft, the last
    is numbered by the refusal test."""
    with store.unit_of_work() as uow:
        found = [row.id for row in list_inspections(uow) if row.problems]
    assert len(found) >= 3
    return found


def _content(store: Store, inspection_id: str) -> NoticeContent:
    with store.unit_of_work() as uow:
        return docs.notice_contents(
            uow, uow.photos, inspection_id, issuer=ISSUER, issued_on=ISSUED_ON
        )[0]


def _pdf(store: Store, content: NoticeContent, fonts: DocumentFonts) -> bytes:
    return docs.notice_pdf(content, fonts, docs.print_copies_for(store.photos))


def _verify(store: Store, pdf: bytes):
    with store.unit_of_work() as uow:
        return verify_pdf(uow, pdf)


@pytest.fixture(scope="module")
def issued(store: Store, inspection_ids: list[str], fonts: DocumentFonts) -> tuple[str, bytes]:
    """A numbered notice whose digest was recorded at issue: (its id, the issued PDF)."""
    notice_id = number_notice(store, inspection_ids[0], NUMBER, ISSUED_ON)
    content = _content(store, inspection_ids[0])
    assert content.number == NUMBER and content.photos
    pdf = _pdf(store, content, fonts)
    with store.unit_of_work() as uow:
        record_issued_digest(uow, notice_id, pdf)
        uow.commit()
    return notice_id, pdf


def test_the_issued_pdf_is_genuine_and_names_its_number(
    store: Store, issued: tuple[str, bytes]
) -> None:
    notice_id, pdf = issued
    verdict = _verify(store, pdf)
    assert verdict.verdict == Verdict.GENUINE and verdict.reason == Reason.MATCHES
    assert (verdict.notice_id, verdict.number) == (notice_id, NUMBER)
    assert NUMBER in verdict.message_zh and "Genuine" in verdict.message_en


def test_building_the_same_notice_again_or_resaving_it_keeps_it_genuine(
    store: Store, issued: tuple[str, bytes], inspection_ids: list[str], fonts: DocumentFonts
) -> None:
    _, pdf = issued
    again = _pdf(store, _content(store, inspection_ids[0]), fonts)
    assert again != pdf  # a new file (its creation time and file id differ)
    resaved = io.BytesIO()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Producer": "another tool"})
    writer.write(resaved)
    assert resaved.getvalue() != pdf
    for copy in (again, resaved.getvalue()):
        assert _verify(store, copy).verdict == Verdict.GENUINE


def test_a_pdf_whose_text_was_edited_in_its_content_stream_is_altered(
    store: Store, issued: tuple[str, bytes], tmp_path: Path
) -> None:
    notice_id, pdf = issued
    edited = edit_first_page(pdf, b"(2026", b"(2025")  # the first date on the page
    path = tmp_path / "edited.pdf"
    path.write_bytes(edited)
    assert "2025" in poppler("pdftotext", "-l", "1", str(path), "-")  # really edited
    verdict = _verify(store, edited)
    assert verdict.verdict == Verdict.ALTERED and verdict.reason == Reason.DIFFERS
    assert (verdict.notice_id, verdict.number) == (notice_id, NUMBER)


def test_a_notice_rebuilt_with_one_changed_word_and_the_same_id_is_altered(
    store: Store, issued: tuple[str, bytes], inspection_ids: list[str], fonts: DocumentFonts
) -> None:
    content = _content(store, inspection_ids[0])
    first = content.problems[0]
    changed = replace(first, description=first.description.replace("窗口", "柜台", 1))
    assert changed != first
    forged = replace(content, problems=(changed, *content.problems[1:]))
    verdict = _verify(store, _pdf(store, forged, fonts))
    assert verdict.verdict == Verdict.ALTERED and verdict.number == NUMBER


def test_a_pdf_that_names_no_issued_notice_of_ours_is_unknown(
    store: Store,
    issued: tuple[str, bytes],
    inspection_ids: list[str],
    fonts: DocumentFonts,
    tmp_path: Path,
) -> None:
    other = tmp_path / "other.pdf"
    canvas = Canvas(str(other), pagesize=A4)
    canvas.drawString(100, 700, "An unrelated document 0C6F 1F9E 2F7E 4B4C")
    canvas.save()
    assert _verify(store, other.read_bytes()).reason == Reason.NO_CODE
    assert _verify(store, b"%PDF-1.4 not really").reason == Reason.UNREADABLE
    assert _verify(store, b"\x89PNG\r\n").reason == Reason.UNREADABLE
    unknown_id = replace(_content(store, inspection_ids[0]), notice_id=NO_SUCH_ID)
    assert _verify(store, _pdf(store, unknown_id, fonts)).reason == Reason.NO_SUCH_NOTICE
    unsaved = _content(store, inspection_ids[1])  # a draft never saved as a notice
    assert unsaved.is_draft
    assert _verify(store, _pdf(store, unsaved, fonts)).reason == Reason.NO_SUCH_NOTICE
    number_notice(store, inspection_ids[1], None, ISSUED_ON)  # saved, not issued
    draft = _content(store, inspection_ids[1])
    verdict = _verify(store, _pdf(store, draft, fonts))
    assert verdict.verdict == Verdict.UNKNOWN and verdict.reason == Reason.NOT_ISSUED


def test_the_code_is_printed_small_on_one_line_with_no_loose_fragment(
    store: Store, issued: tuple[str, bytes], tmp_path: Path
) -> None:
    notice_id, pdf = issued
    path = tmp_path / "issued.pdf"
    path.write_bytes(pdf)
    layout = poppler("pdftotext", "-bbox-layout", str(path), "-")
    lines = re.findall(r"<line [^>]*>(.*?)</line>", layout, flags=re.S)
    words = [
        re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>',
            line,
        )
        for line in lines
    ]
    code_lines = [line for line in words if any(w[4] == "核验码" for w in line)]
    assert len(code_lines) == 1
    [line] = code_lines
    groups = verification_code(notice_id).split()
    assert [w[4] for w in line] == ["核验码", *groups]  # label and the 4 groups, one line
    heights = {round(float(w[3]) - float(w[1]), 1) for w in line}
    assert max(heights) <= 9.5  # small type (9 pt), not the 16 pt body
    right_edge_mm = max(float(w[2]) for w in line) / PT_PER_MM
    assert right_edge_mm <= (LEFT + TYPE_WIDTH) / PT_PER_MM
    hex_only = re.compile(r"^[0-9A-Fa-f]{3,}$")
    loose = [line for line in words if len(line) == 1 and hex_only.match(line[0][4])]
    assert loose == []  # no lone "b9b11" line of a wrapped digest
    assert not re.search(r"[0-9a-f]{32}", layout)  # no digest printed at all


def test_the_canonical_text_is_the_printed_text_without_spaces_and_page_numbers(
    issued: tuple[str, bytes],
) -> None:
    notice_id, pdf = issued
    canonical = canonical_notice(pdf)
    assert canonical.text.startswith(f"伊春市营商环境建设监督局{NUMBER}关于")
    assert not re.search(r"\s", canonical.text)
    assert not re.search(r"—\d+—", canonical.text)
    assert canonical.codes == {compact_code(verification_code(notice_id))}
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1  # pages joined, numbers dropped


def test_recording_a_digest_refuses_drafts_other_pdfs_and_a_second_digest(
    store: Store, issued: tuple[str, bytes], inspection_ids: list[str], fonts: DocumentFonts
) -> None:
    notice_id, pdf = issued
    draft = _content(store, inspection_ids[-1])
    second = number_notice(store, inspection_ids[-1], "伊营商监〔2026〕8号", ISSUED_ON)
    with store.unit_of_work() as uow:
        before = uow.session.scalar(select(func.count()).select_from(OutboxEntry))
        assert record_issued_digest(uow, notice_id, pdf) == canonical_notice(pdf).digest
        with pytest.raises(ValidationFailed) as wrong_pdf:
            record_issued_digest(uow, second, pdf)  # another notice's PDF
        assert wrong_pdf.value.code == "notice.pdf_mismatch"
        with pytest.raises(ValidationFailed) as draft_pdf:
            record_issued_digest(uow, second, _pdf(store, draft, fonts))  # its draft
        assert draft_pdf.value.code == "notice.pdf_mismatch"
        edited = edit_first_page(pdf, b"(2026", b"(2025")
        with pytest.raises(ValidationFailed) as again:
            record_issued_digest(uow, notice_id, edited)
        assert again.value.code == "notice.digest_recorded"
        uow.commit()
        after = uow.session.scalar(select(func.count()).select_from(OutboxEntry))
    assert after == before  # a server-owned field: nothing to push
    with store.unit_of_work() as uow:
        assert uow.session.get(Notice, notice_id).content_digest == canonical_notice(pdf).digest
        unnumbered = uow.session.get(Notice, second)
        unnumbered.number = None
        with pytest.raises(ValidationFailed) as not_numbered:
            record_issued_digest(uow, second, pdf)
        assert not_numbered.value.code == "notice.not_numbered"
