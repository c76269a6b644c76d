"""Role × route × object, generated from the app's own routes.

One team (一组) records a campaign, an inspection with a finding and a photo,
starts an upload and numbers a notice. Then every API route is called by the
other team's inspector and supervisor with a valid request aimed at those
objects: none of them may be read, changed or even listed. Every write route
is also called with each server-owned field injected, and the database must
not change.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import pytest
import requests
from sqlalchemy import text

from inspector_app.protocol.notice_digest import verification_code
from inspector_app.server.access import SERVER_OWNED, server_owned
from inspector_app.server.database import make_engine
from inspector_app.services.demo_photos import write_camera_jpeg
from tests.builders import notice_pdf_of, small_notice

from .conftest import PASSWORD, RunningServer, cli, mutation, openapi_spec, push, start_server

SPEC = openapi_spec()
ROUTES = sorted(
    (method.upper(), path)
    for path, operations in SPEC["paths"].items()
    if path.startswith("/api/v1")
    for method in operations
)
# Server-owned or identity fields a client might try to smuggle into any write.
INJECTED = sorted(SERVER_OWNED | {"team", "role", "created_by", "issued_by", "active", "id"})
DIGEST = "c" * 64  # the content digest recorded for the team's notice
# Knowing a photo's sha256 means having its bytes already, so these reveal nothing:
# HEAD tells a client it can skip an upload, and anyone may upload bytes they hold.
# A 通报 is the bureau's, numbered in one series for every team: no team's object to hide.
BUREAU_WIDE = {("POST", "/api/v1/bulletins/{bulletin_id}/number")}
OPEN_BY_HASH = {
    ("HEAD", "/api/v1/blobs/{sha256}"),
    ("PUT", "/api/v1/blobs/{sha256}"),
    ("POST", "/api/v1/blobs/{sha256}/uploads"),
}


@dataclass
class World:
    server: RunningServer
    campaign: str
    inspection: str
    finding: str
    photo: str
    notice: str
    sha256: str
    upload_id: str
    jpeg: bytes

    @property
    def secrets(self) -> list[str]:
        """Strings that must never reach the other team."""
        return [self.campaign, self.inspection, self.finding, self.photo, self.notice, self.sha256]


def _build_world(server: RunningServer, tmp_path: Path) -> World:
    zhang, chen = server.token("zhang"), server.token("chen")
    jpeg = write_camera_jpeg(
        tmp_path / "evidence.jpg",
        taken_at=datetime.now(UTC),
        portrait=False,
        label="一组",
        rng=Random(5),
        size=(800, 600),
    ).read_bytes()
    sha = hashlib.sha256(jpeg).hexdigest()
    put = requests.put(f"{server.url}/api/v1/blobs/{sha}", data=jpeg, headers=zhang, timeout=60)
    assert put.status_code == 201, put.text
    ids = {name: str(uuid.uuid4()) for name in ("campaign", "inspection", "finding", "photo")}
    results = push(
        server,
        chen,
        mutation(
            "campaign",
            ids["campaign"],
            {"title": "一季度暗访", "planned_site_ids": [str(uuid.uuid4())]},
        ),
    )
    results += push(
        server,
        zhang,
        mutation("inspection", ids["inspection"], {"status": "draft", "note": "一组检查"}),
        mutation("finding", ids["finding"], {"inspection_id": ids["inspection"]}),
        mutation("photo", ids["photo"], {"finding_id": ids["finding"], "sha256": sha}),
    )
    assert [r["status"] for r in results] == ["applied"] * 4
    notice = str(uuid.uuid4())
    assert push(server, chen, mutation("notice", notice, {"status": "draft"}))[0]["status"] == (
        "applied"
    )
    numbered = requests.post(
        f"{server.url}/api/v1/notices/{notice}/number",
        json={"organ_code": "伊营商监", "year": 2026},
        headers=chen,
        timeout=30,
    )
    assert numbered.status_code == 200, numbered.text
    recorded = requests.post(
        f"{server.url}/api/v1/notices/{notice}/digest",
        json={"digest": DIGEST},
        headers=chen,
        timeout=30,
    )
    assert recorded.status_code == 200, recorded.text
    started = requests.post(
        f"{server.url}/api/v1/blobs/{'b' * 64}/uploads",
        json={"size": 10},
        headers=zhang,
        timeout=30,
    )
    assert started.status_code == 201, started.text
    return World(
        server, notice=notice, sha256=sha, upload_id=started.json()["upload_id"], jpeg=jpeg, **ids
    )


BULLETIN = "5b0f3c2e-8a41-5d7e-9c1a-2f6e4d8b7a10"  # a bulletin id as the client makes one


def _target(world: World, path: str) -> str:
    return (
        path.replace("{sha256}", world.sha256)
        .replace("{notice_id}", world.notice)
        .replace("{upload_id}", world.upload_id)
        .replace("{username}", "zhang")
        .replace("{bulletin_id}", BULLETIN)
    )


def _valid_request(world: World, method: str, path: str) -> dict[str, Any]:
    """A request the route would accept from a caller allowed to make it."""
    examples: dict[tuple[str, str], dict[str, Any]] = {
        ("POST", "/api/v1/auth/login"): {"json": {"username": "zhang", "password": "wrong-guess"}},
        ("POST", "/api/v1/notices/{notice_id}/number"): {
            "json": {"organ_code": "伊营商监", "year": 2026}
        },
        ("POST", "/api/v1/notices/{notice_id}/number/withdraw"): {
            "json": {"reason": "文书内容有误，撤回重发"}
        },
        ("POST", "/api/v1/notices/{notice_id}/digest"): {"json": {"digest": DIGEST}},
        ("POST", "/api/v1/bulletins/{bulletin_id}/number"): {
            "json": {
                "organ_code": "伊营商监通",
                "year": 2026,
                "period_from": "2026-11-01",
                "period_to": "2026-11-30",
            }
        },
        ("POST", "/api/v1/notices/verify"): {
            "json": {"digest": DIGEST, "code": verification_code(world.notice)}
        },
        ("POST", "/api/v1/notices/verify/pdf"): {
            "data": _notice_pdf(world.notice),
            "headers": {"Content-Type": "application/pdf"},
        },
        ("PUT", "/api/v1/notices/{notice_id}/pdf"): {
            "data": _notice_pdf(world.notice),
            "headers": {"Content-Type": "application/pdf"},
        },
        ("POST", "/api/v1/admin/users"): {
            "json": {"username": "intruder", "password": PASSWORD, "role": "admin"}
        },
        ("PUT", "/api/v1/blobs/{sha256}"): {"data": world.jpeg},
        ("POST", "/api/v1/blobs/{sha256}/uploads"): {"json": {"size": len(world.jpeg)}},
        ("PATCH", "/api/v1/blobs/{sha256}/uploads/{upload_id}"): {
            "data": b"0123456789",
            "headers": {"Upload-Offset": "0"},
        },
        ("POST", "/api/v1/sync/push"): {
            "json": {
                "client_id": "other-team",
                "schema_version": 4,
                "mutations": [
                    mutation(entity, record_id, {"note": "改掉"}, base_rev=10**6)
                    for entity, record_id in (
                        ("campaign", world.campaign),
                        ("inspection", world.inspection),
                        ("finding", world.finding),
                        ("photo", world.photo),
                        ("notice", world.notice),
                    )
                ],
            }
        },
        ("POST", "/api/v1/sync/records"): {
            "json": {
                "records": [
                    {"entity": entity, "id": record_id}
                    for entity, record_id in (
                        ("campaign", world.campaign),
                        ("inspection", world.inspection),
                        ("finding", world.finding),
                        ("photo", world.photo),
                        ("notice", world.notice),
                    )
                ]
            }
        },
    }
    operation = SPEC["paths"][path][method.lower()]
    if "requestBody" in operation:
        assert (method, path) in examples, f"add a valid example body for {method} {path}"
    return examples.get((method, path), {})


@cache
def _notice_pdf(notice_id: str) -> bytes:
    """A notice PDF printing the team's notice's 核验码 (its text is not the issued one)."""
    return notice_pdf_of(small_notice(notice_id, "伊营商监〔2026〕1号"))


def _snapshot(db_url: str) -> str:
    """Everything a write could change, as one digest (tokens and login records aside)."""
    queries = [
        "SELECT entity, id, team, seq, deleted, data FROM sync_record ORDER BY entity, id",
        "SELECT notice_id, number, withdrawn_at FROM issued_number ORDER BY number",
        "SELECT organ_code, year, last_serial FROM notice_counter ORDER BY organ_code, year",
        "SELECT sha256, uploaded_by FROM blob ORDER BY sha256",
        "SELECT username, role, team, active FROM account ORDER BY username",
        "SELECT count(*) FROM sync_conflict",
        "SELECT notice_id, digest FROM notice_digest ORDER BY notice_id",
    ]
    engine = make_engine(db_url)
    with engine.connect() as connection:
        rows = [[list(map(str, row)) for row in connection.execute(text(q))] for q in queries]
    engine.dispose()
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture
def world(server: RunningServer, tmp_path: Path) -> World:
    return _build_world(server, tmp_path)


def test_every_route_has_an_example_or_needs_no_body(world: World) -> None:
    for method, path in ROUTES:
        _valid_request(world, method, path)
    assert len(ROUTES) >= 15


@pytest.mark.parametrize("caller", ["li", "wang"])
def test_the_other_team_can_neither_reach_nor_list_a_teams_objects(
    world: World, caller: str
) -> None:
    server = world.server
    admin = server.token("admin")
    created = requests.post(
        f"{server.url}/api/v1/admin/users",
        headers=admin,
        json={"username": "wang", "password": PASSWORD, "role": "supervisor", "team": "二组"},
        timeout=30,
    )
    assert created.status_code == 201, created.text
    headers = server.token(caller)
    before = _snapshot(server.db)
    reached, leaked = {}, {}
    for method, path in ROUTES:
        if (method, path) in OPEN_BY_HASH | BUREAU_WIDE or path.startswith("/api/v1/auth/"):
            continue
        request = _valid_request(world, method, path)
        response = requests.request(
            method,
            server.url + _target(world, path),
            headers={**headers, **request.get("headers", {})},
            json=request.get("json"),
            data=request.get("data"),
            timeout=60,
        )
        if "{" in path and response.status_code < 400:
            reached[(method, path)] = response.status_code
        found = [secret for secret in world.secrets if secret in response.text]
        found += [word for word in ("$argon2", "token_hash", PASSWORD) if word in response.text]
        if response.status_code < 400 and found:
            leaked[(method, path)] = found
        if path == "/api/v1/sync/push":
            assert {r["status"] for r in response.json()["results"]} == {"rejected"}
    assert reached == {}
    assert leaked == {}
    assert _snapshot(server.db) == before


def test_the_same_team_reaches_the_same_objects(world: World) -> None:
    """The control for the test above: the objects exist and their team sees them."""
    server, zhang = world.server, world.server.token("zhang")
    blob = requests.get(f"{server.url}/api/v1/blobs/{world.sha256}", headers=zhang, timeout=30)
    assert blob.status_code == 200 and blob.content == world.jpeg
    pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=zhang, timeout=30).text
    assert all(secret in pulled for secret in world.secrets)
    reference = requests.get(f"{server.url}/api/v1/reference", headers=zhang, timeout=30).json()
    assert [c["id"] for c in reference["campaign"]] == [world.campaign]
    assert reference["campaign"][0]["fields"]["planned_site_ids"]


@pytest.mark.parametrize("caller", ["zhang", "chen", "admin"])
def test_server_owned_fields_injected_into_any_write_change_nothing(
    world: World, caller: str
) -> None:
    server = world.server
    headers = server.token(caller)
    before = _snapshot(server.db)
    writes = [
        (method, path)
        for method, path in ROUTES
        if method in ("POST", "PUT", "PATCH") and "json" in _valid_request(world, method, path)
    ]
    assert len(writes) >= 6
    accepted = {}
    for method, path in writes:
        body = _valid_request(world, method, path)["json"]
        if path == "/api/v1/sync/push":
            for entity, record in (("inspection", world.inspection), ("notice", world.notice)):
                for field in sorted(server_owned(entity)):
                    ordinary = "note" if entity == "inspection" else "contact_person"
                    fields = {field: "x", ordinary: "带服务器字段"}
                    [result] = push(
                        server, headers, mutation(entity, record, fields, base_rev=10**6)
                    )
                    if result["status"] != "rejected":
                        accepted[(entity, field)] = result["status"]
            continue
        for field in INJECTED:
            response = requests.request(
                method,
                server.url + _target(world, path),
                headers=headers,
                json={**body, field: 1},
                timeout=60,
            )
            if response.status_code < 400:
                accepted[(path, field)] = response.status_code
    assert accepted == {}
    assert _snapshot(server.db) == before


def test_a_team_named_in_a_records_fields_does_not_move_the_record(world: World) -> None:
    server, li = world.server, world.server.token("li")
    record = str(uuid.uuid4())
    [result] = push(server, li, mutation("inspection", record, {"team": ["一组"], "note": "x"}))
    assert result["status"] == "applied"
    zhang_sees = requests.get(
        f"{server.url}/api/v1/sync/changes", headers=server.token("zhang"), timeout=30
    ).text
    assert record not in zhang_sees


def test_supervisors_see_every_team_only_when_configured(database_url: str, tmp_path: Path) -> None:
    server = start_server(database_url, tmp_path, "--supervisors-see-all-teams")
    try:
        world = _build_world(server, tmp_path)
        server.add_user("wang", "supervisor", "二组")
        wang, li = server.token("wang"), server.token("li")
        pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=wang, timeout=30).text
        assert world.inspection in pulled and world.campaign in pulled
        blob = requests.get(f"{server.url}/api/v1/blobs/{world.sha256}", headers=wang, timeout=30)
        assert blob.status_code == 200
        hidden = requests.get(f"{server.url}/api/v1/sync/changes", headers=li, timeout=30).text
        assert world.inspection not in hidden
        assert (
            requests.get(
                f"{server.url}/api/v1/blobs/{world.sha256}", headers=li, timeout=30
            ).status_code
            == 404
        )
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    assert cli("verify-audit", "--db", database_url).returncode == 0


def test_naming_another_teams_photo_in_a_record_does_not_open_it(world: World) -> None:
    """Hashes are printed on notices; knowing one is not holding the photo."""
    server, li = world.server, world.server.token("li")
    claim = mutation("photo", str(uuid.uuid4()), {"sha256": world.sha256, "annotated_sha256": None})
    assert [r["status"] for r in push(server, li, claim)] == ["applied"]
    url = f"{server.url}/api/v1/blobs/{world.sha256}"
    assert requests.get(url, headers=li, timeout=30).status_code == 404
    # Sending the bytes themselves is proof of holding them.
    assert requests.put(url, data=world.jpeg, headers=li, timeout=60).status_code == 200
    assert requests.get(url, headers=li, timeout=30).content == world.jpeg


def test_every_blob_a_record_names_is_tracked_until_it_arrives(world: World) -> None:
    server, zhang = world.server, world.server.token("zhang")
    annotated, evidence = "e" * 64, "f" * 64
    results = push(
        server,
        zhang,
        mutation(
            "photo",
            str(uuid.uuid4()),
            {"finding_id": world.finding, "sha256": world.sha256, "annotated_sha256": annotated},
        ),
    )
    assert results[0]["status"] == "applied"
    chen = server.token("chen")
    response = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=chen,
        json={
            "client_id": "t",
            "schema_version": 4,
            "mutations": [
                mutation(
                    "rectification_feedback",
                    str(uuid.uuid4()),
                    {"notice_id": world.notice, "evidence_sha256": [evidence, world.sha256]},
                )
            ],
        },
        timeout=30,
    )
    assert response.json()["missing_blobs"] == [evidence]
    pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=zhang, timeout=30).json()
    assert pulled["missing_blobs"] == [annotated, evidence]
