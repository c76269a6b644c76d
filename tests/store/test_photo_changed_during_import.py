"""A photo file that changes while it is imported: what was checked is what is stored.

The change is made deterministically: a Python audit hook sees every open()
of the source file and, from the second open on, rewrites the file (same size,
all zero bytes) just before it is opened, as a camera app or a sync client
overwriting the file between two reads would. An import that reads the file
once never sees the change; one that validates and then reads again stores
bytes that were never validated.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from inspector_app.store.photos import PhotoStore


class _Rewriter:
    """Rewrites the watched file with zeros when it is opened the `at`-th time or later."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.at = 2
        self.opens = 0
        self._busy = False

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or self.path is None or self._busy:
            return
        target = args[0]
        if not isinstance(target, (str, os.PathLike)) or os.fspath(target) != self.path:
            return
        self.opens += 1
        if self.opens >= self.at:
            self._busy = True  # the rewrite opens the file too
            try:
                size = os.path.getsize(self.path)
                with open(self.path, "r+b") as handle:
                    handle.write(bytes(size))
            finally:
                self._busy = False


_rewriter = _Rewriter()
sys.addaudithook(_rewriter)  # audit hooks cannot be removed; it stays idle between tests


@pytest.fixture
def rewritten_after_first_open() -> Iterator[_Rewriter]:
    yield _rewriter
    _rewriter.path = None
    _rewriter.opens = 0
    _rewriter.at = 2


@pytest.mark.parametrize("rewritten_at_open", [2, 3])
def test_a_photo_rewritten_after_its_first_read_is_stored_as_validated(
    tmp_path: Path, make_jpeg, rewritten_after_first_open: _Rewriter, rewritten_at_open: int
) -> None:
    source = make_jpeg(size=(800, 600))
    validated = source.read_bytes()
    photos = PhotoStore(tmp_path / "photos")
    rewritten_after_first_open.at = rewritten_at_open
    rewritten_after_first_open.path = os.fspath(source)

    imported = photos.import_file(source)

    stored = photos.original_path(imported.sha256).read_bytes()
    assert stored == validated, "the stored original must be the bytes that were validated"
    assert imported.sha256 == hashlib.sha256(validated).hexdigest()
    assert imported.size == len(validated)
    with Image.open(photos.original_path(imported.sha256)) as image:
        image.load()  # a real, complete image, not the zeros written over the source
        assert image.size == (800, 600)
    assert not list((tmp_path / "photos").rglob(".incoming-*"))
