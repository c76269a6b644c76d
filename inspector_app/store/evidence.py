"""Rectification evidence files: photos and scanned PDFs, stored by sha256 like photos.

A PDF goes to the same `photos/originals/ab/<sha256>` folder as a photo's original, so
sync uploads and downloads it unchanged (sync/blobs.py sends originals by name); it has
no previews. Like a photo it is copied once, hashed while copied, and checked from the
copy (protocol/pdf_check.py, the server's own check), so what was checked is exactly
what is stored, and a refused file leaves nothing behind.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from inspector_app.domain.errors import ValidationFailed
from inspector_app.protocol.blobs import MAX_BLOB_BYTES
from inspector_app.protocol.pdf_check import PDF_MEDIA_TYPE, PdfRefused, check_pdf, is_pdf_head
from inspector_app.store.atomic_files import publish, temp_file_in
from inspector_app.store.photos import CHUNK, ImportedPhoto, PhotoStore


class EvidenceRefused(ValidationFailed):
    """A file that cannot be kept as rectification evidence; nothing was stored."""


def is_pdf_file(source: Path) -> bool:
    try:
        with source.open("rb") as handle:
            return is_pdf_head(handle.read(8))
    except OSError:
        return False


def import_evidence(photos: PhotoStore, source: Path) -> ImportedPhoto:
    """Store a photo (checked as photos are) or a PDF; EvidenceRefused or
    PhotoImportError says why not."""
    if not source.is_file():
        raise _refused(source, "不存在或不是文件", "does not exist")
    if not is_pdf_file(source):
        if source.suffix.lower() == ".pdf":
            raise _refused(source, "不是 PDF 文件", "is not a PDF file")
        return photos.import_file(source)  # PhotoImportError says why a photo is refused
    return _import_pdf(photos, source)


def _import_pdf(photos: PhotoStore, source: Path) -> ImportedPhoto:
    size = source.stat().st_size
    if size > MAX_BLOB_BYTES:
        limit = MAX_BLOB_BYTES // (1024 * 1024)
        raise _refused(source, f"超过 {limit} MB 的上限", f"is over the {limit} MB limit")
    with temp_file_in(photos.root / "originals") as (handle, temp):
        digest = hashlib.sha256()
        copied = 0
        with source.open("rb") as reader:
            while chunk := reader.read(CHUNK):
                copied += len(chunk)
                if copied > MAX_BLOB_BYTES:
                    raise _refused(source, "在导入过程中超过了大小上限", "grew over the limit")
                digest.update(chunk)
                handle.write(chunk)
        handle.flush()
        try:
            check_pdf(temp)
        except PdfRefused as refused:
            raise _refused(source, refused.zh, refused.en) from None
        sha256 = digest.hexdigest()
        destination = photos.original_path(sha256)
        already_stored = destination.exists()
        if not already_stored:
            publish(handle, temp, destination)
    return ImportedPhoto(
        sha256=sha256,
        size=copied,
        mime=PDF_MEDIA_TYPE,
        width=0,
        height=0,
        orientation=1,
        taken_at=None,
        original_name=source.name,
        already_stored=already_stored,
    )


def _refused(source: Path, zh: str, en: str) -> EvidenceRefused:
    return EvidenceRefused(
        "evidence.refused",
        f"证明材料“{source.name}”{zh}，未导入。",
        f"Evidence file '{source.name}' {en}; it was not imported.",
    )
