"""Errors raised by use cases when a referenced record does not exist."""

from __future__ import annotations

from inspector_app.domain.errors import DomainError

KIND_LABELS = {
    "inspection": ("检查记录", "inspection"),
    "finding": ("检查发现", "finding"),
    "photo": ("照片", "photo"),
    "site": ("检查地点", "site"),
    "unit": ("责任单位", "unit"),
    "template": ("检查表模板", "checklist template"),
    "campaign": ("专项行动", "campaign"),
    "notice": ("整改通知书", "rectification notice"),
    "notice_problem": ("通知书所列问题", "problem of the notice"),
}


class NotFound(DomainError):
    def __init__(self, kind: str, record_id: str) -> None:
        zh, en = KIND_LABELS.get(kind, (kind, kind))
        super().__init__(
            f"{kind}.not_found",
            f"找不到编号为 {record_id} 的{zh}。",
            f"No {en} with id {record_id} exists.",
        )
