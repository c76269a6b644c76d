"""An app older or newer than the server is told so in words, never a 500 or a bare 404."""

from __future__ import annotations

import uuid

import pytest
import requests

from inspector_app.protocol.sync import NEWEST_SCHEMA, OLDEST_SCHEMA
from inspector_app.store.schema_version import HEAD_REVISION

from .conftest import RunningServer


def test_the_protocol_carries_the_desktop_stores_current_schema() -> None:
    """A new desktop migration must decide what the server does with its data."""
    assert int(HEAD_REVISION) == NEWEST_SCHEMA
    assert OLDEST_SCHEMA <= NEWEST_SCHEMA


@pytest.mark.parametrize(
    ("schema_version", "words"),
    [(OLDEST_SCHEMA - 1, "升级检查软件"), (NEWEST_SCHEMA + 1, "升级服务器")],
)
def test_push_and_pull_from_an_unknown_store_schema_get_426(
    server: RunningServer, schema_version: int, words: str
) -> None:
    headers = server.token("zhang")
    mutation = {"mutation_id": str(uuid.uuid4()), "entity": "inspection", "id": str(uuid.uuid4())}
    push = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        json={"client_id": "old", "schema_version": schema_version, "mutations": [mutation]},
        timeout=30,
    )
    assert push.status_code == 426 and words in push.json()["detail"]
    pull = requests.get(
        f"{server.url}/api/v1/sync/changes",
        headers=headers,
        params={"schema_version": schema_version},
        timeout=30,
    )
    assert pull.status_code == 426 and words in pull.json()["detail"]
    fine = requests.get(
        f"{server.url}/api/v1/sync/changes",
        headers=headers,
        params={"schema_version": NEWEST_SCHEMA},
        timeout=30,
    )
    assert fine.status_code == 200 and fine.json()["changes"] == []


def test_another_protocol_in_the_path_gets_426_with_a_message(server: RunningServer) -> None:
    newer = requests.post(f"{server.url}/api/v2/sync/push", json={}, timeout=30)
    assert newer.status_code == 426 and "v1" in newer.json()["detail"]
    unknown = requests.get(f"{server.url}/api/v1/no-such-thing", timeout=30)
    assert unknown.status_code == 404 and "No such route" in unknown.json()["detail"]
