"""Ctrl+Z for field edits of findings: plain Python, so it is tested without Qt.

Text fields have their own undo (the line edit's); this stack remembers the
values a result, window, unit or severity change replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from inspector_app.services.inspections import FindingChanges

UNDO_DEPTH = 20


@dataclass(frozen=True)
class UndoStep:
    finding_id: str
    before: FindingChanges  # the values to write back


class UndoStack:
    """The last `depth` edits, newest last."""

    def __init__(self, depth: int = UNDO_DEPTH) -> None:
        self.depth = depth
        self._steps: list[UndoStep] = []

    def remember(self, finding_id: str, finding: Any, changes: FindingChanges) -> None:
        """Keep what `finding` held in the fields `changes` is about to set.

        `finding` is any object with the FindingChanges field names (a FindingView).
        Fields that were empty before are not restored (None means "leave it").
        """
        before = {
            f.name: getattr(finding, f.name)
            for f in fields(FindingChanges)
            if getattr(changes, f.name) is not None and getattr(finding, f.name) is not None
        }
        if before:
            self._steps.append(UndoStep(finding_id, FindingChanges(**before)))
            del self._steps[: -self.depth]

    def pop(self) -> UndoStep | None:
        return self._steps.pop() if self._steps else None

    def clear(self) -> None:
        self._steps.clear()

    def __len__(self) -> int:
        return len(self._steps)
