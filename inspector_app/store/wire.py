"""Pulled records into column values: the inverse of `outbox.to_wire`.

The server stores what laptops pushed as JSON; a pulled record's dates, times and
enum values become the store's typed values here, and fields this store has no
column for (a newer server's, an admin-only one) are left out.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Date, Enum, inspect

import inspector_app.store.notice_models  # noqa: F401  (registers the notice models)
from inspector_app.store.models import Base, Synced
from inspector_app.store.types import UTCDateTime

LOCAL_ONLY = frozenset({"server_rev", "deleted"})


@cache
def synced_models() -> dict[str, type[Synced]]:
    """Every synced entity's model, by its wire name."""
    return {
        mapper.class_.__sync_entity__: mapper.class_
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Synced)
    }


@cache
def _converters(model: type[Synced]) -> dict[str, Any]:
    converters: dict[str, Any] = {}
    for attr in inspect(model).column_attrs:
        if attr.key in LOCAL_ONLY:
            continue
        column_type = attr.columns[0].type
        if isinstance(column_type, Enum) and column_type.enum_class is not None:
            converters[attr.key] = column_type.enum_class
        elif isinstance(column_type, UTCDateTime):
            converters[attr.key] = _datetime
        elif isinstance(column_type, Date):
            converters[attr.key] = _date
        else:
            converters[attr.key] = None
    return converters


def _datetime(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("a time without a zone")
    return parsed


def _date(value: str) -> date:
    return date.fromisoformat(value)


def from_wire(model: type[Synced], fields: dict[str, Any]) -> dict[str, Any]:
    """The column values of a pulled record; a value that cannot be read is left out
    (the local value stays) rather than failing the whole page."""
    values: dict[str, Any] = {}
    for name, convert in _converters(model).items():
        if name not in fields:
            continue
        value = fields[name]
        if value is not None and convert is not None:
            try:
                value = convert(value)
            except (TypeError, ValueError):
                continue
        values[name] = value
    return values
