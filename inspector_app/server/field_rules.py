"""What a pushed field may hold: a field of its entity (protocol/entities.py), of that
field's kind, within bounds.

What is stored is served to every laptop of the team, in pull pages and conflict
replies: a value that could be stored but not served (nested hundreds of levels deep,
megabytes long, a NaN) would break sync for the whole team, so it is refused here,
before anything is written.
"""

from __future__ import annotations

import math
import re
from typing import Any

from inspector_app.protocol.entities import ENTITIES, FieldKind

MAX_TEXT = 20_000  # characters in one text value (a description, a note)
MAX_LIST_ITEMS = 1_000  # planned sites, team members, evidence photos
MAX_ITEM_TEXT = 200  # an id, a name, a sha256
MAX_DEPTH = 8  # objects and lists inside each other (a checklist template has 5)
MAX_NODES = 20_000  # values in one document
MAX_INT = 2**31 - 1  # an integer column on every database
BAD_TEXT = re.compile("[\x00\ud800-\udfff]")  # PostgreSQL refuses NUL; UTF-8 has no surrogates

WRONG_KIND = {
    "text": ("文本", "text"),
    "int": ("整数", "an integer"),
    "bool": ("是或否", "true or false"),
    "list": ("文本列表", "a list of text"),
    "document": ("JSON 对象", "a JSON object"),
}


def problem(entity: str, fields: dict[str, Any]) -> str | None:
    """Why these fields cannot be stored (and so served) as they are, or None."""
    spec = ENTITIES[entity]
    known = spec.all_fields()
    for name, value in fields.items():
        if name not in known:
            return f"未知字段：{name[:40]!r}。/ A {entity} has no field {name[:40]!r}."
        found = _value_problem(name, spec.kind(name), value)
        if found:
            return found
    return None


def _value_problem(name: str, kind: FieldKind, value: Any) -> str | None:
    if value is None:
        return None
    if kind == "text" and isinstance(value, str):
        return _text_problem(name, value, MAX_TEXT)
    if kind == "int" and type(value) is int:
        return None if abs(value) <= MAX_INT else _too_large(name)
    if kind == "bool" and isinstance(value, bool):
        return None
    if kind == "list" and isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            return _too_large(name)
        if not all(isinstance(item, str) for item in value):
            return _wrong_kind(name, kind)
        return next((p for item in value if (p := _text_problem(name, item, MAX_ITEM_TEXT))), None)
    if kind == "document" and isinstance(value, dict):
        return _document_problem(name, value)
    return _wrong_kind(name, kind)


def _document_problem(name: str, document: dict[str, Any]) -> str | None:
    """Walks the document without recursion, so any depth is measured, never followed."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    nodes = 0
    while pending:
        value, depth = pending.pop()
        nodes += 1
        if nodes > MAX_NODES:
            return _too_large(name)
        if isinstance(value, dict | list) and depth > MAX_DEPTH:
            return f"字段 {name} 嵌套过深。/ {name} is nested too deeply (at most {MAX_DEPTH})."
        if isinstance(value, dict):
            for key in value:
                found = _text_problem(name, key, MAX_ITEM_TEXT)
                if found:
                    return found
            pending += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            pending += [(item, depth + 1) for item in value]
        elif isinstance(value, str):
            found = _text_problem(name, value, MAX_TEXT)
            if found:
                return found
        elif isinstance(value, float) and not math.isfinite(value):
            return "数值无效（NaN 或无穷大）。/ NaN and infinity cannot be stored."
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
            return _too_large(name)
    return None


def _text_problem(name: str, text: str, limit: int) -> str | None:
    if len(text) > limit:
        return _too_large(name)
    if BAD_TEXT.search(text):
        return "文本含有无法保存的字符。/ The text has characters that cannot be stored."
    return None


def _too_large(name: str) -> str:
    return f"字段 {name} 过长或过大。/ {name} is too long or too large."


def _wrong_kind(name: str, kind: FieldKind) -> str:
    chinese, english = WRONG_KIND[kind]
    return f"字段 {name} 应为{chinese}。/ {name} must be {english}."
