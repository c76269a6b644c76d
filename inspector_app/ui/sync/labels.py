"""Words for a record's sync state, shared by the home list and the runner header.

Keyed by `RecordSyncState.value` so the home list (on the start-up path) needs no
SQLAlchemy import to show them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def state_labels() -> dict[str, str]:
    """State value -> text in the current UI language (built when the language is set)."""
    translate = QCoreApplication.translate
    return {
        "conflict": translate("SyncState", "冲突"),
        "rejected": translate("SyncState", "被拒绝"),
        "photo_missing": translate("SyncState", "照片未上传"),
        "pending": translate("SyncState", "待同步"),
        "synced": translate("SyncState", "已同步"),
        "local": translate("SyncState", "未同步"),
    }


def row_state(states: dict[str, str], inspection_id: str, acknowledged: bool) -> str:
    """A home row's state: flagged ones by name, else synced once the server has it."""
    return states.get(inspection_id) or ("synced" if acknowledged else "local")
