"""What the on-site record sheet needs besides the findings, and the rules on it.

A record is evidence (现场检查记录): it names each inspector with the number of
the card they carry (执法证号, or 工作证号 for staff without one), who wrote the
record (记录人), and, for a 暗访, whether the inspectors made themselves known
(亮明身份). Only then can the inspected unit be asked to sign: a covert visit
that stayed covert has nobody on the unit's side who saw the record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.inspection_status import InspectionMode

MAX_CERT_NO = 40  # card numbers seen are 8-20 characters; room for a prefix such as 黑
_CERT_NO = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff（）()\-－/·]+$")


@dataclass(frozen=True)
class RecordFacts:
    """The record sheet's own facts of one inspection, as the inspector set them."""

    identity_shown: bool  # 亮明身份; a 明察 is always shown
    recorder: str  # 记录人: one of the team, or "" while not chosen
    cert_nos: Mapping[str, str]  # team member -> 执法证号/工作证号

    def unit_signs(self, mode: InspectionMode) -> bool:
        """The inspected unit is asked to sign only when it knew it was inspected."""
        return mode == InspectionMode.OVERT or self.identity_shown


def clean_cert_nos(team: Sequence[str], cert_nos: Mapping[str, str]) -> dict[str, str]:
    """Card numbers of team members only, trimmed; refuses one a card cannot carry."""
    cleaned: dict[str, str] = {}
    for name, number in cert_nos.items():
        if name not in team:
            raise ValidationFailed(
                "record.cert_not_in_team",
                f"“{name}”不是本次检查组成员，不能为其填写证号。",
                f"{name} is not on this inspection's team; no card number can be set for them.",
            )
        if number.strip():
            cleaned[name] = check_cert_no(name, number)
    return cleaned


def check_cert_no(name: str, number: str) -> str:
    """A card number as printed: digits, letters, Chinese and hyphens, one short line."""
    number = number.strip()
    if number and (len(number) > MAX_CERT_NO or not _CERT_NO.match(number)):
        raise ValidationFailed(
            "record.cert_invalid",
            f"{name}的执法证号/工作证号“{number[:MAX_CERT_NO]}”无效：只能包含数字、字母、"
            f"汉字和连字符，最多 {MAX_CERT_NO} 个字符。",
            f"{name}'s card number '{number[:MAX_CERT_NO]}' is not valid: digits, letters, "
            f"Chinese characters and hyphens only, at most {MAX_CERT_NO} characters.",
        )
    return number


def check_recorder(team: Sequence[str], recorder: str) -> str:
    """The recorder signs the record, so it is one of the inspectors (or not yet chosen)."""
    recorder = recorder.strip()
    if recorder and recorder not in team:
        raise ValidationFailed(
            "record.recorder_not_in_team",
            f"记录人“{recorder}”不是本次检查组成员，请从检查组中选择记录人。",
            f"The recorder {recorder} is not on this inspection's team; choose one of the team.",
        )
    return recorder
