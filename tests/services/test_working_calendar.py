"""The holiday supplement file: a bureau adds a year before a new chinesecalendar ships."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspector_app.domain.working_days import SupplementError, due_date
from inspector_app.services.working_calendar import load_working_calendar, supplement_path


def test_the_shipped_supplement_file_reads_and_keeps_the_package_years() -> None:
    assert supplement_path().is_file()
    calendar = load_working_calendar()
    assert calendar.extra_years == {}
    assert due_date(date(2026, 9, 30), 3, calendar) == date(2026, 10, 10)


def test_a_year_written_in_the_supplement_file_is_used(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(
        "schema: 1\nyears:\n  2027:\n    holidays: [2027-01-01]\n"
        "    working_weekends: [2027-01-02]\n",
        encoding="utf-8",
    )
    calendar = load_working_calendar(path)
    assert due_date(date(2026, 12, 31), 1, calendar) == date(2027, 1, 2)


def test_a_supplement_that_is_not_yaml_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("years: [2027: {", encoding="utf-8")
    with pytest.raises(SupplementError) as refused:
        load_working_calendar(path)
    assert "无法读取节假日补充文件 holidays.yaml" in refused.value.zh
    assert "Cannot read the holiday supplement file holidays.yaml" in refused.value.en
