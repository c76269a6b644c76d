"""复查 through a real server (SQLite and PostgreSQL): supervisor chen rechecks a notice
whose report is in, with a photo, and finishes it; inspector zhang's laptop then holds the
re-inspection linked to his own findings, its results, the photo's bytes and the round's
verification. Once submitted, the server keeps a 复查's result as recorded."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import inspections as ops
from inspector_app.services import rectification as loop
from inspector_app.services.notice_state import progress
from inspector_app.services.recheck import (
    finish_recheck,
    recheck_finding_for,
    record_recheck_result,
    start_recheck,
)
from inspector_app.services.recheck_views import recheck_sheet, rechecks_of_finding
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.notice_models import Notice, NoticeFinding
from tests.builders import finding_id, start_in
from tests.rectification_builders import DEADLINE, ISSUED_ON, UNIT
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, dump, open_laptop, photo_file

TODAY = date(2026, 11, 30)
ON_SITE = datetime(2026, 11, 14, 2, 30, tzinfo=UTC)
RECHECK_ENTITIES = {"inspection", "finding", "photo", "rectification_feedback", "notice"}


@pytest.fixture
def pair(sync_server: RunningServer, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """Inspector zhang's laptop and supervisor chen's, both of team 一组."""
    zhang = open_laptop(tmp_path / "zhang", sync_server, "zhang")
    chen = open_laptop(tmp_path / "chen", sync_server, "chen")
    yield zhang, chen
    zhang.close()
    chen.close()


def _answered_notice(zhang: Laptop, chen: Laptop) -> tuple[str, list[str]]:
    """zhang records two problems; chen issues a notice of them, delivered and answered."""
    zhang.sync()
    with zhang.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = [finding_id(uow, inspection_id, code) for code in ("A1", "A2")]
        for number, finding in enumerate(failed, start=1):
            ops.update_finding(
                uow,
                finding,
                ops.FindingChanges(result=FindingResult.FAIL, description=f"问题{number}"),
            )
        uow.commit()
    assert zhang.sync().rejected == 0
    chen.sync()
    with chen.store.unit_of_work() as uow:
        notice = Notice(unit_id=UNIT, inspection_id=inspection_id, issued_on=ISSUED_ON)
        notice.deadline = DEADLINE
        uow.session.add(notice)
        for position, finding in enumerate(failed):
            uow.session.add(
                NoticeFinding(notice_id=notice.id, finding_id=finding, position=position)
            )
        uow.commit()
    assert chen.sync().rejected == 0
    with chen.store.unit_of_work() as uow:  # 签发 (the server's numbering is not this test's)
        uow.session.get(Notice, notice.id).status = NoticeStatus.ISSUED
        uow.session.flush()
        loop.record_delivery(
            uow,
            notice.id,
            delivered_on=date(2026, 11, 3),
            method=DeliveryMethod.DIRECT,
            recipient="王芳",
            today=TODAY,
        )
        loop.record_feedback(
            uow,
            notice.id,
            received_on=date(2026, 11, 12),
            today=TODAY,
            items=[
                loop.FeedbackItem("1", "已安排专人在岗", "王芳"),
                loop.FeedbackItem("2", "已落实一次性告知", "张三"),
            ],
        )
        uow.commit()
    return notice.id, failed


def test_a_finished_recheck_reaches_the_inspectors_laptop_linked_to_his_findings(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    zhang, chen = pair
    notice_id, originals = _answered_notice(zhang, chen)
    photo = photo_file(tmp_path, "复查.jpg", seed=11)
    with chen.store.unit_of_work() as uow:
        recheck = start_recheck(uow, notice_id, team=["陈科长"], started_at=ON_SITE)
        first = recheck_finding_for(uow, recheck, "1")
        record_recheck_result(uow, first, V.RECTIFIED, note="已有人在岗", photos=[photo])
        second = recheck_finding_for(uow, recheck, "2")
        record_recheck_result(uow, second, V.NOT_RECTIFIED, note="仍无告知单")
        finish_recheck(uow, recheck, verified_on=date(2026, 11, 14), now=ON_SITE, today=TODAY)
        uow.commit()
    report = chen.sync()
    assert (report.rejected, report.conflicts, report.photos_refused) == (0, 0, 0)
    assert report.photos_uploaded == 1
    zhang.sync()
    ours = {k: v for k, v in dump(chen).items() if k[0] in RECHECK_ENTITIES}
    theirs = {k: v for k, v in dump(zhang).items() if k[0] in RECHECK_ENTITIES}
    assert theirs == ours
    with zhang.store.unit_of_work() as uow:
        pulled = uow.session.get(Inspection, recheck)
        assert (pulled.recheck_of_notice_id, pulled.status.value) == (notice_id, "submitted")
        outcomes = rechecks_of_finding(uow, originals[1])
        items = recheck_sheet(uow, recheck).items
        state = progress(uow, notice_id, TODAY)
    assert [(o.inspection_id, o.result, o.note) for o in outcomes] == [
        (recheck, V.NOT_RECTIFIED, "仍无告知单")
    ]
    assert [(i.original_finding_id, i.result) for i in items] == [
        (originals[0], V.RECTIFIED),
        (originals[1], V.NOT_RECTIFIED),
    ]
    sha = items[0].live_photos[0].sha256
    assert zhang.store.photos.original_path(sha).read_bytes() == photo.read_bytes()
    assert state["status"] == "under_review"
    assert [p["result"] for p in state["problems"]] == ["rectified", "not_rectified"]
    # A laptop that rewrites a submitted 复查's result is refused by the server.
    with zhang.store.unit_of_work() as uow:
        uow.session.get(Finding, second).recheck_result = V.RECTIFIED
        uow.commit()
    assert zhang.sync().rejected == 1
