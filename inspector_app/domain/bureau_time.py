"""The bureau's time zone: every date and time shown or printed is in it.

Times are stored in UTC. An inspector's laptop may run in any zone (a bought
laptop set to UTC, a trip), but notices, record sheets and screens must say
the hall's wall-clock time, so one process-wide zone is set from the settings
at start (`set_zone`) and every display goes through `local`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"

_zone: tzinfo = ZoneInfo(DEFAULT_ZONE)
_zone_name = DEFAULT_ZONE


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def set_zone(name: str) -> str:
    """Use `name` from now on; an unknown or empty name falls back to the default."""
    global _zone, _zone_name
    _zone_name = name if name and is_known_zone(name) else DEFAULT_ZONE
    _zone = ZoneInfo(_zone_name)
    return _zone_name


def zone() -> tzinfo:
    return _zone


def zone_name() -> str:
    return _zone_name


def local(moment: datetime) -> datetime:
    """`moment` on the bureau's clock; a naive value is taken as UTC (as stored)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone)


def now() -> datetime:
    return datetime.now(_zone)


def today() -> date:
    return now().date()


def wall_clock(naive: datetime) -> datetime:
    """A naive wall-clock reading (a camera's EXIF time) taken in the bureau's zone."""
    return naive.replace(tzinfo=_zone)
