"""Random sequences of the loop's actions: each allowed step moves the notice by one
transition of its lifecycle; each refused one leaves the store's rows and outbox
byte-identical (an SQL dump of the whole file) and stores no evidence file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspector_app.domain.errors import DomainError
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import rectification as loop
from inspector_app.services import rectification_followup as followup
from inspector_app.services.reference_data import install_shipped
from inspector_app.store.models import OutboxEntry
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork
from tests.rectification_builders import issued_notice_in, scanned_report

TODAY = date(2026, 12, 31)
FIRST_DAY = date(2026, 11, 3)
Action = Callable[[UnitOfWork, str, date], object]


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(tmp_path_factory.mktemp("transitions") / "data")
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    yield store
    store.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("evidence")
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 cut short")
    return {"good": scanned_report(folder), "broken": broken}


def _feedback(problems: tuple[str, ...], evidence: str | None) -> Callable[..., Action]:
    def act(files: dict[str, Path]) -> Action:
        proof = [files[evidence]] if evidence else []
        items = [loop.FeedbackItem(p, "已整改", "王芳", proof) for p in problems]
        return lambda uow, nid, day: loop.record_feedback(
            uow, nid, received_on=day, items=items, today=TODAY
        )

    return act


def _fixed(action: Action) -> Callable[..., Action]:
    return lambda files: action


ACTIONS: dict[str, Callable[..., Action]] = {
    "deliver": _fixed(
        lambda uow, nid, day: loop.record_delivery(
            uow, nid, delivered_on=day, method=DeliveryMethod.DIRECT, recipient="王芳", today=TODAY
        )
    ),
    "feedback_all": _feedback(("1", "2"), "good"),
    "feedback_second": _feedback(("2",), None),
    "feedback_broken_pdf": _feedback(("1", "2"), "broken"),
    "verify_all_rectified": _fixed(
        lambda uow, nid, day: loop.verify_problems(
            uow,
            nid,
            {"1": V.RECTIFIED, "2": V.RECTIFIED},
            verifier="李",
            verified_on=day,
            today=TODAY,
        )
    ),
    "verify_mixed": _fixed(
        lambda uow, nid, day: loop.verify_problems(
            uow,
            nid,
            {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED},
            verifier="李",
            verified_on=day,
            today=TODAY,
        )
    ),
    "close": _fixed(
        lambda uow, nid, day: loop.close_notice(uow, nid, verifier="李", closed_on=day, today=TODAY)
    ),
    "return": _fixed(
        lambda uow, nid, day: loop.return_notice(
            uow,
            nid,
            verifier="李",
            returned_on=day,
            working_days=5,
            reason="未整改",
            today=TODAY,
        )
    ),
    "request_extension": _fixed(
        lambda uow, nid, day: followup.request_extension(
            uow,
            nid,
            requested_on=day,
            until=day + timedelta(days=20),
            reason="采购",
            today=TODAY,
        )
    ),
    "grant_extension": _fixed(
        lambda uow, nid, day: followup.decide_extension(
            uow, nid, grant=True, decided_on=day, reason="同意", actor="李", today=TODAY
        )
    ),
    "refuse_extension": _fixed(
        lambda uow, nid, day: followup.decide_extension(
            uow, nid, grant=False, decided_on=day, reason="不同意", actor="李", today=TODAY
        )
    ),
    **{
        kind.value: _fixed(
            lambda uow, nid, day, kind=kind: followup.escalate(
                uow, nid, kind, on=day, note="情况", today=TODAY
            )
        )
        for kind in (
            NoticeEventKind.REMINDER,
            NoticeEventKind.ADMONITION,
            NoticeEventKind.ACCOUNTABILITY,
        )
    },
}


def _dump(store: Store) -> tuple[str, list[str]]:
    raw = store.engine.raw_connection()
    try:
        text = "\n".join(raw.driver_connection.iterdump())
    finally:
        raw.close()
    root = store.photos.root
    return text, sorted(str(p) for p in root.rglob("*") if p.is_file())


def _statuses(store: Store, notice_id: str) -> list[NoticeStatus]:
    with store.unit_of_work() as uow:
        entries = uow.session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.entity == "notice", OutboxEntry.record_id == notice_id)
            .order_by(OutboxEntry.n)
        )
        return [NoticeStatus(e.fields["status"]) for e in entries if "status" in e.fields]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(sorted(ACTIONS)), st.integers(0, 4)), min_size=1, max_size=12
    )
)
def test_refused_actions_change_nothing_and_allowed_ones_follow_the_lifecycle(
    shared_store: Store, files: dict[str, Path], steps: list[tuple[str, int]]
) -> None:
    with shared_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=2)
        uow.commit()
    day = FIRST_DAY
    for name, gap in steps:
        day += timedelta(days=gap)
        before = _dump(shared_store)
        try:
            with shared_store.unit_of_work() as uow:
                ACTIONS[name](files)(uow, notice_id, day)
                uow.commit()
        except DomainError as refused:
            assert refused.zh and refused.en
            assert _dump(shared_store) == before, name
    statuses = _statuses(shared_store, notice_id)
    for source, target in pairwise(statuses):  # draft → issued → … one step each
        assert any(
            NOTICE_LIFECYCLE.table.get((source, action)) == target
            for action in NOTICE_LIFECYCLE.allowed_actions(source)
        ), (source, target)
    with shared_store.unit_of_work() as uow:
        assert uow.session.get(Notice, notice_id).status == statuses[-1]
