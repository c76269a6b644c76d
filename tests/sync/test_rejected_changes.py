"""A change the server refused and the inspector gave up: the laptop goes back to the
server's version at its next sync, instead of showing a value nobody else has."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from inspector_app.services import inspections as ops
from inspector_app.store.models import Finding, OutboxEntry
from inspector_app.sync import status
from tests.sync.laptops import Laptop, photo_file, record_problem


def _description(laptop: Laptop, finding_id: str) -> str | None:
    with laptop.store.unit_of_work() as uow:
        return uow.session.get(Finding, finding_id).description


def _rejected(laptop: Laptop) -> list[int]:
    with laptop.store.unit_of_work() as uow:
        return [v.n for v in status.rejected_views(uow)]


def _edit_after_a_colleague_submitted(a: Laptop, b: Laptop, photo: Path) -> str:
    """zhang records a problem and submits it; wang, who pulled it before the submit,
    edits its description: the server will refuse that edit. Returns the finding's id."""
    a.sync()
    inspection_id, failed = record_problem(a, "叫号机故障", photo)
    a.sync()
    b.sync()
    with a.store.unit_of_work() as uow:  # zhang submits; wang's laptop has not heard yet
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    a.sync()
    with b.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(description="叫号机已修好"))
        uow.commit()
    return failed


def test_a_discarded_refused_edit_gives_way_to_the_servers_version_at_the_next_sync(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    failed = _edit_after_a_colleague_submitted(a, b, photo_file(tmp_path, "p.jpg", 7))
    assert b.sync().rejected == 1  # the record was submitted meanwhile
    assert _description(b, failed) == "叫号机已修好"  # kept and shown until given up
    [n] = _rejected(b)
    with b.store.unit_of_work() as uow:
        status.discard_rejected(uow, n)
        uow.commit()
    report = b.sync()
    assert report.rejected == 0
    assert _description(b, failed) == _description(a, failed) == "叫号机故障"
    with b.store.unit_of_work() as uow:
        assert uow.session.scalars(select(OutboxEntry)).all() == []
    assert b.sync().pulled == 0  # fetched once, not at every sync


def test_giving_up_one_refused_change_keeps_the_others_still_shown(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    failed = _edit_after_a_colleague_submitted(a, b, photo_file(tmp_path, "q.jpg", 8))
    b.sync()  # refused, and the submit arrives
    with b.store.unit_of_work() as uow:  # a second refused change of the same record
        uow.session.get(Finding, failed).staff_badge = "0042"
        uow.commit()
    b.sync()
    first, second = _rejected(b)
    with b.store.unit_of_work() as uow:
        status.discard_rejected(uow, first)
        uow.commit()
    b.sync()
    with b.store.unit_of_work() as uow:
        finding = uow.session.get(Finding, failed)
        assert finding.description == "叫号机故障"  # given up: the server's again
        assert finding.staff_badge == "0042"  # still refused and shown, not given up
    assert _rejected(b) == [second]
