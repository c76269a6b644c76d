"""Rectification notice (整改通知书): lifecycle, extensions, escalation, warnings."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.lifecycle import Lifecycle


class NoticeStatus(StrEnum):
    DRAFT = "draft"  # 草拟
    ISSUED = "issued"  # 已交办
    IN_PROGRESS = "in_progress"  # 整改中
    FEEDBACK_SUBMITTED = "feedback_submitted"  # 已反馈
    UNDER_REVIEW = "under_review"  # 复查中
    CLOSED = "closed"  # 已销号
    RETURNED = "returned"  # 退回重办


class NoticeAction(StrEnum):
    ISSUE = "issue"
    ACKNOWLEDGE = "acknowledge"  # the unit received it and started work
    SUBMIT_FEEDBACK = "submit_feedback"
    START_REVIEW = "start_review"
    CLOSE = "close"
    RETURN = "return"
    RESUME = "resume"


NOTICE_LIFECYCLE: Lifecycle[NoticeStatus, NoticeAction] = Lifecycle(
    name="notice",
    table={
        (NoticeStatus.DRAFT, NoticeAction.ISSUE): NoticeStatus.ISSUED,
        (NoticeStatus.ISSUED, NoticeAction.ACKNOWLEDGE): NoticeStatus.IN_PROGRESS,
        # A unit may answer before anyone recorded that it started work.
        (NoticeStatus.ISSUED, NoticeAction.SUBMIT_FEEDBACK): NoticeStatus.FEEDBACK_SUBMITTED,
        (NoticeStatus.IN_PROGRESS, NoticeAction.SUBMIT_FEEDBACK): NoticeStatus.FEEDBACK_SUBMITTED,
        (NoticeStatus.FEEDBACK_SUBMITTED, NoticeAction.START_REVIEW): NoticeStatus.UNDER_REVIEW,
        (NoticeStatus.UNDER_REVIEW, NoticeAction.CLOSE): NoticeStatus.CLOSED,
        (NoticeStatus.UNDER_REVIEW, NoticeAction.RETURN): NoticeStatus.RETURNED,
        (NoticeStatus.RETURNED, NoticeAction.RESUME): NoticeStatus.IN_PROGRESS,
    },
    labels={
        NoticeStatus.DRAFT: ("草拟", "a draft"),
        NoticeStatus.ISSUED: ("已交办", "issued"),
        NoticeStatus.IN_PROGRESS: ("整改中", "in progress"),
        NoticeStatus.FEEDBACK_SUBMITTED: ("已反馈", "answered by the unit"),
        NoticeStatus.UNDER_REVIEW: ("复查中", "under review"),
        NoticeStatus.CLOSED: ("已销号", "closed"),
        NoticeStatus.RETURNED: ("退回重办", "returned for redo"),
        NoticeAction.ISSUE: ("签发", "issue it"),
        NoticeAction.ACKNOWLEDGE: ("签收", "acknowledge it"),
        NoticeAction.SUBMIT_FEEDBACK: ("提交整改反馈", "submit feedback"),
        NoticeAction.START_REVIEW: ("开始复查", "start the review"),
        NoticeAction.CLOSE: ("销号", "close it"),
        NoticeAction.RETURN: ("退回重办", "return it for redo"),
        NoticeAction.RESUME: ("重新整改", "resume work"),
    },
)

# Statuses in which the unit owes work, so the deadline can be missed.
OWES_ACTION = frozenset({NoticeStatus.ISSUED, NoticeStatus.IN_PROGRESS, NoticeStatus.RETURNED})


class ExtensionStatus(StrEnum):
    NONE = "none"
    REQUESTED = "requested"  # 申请延期
    GRANTED = "granted"  # 已延期
    REFUSED = "refused"  # 延期未批准


class ExtensionAction(StrEnum):
    REQUEST = "request"
    GRANT = "grant"
    REFUSE = "refuse"


EXTENSION_LIFECYCLE: Lifecycle[ExtensionStatus, ExtensionAction] = Lifecycle(
    name="extension",
    table={
        (ExtensionStatus.NONE, ExtensionAction.REQUEST): ExtensionStatus.REQUESTED,
        (ExtensionStatus.REQUESTED, ExtensionAction.GRANT): ExtensionStatus.GRANTED,
        (ExtensionStatus.REQUESTED, ExtensionAction.REFUSE): ExtensionStatus.REFUSED,
        # A second request is possible after either answer.
        (ExtensionStatus.GRANTED, ExtensionAction.REQUEST): ExtensionStatus.REQUESTED,
        (ExtensionStatus.REFUSED, ExtensionAction.REQUEST): ExtensionStatus.REQUESTED,
    },
    labels={
        ExtensionStatus.NONE: ("未申请延期", "without an extension request"),
        ExtensionStatus.REQUESTED: ("已申请延期", "awaiting an extension decision"),
        ExtensionStatus.GRANTED: ("已延期", "extended"),
        ExtensionStatus.REFUSED: ("延期未批准", "refused an extension"),
        ExtensionAction.REQUEST: ("申请延期", "request an extension"),
        ExtensionAction.GRANT: ("批准延期", "grant the extension"),
        ExtensionAction.REFUSE: ("不予延期", "refuse the extension"),
    },
)


class EscalationLevel(StrEnum):
    NONE = "none"
    ADMONITION = "admonition"  # 约谈
    ACCOUNTABILITY = "accountability"  # 问责


class EscalationAction(StrEnum):
    ADMONISH = "admonish"
    HOLD_ACCOUNTABLE = "hold_accountable"


ESCALATION_LIFECYCLE: Lifecycle[EscalationLevel, EscalationAction] = Lifecycle(
    name="escalation",
    table={
        (EscalationLevel.NONE, EscalationAction.ADMONISH): EscalationLevel.ADMONITION,
        (EscalationLevel.NONE, EscalationAction.HOLD_ACCOUNTABLE): EscalationLevel.ACCOUNTABILITY,
        (EscalationLevel.ADMONITION, EscalationAction.HOLD_ACCOUNTABLE): (
            EscalationLevel.ACCOUNTABILITY
        ),
    },
    labels={
        EscalationLevel.NONE: ("未升级", "not escalated"),
        EscalationLevel.ADMONITION: ("已约谈", "escalated to an admonition talk"),
        EscalationLevel.ACCOUNTABILITY: ("已问责", "escalated to accountability"),
        EscalationAction.ADMONISH: ("约谈", "hold an admonition talk"),
        EscalationAction.HOLD_ACCOUNTABLE: ("问责", "hold those responsible accountable"),
    },
)


class WarningLevel(StrEnum):
    """三色预警: blue near the deadline, yellow poor quality, red overdue."""

    NONE = "none"
    BLUE = "blue"
    YELLOW = "yellow"
    RED = "red"


WARNING_LABELS = {
    WarningLevel.NONE: ("正常", "on track"),
    WarningLevel.BLUE: ("蓝色预警", "blue warning"),
    WarningLevel.YELLOW: ("黄色预警", "yellow warning"),
    WarningLevel.RED: ("红色预警", "red warning"),
}


def warning_level(
    status: NoticeStatus,
    deadline: date | None,
    today: date,
    returned_count: int = 0,
    blue_days: int = 3,
) -> WarningLevel:
    """Derive the warning colour; it is never stored, so it cannot go stale.

    Only notices where the unit still owes work can be late. Past the
    deadline is red; a notice already sent back for redo is yellow (poor
    quality); within `blue_days` of the deadline is blue.
    """
    if status not in OWES_ACTION or deadline is None:
        return WarningLevel.NONE
    days_left = (deadline - today).days
    if days_left < 0:
        return WarningLevel.RED
    if returned_count > 0:
        return WarningLevel.YELLOW
    if days_left <= blue_days:
        return WarningLevel.BLUE
    return WarningLevel.NONE


def is_overdue(status: NoticeStatus, deadline: date | None, today: date) -> bool:
    return warning_level(status, deadline, today) == WarningLevel.RED


def validate_deadline(issued_on: date, deadline: date) -> None:
    if deadline <= issued_on:
        raise ValidationFailed(
            "notice.deadline_not_after_issue",
            f"整改期限（{deadline:%Y-%m-%d}）必须晚于成文日期（{issued_on:%Y-%m-%d}）。",
            f"The deadline ({deadline:%Y-%m-%d}) must be after the issue date "
            f"({issued_on:%Y-%m-%d}).",
        )


def ensure_extension_can_be_requested(status: NoticeStatus, deadline: date, today: date) -> None:
    """Extensions are asked for before the due date, while work is still owed."""
    if status not in OWES_ACTION:
        raise IllegalTransition(
            "extension.not_in_progress",
            "只有整改中的通知书才能申请延期。",
            "Only a notice whose rectification is under way can be extended.",
        )
    if today > deadline:
        raise IllegalTransition(
            "extension.after_deadline",
            "已超过整改期限，不能再申请延期，请按逾期处理。",
            "The deadline has passed; an extension can no longer be requested.",
        )


def ensure_can_escalate(status: NoticeStatus, level: WarningLevel) -> None:
    """约谈/问责 follow overdue or poorly done rectification, not on-time work."""
    if level not in (WarningLevel.RED, WarningLevel.YELLOW):
        raise IllegalTransition(
            "escalation.not_warranted",
            "只有逾期或整改不到位（红色、黄色预警）的通知书才能约谈或问责。",
            "Only overdue or poorly rectified notices (red or yellow) can be escalated.",
        )


def format_notice_number(organ_code: str, year: int, serial: int) -> str:
    """发文字号 (GB/T 9704 7.2.5): code, the full year in 〔〕, the serial without zeros or 第."""
    if serial < 1:
        raise ValidationFailed(
            "notice.serial_invalid",
            "文号序号必须是正整数。",
            "A document number's serial must be a positive integer.",
        )
    return f"{organ_code}〔{year}〕{serial}号"
