"""Extensions and escalation of a notice under way, on a real store: each a lifecycle step
with its reason, recorded as an event; refused outside its rules, with a message."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.domain.errors import IllegalTransition
from inspector_app.domain.notice import EscalationLevel, ExtensionStatus
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.services import rectification as loop
from inspector_app.services import rectification_followup as followup
from inspector_app.services.notice_state import deadline_in_force, events_of
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from tests.rectification_builders import DEADLINE, issued_notice_in

TODAY = date(2026, 12, 31)


@pytest.fixture
def delivered(seeded_store: Store) -> str:
    """An issued notice (deadline 2026-11-16), delivered on 2026-11-03."""
    with seeded_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow)
        loop.record_delivery(
            uow,
            notice_id,
            delivered_on=date(2026, 11, 3),
            method=DeliveryMethod.DIRECT,
            recipient="王芳",
            today=TODAY,
        )
        uow.commit()
    return notice_id


def _request(store: Store, notice_id: str, on: date, until: date = date(2026, 11, 30)) -> None:
    with store.unit_of_work() as uow:
        followup.request_extension(
            uow, notice_id, requested_on=on, until=until, reason="评价器需采购", today=TODAY
        )
        uow.commit()


def _decide(store: Store, notice_id: str, grant: bool, on: date = date(2026, 11, 11)):
    with store.unit_of_work() as uow:
        deadline = followup.decide_extension(
            uow, notice_id, grant=grant, decided_on=on, reason="意见", actor="李科长", today=TODAY
        )
        uow.commit()
    return deadline


def test_an_extension_granted_moves_the_deadline_in_force_to_the_requested_date(
    seeded_store: Store, delivered: str
) -> None:
    _request(seeded_store, delivered, date(2026, 11, 10))
    assert _decide(seeded_store, delivered, grant=True) == date(2026, 11, 30)
    with seeded_store.unit_of_work() as uow:
        notice = uow.session.get(Notice, delivered)
        assert notice.extension_status == ExtensionStatus.GRANTED
        assert notice.deadline == DEADLINE  # the printed deadline stays
        assert deadline_in_force(notice) == notice.extended_deadline == date(2026, 11, 30)
        steps = [(e.kind, e.note, e.new_deadline) for e in events_of(uow, delivered)][1:]
    assert steps == [
        (NoticeEventKind.EXTENSION_REQUESTED, "评价器需采购", date(2026, 11, 30)),
        (NoticeEventKind.EXTENSION_GRANTED, "意见", date(2026, 11, 30)),
    ]


def test_a_refused_extension_keeps_the_deadline_and_may_be_asked_again(
    seeded_store: Store, delivered: str
) -> None:
    _request(seeded_store, delivered, date(2026, 11, 10))
    assert _decide(seeded_store, delivered, grant=False) == DEADLINE
    _request(seeded_store, delivered, date(2026, 11, 12))
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Notice, delivered).extension_status == ExtensionStatus.REQUESTED


def test_an_extension_asked_after_the_deadline_is_refused(
    seeded_store: Store, delivered: str
) -> None:
    with pytest.raises(IllegalTransition) as refused:
        _request(seeded_store, delivered, date(2026, 11, 17))
    assert "已超过整改期限" in refused.value.zh and "deadline has passed" in refused.value.en


def test_a_decision_without_a_request_is_refused(seeded_store: Store, delivered: str) -> None:
    with pytest.raises(IllegalTransition) as refused:
        _decide(seeded_store, delivered, grant=True)
    assert "未申请延期" in refused.value.zh


def _escalate(store: Store, notice_id: str, kind: NoticeEventKind, on: date) -> None:
    with store.unit_of_work() as uow:
        followup.escalate(uow, notice_id, kind, on=on, note="情况说明", actor="李科长", today=TODAY)
        uow.commit()


def test_an_admonition_needs_an_overdue_notice_and_accountability_may_follow(
    seeded_store: Store, delivered: str
) -> None:
    with pytest.raises(IllegalTransition) as refused:  # on time: nothing to escalate
        _escalate(seeded_store, delivered, NoticeEventKind.ADMONITION, date(2026, 11, 5))
    assert "红色、黄色预警" in refused.value.zh
    _escalate(seeded_store, delivered, NoticeEventKind.REMINDER, date(2026, 11, 5))
    _escalate(seeded_store, delivered, NoticeEventKind.ADMONITION, date(2026, 11, 18))
    _escalate(seeded_store, delivered, NoticeEventKind.ACCOUNTABILITY, date(2026, 11, 25))
    with pytest.raises(IllegalTransition):  # accountability is the last step
        _escalate(seeded_store, delivered, NoticeEventKind.ADMONITION, date(2026, 11, 26))
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Notice, delivered).escalation == EscalationLevel.ACCOUNTABILITY
        kinds = [e.kind for e in events_of(uow, delivered)]
    assert kinds[1:] == [
        NoticeEventKind.REMINDER,
        NoticeEventKind.ADMONITION,
        NoticeEventKind.ACCOUNTABILITY,
    ]
