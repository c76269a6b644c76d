"""Gapless notice numbers under concurrency; an audit log that detects tampering."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from inspector_app.server.audit import _event_hash, _fields
from inspector_app.server.database import make_engine
from inspector_app.server.models import AuditEvent

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
    checked = _verify(server)
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


def _verify(server: RunningServer):
    """verify-audit as the operator runs it: the database and the server's data folder."""
    return cli("verify-audit", "--db", server.db, "--blobs", str(server.log.parent / "blobs"))


def _numbered(server: RunningServer, count: int = 3) -> Engine:
    """`count` audited writes through the API; an engine on the server's database."""
    headers = server.token("chen")
    for notice in _drafts(server, headers, count):
        assert _allocate(server, headers, notice).status_code == 200
    checked = _verify(server)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    return make_engine(server.db)


def _drop_guards(engine: Engine) -> None:
    """What a DBA can do: drop every trigger that guards the audit table."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_no_change ON audit_event"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_no_truncate ON audit_event"))
        else:
            for name in ("audit_no_update", "audit_no_delete", "audit_no_replace"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def test_audit_log_refuses_truncate_and_replace_and_its_signed_head_catches_a_cut_tail(
    server: RunningServer,
) -> None:
    engine = _numbered(server)
    if engine.dialect.name == "postgresql":
        attacks = [
            "TRUNCATE audit_event",
            "INSERT INTO audit_event SELECT * FROM audit_event ORDER BY seq LIMIT 1"
            " ON CONFLICT (seq) DO UPDATE SET actor = 'mallory'",
        ]
    else:  # REPLACE deletes the old row without firing delete triggers
        attacks = [
            "INSERT OR REPLACE INTO audit_event SELECT seq, at, 'mallory', action, object_type,"
            " object_id, before_digest, after_digest, prev_hash, hash FROM audit_event"
            " ORDER BY seq LIMIT 1",
            "REPLACE INTO audit_event SELECT seq + 1000, at, 'mallory', action, object_type,"
            " object_id, before_digest, after_digest, prev_hash, hash FROM audit_event"
            " ORDER BY seq LIMIT 1",
        ]
    for attack in attacks:
        with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
            conn.execute(text(attack))
    with engine.connect() as conn:
        actors = conn.execute(text("SELECT actor FROM audit_event")).scalars().all()
    assert "mallory" not in actors and len(actors) >= 7

    head = server.log.parent / "blobs" / "audit" / "head.json"
    signed = json.loads(head.read_text())
    head.write_text(json.dumps(dict(signed, seq=signed["seq"] - 1)))
    forged = _verify(server)
    assert forged.returncode == 1 and "signature" in forged.stdout
    head.unlink()
    missing = _verify(server)
    assert missing.returncode == 1 and "missing" in missing.stdout
    head.write_text(json.dumps(signed))

    _drop_guards(engine)
    with engine.begin() as conn:
        last = conn.execute(text("SELECT max(seq) FROM audit_event")).scalar_one()
        conn.execute(text("DELETE FROM audit_event WHERE seq >= :s"), {"s": last - 1})
    engine.dispose()
    chen = server.token("chen")  # a later write must not sign the cut chain
    assert _allocate(server, chen, _drafts(server, chen)[0]).status_code == 200
    checked = _verify(server)
    assert checked.returncode == 1
    assert f"event {last}" in checked.stdout and "cut" in checked.stdout


def _rechain_from(engine: Engine, seq: int, actor: str) -> None:
    """A forged actor at `seq`, then every later event re-hashed, all by raw SQL (SQLite's
    REPLACE path, PostgreSQL's UPDATE): the forged chain is valid in itself."""
    with Session(engine) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.seq >= seq).order_by(AuditEvent.seq)
        ).all()
        session.expunge_all()
    replace = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        previous = events[0].prev_hash
        for event in events:
            if event.seq == seq:
                event.actor = actor
            event.prev_hash, event.hash = previous, _event_hash(previous, _fields(event))
            previous = event.hash
            values = {c: getattr(event, c) for c in ("seq", "actor", "prev_hash", "hash")}
            if replace:
                conn.execute(
                    text(
                        "INSERT OR REPLACE INTO audit_event SELECT seq, at, :actor, action,"
                        " object_type, object_id, before_digest, after_digest, :prev_hash,"
                        " :hash FROM audit_event WHERE seq = :seq"
                    ),
                    values,
                )
            else:
                conn.execute(
                    text(
                        "UPDATE audit_event SET actor = :actor, prev_hash = :prev_hash,"
                        " hash = :hash WHERE seq = :seq"
                    ),
                    values,
                )


def test_verify_audit_detects_a_rehashed_forged_chain(server: RunningServer) -> None:
    engine = _numbered(server)
    with engine.connect() as conn:
        seq = conn.execute(
            text("SELECT seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET 4")
        ).scalar_one()
    _drop_guards(engine)
    _rechain_from(engine, seq, "mallory")
    engine.dispose()
    checked = _verify(server)
    assert checked.returncode == 1
    assert "rewritten" in checked.stdout


def test_another_teams_numbered_notice_and_an_unknown_id_get_the_same_refusal(
    server: RunningServer,
) -> None:
    chen = server.token("chen")
    [notice] = _drafts(server, chen)
    assert _allocate(server, chen, notice).status_code == 200
    server.add_user("wang", "supervisor", "二组")
    wang = server.token("wang")
    bodies = {
        "number": {"organ_code": "伊营商监", "year": 2026},
        "number/withdraw": {"reason": "试探一下别组的文号"},
    }
    for action, body in bodies.items():
        theirs, unknown = (
            requests.post(
                f"{server.url}/api/v1/notices/{notice_id}/{action}",
                json=body,
                headers=wang,
                timeout=30,
            )
            for notice_id in (notice, str(uuid.uuid4()))
        )
        assert theirs.status_code == unknown.status_code == 404, action
        assert theirs.json() == unknown.json(), action
    engine = make_engine(server.db)
    with engine.connect() as conn:
        withdrawn = conn.execute(text("SELECT withdrawn_at FROM issued_number")).scalar_one()
    engine.dispose()
    assert withdrawn is None
