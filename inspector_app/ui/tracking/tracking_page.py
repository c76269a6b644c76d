"""整改跟踪: every issued notice with its deadline in force and warning colour, the most
urgent first; one notice's problems and history beside it.

Reads go through the store runner (services/tracking.py). The page redraws when a
write or a sync changed the store while it is shown, so a step recorded here or
pulled from the server shows at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.notice import (
    NOTICE_LIFECYCLE,
    WARNING_LABELS,
    ExtensionStatus,
    NoticeStatus,
    WarningLevel,
)
from inspector_app.services.tracking import TrackingDetail, TrackingRow
from inspector_app.ui.errors import show_error
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations import tracking as ops
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.actions import TrackingActions
from inspector_app.ui.tracking.tracking_detail import TrackingPane, day
from inspector_app.ui.tracking.warning_chip import LEVEL_ROLE, ChipDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1
OPEN = "open"  # the status filter's 未销号: every notice the unit still owes work on
SHOWN_STATUSES = [s for s in NoticeStatus if s != NoticeStatus.DRAFT]
WARNING_COLUMN = 5


class TrackingPage(QWidget):
    inspection_opened = Signal(str)  # a 复查 started here: the window shows it

    def __init__(self, runner: StoreRunner, *, today: date | None = None) -> None:
        """`today`: the day deadlines are counted from (the bureau's today when None)."""
        super().__init__()
        self.setObjectName("tracking-page")
        self.runner = runner
        self._today = today
        self.rows: list[TrackingRow] = []
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("tracking-status-filter")
        self.status_filter.addItem(self.tr("全部状态"), None)
        self.status_filter.addItem(self.tr("未销号"), OPEN)
        for status in SHOWN_STATUSES:
            self.status_filter.addItem(pick(NOTICE_LIFECYCLE.labels[status]), status)
        self.warning_filter = QComboBox()
        self.warning_filter.setObjectName("tracking-warning-filter")
        self.warning_filter.addItem(self.tr("全部预警"), None)
        for level in reversed(WarningLevel):  # red first: what a supervisor chases
            self.warning_filter.addItem(pick(WARNING_LABELS[level]), level)
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("文号"),
                self.tr("责任单位"),
                self.tr("状态"),
                self.tr("整改期限"),
                self.tr("剩余 / 逾期"),
                self.tr("预警"),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("tracking-list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(WARNING_COLUMN, ChipDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.count = QLabel()
        self.empty = QLabel(
            self.tr("没有已签发的整改通知书。通知书签发并同步后，会出现在这里跟踪整改。")
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666")
        self.empty.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.warning_filter)
        filters.addStretch(1)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)

        self.pane = TrackingPane()
        self.right = QWidget()
        self.right_layout = QVBoxLayout(self.right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.right_layout.addWidget(self.pane, 1)
        self.actions = TrackingActions(self)
        self.actions.recheck_started.connect(self.inspection_opened)
        self.right_layout.addWidget(self.actions)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 560])
        self.message = QLabel()
        self.message.setObjectName("tracking-message")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.status_filter.currentIndexChanged.connect(self._fill)
        self.warning_filter.currentIndexChanged.connect(self._fill)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._open_current())
        self._stale = QTimer(self, singleShot=True, interval=300)  # a sync writes often
        self._stale.timeout.connect(self.reload)
        runner.changed.connect(lambda *_: self._stale.start() if self.isVisible() else None)

    @property
    def today(self) -> date:
        return self._today or bureau_time.today()

    @today.setter
    def today(self, day: date | None) -> None:
        """Count from another day (a test's fixed today); the list is read again."""
        self._today = day
        self.reload()

    # --- reading ---

    def reload(self) -> None:
        """Reread the list (after a step or a sync); the selection stays if it can."""
        self.runner.read(ops.rows_of(today=self.today), self._show_rows, self._failed)

    def _failed(self, error: Exception) -> None:
        show_error(self, error)

    def _show_rows(self, rows: list[TrackingRow]) -> None:
        self.rows = rows
        self._fill()

    def shown_rows(self) -> list[TrackingRow]:
        status, level = self.status_filter.currentData(), self.warning_filter.currentData()
        return [
            row
            for row in self.rows
            if (status is None or row.status == status or (status == OPEN and not row.closed))
            and (level is None or (row.warning == level and not row.closed))
        ]

    def _fill(self) -> None:
        kept = self.selected_id()
        shown = self.shown_rows()
        self.model.removeRows(0, self.model.rowCount())
        for row in shown:
            self.model.appendRow(self._items(row))
        self.table.horizontalHeader().resizeSections()  # the new rows' widths, not the old
        self.count.setText(self.tr("显示 {0} / 共 {1} 份通知书").format(len(shown), len(self.rows)))
        self.empty.setVisible(not self.rows)
        ids = [row.id for row in shown]
        if kept in ids:
            self.table.selectRow(ids.index(kept))
            self._open_current()  # the step just recorded shows
        elif ids:
            self.table.selectRow(0)
        else:
            self.pane.clear()
            self._selected(None)

    def _items(self, row: TrackingRow) -> list[QStandardItem]:
        number = QStandardItem(row.number or "—")
        number.setData(row.id, ID_ROLE)
        status = pick(NOTICE_LIFECYCLE.labels[row.status])
        if row.extension == ExtensionStatus.REQUESTED:
            status = self.tr("{0}（已申请延期）").format(status)
        days = QStandardItem(
            self.pane.days_text(row.days_left) if row.days_left is not None else "—"
        )
        if row.days_left is not None and row.days_left < 0:
            days.setForeground(Qt.GlobalColor.darkRed)
        warning = QStandardItem("—" if row.closed else pick(WARNING_LABELS[row.warning]))
        if not row.closed:
            warning.setData(row.warning.value, LEVEL_ROLE)
        unit = QStandardItem(row.unit)
        unit.setToolTip(row.unit)
        return [
            number,
            unit,
            QStandardItem(status),
            QStandardItem(day(row.deadline)),
            days,
            warning,
        ]

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(ID_ROLE)

    def _open_current(self) -> None:
        notice_id = self.selected_id()
        if notice_id is None:
            return
        self.runner.read(
            ops.detail_of(notice_id=notice_id, today=self.today), self._show_detail, self._failed
        )

    def _show_detail(self, detail: TrackingDetail) -> None:
        if detail.row.id != self.selected_id():
            return  # the selection moved on while it was read
        self.pane.show_detail(detail)
        self._selected(detail)

    def _selected(self, detail: TrackingDetail | None) -> None:
        self.actions.allow(detail)

    def recorded(self, text: str) -> None:
        """A step was recorded: say so, and show it in the list and the detail."""
        self.message.setText(text)
        self.reload()

    def list_texts(self, column: int) -> list[str]:
        """A column as the list shows it, top to bottom."""
        return [self.model.item(r, column).text() for r in range(self.model.rowCount())]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
