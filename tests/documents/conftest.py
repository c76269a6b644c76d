"""A demo store and helpers to read PDFs back with poppler-utils."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from inspector_app.documents.content import Issuer
from inspector_app.documents.fonts import DocumentFonts, resolve_fonts
from inspector_app.services.demo import build_demo
from inspector_app.store.store import Store

ISSUER = Issuer(contact_person="刘洋", contact_phone="0458-3600000")
ISSUED_ON = date(2026, 11, 28)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("documents"))
    build_demo(
        store,
        inspections=4,
        photos_per_finding=1,
        photo_size=(4032, 3024),
        today=date(2026, 11, 28),
    )
    yield store
    store.close()


@pytest.fixture(scope="session")
def fonts() -> DocumentFonts:
    return resolve_fonts()


def poppler(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def pdf_text(path: Path) -> str:
    return poppler("pdftotext", "-layout", str(path), "-")


def page_count(path: Path) -> int:
    info = poppler("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
