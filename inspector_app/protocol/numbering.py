"""Asking the server for a notice's official number, and withdrawing it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from inspector_app.protocol.base import Strict


class NumberIn(Strict):
    organ_code: str = Field(min_length=1, max_length=32, pattern=r"^[^\x00-\x1f\x7f]+$")
    year: int = Field(ge=2000, le=2100)


class WithdrawIn(Strict):
    reason: str = Field(min_length=4, max_length=500)


class NumberOut(BaseModel):
    notice_id: str
    number: str
    serial: int
