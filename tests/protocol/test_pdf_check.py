"""What both sides keep as a scanned PDF: whole, readable, unencrypted, with pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from inspector_app.protocol.pdf_check import PdfRefused, check_pdf
from tests.rectification_builders import scanned_report


def test_a_whole_pdf_is_kept_and_its_pages_counted(tmp_path: Path) -> None:
    assert check_pdf(scanned_report(tmp_path, pages=3)) == 3


def _encrypted(tmp_path: Path) -> Path:
    writer = PdfWriter()
    for page in PdfReader(scanned_report(tmp_path)).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: (d / "w.pdf", b"PK\x03\x04 a Word file"), "不是 PDF 文件"),
        (lambda d: (d / "cut.pdf", scanned_report(d).read_bytes()[:-300]), "不完整"),
        (lambda d: (d / "junk.pdf", b"%PDF-1.4\n garbage \n%%EOF\n"), "已损坏或无法读取"),
    ],
)
def test_what_is_not_a_whole_pdf_is_refused_with_the_reason(tmp_path: Path, make, said) -> None:
    path, content = make(tmp_path)
    path.write_bytes(content)
    with pytest.raises(PdfRefused) as refused:
        check_pdf(path)
    assert said in refused.value.zh and refused.value.en


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PdfRefused) as refused:
        check_pdf(_encrypted(tmp_path))
    assert "已加密" in refused.value.zh and "encrypted" in refused.value.en
