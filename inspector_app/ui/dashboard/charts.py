"""Bar charts for the dashboard through QtCharts, loaded lazily.

QtCharts is one of PySide6's add-on modules and may be missing from a slim install;
the app must start without it, so nothing imports it at module level. Without it each
chart is a plain list of the same bars, which opens the same problem lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from inspector_app.services.dashboard import Bar

MOST_BARS = 10  # a chart of 40 units is unreadable; the rest are summed as 其他
BAR_COLOUR = "#3d6fb4"


def count_scale(largest: int) -> tuple[int, int]:
    """A whole-number tick step (1, 2, 5, 10, 20, 50, …) giving at most 6 steps, and the top.

    Counts are whole problems: a tick at 1.2 labelled "1" put a bar of 4 beside "3"."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if largest <= 6 * step:
                return step, max(step, -(-largest // step) * step)
        magnitude *= 10


def charts_available() -> bool:
    try:
        from PySide6 import QtCharts  # noqa: F401
    except ImportError:
        return False
    return True


def shown_bars(bars: Sequence[Bar], others: str) -> list[Bar]:
    """The ten largest, and the rest summed (clicking 其他 opens nothing)."""
    if len(bars) <= MOST_BARS:
        return list(bars)
    rest = sum(bar.count for bar in bars[MOST_BARS - 1 :])
    return [*bars[: MOST_BARS - 1], Bar(others, rest)]


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    labels: Callable[[str], str],
    on_click: Callable[[str], None],
    *,
    horizontal: bool = True,
    colours: dict[str, str] | None = None,
) -> QWidget:
    """A chart of `bars`, largest on top; clicking a bar calls `on_click(bar.key)`."""
    if not charts_available():
        return _bar_list(bars, labels, on_click)
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalStackedBarSeries,
        QStackedBarSeries,
        QValueAxis,
    )

    ordered = list(reversed(bars)) if horizontal else list(bars)
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    # One set per bar in a stacked series: each bar can take its own colour, and a click
    # names its set, so the key is never looked up by position.
    series = QHorizontalStackedBarSeries() if horizontal else QStackedBarSeries()
    categories = [labels(bar.key) for bar in ordered]
    for index, bar in enumerate(ordered):
        values = [0.0] * len(ordered)
        values[index] = float(bar.count)
        one = QBarSet(categories[index])
        one.append(values)
        one.setColor(QColor((colours or {}).get(bar.key, BAR_COLOUR)))
        one.setBorderColor(QColor(BAR_COLOUR))
        one.clicked.connect(lambda _index, key=bar.key: on_click(key))
        series.append(one)
    series.setBarWidth(0.7)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(categories)
    counts = QValueAxis()
    counts.setLabelFormat("%d")
    step, top = count_scale(max((bar.count for bar in bars), default=0))
    counts.setRange(0, top)
    counts.setTickType(QValueAxis.TickType.TicksDynamic)
    counts.setTickAnchor(0)
    counts.setTickInterval(step)
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(names, left if horizontal else bottom)
    chart.addAxis(counts, bottom if horizontal else left)
    series.attachAxis(names)
    series.attachAxis(counts)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    view.bars = ordered  # the tests find a bar's place from its key
    view.series = series
    return view


def _bar_list(
    bars: Sequence[Bar], labels: Callable[[str], str], on_click: Callable[[str], None]
) -> QListWidget:
    listing = QListWidget()
    for bar in bars:
        item = QListWidgetItem(f"{labels(bar.key)}    {bar.count}")
        item.setData(Qt.ItemDataRole.UserRole, bar.key)
        listing.addItem(item)
    listing.itemActivated.connect(lambda item: on_click(item.data(Qt.ItemDataRole.UserRole)))
    return listing
