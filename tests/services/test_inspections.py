"""Recording an inspection through the use cases, checked against the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult, Severity
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.errors import NotFound
from inspector_app.services.queries import list_inspections
from inspector_app.services.reference_data import reference_id
from inspector_app.store.models import Finding, Inspection, OutboxEntry, Photo
from inspector_app.store.notice_models import Amendment
from inspector_app.store.photos import PhotoImportError
from inspector_app.store.store import Store
from tests.builders import start_inspection

TEMPLATE = reference_id("template", "window-service", "1")


def _start(store: Store) -> str:
    return start_inspection(
        store, team=("张明", "李华"), started_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    )


def _finding(store: Store, inspection_id: str, code: str) -> Finding:
    with store.unit_of_work() as uow:
        return uow.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection_id, Finding.item_code == code)
        ).one()


def _fail(store: Store, finding_id: str, text: str = "9时20分3号窗口无人在岗") -> None:
    with store.unit_of_work() as uow:
        ops.update_finding(
            uow,
            finding_id,
            ops.FindingChanges(result=FindingResult.FAIL, description=text, window_no="3"),
        )
        uow.commit()


def _status(store: Store, inspection_id: str) -> InspectionStatus:
    with store.unit_of_work() as uow:
        return uow.session.get(Inspection, inspection_id).status


def test_start_creates_one_unchecked_finding_per_item_of_the_frozen_template(
    seeded_store: Store,
) -> None:
    inspection_id = _start(seeded_store)
    with seeded_store.unit_of_work() as uow:
        template = ops.get_template(uow, TEMPLATE)
        inspection = uow.session.get(Inspection, inspection_id)
        findings = uow.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection_id)
        ).all()
    assert inspection.template_id == TEMPLATE  # the version is part of the id
    assert [f.item_code for f in findings] == [item.code for item in template.items]
    assert all(f.result == FindingResult.UNCHECKED for f in findings)
    a2 = next(f for f in findings if f.item_code == "A2")
    assert a2.photo_required == template.item("A2").photo_required


def test_submit_is_refused_while_a_required_photo_is_missing_then_accepted(
    seeded_store: Store, make_jpeg
) -> None:
    inspection_id = _start(seeded_store)
    a2 = _finding(seeded_store, inspection_id, "A2")
    assert a2.photo_required
    _fail(seeded_store, a2.id)
    with pytest.raises(ValidationFailed) as refused, seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    assert refused.value.code == "inspection.photo_required"
    assert "A2" in refused.value.zh and "照片" in refused.value.zh
    assert _status(seeded_store, inspection_id) == InspectionStatus.DRAFT

    with seeded_store.unit_of_work() as uow:
        photo_ops.attach_photo(uow, seeded_store.photos, a2.id, make_jpeg(portrait=True))
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    assert _status(seeded_store, inspection_id) == InspectionStatus.SUBMITTED


def test_submitted_inspection_is_read_only_and_returned_one_is_editable_again(
    seeded_store: Store,
) -> None:
    inspection_id = _start(seeded_store)
    a1 = _finding(seeded_store, inspection_id, "B4")
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    with pytest.raises(IllegalTransition), seeded_store.unit_of_work() as uow:
        ops.update_finding(uow, a1.id, ops.FindingChanges(result=FindingResult.PASS))
    with pytest.raises(IllegalTransition), seeded_store.unit_of_work() as uow:
        ops.add_adhoc_finding(uow, inspection_id, title="新问题", description="x")

    with pytest.raises(ValidationFailed), seeded_store.unit_of_work() as uow:
        ops.review_inspection(uow, inspection_id, approve=False, comment=" ")
    with seeded_store.unit_of_work() as uow:
        ops.review_inspection(uow, inspection_id, approve=False, comment="请补充窗口号")
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        ops.update_finding(uow, a1.id, ops.FindingChanges(result=FindingResult.PASS))
        uow.commit()
        assert uow.session.get(Inspection, inspection_id).review_comment == "请补充窗口号"
    assert _finding(seeded_store, inspection_id, "B4").result == FindingResult.PASS


def test_correction_after_approval_is_an_amendment_with_a_reason(seeded_store: Store) -> None:
    inspection_id = _start(seeded_store)
    finding = _finding(seeded_store, inspection_id, "C1")
    _fail(seeded_store, finding.id)
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        ops.review_inspection(uow, inspection_id, approve=True)
        uow.commit()
    with pytest.raises(ValidationFailed), seeded_store.unit_of_work() as uow:
        ops.amend_finding(
            uow, finding.id, field="window_no", new_value="5", reason="", author="张明"
        )
    with seeded_store.unit_of_work() as uow:
        ops.amend_finding(
            uow,
            finding.id,
            field="window_no",
            new_value="5",
            reason="现场记录窗口号笔误",
            author="张明",
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        amendment = uow.session.scalars(select(Amendment)).one()
        assert (amendment.old_value, amendment.new_value) == ("3", "5")
        assert uow.session.get(Finding, finding.id).window_no == "5"
        entities = set(uow.session.scalars(select(OutboxEntry.entity)))
    assert {"amendment", "finding"} <= entities


def test_adhoc_finding_is_a_failure_without_an_item(seeded_store: Store) -> None:
    inspection_id = _start(seeded_store)
    with seeded_store.unit_of_work() as uow:
        finding_id = ops.add_adhoc_finding(
            uow,
            inspection_id,
            title="饮水机无水",
            description="等候区饮水机无水",
            severity=Severity.MINOR,
        )
        uow.commit()
        finding = uow.session.get(Finding, finding_id)
    assert finding.item_code is None and finding.result == FindingResult.FAIL
    with pytest.raises(ValidationFailed), seeded_store.unit_of_work() as uow:
        ops.add_adhoc_finding(uow, inspection_id, title="  ", description="x")


def test_bad_photo_changes_nothing(seeded_store: Store, tmp_path: Path) -> None:
    inspection_id = _start(seeded_store)
    a2 = _finding(seeded_store, inspection_id, "A2")
    fake = tmp_path / "fake.jpg"
    fake.write_text("not an image")
    with pytest.raises(PhotoImportError), seeded_store.unit_of_work() as uow:
        photo_ops.attach_photo(uow, seeded_store.photos, a2.id, fake)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert uow.session.scalars(select(Photo)).all() == []


def test_removed_photo_is_a_tombstone_and_no_longer_counts(seeded_store: Store, make_jpeg) -> None:
    inspection_id = _start(seeded_store)
    a2 = _finding(seeded_store, inspection_id, "A2")
    _fail(seeded_store, a2.id)
    with seeded_store.unit_of_work() as uow:
        photo_id = photo_ops.attach_photo(uow, seeded_store.photos, a2.id, make_jpeg())
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        photo_ops.remove_photo(uow, photo_id)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Photo, photo_id).deleted
        [summary] = list_inspections(uow)
    assert summary.photos == 0 and summary.problems == 1 and summary.findings == 1


def test_unknown_ids_get_a_clear_not_found(seeded_store: Store) -> None:
    with pytest.raises(NotFound) as missing, seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, "no-such-id")
    assert "no-such-id" in missing.value.zh
