"""What every wire model shares: the protocol version and the strict input base."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# Sent by the app as X-Inspector-Protocol and in the URL (/api/v1); a mismatch is a 426.
PROTOCOL_VERSION = 1
UUID_TEXT = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class Strict(BaseModel):
    """Input models refuse unknown fields: server-owned fields cannot be smuggled in."""

    model_config = ConfigDict(extra="forbid")
