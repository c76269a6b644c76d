"""Issued notice PDFs, frozen: kept whole by the sha256 of their bytes, never rewritten.

A notice is issued once; every later print or export is that file, byte for byte, not
a rebuild (a rebuild differs in reportlab's creation time and file id, and in anything
the wording, fonts or app version changed since). As print copies of photos
(documents/print_copies.py), the file lives in the data folder, `issued/ab/<sha256>.pdf`,
written whole (temp file and rename) so a row may point at it once it is there.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from inspector_app.domain.errors import ValidationFailed
from inspector_app.store.atomic_files import write_atomically

FOLDER_NAME = "issued"


class IssuedPdfs:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.pdf"

    def put(self, pdf: bytes) -> str:
        """Keeps the PDF (once; the same bytes again are already there); its sha256."""
        sha256 = hashlib.sha256(pdf).hexdigest()
        target = self.path(sha256)
        if not target.exists():
            write_atomically(target, pdf)
        return sha256

    def get(self, sha256: str) -> bytes:
        """The frozen bytes; a missing or changed file is refused, never rebuilt."""
        try:
            pdf = self.path(sha256).read_bytes()
        except FileNotFoundError:
            pdf = b""
        if hashlib.sha256(pdf).hexdigest() != sha256:
            raise ValidationFailed(
                "notice.issued_pdf_missing",
                f"本机找不到签发时保存的通知书文件（{sha256[:12]}…），或该文件已被改动。"
                "签发文本不会重新生成；请从服务器同步或联系管理员。",
                f"The PDF kept at issue ({sha256[:12]}…) is missing or changed on this "
                "laptop. An issued notice is never rebuilt; sync from the server or ask "
                "the administrator.",
            )
        return pdf


def issued_pdfs_in(data_dir: Path) -> IssuedPdfs:
    return IssuedPdfs(data_dir / FOLDER_NAME)
