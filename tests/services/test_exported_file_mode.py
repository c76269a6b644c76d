"""Exported PDFs are the user's files (mode per umask); the store's own files stay private."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inspector_app.documents.content import Issuer
from inspector_app.documents.fonts import resolve_fonts
from inspector_app.services import documents as docs
from inspector_app.store.photos import PhotoStore
from inspector_app.store.store import Store
from tests.builders import start_in


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """The test runs under umask 022 (a desktop's usual); it may set another."""
    before = os.umask(0o022)
    yield os.umask
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _record_sheet(store: Store) -> bytes:
    with store.unit_of_work() as uow:
        inspection_id = start_in(
            uow, site="city-center", started_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
        )
        uow.commit()
        content = docs.record_content(uow, store.photos, inspection_id, issuer=Issuer())
    return docs.record_pdf(content, resolve_fonts())


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_saved_pdf_gets_the_users_mode_under_umask_022(
    seeded_store: Store, tmp_path: Path, umask
) -> None:
    target = docs.save_pdf(_record_sheet(seeded_store), tmp_path / "out" / "记录表.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert _mode(target) == 0o644


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_saved_pdf_follows_a_stricter_umask_too(
    seeded_store: Store, tmp_path: Path, umask
) -> None:
    umask(0o077)
    target = docs.save_pdf(_record_sheet(seeded_store), tmp_path / "private.pdf")
    assert _mode(target) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_stores_photo_files_stay_private_under_umask_022(
    tmp_path: Path, make_jpeg, umask
) -> None:
    photos = PhotoStore(tmp_path / "photos")
    imported = photos.import_file(make_jpeg())
    for path in (
        photos.original_path(imported.sha256),
        photos.preview_path(imported.sha256),
        photos.thumb_path(imported.sha256),
    ):
        assert _mode(path) == 0o600, path
