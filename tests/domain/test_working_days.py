"""Due dates in working days over China's official calendar (holidays and 调休 weekends)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.working_days import (
    OFFICIAL,
    CalendarNotCovered,
    SupplementError,
    due_date,
    parse_supplement,
)


def test_the_day_of_receipt_is_not_counted() -> None:
    assert due_date(date(2026, 11, 30), 1) == date(2026, 12, 1)  # Monday → Tuesday
    assert due_date(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday → Monday


def test_fifteen_working_days_from_a_saturday_in_november_2026() -> None:
    # No holiday in between: three full weeks from Monday 30 November.
    assert due_date(date(2026, 11, 28), 15) == date(2026, 12, 18)


def test_national_day_2025_is_skipped_and_its_makeup_weekends_count() -> None:
    # 2025: Sunday 28 September works, 1–8 October off, Saturday 11 October works.
    assert due_date(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert due_date(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert due_date(date(2025, 9, 30), 3) == date(2025, 10, 11)


def test_national_day_2026_is_skipped_and_its_makeup_saturday_counts() -> None:
    # 2026: 中秋 25–27 September, 国庆 1–7 October; Saturday 10 October works.
    assert due_date(date(2026, 9, 24), 1) == date(2026, 9, 28)
    assert due_date(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert due_date(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert due_date(date(2026, 9, 25), 10) == date(2026, 10, 15)


def test_spring_festival_2025_and_2026_with_their_makeup_days() -> None:
    # 2025: Sunday 26 January works, 28 January – 4 February off, Saturday 8 February works.
    assert due_date(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert due_date(date(2025, 1, 24), 3) == date(2025, 2, 5)
    assert due_date(date(2025, 2, 7), 1) == date(2025, 2, 8)
    # 2026: Saturday 14 February works, 15–23 February off, Saturday 28 February works.
    assert due_date(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert due_date(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert due_date(date(2026, 2, 27), 1) == date(2026, 2, 28)


def test_counting_back_gives_the_number_of_working_days_asked_for() -> None:
    day = date(2025, 1, 1)
    while day.year < 2026 or day.month < 12:
        for count in (1, 5, 15):
            assert OFFICIAL.working_days_between(day, due_date(day, count)) == count, day
        day += timedelta(days=3)


def test_a_due_date_in_a_year_without_holiday_data_is_refused_with_a_message() -> None:
    with pytest.raises(CalendarNotCovered) as refused:
        due_date(date(2026, 12, 20), 15)  # runs into 2027, not yet in chinesecalendar 1.11
    assert refused.value.code == "working_days.year_not_covered"
    assert "2027年1月1日" in refused.value.zh and "没有节假日安排数据" in refused.value.zh
    assert "2004—2026年" in refused.value.zh and "holidays.yaml" in refused.value.zh
    assert "2027-01-01" in refused.value.en and "covers 2004–2026" in refused.value.en
    with pytest.raises(CalendarNotCovered):
        due_date(date(2003, 6, 2), 1)


def test_a_period_of_zero_or_absurd_length_is_refused() -> None:
    for count in (0, -3, 251):
        with pytest.raises(ValidationFailed) as refused:
            due_date(date(2026, 11, 30), count)
        assert refused.value.code == "working_days.count_invalid"
        assert "个工作日" in refused.value.zh and "working days" in refused.value.en


def test_a_year_added_in_the_supplement_is_counted_as_written() -> None:
    calendar = parse_supplement(
        {
            "years": {
                2027: {
                    "holidays": [date(2027, 1, 1)],
                    "working_weekends": [date(2027, 1, 2)],
                }
            }
        },
        "holidays.yaml",
    )
    assert calendar.covered_years() == [(2004, 2027)]
    # From Thursday 31 Dec 2026: 1 Jan off, Saturday 2 Jan works, then Monday 4 Jan.
    assert due_date(date(2026, 12, 31), 1, calendar) == date(2027, 1, 2)
    assert due_date(date(2026, 12, 31), 2, calendar) == date(2027, 1, 4)
    assert due_date(date(2026, 12, 20), 15, calendar) == date(2027, 1, 8)


@pytest.mark.parametrize(
    ("years", "where"),
    [
        ({2027: {"holidays": [date(2028, 1, 1)]}}, "2027.holidays"),
        ({2027: {"working_weekends": [date(2027, 1, 4)]}}, "2027.working_weekends"),
        ({2027: {"holidays": "2027-01-01"}}, "2027.holidays"),
        ({2027: {"days_off": []}}, "2027"),
        ({"next": {}}, "years.next"),
    ],
)
def test_a_wrong_supplement_entry_names_the_file_and_the_entry(years: dict, where: str) -> None:
    with pytest.raises(SupplementError) as refused:
        parse_supplement({"years": years}, "holidays.yaml")
    assert f"holidays.yaml 有误：{where}" in refused.value.zh
    assert "holidays.yaml is invalid" in refused.value.en
