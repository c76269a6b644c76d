"""Finding: checklist results, severity, and the finding's own lifecycle."""

from __future__ import annotations

from enum import StrEnum

from inspector_app.domain.lifecycle import Lifecycle


class FindingResult(StrEnum):
    PASS = "pass"  # 符合
    FAIL = "fail"  # 不符合
    NOT_APPLICABLE = "na"  # 不适用
    UNCHECKED = "unchecked"  # 未检查


RESULT_LABELS = {
    FindingResult.PASS: ("符合", "Pass"),
    FindingResult.FAIL: ("不符合", "Fail"),
    FindingResult.NOT_APPLICABLE: ("不适用", "N/A"),
    FindingResult.UNCHECKED: ("未检查", "Unchecked"),
}


class Severity(StrEnum):
    MINOR = "minor"  # 轻微
    GENERAL = "general"  # 一般
    SERIOUS = "serious"  # 严重


SEVERITY_LABELS = {
    Severity.MINOR: ("轻微", "Minor"),
    Severity.GENERAL: ("一般", "General"),
    Severity.SERIOUS: ("严重", "Serious"),
}


class FindingStatus(StrEnum):
    """Where a recorded problem stands on its way to 销号."""

    RECORDED = "recorded"  # 已记录
    ASSIGNED = "assigned"  # 已交办 (in an issued notice)
    RECTIFIED = "rectified"  # 已整改 (feedback accepted, awaiting recheck)
    CLOSED = "closed"  # 已销号
    WITHDRAWN = "withdrawn"  # 已撤销 (supervisor dismissed it, with a reason)


class FindingAction(StrEnum):
    ASSIGN = "assign"
    ACCEPT_FEEDBACK = "accept_feedback"
    REOPEN = "reopen"
    CLOSE = "close"
    WITHDRAW = "withdraw"


FINDING_LIFECYCLE: Lifecycle[FindingStatus, FindingAction] = Lifecycle(
    name="finding",
    table={
        (FindingStatus.RECORDED, FindingAction.ASSIGN): FindingStatus.ASSIGNED,
        (FindingStatus.RECORDED, FindingAction.WITHDRAW): FindingStatus.WITHDRAWN,
        (FindingStatus.ASSIGNED, FindingAction.ACCEPT_FEEDBACK): FindingStatus.RECTIFIED,
        (FindingStatus.RECTIFIED, FindingAction.REOPEN): FindingStatus.ASSIGNED,
        (FindingStatus.RECTIFIED, FindingAction.CLOSE): FindingStatus.CLOSED,
    },
    labels={
        FindingStatus.RECORDED: ("已记录", "recorded"),
        FindingStatus.ASSIGNED: ("已交办", "assigned"),
        FindingStatus.RECTIFIED: ("已整改待复查", "rectified"),
        FindingStatus.CLOSED: ("已销号", "closed"),
        FindingStatus.WITHDRAWN: ("已撤销", "withdrawn"),
        FindingAction.ASSIGN: ("交办", "assign it"),
        FindingAction.ACCEPT_FEEDBACK: ("确认整改反馈", "accept the feedback"),
        FindingAction.REOPEN: ("退回重办", "reopen it"),
        FindingAction.CLOSE: ("销号", "close it"),
        FindingAction.WITHDRAW: ("撤销", "withdraw it"),
    },
)
