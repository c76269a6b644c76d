"""One notice on the 通知书 page: to whom, about what, and a draft's own fields.

The problems are listed as the notice prints them; a draft's selected problem can be
moved to another draft of its inspection or campaign. A draft's contact and deadline are
edited here and saved with 保存 (one write); an issued notice shows them read-only,
since its PDF is frozen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.working_days import MAX_WORKING_DAYS
from inspector_app.services.notice_desk import NoticeDetail
from inspector_app.ui.i18n import pick
from inspector_app.ui.widgets import shows_user_data

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class DraftFields:
    contact_person: str
    contact_phone: str
    working_days: int


class NoticeDetailPane(QWidget):
    save_requested = Signal(object)  # DraftFields
    move_requested = Signal(str, str)  # problem (notice_finding) id, target draft id

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice-detail")
        self.detail: NoticeDetail | None = None
        self.title = shows_user_data(QLabel())
        self.title.setObjectName("notice-title")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold")
        self.title.setWordWrap(True)
        self.facts = shows_user_data(QLabel())
        self.facts.setWordWrap(True)
        self.problems = shows_user_data(QListWidget())
        self.problems.setObjectName("notice-problems")
        self.problems.setWordWrap(True)
        self.problems.setFrameShape(QFrame.Shape.NoFrame)
        self.problems.setStyleSheet("QListWidget { background: transparent; }")
        self.move_target = shows_user_data(QComboBox())
        self.move_target.setObjectName("notice-move-target")
        self.move_button = QPushButton(self.tr("移至"))
        self.move_button.setObjectName("notice-move")
        self.move_button.setToolTip(self.tr("把选中的问题移到同一检查或同一专项行动的另一份草稿"))
        self.move_row = QWidget()
        move_row = QHBoxLayout(self.move_row)
        move_row.setContentsMargins(0, 0, 0, 0)
        move_row.addWidget(QLabel(self.tr("选中的问题")))
        move_row.addWidget(self.move_button)
        move_row.addWidget(self.move_target, 1)

        self.contact_person = QLineEdit()
        self.contact_person.setObjectName("notice-contact-person")
        self.contact_person.setMaxLength(100)
        self.contact_phone = QLineEdit()
        self.contact_phone.setObjectName("notice-contact-phone")
        self.contact_phone.setMaxLength(50)
        self.working_days = QSpinBox()
        self.working_days.setObjectName("notice-working-days")
        self.working_days.setRange(1, MAX_WORKING_DAYS)
        self.working_days.setPrefix(self.tr("收到通知之日起 "))
        self.working_days.setSuffix(self.tr(" 个工作日内"))
        self.deadline = QLabel()
        self.deadline.setStyleSheet("color: #555")
        days = QHBoxLayout()
        days.addWidget(self.working_days)
        days.addWidget(self.deadline, 1)
        self.save_button = QPushButton(self.tr("保存草稿"))
        self.save_button.setObjectName("notice-save")
        self.frozen_note = QLabel(self.tr("已签发的通知书以签发文本为准，不能再修改。"))
        self.frozen_note.setStyleSheet("color: #666")
        self.frozen_note.setWordWrap(True)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("联系人"), self.contact_person)
        form.addRow(self.tr("联系电话"), self.contact_phone)
        form.addRow(self.tr("整改期限"), days)
        save_row = QHBoxLayout()
        save_row.addWidget(self.frozen_note, 1)
        save_row.addWidget(self.save_button)
        self.fields = QWidget()
        fields = QVBoxLayout(self.fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.form)
        fields.addLayout(save_row)

        self.placeholder = QLabel(
            self.tr("请在左侧列表中选择一份通知书，或点击“起草…”从审核通过的检查起草。")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #666")
        self.heading = QLabel(self.tr("存在问题"))
        self.heading.setStyleSheet("font-weight: bold")
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(8, 4, 8, 8)
        body.addWidget(self.title)
        body.addWidget(self.facts)
        body.addWidget(self.heading)
        body.addWidget(self.problems, 1)
        body.addWidget(self.move_row)
        body.addWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.save_button.clicked.connect(self._save)
        self.move_button.clicked.connect(self._move)
        self.problems.currentRowChanged.connect(lambda _: self._movable())
        self.clear()

    def clear(self) -> None:
        self.detail = None
        self.body.hide()
        self.placeholder.show()

    def show_detail(self, detail: NoticeDetail, default_days: int) -> None:
        self.detail = detail
        row = detail.row
        number = row.number or self.tr("草稿（未编号）")
        self.title.setText(f"{row.unit} · {number}")
        facts = [self.tr("状态：{0}").format(pick(row.status_labels))]
        if row.site:
            visited = f"{bureau_time.local(row.visited):%Y-%m-%d}" if row.visited else ""
            facts.append(self.tr("检查地点：{0} {1}").format(row.site, visited).rstrip())
        if row.campaign:
            facts.append(self.tr("专项行动：{0}").format(row.campaign))
        if detail.issued_on and row.number:
            facts.append(self.tr("成文日期：{0:%Y-%m-%d}").format(detail.issued_on))
        if not detail.editable:
            if row.deadline:
                facts.append(self.tr("整改期限：{0:%Y-%m-%d}").format(row.deadline))
            contact = f"{detail.contact_person} {detail.contact_phone}".strip()
            facts.append(self.tr("联系人：{0}").format(contact or "—"))
        self.facts.setText("\n".join(facts))
        self.heading.setText(self.tr("存在问题（{0}个）").format(len(detail.problems)))
        self.problems.clear()
        for problem in detail.problems:
            item = QListWidgetItem(f"{problem.number}. {problem.title}")
            item.setData(ID_ROLE, problem.id)
            self.problems.addItem(item)
        self.move_target.clear()
        for target in detail.move_targets:
            label = self.tr("{0}（专项合并）").format(target.unit) if target.merged else target.unit
            self.move_target.addItem(label, target.notice_id)
        self.move_row.setVisible(detail.editable and bool(detail.move_targets))
        self._movable()
        self.contact_person.setText(detail.contact_person)
        self.contact_phone.setText(detail.contact_phone)
        self.working_days.setValue(detail.working_days or default_days)
        if row.deadline and detail.editable:
            self.deadline.setText(self.tr("今日签发则至 {0:%Y-%m-%d}").format(row.deadline))
        else:
            self.deadline.setText("")
        self.form.setVisible(detail.editable)  # an issued notice's facts are in the text above
        self.save_button.setVisible(detail.editable)
        self.frozen_note.setVisible(not detail.editable)
        self.placeholder.hide()
        self.body.show()

    def problem_texts(self) -> list[str]:
        """The problems on screen, in order, as a reader of the page sees them."""
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    def _movable(self) -> None:
        self.move_button.setEnabled(self.problems.currentItem() is not None)

    def _move(self) -> None:
        item = self.problems.currentItem()
        target = self.move_target.currentData()
        if item is not None and target is not None:
            self.move_requested.emit(item.data(ID_ROLE), target)

    def _save(self) -> None:
        self.save_requested.emit(
            DraftFields(
                self.contact_person.text(), self.contact_phone.text(), self.working_days.value()
            )
        )
