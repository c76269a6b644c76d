"""Asking the server for a notice's official number, and withdrawing it."""

from __future__ import annotations

from datetime import date

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


class BulletinNumberIn(Strict):
    """A 通报's number, asked for when it is exported: its 代字, year and what it covers."""

    organ_code: str = Field(min_length=1, max_length=32, pattern=r"^[^\x00-\x1f\x7f]+$")
    year: int = Field(ge=2000, le=2100)
    period_from: date
    period_to: date
    campaign_id: str = Field(default="", max_length=36)


class BulletinNumberOut(BaseModel):
    bulletin_id: str
    number: str
    serial: int
