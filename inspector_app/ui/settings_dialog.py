"""Settings: who is inspecting, where data lives, language, time zone, document fonts, server.

The bureau's time zone decides every time shown or printed; a name Python's
zoneinfo does not know is refused before anything is saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.record_facts import check_cert_no
from inspector_app.domain.working_days import MAX_WORKING_DAYS
from inspector_app.settings import Settings
from inspector_app.ui.home.new_inspection_dialog import split_team
from inspector_app.ui.i18n import current_language


def split_organs(text: str) -> list[str]:
    """抄送机关 as typed: separated by 、，, ; or new lines, final 。 dropped."""
    for mark in "，,;；\n":
        text = text.replace(mark, "、")
    return [name.strip().rstrip("。.") for name in text.split("、") if name.strip().rstrip("。.")]


# Offered in the list; any other IANA name can be typed.
COMMON_ZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei")


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self.original = settings
        self.name = QLineEdit(settings.inspector_name)
        self.cert_no = QLineEdit(settings.inspector_cert_no)
        self.cert_no.setObjectName("inspector-cert-no")
        self.cert_no.setPlaceholderText(self.tr("印在现场检查记录表上，新建检查时自动填入"))
        self.team = QLineEdit(", ".join(settings.team))
        self.team.setPlaceholderText(self.tr("新建检查时默认的检查组成员，用逗号分隔"))
        self.data_dir = QLineEdit(settings.data_dir or data_dir)
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_dir, 1)
        data_row.addWidget(browse)
        self.data_note = QLabel(self.tr("更改数据目录后，重新启动程序生效。"))
        self.data_dir.setToolTip(data_dir)
        self.data_note.setWordWrap(True)
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.auto_advance = QCheckBox(self.tr("记录“符合”或“不适用”后自动跳到下一个未检查项"))
        self.auto_advance.setChecked(settings.auto_advance)
        self.time_zone = QComboBox()
        self.time_zone.setEditable(True)
        self.time_zone.addItems(list(COMMON_ZONES))
        self.time_zone.setCurrentText(settings.time_zone or bureau_time.DEFAULT_ZONE)
        self.time_zone.setToolTip(self.tr("IANA 时区名称；北京时间为 Asia/Shanghai"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        self.server = QLineEdit(settings.server_url)
        self.server.setPlaceholderText("https://")
        self.ca_bundle = QLineEdit(settings.server_ca_bundle)
        self.ca_bundle.setPlaceholderText(self.tr("留空则使用系统信任的证书"))
        ca_browse = QPushButton(self.tr("选择…"))
        ca_browse.setObjectName("ca-browse")
        ca_browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(ca_browse)
        self.allow_plain_http = QCheckBox(self.tr("允许不加密的 http 连接（仅限测试环境）"))
        self.allow_plain_http.setChecked(settings.allow_plain_http)
        self.auto_sync = QCheckBox(self.tr("登录后每 5 分钟自动同步"))
        self.auto_sync.setChecked(settings.auto_sync)
        self.issuer_name = QLineEdit(settings.issuer_name)
        self.issuer_code = QLineEdit(settings.issuer_code)
        self.issuer_code.setPlaceholderText(self.tr("机关代字，如：伊营商监"))
        self.deadline_working_days = QSpinBox()
        self.deadline_working_days.setRange(1, MAX_WORKING_DAYS)
        self.deadline_working_days.setValue(settings.deadline_working_days)
        self.deadline_working_days.setSuffix(self.tr(" 个工作日"))
        self.deadline_working_days.setToolTip(
            self.tr("自收到通知之次日起计算：不含法定节假日，含调休上班的周末")
        )
        self.contact_person = QLineEdit(settings.contact_person)
        self.contact_phone = QLineEdit(settings.contact_phone)
        self.copy_to = QLineEdit("，".join(settings.copy_to))
        self.copy_to.setPlaceholderText(
            self.tr("版记中的抄送机关，用顿号或逗号分隔；留空则不印抄送")
        )
        self.printing_office = QLineEdit(settings.printing_office)
        self.printing_office.setPlaceholderText(self.tr("留空则为发文机关"))
        self.font_title = QLineEdit(settings.font_title)
        self.font_body = QLineEdit(settings.font_body)
        self.font_heading = QLineEdit(settings.font_heading)
        self.font_kai = QLineEdit(settings.font_kai)
        for field in (self.font_title, self.font_body, self.font_heading, self.font_kai):
            field.setPlaceholderText(self.tr("留空则自动查找系统字体；也可填写 .ttf/.ttc 文件路径"))

        form = QFormLayout(self)
        form.addRow(self.tr("检查人员姓名"), self.name)
        form.addRow(self.tr("执法证号/工作证号"), self.cert_no)
        form.addRow(self.tr("默认检查组"), self.team)
        form.addRow(self.tr("数据目录"), data_row)
        form.addRow("", self.data_note)
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow(self.tr("检查表"), self.auto_advance)
        form.addRow(self.tr("单位所在时区"), self.time_zone)
        form.addRow(self.tr("同步服务器地址"), self.server)
        form.addRow(self.tr("服务器 CA 证书"), ca_row)
        form.addRow("", self.allow_plain_http)
        form.addRow(self.tr("自动同步"), self.auto_sync)
        form.addRow(self.tr("发文机关"), self.issuer_name)
        form.addRow(self.tr("机关代字"), self.issuer_code)
        form.addRow(self.tr("整改期限"), self.deadline_working_days)
        form.addRow(self.tr("联系人"), self.contact_person)
        form.addRow(self.tr("联系电话"), self.contact_phone)
        form.addRow(self.tr("抄送机关"), self.copy_to)
        form.addRow(self.tr("印发机关"), self.printing_office)
        form.addRow(self.tr("标题字体（小标宋/宋体）"), self.font_title)
        form.addRow(self.tr("正文字体（仿宋）"), self.font_body)
        form.addRow(self.tr("一级标题字体（黑体）"), self.font_heading)
        form.addRow(self.tr("二级标题字体（楷体）"), self.font_kai)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(self.error)
        form.addRow(buttons)
        self.resize(640, 0)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择数据目录"), self.data_dir.text()
        )
        if folder:
            self.data_dir.setText(folder)

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择服务器 CA 证书"),
            self.ca_bundle.text(),
            self.tr("证书 (*.pem *.crt *.cer);;所有文件 (*)"),
        )
        if path:
            self.ca_bundle.setText(path)

    def zone_name(self) -> str:
        return self.time_zone.currentText().strip()

    def accept(self) -> None:
        try:
            check_cert_no(self.name.text().strip() or self.tr("本人"), self.cert_no.text())
        except ValidationFailed as error:
            self._refuse(error.message(current_language()), self.cert_no)
            return
        name = self.zone_name()
        if not bureau_time.is_known_zone(name):
            self.error.setText(
                self.tr(
                    "未知的时区“{0}”，设置未保存。请填写 IANA 时区名称，如 Asia/Shanghai。"
                ).format(name)
            )
            self.error.show()
            self.time_zone.setFocus()
            self.time_zone.lineEdit().selectAll()
            return
        super().accept()

    def _refuse(self, message: str, field: QLineEdit) -> None:
        """Say why nothing was saved, next to the buttons, and go to the field."""
        self.error.setText(message)
        self.error.show()
        field.setFocus()
        field.selectAll()

    def result_settings(self) -> Settings:
        return replace(
            self.original,
            inspector_name=self.name.text().strip(),
            inspector_cert_no=self.cert_no.text().strip(),
            team=split_team(self.team.text()),
            data_dir=self.data_dir.text().strip(),
            language=self.language.currentData(),
            time_zone=self.zone_name(),
            auto_advance=self.auto_advance.isChecked(),
            server_url=self.server.text().strip(),
            server_ca_bundle=self.ca_bundle.text().strip(),
            allow_plain_http=self.allow_plain_http.isChecked(),
            auto_sync=self.auto_sync.isChecked(),
            font_title=self.font_title.text().strip(),
            font_body=self.font_body.text().strip(),
            font_heading=self.font_heading.text().strip(),
            font_kai=self.font_kai.text().strip(),
            issuer_name=self.issuer_name.text().strip() or self.original.issuer_name,
            issuer_code=self.issuer_code.text().strip() or self.original.issuer_code,
            deadline_working_days=self.deadline_working_days.value(),
            contact_person=self.contact_person.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            copy_to=split_organs(self.copy_to.text()),
            printing_office=self.printing_office.text().strip(),
        )
