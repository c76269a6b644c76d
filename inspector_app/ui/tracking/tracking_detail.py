"""One notice as the supervisor follows it: where it stands, each problem in the latest
round, and every dated step from 成文 to 销号.

Read-only: the page's buttons make the steps. Dates are the bureau's days as recorded
(a step's date is a calendar day of the bureau, never a laptop's clock).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.notice import (
    ESCALATION_LIFECYCLE,
    EXTENSION_LIFECYCLE,
    NOTICE_LIFECYCLE,
    EscalationLevel,
    ExtensionStatus,
)
from inspector_app.domain.rectification import DELIVERY_LABELS, EVENT_LABELS
from inspector_app.services.tracking import (
    PROBLEM_STATE_LABELS,
    ProblemLine,
    ProblemState,
    TimelineEntry,
    TrackingDetail,
)
from inspector_app.ui.i18n import pick
from inspector_app.ui.tracking.warning_chip import chip_label
from inspector_app.ui.widgets import shows_user_data

STATE_COLOURS = {
    ProblemState.RECTIFIED: "#1e7d32",
    ProblemState.NOT_RECTIFIED: "#b00020",
    ProblemState.AWAITING_VERIFICATION: "#8a5a00",
    ProblemState.AWAITING_REPORT: "#555555",
}


def day(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else "—"


class TrackingPane(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("tracking-detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.clear()

    def clear(self) -> None:
        """Nothing selected: say where to look instead of an empty pane."""
        self.detail: TrackingDetail | None = None
        placeholder = QLabel(self.tr("请在左侧列表中选择一份整改通知书。"))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet("color: #666")
        self.setWidget(placeholder)

    def show_detail(self, detail: TrackingDetail) -> None:
        self.detail = detail
        row = detail.row
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 4, 8, 8)
        title = shows_user_data(QLabel(f"{row.number} · {row.unit}"))
        title.setObjectName("tracking-title")
        title.setStyleSheet("font-size: 13pt; font-weight: bold")
        title.setWordWrap(True)
        layout.addWidget(title)
        status = QHBoxLayout()
        status.addWidget(chip_label(row.warning))
        state = QLabel(pick(NOTICE_LIFECYCLE.labels[row.status]))
        state.setObjectName("tracking-status")
        state.setStyleSheet("font-weight: bold")
        status.addWidget(state)
        status.addStretch(1)
        layout.addLayout(status)
        layout.addLayout(self._facts(detail))
        heading = QLabel(self.tr("问题及整改情况（第 {0} 轮）").format(detail.round))
        heading.setStyleSheet("font-weight: bold; margin-top: 6px")
        layout.addWidget(heading)
        for problem in detail.problems:
            layout.addWidget(self._problem(problem))
        if not detail.problems:
            layout.addWidget(QLabel(self.tr("该通知书没有列出问题。")))
        heading = QLabel(self.tr("办理经过"))
        heading.setStyleSheet("font-weight: bold; margin-top: 6px")
        layout.addWidget(heading)
        for entry in detail.timeline:
            layout.addWidget(self._step(entry))
        layout.addStretch(1)
        self.setWidget(body)

    def _facts(self, detail: TrackingDetail) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        row = detail.row
        form.addRow(self.tr("成文日期"), QLabel(day(detail.issued_on)))
        deadline = day(row.deadline)
        if row.deadline != detail.printed_deadline:
            deadline = self.tr("{0}（原定 {1}）").format(deadline, day(detail.printed_deadline))
        if row.days_left is not None:
            deadline = f"{deadline} · {self.days_text(row.days_left)}"
        form.addRow(self.tr("整改期限"), QLabel(deadline))
        if detail.delivered_on is not None:
            method = pick(DELIVERY_LABELS[detail.delivery_method]) if detail.delivery_method else ""
            delivered = shows_user_data(
                QLabel(f"{day(detail.delivered_on)} · {method} · {detail.delivery_recipient}")
            )
        else:
            delivered = QLabel(self.tr("未登记"))
        form.addRow(self.tr("送达"), delivered)
        if row.extension != ExtensionStatus.NONE:
            text = pick(EXTENSION_LIFECYCLE.labels[row.extension])
            if detail.requested_until is not None:
                text = self.tr("{0}：申请延至 {1}，理由：{2}").format(
                    text, day(detail.requested_until), detail.requested_reason
                )
            extension = shows_user_data(QLabel(text))
            extension.setObjectName("tracking-extension")
            extension.setWordWrap(True)
            form.addRow(self.tr("延期"), extension)
        if row.escalation != EscalationLevel.NONE:
            form.addRow(self.tr("督办"), QLabel(pick(ESCALATION_LIFECYCLE.labels[row.escalation])))
        if detail.round > 1:
            form.addRow(self.tr("退回重办"), QLabel(self.tr("{0} 次").format(detail.round - 1)))
        if detail.closed_on is not None:
            closed = shows_user_data(QLabel(f"{day(detail.closed_on)} · {detail.closed_by}"))
            form.addRow(self.tr("销号"), closed)
        return form

    def days_text(self, days_left: int) -> str:
        if days_left < 0:
            return self.tr("逾期 {0} 天").format(-days_left)
        if days_left == 0:
            return self.tr("今天到期")
        return self.tr("剩 {0} 天").format(days_left)

    def _problem(self, problem: ProblemLine) -> QFrame:
        frame = QFrame()
        frame.setObjectName("tracking-problem")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(8, 4, 8, 4)
        top = QHBoxLayout()
        title = shows_user_data(QLabel(f"{problem.number}. {problem.title}"))
        title.setWordWrap(True)
        top.addWidget(title, 1)
        state = QLabel(pick(PROBLEM_STATE_LABELS[problem.state]))
        state.setObjectName("tracking-problem-state")
        state.setStyleSheet(f"color: {STATE_COLOURS[problem.state]}; font-weight: bold")
        top.addWidget(state, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if problem.measures:
            answer = [self.tr("整改措施：{0}").format(problem.measures)]
            answer.append(self.tr("责任人：{0}").format(problem.responsible_person or "—"))
            answer.append(self.tr("证明材料 {0} 份").format(len(problem.evidence)))
            facts = shows_user_data(QLabel(" · ".join(answer)))
            facts.setObjectName("tracking-answer")
            facts.setStyleSheet("color: #444")
            facts.setWordWrap(True)
            layout.addWidget(facts)
        return frame

    def _step(self, entry: TimelineEntry) -> QLabel:
        what = pick(EVENT_LABELS[entry.kind]) if entry.kind else self.tr("签发（成文）")
        parts = [f"{day(entry.on)}  {what}"]
        if entry.new_deadline is not None:
            parts.append(self.tr("期限 {0}").format(day(entry.new_deadline)))
        parts += [text for text in (entry.actor, entry.note) if text]
        label = shows_user_data(QLabel(" · ".join(parts)))
        label.setObjectName("tracking-step")
        label.setWordWrap(True)
        return label

    # --- what a reader sees, for tests and screen readers alike ---

    def problem_states(self) -> list[str]:
        return [w.text() for w in self.findChildren(QLabel, "tracking-problem-state")]

    def timeline_texts(self) -> list[str]:
        return [w.text() for w in self.findChildren(QLabel, "tracking-step")]
