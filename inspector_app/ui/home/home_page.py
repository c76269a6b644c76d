"""Home: every inspection on this laptop, searchable and filterable.

On the start-up path: nothing here may touch PySide6's `Qt` namespace before
the first paint (see inspections_model). Sorting by the header, whose model
callback is handed a `Qt.SortOrder`, is switched on at the next turn of the
event loop (`finish_setup`); until then the model's own order (newest first)
applies.

When the filters hide every inspection, a hint says how to see them again and
清除筛选 resets them all at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection_status import STATUS_LABELS, InspectionStatus
from inspector_app.services.summaries import InspectionSummary
from inspector_app.ui.home.inspections_model import (
    ROW_ROLE,
    InspectionFilter,
    InspectionsTableModel,
)
from inspector_app.ui.i18n import pick


class HomePage(QWidget):
    open_requested = Signal(str)  # inspection id
    new_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.model = InspectionsTableModel()

        self.search = QLineEdit(placeholderText=self.tr("搜索检查地点或专项行动"))
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for status in InspectionStatus:
            self.status.addItem(pick(STATUS_LABELS[status]), status)
        self.site = QComboBox()
        self.site.setMinimumContentsLength(10)
        self.use_dates = QCheckBox(self.tr("日期"))
        self.date_from = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        day = bureau_time.today()
        today = QDate(day.year, day.month, day.day)
        self.date_from.setDate(today.addMonths(-3))
        self.date_to.setDate(today)
        self.new_button = QPushButton(self.tr("新建检查"))
        self.new_button.setDefault(True)
        self.count = QLabel()
        self.empty_hint = QLabel(
            self.tr(
                "没有符合筛选条件的检查。清空搜索框或把状态、地点、日期改回“全部”即可看到全部检查。"
            )
        )
        self.empty_hint.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("清除筛选"))
        self.empty_row = QWidget()
        empty = QHBoxLayout(self.empty_row)
        empty.setContentsMargins(0, 0, 0, 0)
        empty.addWidget(self.empty_hint, 1)
        empty.addWidget(self.clear_button)
        self.empty_row.setVisible(False)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.site, 2)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.new_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setModel(self.model.header_model())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((230, 300, 140, 60, 100, 60, 60, 100)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.empty_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._apply_filters)
        self.status.currentIndexChanged.connect(self._apply_filters)
        self.site.currentIndexChanged.connect(self._apply_filters)
        self.use_dates.toggled.connect(self._apply_filters)
        self.date_from.dateChanged.connect(self._apply_filters)
        self.date_to.dateChanged.connect(self._apply_filters)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.new_button.clicked.connect(self.new_requested)
        self.clear_button.clicked.connect(self.clear_filters)
        self._apply_filters()
        QTimer.singleShot(0, self, self.finish_setup)

    def finish_setup(self) -> None:
        """After the first paint: header sorting (newest first, as the model already is)
        and the search field's clear button (hidden while it is empty)."""
        from PySide6.QtCore import Qt

        if not self.table.isSortingEnabled():
            self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
            self.table.setSortingEnabled(True)  # sorts by the indicator
            self.search.setClearButtonEnabled(True)

    def set_rows(self, rows: list[InspectionSummary], states: dict[str, str] | None = None) -> None:
        """`states`: sync states of the flagged rows (ui/sync/labels.py); others by ack."""
        current_site = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        self.site.addItem(self.tr("全部地点"), None)
        for name in sorted({r.site for r in rows}):
            self.site.addItem(name, name)
        index = self.site.findData(current_site)
        self.site.setCurrentIndex(max(index, 0))
        self.site.blockSignals(False)
        self.model.set_rows(rows, states)
        self._apply_filters()

    def _apply_filters(self) -> None:
        use_dates = self.use_dates.isChecked()
        self.date_from.setEnabled(use_dates)
        self.date_to.setEnabled(use_dates)
        self.model.set_filter(
            InspectionFilter(
                text=self.search.text(),
                status=self.status.currentData(),
                site=self.site.currentData(),
                date_from=_to_date(self.date_from.date()) if use_dates else None,
                date_to=_to_date(self.date_to.date()) if use_dates else None,
            )
        )
        self.count.setText(
            self.tr("显示 {0} / 共 {1} 次检查").format(self.model.rowCount(), self.model.total())
        )
        self.empty_row.setVisible(self.model.rowCount() == 0 and self.model.total() > 0)

    def clear_filters(self) -> None:
        """Search, status, site and dates back to 全部, applied once."""
        for widget in (self.search, self.status, self.site, self.use_dates):
            widget.blockSignals(True)
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.site.setCurrentIndex(0)
        self.use_dates.setChecked(False)
        for widget in (self.search, self.status, self.site, self.use_dates):
            widget.blockSignals(False)
        self._apply_filters()
        self.search.setFocus()

    def _open_index(self, index) -> None:
        row: InspectionSummary = self.model.data(index, ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row.id)

    def selected_id(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row: InspectionSummary = self.model.data(indexes[0], ROW_ROLE)
        return row.id


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
