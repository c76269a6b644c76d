"""Corrections after submission are amendments with a reason, never silent edits."""

from __future__ import annotations

from dataclasses import dataclass

from inspector_app.domain.errors import ValidationFailed

MIN_REASON_LENGTH = 4


@dataclass(frozen=True)
class AmendmentRequest:
    field: str
    old_value: str
    new_value: str
    reason: str

    def validate(self) -> None:
        if len(self.reason.strip()) < MIN_REASON_LENGTH:
            raise ValidationFailed(
                "amendment.reason_required",
                f"更正必须说明理由（至少{MIN_REASON_LENGTH}个字）。",
                f"An amendment needs a reason of at least {MIN_REASON_LENGTH} characters.",
            )
        if self.old_value == self.new_value:
            raise ValidationFailed(
                "amendment.no_change",
                "更正后的内容与原内容相同，无需更正。",
                "The corrected value equals the current one; nothing to amend.",
            )
