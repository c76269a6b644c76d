"""The 审核 through a real server: an inspector's laptop and a supervisor's, one team.

A submits two inspections and syncs; B pulls them, approves one and returns the other
with a comment, all offline, then syncs; A's next sync brings the decisions, and the
runner's sheet carries the comment. The server keeps the review a supervisor's."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.services import review
from inspector_app.services.queries import load_inspection_sheet
from inspector_app.store.models import Inspection
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, open_laptop, photo_file, record_problem


@pytest.fixture
def team(sync_server: RunningServer, tmp_path: Path):
    """An inspector's and a supervisor's laptop of a team of their own."""
    name = f"组-{uuid.uuid4().hex[:8]}"
    inspector, supervisor = (f"{role}{uuid.uuid4().hex[:8]}" for role in ("i", "s"))
    sync_server.add_user(inspector, "inspector", name)
    sync_server.add_user(supervisor, "supervisor", name)
    a = open_laptop(tmp_path / "a", sync_server, inspector)
    b = open_laptop(tmp_path / "b", sync_server, supervisor)
    yield a, b
    a.close()
    b.close()


def _submitted(laptop: Laptop, description: str, photo: Path) -> str:
    inspection_id, _ = record_problem(laptop, description, photo)
    with laptop.store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    return inspection_id


def _inspection(laptop: Laptop, inspection_id: str) -> tuple[InspectionStatus, str]:
    with laptop.store.unit_of_work() as uow:
        found = uow.session.get(Inspection, inspection_id)
        return found.status, found.review_comment


def test_a_supervisor_approves_one_returns_another_and_the_inspector_reads_the_comment(
    team: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = team
    a.sync()  # templates and registry first, as on a fresh laptop
    good = _submitted(a, "3号窗口无人在岗", photo_file(tmp_path, "1.jpg", 1))
    weak = _submitted(a, "大厅无导办人员", photo_file(tmp_path, "2.jpg", 2))
    assert a.sync().rejected == 0

    b.sync()
    with b.store.unit_of_work() as uow:
        assert review.remembered_account(uow).reviews
        assert {row.id for row in review.review_queue(uow)} == {good, weak}
        review.approve(uow, good)
        review.return_for_changes(uow, weak, "请补拍导办台照片并注明时间")
        uow.commit()
    pushed = b.sync()
    assert pushed.rejected == 0 and pushed.conflicts == 0

    a.sync()
    assert _inspection(a, good) == (InspectionStatus.APPROVED, "")
    assert _inspection(a, weak) == (InspectionStatus.RETURNED, "请补拍导办台照片并注明时间")
    with a.store.unit_of_work() as uow:  # what the checklist runner shows
        sheet = load_inspection_sheet(uow, uow.photos, weak)
    assert sheet.review_comment == "请补拍导办台照片并注明时间"
    with b.store.unit_of_work() as uow:  # the queue is empty once decided
        assert review.review_queue(uow) == []


def test_the_server_refuses_a_review_from_an_inspectors_laptop(
    team: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    """The app refuses it first (services/review.py); an old or tampered laptop that
    writes the approval straight into its store is refused by the server."""
    a, _ = team
    a.sync()
    inspection_id = _submitted(a, "自助终端故障", photo_file(tmp_path, "3.jpg", 3))
    a.sync()
    with a.store.unit_of_work() as uow:
        assert review.remembered_account(uow).role == "inspector"
        ops.review_inspection(uow, inspection_id, approve=True)  # below the role check
        uow.commit()
    report = a.sync()
    assert report.rejected == 1
    with a.store.unit_of_work() as uow:
        statuses = set(uow.session.scalars(select(Inspection.status)))
    assert statuses == {InspectionStatus.APPROVED}  # kept locally, shown as refused
