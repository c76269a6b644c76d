"""The server's log format: one JSON object per line."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


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
        return json.dumps(payload, ensure_ascii=False)
