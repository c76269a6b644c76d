"""统计 (dashboard): problems by category, unit, district and month, the rectification
rate and the overdue warnings; clicking a bar lists the problems behind it.

The figures are counted on the store runner (services/dashboard_counts.py) and redrawn
when a write or a sync changes the store while the page is shown; a bar's problems are
read only when it is clicked.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.notice import WARNING_LABELS, WarningLevel
from inspector_app.services.dashboard import Bar, Dashboard, Dimension, ProblemLine
from inspector_app.services.dashboard_counts import bar_lines, figures
from inspector_app.ui.dashboard.charts import bar_chart, shown_bars
from inspector_app.ui.i18n import pick
from inspector_app.ui.store_runner import StoreRunner

WARNING_COLOURS = {"none": "#a9c7a0", "blue": "#5b9bd5", "yellow": "#f2c14e", "red": "#e0605e"}


class DashboardPage(QWidget):
    def __init__(self, runner: StoreRunner, *, today: date | None = None) -> None:
        """`today`: the day warnings are judged on (the bureau's today when None)."""
        super().__init__()
        self.runner = runner
        self.today = today
        self.figures: Dashboard | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 15px; padding: 4px 2px;")
        self.grid = QGridLayout()
        for column in range(3):  # equal thirds, whatever the labels' lengths
            self.grid.setColumnStretch(column, 1)
        for row in range(2):
            self.grid.setRowStretch(row, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self.grid, 1)
        self.charts: dict[Dimension, QWidget] = {}
        self._stale = QTimer(self, singleShot=True, interval=500)  # a sync writes often
        self._stale.timeout.connect(self.refresh)
        runner.changed.connect(lambda *_: self._stale.start() if self.isVisible() else None)

    def showEvent(self, event) -> None:  # Qt's name
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.runner.read(lambda uow: figures(uow, today=self.today), self._show)

    def _show(self, figures: Dashboard) -> None:
        self.figures = figures
        rate = figures.rectification_rate
        warned = figures.warnings
        summary = QCoreApplication.translate(
            "dashboard",
            "问题 {problems} 个，已下发通知书 {issued} 个，已销号 {closed} 个，整改率 {rate}；预警：蓝色 {blue}，黄色 {yellow}，红色（逾期） {red}",  # noqa: E501 (one literal for lupdate)
        )
        self.summary.setText(
            summary.format(
                problems=figures.problems,
                issued=figures.issued,
                closed=figures.closed,
                rate="—" if rate is None else f"{rate:.0%}",
                blue=warned[WarningLevel.BLUE],
                yellow=warned[WarningLevel.YELLOW],
                red=warned[WarningLevel.RED],
            )
        )
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        others = QCoreApplication.translate("dashboard", "其他")
        # Red on top: what is overdue is what a supervisor looks at first.
        warning_bars = [Bar(level.value, warned[level]) for level in reversed(WarningLevel)]
        specs = [
            (
                Dimension.CATEGORY,
                QCoreApplication.translate("dashboard", "按问题类别"),
                shown_bars(figures.by_category, others),
            ),
            (
                Dimension.UNIT,
                QCoreApplication.translate("dashboard", "按责任单位"),
                shown_bars(figures.by_unit, others),
            ),
            (
                Dimension.DISTRICT,
                QCoreApplication.translate("dashboard", "按区县"),
                shown_bars(figures.by_district, others),
            ),
            (
                Dimension.MONTH,
                QCoreApplication.translate("dashboard", "按月份"),
                list(figures.by_month),
            ),
            (Dimension.WARNING, QCoreApplication.translate("dashboard", "预警等级"), warning_bars),
        ]
        for place, (dimension, title, bars) in enumerate(specs):
            chart = bar_chart(
                title,
                bars,
                self._label(dimension),
                lambda key, d=dimension: self.open_list(d, key),
                horizontal=dimension is not Dimension.MONTH,
                colours=WARNING_COLOURS if dimension is Dimension.WARNING else None,
            )
            self.charts[dimension] = chart
            self.grid.addWidget(chart, place // 3, place % 3)

    def _label(self, dimension: Dimension):
        if dimension is Dimension.WARNING:
            return lambda key: pick(WARNING_LABELS[WarningLevel(key)])
        return lambda key: key

    def open_list(self, dimension: Dimension, key: str) -> None:
        """Read the bar's problems (only those) on the runner, then list them."""
        bar = next((bar for bar in self._bars(dimension) if bar.key == key), None)
        if bar is None or not bar.count:  # 其他, or a warning level with no problem
            return
        label = self._label(dimension)(key)
        self.runner.read(
            lambda uow: bar_lines(uow, dimension, bar, today=self.today),
            lambda lines: ProblemListDialog(self, label, lines).open() if lines else None,
        )

    def _bars(self, dimension: Dimension) -> tuple[Bar, ...]:
        shown = self.figures
        if shown is None:
            return ()
        if dimension is Dimension.WARNING:
            return tuple(Bar(level.value, count) for level, count in shown.warnings.items())
        return {
            Dimension.CATEGORY: shown.by_category,
            Dimension.UNIT: shown.by_unit,
            Dimension.DISTRICT: shown.by_district,
            Dimension.MONTH: shown.by_month,
        }[dimension]


class ProblemListDialog(QDialog):
    """The problems behind one bar, as a list a supervisor reads through."""

    def __init__(self, parent: QWidget, label: str, lines: list[ProblemLine]) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("dashboard", "“{label}”的问题（{count} 个）").format(
                label=label, count=len(lines)
            )
        )
        self.resize(1100, 520)
        self.table = QTableWidget(len(lines), len(_headers()))
        self.table.setHorizontalHeaderLabels(_headers())
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, line in enumerate(lines):
            values = (
                f"{line.checked_on:%Y-%m-%d}",
                line.site,
                line.category,
                line.unit,
                line.description,
                line.notice_number or "—",
                line.progress,
                pick(WARNING_LABELS[line.warning]),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("dashboard", "检查日期"),
        QCoreApplication.translate("dashboard", "被检查单位"),
        QCoreApplication.translate("dashboard", "问题类别"),
        QCoreApplication.translate("dashboard", "责任单位"),
        QCoreApplication.translate("dashboard", "问题描述"),
        QCoreApplication.translate("dashboard", "通知书"),
        QCoreApplication.translate("dashboard", "整改进展"),
        QCoreApplication.translate("dashboard", "预警"),
    ]
