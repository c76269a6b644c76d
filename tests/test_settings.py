"""The settings file: the rectification period moves from calendar days to working days."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.settings import Settings, load_settings, save_settings


def _old_file(tmp_path: Path, **values: object) -> Path:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"issuer_name": "伊春市营商环境建设监督局", **values}), "utf-8")
    return path


def test_the_default_period_is_fifteen_working_days() -> None:
    assert Settings().deadline_working_days == 15
    assert not hasattr(Settings(), "deadline_days")


@pytest.mark.parametrize(
    ("calendar_days", "working_days"),
    [(15, 15), (30, 21), (10, 7), (7, 5), (1, 1)],
)
def test_an_old_calendar_day_period_is_carried_over_as_working_days(
    tmp_path: Path, calendar_days: int, working_days: int
) -> None:
    """The untouched old default follows the new default; a chosen period keeps its length."""
    settings = load_settings(_old_file(tmp_path, deadline_days=calendar_days))
    assert settings.deadline_working_days == working_days
    assert settings.issuer_name == "伊春市营商环境建设监督局"


def test_a_file_that_already_has_working_days_keeps_them(tmp_path: Path) -> None:
    path = _old_file(tmp_path, deadline_days=30, deadline_working_days=10)
    assert load_settings(path).deadline_working_days == 10


def test_a_nonsense_old_period_falls_back_to_the_default(tmp_path: Path) -> None:
    for junk in (0, -5, "15", True, None):
        assert load_settings(_old_file(tmp_path, deadline_days=junk)).deadline_working_days == 15


def test_saving_writes_the_new_key_only(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(load_settings(_old_file(tmp_path, deadline_days=30)), path)
    saved = json.loads(path.read_text("utf-8"))
    assert saved["deadline_working_days"] == 21 and "deadline_days" not in saved
