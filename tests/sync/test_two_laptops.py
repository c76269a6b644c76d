"""Two laptops of one team through one real server: what one records, the other sees.

Their clocks may be years off (RELIABILITY row 17): the server's sequence orders edits
and decides conflicts, and the server's clock says when a sync happened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.store.models import (
    ChecklistTemplateRecord,
    Finding,
    Inspection,
    OutboxEntry,
    Photo,
    Site,
    SyncConflict,
)
from inspector_app.sync import blobs, push, status
from inspector_app.sync.engine import sync_once
from inspector_app.sync.local import DirectStoreAccess
from tests.builders import finding_id, start_in
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, dump, open_laptop, photo_file, record_problem

PAST = "2001-03-04 08:00:00"
FUTURE = "2040-06-01 08:00:00"


def _count(laptop: Laptop, model: type) -> int:
    with laptop.store.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def _record_problem(laptop: Laptop, description: str, photo: Path) -> tuple[str, str, str]:
    with laptop.store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        failed = finding_id(uow, inspection_id, "A2")
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description=description)
        )
        photo_id = photo_ops.attach_photo(uow, uow.photos, failed, photo)
        uow.commit()
    return inspection_id, failed, photo_id


def test_a_fresh_laptop_gets_templates_and_registry_from_its_first_sync(
    laptops: tuple[Laptop, Laptop],
) -> None:
    a, _ = laptops
    assert _count(a, ChecklistTemplateRecord) == 0
    report = a.sync()
    assert report.pulled > 0
    assert _count(a, ChecklistTemplateRecord) >= 1
    assert _count(a, Site) >= 1
    assert _count(a, OutboxEntry) == 0  # pulled records are not sent back


def test_an_inspection_with_a_photo_recorded_on_a_appears_on_b_byte_identical(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    photo = photo_file(tmp_path, "counter.jpg", seed=1)
    inspection_id, failed, photo_id = _record_problem(a, "窗口无人值守", photo)
    report = a.sync()
    assert report.pushed > 0 and report.photos_uploaded == 1 and report.rejected == 0
    assert _count(a, OutboxEntry) == 0
    b.sync()
    with b.store.unit_of_work() as uow:
        inspection = uow.session.get(Inspection, inspection_id)
        finding = uow.session.get(Finding, failed)
        stored = uow.session.get(Photo, photo_id)
        assert inspection is not None and inspection.server_rev is not None
        assert finding is not None and finding.description == "窗口无人值守"
        assert finding.result is FindingResult.FAIL
        assert stored is not None
        sha = stored.sha256
    assert b.store.photos.original_path(sha).read_bytes() == photo.read_bytes()
    assert _count(b, OutboxEntry) == 0


def test_edits_of_different_fields_merge_and_the_same_field_is_a_conflict_on_both(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    _, failed, _ = _record_problem(a, "首问责任制未落实", photo_file(tmp_path, "p.jpg", 2))
    a.sync()
    b.sync()
    with a.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(window_no="7", description="A 的说明"))
        uow.commit()
    with b.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(staff_badge="0931"))
        ops.update_finding(uow, failed, ops.FindingChanges(description="B 的说明"))
        uow.commit()
    a.sync()
    report = b.sync()
    assert report.conflicts == 1
    a.sync()
    for laptop in (a, b):
        with laptop.store.unit_of_work() as uow:
            finding = uow.session.get(Finding, failed)
            assert (finding.window_no, finding.staff_badge) == ("7", "0931")
            assert finding.description == "A 的说明"  # first writer wins, everywhere
    with b.store.unit_of_work() as uow:
        conflicts = uow.session.scalars(select(SyncConflict)).all()
    assert [(c.field, c.local_value, c.server_value) for c in conflicts] == [
        ("description", "B 的说明", "A 的说明")
    ]
    assert (conflicts[0].local_by, conflicts[0].server_by) == ("wang", "zhang")  # who made each


def test_a_photo_removed_on_a_is_removed_on_b(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    _, _, photo_id = _record_problem(a, "未公示办事指南", photo_file(tmp_path, "q.jpg", 3))
    a.sync()
    b.sync()
    with a.store.unit_of_work() as uow:
        photo_ops.remove_photo(uow, photo_id)
        uow.commit()
    a.sync()
    b.sync()
    with b.store.unit_of_work() as uow:
        assert uow.session.get(Photo, photo_id).deleted is True


def test_each_laptop_shows_the_state_of_its_inspections(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    inspection_id, failed, _ = _record_problem(a, "叫号屏故障", photo_file(tmp_path, "s.jpg", 4))
    with a.store.unit_of_work() as uow:
        assert status.inspection_states(uow, [inspection_id]) == {
            inspection_id: status.RecordSyncState.PENDING
        }
        before = status.overview(uow)
    assert before.pending > 0 and before.photos_waiting == 1
    a.sync()
    b.sync()
    with a.store.unit_of_work() as uow:
        assert status.inspection_states(uow, [inspection_id])[inspection_id] is (
            status.RecordSyncState.SYNCED
        )
        after = status.overview(uow)
    assert (after.pending, after.photos_waiting, after.username) == (0, 0, "zhang")
    with a.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(description="A 改"))
        uow.commit()
    with b.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(description="B 改"))
        uow.commit()
    a.sync()
    b.sync()
    with b.store.unit_of_work() as uow:
        assert status.inspection_states(uow, [inspection_id])[inspection_id] is (
            status.RecordSyncState.CONFLICT
        )
        [conflict] = status.open_conflicts(uow)
        assert (conflict.local_value, conflict.server_value) == ("B 改", "A 改")
        status.resolve_conflict(uow, conflict.n, keep_mine=True)
        uow.commit()
    b.sync()
    a.sync()
    for laptop in (a, b):
        with laptop.store.unit_of_work() as uow:
            assert uow.session.get(Finding, failed).description == "B 改"
            assert status.open_conflicts(uow) == []


def test_a_damaged_original_is_reported_and_does_not_block_the_rest_of_the_sync(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    _, _, photo_id = _record_problem(a, "照片损坏", photo_file(tmp_path, "d.jpg", 8))
    with a.store.unit_of_work() as uow:
        sha = uow.session.get(Photo, photo_id).sha256
    original = a.store.photos.original_path(sha)
    original.chmod(0o600)
    damaged = bytearray(original.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    original.write_bytes(bytes(damaged))
    other, _, _ = _record_problem(b, "B 的检查", photo_file(tmp_path, "e.jpg", 9))
    b.sync()
    report = a.sync()
    assert report.photos_refused == 1
    assert other in {i for (e, i) in dump(a) if e == "inspection"}  # the pull still ran
    with a.store.unit_of_work() as uow:
        refused = blobs.refused_blobs(uow)
    assert set(refused) == {sha} and "sha256" in refused[sha]
    assert a.sync().photos_refused == 0  # not sent again and again


class _EditsWhileInFlight(DirectStoreAccess):
    """The inspector types again while a push is on the wire (right after it was taken)."""

    def __init__(self, store, edit) -> None:
        super().__init__(store)
        self.edit = edit

    def write(self, work):
        value = super().write(work)
        if work is push.take_batch and self.edit is not None:
            edit, self.edit = self.edit, None
            edit()
        return value


def test_an_edit_made_while_its_record_is_in_flight_never_conflicts_with_itself(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    _, failed, _ = _record_problem(a, "第一稿", photo_file(tmp_path, "r.jpg", 10))
    a.sync()
    with a.store.unit_of_work() as uow:
        ops.update_finding(uow, failed, ops.FindingChanges(description="第二稿", window_no="3"))
        uow.commit()

    def type_again() -> None:
        with a.store.unit_of_work() as uow:
            ops.update_finding(uow, failed, ops.FindingChanges(description="第三稿"))
            ops.update_finding(uow, failed, ops.FindingChanges(staff_badge="0008"))
            uow.commit()

    report = sync_once(_EditsWhileInFlight(a.store, type_again), a.api)
    assert report.conflicts == 0
    b.sync()
    for laptop in (a, b):
        with laptop.store.unit_of_work() as uow:
            finding = uow.session.get(Finding, failed)
            assert (finding.description, finding.window_no, finding.staff_badge) == (
                "第三稿",
                "3",
                "0008",
            )
            assert status.open_conflicts(uow) == []


def _describe(laptop: Laptop, finding_id: str, text: str) -> None:
    with laptop.store.unit_of_work() as uow:
        ops.update_finding(uow, finding_id, ops.FindingChanges(description=text))
        uow.commit()


def _description(laptop: Laptop, finding_id: str) -> str | None:
    with laptop.store.unit_of_work() as uow:
        return uow.session.get(Finding, finding_id).description


def test_an_edit_from_a_laptop_in_2001_after_one_from_2040_is_applied_by_server_order(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    with freeze_time(FUTURE, tick=True):
        _, failed = record_problem(a, "叫号机故障", photo_file(tmp_path, "p.jpg", 3))
        a.sync()
    b.sync()
    with freeze_time(PAST, tick=True):
        _describe(b, failed, "叫号机已报修")
        assert b.sync().conflicts == 0
    a.sync()
    assert _description(a, failed) == _description(b, failed) == "叫号机已报修"


def test_the_first_edit_to_reach_the_server_wins_whatever_the_laptop_clocks_say(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    a, b = laptops
    a.sync()
    _, failed = record_problem(a, "窗口无人", photo_file(tmp_path, "q.jpg", 4))
    a.sync()
    b.sync()
    with freeze_time(FUTURE, tick=True):
        _describe(a, failed, "A 在 2040 年写的")
    with freeze_time(PAST, tick=True):
        _describe(b, failed, "B 在 2001 年写的")
        b.sync()  # reaches the server first, though its clock is 39 years behind
    with freeze_time(FUTURE, tick=True):
        assert a.sync().conflicts == 1
    b.sync()
    assert _description(a, failed) == _description(b, failed) == "B 在 2001 年写的"
    with a.store.unit_of_work() as uow:
        kept = uow.session.scalars(select(SyncConflict)).one()
        assert (kept.local_value, kept.server_value) == ("A 在 2040 年写的", "B 在 2001 年写的")


@pytest.mark.parametrize("clock", [PAST, FUTURE])
def test_the_last_sync_time_is_the_servers_and_the_skew_is_known(
    laptops: tuple[Laptop, Laptop], clock: str
) -> None:
    a, _ = laptops
    real_now = datetime.now(UTC)
    with freeze_time(clock, tick=True):
        a.sync()
    with a.store.unit_of_work() as uow:
        overview = status.overview(uow)
    assert overview.last_sync_at is not None
    assert abs(overview.last_sync_at - real_now) < timedelta(minutes=5)
    laptop_minus_server = datetime.fromisoformat(clock).replace(tzinfo=UTC) - real_now
    assert abs(overview.clock_skew_s - laptop_minus_server.total_seconds()) < 300
    a.sync()  # the clock was put right: no skew left
    with a.store.unit_of_work() as uow:
        assert abs(status.overview(uow).clock_skew_s) < 60


def test_a_photo_another_team_already_sent_still_reaches_this_teams_other_laptop(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    """The server never tells a team that another team's bytes exist, so this team's
    laptop sends them too and its colleague can fetch them."""
    from tests.sync.laptops import new_team

    photo = photo_file(tmp_path, "forwarded.jpg", seed=41)
    elsewhere = open_laptop(tmp_path / "other-team", sync_server, new_team(sync_server, 1)[0])
    elsewhere.sync()
    record_problem(elsewhere, "同一张照片", photo)
    assert elsewhere.sync().photos_uploaded == 1
    first, second = new_team(sync_server, 2)
    a = open_laptop(tmp_path / "a2", sync_server, first)
    b = open_laptop(tmp_path / "b2", sync_server, second)
    a.sync()
    b.sync()
    record_problem(a, "同一张照片", photo)
    assert a.sync().photos_uploaded == 1
    report = b.sync()
    assert (report.photos_downloaded, report.photos_missing_on_server) == (1, 0)
    for laptop in (elsewhere, a, b):
        laptop.close()
