"""Photo evidence on a finding: duplicates, caption, rotation, annotation, tombstones."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from PIL import Image
from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.store.models import Blob, Photo
from inspector_app.store.store import Store
from tests.builders import finding_id, start_in


def _two_failed_findings(store: Store) -> tuple[str, str, str]:
    with store.unit_of_work() as uow:
        inspection_id = start_in(
            uow,
            site="wucui-center",
            mode=InspectionMode.OVERT,
            started_at=datetime(2026, 11, 20, 1, tzinfo=UTC),
        )
        a1, a2 = (finding_id(uow, inspection_id, code) for code in ("A1", "A2"))
        for failed in (a1, a2):
            ops.update_finding(
                uow,
                failed,
                ops.FindingChanges(result=FindingResult.FAIL, description="窗口无人"),
            )
        uow.commit()
    return inspection_id, a1, a2


def test_same_photo_twice_on_one_item_is_refused_and_on_another_is_flagged(
    seeded_store: Store, make_jpeg
) -> None:
    _, a1, a2 = _two_failed_findings(seeded_store)
    source = make_jpeg()
    imported = seeded_store.photos.import_file(source)
    with seeded_store.unit_of_work() as uow:
        first = photo_ops.attach_imported_photo(uow, a1, imported)
        uow.commit()
    assert first.also_on_finding is None
    with pytest.raises(ValidationFailed) as refused, seeded_store.unit_of_work() as uow:
        photo_ops.attach_imported_photo(uow, a1, imported)
    assert refused.value.code == "photo.duplicate"
    with seeded_store.unit_of_work() as uow:
        second = photo_ops.attach_imported_photo(uow, a2, imported)
        uow.commit()
    assert second.also_on_finding == a1
    with seeded_store.unit_of_work() as uow:
        assert len(uow.session.scalars(select(Blob)).all()) == 1


def test_caption_rotation_and_annotation_leave_the_original_untouched(
    seeded_store: Store, make_jpeg
) -> None:
    _, a1, _ = _two_failed_findings(seeded_store)
    source = make_jpeg(portrait=True)
    original_bytes = source.read_bytes()
    with seeded_store.unit_of_work() as uow:
        photo_id = photo_ops.attach_photo(uow, seeded_store.photos, a1, source)
        photo_ops.set_photo_caption(uow, photo_id, "3号窗口空岗")
        assert photo_ops.rotate_photo(uow, photo_id) == 1
        assert photo_ops.rotate_photo(uow, photo_id, 3) == 0
        assert photo_ops.rotate_photo(uow, photo_id) == 1
        buffer = io.BytesIO()
        Image.new("RGB", (400, 300), (200, 0, 0)).save(buffer, "JPEG")
        annotated = photo_ops.save_annotation(uow, seeded_store.photos, photo_id, buffer.getvalue())
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        photo = uow.session.get(Photo, photo_id)
    # the annotated copy is drawn as displayed, so its rotation starts from zero
    assert (photo.caption, photo.rotation, photo.annotated_sha256) == ("3号窗口空岗", 0, annotated)
    assert seeded_store.photos.original_path(photo.sha256).read_bytes() == original_bytes
    assert seeded_store.photos.verify(annotated)


def test_removed_photo_can_be_restored_until_synced(seeded_store: Store, make_jpeg) -> None:
    _, a1, _ = _two_failed_findings(seeded_store)
    with seeded_store.unit_of_work() as uow:
        photo_id = photo_ops.attach_photo(uow, seeded_store.photos, a1, make_jpeg())
        photo_ops.remove_photo(uow, photo_id)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        photo_ops.restore_photo(uow, photo_id)
        photo_ops.remove_photo(uow, photo_id)
        uow.session.get(Photo, photo_id).server_rev = 12  # the deletion reached the server
        uow.commit()
    with pytest.raises(ValidationFailed), seeded_store.unit_of_work() as uow:
        photo_ops.restore_photo(uow, photo_id)


def test_photos_of_a_submitted_inspection_cannot_change(seeded_store: Store, make_jpeg) -> None:
    inspection_id, a1, a2 = _two_failed_findings(seeded_store)
    with seeded_store.unit_of_work() as uow:
        photo_id = photo_ops.attach_photo(uow, seeded_store.photos, a1, make_jpeg())
        photo_ops.attach_photo(uow, seeded_store.photos, a2, make_jpeg())
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    for action in (
        lambda uow: photo_ops.rotate_photo(uow, photo_id),
        lambda uow: photo_ops.set_photo_caption(uow, photo_id, "改"),
        lambda uow: photo_ops.remove_photo(uow, photo_id),
    ):
        with pytest.raises(IllegalTransition), seeded_store.unit_of_work() as uow:
            action(uow)
