"""How a conflict reads to the inspector: the record, the field and both values in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import RESULT_LABELS, SEVERITY_LABELS, FindingResult, Severity
from inspector_app.sync.status import ConflictView
from inspector_app.ui.i18n import pick

translate = QCoreApplication.translate  # with a literal context each time: lupdate reads them


def field_label(field: str) -> str:
    labels = {
        "description": translate("ConflictsDialog", "问题描述"),
        "result": translate("ConflictsDialog", "检查结果"),
        "severity": translate("ConflictsDialog", "严重程度"),
        "window_no": translate("ConflictsDialog", "窗口号"),
        "staff_badge": translate("ConflictsDialog", "工作人员工号"),
        "unit_id": translate("ConflictsDialog", "责任单位"),
        "title": translate("ConflictsDialog", "标题"),
        "note": translate("ConflictsDialog", "备注"),
        "status": translate("ConflictsDialog", "状态"),
        "deleted": translate("ConflictsDialog", "删除"),
        "caption": translate("ConflictsDialog", "照片说明"),
        "team": translate("ConflictsDialog", "检查组"),
        "identity_shown": translate("ConflictsDialog", "亮明身份"),
        "recorder": translate("ConflictsDialog", "记录人"),
        "cert_nos": translate("ConflictsDialog", "执法证号/工作证号"),
    }
    return labels.get(field, field)


def record_label(conflict: ConflictView) -> str:
    return kind_and_label(conflict.entity, conflict.label)


def kind_and_label(entity: str, label: str) -> str:
    """ "问题：窗口是否…": what kind of record, and which one."""
    kinds = {
        "finding": translate("ConflictsDialog", "问题"),
        "inspection": translate("ConflictsDialog", "检查"),
        "photo": translate("ConflictsDialog", "照片"),
        "notice": translate("RejectedDialog", "整改通知书"),
    }
    kind = kinds.get(entity, entity)
    return translate("ConflictsDialog", "{0}：{1}").format(kind, label) if label else kind


def value_text(field: str, value: Any) -> str:
    if field == "deleted":
        return (
            translate("ConflictsDialog", "已删除")
            if value
            else translate("ConflictsDialog", "未删除")
        )
    if value is None or value == "":
        return translate("ConflictsDialog", "（空）")
    if field == "result" and value in FindingResult._value2member_map_:
        return pick(RESULT_LABELS[FindingResult(value)])
    if field == "severity" and value in Severity._value2member_map_:
        return pick(SEVERITY_LABELS[Severity(value)])
    if field == "identity_shown":
        return (
            translate("ConflictsDialog", "已亮明身份")
            if value
            else translate("ConflictsDialog", "未亮明身份")
        )
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, dict):  # card numbers by name
        return "、".join(f"{name}：{number}" for name, number in value.items())
    return str(value)


def when_text(moment: datetime | None) -> str:
    return f"{bureau_time.local(moment):%m-%d %H:%M}" if moment is not None else "—"


def who_when(by: str | None, moment: datetime | None) -> str:
    """ "zhang · 12-02 14:05": who made a value and when (bureau time)."""
    when = when_text(moment)
    return f"{by} · {when}" if by else when
