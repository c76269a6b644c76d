"""The two steps that go problem by problem: 整改反馈 (the unit's report: measures, who
answers for it, evidence photos and scanned PDFs) and 核查 (rectified or not).

The report covers every problem still owed, as the service requires; evidence files
are chosen here and stored by the service by their hash, all or none.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.rectification import VERIFICATION_LABELS, VerificationResult
from inspector_app.services.rectification import FeedbackItem
from inspector_app.services.tracking import ProblemLine, ProblemState, TrackingDetail
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations import tracking as ops
from inspector_app.ui.operations.tracking import Op
from inspector_app.ui.store_runner import StoreRunner
from inspector_app.ui.tracking.step_dialog import StepDialog, day_of
from inspector_app.ui.widgets import shows_user_data

EVIDENCE_FILTER = "*.jpg *.jpeg *.png *.webp *.pdf"


class ProblemAnswer(QGroupBox):
    """One problem's part of the report."""

    def __init__(self, problem: ProblemLine) -> None:
        super().__init__()
        self.problem = problem
        self.setObjectName("feedback-problem")
        self.files: list[Path] = []
        title = shows_user_data(QLabel(f"{problem.number}. {problem.title}"))
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold")
        self.measures = QPlainTextEdit()
        self.measures.setPlaceholderText(self.tr("采取了哪些整改措施"))
        self.measures.setFixedHeight(56)
        self.responsible = QLineEdit(placeholderText=self.tr("对该问题整改负责的人"))
        self.evidence = shows_user_data(QListWidget())  # file names as the unit sent them
        self.evidence.setFixedHeight(48)
        self.add_button = QPushButton(self.tr("添加照片或扫描件…"))
        self.remove_button = QPushButton(self.tr("移除"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("整改措施"), self.measures)
        form.addRow(self.tr("责任人"), self.responsible)
        form.addRow(self.tr("证明材料"), self.evidence)
        form.addRow("", buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self._remove)

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择整改照片或扫描的整改报告"),
            str(self.files[-1].parent if self.files else Path.home()),
            self.tr("照片或 PDF 扫描件 ({0})").format(EVIDENCE_FILTER),
        )
        for name in names:
            path = Path(name)
            if path not in self.files:
                self.files.append(path)
                self.evidence.addItem(path.name)

    def _remove(self) -> None:
        row = self.evidence.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self.evidence.takeItem(row)

    def item(self) -> FeedbackItem:
        return FeedbackItem(
            problem=self.problem.id,
            measures=self.measures.toPlainText(),
            responsible_person=self.responsible.text(),
            evidence=tuple(self.files),
        )


class FeedbackDialog(StepDialog):
    def __init__(
        self, runner: StoreRunner, detail: TrackingDetail, today: date, parent: QWidget
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("整改反馈"))
        self.received_on = self.date_edit(latest=today)
        self.form.addRow(self.tr("收到整改报告日期"), self.received_on)
        self.answers = [ProblemAnswer(problem) for problem in detail.owed]
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        for answer in self.answers:
            column.addWidget(answer)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.layout_.removeItem(self.layout_.itemAt(1))  # the scroll takes the height
        self.layout_.insertWidget(1, scroll, 1)
        self.resize(640, min(720, 200 + 230 * len(self.answers)))

    def operation(self) -> Op:
        return ops.feedback(
            notice_id=self.detail.row.id,
            received_on=day_of(self.received_on),
            items=[answer.item() for answer in self.answers],
            today=self.today,
        )

    def done_text(self) -> str:
        files = sum(len(answer.files) for answer in self.answers)
        return self.tr("已记录整改报告：{0} 个问题，{1} 份证明材料。").format(
            len(self.answers), files
        )


class VerifyDialog(StepDialog):
    """核查 of the current round's report, problem by problem; one left 待定 is not decided
    now (the service takes results in several goes)."""

    def __init__(
        self,
        runner: StoreRunner,
        detail: TrackingDetail,
        today: date,
        parent: QWidget,
        person: str = "",
    ) -> None:
        super().__init__(runner, detail, today, parent)
        self.set_title(self.tr("核查"))
        self.on = self.date_edit(latest=today)
        self.verifier = QLineEdit(person)
        self.form.addRow(self.tr("核查日期"), self.on)
        self.form.addRow(self.tr("核查人"), self.verifier)
        self.results: dict[str, QComboBox] = {}
        problems = QGroupBox(self.tr("逐项核查结论"))
        grid = QGridLayout(problems)
        grid.setColumnStretch(0, 1)
        for line, problem in enumerate(detail.in_round):
            choice = QComboBox()
            choice.setObjectName("verify-result")
            choice.addItem(self.tr("待定"), VerificationResult.PENDING)
            for result in (VerificationResult.RECTIFIED, VerificationResult.NOT_RECTIFIED):
                choice.addItem(pick(VERIFICATION_LABELS[result]), result)
            current = {
                ProblemState.RECTIFIED: VerificationResult.RECTIFIED,
                ProblemState.NOT_RECTIFIED: VerificationResult.NOT_RECTIFIED,
            }.get(problem.state, VerificationResult.PENDING)
            choice.setCurrentIndex(choice.findData(current))
            choice.setMinimumWidth(170)
            label = shows_user_data(QLabel(f"{problem.number}. {problem.title}"))
            label.setWordWrap(True)
            grid.addWidget(label, line, 0)
            grid.addWidget(choice, line, 1, Qt.AlignmentFlag.AlignTop)
            self.results[problem.id] = choice
        self.layout_.insertWidget(1, problems)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("核查方式、发现的情况（可不填）"))
        self.note.setFixedHeight(56)
        remarks = QFormLayout()  # under the results it remarks on
        remarks.addRow(self.tr("核查意见"), self.note)
        self.layout_.insertLayout(2, remarks)
        self.setMinimumWidth(640)  # room for the problems' descriptions

    def choose(self, number: int, result: VerificationResult) -> None:
        """Set problem `number`'s result, as picking it in its box does."""
        problem = next(p for p in self.detail.in_round if p.number == number)
        box = self.results[problem.id]
        box.setCurrentIndex(box.findData(result))

    def operation(self) -> Op:
        chosen = {  # Qt hands an enum's value back as a plain str
            problem_id: VerificationResult(box.currentData())
            for problem_id, box in self.results.items()
        }
        decided = {ref: r for ref, r in chosen.items() if r != VerificationResult.PENDING}
        return ops.verify(
            notice_id=self.detail.row.id,
            results=decided,
            verifier=self.verifier.text(),
            on=day_of(self.on),
            note=self.note.toPlainText(),
            today=self.today,
        )

    def done_text(self) -> str:
        return self.tr("已记录核查结论。")
