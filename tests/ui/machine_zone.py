"""Run a test on a laptop whose clock is set to UTC (a bought laptop, a trip)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest


@pytest.fixture
def utc_laptop(machine_zone: Callable[[str], None]) -> Iterator[None]:
    """The machine's zone is UTC for the test; the bureau's stays Asia/Shanghai."""
    machine_zone("UTC")
    yield


@pytest.fixture
def bureau_zone_restored() -> Iterator[None]:
    """A test may change the bureau's zone through 设置; the next test gets the default."""
    from inspector_app.domain import bureau_time

    yield
    bureau_time.set_zone(bureau_time.DEFAULT_ZONE)
