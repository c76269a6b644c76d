"""The home list as Qt model/view over InspectionSummary rows.

Filtering and sorting happen on the Python list (a comprehension and
list.sort), not in a QSortFilterProxyModel calling back into Python per row
and per comparison: with 10,000 inspections that is milliseconds instead of
a second.

This module is on the start-up path, so it never touches PySide6's `Qt`
namespace: its first use builds all of its ~90 enums (about 17 ms, a tenth
of a cold start). Roles are plain ints (Qt passes them as ints), and there
is no Python `headerData`: Qt would hand it a `Qt.Orientation` as soon as a
view is set on the model. The view's header reads the column titles from a
small C++ model instead (`header_model`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection_status import MODE_LABELS, STATUS_LABELS, InspectionStatus
from inspector_app.services.summaries import InspectionSummary
from inspector_app.ui.i18n import pick
from inspector_app.ui.sync.labels import row_state, state_labels

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItemModel

Index = QModelIndex | QPersistentModelIndex
# Qt.ItemDataRole / Qt.AlignmentFlag values (tests/ui/test_home_page.py checks them).
DISPLAY_ROLE = 0  # DisplayRole
TEXT_ALIGNMENT_ROLE = 7  # TextAlignmentRole
ROW_ROLE = 0x0100 + 1  # UserRole + 1: the InspectionSummary itself
ALIGN_RIGHT_VCENTER = 0x0002 | 0x0080  # AlignRight | AlignVCenter


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


def _sync_sort_key(states: dict[str, str]) -> Any:
    order = ("conflict", "rejected", "photo_missing", "pending", "local", "synced")
    return lambda row: order.index(row_state(states, row.id, row.synced))


@dataclass(frozen=True)
class InspectionFilter:
    """Search text (site, campaign), status, site and date range, combined."""

    text: str = ""
    status: InspectionStatus | None = None
    site: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    def accepts(self, row: InspectionSummary) -> bool:
        if self.status is not None and row.status != self.status:
            return False
        if self.site is not None and row.site != self.site:
            return False
        if self.date_from is not None or self.date_to is not None:
            day = bureau_time.local(row.started_at).date()  # the hall's day, not the laptop's
            if self.date_from is not None and day < self.date_from:
                return False
            if self.date_to is not None and day > self.date_to:
                return False
        if self.text:
            needle = self.text.strip().lower()
            return needle in row.site.lower() or needle in (row.campaign or "").lower()
        return True


class InspectionsTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[InspectionSummary] = []
        self._rows: list[InspectionSummary] = []
        self._filter = InspectionFilter()
        self._sort = (2, True)  # column, descending: newest first
        translate = QCoreApplication.translate
        self._headers = (
            translate("InspectionsTableModel", "检查地点"),
            translate("InspectionsTableModel", "专项行动"),
            translate("InspectionsTableModel", "检查时间"),
            translate("InspectionsTableModel", "方式"),
            translate("InspectionsTableModel", "状态"),
            translate("InspectionsTableModel", "问题"),
            translate("InspectionsTableModel", "照片"),
            translate("InspectionsTableModel", "同步"),
        )
        self._states: dict[str, str] = {}  # id -> RecordSyncState value, flagged rows only
        self._state_labels = state_labels()
        self._modes = {mode: pick(label) for mode, label in MODE_LABELS.items()}
        self._statuses = {status: status_text(status) for status in InspectionStatus}

    # --- content ---

    def set_rows(self, rows: list[InspectionSummary], states: dict[str, str] | None = None) -> None:
        """`states`: the sync state of rows that need a word (see sync/labels.py)."""
        self._all = rows
        self._states = states or {}
        self._refresh()

    def sync_state(self, row: InspectionSummary) -> str:
        return row_state(self._states, row.id, row.synced)

    def set_filter(self, criteria: InspectionFilter) -> None:
        self._filter = criteria
        self._refresh()

    def total(self) -> int:
        return len(self._all)

    def header_model(self) -> QStandardItemModel:
        """The column titles in a C++ model, for the view's header (see the module doc)."""
        from PySide6.QtGui import QStandardItemModel

        headers = QStandardItemModel(0, len(self._headers), self)
        headers.setHorizontalHeaderLabels(list(self._headers))
        return headers

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        from PySide6.QtCore import Qt

        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._sorted_in_place()
        self.layoutChanged.emit()

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = [row for row in self._all if self._filter.accepts(row)]
        self._sorted_in_place()
        self.endResetModel()

    def _sorted_in_place(self) -> None:
        column, descending = self._sort
        if column == 7:
            self._rows.sort(key=_sync_sort_key(self._states), reverse=descending)
            return
        self._rows.sort(key=lambda r: sort_key(r, column), reverse=descending)

    # --- Qt model interface ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == TEXT_ALIGNMENT_ROLE and column in (5, 6):
            return ALIGN_RIGHT_VCENTER
        if role != DISPLAY_ROLE:
            return None
        if column == 0:
            return row.site
        if column == 1:
            return row.campaign or ""
        if column == 2:
            return f"{bureau_time.local(row.started_at):%Y-%m-%d %H:%M}"
        if column == 3:
            return self._modes[row.mode]
        if column == 4:
            return self._statuses[row.status]
        if column == 5:
            return row.problems
        if column == 6:
            return row.photos
        return self._state_labels[self.sync_state(row)]
