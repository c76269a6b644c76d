"""The record sheet's facts through the use cases: kept, synced, refused in words."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.services import inspections as ops
from inspector_app.services.record_facts import set_record_facts
from inspector_app.store.models import Inspection, OutboxEntry
from inspector_app.store.store import Store
from tests.builders import start_inspection


def _facts(store: Store, inspection_id: str) -> tuple[bool, str, dict]:
    with store.unit_of_work() as uow:
        row = uow.session.get(Inspection, inspection_id)
        return row.identity_shown, row.recorder, row.cert_nos


def test_a_new_inspection_names_its_first_member_recorder_and_nothing_revealed(
    seeded_store: Store,
) -> None:
    inspection_id = start_inspection(seeded_store, team=("张明", "李华"))
    assert _facts(seeded_store, inspection_id) == (False, "张明", {})


def test_facts_set_are_kept_and_go_to_the_outbox_for_the_server(seeded_store: Store) -> None:
    inspection_id = start_inspection(seeded_store, team=("张明", "李华"))
    with seeded_store.unit_of_work() as uow:
        set_record_facts(
            uow,
            inspection_id,
            identity_shown=True,
            recorder="李华",
            cert_nos={"张明": " 23010012 ", "李华": ""},
        )
        uow.commit()
    assert _facts(seeded_store, inspection_id) == (True, "李华", {"张明": "23010012"})
    with seeded_store.unit_of_work() as uow:
        sent = [
            e.fields
            for e in uow.session.scalars(
                select(OutboxEntry).where(OutboxEntry.record_id == inspection_id)
            )
        ]
    assert any(
        f.get("identity_shown") is True and f.get("cert_nos") == {"张明": "23010012"} for f in sent
    )


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        ({"cert_nos": {"张明": "2301 0012;"}}, "record.cert_invalid", "无效"),
        ({"cert_nos": {"张明": "1" * 41}}, "record.cert_invalid", "最多 40"),
        ({"cert_nos": {"王芳": "23010099"}}, "record.cert_not_in_team", "不是本次检查组成员"),
        ({"recorder": "王芳"}, "record.recorder_not_in_team", "请从检查组中选择"),
    ],
)
def test_bad_facts_are_refused_in_both_languages_and_change_nothing(
    seeded_store: Store, changes: dict, code: str, words: str
) -> None:
    inspection_id = start_inspection(seeded_store, team=("张明", "李华"))
    with seeded_store.unit_of_work() as uow:
        with pytest.raises(ValidationFailed) as refused:
            set_record_facts(uow, inspection_id, identity_shown=True, **changes)
        uow.commit()
    assert refused.value.code == code and words in refused.value.zh and refused.value.en
    assert _facts(seeded_store, inspection_id) == (False, "张明", {})


def test_a_submitted_inspections_facts_are_read_only(seeded_store: Store) -> None:
    inspection_id = start_inspection(seeded_store, team=("张明",))
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    with seeded_store.unit_of_work() as uow, pytest.raises(IllegalTransition):
        set_record_facts(uow, inspection_id, identity_shown=True)
    assert _facts(seeded_store, inspection_id)[0] is False
