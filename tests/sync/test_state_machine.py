"""Two laptops of one team, driven by hypothesis through any order of create, edit,
delete, add photo, sync, crash and cut link; after a final clean sync on both, both
hold the same records and photos as a laptop that only ever pulled."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy import select

from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.store.models import Finding, Photo
from inspector_app.store.store import Store
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import sync_once
from inspector_app.sync.local import DirectStoreAccess
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.fault_proxy import DROP_RESPONSE, RESET, FaultProxy
from tests.sync.laptops import (
    Laptop,
    blob_shas,
    dump,
    new_team,
    open_laptop,
    photo_file,
    record_problem,
)

SERVER: RunningServer | None = None
WORDS = st.text(alphabet="窗口无人值守导办叫号屏故障ab", min_size=1, max_size=12)
LAPTOP = st.integers(0, 1)
SEEDS = count(50_000)


class TwoLaptops(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        assert SERVER is not None
        self.folder = Path(tempfile.mkdtemp(prefix="two-laptops-"))
        self.users = new_team(SERVER)
        self.proxy = FaultProxy(int(SERVER.url.rsplit(":", 1)[1]))
        self.laptops = [self._open(n) for n in range(2)]
        for laptop in self.laptops:
            laptop.sync()

    def _open(self, n: int) -> Laptop:
        api = ServerApi(self.proxy.url, timeout=(5.0, 5.0))
        api.login(self.users[n], PASSWORD)
        return Laptop(Store.open(self.folder / f"laptop-{n}"), api)

    def _pick(self, n: int, model: type, index: int) -> str | None:
        with self.laptops[n].store.unit_of_work() as uow:
            ids = sorted(uow.session.scalars(select(model.id).where(model.deleted.is_(False))))
        return ids[index % len(ids)] if ids else None

    def _sync(self, n: int) -> None:
        # A cut the retries could not hide ends that sync; the next one continues.
        with contextlib.suppress(errors.ServerUnreachable):
            self.laptops[n].sync()

    @rule(n=LAPTOP, text=WORDS)
    def create(self, n: int, text: str) -> None:
        record_problem(self.laptops[n], text)

    @rule(n=LAPTOP, index=st.integers(0, 10_000), text=WORDS)
    def edit(self, n: int, index: int, text: str) -> None:
        finding = self._pick(n, Finding, index)
        if finding is not None:
            with self.laptops[n].store.unit_of_work() as uow:
                ops.update_finding(uow, finding, ops.FindingChanges(description=text))
                uow.commit()

    @rule(n=LAPTOP, index=st.integers(0, 10_000))
    def add_photo(self, n: int, index: int) -> None:
        finding = self._pick(n, Finding, index)
        if finding is not None:
            photo = photo_file(self.folder, "new.jpg", next(SEEDS))
            with self.laptops[n].store.unit_of_work() as uow:
                photo_ops.attach_photo(uow, uow.photos, finding, photo)
                uow.commit()

    @rule(n=LAPTOP, index=st.integers(0, 10_000))
    def delete_photo(self, n: int, index: int) -> None:
        photo = self._pick(n, Photo, index)
        if photo is not None:
            with self.laptops[n].store.unit_of_work() as uow:
                photo_ops.remove_photo(uow, photo)
                uow.commit()

    @rule(n=LAPTOP)
    def sync(self, n: int) -> None:
        self._sync(n)

    @rule(n=LAPTOP, steps=st.integers(0, 6))
    def crash(self, n: int, steps: int) -> None:
        """The app dies partway through a sync; it starts again on the same data dir."""
        calls = count()
        laptop = self.laptops[n]
        with contextlib.suppress(errors.SyncCancelled):
            sync_once(
                DirectStoreAccess(laptop.store),
                laptop.api,
                should_stop=lambda: next(calls) >= steps,
            )
        laptop.close()
        self.laptops[n] = self._open(n)

    @rule(n=LAPTOP, where=st.sampled_from(["push", "pull"]))
    def cut_link(self, n: int, where: str) -> None:
        if where == "push":
            self.proxy.fail_next(DROP_RESPONSE, when=lambda r: r.path.endswith("/sync/push"))
        else:
            self.proxy.fail_next(RESET, when=lambda r: r.path.endswith("/sync/changes"))
        self._sync(n)

    def teardown(self) -> None:
        try:
            self.proxy.close()
            self.proxy = FaultProxy(int(SERVER.url.rsplit(":", 1)[1]))  # type: ignore[union-attr]
            for laptop in self.laptops:
                laptop.api.close()
            self.laptops = [self._open(n) for n in range(2)]
            for laptop in [*self.laptops, *self.laptops]:
                laptop.sync()
            fresh = open_laptop(self.folder / "fresh", SERVER, self.users[2])  # type: ignore[arg-type]
            fresh.sync()
            theirs = dump(fresh)
            for laptop in self.laptops:
                assert dump(laptop) == theirs
                assert blob_shas(laptop) == blob_shas(fresh)
            for sha in blob_shas(fresh, live_only=True):
                assert fresh.store.photos.verify(sha)
            fresh.close()
        finally:
            for laptop in self.laptops:
                laptop.close()
            self.proxy.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def test_two_laptops_converge_whatever_happens(sync_server: RunningServer) -> None:
    global SERVER
    SERVER = sync_server
    run_state_machine_as_test(
        TwoLaptops,
        settings=settings(
            max_examples=8,
            stateful_step_count=10,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
