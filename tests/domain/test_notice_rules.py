"""Deadlines, the three-colour warning, extensions and escalation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import (
    NoticeStatus,
    WarningLevel,
    ensure_can_escalate,
    ensure_extension_can_be_requested,
    is_overdue,
    validate_deadline,
    warning_level,
)

TODAY = date(2026, 11, 28)


def test_deadline_must_be_after_issue_date() -> None:
    validate_deadline(TODAY, TODAY + timedelta(days=15))
    for bad in (TODAY, TODAY - timedelta(days=1)):
        with pytest.raises(ValidationFailed) as refused:
            validate_deadline(TODAY, bad)
        assert "整改期限" in refused.value.zh and "deadline" in refused.value.en


@pytest.mark.parametrize(
    ("days_left", "returned", "expected"),
    [
        (10, 0, WarningLevel.NONE),
        (4, 0, WarningLevel.NONE),
        (3, 0, WarningLevel.BLUE),
        (0, 0, WarningLevel.BLUE),
        (10, 1, WarningLevel.YELLOW),
        (-1, 0, WarningLevel.RED),
        (-1, 2, WarningLevel.RED),
    ],
)
def test_warning_level_follows_the_deadline_while_work_is_owed(
    days_left: int, returned: int, expected: WarningLevel
) -> None:
    deadline = TODAY + timedelta(days=days_left)
    assert warning_level(NoticeStatus.IN_PROGRESS, deadline, TODAY, returned) == expected


@pytest.mark.parametrize(
    "status",
    [
        NoticeStatus.DRAFT,
        NoticeStatus.FEEDBACK_SUBMITTED,
        NoticeStatus.UNDER_REVIEW,
        NoticeStatus.CLOSED,
    ],
)
def test_no_warning_once_the_unit_has_answered_or_before_issue(status: NoticeStatus) -> None:
    past = TODAY - timedelta(days=30)
    assert warning_level(status, past, TODAY) == WarningLevel.NONE
    assert not is_overdue(status, past, TODAY)


def test_overdue_means_past_deadline_and_still_owed() -> None:
    assert is_overdue(NoticeStatus.RETURNED, TODAY - timedelta(days=1), TODAY)
    assert not is_overdue(NoticeStatus.RETURNED, TODAY, TODAY)


def test_extension_is_requested_before_the_deadline_only() -> None:
    ensure_extension_can_be_requested(NoticeStatus.IN_PROGRESS, TODAY, TODAY)
    with pytest.raises(IllegalTransition) as late:
        ensure_extension_can_be_requested(NoticeStatus.IN_PROGRESS, TODAY - timedelta(1), TODAY)
    assert "逾期" in late.value.zh
    with pytest.raises(IllegalTransition):
        ensure_extension_can_be_requested(NoticeStatus.CLOSED, TODAY + timedelta(5), TODAY)


def test_escalation_needs_a_red_or_yellow_warning() -> None:
    ensure_can_escalate(NoticeStatus.IN_PROGRESS, WarningLevel.RED)
    ensure_can_escalate(NoticeStatus.IN_PROGRESS, WarningLevel.YELLOW)
    for level in (WarningLevel.NONE, WarningLevel.BLUE):
        with pytest.raises(IllegalTransition):
            ensure_can_escalate(NoticeStatus.IN_PROGRESS, level)


def test_document_number_follows_gbt_9704() -> None:
    from inspector_app.domain.notice import format_notice_number

    assert format_notice_number("伊营商监", 2026, 7) == "伊营商监〔2026〕7号"
    assert format_notice_number("哈营商监", 2023, 12) == "哈营商监〔2023〕12号"
    with pytest.raises(ValidationFailed):
        format_notice_number("伊营商监", 2026, 0)
