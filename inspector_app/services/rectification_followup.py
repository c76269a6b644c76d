"""Follow-up of a notice under way: extensions (申请/批准/不予延期) and escalation
(催办函, 约谈, 问责), each a lifecycle step recorded as a notice_event with its reason.

As in services/rectification.py, every check runs before anything changes.
"""

from __future__ import annotations

from datetime import date

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.notice import (
    ESCALATION_LIFECYCLE,
    EXTENSION_LIFECYCLE,
    EscalationAction,
    ExtensionAction,
    ensure_can_escalate,
    ensure_extension_can_be_requested,
)
from inspector_app.domain.rectification import (
    NoticeEventKind,
    ensure_not_before,
    ensure_not_future,
    ensure_work_owed,
    required_text,
)
from inspector_app.services.notice_state import (
    add_event,
    deadline_in_force,
    events_of,
    notice_or_error,
    notice_warning,
)
from inspector_app.store.unit_of_work import UnitOfWork

ESCALATION_ACTIONS = {
    NoticeEventKind.ADMONITION: EscalationAction.ADMONISH,
    NoticeEventKind.ACCOUNTABILITY: EscalationAction.HOLD_ACCOUNTABLE,
}


def request_extension(
    uow: UnitOfWork,
    notice_id: str,
    *,
    requested_on: date,
    until: date,
    reason: str,
    today: date | None = None,
) -> None:
    """申请延期, before the deadline in force, to a later date, with the unit's reason."""
    notice = notice_or_error(uow, notice_id)
    target = EXTENSION_LIFECYCLE.apply(notice.extension_status, ExtensionAction.REQUEST)
    deadline = deadline_in_force(notice)
    if deadline is None:
        raise ValidationFailed(
            "extension.no_deadline",
            "该通知书没有整改期限，不能申请延期。",
            "The notice has no deadline to extend.",
        )
    ensure_extension_can_be_requested(notice.status, deadline, requested_on)
    reason = required_text(reason, "reason", "延期理由", "reason")
    ensure_not_future(requested_on, today or bureau_time.today())
    if until <= deadline:
        raise ValidationFailed(
            "extension.not_later",
            f"申请延期至（{until:%Y-%m-%d}）必须晚于现整改期限（{deadline:%Y-%m-%d}）。",
            f"The requested date ({until:%Y-%m-%d}) must be after the deadline "
            f"({deadline:%Y-%m-%d}).",
        )
    notice.extension_status = target
    uow.session.flush()
    add_event(
        uow,
        notice,
        NoticeEventKind.EXTENSION_REQUESTED,
        requested_on,
        note=reason,
        new_deadline=until,
    )


def decide_extension(
    uow: UnitOfWork,
    notice_id: str,
    *,
    grant: bool,
    decided_on: date,
    reason: str,
    actor: str,
    today: date | None = None,
) -> date | None:
    """批准延期 (the deadline moves to the requested date) or 不予延期, with a reason.
    Returns the deadline in force afterwards."""
    notice = notice_or_error(uow, notice_id)
    action = ExtensionAction.GRANT if grant else ExtensionAction.REFUSE
    target = EXTENSION_LIFECYCLE.apply(notice.extension_status, action)
    if grant:
        ensure_work_owed(notice.status, "批准延期", "grant an extension")
    reason = required_text(reason, "reason", "审批意见", "reason for the decision")
    actor = required_text(actor, "actor", "审批人", "person deciding")
    requested = [e for e in events_of(uow, notice.id) if e.kind == _REQUESTED]
    asked = requested[-1] if requested else None
    ensure_not_before(decided_on, asked.happened_on if asked else None, "申请日期", "request")
    ensure_not_future(decided_on, today or bureau_time.today())
    new_deadline = asked.new_deadline if grant and asked is not None else None
    notice.extension_status = target
    if new_deadline is not None:
        notice.extended_deadline = notice.current_deadline = new_deadline
    uow.session.flush()
    kind = NoticeEventKind.EXTENSION_GRANTED if grant else NoticeEventKind.EXTENSION_REFUSED
    add_event(uow, notice, kind, decided_on, note=reason, actor=actor, new_deadline=new_deadline)
    return deadline_in_force(notice)


_REQUESTED = NoticeEventKind.EXTENSION_REQUESTED


def escalate(
    uow: UnitOfWork,
    notice_id: str,
    kind: NoticeEventKind,
    *,
    on: date,
    note: str,
    actor: str = "",
    today: date | None = None,
) -> None:
    """催办函 to a unit that owes work; 约谈 and 问责 only for a red or yellow notice, each
    recorded with its date and note (the ledger's 通报/约谈情况)."""
    notice = notice_or_error(uow, notice_id)
    action = ESCALATION_ACTIONS.get(kind)
    if action is None and kind != NoticeEventKind.REMINDER:
        raise ValidationFailed(
            "escalation.kind_invalid",
            "督办方式只能是催办函、约谈或问责。",
            "Escalation is a reminder letter, an admonition talk or accountability.",
        )
    target = ESCALATION_LIFECYCLE.apply(notice.escalation, action) if action else None
    if action is None:
        ensure_work_owed(notice.status, "发催办函", "send a reminder")
    else:
        ensure_can_escalate(notice.status, notice_warning(notice, on))
    note = required_text(note, "note", "情况说明", "note")
    ensure_not_before(on, notice.issued_on, "成文日期", "issue date")
    ensure_not_future(on, today or bureau_time.today())
    if target is not None:
        notice.escalation = target
        uow.session.flush()
    add_event(uow, notice, kind, on, note=note, actor=actor.strip())
