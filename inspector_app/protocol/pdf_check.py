"""Is this file a whole, readable PDF? The check both sides make on scanned evidence.

A unit's 整改报告 often comes as a scan: the laptop keeps it by sha256 beside the photos
and the server stores it in the same blob folder. Both refuse what is not a PDF (a
renamed Word file), a PDF cut short (no end-of-file marker: a broken download or copy),
one pypdf cannot parse, an encrypted one (the office could not open it later) and one
with no pages or more than the limit, with the same message on both sides, so every
file the laptop accepts can sync.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from inspector_app.protocol.notice_digest import MAX_PAGES

PDF_MEDIA_TYPE = "application/pdf"
PDF_MAGIC = b"%PDF-"
TAIL_BYTES = 2048  # %%EOF may be followed by a little whitespace or junk
logging.getLogger("pypdf").setLevel(logging.ERROR)


class PdfRefused(ValueError):
    """Not an evidence PDF either side keeps; `zh` and `en` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def is_pdf_head(first_bytes: bytes) -> bool:
    return first_bytes.startswith(PDF_MAGIC)


def check_pdf(path: Path) -> int:
    """The page count of a whole, readable, unencrypted PDF; PdfRefused otherwise."""
    with path.open("rb") as handle:
        head = handle.read(len(PDF_MAGIC))
        if not is_pdf_head(head):
            raise PdfRefused("不是 PDF 文件", "is not a PDF file")
        size = handle.seek(0, 2)
        handle.seek(max(0, size - TAIL_BYTES))
        if b"%%EOF" not in handle.read():
            raise PdfRefused("不完整（缺少文件结尾，可能未下载或复制完整）", "is cut short")
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise PdfRefused("已加密，无法查看", "is encrypted")
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018  (reads each page object: a broken one raises here)
    except PdfRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise PdfRefused("已损坏或无法读取", f"is damaged ({type(exc).__name__})") from None
    if not 1 <= pages <= MAX_PAGES:
        raise PdfRefused(
            f"页数（{pages}）不在 1 至 {MAX_PAGES} 之间", f"has {pages} pages (1 to {MAX_PAGES})"
        )
    return pages
