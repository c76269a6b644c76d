"""签发, the issued file (打印 / 另存, 副本 if asked) and 撤销文号 for the notice shown.

签发 and withdrawal need the server: they run as service jobs with the server the 同步
button reaches (the window's settings and the session's token, else the keyring's).
Offline the service refuses before anything changes and the clerk is told why. A
token the server no longer accepts asks for a sign-in once, then tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from inspector_app.domain.notice import NoticeStatus
from inspector_app.services.issuing import Issued
from inspector_app.services.notice_desk import NoticeDetail
from inspector_app.settings import Settings, load_settings
from inspector_app.ui.errors import user_message
from inspector_app.ui.operations import notices as ops
from inspector_app.ui.store_runner import StoreRunner

if TYPE_CHECKING:
    from inspector_app.ui.runner.document_preview import DocumentPreview


class NoticeActions(QWidget):
    issued = Signal(object)  # Issued
    said = Signal(str, bool)  # a sentence for the page, whether it is a refusal

    def __init__(self, runner: StoreRunner) -> None:
        super().__init__()
        self.runner = runner
        self.detail: NoticeDetail | None = None
        self.preview: DocumentPreview | None = None  # the issued file, open beside the page
        self.issue_button = QPushButton(self.tr("签发…"))
        self.issue_button.setObjectName("notice-issue")
        self.issue_button.setToolTip(self.tr("由服务器编排文号，生成正式文本并冻结（需联网）"))
        self.print_button = QPushButton(self.tr("打印 / 另存 PDF…"))
        self.print_button.setObjectName("notice-print")
        self.print_button.setToolTip(self.tr("签发时冻结的正式文本，逐字节相同"))
        self.copy_box = QCheckBox(self.tr("副本"))
        self.copy_box.setToolTip(self.tr("每页右上角加印“副本”字样；签发文本本身不变"))
        self.withdraw_button = QPushButton(self.tr("撤销文号…"))
        self.withdraw_button.setObjectName("notice-withdraw")
        self.withdraw_button.setToolTip(self.tr("在服务器登记撤销（需联网），该文号不再使用"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.withdraw_button)
        layout.addStretch(1)
        layout.addWidget(self.copy_box)
        layout.addWidget(self.print_button)
        layout.addWidget(self.issue_button)
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self.open_issued)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.show_detail(None)

    def show_detail(self, detail: NoticeDetail | None) -> None:
        self.detail = detail
        status = detail.row.status if detail else None
        self.issue_button.setVisible(status == NoticeStatus.DRAFT)
        has_file = detail is not None and detail.frozen and status != NoticeStatus.DRAFT
        self.print_button.setVisible(has_file)
        self.copy_box.setVisible(has_file)
        self.withdraw_button.setVisible(detail is not None and detail.row.number is not None)
        self.setEnabled(True)

    # --- the server's: 签发 and 撤销文号 ---

    def issue(self) -> None:
        detail = self.detail
        if detail is None:
            return
        asked = QMessageBox.question(
            self,
            self.tr("签发通知书"),
            self.tr(
                "确认签发致“{0}”的整改通知书？\n\n服务器将编排文号，以今天为成文日期生成"
                "正式文本并冻结，签发后不能再修改。"
            ).format(detail.row.unit),
        )
        if asked != QMessageBox.StandardButton.Yes:
            return
        notice_id = detail.row.id
        self._online(
            lambda settings, token: ops.issue(notice_id=notice_id, settings=settings, token=token),
            self._issued,
            self.tr("正在签发…"),
        )

    def _issued(self, done: Issued) -> None:
        text = self.tr("已签发：{0}（成文日期 {1:%Y-%m-%d}）。").format(done.number, done.issued_on)
        if not done.pushed:
            text += self.tr("状态变更将在下次同步时上传。")
        self.said.emit(text, False)
        self.issued.emit(done)

    def withdraw(self) -> None:
        detail = self.detail
        if detail is None or detail.row.number is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("撤销文号"),
            self.tr("撤销文号 {0}：请写明理由（至少4个字）。撤销后该文号不再使用。").format(
                detail.row.number
            ),
            QLineEdit.EchoMode.Normal,
        )
        if not ok:
            return
        notice_id = detail.row.id
        self._online(
            lambda settings, token: ops.withdraw(
                notice_id=notice_id, reason=reason, settings=settings, token=token
            ),
            lambda number: self.said.emit(
                self.tr("文号 {0} 已撤销，该文号不再使用。").format(number), False
            ),
            self.tr("正在撤销文号…"),
        )

    def _online(
        self,
        make: Callable[[Settings, str | None], Callable[[Any], Any]],
        done: Callable[[Any], None],
        busy_text: str,
        *,
        retried: bool = False,
    ) -> None:
        from inspector_app.sync import errors

        settings, token = self._server()
        self.setEnabled(False)
        self.said.emit(busy_text, False)

        def finished(value: Any) -> None:
            self.setEnabled(True)
            done(value)

        def failed(error: Exception) -> None:
            self.setEnabled(True)
            sync = getattr(self.window(), "sync", None)
            again = isinstance(error, errors.SignInRequired) and sync is not None and not retried
            if again and sync.sign_in(user_message(error)):
                self._online(make, done, busy_text, retried=True)
                return
            self.said.emit(user_message(error), True)
            QMessageBox.warning(self, self.tr("未能完成"), user_message(error))

        self.runner.service_job(make(settings, token), finished, failed)

    def _server(self) -> tuple[Settings, str | None]:
        """What the 同步 button uses: the window's settings and this session's token."""
        window = self.window()
        settings = getattr(window, "settings", None) or load_settings()
        sync = getattr(window, "sync", None)
        return settings, getattr(sync, "token", None)

    # --- the frozen file ---

    def open_issued(self) -> None:
        detail = self.detail
        if detail is None:
            return
        settings, _ = self._server()
        copy = self.copy_box.isChecked()
        self.runner.service_job(
            ops.issued_pdf(notice_id=detail.row.id, settings=settings, copy=copy),
            lambda pdf: self._preview(detail, pdf, copy),
            lambda error: self.said.emit(user_message(error), True),
        )

    def _preview(self, detail: NoticeDetail, pdf: bytes, copy: bool) -> None:
        from inspector_app.ui.runner.document_preview import DocumentPreview, GeneratedPdf

        number = detail.row.number or detail.row.id
        name = f"{number}{'-副本' if copy else ''}.pdf"
        title = self.tr("整改通知书 {0}").format(number)
        if copy:
            title += self.tr("（副本）")
        if self.preview is not None:
            self.preview.close()
        self.preview = DocumentPreview([GeneratedPdf(detail.row.unit, name, pdf)], title, self)
        self.preview.setObjectName("notice-preview")
        self.preview.resize(900, 700)
        self.preview.show()
