"""Before submitting: results per category, problems, photos, and what is still missing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.finding import FindingResult
from inspector_app.services.queries import InspectionSheet


class SummaryDialog(QDialog):
    def __init__(self, sheet: InspectionSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("完成检查"))
        self.jump_to: str | None = None
        headers = [
            self.tr("类别"),
            self.tr("符合"),
            self.tr("不符合"),
            self.tr("不适用"),
            self.tr("未检查"),
        ]
        categories = [(c.code, c.name) for c in sheet.template.categories]
        categories.append(("", self.tr("检查表外问题")))
        table = QTableWidget(len(categories), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        order = (
            FindingResult.PASS,
            FindingResult.FAIL,
            FindingResult.NOT_APPLICABLE,
            FindingResult.UNCHECKED,
        )
        for row, (code, name) in enumerate(categories):
            in_category = [
                f
                for f in sheet.findings
                if (f.category_code == code if code else f.item_code is None)
            ]
            table.setItem(row, 0, QTableWidgetItem(f"{code} {name}".strip()))
            for column, result in enumerate(order, start=1):
                count = sum(1 for f in in_category if f.result == result)
                cell = QTableWidgetItem(str(count))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, cell)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Tab leaves the table (it used to walk its cells and never reach the list below),
        # and the table is as tall as its rows: H and 表外 were hidden behind a scroll bar.
        table.setTabKeyNavigation(False)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeRowsToContents()
        rows_height = sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(
            rows_height + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        )
        self.table = table

        problems = [f for f in sheet.findings if f.result == FindingResult.FAIL]
        photos = sum(len(f.live_photos) for f in sheet.findings)
        unchecked = sum(1 for f in sheet.findings if f.result == FindingResult.UNCHECKED)
        found = (
            self.tr("共发现问题 1 个")
            if len(problems) == 1
            else self.tr("共发现问题 {0} 个").format(len(problems))
        )
        taken = self.tr("照片 1 张") if photos == 1 else self.tr("照片 {0} 张").format(photos)
        totals = QLabel(self.tr("{0}，{1}。").format(found, taken))
        totals.setStyleSheet("font-weight: bold")

        self.missing = QListWidget()
        for finding in sheet.findings:
            label = f"{finding.item_code or ''} {finding.title}".strip()
            if finding.needs_photo:
                self._add_missing(finding.id, self.tr("缺少照片：{0}").format(label))
            if finding.result == FindingResult.FAIL and not finding.description.strip():
                self._add_missing(finding.id, self.tr("缺少问题描述：{0}").format(label))
        blocking = self.missing.count() > 0
        advice = QLabel(
            self.tr("以下内容必须补充后才能提交（双击或按回车跳转）：")
            if blocking
            else self.tr("没有缺失内容，可以提交。提交后本次检查将变为只读。")
        )
        advice.setWordWrap(True)
        advice.setStyleSheet("color: #c62828" if blocking else "color: #1b7f3a")
        note = QLabel(self.tr("还有 {0} 项未检查，将按“未检查”提交。").format(unchecked))
        note.setVisible(unchecked > 0)

        buttons = QDialogButtonBox()
        self.submit = buttons.addButton(self.tr("提交"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("返回修改"), QDialogButtonBox.ButtonRole.RejectRole)
        self.submit.setEnabled(not blocking)
        self.submit.setDefault(not blocking)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.missing.itemActivated.connect(self._jump)

        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(totals)
        layout.addWidget(note)
        layout.addWidget(advice)
        layout.addWidget(self.missing)
        self.missing.setVisible(blocking)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _add_missing(self, finding_id: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, finding_id)
        self.missing.addItem(item)

    def _jump(self, item: QListWidgetItem) -> None:
        self.jump_to = item.data(Qt.ItemDataRole.UserRole)
        self.reject()
