"""Input no database can store gets a clear refusal, never a 500 (both databases)."""

from __future__ import annotations

import json
import uuid

import requests

from .conftest import RunningServer, mutation, push


def _raw_push(server: RunningServer, headers: dict, body: str) -> requests.Response:
    return requests.post(
        f"{server.url}/api/v1/sync/push",
        headers={**headers, "Content-Type": "application/json"},
        data=body.encode(),
        timeout=30,
    )


def test_unstorable_fields_refuse_one_mutation_not_the_laptops_whole_sync(
    server: RunningServer,
) -> None:
    headers = server.token("zhang")
    good = mutation("finding", str(uuid.uuid4()), {"description": "正常记录"})
    bad_fields = [
        {"description": "\ud800 半个代理对"},
        {"description": "空字符\x00"},
        {"score": float("nan")},
        {"score": float("inf")},
        {"nested": [{"deep": "\x00"}]},
        {"x" * 70: "太长的字段名"},
        {"Description": "大写字段名"},
    ]
    mutations = [mutation("finding", str(uuid.uuid4()), f) for f in bad_fields] + [good]
    # json.dumps writes NaN and lone surrogates as Python's json module reads them.
    response = _raw_push(
        server,
        headers,
        json.dumps({"client_id": "t", "schema_version": 4, "mutations": mutations}),
    )
    assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["rejected"] * len(bad_fields) + ["applied"]
    assert all(
        "无法保存" in r["message"] or "NaN" in r["message"] or "字段" in r["message"]
        for r in response.json()["results"][:-1]
    )


def test_malformed_ids_and_cursors_are_validation_errors(server: RunningServer) -> None:
    headers = server.token("zhang")
    for record_id in ("\x00" * 36, "short", "x" * 36):
        bad = {**mutation("finding", str(uuid.uuid4()), {}), "id": record_id}
        body = json.dumps({"client_id": "t", "schema_version": 4, "mutations": [bad]})
        assert _raw_push(server, headers, body).status_code == 422
    for cursor in ("²", "1" * 25, "-1", ""):
        pulled = requests.get(
            f"{server.url}/api/v1/sync/changes",
            headers=headers,
            params={"cursor": cursor},
            timeout=30,
        )
        assert pulled.status_code == 422, cursor


def test_nul_bytes_and_surrogates_elsewhere_never_reach_a_500(server: RunningServer) -> None:
    chen = server.token("chen")
    answers = [
        requests.post(
            f"{server.url}/api/v1/auth/login",
            data=json.dumps({"username": name, "password": "whatever-1"}).encode(),
            headers={"Content-Type": "application/json"},
            timeout=30,
        ).status_code
        for name in ("zh\x00ang", "zh\udc00ang")
    ]
    notice = str(uuid.uuid4())
    assert push(server, chen, mutation("notice", notice, {}))[0]["status"] == "applied"
    answers.append(
        requests.post(
            f"{server.url}/api/v1/notices/{notice}/number",
            data=json.dumps({"organ_code": "伊营\x00商监", "year": 2026}).encode(),
            headers={**chen, "Content-Type": "application/json"},
            timeout=30,
        ).status_code
    )
    answers.append(
        requests.head(
            f"{server.url}/api/v1/blobs/{'a' * 64}/uploads/%00%00", headers=chen, timeout=30
        ).status_code
    )
    assert all(400 <= code < 500 for code in answers), answers
