"""The HTTP surface the apps depend on: every path, method and response status code.

The snapshot (openapi_surface.json) was taken from the app before the server was split
into routers; a refactor that drops, renames or adds a route, or changes a status a
client branches on, fails here. Regenerate it on purpose only:
    python tests/server/test_openapi_contract.py > tests/server/openapi_surface.json
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from inspector_app.server.app import create_app

SNAPSHOT = Path(__file__).with_name("openapi_surface.json")


def surface() -> list[dict[str, object]]:
    """(path, method, sorted status codes) of every operation the live app describes."""
    with tempfile.TemporaryDirectory() as blobs:
        spec = create_app("sqlite://", blobs_dir=Path(blobs)).openapi()
    return sorted(
        (
            {"path": path, "method": method.upper(), "statuses": sorted(operation["responses"])}
            for path, operations in spec["paths"].items()
            for method, operation in operations.items()
        ),
        key=lambda entry: (entry["path"], entry["method"]),
    )


def test_the_openapi_surface_matches_the_snapshot() -> None:
    assert surface() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    print(json.dumps(surface(), indent=2, ensure_ascii=False))
