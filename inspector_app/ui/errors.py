"""Show errors to the user in their language; unexpected ones without a traceback."""

from __future__ import annotations

import errno
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
    if _disk_full(error):  # met outside the store, which says where and how much itself
        log.warning("disk full", exc_info=error)
        return QCoreApplication.translate(
            "errors",
            "磁盘已满，这次的操作没有完成。之前已保存的数据都没有丢失；请清理磁盘后再试一次。",
        )
    log.exception("unexpected error", exc_info=error)
    return QCoreApplication.translate("errors", "操作未完成：{0}。已保存的数据不受影响。").format(
        type(error).__name__
    )


def _disk_full(error: BaseException | None) -> bool:
    """ENOSPC anywhere in the chain (the store turns its own into a DiskFull message)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def show_error(parent: QWidget | None, error: Exception) -> None:
    from PySide6.QtWidgets import QMessageBox  # not at import: the window starts without it

    QMessageBox.warning(
        parent, QCoreApplication.translate("errors", "无法完成操作"), user_message(error)
    )
