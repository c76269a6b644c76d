"""A module-scoped server on each backend with small blob limits, for the blob tests.

The limits reach the `serve` process through its environment (BlobLimits.from_env),
so the tests can use a short read timeout and a small quota without waiting long.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import BACKENDS, RunningServer, server_on, start_server

LIMITS = {
    "INSPECTOR_BLOB_MAX_OPEN_UPLOADS": "3",
    "INSPECTOR_BLOB_MAX_OPEN_BYTES": str(8 * 1024 * 1024),
    "INSPECTOR_BLOB_READ_TIMEOUT_SECONDS": "3",
}


def start_with_limits(db: str, folder: Path, limits: dict[str, str]) -> RunningServer:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in limits.items():
            patch.setenv(name, value)
        return start_server(db, folder)


@pytest.fixture(name="limited", scope="module", params=BACKENDS)
def limited_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One server per backend for the whole module; tests use their own accounts or
    uploads so they do not see each other's."""
    with server_on(request.param, tmp_path_factory.mktemp("blob-server"), env=LIMITS) as running:
        yield running
