"""The checklist as a keyboard-first tree: categories, items, results."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from inspector_app.domain.finding import RESULT_LABELS, FindingResult
from inspector_app.services.queries import FindingView, InspectionSheet
from inspector_app.ui.i18n import pick

FINDING_ROLE = Qt.ItemDataRole.UserRole
RESULT_KEYS = {
    Qt.Key.Key_1: FindingResult.PASS,
    Qt.Key.Key_2: FindingResult.FAIL,
    Qt.Key.Key_3: FindingResult.NOT_APPLICABLE,
}
RESULT_COLORS = {
    FindingResult.PASS: QColor("#1b7f3a"),
    FindingResult.FAIL: QColor("#c62828"),
    FindingResult.NOT_APPLICABLE: QColor("#6d6d6d"),
    FindingResult.UNCHECKED: QColor("#9e9e9e"),
}
ADHOC_CATEGORY = "__adhoc__"


class ChecklistTree(QTreeWidget):
    result_key = Signal(str, object)  # finding id, FindingResult
    detail_requested = Signal()
    finding_selected = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("检查项"), self.tr("结果")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._categories: dict[str, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._current_changed)

    def build(self, sheet: InspectionSheet) -> None:
        self.blockSignals(True)
        self.clear()
        self._items.clear()
        self._categories.clear()
        for category in sheet.template.categories:
            parent = QTreeWidgetItem([f"{category.code}  {category.name}", ""])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.addTopLevelItem(parent)
            self._categories[category.code] = parent
        adhoc = QTreeWidgetItem([self.tr("检查表外问题"), ""])
        adhoc.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = adhoc.font(0)
        font.setBold(True)
        adhoc.setFont(0, font)
        self.addTopLevelItem(adhoc)
        self._categories[ADHOC_CATEGORY] = adhoc
        for finding in sheet.findings:
            self._add(finding)
        self.expandAll()
        self.blockSignals(False)
        self.refresh(sheet)

    def _add(self, finding: FindingView) -> QTreeWidgetItem:
        parent = self._categories[finding.category_code if finding.item_code else ADHOC_CATEGORY]
        code = finding.item_code or "＋"
        item = QTreeWidgetItem([f"{code}  {finding.title}", ""])
        item.setData(0, FINDING_ROLE, finding.id)
        parent.addChild(item)
        self._items[finding.id] = item
        return item

    def refresh(self, sheet: InspectionSheet) -> None:
        """Update result texts and counts in place (the selection stays put)."""
        for finding in sheet.findings:
            item = self._items.get(finding.id) or self._add(finding)
            text = (
                pick(RESULT_LABELS[finding.result])
                if finding.result != FindingResult.UNCHECKED
                else "—"
            )
            if finding.needs_photo:
                text += self.tr(" ⚠缺照片")
            item.setText(1, text)
            item.setForeground(1, QBrush(RESULT_COLORS[finding.result]))
            item.setToolTip(0, finding.title)
        for code, parent in self._categories.items():
            children = [parent.child(i) for i in range(parent.childCount())]
            ids = {c.data(0, FINDING_ROLE) for c in children}
            done = sum(
                1 for f in sheet.findings if f.id in ids and f.result != FindingResult.UNCHECKED
            )
            parent.setText(1, f"{done}/{len(children)}" if code != ADHOC_CATEGORY else str(done))
        self._categories[ADHOC_CATEGORY].setHidden(
            self._categories[ADHOC_CATEGORY].childCount() == 0
        )

    def current_finding_id(self) -> str | None:
        item = self.currentItem()
        return item.data(0, FINDING_ROLE) if item else None

    def select_finding(self, finding_id: str) -> None:
        item = self._items.get(finding_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def select_first(self) -> None:
        for finding_id in self._items:
            self.select_finding(finding_id)
            return

    def next_unanswered(self, after: str, sheet: InspectionSheet) -> str | None:
        """The first unanswered checklist item below `after` in the order shown, else above."""
        open_ids = {
            f.id for f in sheet.findings if f.item_code and f.result == FindingResult.UNCHECKED
        }
        open_ids.discard(after)
        item = self._items.get(after)
        while item is not None:
            item = self.itemBelow(item)
            if item is not None and item.data(0, FINDING_ROLE) in open_ids:
                return item.data(0, FINDING_ROLE)
        # Nothing open below: back to the first open item above, if any.
        return next((finding_id for finding_id in self._items if finding_id in open_ids), None)

    def _step(self, item: QTreeWidgetItem | None, down: bool) -> QTreeWidgetItem | None:
        """The next item row up or down, skipping category headers."""
        while item is not None:
            item = self.itemBelow(item) if down else self.itemAbove(item)
            if item is not None and item.data(0, FINDING_ROLE):
                return item
        return None

    def _current_changed(self, current: QTreeWidgetItem | None, previous: object) -> None:
        if current is None:
            return
        if not current.data(0, FINDING_ROLE):  # a header (Home, PageUp, a click): its first item
            target = current.child(0) if current.childCount() else self._step(current, True)
            if target is not None:
                self.setCurrentItem(target)
            return
        self.finding_selected.emit(current.data(0, FINDING_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        finding_id = self.current_finding_id()
        if finding_id and event.key() in RESULT_KEYS and not event.modifiers():
            self.result_key.emit(finding_id, RESULT_KEYS[Qt.Key(event.key())])
            return
        if finding_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.detail_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            target = self._step(self.currentItem(), event.key() == Qt.Key.Key_Down)
            if target is not None:
                self.setCurrentItem(target)
                self.scrollToItem(target)
            return
        super().keyPressEvent(event)
