"""The server's log format: one JSON object per line."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from datetime import UTC, datetime

# Beyond what json.dumps escapes (C0 controls): characters that some readers take as a
# line break (U+0085, U+2028, U+2029) or that hide or reorder text on a terminal (C1
# and format characters such as bidi overrides), and lone surrogates, which cannot be
# written as UTF-8 at all. They only ever occur inside JSON strings, so a \u escape is
# always valid there.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"})
_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) not in _UNSAFE_CATEGORIES:
        return char
    return json.dumps(char)[1:-1]  # \uXXXX, a surrogate pair beyond the BMP


def one_line(payload: dict) -> str:
    """The payload as JSON that every reader sees as exactly one line."""
    return _NON_ASCII.sub(_escape, json.dumps(payload, ensure_ascii=False))


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: user-supplied text is escaped, never a forged line."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.now(UTC).isoformat(),
            "level": record.levelname,
            "message": record.getMessage(),
        }
        payload.update(getattr(record, "fields", {}))
        if record.exc_info:  # for the operator's log only, never a response
            payload["error"] = self.formatException(record.exc_info)
        return one_line(payload)
