"""The seed's whole loop through a real server, on SQLite and PostgreSQL, with two laptops:
inspector A records and syncs; supervisor B approves two inspections and returns a third
(A reads the comment); B drafts and issues two notices (numbers 1 and 2 of the year's
series); A's laptop pulls their status; B records delivery and the unit's report, finds one
problem rectified and one not, returns the notice with a new deadline, takes the second
report, re-inspects (复查) and closes it (销号). The ledger shows every state on the way and
the bulletin's counts are the store's."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import inspections as ops
from inspector_app.services import rectification as loop
from inspector_app.services import review
from inspector_app.services.bulletin import bulletin_content, resolve_scope
from inspector_app.services.documents import issuer_from
from inspector_app.services.issuing import issue_notice
from inspector_app.services.ledger import export_ledger, ledger_rows
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.services.recheck import (
    finish_recheck,
    recheck_finding_for,
    record_recheck_result,
    start_recheck,
)
from inspector_app.services.recheck_views import rechecks_of_finding
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.notice_models import Notice
from tests.builders import finding_id, start_in
from tests.server.conftest import RunningServer
from tests.services.issuing_setup import bureau
from tests.sync import laptops
from tests.sync.laptops import Laptop, open_laptop, photo_file

sync_server = laptops.sync_server  # one real server per backend for this module

ON_SITE = datetime(2026, 11, 18, 1, 30, tzinfo=UTC)  # 09:30 in Yichun
ISSUED_ON = date(2026, 11, 20)
TODAY = date(2026, 12, 3)


def _submitted(laptop: Laptop, codes: tuple[str, ...], what: str, photo: Path) -> str:
    """A submitted inspection whose items `codes` failed, each with the photo."""
    from inspector_app.services import photos as photo_ops

    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow, started_at=ON_SITE)
        for n, code in enumerate(codes, start=1):
            failed = finding_id(uow, inspection_id, code)
            ops.update_finding(
                uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description=f"{what}{n}")
            )
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    with laptop.store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    return inspection_id


def _status(laptop: Laptop, model: type, record_id: str) -> object:
    with laptop.store.unit_of_work() as uow:
        return uow.session.get(model, record_id).status


def _progress_by_problem(laptop: Laptop) -> dict[str, str]:
    """The ledger's 整改进展 per problem description (each description here is unique)."""
    with laptop.store.unit_of_work() as uow:
        return {row.description: row.progress for row in ledger_rows(uow, today=TODAY)}


