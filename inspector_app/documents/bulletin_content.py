"""What a 通报 (bulletin) says, as plain values: services gather them, the builder lays
them out, tests and benchmarks can make them directly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from inspector_app.documents.content import Issuer


@dataclass(frozen=True)
class CountRow:
    """One line of a "problems by …" table."""

    name: str
    problems: int


@dataclass(frozen=True)
class TypicalCase:
    """A problem told as an example, with one photo (an upright preview, never the original)."""

    unit: str
    site: str
    item: str
    description: str
    observed_at: datetime | None
    photo: Path | None
    rotation: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class UnitProgress:
    """整改进展 of one responsible unit over the bulletin's problems.

    `assigned` problems are those in an issued notice, `rectified` those of them whose
    notice is closed (销号) or whose rectification was accepted; the rate is theirs.
    """

    unit: str
    problems: int
    notices_issued: int
    notices_closed: int
    notices_overdue: int
    assigned: int
    rectified: int
    warnings: dict[str, int] = field(default_factory=dict)  # blue/yellow/red → notices

    @property
    def rate(self) -> float | None:
        """整改率, or None while nothing was assigned (the unit is not ranked)."""
        return self.rectified / self.assigned if self.assigned else None


@dataclass(frozen=True)
class Totals:
    inspections: int
    halls: int
    problems: int
    covert: int = 0  # 暗访 among the inspections
    units: int = 0


@dataclass(frozen=True)
class BulletinContent:
    bulletin_id: str
    issuer: Issuer
    number: str | None  # 伊营商监通〔2026〕1号; None: an unnumbered draft
    period_from: date
    period_to: date
    campaign: str | None  # the campaign's title when the bulletin is about one
    issued_on: date
    totals: Totals
    by_category: tuple[CountRow, ...]
    by_unit: tuple[CountRow, ...]
    by_district: tuple[CountRow, ...]
    cases: tuple[TypicalCase, ...]
    progress: tuple[UnitProgress, ...]
    red_list: tuple[UnitProgress, ...]  # 红榜: rate ≥ red_rate
    black_list: tuple[UnitProgress, ...]  # 黑榜: rate < black_rate
    red_rate: int = 90  # percent
    black_rate: int = 85
    addressee: str = "各有关单位"

    @property
    def is_draft(self) -> bool:
        return self.number is None
