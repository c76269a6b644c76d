"""The rectification loop after a notice is issued: delivery, feedback, verification.

The notice's own lifecycles (status, extension, escalation) are in domain/notice.py;
this module holds the values the loop records (送达方式, 复查结论, the kinds of event a
ledger lists) and the checks on them, in plain Python.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import OWES_ACTION, NoticeStatus


class DeliveryMethod(StrEnum):
    """送达方式, as the 送达回证 lists them."""

    DIRECT = "direct"  # 直接送达
    MAIL = "mail"  # 邮寄送达
    ELECTRONIC = "electronic"  # 电子送达
    LEFT = "left"  # 留置送达


DELIVERY_LABELS = {
    DeliveryMethod.DIRECT: ("直接送达", "delivered in person"),
    DeliveryMethod.MAIL: ("邮寄送达", "delivered by post"),
    DeliveryMethod.ELECTRONIC: ("电子送达", "delivered electronically"),
    DeliveryMethod.LEFT: ("留置送达", "left at the unit's premises"),
}


class VerificationResult(StrEnum):
    """复查结论 for one problem of one feedback round; empty while not yet verified."""

    PENDING = ""
    RECTIFIED = "rectified"  # 已整改到位
    NOT_RECTIFIED = "not_rectified"  # 未整改到位


VERIFICATION_LABELS = {
    VerificationResult.PENDING: ("待复查", "not yet verified"),
    VerificationResult.RECTIFIED: ("已整改到位", "rectified"),
    VerificationResult.NOT_RECTIFIED: ("未整改到位", "not rectified"),
}


class NoticeEventKind(StrEnum):
    """One step of the loop, as a ledger's 通报/约谈情况 and the notice's history list it."""

    DELIVERED = "delivered"
    FEEDBACK = "feedback"
    VERIFIED = "verified"
    CLOSED = "closed"
    RETURNED = "returned"
    EXTENSION_REQUESTED = "extension_requested"
    EXTENSION_GRANTED = "extension_granted"
    EXTENSION_REFUSED = "extension_refused"
    REMINDER = "reminder"  # 催办函
    ADMONITION = "admonition"  # 约谈
    ACCOUNTABILITY = "accountability"  # 问责


EVENT_LABELS = {
    NoticeEventKind.DELIVERED: ("送达", "delivered"),
    NoticeEventKind.FEEDBACK: ("收到整改报告", "rectification report received"),
    NoticeEventKind.VERIFIED: ("复查", "verified"),
    NoticeEventKind.CLOSED: ("销号", "closed"),
    NoticeEventKind.RETURNED: ("退回重办", "returned for redo"),
    NoticeEventKind.EXTENSION_REQUESTED: ("申请延期", "extension requested"),
    NoticeEventKind.EXTENSION_GRANTED: ("批准延期", "extension granted"),
    NoticeEventKind.EXTENSION_REFUSED: ("不予延期", "extension refused"),
    NoticeEventKind.REMINDER: ("催办函", "reminder letter"),
    NoticeEventKind.ADMONITION: ("约谈", "admonition talk"),
    NoticeEventKind.ACCOUNTABILITY: ("问责", "accountability"),
}
ESCALATION_KINDS = (
    NoticeEventKind.REMINDER,
    NoticeEventKind.ADMONITION,
    NoticeEventKind.ACCOUNTABILITY,
)


def required_text(value: str, code: str, zh_name: str, en_name: str) -> str:
    """A name or a reason the record must carry; blank is refused, not stored."""
    cleaned = value.strip()
    if not cleaned:
        raise ValidationFailed(
            f"rectification.{code}_missing",
            f"请填写{zh_name}。",
            f"Enter the {en_name}.",
        )
    return cleaned


def ensure_not_before(day: date, earlier: date | None, zh_what: str, en_what: str) -> None:
    """A step cannot be dated before the step it follows (送达 before 成文, say)."""
    if earlier is not None and day < earlier:
        raise ValidationFailed(
            "rectification.date_too_early",
            f"日期（{day:%Y-%m-%d}）不能早于{zh_what}（{earlier:%Y-%m-%d}）。",
            f"The date ({day:%Y-%m-%d}) cannot be before the {en_what} ({earlier:%Y-%m-%d}).",
        )


def ensure_not_future(day: date, today: date) -> None:
    """What happened is recorded after it happened; a future date is a typing mistake."""
    if day > today:
        raise ValidationFailed(
            "rectification.date_in_future",
            f"日期（{day:%Y-%m-%d}）晚于今天（{today:%Y-%m-%d}），请核对。",
            f"The date ({day:%Y-%m-%d}) is after today ({today:%Y-%m-%d}); check it.",
        )


def ensure_work_owed(status: NoticeStatus, zh_action: str, en_action: str) -> None:
    """A reminder (催办函) goes to a unit that still owes work, not to a closed notice."""
    if status not in OWES_ACTION:
        raise IllegalTransition(
            "rectification.no_work_owed",
            f"该通知书当前没有待整改的事项，不能{zh_action}。",
            f"The unit owes no work on this notice; cannot {en_action}.",
        )


def ensure_all_verified(pending: int) -> None:
    if pending:
        raise IllegalTransition(
            "rectification.not_all_verified",
            f"还有 {pending} 个问题未复查，请先逐项复查。",
            f"{pending} problem(s) are not verified yet; verify each one first.",
        )


def ensure_closable(not_rectified: int, pending: int) -> None:
    """销号 only when every problem of the notice was found rectified."""
    ensure_all_verified(pending)
    if not_rectified:
        raise IllegalTransition(
            "rectification.not_all_rectified",
            f"有 {not_rectified} 个问题未整改到位，不能销号，请退回重办。",
            f"{not_rectified} problem(s) are not rectified; return the notice instead.",
        )


def ensure_returnable(not_rectified: int, pending: int) -> None:
    """退回重办 only when the review found at least one problem not rectified."""
    ensure_all_verified(pending)
    if not not_rectified:
        raise IllegalTransition(
            "rectification.all_rectified",
            "所有问题均已整改到位，应予销号，不能退回重办。",
            "Every problem is rectified; close the notice instead of returning it.",
        )
