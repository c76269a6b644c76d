"""复查 on a real store: a supervisor starts a re-inspection from a notice whose report is
in, records 已整改/未整改 per problem with photos, and finishing it is the notice's
verification of that round; the original finding and the re-inspection find each other."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_app.domain.errors import DomainError, IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import inspections as ops
from inspector_app.services import rectification as loop
from inspector_app.services.notice_state import problems_of, progress
from inspector_app.services.recheck import (
    finish_recheck,
    recheck_finding_for,
    record_recheck_result,
    start_recheck,
)
from inspector_app.services.recheck_views import (
    recheck_sheet,
    rechecks_of_finding,
    rechecks_of_notice,
)
from inspector_app.services.reference_data import reference_id
from inspector_app.services.review import review_queue
from inspector_app.store.models import Finding, Inspection, OutboxEntry
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.store import Store
from tests.builders import finding_id, start_in
from tests.rectification_builders import (
    DEADLINE,
    ISSUED_ON,
    PROBLEMS,
    TODAY,
    UNIT,
    issued_notice_in,
    site_photo,
)

ON_SITE = datetime(2026, 11, 14, 2, 30, tzinfo=UTC)  # 10:30 in 伊春, the 复查's visit
VERIFIED_ON = date(2026, 11, 14)


def _answered(store: Store, problems: int = 2) -> str:
    """An issued, delivered notice whose unit reported on every problem."""
    with store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=problems)
        _deliver_and_report(uow, notice_id, [str(n) for n in range(1, problems + 1)])
        uow.commit()
    return notice_id


def _deliver_and_report(uow, notice_id: str, problems: list[str]) -> None:
    loop.record_delivery(
        uow,
        notice_id,
        delivered_on=date(2026, 11, 3),
        method=DeliveryMethod.DIRECT,
        recipient="王芳",
        today=TODAY,
    )
    _report(uow, notice_id, problems, date(2026, 11, 12))


def _report(uow, notice_id: str, problems: list[str], on: date) -> None:
    items = [loop.FeedbackItem(p, f"问题{p}已整改", "窗口科 王芳") for p in problems]
    loop.record_feedback(uow, notice_id, received_on=on, items=items, today=TODAY)


def _start(store: Store, notice_id: str, started_at: datetime = ON_SITE, **kwargs) -> str:
    with store.unit_of_work() as uow:
        inspection_id = start_recheck(
            uow, notice_id, team=["李科长", "赵干事"], started_at=started_at, **kwargs
        )
        uow.commit()
    return inspection_id


def _record(store: Store, inspection_id: str, problem: str, result: V, *photos: Path) -> None:
    with store.unit_of_work() as uow:
        item = recheck_finding_for(uow, inspection_id, problem)
        record_recheck_result(uow, item, result, note=f"复查见问题{problem}", photos=photos)
        uow.commit()


def _finish(store: Store, inspection_id: str) -> None:
    with store.unit_of_work() as uow:
        finish_recheck(uow, inspection_id, verified_on=VERIFIED_ON, now=ON_SITE, today=TODAY)
        uow.commit()


def _counts(store: Store) -> tuple[int, int, int]:
    with store.unit_of_work() as uow:
        return (
            uow.session.scalar(select(func.count()).select_from(Inspection)),
            uow.session.scalar(select(func.count()).select_from(Finding)),
            uow.session.scalar(select(func.count()).select_from(OutboxEntry)),
        )


def test_a_recheck_lists_the_notices_problems_at_its_site_linked_to_the_originals(
    seeded_store: Store,
) -> None:
    notice_id = _answered(seeded_store)
    inspection_id = _start(seeded_store, notice_id)
    with seeded_store.unit_of_work() as uow:
        notice = uow.session.get(Notice, notice_id)
        recheck = uow.session.get(Inspection, inspection_id)
        original = uow.session.get(Inspection, notice.inspection_id)
        assert (recheck.recheck_of_notice_id, recheck.recheck_of_id) == (notice_id, original.id)
        assert (recheck.site_id, recheck.status, recheck.recorder) == (
            original.site_id,
            InspectionStatus.DRAFT,
            "李科长",
        )
        sheet = recheck_sheet(uow, inspection_id)
        problems = problems_of(uow, notice_id)
    assert [(i.number, i.original_description, i.result) for i in sheet.items] == [
        (1, PROBLEMS[0], V.PENDING),
        (2, PROBLEMS[1], V.PENDING),
    ]
    assert [i.original_finding_id for i in sheet.items] == [p.finding_id for p in problems]
    assert [i.measures for i in sheet.items] == ["问题1已整改", "问题2已整改"]
    assert sheet.site_name == "伊美区政务服务中心" and sheet.editable


@pytest.mark.parametrize("stage", ["issued", "delivered", "closed"])
def test_a_notice_not_awaiting_verification_cannot_be_rechecked_and_nothing_changes(
    seeded_store: Store, stage: str
) -> None:
    with seeded_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=1)
        if stage != "issued":
            loop.record_delivery(
                uow,
                notice_id,
                delivered_on=date(2026, 11, 3),
                method=DeliveryMethod.MAIL,
                recipient="王芳",
                today=TODAY,
            )
        if stage == "closed":
            _report(uow, notice_id, ["1"], date(2026, 11, 12))
            loop.verify_problems(
                uow,
                notice_id,
                {"1": V.RECTIFIED},
                verifier="李科长",
                verified_on=VERIFIED_ON,
                today=TODAY,
            )
            loop.close_notice(uow, notice_id, verifier="李科长", closed_on=VERIFIED_ON, today=TODAY)
        uow.commit()
    before = _counts(seeded_store)
    with pytest.raises(IllegalTransition) as refused:
        _start(seeded_store, notice_id)
    assert refused.value.code == "recheck.notice_not_awaiting"
    assert "待复查的通知书才能复查" in refused.value.zh
    assert _counts(seeded_store) == before


def test_finishing_records_the_verification_of_the_round_and_freezes_the_recheck(
    seeded_store: Store, tmp_path: Path
) -> None:
    notice_id = _answered(seeded_store)
    inspection_id = _start(seeded_store, notice_id)
    photo = site_photo(tmp_path, "复查-1.jpg")
    _record(seeded_store, inspection_id, "1", V.RECTIFIED, photo)
    _record(seeded_store, inspection_id, "2", V.NOT_RECTIFIED)
    _finish(seeded_store, inspection_id)
    with seeded_store.unit_of_work() as uow:
        state = progress(uow, notice_id, TODAY)
        recheck = uow.session.get(Inspection, inspection_id)
        assert (recheck.status, recheck.ended_at) == (InspectionStatus.SUBMITTED, ON_SITE)
        item = recheck_finding_for(uow, inspection_id, "1")
    assert state["status"] == NoticeStatus.UNDER_REVIEW.value
    assert [(p["number"], p["result"]) for p in state["problems"]] == [
        (1, "rectified"),
        (2, "not_rectified"),
    ]
    first = state["problems"][0]["feedback"][0]
    assert (first["verified_on"], first["verified_by"]) == ("2026-11-14", "李科长")
    assert state["events"][-1]["kind"] == "verified"
    # Evidence from now on: the result cannot be changed, no photo added.
    with seeded_store.unit_of_work() as uow, pytest.raises(IllegalTransition):
        record_recheck_result(uow, item, V.NOT_RECTIFIED)
    with seeded_store.unit_of_work() as uow, pytest.raises(IllegalTransition):
        finish_recheck(uow, inspection_id, verified_on=VERIFIED_ON, today=TODAY)
    # Its result is the verification: it waits in no 审核 queue.
    with seeded_store.unit_of_work() as uow:
        assert inspection_id not in {row.id for row in review_queue(uow)}


def test_finishing_with_a_problem_left_open_is_refused_and_changes_nothing(
    seeded_store: Store,
) -> None:
    notice_id = _answered(seeded_store, problems=3)
    inspection_id = _start(seeded_store, notice_id)
    _record(seeded_store, inspection_id, "2", V.RECTIFIED)
    before = _counts(seeded_store)
    with pytest.raises(ValidationFailed) as refused:
        _finish(seeded_store, inspection_id)
    assert "问题1、3还没有复查结论" in refused.value.zh
    assert _counts(seeded_store) == before
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Notice, notice_id).status == NoticeStatus.FEEDBACK_SUBMITTED
        assert uow.session.get(Inspection, inspection_id).status == InspectionStatus.DRAFT


def test_the_original_finding_shows_its_rechecks_and_the_recheck_shows_the_original(
    seeded_store: Store, tmp_path: Path
) -> None:
    notice_id = _answered(seeded_store, problems=1)
    before_photo = site_photo(tmp_path, "发现.jpg", seed=1)
    after_photo = site_photo(tmp_path, "复查.jpg", seed=2)
    with seeded_store.unit_of_work() as uow:
        original = problems_of(uow, notice_id)[0].finding_id
        inspection = uow.session.get(Finding, original).inspection_id
        uow.session.get(Inspection, inspection).status = InspectionStatus.DRAFT  # as recorded
        from inspector_app.services.photos import attach_photo

        attach_photo(uow, uow.photos, original, before_photo)
        uow.commit()
    inspection_id = _start(seeded_store, notice_id)
    _record(seeded_store, inspection_id, "1", V.NOT_RECTIFIED, after_photo)
    _finish(seeded_store, inspection_id)
    with seeded_store.unit_of_work() as uow:
        outcomes = rechecks_of_finding(uow, original)
        item = recheck_sheet(uow, inspection_id).items[0]
        summaries = rechecks_of_notice(uow, notice_id)
    assert [(o.inspection_id, o.result, o.note, o.finished) for o in outcomes] == [
        (inspection_id, V.NOT_RECTIFIED, "复查见问题1", True)
    ]
    assert outcomes[0].photo_sha256 == (item.live_photos[0].sha256,)
    assert item.original_finding_id == original
    assert [p.original_name for p in item.original_photos] == ["发现.jpg"]
    assert [p.original_name for p in item.live_photos] == ["复查.jpg"]
    assert [(s.inspection_id, s.finished, s.not_rectified) for s in summaries] == [
        (inspection_id, True, 1)
    ]


def test_after_a_return_the_next_recheck_checks_only_what_was_not_rectified_then_closes(
    seeded_store: Store,
) -> None:
    notice_id = _answered(seeded_store)
    first = _start(seeded_store, notice_id)
    _record(seeded_store, first, "1", V.RECTIFIED)
    _record(seeded_store, first, "2", V.NOT_RECTIFIED)
    _finish(seeded_store, first)
    with seeded_store.unit_of_work() as uow:
        loop.return_notice(
            uow,
            notice_id,
            verifier="李科长",
            returned_on=VERIFIED_ON,
            working_days=5,
            reason="问题2未整改",
            today=TODAY,
        )
        _report(uow, notice_id, ["2"], date(2026, 11, 20))
        uow.commit()
    second = _start(seeded_store, notice_id, datetime(2026, 11, 21, 1, tzinfo=UTC))
    with seeded_store.unit_of_work() as uow:
        assert [i.number for i in recheck_sheet(uow, second).items] == [2]
    _record(seeded_store, second, "2", V.RECTIFIED)
    with seeded_store.unit_of_work() as uow:
        finish_recheck(uow, second, verified_on=date(2026, 11, 21), today=TODAY)
        loop.close_notice(
            uow, notice_id, verifier="李科长", closed_on=date(2026, 11, 21), today=TODAY
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        state = progress(uow, notice_id, TODAY)
        problem_two = problems_of(uow, notice_id)[1].finding_id
        outcomes = rechecks_of_finding(uow, problem_two)
    assert state["status"] == "closed"
    assert [(o.inspection_id, o.result) for o in outcomes] == [
        (first, V.NOT_RECTIFIED),
        (second, V.RECTIFIED),
    ]


def test_a_second_open_recheck_and_a_recheck_with_nothing_left_are_refused(
    seeded_store: Store,
) -> None:
    notice_id = _answered(seeded_store, problems=1)
    inspection_id = _start(seeded_store, notice_id)
    with pytest.raises(IllegalTransition) as open_one:
        _start(seeded_store, notice_id)
    assert open_one.value.code == "recheck.already_open"
    _record(seeded_store, inspection_id, "1", V.RECTIFIED)
    _finish(seeded_store, inspection_id)
    with pytest.raises(IllegalTransition) as nothing:
        _start(seeded_store, notice_id)
    assert nothing.value.code == "recheck.nothing_to_check"


def test_an_ordinary_finding_takes_no_recheck_result_and_a_result_must_be_decided(
    seeded_store: Store,
) -> None:
    notice_id = _answered(seeded_store, problems=1)
    inspection_id = _start(seeded_store, notice_id)
    with seeded_store.unit_of_work() as uow:
        ordinary = finding_id(uow, start_in(uow), "A1")
        item = recheck_finding_for(uow, inspection_id, "1")
        with pytest.raises(ValidationFailed) as wrong_finding:
            record_recheck_result(uow, ordinary, V.RECTIFIED)
        with pytest.raises(ValidationFailed) as undecided:
            record_recheck_result(uow, item, V.PENDING)
    assert wrong_finding.value.code == "recheck.not_a_recheck_item"
    assert undecided.value.code == "recheck.result_missing"


def test_a_notice_over_two_halls_is_rechecked_one_hall_at_a_time(seeded_store: Store) -> None:
    with seeded_store.unit_of_work() as uow:
        halls = [start_in(uow, site="yimei-center"), start_in(uow, site="wucui-center")]
        notice = Notice(unit_id=UNIT, issued_on=ISSUED_ON, deadline=DEADLINE)
        uow.session.add(notice)
        for position, inspection in enumerate(halls):
            failed = finding_id(uow, inspection, "A1")
            ops.update_finding(
                uow,
                failed,
                ops.FindingChanges(result=FindingResult.FAIL, description=f"厅{position}"),
            )
            uow.session.add(
                NoticeFinding(notice_id=notice.id, finding_id=failed, position=position)
            )
        uow.session.flush()
        notice.status = NoticeStatus.ISSUED
        uow.session.flush()
        _deliver_and_report(uow, notice.id, ["1", "2"])
        uow.commit()
        notice_id = notice.id
    with pytest.raises(DomainError) as choose:
        _start(seeded_store, notice_id)
    assert choose.value.code == "recheck.choose_site"
    assert "伊美区政务服务中心" in choose.value.zh and "乌翠区政务服务中心" in choose.value.zh
    wucui = _start(seeded_store, notice_id, site_id=reference_id("site", "wucui-center"))
    _record(seeded_store, wucui, "2", V.RECTIFIED)
    _finish(seeded_store, wucui)
    yimei = _start(seeded_store, notice_id)  # only one hall is left to visit
    with seeded_store.unit_of_work() as uow:
        assert [i.number for i in recheck_sheet(uow, yimei).items] == [1]
        assert uow.session.get(Notice, notice_id).status == NoticeStatus.UNDER_REVIEW
