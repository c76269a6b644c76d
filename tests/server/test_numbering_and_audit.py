"""Gapless notice numbers under concurrency; an audit log that detects tampering."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import text

from inspector_app.server.database import make_engine

from .conftest import RunningServer, cli, mutation, push


def _drafts(server: RunningServer, headers: dict, count: int = 1) -> list[str]:
    """Draft notices synced by the caller: only those can be numbered."""
    ids = [str(uuid.uuid4()) for _ in range(count)]
    results = push(server, headers, *[mutation("notice", n, {"status": "draft"}) for n in ids])
    assert {r["status"] for r in results} == {"applied"}
    return ids


def _allocate(server: RunningServer, headers: dict, notice_id: str, year: int = 2026):
    return requests.post(
        f"{server.url}/api/v1/notices/{notice_id}/number",
        json={"organ_code": "伊营商监", "year": year},
        headers=headers,
        timeout=60,
    )


def test_fifty_concurrent_allocations_are_distinct_and_consecutive(
    server: RunningServer,
) -> None:
    headers = server.token("chen")
    notices = _drafts(server, headers, 50)

    def allocate(notice_id: str) -> dict:
        response = _allocate(server, headers, notice_id)
        assert response.status_code == 200, response.text
        return response.json()

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(allocate, notices))
    serials = sorted(r["serial"] for r in results)
    assert serials == list(range(1, 51))
    assert {r["number"] for r in results} == {f"伊营商监〔2026〕{n}号" for n in range(1, 51)}
    again = allocate(notices[7])  # a retried request gets the same number back
    assert again == next(r for r in results if r["notice_id"] == notices[7])
    other_year = _allocate(server, headers, _drafts(server, headers)[0], year=2027).json()
    assert other_year["serial"] == 1


def test_the_number_reaches_every_laptop_through_the_notice_record(server: RunningServer) -> None:
    chen = server.token("chen")
    [notice] = _drafts(server, chen)
    number = _allocate(server, chen, notice).json()["number"]
    pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=chen, timeout=30).json()
    [record] = [c for c in pulled["changes"] if c["id"] == notice]
    assert record["fields"]["number"] == number


def test_only_a_synced_draft_of_ones_own_team_gets_a_number(server: RunningServer) -> None:
    chen = server.token("chen")
    unsynced = _allocate(server, chen, str(uuid.uuid4()))
    assert unsynced.status_code == 404 and "同步" in unsynced.json()["detail"]
    server.add_user("wang", "supervisor", "二组")
    [notice] = _drafts(server, chen)
    assert _allocate(server, server.token("wang"), notice).status_code == 404
    issued = push(server, chen, mutation("notice", notice, {"status": "issued"}, base_rev=10**6))
    assert issued[0]["status"] == "applied"
    assert _allocate(server, chen, notice).status_code == 409
    engine = make_engine(server.db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM issued_number")).scalar_one() == 0
    engine.dispose()


def test_twenty_concurrent_requests_for_one_notice_get_one_number(server: RunningServer) -> None:
    chen = server.token("chen")
    [notice] = _drafts(server, chen)
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: _allocate(server, chen, notice), range(20)))
    assert {a.status_code for a in answers} == {200}
    assert {a.json()["number"] for a in answers} == {"伊营商监〔2026〕1号"}


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
    for notice in _drafts(server, headers, 3):
        assert _allocate(server, headers, notice).status_code == 200
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
    first, second = _drafts(server, headers, 2)

    def allocate(notice_id: str) -> dict:
        return _allocate(server, headers, notice_id).json()

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
