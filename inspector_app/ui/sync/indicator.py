"""The status bar's sync corner: last sync, what waits, what needs the user, who is signed in.

Redrawn from `status.overview` after every store change (debounced: a pull
commits many pages), and from the controller when the account is known.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from inspector_app.domain import bureau_time
from inspector_app.protocol.auth import UserOut
from inspector_app.sync.status import SyncOverview
from inspector_app.ui.operations import sync as sync_ops
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.sync.progress import STATUS_ROW
from inspector_app.ui.widgets import shows_user_data


def role_label(role: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        "inspector": translate("SyncIndicator", "检查人员"),
        "supervisor": translate("SyncIndicator", "科室负责人"),
        "admin": translate("SyncIndicator", "管理员"),
    }
    return labels.get(role, role)


CLOCK_SKEW_WARNING_S = 10 * 60


def skew_text(seconds: int) -> str:
    """ "3 小时" / "12 天": how far the laptop clock is off, in a unit a person reads."""
    translate = QCoreApplication.translate
    seconds = abs(seconds)
    if seconds >= 2 * 86400:
        return translate("SyncIndicator", "{0} 天").format(seconds // 86400)
    if seconds >= 2 * 3600:
        return translate("SyncIndicator", "{0} 小时").format(seconds // 3600)
    return translate("SyncIndicator", "{0} 分钟").format(seconds // 60)


class SyncIndicator(QWidget):
    conflicts_requested = Signal()
    overview_shown = Signal(object)  # SyncOverview

    def __init__(self, runner: StoreRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync-indicator")
        self.runner = runner
        self.overview: SyncOverview | None = None
        self.account: UserOut | None = None
        self.last_sync = QLabel(self.tr("尚未同步"))
        self.pending = QLabel()
        self.problems = QPushButton()
        self.problems.setFlat(True)
        self.problems.setStyleSheet("color: #b00020; font-weight: bold; padding: 0 4px")
        self.problems.setMaximumHeight(STATUS_ROW)
        self.problems.setToolTip(self.tr("查看并处理同步冲突"))
        self.problems.hide()
        self.clock_warning = QLabel()
        self.clock_warning.setStyleSheet("color: #b00020")
        self.clock_warning.hide()
        self.signed_in = QLabel(self.tr("未登录"))
        self.account_name = shows_user_data(QLabel())  # the account's name and team
        self.account_name.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        for widget in (
            self.last_sync,
            self.pending,
            self.problems,
            self.clock_warning,
            self.signed_in,
            self.account_name,
        ):
            layout.addWidget(widget)
        self.problems.clicked.connect(self.conflicts_requested)
        self._soon = QTimer(self, singleShot=True, interval=200)
        self._soon.timeout.connect(self.refresh)
        runner.changed.connect(lambda changes, initiator: self._soon.start())

    def refresh(self) -> None:
        self.runner.read(sync_ops.overview, self.show_overview)

    def show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        if overview.last_sync_at is None:
            self.last_sync.setText(self.tr("尚未同步"))
        else:
            shown = f"{bureau_time.local(overview.last_sync_at):%m-%d %H:%M}"
            self.last_sync.setText(self.tr("上次同步 {0}").format(shown))
        text = self.tr("待同步 {0}").format(overview.pending)
        if overview.photos_waiting:
            text += self.tr("（照片 {0}）").format(overview.photos_waiting)
        self.pending.setText(text)
        parts = []
        if overview.conflicts:
            parts.append(self.tr("冲突 {0}").format(overview.conflicts))
        if overview.rejected:
            parts.append(self.tr("被拒绝 {0}").format(overview.rejected))
        self.problems.setText(" · ".join(parts))
        self.problems.setVisible(bool(parts))
        off = abs(overview.clock_skew_s) >= CLOCK_SKEW_WARNING_S
        self.clock_warning.setVisible(off)
        if off:
            self.clock_warning.setText(
                self.tr("本机时钟与服务器相差 {0}").format(skew_text(overview.clock_skew_s))
            )
            self.clock_warning.setToolTip(
                self.tr(
                    "请校准本机日期和时间。同步顺序以服务器为准，不受影响；"
                    "本机记录的拍照和修改时间按本机时钟保存。"
                )
            )
        self.overview_shown.emit(overview)

    def show_kept_sign_in(self, username: str) -> None:
        """Signed in on an earlier day: the keyring holds the token, /me is not asked yet."""
        self.signed_in.setText(self.tr("已保存登录：{0}").format(username))
        self.signed_in.setToolTip(self.tr("下次同步无需再输入密码。"))

    def show_account(self, account: UserOut | None) -> None:
        self.account = account
        self.signed_in.setToolTip("")
        self.account_name.setVisible(account is not None)
        if account is None:
            self.signed_in.setText(self.tr("未登录"))
            return
        self.signed_in.setText(self.tr("已登录（{0}）：").format(role_label(account.role)))
        who = account.display_name or account.username
        self.account_name.setText(f"{who} · {account.team}" if account.team else who)
