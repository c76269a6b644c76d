"""The 审核 use cases on a real store: what a supervisor may decide, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import DomainError, IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.services import review
from inspector_app.services.errors import NotFound
from inspector_app.store.models import Finding, Inspection, OutboxEntry
from inspector_app.store.notice_models import Amendment
from inspector_app.store.store import Store
from inspector_app.sync import state
from tests.builders import start_with_a_problem


def _as(store: Store, role: str) -> None:
    """What a finished sync remembers from `/me` (sync/engine.py)."""
    with store.unit_of_work(suppress_outbox=True) as uow:
        state.put(uow.session, "username", f"{role}-account")
        state.put(uow.session, "role", role)
        state.put(uow.session, "team", "一组")
        uow.commit()


def _submitted(store: Store, description: str = "9时20分3号窗口无人在岗") -> str:
    inspection_id, _ = start_with_a_problem(store, description, item_code="C1")
    with store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    return inspection_id


def _snapshot(store: Store) -> tuple[list[tuple], list[tuple]]:
    """The inspections' review fields and the whole outbox, to prove nothing moved."""
    with store.unit_of_work() as uow:
        inspections = [
            (i.id, i.status, i.review_comment, i.reviewed_at, i.updated_at)
            for i in uow.session.scalars(select(Inspection).order_by(Inspection.id))
        ]
        outbox = [
            (e.n, e.entity, e.record_id, e.fields, e.state)
            for e in uow.session.scalars(select(OutboxEntry).order_by(OutboxEntry.n))
        ]
    return inspections, outbox


def _status(store: Store, inspection_id: str) -> tuple[InspectionStatus, str]:
    with store.unit_of_work() as uow:
        inspection = uow.session.get(Inspection, inspection_id)
        return inspection.status, inspection.review_comment


def test_a_supervisor_approves_a_submitted_inspection_and_it_waits_in_the_outbox(
    seeded_store: Store,
) -> None:
    _as(seeded_store, "supervisor")
    inspection_id = _submitted(seeded_store)
    when = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    with seeded_store.unit_of_work() as uow:
        review.approve(uow, inspection_id, now=when)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        inspection = uow.session.get(Inspection, inspection_id)
        assert inspection.status == InspectionStatus.APPROVED
        assert inspection.reviewed_at.replace(tzinfo=UTC) == when
        queued = uow.session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.record_id == inspection_id)
            .order_by(OutboxEntry.n)
        ).all()
    assert queued and queued[-1].fields["status"] == "approved"


def test_a_returned_inspection_carries_the_comment_and_is_editable_again(
    seeded_store: Store,
) -> None:
    _as(seeded_store, "supervisor")
    inspection_id = _submitted(seeded_store)
    with seeded_store.unit_of_work() as uow:
        review.return_for_changes(uow, inspection_id, "  请补充3号窗口的照片  ")
        uow.commit()
    assert _status(seeded_store, inspection_id) == (
        InspectionStatus.RETURNED,
        "请补充3号窗口的照片",
    )
    with seeded_store.unit_of_work() as uow:  # the inspector may fix it and submit again
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    assert _status(seeded_store, inspection_id)[0] == InspectionStatus.SUBMITTED


def _refused(store: Store, decide, error: type[DomainError], code: str) -> None:
    before = _snapshot(store)
    with pytest.raises(error) as refused, store.unit_of_work() as uow:
        decide(uow)
        uow.commit()
    assert refused.value.code == code
    assert refused.value.zh and refused.value.en
    assert _snapshot(store) == before


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_a_return_without_a_comment_is_refused_and_changes_nothing(
    seeded_store: Store, comment: str
) -> None:
    _as(seeded_store, "supervisor")
    inspection_id = _submitted(seeded_store)
    _refused(
        seeded_store,
        lambda uow: review.return_for_changes(uow, inspection_id, comment),
        ValidationFailed,
        "inspection.return_comment_required",
    )
    assert _status(seeded_store, inspection_id)[0] == InspectionStatus.SUBMITTED


def test_a_draft_cannot_be_approved_or_returned(seeded_store: Store) -> None:
    _as(seeded_store, "supervisor")
    draft, _ = start_with_a_problem(seeded_store, "大厅无引导人员")
    for decide in (
        lambda uow: review.approve(uow, draft),
        lambda uow: review.return_for_changes(uow, draft, "请补充"),
    ):
        _refused(seeded_store, decide, IllegalTransition, "inspection.illegal_transition")


