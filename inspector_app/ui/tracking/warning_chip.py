"""The 三色预警 colour chip (NOTES.md §4.2): blue near the deadline, yellow poorly done
(sent back for redo), red overdue. One look at a list says which notice needs chasing.

The same chip is painted in the tracking list (a delegate) and shown in the detail
pane (a label), so a colour means the same thing in both places.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from inspector_app.domain.notice import WARNING_LABELS, WarningLevel
from inspector_app.ui.i18n import pick

# (fill, text): dark text on yellow, white on the others, readable on a grey projector too.
CHIP_COLOURS = {
    WarningLevel.RED: ("#d9534f", "#ffffff"),
    WarningLevel.YELLOW: ("#f0c040", "#3a2f00"),
    WarningLevel.BLUE: ("#3f7fc4", "#ffffff"),
    WarningLevel.NONE: ("#e4e7eb", "#3c4043"),
}
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2


def chip_label(level: WarningLevel) -> QLabel:
    """A label shaped as the chip, for the detail pane."""
    fill, text = CHIP_COLOURS[level]
    label = QLabel(pick(WARNING_LABELS[level]))
    label.setObjectName("warning-chip")
    label.setProperty("level", level.value)
    label.setStyleSheet(
        f"background: {fill}; color: {text}; border-radius: 9px; padding: 2px 10px;"
        " font-weight: bold"
    )
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return label


class ChipDelegate(QStyledItemDelegate):
    """Paints the cell's WarningLevel (LEVEL_ROLE) as a rounded chip with its label;
    a cell without a level (a closed notice) is drawn as plain text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        level = index.data(LEVEL_ROLE)
        if level is None:
            super().paint(painter, option, index)
            return
        level = WarningLevel(level)
        style = option.widget.style() if option.widget else None
        if style is not None and option.state & QStyle.StateFlag.State_Selected:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        fill, text = CHIP_COLOURS[level]
        label = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(label) + 20, option.rect.width() - 8)
        height = min(metrics.height() + 6, option.rect.height() - 4)
        chip = QRect(0, 0, width, height)
        chip.moveCenter(option.rect.center())
        chip.moveLeft(option.rect.left() + 4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor(text))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 28, hint.height() + 6)
