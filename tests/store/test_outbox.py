"""An edit and its outbox entry are both present or both absent."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from inspector_app.store import outbox
from inspector_app.store.models import OutboxEntry, Unit
from inspector_app.store.outbox import HardDeleteForbidden
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork


def _outbox(store: Store) -> list[OutboxEntry]:
    with store.unit_of_work() as uow:
        return list(uow.session.scalars(select(OutboxEntry).order_by(OutboxEntry.n)))


def _units(store: Store) -> int:
    with store.unit_of_work() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Unit)) or 0)


def test_insert_commits_with_an_outbox_entry_of_all_fields(store: Store) -> None:
    with store.unit_of_work() as uow:
        unit = Unit(code="city-hrss", name="伊春市人力资源和社会保障局")
        uow.session.add(unit)
        uow.commit()
    [entry] = _outbox(store)
    assert entry.entity == "unit" and entry.record_id == unit.id
    assert entry.fields["name"] == "伊春市人力资源和社会保障局"
    assert entry.fields["id"] == unit.id
    assert entry.base_rev is None and entry.deleted is False and entry.state == "pending"


def _mark_all_inflight(store: Store) -> None:
    with store.unit_of_work() as uow:
        for entry in uow.session.scalars(select(OutboxEntry)):
            entry.state = "inflight"
        uow.commit()


def test_update_records_only_the_changed_fields_and_the_base_revision(store: Store) -> None:
    with store.unit_of_work() as uow:
        unit = Unit(code="u1", name="旧名称", server_rev=41)
        uow.session.add(unit)
        uow.commit()
    _mark_all_inflight(store)  # the insert is being pushed; later edits are new mutations
    with store.unit_of_work() as uow:
        uow.session.get(Unit, unit.id).name = "新名称"
        uow.commit()
    entry = _outbox(store)[-1]
    assert set(entry.fields) == {"name", "updated_at"}
    assert entry.fields["name"] == "新名称"
    assert entry.base_rev == 41


def test_edits_coalesce_into_the_pending_entry_until_it_is_in_flight(store: Store) -> None:
    with store.unit_of_work() as uow:
        unit = Unit(code="c1", name="甲")
        uow.session.add(unit)
        uow.commit()
    for name in ("甲乙", "甲乙丙"):
        with store.unit_of_work() as uow:
            uow.session.get(Unit, unit.id).name = name
            uow.commit()
    [entry] = _outbox(store)
    assert entry.fields["name"] == "甲乙丙" and entry.fields["code"] == "c1"
    _mark_all_inflight(store)
    with store.unit_of_work() as uow:
        uow.session.get(Unit, unit.id).short_name = "简称"
        uow.commit()
    first, second = _outbox(store)
    assert first.fields["name"] == "甲乙丙" and first.state == "inflight"
    assert set(second.fields) == {"short_name", "updated_at"}


def test_rolled_back_edit_leaves_neither_row_nor_outbox_entry(store: Store) -> None:
    with store.unit_of_work() as uow:
        uow.session.add(Unit(code="u2", name="未提交"))
        uow.session.flush()  # the outbox row exists inside the transaction…
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == 1
        # …and leaving without commit rolls both back
    assert _units(store) == 0
    assert _outbox(store) == []


def test_failure_after_flush_rolls_back_both(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        uow.session.add(Unit(code="u3", name="中途出错"))
        uow.session.flush()
        raise RuntimeError("power cut in the middle of the action")
    assert _units(store) == 0
    assert _outbox(store) == []


def test_failed_commit_keeps_neither(store: Store) -> None:
    with store.unit_of_work() as uow:
        uow.session.add(Unit(code="dup", name="第一"))
        uow.commit()
    with pytest.raises(Exception), store.unit_of_work() as uow:  # noqa: B017 - IntegrityError
        uow.session.add(Unit(code="dup", name="重复编码"))
        uow.commit()
    assert _units(store) == 1
    assert len(_outbox(store)) == 1


def test_tombstone_is_an_outbox_entry_and_hard_delete_is_refused(store: Store) -> None:
    with store.unit_of_work() as uow:
        unit = Unit(code="u4", name="待删除")
        uow.session.add(unit)
        uow.commit()
    _mark_all_inflight(store)
    with store.unit_of_work() as uow:
        uow.session.get(Unit, unit.id).deleted = True
        uow.commit()
    assert _outbox(store)[-1].deleted is True
    assert len(_outbox(store)) == 2
    with pytest.raises(HardDeleteForbidden), store.unit_of_work() as uow:
        uow.session.delete(uow.session.get(Unit, unit.id))
        uow.commit()
    assert _units(store) == 1


def test_changes_pulled_from_the_server_bypass_the_outbox(store: Store) -> None:
    with store.unit_of_work(suppress_outbox=True) as uow:
        uow.session.add(Unit(code="u5", name="服务器下发", server_rev=7))
        uow.commit()
    assert _units(store) == 1
    assert _outbox(store) == []


def test_outbox_hlc_stamps_increase(store: Store) -> None:
    with store.unit_of_work() as uow:
        for n in range(20):
            uow.session.add(Unit(code=f"h{n}", name="x"))
            uow.session.flush()
        uow.commit()
    stamps = [e.hlc for e in _outbox(store)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_a_suppressed_unit_of_work_records_edits_and_deletes_without_outbox(store: Store) -> None:
    """Applying pulled changes: updates and tombstones land, nothing is queued to send back."""
    with store.unit_of_work(suppress_outbox=True) as uow:
        unit = Unit(code="u6", name="服务器下发", server_rev=3)
        uow.session.add(unit)
        uow.commit()
    with store.unit_of_work(suppress_outbox=True) as uow:
        pulled = uow.session.get(Unit, unit.id)
        pulled.name, pulled.deleted = "服务器改名", True
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.session.get(Unit, unit.id).name == "服务器改名"
    assert _outbox(store) == []


def test_the_outbox_listens_to_this_store_only(store: Store) -> None:
    """A session not made by the store's sessionmaker (here: a bare Session) writes no outbox."""
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        session.add(Unit(code="u7", name="旁路写入"))
        session.commit()
    assert _units(store) == 1
    assert _outbox(store) == []
    with store.unit_of_work() as uow:
        assert uow.photos is store.photos  # the unit of work carries the photo store


