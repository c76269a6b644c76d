"""New inspection: campaign (its template and planned sites first), site, team, mode, time.

A campaign's plan is sealed (services/sealed_plans.py): until the account at this
laptop opens it, the form names no planned site, only how many there are; 启封计划
asks first, saying that who and when will be recorded, and only then shows them.
Every opening this laptop knows (pulled ones too) is listed under the campaign.

The team always starts with the inspector named in 设置 (the person at the
laptop), then the default team from 设置, else the campaign's team. Planned
sites already inspected in the campaign (submitted or approved) lose their ★.
The arrival time is shown and read on the bureau's clock, whatever the
laptop's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.inspection import MODE_LABELS, InspectionMode
from inspector_app.services.queries import CampaignChoice, NewInspectionChoices
from inspector_app.services.sealed_plans import Opening
from inspector_app.ui.errors import show_error
from inspector_app.ui.i18n import pick
from inspector_app.ui.operations.sealed_plans import open_plan

if TYPE_CHECKING:
    from inspector_app.ui.store_runner import StoreRunner

SHOWN_OPENINGS = 4  # the newest few; the rest are counted


@dataclass(frozen=True)
class NewInspectionRequest:
    campaign_id: str | None
    template_id: str
    site_id: str
    team: list[str]
    mode: InspectionMode
    started_at: datetime
    note: str


def split_team(text: str) -> list[str]:
    for separator in "，、;；":
        text = text.replace(separator, ",")
    return [name.strip() for name in text.split(",") if name.strip()]


def team_with(inspector: str, *names: str) -> list[str]:
    """The inspector first, then the others once each, in order."""
    team: list[str] = []
    for name in (inspector.strip(), *names):
        if name and name not in team:
            team.append(name)
    return team


def wall_clock_edit_value(moment: datetime) -> QDateTime:
    """`moment` on the bureau's clock, held as a plain reading (UTC spec: no DST shifts)."""
    wall = bureau_time.local(moment)
    return QDateTime(
        QDate(wall.year, wall.month, wall.day),
        QTime(wall.hour, wall.minute, wall.second),
        QTimeZone.utc(),
    )


def from_wall_clock_edit(value: QDateTime) -> datetime:
    """The reading in the field, taken on the bureau's clock, as an aware datetime."""
    day, time = value.date(), value.time()
    naive = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), time.second())
    return bureau_time.wall_clock(naive)


