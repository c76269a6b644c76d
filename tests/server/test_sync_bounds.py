"""Hostile pushes and pulls against a real server (SQLite and PostgreSQL): what is stored
can always be served, a mutation id means one content, cursors mean the same on both
databases, and a reply never tells a team that another team's photo exists."""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
import requests

from inspector_app.services.demo_photos import write_camera_jpeg

from .conftest import PG_ADMIN, RunningServer, mutation, push, start_server


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One server per database for the whole module: every test uses fresh record ids."""
    tmp_path = tmp_path_factory.mktemp(request.param)
    yield from _serve(request.param, tmp_path)


def _serve(backend: str, tmp_path: Path) -> Iterator[RunningServer]:
    name = f"inspector_test_{uuid.uuid4().hex[:12]}"
    if backend == "sqlite":
        db = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    else:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    running = start_server(db, tmp_path)
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)
        if backend != "sqlite":
            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def tokens(server: RunningServer) -> dict[str, dict[str, str]]:
    return {name: server.token(name) for name in ("admin", "chen", "zhang", "li")}


def _nested(depth: int) -> dict:
    value: dict = {"leaf": "底"}
    for _ in range(depth - 1):
        value = {"next": value}
    return value


def _pull(server: RunningServer, headers: dict, **params: object) -> requests.Response:
    return requests.get(
        f"{server.url}/api/v1/sync/changes", headers=headers, timeout=60, params=params
    )


def _pull_all(server: RunningServer, headers: dict) -> list[dict]:
    changes, cursor = [], "0"
    while True:
        page = _pull(server, headers, cursor=cursor, limit=500)
        assert page.status_code == 200, page.text
        changes += page.json()["changes"]
        cursor = page.json()["next_cursor"]
        if not page.json()["has_more"]:
            return changes


def test_a_300_level_nested_field_is_refused_and_the_team_keeps_syncing(
    server: RunningServer, tokens: dict[str, dict[str, str]]
) -> None:
    zhang, admin = tokens["zhang"], tokens["admin"]
    finding, template = str(uuid.uuid4()), str(uuid.uuid4())
    [as_description] = push(server, zhang, mutation("finding", finding, {"title": _nested(300)}))
    [as_content] = push(
        server,
        admin,
        mutation("checklist_template", template, {"code": "T", "content": _nested(300)}),
    )
    assert as_description["status"] == as_content["status"] == "rejected"
    assert "title must be text" in as_description["message"]
    assert "嵌套过深" in as_content["message"] and "nested too deeply" in as_content["message"]
    # Eight levels (a template as the app writes it has five) still go through.
    [legal] = push(server, admin, mutation("checklist_template", template, {"content": _nested(8)}))
    assert legal["status"] == "applied"
    for name in ("zhang", "chen", "li", "admin"):
        ids = {change["id"] for change in _pull_all(server, tokens[name])}
        assert finding not in ids
    # A conflict reply, which carries the whole record, is served too.
    record = str(uuid.uuid4())
    [created] = push(server, zhang, mutation("finding", record, {"title": "原始"}))
    push(
        server,
        tokens["chen"],
        mutation("finding", record, {"title": "科室"}, base_rev=created["seq"]),
    )
    [conflict] = push(
        server, zhang, mutation("finding", record, {"title": "现场"}, base_rev=created["seq"])
    )
    assert conflict["status"] == "conflict" and conflict["current"]["title"] == "科室"


def test_pushed_fields_are_the_entitys_own_fields_of_their_kind_and_size(
    server: RunningServer, tokens: dict[str, dict[str, str]]
) -> None:
    zhang = tokens["zhang"]
    refused = {
        "payload": ({"payload": "x"}, "has no field 'payload'"),
        "wrong kind": ({"photo_required": "yes"}, "photo_required must be true or false"),
        "a float": ({"title": 1.5}, "title must be text"),
        "too long": ({"description": "长" * 20_001}, "description is too long"),
    }
    ids = {case: str(uuid.uuid4()) for case in refused}
    results = push(
        server, zhang, *[mutation("finding", ids[case], f) for case, (f, _) in refused.items()]
    )
    for (case, (_, message)), result in zip(refused.items(), results, strict=True):
        assert result["status"] == "rejected", case
        assert message in result["message"], (case, result["message"])
    allowed = mutation(
        "finding",
        str(uuid.uuid4()),
        {"description": "长" * 20_000, "photo_required": True, "unit_id": None},
    )
    assert push(server, zhang, allowed)[0]["status"] == "applied"
    pulled = {change["id"] for change in _pull_all(server, zhang)}
    assert pulled.isdisjoint(ids.values()) and allowed["id"] in pulled


def test_a_mutation_id_reused_with_other_content_is_refused_and_the_first_content_kept(
    server: RunningServer, tokens: dict[str, dict[str, str]]
) -> None:
    zhang = tokens["zhang"]
    record = str(uuid.uuid4())
    first = mutation("finding", record, {"title": "第一次"})
    [applied] = push(server, zhang, first)
    [replay] = push(server, zhang, first)
    assert replay["status"] == "already_applied" and replay["seq"] == applied["seq"]
    [reused] = push(server, zhang, {**first, "fields": {"title": "另一内容"}})
    assert reused["status"] == "rejected"
    assert "different content" in reused["message"] and reused["current"] is None
    [deleting] = push(server, zhang, {**first, "deleted": True})
    assert deleting["status"] == "rejected"
    # Within one batch, too: the second use of the id is refused.
    twice = mutation("finding", str(uuid.uuid4()), {"title": "A"})
    statuses = [
        r["status"] for r in push(server, zhang, twice, {**twice, "fields": {"title": "B"}})
    ]
    assert statuses == ["applied", "rejected"]
    titles = {c["id"]: c["fields"].get("title") for c in _pull_all(server, zhang)}
    assert titles[record] == "第一次" and titles[twice["id"]] == "A"


@pytest.mark.parametrize(
    ("cursor", "status"),
    [
        ("2147483647", 200),
        ("2147483648", 422),
        (str(2**63), 422),
        ("99999999999999999999", 422),
        ("-1", 422),
        ("1e3", 422),
        ("", 422),
    ],
)
def test_a_cursor_gets_the_same_answer_on_both_databases(
    server: RunningServer, tokens: dict[str, dict[str, str]], cursor: str, status: int
) -> None:
    answer = _pull(server, tokens["zhang"], cursor=cursor)
    assert answer.status_code == status, answer.text
    if status == 200:
        assert answer.json()["changes"] == [] and answer.json()["next_cursor"] == cursor


@pytest.mark.parametrize("limit", ["0", "-1", "1001", str(2**31), str(2**63), "x"])
def test_an_absurd_page_size_is_refused_on_both_databases(
    server: RunningServer, tokens: dict[str, dict[str, str]], limit: str
) -> None:
    assert _pull(server, tokens["zhang"], limit=limit).status_code == 422


@pytest.mark.parametrize("base_rev", [-1, 2**31, 2**63])
def test_an_absurd_base_revision_is_refused_on_both_databases(
    server: RunningServer, tokens: dict[str, dict[str, str]], base_rev: int
) -> None:
    edit = mutation("finding", str(uuid.uuid4()), {"title": "x"}, base_rev=base_rev)
    pushed = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=tokens["zhang"],
        timeout=30,
        json={"client_id": "laptop-1", "schema_version": 4, "mutations": [edit]},
    )
    assert pushed.status_code == 422, pushed.text


def _photo_bytes(tmp_path: Path) -> bytes:
    path = write_camera_jpeg(
        tmp_path / f"{uuid.uuid4()}.jpg",
        taken_at=datetime.now(UTC),
        portrait=False,
        label="missing",
        rng=random.Random(),
        size=(640, 480),
    )
    return path.read_bytes()


def test_missing_blobs_never_tell_another_team_that_a_photo_exists(
    server: RunningServer, tokens: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    data = _photo_bytes(tmp_path)
    sha = hashlib.sha256(data).hexdigest()
    zhang, li = tokens["zhang"], tokens["li"]
    put = requests.put(f"{server.url}/api/v1/blobs/{sha}", data=data, headers=zhang, timeout=60)
    assert put.status_code == 201
    theirs = mutation("photo", str(uuid.uuid4()), {"sha256": sha})
    ours = mutation("photo", str(uuid.uuid4()), {"sha256": sha})
    zhang_reply = _push_reply(server, zhang, theirs)
    assert zhang_reply["missing_blobs"] == []  # zhang uploaded it
    li_reply = _push_reply(server, li, ours)
    assert li_reply["results"][0]["status"] == "applied"
    assert li_reply["missing_blobs"] == [sha]  # as if the server had never seen it
    assert sha in _missing_in_pull(server, li)
    assert sha not in _missing_in_pull(server, tokens["chen"])  # zhang's team holds it
    # Sending the bytes proves holding them: from then on li's team is told the truth.
    again = requests.put(f"{server.url}/api/v1/blobs/{sha}", data=data, headers=li, timeout=60)
    assert again.status_code == 200
    assert sha not in _missing_in_pull(server, li)


def _push_reply(server: RunningServer, headers: dict, *mutations: dict) -> dict:
    response = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        timeout=60,
        json={"client_id": "laptop-1", "schema_version": 4, "mutations": list(mutations)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _missing_in_pull(server: RunningServer, headers: dict) -> set[str]:
    missing, cursor = set(), "0"
    while True:
        page = _pull(server, headers, cursor=cursor, limit=500).json()
        missing |= set(page["missing_blobs"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return missing
