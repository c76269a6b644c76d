"""Table model of the home list: a Qt view over InspectionSummary rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from inspector_app.domain.inspection import MODE_LABELS, InspectionStatus
from inspector_app.services.queries import InspectionSummary

STATUS_TEXT = {
    InspectionStatus.DRAFT: "草稿",
    InspectionStatus.SUBMITTED: "已提交",
    InspectionStatus.APPROVED: "已审核通过",
    InspectionStatus.RETURNED: "已退回",
}

Index = QModelIndex | QPersistentModelIndex


class InspectionsTableModel(QAbstractTableModel):
    HEADERS = ("检查地点", "专项行动", "检查时间", "方式", "状态", "问题", "照片", "同步")

    def __init__(self, rows: list[InspectionSummary]) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("InspectionsTableModel", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        tr = QCoreApplication.translate
        values = (
            row.site,
            row.campaign or "",
            f"{row.started_at.astimezone():%Y-%m-%d %H:%M}",
            tr("InspectionsTableModel", MODE_LABELS[row.mode][0]),
            tr("InspectionsTableModel", STATUS_TEXT[row.status]),
            str(row.problems),
            str(row.photos),
            tr("InspectionsTableModel", "已同步" if row.synced else "未同步"),
        )
        return values[index.column()]
