"""Sign in to the bureau's server: address, user, password; the token goes to the keyring.

The login runs on a network job; the dialog stays open with the reason in the
UI language when it fails (wrong password, locked out, unreachable, certificate).
Where the computer has no secure keyring the token is kept in memory for this
run only, and the dialog says so before it closes.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from inspector_app.domain.errors import DomainError
from inspector_app.protocol.auth import UserOut
from inspector_app.settings import Settings
from inspector_app.ui.errors import user_message
from inspector_app.ui.i18n import current_language
from inspector_app.ui.store_runner import NetworkTask, StoreRunner


@dataclass(frozen=True)
class SignedIn:
    server_url: str
    token: str
    user: UserOut
    keyring_problem: DomainError | None  # the token is then in memory only


def sign_in(settings: Settings, server_url: str, username: str, password: str) -> SignedIn:
    """The network job: log in, then keep the token in the OS keyring where there is one."""
    from inspector_app.sync import credentials
    from inspector_app.sync.api import ServerApi

    api = ServerApi(
        server_url,
        ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
        allow_plain_http=settings.allow_plain_http,
    )
    try:
        out = api.login(username, password, device=f"app@{socket.gethostname()}"[:100])
    finally:
        api.close()
    problem: DomainError | None = None
    try:
        credentials.save_token(out.user.username, api.server_url, out.token)
    except credentials.NoSecureKeyring as no_keyring:
        problem = no_keyring
    return SignedIn(api.server_url, out.token, out.user, problem)


class SignInDialog(QDialog):
    def __init__(
        self,
        runner: StoreRunner,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录同步服务器"))
        self.runner = runner
        self.settings = settings
        self.result_value: SignedIn | None = None
        self._task: NetworkTask | None = None
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.server = QLineEdit(settings.server_url)
        self.server.setPlaceholderText("https://")
        self.user = QLineEdit(settings.server_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("sign-in-error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(self.reason)
        form.addRow(self.tr("服务器地址"), self.server)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.resize(460, 0)
        (self.password if settings.server_user else self.user).setFocus()
        if not settings.server_url:
            self.server.setFocus()

    def accept(self) -> None:
        """Sign in on the network; the dialog closes only once the server said yes."""
        if self._task is not None:
            return
        url, name = self.server.text().strip(), self.user.text().strip()
        password = self.password.text()
        if not url or not name or not password:
            self._show_error(self.tr("请填写服务器地址、用户名和密码。"))
            return
        self._busy(True)
        settings = self.settings
        self._task = self.runner.network_job(
            lambda task: sign_in(settings, url, name, password),
            self._signed_in,
            self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.user, self.password, self.ok_button):
            widget.setEnabled(not busy)
        self.ok_button.setText(self.tr("正在登录…") if busy else self.tr("登录"))

    def _signed_in(self, result: SignedIn) -> None:
        if self._task is None:  # cancelled while the server answered
            return
        self._task = None
        self.result_value = result
        if result.keyring_problem is not None:
            QMessageBox.information(
                self,
                self.tr("登录状态未保存"),
                result.keyring_problem.message(current_language()),
            )
        super().accept()

    def _failed(self, error: Exception) -> None:
        if self._task is None:
            return
        self._task = None
        self._busy(False)
        self._show_error(user_message(error))
        self.password.setFocus()
        self.password.selectAll()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # the login's answer is dropped: nothing waits for it
            self._task = None
        super().reject()