@pytest.mark.parametrize("first", ["approve", "return"])
def test_a_decided_inspection_cannot_be_decided_again(seeded_store: Store, first: str) -> None:
    _as(seeded_store, "supervisor")
    inspection_id = _submitted(seeded_store)
    with seeded_store.unit_of_work() as uow:
        if first == "approve":
            review.approve(uow, inspection_id)
        else:
            review.return_for_changes(uow, inspection_id, "请补充照片")
        uow.commit()
    for decide in (
        lambda uow: review.approve(uow, inspection_id),
        lambda uow: review.return_for_changes(uow, inspection_id, "再次退回"),
    ):
        _refused(seeded_store, decide, IllegalTransition, "inspection.illegal_transition")


@pytest.mark.parametrize(
    ("role", "code"), [("inspector", "review.not_a_supervisor"), ("", "review.not_signed_in")]
)
def test_only_a_folder_synced_as_a_supervisor_reviews(
    seeded_store: Store, role: str, code: str
) -> None:
    if role:
        _as(seeded_store, role)
    inspection_id = _submitted(seeded_store)
    _refused(seeded_store, lambda uow: review.approve(uow, inspection_id), IllegalTransition, code)


def test_an_unknown_inspection_is_not_found_and_changes_nothing(seeded_store: Store) -> None:
    _as(seeded_store, "supervisor")
    _submitted(seeded_store)
    _refused(
        seeded_store,
        lambda uow: review.approve(uow, "no-such-id"),
        NotFound,
        "inspection.not_found",
    )


def test_the_queue_lists_only_submitted_inspections_longest_waiting_first(
    seeded_store: Store,
) -> None:
    first = _submitted(seeded_store, "3号窗口无人在岗")
    second = _submitted(seeded_store, "自助终端故障无人处理")
    start_with_a_problem(seeded_store, "草稿中的问题")  # a draft: not for review
    with seeded_store.unit_of_work() as uow:
        queue = review.review_queue(uow)
    assert [row.id for row in queue] == [first, second]
    assert all(row.problems == 1 and row.site == "伊美区政务服务中心" for row in queue)


def test_the_queue_search_finds_problems_sites_and_team_members(seeded_store: Store) -> None:
    terminal = _submitted(seeded_store, "自助终端故障无人处理")
    _submitted(seeded_store, "3号窗口无人在岗")
    with seeded_store.unit_of_work() as uow:
        assert [r.id for r in review.review_queue(uow, "自助终端")] == [terminal]
        assert len(review.review_queue(uow, "伊美区 张明")) == 2
        assert review.review_queue(uow, "不存在的地点") == []


def test_an_approved_inspection_is_corrected_only_by_an_amendment_with_a_reason(
    seeded_store: Store,
) -> None:
    _as(seeded_store, "supervisor")
    inspection_id, finding_id = start_with_a_problem(
        seeded_store, "3号窗口无人在岗", item_code="C1"
    )
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()

    def correct(reason: str):
        return lambda uow: review.correct_finding(
            uow, finding_id, field="description", new_value="5号窗口无人在岗", reason=reason
        )

    _refused(
        seeded_store, correct("窗口号记录有误"), IllegalTransition, "review.correct_only_approved"
    )
    with seeded_store.unit_of_work() as uow:
        review.approve(uow, inspection_id)
        uow.commit()
    with pytest.raises(IllegalTransition), seeded_store.unit_of_work() as uow:
        ops.update_finding(uow, finding_id, ops.FindingChanges(result=FindingResult.PASS))
    _refused(seeded_store, correct("笔误"), ValidationFailed, "amendment.reason_required")
    with seeded_store.unit_of_work() as uow:
        review.correct_finding(
            uow,
            finding_id,
            field="description",
            new_value="5号窗口无人在岗",
            reason="窗口号记录有误",
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        amendment = uow.session.scalars(select(Amendment)).one()
        finding = uow.session.get(Finding, finding_id)
        queued = set(uow.session.scalars(select(OutboxEntry.entity)))
    assert (amendment.old_value, amendment.new_value) == ("3号窗口无人在岗", "5号窗口无人在岗")
    assert (amendment.reason, amendment.author) == ("窗口号记录有误", "supervisor-account")
    assert finding.description == "5号窗口无人在岗" and "amendment" in queued
    assert _status(seeded_store, inspection_id)[0] == InspectionStatus.APPROVED


def test_the_approved_list_holds_what_was_approved(seeded_store: Store) -> None:
    _as(seeded_store, "supervisor")
    approved, waiting = _submitted(seeded_store), _submitted(seeded_store, "大厅无导办人员")
    with seeded_store.unit_of_work() as uow:
        review.approve(uow, approved)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert [r.id for r in review.review_queue(uow)] == [waiting]
        done = review.review_queue(uow, status=InspectionStatus.APPROVED)
    assert [r.id for r in done] == [approved]