def test_a_campaigns_problems_go_from_the_hall_to_closure_on_both_laptops(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    team = f"组-{uuid.uuid4().hex[:8]}"
    inspector, supervisor = f"i{uuid.uuid4().hex[:8]}", f"s{uuid.uuid4().hex[:8]}"
    sync_server.add_user(inspector, "inspector", team)
    sync_server.add_user(supervisor, "supervisor", team)
    settings = bureau()  # an organ code of its own: its series starts at 1
    a = open_laptop(tmp_path / "a", sync_server, inspector)
    b = open_laptop(tmp_path / "b", sync_server, supervisor)
    try:
        # 1. Inspector A records three inspections and syncs them.
        a.sync()
        first = _submitted(a, ("A1", "A2"), "窗口无人", photo_file(tmp_path, "1.jpg", 1))
        second = _submitted(a, ("C1",), "未一次性告知", photo_file(tmp_path, "2.jpg", 2))
        weak = _submitted(a, ("D1",), "导办缺位", photo_file(tmp_path, "3.jpg", 3))
        assert a.sync().rejected == 0

        # 2. Supervisor B approves two and returns one; A reads the comment.
        b.sync()
        with b.store.unit_of_work() as uow:
            assert {row.id for row in review.review_queue(uow)} == {first, second, weak}
            review.approve(uow, first)
            review.approve(uow, second)
            review.return_for_changes(uow, weak, "请补充导办台照片")
            uow.commit()
        assert b.sync().rejected == 0
        a.sync()
        with a.store.unit_of_work() as uow:
            returned = uow.session.get(Inspection, weak)
            assert (returned.status, returned.review_comment) == (
                InspectionStatus.RETURNED,
                "请补充导办台照片",
            )
        assert _progress_by_problem(b)["窗口无人1"] == "未下发通知书"

        # 3. B drafts a notice per inspection and issues both: numbers 1 and 2.
        with b.store.unit_of_work() as uow:
            [draft_1] = draft_notices(uow, first, settings)
            [draft_2] = draft_notices(uow, second, settings)
            uow.commit()
        assert _progress_by_problem(b)["窗口无人1"] == "草拟"
        issued = [
            issue_notice(b.store, b.api, draft.id, settings=settings, issued_on=ISSUED_ON)
            for draft in (draft_1, draft_2)
        ]
        assert [i.number for i in issued] == [
            f"{settings.issuer_code}〔2026〕{n}号" for n in (1, 2)
        ]
        notice_id = issued[0].notice_id

        # 4. A's laptop pulls their status.
        a.sync()
        with a.store.unit_of_work() as uow:
            pulled = [uow.session.get(Notice, i.notice_id) for i in issued]
            assert [(n.status, n.number) for n in pulled] == [
                (NoticeStatus.ISSUED, i.number) for i in issued
            ]

        # 5. Delivery and the unit's report; one problem rectified, one not: returned.
        with b.store.unit_of_work() as uow:
            for each in issued:
                loop.record_delivery(
                    uow,
                    each.notice_id,
                    delivered_on=date(2026, 11, 23),
                    method=DeliveryMethod.DIRECT,
                    recipient="王芳",
                    today=TODAY,
                )
            loop.record_feedback(
                uow,
                notice_id,
                received_on=date(2026, 11, 27),
                today=TODAY,
                items=[
                    loop.FeedbackItem("1", "已安排专人在岗", "王芳"),
                    loop.FeedbackItem("2", "已调整窗口排班", "张三"),
                ],
            )
            uow.commit()
        progress_now = _progress_by_problem(b)
        assert progress_now["未一次性告知1"] != progress_now["窗口无人1"]  # 已送达 vs 已反馈
        with b.store.unit_of_work() as uow:
            loop.verify_problems(
                uow,
                notice_id,
                {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED},
                verifier="陈科长",
                verified_on=date(2026, 11, 30),
                today=TODAY,
            )
            loop.return_notice(
                uow,
                notice_id,
                verifier="陈科长",
                returned_on=date(2026, 11, 30),
                working_days=5,
                reason="排班表未落实到人",
                today=TODAY,
            )
            uow.commit()
        assert _status(b, Notice, notice_id) == NoticeStatus.RETURNED
        assert b.sync().rejected == 0
        returned_state = _progress_by_problem(b)["窗口无人2"]

        # 6. The second report, then the 复查 on site, then 销号.
        with b.store.unit_of_work() as uow:
            loop.record_feedback(
                uow,
                notice_id,
                received_on=date(2026, 12, 2),
                today=TODAY,
                items=[loop.FeedbackItem("2", "排班表已公示到人", "张三")],
            )
            recheck = start_recheck(
                uow, notice_id, team=["陈科长"], started_at=datetime(2026, 12, 3, 1, tzinfo=UTC)
            )
            item = recheck_finding_for(uow, recheck, "2")
            record_recheck_result(
                uow, item, V.RECTIFIED, note="窗口有人", photos=[photo_file(tmp_path, "r.jpg", 9)]
            )
            finish_recheck(uow, recheck, verified_on=TODAY, today=TODAY)
            loop.close_notice(uow, notice_id, verifier="陈科长", closed_on=TODAY, today=TODAY)
            uow.commit()
        report = b.sync()
        assert (report.rejected, report.conflicts) == (0, 0)

        # A's laptop holds the closure and the 复查, linked to A's own finding.
        a.sync()
        assert _status(a, Notice, notice_id) == NoticeStatus.CLOSED
        with a.store.unit_of_work() as uow:
            original = finding_id(uow, first, "A2")
            assert [(o.inspection_id, o.result) for o in rechecks_of_finding(uow, original)] == [
                (recheck, V.RECTIFIED)
            ]

        # 7. The ledger showed each state: none yet, draft, delivered, reported, returned,
        # closed; its file holds the final ones.
        final = _progress_by_problem(b)
        states = {"未下发通知书", "草拟", progress_now["未一次性告知1"]}
        states |= {progress_now["窗口无人1"], returned_state, final["窗口无人1"]}
        assert len(states) == 6, states
        assert final["窗口无人1"] == final["窗口无人2"] == "已销号"
        assert final["导办缺位1"] == "未下发通知书"  # the returned inspection's problem
        target = tmp_path / "台账.xlsx"
        with b.store.unit_of_work() as uow:
            export_ledger(uow, target)
        sheet = load_workbook(target, read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[0])
        column = header.index("整改进展")
        assert sorted(str(r[column]) for r in rows[1:]) == sorted(final.values())

        # 8. The bulletin counts what the store holds.
        with b.store.unit_of_work() as uow:
            scope = resolve_scope(uow, date(2026, 11, 1), date(2026, 11, 30), None)
            content = bulletin_content(
                uow, uow.photos, scope, issuer=issuer_from(settings), issued_on=TODAY
            )
            approved = uow.session.scalar(
                select(func.count())
                .select_from(Inspection)
                .where(Inspection.status == InspectionStatus.APPROVED)
            )
            problems = uow.session.scalar(
                select(func.count())
                .select_from(Finding)
                .join(Inspection, Finding.inspection_id == Inspection.id)
                .where(
                    Inspection.status == InspectionStatus.APPROVED,
                    Finding.result == FindingResult.FAIL,
                )
            )
        assert (content.totals.inspections, content.totals.problems) == (approved, problems)
        assert (approved, problems) == (2, 3)
        [unit] = content.progress
        assert (unit.notices_issued, unit.notices_closed) == (2, 1)
    finally:
        a.close()
        b.close()
