"""Shared fixtures: real store files in tmp dirs, real JPEGs, PostgreSQL gating."""

from __future__ import annotations

import os
import random
import socket
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inspector_app.domain import bureau_time
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.services.reference_data import install_shipped
from inspector_app.store.store import Store

CHINA = timezone(timedelta(hours=8))
REQUIRE_POSTGRES = "INSPECTOR_REQUIRE_POSTGRES"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's settings or data folder."""
    folder = tmp_path / "config"
    monkeypatch.setenv("INSPECTOR_CONFIG_DIR", str(folder))
    monkeypatch.delenv("INSPECTOR_DATA_DIR", raising=False)
    return folder


@pytest.fixture
def machine_zone() -> Iterator[Callable[[str], None]]:
    """Put the machine's clock in another zone (TZ + tzset) for one test, restored after.

    Shown and printed times must be the bureau's whatever the laptop says, so
    tests run the same steps on a UTC or a New York machine.
    """
    before = os.environ.get("TZ")

    def set_machine_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_machine_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
    bureau_time.set_zone(bureau_time.DEFAULT_ZONE)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def seeded_store(store: Store) -> Store:
    """A store holding the shipped templates and the Yichun registry."""
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    return store


@pytest.fixture
def make_jpeg(tmp_path: Path):
    """Write a small real camera-like JPEG; portrait ones carry EXIF orientation 6."""
    rng = random.Random(7)
    counter = iter(range(10_000))

    def make(
        *,
        portrait: bool = False,
        size: tuple[int, int] = (640, 480),
        taken_at: datetime | None = None,
    ) -> Path:
        path = tmp_path / "camera" / f"IMG_{next(counter):04d}.jpg"
        return write_camera_jpeg(
            path,
            taken_at=taken_at or datetime(2026, 11, 20, 9, 15, tzinfo=CHINA),
            portrait=portrait,
            label="test",
            rng=rng,
            size=size,
        )

    return make


def _postgres_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect PostgreSQL cases visibly when none answers, unless CI demands them."""
    pg_items = [item for item in items if item.get_closest_marker("postgres")]
    if not pg_items or _postgres_answers():
        return
    if os.environ.get(REQUIRE_POSTGRES) == "1":
        raise pytest.UsageError(f"{REQUIRE_POSTGRES}=1 but no PostgreSQL answers on 127.0.0.1:5432")
    config.hook.pytest_deselected(items=pg_items)
    items[:] = [item for item in items if item not in pg_items]
    print(f"\nNOTE: {len(pg_items)} PostgreSQL test(s) deselected: nothing on 127.0.0.1:5432")
