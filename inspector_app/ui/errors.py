"""Show errors to the user in their language; unexpected ones without a traceback."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from inspector_app.domain.errors import DomainError
from inspector_app.ui.i18n import current_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def user_message(error: Exception) -> str:
    if isinstance(error, DomainError):
        return error.message(current_language())
    log.exception("unexpected error", exc_info=error)
    return QCoreApplication.translate("errors", "操作未完成：{0}。已保存的数据不受影响。").format(
        type(error).__name__
    )


def show_error(parent: QWidget | None, error: Exception) -> None:
    from PySide6.QtWidgets import QMessageBox  # not at import: the window starts without it

    QMessageBox.warning(
        parent, QCoreApplication.translate("errors", "无法完成操作"), user_message(error)
    )
