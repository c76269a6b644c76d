"""One sync: push the outbox, send missing photos, pull the server's changes, fetch
the photos they name. Every step is retryable and records its progress in the
store, so a cut link or a killed app loses nothing and the next sync continues.

A server restored from a backup answers 410 with a new epoch: the laptop then
queues every row it holds that the user may write as a full upsert (`reset`),
pushes them and pulls from 0 (SYNC.md G12); nothing unsynced is lost or doubled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.exc import OperationalError

from inspector_app.protocol.auth import UserOut
from inspector_app.store.folder_errors import DiskFull as StoreDiskFull
from inspector_app.store.folder_errors import is_disk_full
from inspector_app.store.schema_version import HEAD_REVISION
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.sync import blobs, errors, pull, push, refetch, reset, state
from inspector_app.sync.api import ServerApi
from inspector_app.sync.local import StoreAccess, Touched


@dataclass(frozen=True)
class SyncProgress:
    """What the app shows while a sync runs."""

    stage: str  # push, upload, pull, download
    records: int
    bytes: int


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    photos_uploaded: int = 0
    photos_downloaded: int = 0
    conflicts: int = 0
    rejected: int = 0
    photos_missing_on_server: int = 0
    photos_refused: int = 0  # the server would not take these bytes (status.overview lists why)
    bytes_up: int = 0
    bytes_down: int = 0
    reset: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self, lang: str = "zh_CN") -> str:
        if lang.startswith("en"):
            return (
                f"pushed {self.pushed}, pulled {self.pulled}, photos uploaded "
                f"{self.photos_uploaded}, conflicts {self.conflicts}, rejected {self.rejected}"
            )
        return (
            f"上传记录 {self.pushed}，下载记录 {self.pulled}，上传照片 {self.photos_uploaded}，"
            f"冲突 {self.conflicts}，被拒绝 {self.rejected}"
        )


class _Run:
    def __init__(
        self,
        access: StoreAccess,
        api: ServerApi,
        on_progress: Callable[[SyncProgress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.access, self.api = access, api
        self.on_progress = on_progress or (lambda progress: None)
        self.should_stop = should_stop or (lambda: False)
        self.report = SyncReport()
        self.records = 0
        self.bytes = 0

    def tick(self, stage: str, records: int = 0, sent: int = 0) -> None:
        if self.should_stop():
            raise errors.SyncCancelled()
        self.records += records
        self.bytes += sent
        self.on_progress(SyncProgress(stage, self.records, self.bytes))

    def steps(self, user: UserOut) -> None:
        local = self.access.write(lambda uow: (state.load(uow.session), Touched()))
        if local.server_url and local.server_url != self.api.server_url:
            # Another server: its cursor and revisions mean nothing here.
            self.access.write(lambda uow: reset.for_new_server(uow, user.role, ""))
            self.report.reset = True
            local = self.access.read(lambda uow: state.load(uow.session))
        pushed = push.push_all(
            self.access,
            self.api.push,
            client_id=local.client_id,
            epoch=local.epoch,
            on_batch=lambda n: self.tick("push", n),
        )
        self.report.pushed += pushed.pushed
        self.report.conflicts += pushed.conflicts
        self.report.rejected += pushed.rejected
        self.report.pulled += refetch.refetch_all(self.access, self.api.records, epoch=local.epoch)
        stats = blobs.BlobStats()
        self._upload(stats, frozenset(pushed.missing_blobs))
        pulled = pull.pull_all(
            self.access,
            lambda cursor, epoch: self.api.changes(
                cursor, limit=pull.PAGE, epoch=epoch, schema_version=int(HEAD_REVISION)
            ),
            cursor=local.cursor,
            epoch=local.epoch,
            on_page=lambda n: self.tick("pull", n),
        )
        self.report.pulled += pulled.pulled
        if pulled.missing_blobs:
            self.access.write(lambda uow: blobs.mark_missing(uow, pulled.missing_blobs))
            self._upload(stats)
        wanted = self.access.read(blobs.not_local)
        blobs.download(self.access, self.api, wanted, stats, lambda n: self.tick("download", 0, n))
        self.report.photos_uploaded += stats.uploaded
        self.report.photos_downloaded += stats.downloaded
        self.report.photos_missing_on_server += stats.missing_on_server
        self.report.photos_refused += stats.refused
        self.report.bytes_up += stats.bytes_up
        self.report.bytes_down += stats.bytes_down
        self.access.write(lambda uow: _finished(uow, self.api, user))

    def _upload(self, stats: blobs.BlobStats, known_missing: frozenset[str] = frozenset()) -> None:
        """`known_missing`: the push reply named these, so no HEAD is needed first."""
        waiting = self.access.read(blobs.not_uploaded)
        if waiting:
            blobs.upload(
                self.access,
                self.api,
                waiting,
                stats,
                lambda n: self.tick("upload", 0, n),
                known_missing,
            )


def _finished(uow: UnitOfWork, api: ServerApi, user: UserOut) -> tuple[None, Touched]:
    """Records the sync by the server's clock: a laptop clock set to 2001 or 2040 would
    otherwise print a wrong "last synced"; how far the laptop is off is kept to warn."""
    now = utc_now()
    finished_at = api.server_time or now
    state.put(uow.session, "last_sync_at", finished_at.isoformat())
    state.put(uow.session, "clock_skew_s", str(round((now - finished_at).total_seconds())))
    state.put(uow.session, "server_url", api.server_url)
    state.put(uow.session, "username", user.username)
    # Who this folder is to the server, for the desk's pages offline (services/review.py).
    state.put(uow.session, "role", user.role)
    state.put(uow.session, "team", user.team)
    return None, Touched()


def sync_once(
    access: StoreAccess,
    api: ServerApi,
    *,
    on_progress: Callable[[SyncProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SyncReport:
    """One full sync; raises a `SyncError` that says what stopped it."""
    run = _Run(access, api, on_progress, should_stop)
    user = api.me()
    with _disk_full_is_said():
        try:
            run.steps(user)
        except errors.ResetRequired as gone:
            epoch = gone.epoch
            access.write(lambda uow: reset.for_new_server(uow, user.role, epoch))
            run.report.reset = True
            run.steps(user)
    return run.report


@contextmanager
def _disk_full_is_said() -> Iterator[None]:
    """A full disk fails a page's commit (SQLite) or a photo's write (ENOSPC): either way
    the transaction rolled back, so the inspector reads "disk full, the sync stopped,
    nothing lost" (the store's own wording speaks of an edit that was not saved)."""
    try:
        yield
    except StoreDiskFull as full:
        raise errors.DiskFull() from full
    except (OperationalError, OSError) as exc:
        if is_disk_full(exc):
            raise errors.DiskFull(str(exc)) from exc
        raise
