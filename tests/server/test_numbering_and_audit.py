"""Gapless notice numbers under concurrency; an audit log that detects tampering."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import text

from inspector_app.server.database import make_engine

from .conftest import RunningServer, cli


def test_fifty_concurrent_allocations_are_distinct_and_consecutive(
    server: RunningServer,
) -> None:
    headers = server.token("chen")
    notices = [str(uuid.uuid4()) for _ in range(50)]

    def allocate(notice_id: str) -> dict:
        response = requests.post(
            f"{server.url}/api/v1/notices/{notice_id}/number",
            json={"organ_code": "伊营商监", "year": 2026},
            headers=headers,
            timeout=60,
        )
        assert response.status_code == 200, response.text
        return response.json()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(allocate, notices))
    serials = sorted(r["serial"] for r in results)
    assert serials == list(range(1, 51))
    assert {r["number"] for r in results} == {f"伊营商监〔2026〕{n}号" for n in range(1, 51)}
    again = allocate(notices[7])  # a retried request gets the same number back
    assert again == next(r for r in results if r["notice_id"] == notices[7])
    other_year = requests.post(
        f"{server.url}/api/v1/notices/{uuid.uuid4()}/number",
        json={"organ_code": "伊营商监", "year": 2027},
        headers=headers,
        timeout=60,
    ).json()
    assert other_year["serial"] == 1


def test_inspectors_cannot_allocate_numbers(server: RunningServer) -> None:
    response = requests.post(
        f"{server.url}/api/v1/notices/{uuid.uuid4()}/number",
        json={"organ_code": "伊营商监", "year": 2026},
        headers=server.token("zhang"),
        timeout=30,
    )
    assert response.status_code == 403


def test_audit_log_refuses_changes_and_detects_tampering(server: RunningServer) -> None:
    headers = server.token("chen")
    for _ in range(3):
        requests.post(
            f"{server.url}/api/v1/notices/{uuid.uuid4()}/number",
            json={"organ_code": "伊营商监", "year": 2026},
            headers=headers,
            timeout=30,
        )
    assert cli("verify-audit", "--db", server.db).returncode == 0
    engine = make_engine(server.db)
    postgres = engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        seq = conn.execute(
            text("SELECT seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET 4")
        ).scalar_one()
    try:
        with engine.begin() as conn:
            conn.execute(
                text("UPDATE audit_event SET actor = 'mallory' WHERE seq = :s"), {"s": seq}
            )
        raise AssertionError("the audit table accepted an UPDATE")
    except Exception as refused:
        assert "append-only" in str(refused)
    with engine.begin() as conn:  # a DBA who drops the guard first
        if postgres:
            conn.execute(text("DROP TRIGGER audit_no_change ON audit_event"))
        else:
            conn.execute(text("DROP TRIGGER audit_no_update"))
        conn.execute(text("UPDATE audit_event SET actor = 'mallory' WHERE seq = :s"), {"s": seq})
    engine.dispose()
    checked = cli("verify-audit", "--db", server.db)
    assert checked.returncode == 1
    assert f"event {seq}" in checked.stdout


def test_a_withdrawn_number_is_recorded_and_never_reused(server: RunningServer) -> None:
    headers = server.token("chen")
    first, second = str(uuid.uuid4()), str(uuid.uuid4())

    def allocate(notice_id: str) -> dict:
        return requests.post(
            f"{server.url}/api/v1/notices/{notice_id}/number",
            headers=headers,
            json={"organ_code": "伊营商监", "year": 2026},
            timeout=30,
        ).json()

    taken = allocate(first)
    withdrawn = requests.post(
        f"{server.url}/api/v1/notices/{first}/number/withdraw",
        headers=headers,
        json={"reason": "单位名称有误，重新制发"},
        timeout=30,
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["number"] == taken["number"]
    assert allocate(second)["serial"] == taken["serial"] + 1
    engine = make_engine(server.db)
    with engine.connect() as conn:
        reason = conn.execute(
            text("SELECT withdrawal_reason FROM issued_number WHERE notice_id = :n"), {"n": first}
        ).scalar_one()
    engine.dispose()
    assert reason == "单位名称有误，重新制发"
    assert cli("verify-audit", "--db", server.db).returncode == 0
