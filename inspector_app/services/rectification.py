"""The rectification loop of an issued notice: 送达, 整改报告, 复查, 销号 or 退回重办.

Every use case moves the notice one step along its lifecycle (domain/notice.py) and
records the step as a notice_event. All checks run before anything changes, so a
refused step (IllegalTransition, ValidationFailed) leaves the unit of work untouched;
the caller commits. Each status step is flushed on its own, so two steps in one action
(a returned notice answered again: resume, then feedback) stay two outbox entries and
the server sees each transition (store/outbox.py). Extensions and escalation are in
services/rectification_followup.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeAction, NoticeStatus
from inspector_app.domain.rectification import (
    VERIFICATION_LABELS,
    DeliveryMethod,
    NoticeEventKind,
    VerificationResult,
    ensure_closable,
    ensure_not_before,
    ensure_not_future,
    ensure_returnable,
    required_text,
)
from inspector_app.domain.working_days import OFFICIAL, WorkingCalendar
from inspector_app.services.evidence import import_all
from inspector_app.services.notice_state import (
    Problem,
    add_event,
    latest_results,
    notice_or_error,
    problems_of,
    resolve_problem,
    round_items,
)
from inspector_app.services.photos import ensure_blob
from inspector_app.store.notice_models import Notice, RectificationFeedback
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class FeedbackItem:
    """What the unit reported for one problem: by its number in the notice or its id."""

    problem: str
    measures: str
    responsible_person: str
    evidence: Sequence[Path] = field(default_factory=tuple)


def _step(uow: UnitOfWork, notice: Notice, target: NoticeStatus) -> None:
    notice.status = target
    uow.session.flush()  # one outbox entry per transition


def record_delivery(
    uow: UnitOfWork,
    notice_id: str,
    *,
    delivered_on: date,
    method: DeliveryMethod,
    recipient: str,
    today: date | None = None,
) -> None:
    """送达: the unit received the notice, so its rectification is under way."""
    notice = notice_or_error(uow, notice_id)
    target = NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.ACKNOWLEDGE)
    recipient = required_text(recipient, "recipient", "受送达人", "recipient")
    ensure_not_before(delivered_on, notice.issued_on, "成文日期", "issue date")
    ensure_not_future(delivered_on, today or bureau_time.today())
    notice.delivered_on, notice.delivery_method = delivered_on, method
    notice.delivery_recipient = recipient
    if notice.current_deadline is None:
        notice.current_deadline = notice.deadline
    _step(uow, notice, target)
    add_event(uow, notice, NoticeEventKind.DELIVERED, delivered_on, actor=recipient)


def record_feedback(
    uow: UnitOfWork,
    notice_id: str,
    *,
    received_on: date,
    items: Sequence[FeedbackItem],
    today: date | None = None,
) -> list[str]:
    """整改报告: per problem, what was done, who answers for it, and the evidence.

    The first report covers every problem of the notice; after a return for redo, every
    problem not yet found rectified. Returns the new feedback ids, in the items' order.
    """
    notice = notice_or_error(uow, notice_id)
    steps = _feedback_steps(notice.status)
    ensure_not_before(received_on, notice.delivered_on or notice.issued_on, "送达日期", "delivery")
    ensure_not_future(received_on, today or bureau_time.today())
    problems = problems_of(uow, notice.id)
    owed = _owed(uow, notice, problems)
    chosen = _checked_items(problems, owed, items)
    imported = import_all(uow.photos, [path for item in items for path in item.evidence])
    for stored in imported.values():
        ensure_blob(uow, stored)
    round_no = notice.returned_count + 1
    feedback_ids = []
    for item, problem in zip(items, chosen, strict=True):
        row = RectificationFeedback(
            notice_id=notice.id,
            notice_finding_id=problem.id,
            round=round_no,
            received_on=received_on,
            measures=item.measures.strip(),
            responsible_person=item.responsible_person.strip(),
            evidence_sha256=[imported[path].sha256 for path in item.evidence],
        )
        uow.session.add(row)
        feedback_ids.append(row.id)
    for target in steps:
        _step(uow, notice, target)
    add_event(
        uow,
        notice,
        NoticeEventKind.FEEDBACK,
        received_on,
        note=f"第{round_no}轮，{len(items)}个问题 / round {round_no}, {len(items)} problem(s)",
    )
    return feedback_ids


def _feedback_steps(status: NoticeStatus) -> list[NoticeStatus]:
    """A returned notice resumes first, then is answered: two transitions."""
    if status == NoticeStatus.RETURNED:
        resumed = NOTICE_LIFECYCLE.apply(status, NoticeAction.RESUME)
        return [resumed, NOTICE_LIFECYCLE.apply(resumed, NoticeAction.SUBMIT_FEEDBACK)]
    return [NOTICE_LIFECYCLE.apply(status, NoticeAction.SUBMIT_FEEDBACK)]


def _owed(uow: UnitOfWork, notice: Notice, problems: list[Problem]) -> list[Problem]:
    results = latest_results(uow, notice.id)
    return [p for p in problems if results.get(p.id) != VerificationResult.RECTIFIED]


def _checked_items(
    problems: list[Problem], owed: list[Problem], items: Sequence[FeedbackItem]
) -> list[Problem]:
    if not items:
        raise ValidationFailed(
            "rectification.no_items",
            "整改报告至少要包含一个问题的整改情况。",
            "A rectification report must cover at least one problem.",
        )
    chosen = [resolve_problem(problems, item.problem) for item in items]
    for item in items:
        required_text(item.measures, "measures", "整改措施", "measures taken")
        required_text(item.responsible_person, "responsible", "责任人", "responsible person")
    seen: set[str] = set()
    for problem in chosen:
        if problem.id in seen:
            raise ValidationFailed(
                "rectification.problem_twice",
                f"问题{problem.number}在整改报告中出现了两次。",
                f"Problem {problem.number} appears twice in the report.",
            )
        seen.add(problem.id)
        if problem not in owed:
            raise ValidationFailed(
                "rectification.problem_already_rectified",
                f"问题{problem.number}已复查确认整改到位，无需再次报告。",
                f"Problem {problem.number} was already verified as rectified.",
            )
    missing = [p.number for p in owed if p.id not in seen]
    if missing:
        numbers = "、".join(str(n) for n in missing)
        raise ValidationFailed(
            "rectification.problems_missing",
            f"整改报告缺少问题{numbers}的整改情况，请逐项填写。",
            f"The report lacks problem(s) {', '.join(map(str, missing))}; cover each one.",
        )
    return chosen


def verify_problems(
    uow: UnitOfWork,
    notice_id: str,
    results: Mapping[str, VerificationResult],
    *,
    verifier: str,
    verified_on: date,
    note: str = "",
    today: date | None = None,
) -> None:
    """复查 per problem of the current round: rectified or not, by whom, when."""
    notice = notice_or_error(uow, notice_id)
    steps = []
    if notice.status != NoticeStatus.UNDER_REVIEW:
        steps = [NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.START_REVIEW)]
    verifier = required_text(verifier, "verifier", "复查人", "verifier")
    if not results:
        raise ValidationFailed(
            "rectification.no_results",
            "请至少给出一个问题的复查结论。",
            "Give the verification result of at least one problem.",
        )
    problems = problems_of(uow, notice.id)
    current = round_items(uow, notice.id, notice.returned_count + 1)
    decided: list[tuple[RectificationFeedback, VerificationResult, Problem]] = []
    for ref, result in results.items():
        problem = resolve_problem(problems, ref)
        row = current.get(problem.id)
        if row is None:
            raise ValidationFailed(
                "rectification.problem_not_reported",
                f"本轮整改报告中没有问题{problem.number}，不能复查。",
                f"Problem {problem.number} is not in this round's report; it cannot be verified.",
            )
        if result == VerificationResult.PENDING:
            raise ValidationFailed(
                "rectification.result_missing",
                "复查结论只能是“已整改到位”或“未整改到位”。",
                "A verification result is either rectified or not rectified.",
            )
        ensure_not_before(verified_on, row.received_on, "收到整改报告的日期", "report's date")
        decided.append((row, result, problem))
    ensure_not_future(verified_on, today or bureau_time.today())
    for row, result, _ in decided:
        row.verification_result = result.value
        row.verified_on, row.verified_by = verified_on, verifier
    for target in steps:
        _step(uow, notice, target)
    summary = "；".join(f"{p.number} {VERIFICATION_LABELS[r][0]}" for _, r, p in decided)
    add_event(
        uow,
        notice,
        NoticeEventKind.VERIFIED,
        verified_on,
        note=f"{summary}{'；' + note.strip() if note.strip() else ''}",
        actor=verifier,
    )


def _tally(uow: UnitOfWork, notice: Notice) -> tuple[int, int, int]:
    """Problems (rectified, not rectified, not yet verified) as their latest results say."""
    results = latest_results(uow, notice.id)
    problems = problems_of(uow, notice.id)
    values = [results.get(p.id, VerificationResult.PENDING) for p in problems]
    return (
        values.count(VerificationResult.RECTIFIED),
        values.count(VerificationResult.NOT_RECTIFIED),
        values.count(VerificationResult.PENDING),
    )


def close_notice(
    uow: UnitOfWork,
    notice_id: str,
    *,
    verifier: str,
    closed_on: date,
    note: str = "",
    today: date | None = None,
) -> None:
    """销号: every problem of the notice was verified as rectified."""
    notice = notice_or_error(uow, notice_id)
    target = NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.CLOSE)
    verifier = required_text(verifier, "verifier", "销号人", "person closing it")
    _, not_rectified, pending = _tally(uow, notice)
    ensure_closable(not_rectified, pending)
    ensure_not_before(closed_on, notice.delivered_on or notice.issued_on, "送达日期", "delivery")
    ensure_not_future(closed_on, today or bureau_time.today())
    notice.closed_on, notice.closed_by = closed_on, verifier
    _step(uow, notice, target)
    add_event(uow, notice, NoticeEventKind.CLOSED, closed_on, note=note.strip(), actor=verifier)


def return_notice(
    uow: UnitOfWork,
    notice_id: str,
    *,
    verifier: str,
    returned_on: date,
    working_days: int,
    reason: str,
    calendar: WorkingCalendar = OFFICIAL,
    today: date | None = None,
) -> date:
    """退回重办: some problem is not rectified; a new deadline in working days from today.
    Returns the new deadline."""
    notice = notice_or_error(uow, notice_id)
    target = NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.RETURN)
    verifier = required_text(verifier, "verifier", "复查人", "verifier")
    reason = required_text(reason, "reason", "退回理由", "reason")
    _, not_rectified, pending = _tally(uow, notice)
    ensure_returnable(not_rectified, pending)
    ensure_not_before(returned_on, notice.delivered_on or notice.issued_on, "送达日期", "delivery")
    ensure_not_future(returned_on, today or bureau_time.today())
    deadline = calendar.add_working_days(returned_on, working_days)
    notice.returned_count += 1
    notice.current_deadline = deadline
    _step(uow, notice, target)
    add_event(
        uow,
        notice,
        NoticeEventKind.RETURNED,
        returned_on,
        note=reason,
        actor=verifier,
        new_deadline=deadline,
    )
    return deadline
