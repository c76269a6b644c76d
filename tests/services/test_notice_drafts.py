"""Drafting notices from an approved inspection: one per responsible unit, offline."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from inspector_app.domain.errors import IllegalTransition
from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.notice_drafts import draft_notices, list_notices
from inspector_app.services.reference_data import reference_id
from inspector_app.settings import Settings
from inspector_app.store.models import OutboxEntry
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.store import Store
from tests.builders import finding_id, start_in

MARKET = reference_id("unit", "yimei-market")
TAX = reference_id("unit", "yimei-tax")


def _inspection(store: Store, make_jpeg, *, approve: bool) -> str:
    """Three problems at 伊美区政务服务中心: two for the market office, one for tax."""
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow)
        for code, unit in (("A2", MARKET), ("A3", MARKET), ("B4", TAX)):
            failed = finding_id(uow, inspection_id, code)
            ops.update_finding(
                uow,
                failed,
                ops.FindingChanges(
                    result=FindingResult.FAIL, description=f"{code}：现场所见。", unit_id=unit
                ),
            )
            photo_ops.attach_photo(uow, uow.photos, failed, make_jpeg())
        ops.submit_inspection(uow, inspection_id)
        if approve:
            ops.review_inspection(uow, inspection_id, approve=True)
        uow.commit()
    return inspection_id


def _counts(store: Store) -> tuple[int, int, int]:
    with store.unit_of_work() as uow:
        return tuple(  # type: ignore[return-value]
            uow.session.scalar(select(func.count()).select_from(model))
            for model in (Notice, NoticeFinding, OutboxEntry)
        )


def test_one_draft_per_responsible_unit_and_drafting_again_adds_nothing(
    seeded_store: Store, make_jpeg
) -> None:
    inspection_id = _inspection(seeded_store, make_jpeg, approve=True)
    with seeded_store.unit_of_work() as uow:
        drafted = draft_notices(uow, inspection_id, Settings())
        uow.commit()
    assert sorted((d.unit_id, d.problems) for d in drafted) == sorted([(MARKET, 2), (TAX, 1)])
    assert all(d.created and d.number is None for d in drafted)
    after = _counts(seeded_store)
    with seeded_store.unit_of_work() as uow:
        again = draft_notices(uow, inspection_id, Settings())
        uow.commit()
    assert [d.id for d in again] == [d.id for d in drafted] and not any(d.created for d in again)
    assert _counts(seeded_store) == after
    with seeded_store.unit_of_work() as uow:
        listed = list_notices(uow)
    assert {n.id for n in listed} == {d.id for d in drafted}
    assert {n.as_json()["status_text"] for n in listed} == {"草拟"}


def test_drafting_from_an_inspection_not_yet_approved_is_refused_and_changes_nothing(
    seeded_store: Store, make_jpeg
) -> None:
    inspection_id = _inspection(seeded_store, make_jpeg, approve=False)
    before = _counts(seeded_store)
    with pytest.raises(IllegalTransition) as refused, seeded_store.unit_of_work() as uow:
        draft_notices(uow, inspection_id, Settings())
        uow.commit()
    assert "审核通过" in refused.value.zh and "approved" in refused.value.en
    assert _counts(seeded_store) == before
