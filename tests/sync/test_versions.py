"""A server too old or too new for this app answers 426: the inspector reads why, and
nothing on the laptop changes (the outbox waits for a server that fits)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_app.store.models import OutboxEntry
from inspector_app.store.store import Store
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import sync_once
from inspector_app.sync.local import DirectStoreAccess
from tests.sync.conftest import ScriptedServer
from tests.sync.laptops import Laptop, record_problem

ME = json.dumps({"username": "zhang", "display_name": "", "role": "inspector", "team": "一组"})
TOO_OLD_APP = "客户端版本过旧，请升级检查软件。/ The app is too old for this server; update it."
TOO_OLD_SERVER = (
    "服务器版本过旧，请联系管理员升级服务器。/ "
    "The server is older than the app; ask the administrator to update it."
)


def _outbox(store: Store) -> list[tuple]:
    with store.unit_of_work() as uow:
        return [
            (e.mutation_id, e.state, e.base_rev)
            for e in uow.session.scalars(select(OutboxEntry).order_by(OutboxEntry.n))
        ]


@pytest.mark.parametrize(
    ("detail", "shown"),
    [(TOO_OLD_APP, "升级检查软件"), (TOO_OLD_SERVER, "升级服务器")],
    ids=["app too old", "server too old"],
)
def test_426_is_shown_and_nothing_on_the_laptop_changes(
    scripted_server: Callable[..., ScriptedServer], tmp_path: Path, detail: str, shown: str
) -> None:
    seed = Store.open(tmp_path / "seed")
    from inspector_app.services.reference_data import install_shipped

    with seed.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    record_problem(Laptop(seed, None), "窗口无人")  # type: ignore[arg-type]
    before = _outbox(seed)
    assert before
    server = scripted_server(
        [
            (200, {"Content-Type": "application/json"}, ME.encode()),
            (426, {"Content-Type": "application/json"}, json.dumps({"detail": detail}).encode()),
        ]
    )
    api = ServerApi(server.url, token="t")
    with pytest.raises(errors.VersionMismatch) as raised:
        sync_once(DirectStoreAccess(seed), api)
    assert shown in raised.value.zh and "Nothing on this laptop was changed" in raised.value.en
    after = _outbox(seed)
    # Only the batch's state moved (it went out once); ids, order and bases are kept.
    assert [(m, b) for m, _, b in after] == [(m, b) for m, _, b in before]
    with seed.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(OutboxEntry)) == len(before)
    seed.close()
