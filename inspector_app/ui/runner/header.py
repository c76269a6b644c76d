"""The runner page's header: where and when, how far along, and why it may be read-only.

Kept apart from runner_page.py, which wires widgets to operations. Texts keep
the translation context "RunnerPage" they were written in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import MODE_LABELS, InspectionStatus, is_editable
from inspector_app.services.queries import InspectionSheet
from inspector_app.ui.i18n import pick
from inspector_app.ui.sync.labels import state_labels
from inspector_app.ui.widgets import shows_user_data

if TYPE_CHECKING:
    from inspector_app.ui.store_runner import StoreRunner


class RunnerHeader:
    """The labels above the checklist, redrawn from the sheet after every load."""

    def __init__(self) -> None:
        self.title = shows_user_data(QLabel())
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold")
        self.progress = QLabel()
        self.banner = shows_user_data(QLabel())  # holds the reviewer's own words
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.sync_state = QLabel()  # 待同步 / 已同步 / 冲突 …, read after every load
        self.sync_state.setObjectName("runner-sync-state")

    def show(self, sheet: InspectionSheet, runner: StoreRunner | None = None) -> None:
        if runner is not None:
            self.show_sync_state(runner, sheet.id)
        self.title.setText(
            f"{sheet.site_name} · {pick(MODE_LABELS[sheet.mode])} · "
            f"{bureau_time.local(sheet.started_at):%Y-%m-%d %H:%M}"
        )
        self.progress.setText(progress_text(sheet))
        if sheet.status == InspectionStatus.RETURNED:
            self.banner.setText(
                QCoreApplication.translate(
                    "RunnerPage", "已被退回，请按审核意见修改后重新提交。审核意见：{0}"
                ).format(sheet.review_comment)
            )
            self.banner.setStyleSheet("background: #fff3cd; padding: 6px; color: #6b4e00")
            self.banner.show()
        elif not is_editable(sheet.status):
            self.banner.setText(
                QCoreApplication.translate("RunnerPage", "该检查已提交，只能查看，不能修改。")
            )
            self.banner.setStyleSheet("background: #e8eaf6; padding: 6px")
            self.banner.show()
        else:
            self.banner.hide()

    def show_sync_state(self, runner: StoreRunner, inspection_id: str) -> None:
        from inspector_app.ui.operations.sync import inspection_state

        def shown(state: str) -> None:
            self.sync_state.setText(state_labels()[state])
            attention = state in ("conflict", "rejected")
            self.sync_state.setStyleSheet("color: #b00020; font-weight: bold" if attention else "")

        runner.read(inspection_state(inspection_id=inspection_id), shown)


def progress_text(sheet: InspectionSheet) -> str:
    """Checklist items answered, and problems of any kind (ad hoc ones too)."""
    items = [f for f in sheet.findings if f.item_code]
    checked = sum(1 for f in items if f.result != FindingResult.UNCHECKED)
    problems = sum(1 for f in sheet.findings if f.result == FindingResult.FAIL)
    found = (
        QCoreApplication.translate("RunnerPage", "1 个问题")
        if problems == 1
        else QCoreApplication.translate("RunnerPage", "{0} 个问题").format(problems)
    )
    checked_text = QCoreApplication.translate("RunnerPage", "已检查 {0} / {1}")
    return checked_text.format(checked, len(items)) + f" · {found}"
