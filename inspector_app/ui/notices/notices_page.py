"""通知书: the desk's notices, drafts first, each with its warning colour; one open with
its problems and a draft's own fields; 起草 from an approved inspection; 签发, the issued
file and 撤销文号 (ui/notices/notice_actions.py).

Reads and writes go through the store runner (ui/operations/notices.py, the services
`inspector-app notices` uses). Drafting and editing work offline and sync later.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.notice import NOTICE_LIFECYCLE, WARNING_LABELS, NoticeStatus, WarningLevel
from inspector_app.services.notice_batch import Batch, CampaignChoice
from inspector_app.services.notice_desk import Draftable, NoticeDetail, NoticeRow
from inspector_app.services.notice_drafts import NoticeSummary
from inspector_app.settings import load_settings
from inspector_app.ui.errors import show_error, user_message
from inspector_app.ui.i18n import pick
from inspector_app.ui.notices.notice_actions import NoticeActions
from inspector_app.ui.notices.notice_detail import DraftFields, NoticeDetailPane
from inspector_app.ui.operations import notices as ops
from inspector_app.ui.store_runner import StoreRunner

if TYPE_CHECKING:
    from inspector_app.ui.runner.document_preview import DocumentPreview

ID_ROLE = Qt.ItemDataRole.UserRole + 1
WARNING_COLOURS = {
    WarningLevel.NONE: None,
    WarningLevel.BLUE: "#9cc3e6",
    WarningLevel.YELLOW: "#f6d77f",
    WarningLevel.RED: "#ec8f8d",
}


class NoticesPage(QWidget):
    def __init__(self, runner: StoreRunner, *, today: date | None = None) -> None:
        """`today`: the day warnings and deadlines are counted from (the bureau's today)."""
        super().__init__()
        self.setObjectName("notices-page")
        self.runner = runner
        self._today = today
        self.rows: list[NoticeRow] = []
        self.batch_preview: DocumentPreview | None = None
        self.search = QLineEdit(placeholderText=self.tr("搜索文号、受文单位、检查地点或专项行动"))
        self.search.setClearButtonEnabled(True)
        self.draft_button = QPushButton(self.tr("起草…"))
        self.draft_button.setObjectName("notices-draft")
        self.draft_button.setToolTip(self.tr("从审核通过的检查按责任单位起草通知书"))
        self.batch_button = QPushButton(self.tr("批量打印…"))
        self.batch_button.setObjectName("notices-batch")
        self.batch_button.setToolTip(self.tr("一个专项行动已签发的通知书及其送达回证，合为一个PDF"))
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("文号"),
                self.tr("受文单位"),
                self.tr("检查地点"),
                self.tr("状态"),
                self.tr("整改期限"),
                self.tr("预警"),
            ]
        )
        self.table = QTableView()
        self.table.setObjectName("notices-list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        widest = {  # what the columns hold at most, in either language
            0: ["伊营商监〔2026〕188号", self.tr("文号")],
            2: ["伊春市政务服务中心", self.tr("检查地点")],
            3: [pick(labels) for labels in NOTICE_LIFECYCLE.labels.values()],
            4: ["2026-12-31", self.tr("整改期限")],
            5: [pick(labels) for labels in WARNING_LABELS.values()],
        }
        for column, texts in widest.items():
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in texts) + 18)
        self.count = QLabel()
        self.empty = QLabel(self.tr("还没有通知书。检查审核通过后，点击“起草…”按责任单位起草。"))
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.draft_button)
        top.addWidget(self.batch_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)

        self.detail = NoticeDetailPane()
        self.actions = NoticeActions(runner)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 540])
        self.message = QLabel()
        self.message.setObjectName("notices-message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.search.textChanged.connect(self._fill)
        self.draft_button.clicked.connect(self.draft)
        self.batch_button.clicked.connect(self.batch_print)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._open_current())
        self.detail.save_requested.connect(self.save_draft)
        self.detail.move_requested.connect(self.move_problem)
        self.actions.said.connect(lambda text, problem: self._say(text, problem=problem))
        self.actions.issued.connect(lambda done: self.reload(select=done.notice_id))

    @property
    def today(self) -> date:
        return self._today or bureau_time.today()

    # --- the list ---

    def reload(self, select: str | None = None) -> None:
        """Reread the notices (after a sync or a write); `select` one, else keep the selection."""
        chosen = select or self.selected_id()
        self.runner.read(
            ops.rows(today=self.today),
            lambda rows: self._show_rows(rows, chosen),
            lambda e: show_error(self, e),
        )

    def _show_rows(self, rows: list[NoticeRow], chosen: str | None) -> None:
        self.rows = rows
        self._fill(chosen=chosen)

    def _fill(self, *_: object, chosen: str | None = None) -> None:
        kept = chosen or self.selected_id()
        text = self.search.text()
        shown = [row for row in self.rows if row.matches(text)] if text.strip() else self.rows
        self.model.removeRows(0, self.model.rowCount())
        for row in shown:
            self.model.appendRow(self._items(row))
        self.count.setText(self.tr("显示 {0} / 共 {1} 份通知书").format(len(shown), len(self.rows)))
        self.empty.setVisible(not self.rows)
        ids = [row.id for row in shown]
        if kept in ids:
            self.table.selectRow(ids.index(kept))  # the model was refilled: opens it anew
        elif ids:
            self.table.selectRow(0)
        else:
            self.detail.clear()
            self.actions.show_detail(None)

    def _items(self, row: NoticeRow) -> list[QStandardItem]:
        number = QStandardItem(row.number or self.tr("草稿"))
        number.setData(row.id, ID_ROLE)
        site = QStandardItem(row.site)
        if row.campaign:
            site.setToolTip(row.campaign)
        deadline = f"{row.deadline:%Y-%m-%d}" if row.deadline else "—"
        draft = row.status == NoticeStatus.DRAFT  # no deadline runs yet: no colour to show
        warning = QStandardItem("—" if draft else pick(WARNING_LABELS[row.warning]))
        colour = WARNING_COLOURS[row.warning]
        if colour is not None and not draft:
            warning.setBackground(QBrush(QColor(colour)))
        unit = QStandardItem(row.unit)
        unit.setToolTip(row.unit)
        return [
            number,
            unit,
            site,
            QStandardItem(pick(row.status_labels)),
            QStandardItem(deadline),
            warning,
        ]

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row(), 0).data(ID_ROLE)

    def selected_row(self) -> NoticeRow | None:
        chosen = self.selected_id()
        return next((row for row in self.rows if row.id == chosen), None)

    def _open_current(self) -> None:
        notice_id = self.selected_id()
        self.actions.show_detail(None)  # until the notice shown is the one selected
        if notice_id is None:
            return
        self.runner.read(
            ops.detail(notice_id=notice_id, today=self.today),
            self._show_detail,
            lambda e: show_error(self, e),
        )

    def _show_detail(self, detail: NoticeDetail) -> None:
        if detail.row.id != self.selected_id():
            return  # the selection moved on while it was read
        self.detail.show_detail(detail, load_settings().deadline_working_days)
        self.actions.show_detail(detail)

    # --- drafting and editing ---

    def draft(self) -> None:
        self.runner.read(ops.draftable, self._choose_inspection, lambda e: show_error(self, e))

    def _choose_inspection(self, choices: list[Draftable]) -> None:
        from inspector_app.ui.notices.draft_dialog import DraftDialog

        if not choices:
            QMessageBox.information(
                self,
                self.tr("起草整改通知书"),
                self.tr("没有待起草的检查：审核通过的检查都已起草了通知书。"),
            )
            return
        dialog = DraftDialog(choices, self)
        if dialog.exec() != DraftDialog.DialogCode.Accepted or dialog.chosen_id() is None:
            return
        self.runner.write(
            ops.draft(inspection_id=dialog.chosen_id()),
            self._drafted,
            self._refused,
            initiator=self,
        )

    def _drafted(self, drafted: list[NoticeSummary]) -> None:
        made = [d for d in drafted if d.created]
        units = "、".join(d.unit for d in made)
        self._say(
            self.tr("已起草 {0} 份通知书草稿：{1}。").format(len(made), units)
            if made
            else self.tr("这次检查的通知书已起草过。")
        )
        self.reload(select=drafted[0].id if drafted else None)

    def save_draft(self, fields: DraftFields) -> None:
        notice_id = self.selected_id()
        if notice_id is None:
            return
        self.runner.write(
            ops.edit(
                notice_id=notice_id,
                contact_person=fields.contact_person,
                contact_phone=fields.contact_phone,
                working_days=fields.working_days,
                today=self.today,
            ),
            lambda _: self._saved(notice_id),
            self._refused,
            initiator=self,
        )

    def move_problem(self, problem_id: str, to_notice_id: str) -> None:
        self.runner.write(
            ops.move(problem_id=problem_id, to_notice_id=to_notice_id),
            lambda source: self._moved(source, to_notice_id),
            self._refused,
            initiator=self,
        )

    def _moved(self, source: str, target: str) -> None:
        unit = next((row.unit for row in self.rows if row.id == target), "")
        self._say(self.tr("问题已移至“{0}”的草稿。").format(unit))
        self.reload(select=source)

    def _saved(self, notice_id: str) -> None:
        self._say(self.tr("草稿已保存，将在下次同步时上传。"))
        self.reload(select=notice_id)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020" if problem else "")
        self.message.setText(text)

    def _refused(self, error: Exception) -> None:
        self._say(user_message(error), problem=True)

    # --- a campaign's batch ---

    def batch_print(self) -> None:
        self.runner.read(ops.printable_campaigns, self._choose_campaign, self._refused)

    def _choose_campaign(self, choices: list[CampaignChoice]) -> None:
        title = self.tr("批量打印通知书")
        if not choices:
            QMessageBox.information(
                self, title, self.tr("还没有专项行动的通知书已签发，没有可批量打印的内容。")
            )
            return
        labels = [self.tr("{0}（已签发 {1} 份）").format(c.title, c.issued) for c in choices]
        label, ok = QInputDialog.getItem(
            self,
            title,
            self.tr("专项行动：已签发的通知书按文号排列，每份后附送达回证。"),
            labels,
            0,
            False,
        )
        if not ok:
            return
        chosen = choices[labels.index(label)]
        settings = getattr(self.window(), "settings", None) or load_settings()
        self._say(self.tr("正在合成…"))
        self.runner.service_job(
            ops.campaign_batch(campaign_id=chosen.id, settings=settings),
            lambda batch: self._show_batch(chosen, batch),
            self._refused,
        )

    def _show_batch(self, chosen: CampaignChoice, batch: Batch) -> None:
        from inspector_app.ui.runner.document_preview import DocumentPreview, GeneratedPdf

        self._say(
            self.tr("已合成 {0} 份通知书及送达回证，共 {1} 页。").format(
                len(batch.numbers), batch.pages
            )
        )
        name = f"整改通知书-{chosen.title}-批量.pdf"
        if self.batch_preview is not None:
            self.batch_preview.close()
        self.batch_preview = DocumentPreview(
            [GeneratedPdf(chosen.title, name, batch.pdf)], chosen.title, self
        )
        self.batch_preview.resize(900, 700)
        self.batch_preview.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
