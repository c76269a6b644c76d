"""How a conflict reads to the inspector: the record, the field and both values in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from inspector_app.domain import bureau_time
from inspector_app.domain.finding import RESULT_LABELS, SEVERITY_LABELS, FindingResult, Severity
from inspector_app.sync.status import ConflictView
from inspector_app.ui.i18n import pick

CONTEXT = "ConflictsDialog"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def field_label(field: str) -> str:
    labels = {
        "description": _t("问题描述"),
        "result": _t("检查结果"),
        "severity": _t("严重程度"),
        "window_no": _t("窗口号"),
        "staff_badge": _t("工作人员工号"),
        "unit_id": _t("责任单位"),
        "title": _t("标题"),
        "note": _t("备注"),
        "status": _t("状态"),
        "deleted": _t("删除"),
        "caption": _t("照片说明"),
        "team": _t("检查组"),
    }
    return labels.get(field, field)


def record_label(conflict: ConflictView) -> str:
    kinds = {"finding": _t("问题"), "inspection": _t("检查"), "photo": _t("照片")}
    kind = kinds.get(conflict.entity, conflict.entity)
    return f"{kind}：{conflict.label}" if conflict.label else kind


def value_text(field: str, value: Any) -> str:
    if field == "deleted":
        return _t("已删除") if value else _t("未删除")
    if value is None or value == "":
        return _t("（空）")
    if field == "result" and value in FindingResult._value2member_map_:
        return pick(RESULT_LABELS[FindingResult(value)])
    if field == "severity" and value in Severity._value2member_map_:
        return pick(SEVERITY_LABELS[Severity(value)])
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    return str(value)


def when_text(moment: datetime | None) -> str:
    return f"{bureau_time.local(moment):%m-%d %H:%M}" if moment is not None else "—"
