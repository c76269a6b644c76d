"""Ids of reference records, derived from their codes.

Every laptop and the server compute the same id for the same unit, site,
window or template version without talking to each other.
"""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6b1f8e0e-4d7a-4f3e-9a51-2d1c0c6a9e10")


def reference_id(kind: str, *codes: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join((kind, *codes))))
