"""Every shown time is on the bureau's clock, whatever zone the machine runs in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from inspector_app.domain import bureau_time


@pytest.fixture(autouse=True)
def machine_in_utc(machine_zone: Callable[[str], None]) -> None:
    machine_zone("UTC")


def test_stored_utc_is_shown_on_the_bureau_clock_on_a_utc_machine() -> None:
    moment = datetime(2026, 11, 20, 1, 20, tzinfo=UTC)
    assert bureau_time.local(moment).strftime("%H:%M") == "09:20"
    assert bureau_time.local(moment.replace(tzinfo=None)).hour == 9  # naive is stored UTC


def test_an_unknown_zone_falls_back_to_shanghai() -> None:
    assert bureau_time.set_zone("Mars/Olympus") == "Asia/Shanghai"
    assert bureau_time.set_zone("") == "Asia/Shanghai"


def test_another_zone_can_be_configured() -> None:
    bureau_time.set_zone("Asia/Urumqi")
    moment = datetime(2026, 11, 20, 1, 20, tzinfo=UTC)
    assert bureau_time.local(moment).hour == 7


def test_a_camera_wall_clock_reading_is_in_the_bureau_zone() -> None:
    taken = bureau_time.wall_clock(datetime(2026, 11, 20, 9, 20))
    assert taken.astimezone(UTC).hour == 1
