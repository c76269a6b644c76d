"""Moving a problem between drafts before 签发: what the drafts list is what they print."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from inspector_app.documents.content import Issuer
from inspector_app.domain.errors import DomainError
from inspector_app.services.documents import notice_contents
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.services.notice_regrouping import move_problem, move_targets
from inspector_app.services.notice_state import problems_of
from inspector_app.settings import Settings
from inspector_app.store.models import OutboxEntry
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from tests.desk_data import MARKET, TAX, approved_for_two_units, issue_here

DAY = date(2026, 12, 1)


def _drafts(store: Store, photo) -> tuple[str, str, str]:
    inspection = approved_for_two_units(store, photo)
    with store.unit_of_work() as uow:
        drafted = {d.unit_id: d.id for d in draft_notices(uow, inspection, Settings())}
        uow.commit()
    return inspection, drafted[MARKET], drafted[TAX]


def _printed(store: Store, inspection: str, unit: str) -> list[str]:
    with store.unit_of_work() as uow:
        [content] = notice_contents(
            uow, uow.photos, inspection, issuer=Issuer(), issued_on=DAY, unit_id=unit
        )
    return [p.description for p in content.problems]


def _listed(store: Store, notice_id: str) -> list[str]:
    with store.unit_of_work() as uow:
        return [p.title for p in problems_of(uow, notice_id)]


def test_a_moved_problem_is_listed_and_printed_by_its_new_draft(
    seeded_store: Store, make_jpeg
) -> None:
    inspection, market, tax = _drafts(seeded_store, make_jpeg())
    with seeded_store.unit_of_work() as uow:
        assert [t.notice_id for t in move_targets(uow, market)] == [tax]
        gathering = problems_of(uow, market)[1]
        assert move_problem(uow, gathering.id, tax) == market
        uow.commit()
    assert _listed(seeded_store, market) == ["12号窗口无人在岗，群众排队等候。"]
    assert _listed(seeded_store, tax) == [
        "办税窗口工作人员趴桌休息。",
        "3号、4号窗口工作人员聚堆闲聊。",
    ]
    assert _printed(seeded_store, inspection, MARKET) == _listed(seeded_store, market)
    assert _printed(seeded_store, inspection, TAX) == _listed(seeded_store, tax)
    with seeded_store.unit_of_work() as uow:  # and back again
        move_problem(uow, problems_of(uow, tax)[1].id, market)
        uow.commit()
    assert len(_listed(seeded_store, market)) == 2 and len(_listed(seeded_store, tax)) == 1


def _outbox(store: Store) -> int:
    with store.unit_of_work() as uow:
        return uow.session.scalar(select(func.count()).select_from(OutboxEntry))


@pytest.mark.parametrize("case", ["last problem", "issued target", "other inspection"])
def test_a_move_that_cannot_be_is_refused_and_changes_nothing(
    seeded_store: Store, make_jpeg, case: str
) -> None:
    photo = make_jpeg()
    _, market, tax = _drafts(seeded_store, photo)
    if case == "issued target":
        issue_here(seeded_store, tax, "伊营商监〔2026〕3号", DAY, Settings())
    if case == "other inspection":
        _, _, tax = _drafts(seeded_store, photo)
    source, target = (tax, market) if case == "last problem" else (market, tax)
    before = (_listed(seeded_store, market), _listed(seeded_store, tax), _outbox(seeded_store))
    with pytest.raises(DomainError) as refused, seeded_store.unit_of_work() as uow:
        move_problem(uow, problems_of(uow, source)[0].id, target)
    assert (
        refused.value.code
        == {
            "last problem": "notice.move_last_problem",
            "issued target": "notice.move_not_draft",
            "other inspection": "notice.move_other_inspection",
        }[case]
    )
    after = (_listed(seeded_store, market), _listed(seeded_store, tax), _outbox(seeded_store))
    assert after == before
    with seeded_store.unit_of_work() as uow:
        assert uow.session.get(Notice, market).status.value == "draft"
