"""The home list as Qt model/view: a table model over InspectionSummary rows and a filter."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from inspector_app.domain.inspection import MODE_LABELS, STATUS_LABELS, InspectionStatus
from inspector_app.services.queries import InspectionSummary
from inspector_app.ui.i18n import pick

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def status_text(status: InspectionStatus) -> str:
    return pick(STATUS_LABELS[status])


def sort_key(row: InspectionSummary, column: int) -> Any:
    keys = (
        row.site,
        row.campaign or "",
        row.started_at,
        row.mode.value,
        row.status.value,
        row.problems,
        row.photos,
        row.synced,
    )
    return keys[column]


class InspectionsTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[InspectionSummary] = []
        self._headers = (
            QCoreApplication.translate("InspectionsTableModel", "检查地点"),
            QCoreApplication.translate("InspectionsTableModel", "专项行动"),
            QCoreApplication.translate("InspectionsTableModel", "检查时间"),
            QCoreApplication.translate("InspectionsTableModel", "方式"),
            QCoreApplication.translate("InspectionsTableModel", "状态"),
            QCoreApplication.translate("InspectionsTableModel", "问题"),
            QCoreApplication.translate("InspectionsTableModel", "照片"),
            QCoreApplication.translate("InspectionsTableModel", "同步"),
        )
        self._synced = (
            QCoreApplication.translate("InspectionsTableModel", "未同步"),
            QCoreApplication.translate("InspectionsTableModel", "已同步"),
        )

    def set_rows(self, rows: list[InspectionSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> InspectionSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return row.site
        if column == 1:
            return row.campaign or ""
        if column == 2:
            return f"{row.started_at.astimezone():%Y-%m-%d %H:%M}"
        if column == 3:
            return pick(MODE_LABELS[row.mode])
        if column == 4:
            return status_text(row.status)
        if column == 5:
            return row.problems
        if column == 6:
            return row.photos
        return self._synced[row.synced]


class InspectionFilter(QSortFilterProxyModel):
    """Search text (site, campaign), status, site and date range, combined."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.status: InspectionStatus | None = None
        self.site: str | None = None
        self.date_from: date | None = None
        self.date_to: date | None = None

    def set_criteria(
        self,
        *,
        text: str,
        status: InspectionStatus | None,
        site: str | None,
        date_from: date | None,
        date_to: date | None,
    ) -> None:
        begin = getattr(self, "beginFilterChange", None)  # Qt ≥ 6.10
        if begin is not None:
            begin()
        self.text, self.status, self.site = text.strip().lower(), status, site
        self.date_from, self.date_to = date_from, date_to
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InspectionsTableModel)
        column = left.column()
        return sort_key(model.row_at(left.row()), column) < sort_key(
            model.row_at(right.row()), column
        )

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InspectionsTableModel)
        row = model.row_at(source_row)
        if self.status is not None and row.status != self.status:
            return False
        if self.site is not None and row.site != self.site:
            return False
        day = row.started_at.astimezone().date()
        if self.date_from is not None and day < self.date_from:
            return False
        if self.date_to is not None and day > self.date_to:
            return False
        if self.text:
            haystack = f"{row.site} {row.campaign or ''}".lower()
            return self.text in haystack
        return True
