"""`inspector-app review approve|return` as a supervisor runs it, between two real syncs.

The inspector's laptop records and syncs through the library; the supervisor's folder
only ever sees the command line: `sync`, `review`, `sync`."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import inspections as ops
from inspector_app.store.models import Inspection, OutboxEntry
from inspector_app.store.store import Store
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.laptops import open_laptop, photo_file, record_problem

pytestmark = pytest.mark.parametrize("sync_server", ["sqlite"], indirect=True)


def app(data_dir: Path, config: Path, *args: str, password: bool = False):
    return subprocess.run(
        [sys.executable, "-m", "inspector_app", *args, "--data-dir", str(data_dir)],
        input=PASSWORD + "\n" if password else None,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "INSPECTOR_CONFIG_DIR": str(config),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )


def sync(server: RunningServer, data_dir: Path, config: Path, user: str):
    done = app(
        data_dir,
        config,
        "sync",
        "--server",
        server.url,
        "--user",
        user,
        "--password-stdin",
        password=True,
    )
    assert done.returncode == 0, done.stderr
    return done


def stored(data_dir: Path) -> dict[str, tuple[InspectionStatus, str, int]]:
    """Each inspection's status, comment and pending outbox entries."""
    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:
            pending = list(uow.session.scalars(select(OutboxEntry.record_id)))
            return {
                i.id: (i.status, i.review_comment, pending.count(i.id))
                for i in uow.session.scalars(select(Inspection))
            }
    finally:
        store.close()


def test_a_supervisor_reviews_from_the_command_line_and_refusals_change_nothing(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    team = f"组-{uuid.uuid4().hex[:8]}"
    inspector, supervisor = f"i{uuid.uuid4().hex[:8]}", f"s{uuid.uuid4().hex[:8]}"
    sync_server.add_user(inspector, "inspector", team)
    sync_server.add_user(supervisor, "supervisor", team)
    laptop = open_laptop(tmp_path / "inspector", sync_server, inspector)
    laptop.sync()
    waiting = []
    for n, text in enumerate(("3号窗口无人在岗", "大厅无导办人员")):
        inspection_id, _ = record_problem(laptop, text, photo_file(tmp_path, f"{n}.jpg", n))
        with laptop.store.unit_of_work() as uow:
            ops.submit_inspection(uow, inspection_id)
            uow.commit()
        waiting.append(inspection_id)
    assert laptop.sync().rejected == 0
    first, second = waiting

    desk, config = tmp_path / "desk", tmp_path / "config"
    sync(sync_server, desk, config, supervisor)
    before = stored(desk)

    refused = app(desk, config, "review", "return", first)
    assert refused.returncode == 2
    assert "退回时必须填写退回意见" in refused.stderr and "needs a comment" in refused.stderr
    unknown = app(desk, config, "review", "approve", "no-such-inspection")
    assert unknown.returncode == 2 and "no-such-inspection" in unknown.stderr
    assert stored(desk) == before

    returned = app(desk, config, "review", "return", first, "--comment", "请补拍导办台照片")
    assert returned.returncode == 0, returned.stderr
    assert "已退回" in returned.stdout and "Returned" in returned.stdout
    after_return = stored(desk)
    again = app(desk, config, "review", "approve", first)  # returned: not for approval now
    assert again.returncode == 2
    assert "不能执行“审核通过”" in again.stderr and "Cannot approve" in again.stderr
    assert stored(desk) == after_return
    approved = app(desk, config, "review", "approve", second)
    assert approved.returncode == 0, approved.stderr
    assert stored(desk)[first][:2] == (InspectionStatus.RETURNED, "请补拍导办台照片")
    assert stored(desk)[second][0] == InspectionStatus.APPROVED

    pushed = sync(sync_server, desk, config, supervisor)  # exit 0: nothing refused
    assert "被拒绝 0" in pushed.stdout and "上传记录 2" in pushed.stdout
    laptop.sync()
    with laptop.store.unit_of_work() as uow:
        got = {i: uow.session.get(Inspection, i) for i in waiting}
        assert (got[first].status, got[first].review_comment) == (
            InspectionStatus.RETURNED,
            "请补拍导办台照片",
        )
        assert got[second].status == InspectionStatus.APPROVED
    laptop.close()

    # The inspector's own folder, synced from the command line, may not review.
    mine = tmp_path / "mine"
    sync(sync_server, mine, config, inspector)
    state = stored(mine)
    assert state[first][0] == InspectionStatus.RETURNED
    nope = app(mine, config, "review", "return", first, "--comment", "自己退回")
    assert nope.returncode == 2 and "只有科室负责人" in nope.stderr
    assert stored(mine) == state
