"""签发 on the wire: what the server answers when it keeps a notice's issued PDF."""

from __future__ import annotations

from pydantic import BaseModel


class IssuedPdfOut(BaseModel):
    notice_id: str
    number: str
    pdf_sha256: str  # of the PDF's bytes: the frozen file a reprint gives back
    digest: str  # of its canonical content (protocol/notice_digest.py): what 核验 compares
