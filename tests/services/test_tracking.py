"""What the 整改跟踪 page reads: each problem's state in the latest round, the history with
the issue first, days left only while the unit owes work, the most urgent notice first."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.domain.notice import NoticeStatus, WarningLevel
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import rectification as loop
from inspector_app.services.tracking import ProblemState, tracking_detail, tracking_rows
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork
from tests.rectification_builders import TODAY, issued_notice_in


@pytest.fixture
def notice(seeded_store: Store) -> str:
    with seeded_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=2)
        uow.session.get(Notice, notice_id).number = "伊营商监〔2026〕7号"
        uow.commit()
    return notice_id


def _report(uow: UnitOfWork, notice_id: str, on: date, *problems: str) -> None:
    items = [loop.FeedbackItem(p, "已整改。", "李主任") for p in problems]
    loop.record_feedback(uow, notice_id, received_on=on, items=items, today=TODAY)


def test_problems_move_through_the_rounds(seeded_store: Store, notice: str) -> None:
    with seeded_store.unit_of_work() as uow:
        detail = tracking_detail(uow, notice, TODAY)
        assert [p.state for p in detail.problems] == [ProblemState.AWAITING_REPORT] * 2
        assert detail.row.days_left == -14 and detail.row.warning == WarningLevel.RED
        loop.record_delivery(
            uow,
            notice,
            delivered_on=date(2026, 11, 3),
            method=DeliveryMethod.DIRECT,
            recipient="王芳",
            today=TODAY,
        )
        _report(uow, notice, date(2026, 11, 10), "1", "2")
        detail = tracking_detail(uow, notice, TODAY)
        assert [p.state for p in detail.problems] == [ProblemState.AWAITING_VERIFICATION] * 2
        assert detail.row.days_left is None  # answered: the bureau owes the next step
        loop.verify_problems(
            uow,
            notice,
            {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED},
            verifier="陈主任",
            verified_on=date(2026, 11, 20),
            today=TODAY,
        )
        loop.return_notice(
            uow,
            notice,
            verifier="陈主任",
            returned_on=date(2026, 11, 23),
            working_days=5,
            reason="问题2未整改到位。",
            today=TODAY,
        )
        detail = tracking_detail(uow, notice, TODAY)
        assert [p.state for p in detail.problems] == [
            ProblemState.RECTIFIED,
            ProblemState.AWAITING_REPORT,
        ]
        assert detail.round == 2 and [p.number for p in detail.owed] == [2]
        assert detail.in_round == ()
        assert detail.row.deadline == date(2026, 11, 30)
        assert detail.row.warning == WarningLevel.YELLOW
        assert [e.kind for e in detail.timeline] == [
            None,  # 成文
            NoticeEventKind.DELIVERED,
            NoticeEventKind.FEEDBACK,
            NoticeEventKind.VERIFIED,
            NoticeEventKind.RETURNED,
        ]
        _report(uow, notice, date(2026, 11, 26), "2")
        detail = tracking_detail(uow, notice, TODAY)
        assert [p.number for p in detail.in_round] == [2]
        assert detail.problems[1].state == ProblemState.AWAITING_VERIFICATION


def test_the_list_puts_red_first_and_closed_last(seeded_store: Store, notice: str) -> None:
    with seeded_store.unit_of_work() as uow:
        later, _ = issued_notice_in(uow, problems=1)
        closed, _ = issued_notice_in(uow, problems=1)
        draft, _ = issued_notice_in(uow, problems=1)
        for notice_id, number, deadline in (
            (later, "伊营商监〔2026〕8号", date(2026, 12, 30)),
            (closed, "伊营商监〔2026〕9号", date(2026, 11, 16)),
        ):
            row = uow.session.get(Notice, notice_id)
            row.number, row.deadline = number, deadline
        uow.session.get(Notice, closed).status = NoticeStatus.CLOSED
        uow.session.get(Notice, draft).status = NoticeStatus.DRAFT
        rows = tracking_rows(uow, TODAY)
    assert [r.number for r in rows] == [
        "伊营商监〔2026〕7号",
        "伊营商监〔2026〕8号",
        "伊营商监〔2026〕9号",
    ]
    assert [r.warning for r in rows] == [WarningLevel.RED, WarningLevel.NONE, WarningLevel.NONE]
    assert [r.days_left for r in rows] == [-14, 30, None]
