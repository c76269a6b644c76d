"""The 同步 button and what follows it: token, sign-in, the run, its end, sign-out.

The token comes from memory, else the OS keyring, else the sign-in dialog. A
sync runs `sync_once` on a network job through `RunnerStoreAccess`; a token the
server no longer accepts is forgotten and the user signs in once more. The UI
never touches the outbox: what it shows comes from `status` reads.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QToolBar

from inspector_app.domain.errors import DomainError
from inspector_app.protocol.auth import UserOut
from inspector_app.settings import Settings, save_settings
from inspector_app.ui.errors import show_error, user_message
from inspector_app.ui.i18n import current_language
from inspector_app.ui.store_runner import NetworkTask, StoreRunner
from inspector_app.ui.sync.indicator import SyncIndicator
from inspector_app.ui.sync.progress import SyncProgress

if TYPE_CHECKING:
    from inspector_app.sync.api import ServerApi
    from inspector_app.sync.engine import SyncReport
    from inspector_app.sync.status import SyncOverview
    from inspector_app.ui.main_window import MainWindow

AUTO_SYNC_MS = 5 * 60 * 1000


@dataclass(frozen=True)
class SyncDone:
    report: SyncReport
    user: UserOut
    token: str


def make_api(settings: Settings, server_url: str, token: str | None) -> ServerApi:
    from inspector_app.sync.api import ServerApi

    return ServerApi(
        server_url,
        token=token,
        ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
        allow_plain_http=settings.allow_plain_http,
    )


def run_sync(
    task: NetworkTask, runner: StoreRunner, settings: Settings, token: str | None
) -> SyncDone:
    """The network job: the kept token if none in memory, who we are, then one sync."""
    from inspector_app.sync import credentials, errors
    from inspector_app.sync.engine import sync_once
    from inspector_app.ui.sync.access import RunnerStoreAccess

    url, user = settings.server_url, settings.server_user
    if not token and user and url:
        token = credentials.load_token(user, url)
    if not token:
        raise errors.SignInRequired()
    api = make_api(settings, url, token)
    try:
        account = api.me()
        report = sync_once(
            RunnerStoreAccess(runner),
            api,
            on_progress=lambda progress: task.report(progress.records, progress.bytes),
            should_stop=lambda: task.cancelled,
        )
    finally:
        api.close()
    return SyncDone(report, account, token)


def sign_out(settings: Settings, token: str | None) -> None:
    """The network job: revoke the token on the server (if it answers), forget it here."""
    from inspector_app.sync import credentials, errors

    url, user = settings.server_url, settings.server_user
    token = token or (credentials.load_token(user, url) if user and url else None)
    try:
        if token and url:
            api = make_api(settings, url, token)
            try:
                api.logout()
            finally:
                api.close()
    except errors.SyncError:
        pass  # unreachable or already expired: forgetting it here is what counts
    finally:
        if user and url:
            credentials.forget_token(user, url)


class SyncController(QObject):
    finished = Signal()  # a sync ended (any way): pages reread what they show
    account_changed = Signal(object)  # the UserOut that /me or the sign-in named

    def __init__(self, window: MainWindow, runner: StoreRunner, toolbar: QToolBar) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.token: str | None = None  # the session's token (the keyring keeps a copy)
        self.account: UserOut | None = None
        self._task: NetworkTask | None = None
        self._rejected_only = False  # the status bar's count stands for refused changes only
        self.sync_action = QAction(self, text=self.tr("同步"))
        self.sync_action.setToolTip(self.tr("与单位服务器交换记录和照片"))
        self.conflicts_action = QAction(self, text=self.tr("冲突"))
        self.conflicts_action.setVisible(False)
        self.rejected_action = QAction(self, text=self.tr("被拒绝的修改"))
        self.rejected_action.setVisible(False)
        self.sign_out_action = QAction(self, text=self.tr("退出登录"))
        actions = (self.sync_action, self.conflicts_action, self.rejected_action)
        for action in (*actions, self.sign_out_action):
            toolbar.addAction(action)
        self.indicator = SyncIndicator(runner)
        self.progress = SyncProgress()
        bar = window.statusBar()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.indicator)
        self.sync_action.triggered.connect(lambda: self.sync())
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.rejected_action.triggered.connect(self.show_rejected)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.indicator.conflicts_requested.connect(self.show_conflicts)
        self.indicator.overview_shown.connect(self._overview_shown)
        self.progress.cancel_requested.connect(self.cancel)
        self.auto_timer = QTimer(self, interval=AUTO_SYNC_MS)
        self.auto_timer.timeout.connect(lambda: self.sync(quiet=True))
        self.settings_changed(window.settings)
        self.indicator.refresh()
        self._show_kept_sign_in(window.settings)

    def _show_kept_sign_in(self, settings: Settings) -> None:
        """A token kept in the keyring means the next sync needs no password: say so at
        start, without asking the server (the laptop talks only when the user syncs)."""
        from inspector_app.sync import credentials

        url, user = settings.server_url, settings.server_user
        if not (url and user):
            return

        def shown(kept: bool) -> None:
            if kept and self.account is None and self.token is None:
                self.indicator.show_kept_sign_in(user)

        self.runner.network_job(
            lambda task: credentials.load_token(user, url) is not None, shown, lambda error: None
        )

    # --- running a sync ---

    @property
    def running(self) -> bool:
        return self._task is not None

    def sync(self, *, quiet: bool = False, retry: bool = True) -> None:
        """`quiet` (the timer): never ask for a password, say nothing unless it matters."""
        if self._task is not None:
            return
        settings = self.window.settings
        if not settings.server_url or not (self.token or settings.server_user):
            if not quiet:
                self._sign_in_then_sync(retry=False)
            return
        self.sync_action.setEnabled(False)
        self.progress.start()
        self.indicator.last_sync.setToolTip("")
        token = self.token
        runner = self.runner
        self._task = self.runner.network_job(
            lambda task: run_sync(task, runner, settings, token),
            self._done,
            lambda error: self._failed(error, quiet=quiet, retry=retry),
            self.progress.update_progress,
        )

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _ended(self) -> None:
        self._task = None
        self.progress.hide()
        self.sync_action.setEnabled(True)
        self.indicator.refresh()
        self.finished.emit()

    def _done(self, done: SyncDone) -> None:
        self.token = done.token
        self.account = done.user
        self.indicator.show_account(done.user)
        self.account_changed.emit(done.user)
        self._ended()
        report = done.report
        self.indicator.last_sync.setToolTip(report.summary(current_language()))
        text = self.tr("同步完成：上传 {0}，下载 {1}").format(report.pushed, report.pulled)
        self.progress.finish(text, 10_000)
        self.settings_changed(self.window.settings)

    def _failed(self, error: Exception, *, quiet: bool, retry: bool) -> None:
        from inspector_app.sync import errors

        self._ended()
        if isinstance(error, errors.SyncCancelled):
            self.progress.finish(user_message(error))
        elif isinstance(error, errors.SignInRequired):
            self._forget(self.window.settings)
            if not quiet and retry:
                self._sign_in_then_sync(retry=False, reason=user_message(error))
        elif quiet:
            self.progress.finish(user_message(error))
        elif isinstance(error, DomainError):
            QMessageBox.warning(self.window, self.tr("同步未完成"), user_message(error))
        else:
            show_error(self.window, error)

    def _forget(self, settings: Settings) -> None:
        from inspector_app.sync import credentials

        self.token = None
        self.account = None
        self.indicator.show_account(None)
        self.auto_timer.stop()
        url, user = settings.server_url, settings.server_user
        if url and user:
            self.runner.network_job(lambda task: credentials.forget_token(user, url))

    # --- signing in and out ---

    def sign_in(self, reason: str = "") -> bool:
        """The sign-in dialog; on success the token is this session's and the account shown."""
        from inspector_app.ui.sync.sign_in_dialog import SignInDialog

        dialog = SignInDialog(self.runner, self.window.settings, self.window, reason=reason)
        if dialog.exec() != SignInDialog.DialogCode.Accepted or dialog.result_value is None:
            return False
        signed = dialog.result_value
        self.token = signed.token
        self.account = signed.user
        self.indicator.show_account(signed.user)
        self.account_changed.emit(signed.user)
        new = replace(
            self.window.settings, server_url=signed.server_url, server_user=signed.user.username
        )
        try:
            save_settings(new)
        except OSError as error:
            show_error(self.window, error)
        self.window.settings = new
        self.settings_changed(new)
        return True

    def _sign_in_then_sync(self, *, retry: bool, reason: str = "") -> None:
        if self.sign_in(reason):
            self.sync(retry=retry)

    def sign_out(self) -> None:
        settings, token = self.window.settings, self.token
        self.token = None
        self.account = None
        self.auto_timer.stop()
        self.indicator.show_account(None)
        self.runner.network_job(
            lambda task: sign_out(settings, token),
            lambda _: self.progress.finish(self.tr("已退出登录。"), 8000),
            lambda error: show_error(self.window, error),
        )

    # --- settings and conflicts ---

    def settings_changed(self, settings: Settings) -> None:
        """Auto-sync runs every five minutes while it is on and a session is signed in."""
        if settings.auto_sync and self.token:
            if not self.auto_timer.isActive():
                self.auto_timer.start()
        else:
            self.auto_timer.stop()

    def _overview_shown(self, overview: SyncOverview) -> None:
        self.conflicts_action.setVisible(overview.conflicts > 0)
        self.rejected_action.setVisible(overview.rejected > 0)
        self._rejected_only = overview.rejected > 0 and not overview.conflicts

    def show_rejected(self) -> None:
        from inspector_app.ui.sync.rejected_dialog import RejectedDialog

        RejectedDialog(self.runner, self.window).exec()
        self.indicator.refresh()

    def show_conflicts(self) -> None:
        """The status bar's count opens what it counts: conflicts, else refused changes."""
        if self._rejected_only:
            self.show_rejected()
            return
        from inspector_app.ui.sync.conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.runner, self.window)
        dialog.exec()
        self.indicator.refresh()
