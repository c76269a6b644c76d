"""One inspection as the reviewer reads it: what was found, where, and the photos.

Read-only by construction: nothing here writes. Problems come first (that is what a
review is about); a line counts the items that passed or did not apply.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import SEVERITY_LABELS, FindingResult
from inspector_app.domain.inspection_status import MODE_LABELS
from inspector_app.services.queries import FindingView, InspectionSheet
from inspector_app.ui.i18n import pick
from inspector_app.ui.widgets import shows_user_data

THUMB = QSize(128, 96)


class ReviewDetail(QScrollArea):
    photo_requested = Signal(str, str)  # finding id, photo id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("review-detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.clear()

    def clear(self) -> None:
        """Nothing selected: a hint where to look instead of an empty pane."""
        self.sheet: InspectionSheet | None = None
        self.placeholder = QLabel(self.tr("请在左侧列表中选择一次检查。"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #666")
        self.setWidget(self.placeholder)

    def show_sheet(self, sheet: InspectionSheet) -> None:
        self.sheet = sheet
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        title = shows_user_data(QLabel(f"{sheet.site_name} · {pick(MODE_LABELS[sheet.mode])}"))
        title.setObjectName("review-title")
        title.setStyleSheet("font-size: 13pt; font-weight: bold")
        title.setWordWrap(True)
        layout.addWidget(title)
        facts = [self.tr("检查时间：{0}").format(_when(sheet.started_at))]
        if sheet.campaign_title:
            facts.append(self.tr("专项行动：{0}").format(sheet.campaign_title))
        facts.append(self.tr("检查人员：{0}").format("、".join(sheet.team) or "—"))
        about = shows_user_data(QLabel("\n".join(facts)))
        about.setWordWrap(True)
        layout.addWidget(about)
        problems = [f for f in sheet.findings if f.result == FindingResult.FAIL]
        passed = sum(1 for f in sheet.findings if f.result == FindingResult.PASS)
        skipped = sum(1 for f in sheet.findings if f.result == FindingResult.NOT_APPLICABLE)
        counts = QLabel(
            self.tr("问题 {0} 个；符合 {1} 项，不适用 {2} 项。").format(
                len(problems), passed, skipped
            )
        )
        counts.setObjectName("review-counts")
        layout.addWidget(counts)
        if not problems:
            layout.addWidget(QLabel(self.tr("本次检查未发现问题。")))
        for number, finding in enumerate(problems, 1):
            layout.addWidget(self._problem(number, finding, sheet.units))
        layout.addStretch(1)
        self.setWidget(body)

    def problem_texts(self) -> list[str]:
        """The descriptions on screen, in order (what a reader of the page sees)."""
        return [label.text() for label in self.findChildren(QLabel, "review-description")]

    def _problem(self, number: int, finding: FindingView, units: dict[str, str]) -> QFrame:
        frame = QFrame()
        frame.setObjectName("review-problem")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        heading = (
            f"{number}. {finding.item_code} {finding.title}"
            if finding.item_code
            else (f"{number}. {finding.title}")
        )
        title = shows_user_data(QLabel(heading))
        title.setStyleSheet("font-weight: bold")
        title.setWordWrap(True)
        layout.addWidget(title)
        description = shows_user_data(QLabel(finding.description or "—"))
        description.setObjectName("review-description")
        description.setWordWrap(True)
        description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(description)
        meta = [pick(SEVERITY_LABELS[finding.severity])]
        if finding.window_no:
            meta.append(self.tr("窗口 {0}").format(finding.window_no))
        if finding.staff_badge:
            meta.append(self.tr("工号 {0}").format(finding.staff_badge))
        if finding.unit_id:
            meta.append(self.tr("责任单位：{0}").format(units.get(finding.unit_id, "—")))
        if finding.observed_at is not None:
            meta.append(self.tr("发现时间 {0}").format(_when(finding.observed_at)))
        facts = shows_user_data(QLabel(" · ".join(meta)))
        facts.setStyleSheet("color: #555")
        facts.setWordWrap(True)
        layout.addWidget(facts)
        photos = finding.live_photos
        if photos:
            row = QHBoxLayout()
            for photo in photos:
                row.addWidget(self._thumb(finding.id, photo.id, photo.thumb_path, photo.caption))
            row.addStretch(1)
            layout.addLayout(row)
        else:
            layout.addWidget(QLabel(self.tr("无照片")))
        return frame

    def _thumb(self, finding_id: str, photo_id: str, path: str, caption: str) -> QToolButton:
        button = shows_user_data(QToolButton())  # its tooltip is the photo's caption
        button.setObjectName("review-photo")
        button.setIconSize(THUMB)
        button.setAutoRaise(True)
        if Path(path).exists():
            button.setIcon(QIcon(QPixmap(path)))
            button.setToolTip(caption or self.tr("点击查看大图"))
        else:  # pulled, bytes still on their way
            button.setText(self.tr("照片未下载"))
            button.setFixedSize(THUMB)
        button.clicked.connect(lambda: self.photo_requested.emit(finding_id, photo_id))
        return button


def _when(moment: datetime) -> str:
    return f"{bureau_time.local(moment):%Y-%m-%d %H:%M}"
