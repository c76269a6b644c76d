"""The rectification loop through a real server (SQLite and PostgreSQL): supervisor chen
records, offline and then in one sync, delivery, a report with a scanned PDF and a photo,
verification, the return for redo, the second round and 销号; inspector zhang's laptop
then holds every step and the evidence bytes. The server keeps only whole PDFs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.notice import NoticeStatus
from inspector_app.domain.rectification import DeliveryMethod
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import inspections as ops
from inspector_app.services import rectification as loop
from inspector_app.services.notice_state import progress
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.sync import errors
from tests.builders import finding_id, start_in
from tests.rectification_builders import DEADLINE, ISSUED_ON, UNIT, scanned_report
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, dump, open_laptop, photo_file

TODAY = date(2026, 11, 30)
LOOP_ENTITIES = {"notice", "notice_finding", "rectification_feedback", "notice_event"}


@pytest.fixture
def pair(sync_server: RunningServer, tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    """Inspector zhang's laptop and supervisor chen's, both of team 一组."""
    zhang = open_laptop(tmp_path / "zhang", sync_server, "zhang")
    chen = open_laptop(tmp_path / "chen", sync_server, "chen")
    yield zhang, chen
    zhang.close()
    chen.close()


def _inspection_with_two_problems(laptop: Laptop) -> tuple[str, list[str]]:
    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = [finding_id(uow, inspection_id, code) for code in ("A1", "A2")]
        for number, finding in enumerate(failed, start=1):
            ops.update_finding(
                uow,
                finding,
                ops.FindingChanges(result=FindingResult.FAIL, description=f"问题{number}"),
            )
        uow.commit()
    return inspection_id, failed


def _draft_notice(laptop: Laptop, inspection_id: str, findings: list[str]) -> str:
    with laptop.store.unit_of_work() as uow:
        notice = Notice(unit_id=UNIT, inspection_id=inspection_id, issued_on=ISSUED_ON)
        notice.deadline = DEADLINE
        uow.session.add(notice)
        uow.session.flush()
        for position, finding in enumerate(findings):
            uow.session.add(
                NoticeFinding(notice_id=notice.id, finding_id=finding, position=position)
            )
        uow.commit()
    return notice.id


def test_every_step_and_the_evidence_reach_the_other_laptop(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    zhang, chen = pair
    zhang.sync()  # the reference data: templates, units, sites
    inspection_id, findings = _inspection_with_two_problems(zhang)
    assert zhang.sync().rejected == 0
    chen.sync()
    notice_id = _draft_notice(chen, inspection_id, findings)
    assert chen.sync().rejected == 0
    pdf = scanned_report(tmp_path / "unit")
    photo = photo_file(tmp_path, "整改后.jpg", seed=5)
    with chen.store.unit_of_work() as uow:  # 签发 (the server's numbering is not this test's)
        uow.session.get(Notice, notice_id).status = NoticeStatus.ISSUED
        uow.session.flush()
        loop.record_delivery(
            uow,
            notice_id,
            delivered_on=date(2026, 11, 3),
            method=DeliveryMethod.DIRECT,
            recipient="王芳",
            today=TODAY,
        )
        loop.record_feedback(
            uow,
            notice_id,
            received_on=date(2026, 11, 12),
            items=[
                loop.FeedbackItem("1", "已安排专人在岗", "王芳", [pdf, photo]),
                loop.FeedbackItem("2", "已落实一次性告知", "张三"),
            ],
            today=TODAY,
        )
        loop.verify_problems(
            uow,
            notice_id,
            {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED},
            verifier="陈科长",
            verified_on=date(2026, 11, 13),
            today=TODAY,
        )
        loop.return_notice(
            uow,
            notice_id,
            verifier="陈科长",
            returned_on=date(2026, 11, 13),
            working_days=5,
            reason="问题2未整改",
            today=TODAY,
        )
        loop.record_feedback(
            uow,
            notice_id,
            received_on=date(2026, 11, 18),
            items=[loop.FeedbackItem("2", "已补充告知单", "张三")],
            today=TODAY,
        )
        loop.verify_problems(
            uow,
            notice_id,
            {"2": V.RECTIFIED},
            verifier="陈科长",
            verified_on=date(2026, 11, 19),
            today=TODAY,
        )
        loop.close_notice(
            uow, notice_id, verifier="陈科长", closed_on=date(2026, 11, 19), today=TODAY
        )
        uow.commit()
    report = chen.sync()
    # Each lifecycle step went as its own mutation and the server took every one.
    assert (report.rejected, report.conflicts, report.photos_refused) == (0, 0, 0)
    assert report.photos_uploaded == 2
    zhang.sync()
    ours = {k: v for k, v in dump(chen).items() if k[0] in LOOP_ENTITIES}
    theirs = {k: v for k, v in dump(zhang).items() if k[0] in LOOP_ENTITIES}
    assert theirs == ours
    with zhang.store.unit_of_work() as uow:
        seen = progress(uow, notice_id, TODAY)
    assert (seen["status"], seen["returned_count"], seen["closed_by"]) == ("closed", 1, "陈科长")
    assert seen["deadline"] == "2026-11-20"
    assert [e["kind"] for e in seen["events"]] == [
        "delivered",
        "feedback",
        "verified",
        "returned",
        "feedback",
        "verified",
        "closed",
    ]
    evidence = seen["problems"][0]["feedback"][0]["evidence_sha256"]
    assert evidence == [hashlib.sha256(p.read_bytes()).hexdigest() for p in (pdf, photo)]
    for sha, source in zip(evidence, (pdf, photo), strict=True):
        assert zhang.store.photos.original_path(sha).read_bytes() == source.read_bytes()


def test_the_server_refuses_a_pdf_cut_short(pair: tuple[Laptop, Laptop], tmp_path: Path) -> None:
    _, chen = pair
    whole = scanned_report(tmp_path, "whole.pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[:-300] + b"\n")
    sha = hashlib.sha256(cut.read_bytes()).hexdigest()
    with pytest.raises(errors.ServerRefused) as refused:
        chen.api.put_blob(sha, cut)
    assert refused.value.status == 422 and "PDF" in str(refused.value)
    chen.api.put_blob(hashlib.sha256(whole.read_bytes()).hexdigest(), whole)  # a whole one is kept