class NewInspectionDialog(QDialog):
    def __init__(
        self,
        choices: NewInspectionChoices,
        default_team: list[str],
        parent: QWidget | None = None,
        *,
        inspector: str = "",
        runner: StoreRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建检查"))
        self.choices = choices
        self.runner = runner
        self.inspector = inspector.strip()
        self.default_team = list(default_team)
        self.campaign = QComboBox()
        for campaign in choices.campaigns:
            self.campaign.addItem(campaign.title, campaign)
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        self.template = QComboBox()
        for template in choices.templates:
            self.template.addItem(template.label, template.id)
        self.site = QComboBox()
        self.site.setMaxVisibleItems(20)
        self.plan_state = QLabel()
        self.open_plan_button = QPushButton(self.tr("启封计划…"))
        self.open_plan_button.setAutoDefault(False)  # Enter still starts the inspection
        self.open_plan_button.clicked.connect(self._ask_open_plan)
        self.plan_row = QHBoxLayout()
        self.plan_row.addWidget(self.plan_state, 1)
        self.plan_row.addWidget(self.open_plan_button)
        self.plan_openings = QLabel()
        self.plan_openings.setWordWrap(True)
        self.plan_openings.setStyleSheet("color: #555")
        # A wrapped label would take the spare height of a tall dialog.
        self.plan_openings.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.team = QLineEdit(", ".join(team_with(self.inspector, *default_team)))
        self.team.setPlaceholderText(self.tr("检查组成员，用逗号分隔"))
        self.overt = QRadioButton(pick(MODE_LABELS[InspectionMode.OVERT]))
        self.covert = QRadioButton(pick(MODE_LABELS[InspectionMode.COVERT]))
        self.covert.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.overt)
        modes.addButton(self.covert)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.covert)
        mode_row.addWidget(self.overt)
        mode_row.addStretch(1)
        self.arrival = QDateTimeEdit()
        self.arrival.setTimeZone(QTimeZone.utc())  # else Qt turns the reading into laptop time
        self.arrival.setDateTime(wall_clock_edit_value(bureau_time.now()))
        self.arrival.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.arrival.setCalendarPopup(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("备注（可选）"))
        self.note.setFixedHeight(70)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")

        form = QFormLayout(self)
        form.addRow(self.tr("专项行动"), self.campaign)
        form.addRow(self.tr("检查表"), self.template)
        form.addRow(self.tr("暗访计划"), self.plan_row)
        form.addRow("", self.plan_openings)
        self.form = form
        form.addRow(self.tr("检查地点"), self.site)
        form.addRow(self.tr("检查组成员"), self.team)
        form.addRow(self.tr("检查方式"), mode_row)
        form.addRow(self.tr("到达时间"), self.arrival)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始检查"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.campaign.currentIndexChanged.connect(self._campaign_changed)
        self._campaign_changed()
        self.resize(560, 0)

    def _campaign_changed(self) -> None:
        campaign: CampaignChoice | None = self.campaign.currentData()
        starred = campaign.open_site_ids if campaign else ()
        inspected = campaign.inspected_site_ids if campaign else frozenset()
        self.site.clear()
        by_id = {s.id: s for s in self.choices.sites}
        for site_id in starred:
            if site_id in by_id:
                self.site.addItem(self.tr("★ {0}").format(by_id[site_id].label), site_id)
        for site in self.choices.sites:
            if site.id in inspected:
                self.site.addItem(self.tr("{0}（本专项已检查）").format(site.label), site.id)
            elif site.id not in starred:
                self.site.addItem(site.label, site.id)
        if campaign is not None:
            index = self.template.findData(campaign.template_id)
            if index >= 0:
                self.template.setCurrentIndex(index)
            if not self.team.isModified():  # the user's own list stays as typed
                others = self.default_team or list(campaign.team)
                self.team.setText(", ".join(team_with(self.inspector, *others)))
        self.template.setEnabled(campaign is None)
        self._show_plan(campaign)

    def _show_plan(self, campaign: CampaignChoice | None) -> None:
        planned = campaign.planned_count if campaign else 0
        self.form.setRowVisible(self.plan_row, planned > 0)
        sealed = campaign is not None and campaign.sealed
        self.open_plan_button.setVisible(sealed)
        if sealed:
            self.plan_state.setText(self.tr("{0} 个计划点位（未启封）").format(planned))
        else:
            self.plan_state.setText(self.tr("{0} 个计划点位（已启封，标 ★）").format(planned))
        openings = campaign.openings if campaign else ()
        self.form.setRowVisible(self.plan_openings, bool(openings))
        self.plan_openings.setText(self._openings_text(openings))

    def _openings_text(self, openings: tuple[Opening, ...]) -> str:
        newest = sorted(openings, key=lambda o: o.opened_at, reverse=True)
        lines = [
            self.tr("{0} 于 {1} 启封").format(
                o.opened_by, f"{bureau_time.local(o.opened_at):%Y-%m-%d %H:%M}"
            )
            for o in newest[:SHOWN_OPENINGS]
        ]
        if len(newest) > SHOWN_OPENINGS:
            lines.append(self.tr("另有 {0} 次").format(len(newest) - SHOWN_OPENINGS))
        return self.tr("启封记录：{0}").format(self.tr("；").join(lines))

    def _ask_open_plan(self) -> None:
        """Asks first; cancelling leaves the plan sealed and records nothing."""
        campaign: CampaignChoice | None = self.campaign.currentData()
        if campaign is None or not campaign.sealed or self.runner is None:
            return
        if self.choices.account:  # else the service says why it cannot be opened here
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("启封暗访计划？"), "", parent=self)
            box.setText(
                self.tr(
                    "启封后将显示「{0}」的 {1} 个计划点位。\n\n"
                    "启封人（{2}）和启封时间将被记录，同步后写入服务器的审计日志，"
                    "科室负责人可以看到。启封后不能撤销。"
                ).format(campaign.title, campaign.planned_count, self.choices.account)
            )
            confirm = box.addButton(self.tr("启封"), QMessageBox.ButtonRole.AcceptRole)
            cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(cancel)
            box.exec()
            if box.clickedButton() is not confirm:
                return
        self.runner.write(
            open_plan(campaign_id=campaign.id),
            self._plan_opened,
            lambda error: show_error(self, error),
            initiator=self,
        )

    def _plan_opened(self, revealed: CampaignChoice) -> None:
        for i in range(self.campaign.count()):
            data = self.campaign.itemData(i)
            if data is not None and data.id == revealed.id:
                self.campaign.setItemData(i, revealed)
        current: CampaignChoice | None = self.campaign.currentData()
        if current is not None and current.id == revealed.id:
            self._campaign_changed()

    def accept(self) -> None:
        if not split_team(self.team.text()):
            self.error.setText(self.tr("请至少填写一名检查组成员。"))
            self.team.setFocus()
            return
        if self.template.currentData() is None or self.site.currentData() is None:
            self.error.setText(self.tr("请选择检查表和检查地点。"))
            return
        super().accept()

    def request(self) -> NewInspectionRequest:
        campaign: CampaignChoice | None = self.campaign.currentData()
        return NewInspectionRequest(
            campaign_id=campaign.id if campaign else None,
            template_id=self.template.currentData(),
            site_id=self.site.currentData(),
            team=split_team(self.team.text()),
            mode=InspectionMode.OVERT if self.overt.isChecked() else InspectionMode.COVERT,
            started_at=from_wall_clock_edit(self.arrival.dateTime()),
            note=self.note.toPlainText().strip(),
        )
