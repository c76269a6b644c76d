"""Reference data as the app receives it to start an inspection."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class ReferenceRecord(BaseModel):
    id: str
    seq: int
    fields: dict[str, Any]


class ReferenceOut(BaseModel):
    """Units, sites, windows and checklist template versions for everyone; campaigns
    (with their planned sites) only for the team that runs them."""

    unit: list[ReferenceRecord]
    site: list[ReferenceRecord]
    window: list[ReferenceRecord]
    checklist_template: list[ReferenceRecord]
    campaign: list[ReferenceRecord]
