"""Importing a feedback's evidence files all or nothing: a refused file stores nothing.

Files are stored one by one (store/evidence.py); if one is refused, the originals this
call stored (not those the store already held) are removed again, so the refusal leaves
the data folder as it was, and no row names a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from inspector_app.store.evidence import import_evidence
from inspector_app.store.photos import ImportedPhoto, PhotoStore


def import_all(photos: PhotoStore, sources: Sequence[Path]) -> dict[Path, ImportedPhoto]:
    stored: dict[Path, ImportedPhoto] = {}
    try:
        for source in sources:
            if source not in stored:
                stored[source] = import_evidence(photos, source)
    except BaseException:
        for imported in stored.values():
            if not imported.already_stored:
                _remove(photos, imported.sha256)
        raise
    return stored


def _remove(photos: PhotoStore, sha256: str) -> None:
    for path in (photos.original_path(sha256), photos.preview_path(sha256)):
        path.unlink(missing_ok=True)
    photos.thumb_path(sha256).unlink(missing_ok=True)