def test_a_sessionmaker_at_a_collected_ones_address_still_gets_the_outbox(store: Store) -> None:
    """Every store opened in the process queues its edits, however many came and went.

    SQLAlchemy's event registry remembers a listener by id() of the session
    class a sessionmaker makes, and keeps that entry after the class is
    collected; CPython soon hands the same address to the next one. A "listen
    unless already listening" guard in `install` then skipped the new store,
    which silently wrote no outbox rows (an order-dependent failure in the full
    run). Each round here is one `Store.open`'s sessionmaker + `install`.
    """
    addresses: set[int] = set()
    reused = False
    for n in range(40):
        sessions = sessionmaker(store.engine, expire_on_commit=False)
        outbox.install(sessions)
        reused = reused or id(sessions.class_) in addresses
        addresses.add(id(sessions.class_))
        with UnitOfWork(sessions) as uow:
            uow.session.add(Unit(code=f"s{n}", name="每个库"))
            uow.commit()
        assert len(_outbox(store)) == n + 1, f"round {n}: no outbox row"
        del sessions, uow
        gc.collect()
    assert reused  # the address was handed on at least once: the case that broke


def test_a_submit_after_findings_is_queued_after_them_not_merged_into_the_create(
    seeded_store: Store,
) -> None:
    """Recorded and submitted offline: the server must get the findings before the submit,
    which refuses any later change to the inspection's findings."""
    from inspector_app.services import inspections as ops
    from tests.builders import start_with_a_problem

    inspection_id, finding_id = start_with_a_problem(
        seeded_store, "3号窗口无人在岗", item_code="C1"
    )
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    entries = _outbox(seeded_store)
    mine = [(e.n, e.fields.get("status")) for e in entries if e.record_id == inspection_id]
    assert [status for _, status in mine] == ["draft", "submitted"]
    finding_n = next(e.n for e in entries if e.record_id == finding_id)
    assert mine[0][0] < finding_n < mine[1][0]


def test_each_step_of_a_lifecycle_stays_its_own_entry_even_with_nothing_queued_between(
    seeded_store: Store,
) -> None:
    """submitted, then returned: merged, the server would see draft → returned, which the
    lifecycle does not allow; each step is checked as one transition."""
    from inspector_app.services import inspections as ops
    from tests.builders import start_with_a_problem

    inspection_id, _ = start_with_a_problem(seeded_store, "3号窗口无人在岗", item_code="C1")
    with seeded_store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        ops.review_inspection(uow, inspection_id, approve=False, comment="请补充照片")
        uow.commit()
    mine = [e for e in _outbox(seeded_store) if e.record_id == inspection_id]
    assert [e.fields.get("status") for e in mine] == ["draft", "submitted", "returned"]
    assert mine[-1].fields["review_comment"] == "请补充照片"
