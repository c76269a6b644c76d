"""Sealed 暗访 plans on a real store: hidden until opened, and the opening is on record.

The planned halls of a campaign are not offered until the account at the laptop opens
the plan; opening writes one record (who, when) and its outbox entry in the same
transaction, once per account; without a known account nothing can be opened.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import ValidationFailed
from inspector_app.services import sealed_plans
from inspector_app.services.campaigns import create_campaign
from inspector_app.services.errors import NotFound
from inspector_app.services.queries import campaign_choices, new_inspection_choices
from inspector_app.services.reference_data import reference_id
from inspector_app.store.models import OutboxEntry, PlanOpening
from inspector_app.store.store import Store
from inspector_app.sync import state

HALLS = [reference_id("site", code) for code in ("yimei-center", "wucui-center", "jinlin-center")]
OPENED_AT = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)


def _signed_in_as(store: Store, username: str) -> None:
    """What a finished sync remembers from `/me` (sync/engine.py)."""
    with store.unit_of_work(suppress_outbox=True) as uow:
        state.put(uow.session, "username", username)
        state.put(uow.session, "role", "inspector")
        state.put(uow.session, "team", "一组")
        uow.commit()


@pytest.fixture
def campaign(seeded_store: Store) -> str:
    with seeded_store.unit_of_work() as uow:
        campaign_id = create_campaign(
            uow,
            title="2026年窗口服务专项暗访",
            template_id=reference_id("template", "window-service", "1"),
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 12, 31),
            planned_site_ids=HALLS,
            team=["张明", "李华"],
        )
        uow.commit()
    return campaign_id


def _outbox(store: Store) -> list[tuple[str, dict]]:
    with store.unit_of_work() as uow:
        rows = uow.session.scalars(select(OutboxEntry).order_by(OutboxEntry.n))
        return [(row.entity, row.fields) for row in rows if row.entity == "plan_opening"]


def test_a_campaigns_planned_sites_are_only_counted_until_its_plan_is_opened(
    seeded_store: Store, campaign: str
) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow:
        [choice] = new_inspection_choices(uow).campaigns
        assert not sealed_plans.opened_by_me(uow, campaign)
    assert choice.sealed
    assert choice.planned_count == 3
    assert choice.planned_site_ids == () and choice.open_site_ids == ()


def test_opening_the_plan_records_who_and_when_with_its_outbox_entry_and_reveals_the_sites(
    seeded_store: Store, campaign: str
) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow:
        opening = sealed_plans.open_plan(uow, campaign, now=OPENED_AT)
        uow.commit()
    assert (opening.campaign_id, opening.opened_by, opening.opened_at) == (
        campaign,
        "zhang",
        OPENED_AT,
    )
    [(_, fields)] = _outbox(seeded_store)
    assert fields["campaign_id"] == campaign and fields["opened_by"] == "zhang"
    assert datetime.fromisoformat(fields["opened_at"]) == OPENED_AT
    with seeded_store.unit_of_work() as uow:
        assert sealed_plans.opened_by_me(uow, campaign)
        [choice] = campaign_choices(uow)
        assert sealed_plans.openings(uow, campaign) == [opening]
    assert not choice.sealed
    assert choice.planned_site_ids == tuple(HALLS)
    assert choice.openings == (opening,)


def test_an_opening_that_is_not_committed_leaves_neither_record_nor_outbox_entry(
    seeded_store: Store, campaign: str
) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow:
        sealed_plans.open_plan(uow, campaign)  # the block ends without a commit
    with seeded_store.unit_of_work() as uow:
        assert uow.session.scalars(select(PlanOpening)).all() == []
        assert not sealed_plans.opened_by_me(uow, campaign)
    assert _outbox(seeded_store) == []


def test_opening_again_keeps_the_first_opening_and_records_nothing_new(
    seeded_store: Store, campaign: str
) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow:
        first = sealed_plans.open_plan(uow, campaign, now=OPENED_AT)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        again = sealed_plans.open_plan(uow, campaign)
        uow.commit()
    assert again == first
    assert len(_outbox(seeded_store)) == 1


def test_another_account_on_the_same_laptop_sees_the_plan_sealed_and_opens_it_in_its_name(
    seeded_store: Store, campaign: str
) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow:
        sealed_plans.open_plan(uow, campaign, now=OPENED_AT)
        uow.commit()
    _signed_in_as(seeded_store, "wang")
    with seeded_store.unit_of_work() as uow:
        [choice] = campaign_choices(uow)
        assert choice.sealed and [o.opened_by for o in choice.openings] == ["zhang"]
        sealed_plans.open_plan(uow, campaign)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert [o.opened_by for o in sealed_plans.openings(uow, campaign)] == ["zhang", "wang"]
        assert not campaign_choices(uow)[0].sealed


def test_a_laptop_that_never_signed_in_cannot_open_a_plan_and_nothing_is_written(
    seeded_store: Store, campaign: str
) -> None:
    with seeded_store.unit_of_work() as uow:
        with pytest.raises(ValidationFailed) as refused:
            sealed_plans.open_plan(uow, campaign)
        uow.commit()
    assert refused.value.code == "plan.not_signed_in"
    assert "请先登录并同步一次" in refused.value.zh
    assert _outbox(seeded_store) == []
    with seeded_store.unit_of_work() as uow:
        assert campaign_choices(uow)[0].sealed


def test_opening_an_unknown_campaign_is_refused(seeded_store: Store) -> None:
    _signed_in_as(seeded_store, "zhang")
    with seeded_store.unit_of_work() as uow, pytest.raises(NotFound):
        sealed_plans.open_plan(uow, "no-such-campaign")
    assert _outbox(seeded_store) == []


def test_a_campaign_without_planned_sites_has_nothing_to_seal(seeded_store: Store) -> None:
    with seeded_store.unit_of_work() as uow:
        create_campaign(
            uow,
            title="自选点位检查",
            template_id=reference_id("template", "window-service", "1"),
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 12, 31),
            planned_site_ids=[],
            team=["张明"],
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        [choice] = campaign_choices(uow)
    assert not choice.sealed and choice.planned_count == 0
