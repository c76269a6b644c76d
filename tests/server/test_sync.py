"""Push and pull against a real server: idempotent, conflict-keeping, team-scoped, ordered."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from sqlalchemy import text

from inspector_app.server.database import make_engine

from .conftest import RunningServer, cli, mutation, push


def _mutation(
    record_id: str,
    fields: dict,
    *,
    entity: str = "finding",
    base_rev: int | None = None,
    deleted: bool = False,
) -> dict:
    return mutation(entity, record_id, fields, base_rev=base_rev, deleted=deleted)


def _pull_all(server: RunningServer, headers: dict, limit: int = 500) -> list[dict]:
    changes, cursor = [], "0"
    while True:
        page = requests.get(
            f"{server.url}/api/v1/sync/changes",
            headers=headers,
            timeout=60,
            params={"cursor": cursor, "limit": limit},
        ).json()
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes


def test_replayed_push_applies_once(server: RunningServer) -> None:
    headers = server.token("zhang")
    record = str(uuid.uuid4())
    edit = _mutation(record, {"description": "3号窗口无人", "result": "fail"})
    [first] = push(server, headers, edit)
    assert first["status"] == "applied" and first["seq"] >= 1
    [again] = push(server, headers, edit)  # the reply was lost; the laptop retries
    assert again["status"] == "already_applied" and again["seq"] == first["seq"]
    assert [c["id"] for c in _pull_all(server, headers)] == [record]


def test_another_users_mutation_id_is_refused_without_its_stored_reply(
    server: RunningServer,
) -> None:
    zhang, li = server.token("zhang"), server.token("li")
    record = str(uuid.uuid4())
    [created] = push(server, zhang, _mutation(record, {"description": "一组"}))
    stale = {
        **_mutation(record, {"description": "改"}, base_rev=0),
        "mutation_id": str(uuid.uuid4()),
    }
    [conflict] = push(server, zhang, stale)
    assert conflict["status"] == "conflict" and conflict["current"]["description"] == "一组"
    [replayed] = push(server, li, {**stale, "id": str(uuid.uuid4())})
    assert replayed["status"] == "rejected" and replayed["current"] is None
    assert "一组" not in str(replayed) and created["status"] == "applied"


def test_concurrent_edit_of_one_field_is_a_conflict_and_both_values_are_kept(
    server: RunningServer,
) -> None:
    zhang, chen = server.token("zhang"), server.token("chen")
    record = str(uuid.uuid4())
    [created] = push(server, zhang, _mutation(record, {"description": "原始", "window_no": "3"}))
    base = created["seq"]
    [theirs] = push(server, chen, _mutation(record, {"description": "科室修改"}, base_rev=base))
    assert theirs["status"] == "applied"
    [mine] = push(
        server,
        zhang,
        _mutation(record, {"description": "现场补充", "window_no": "5"}, base_rev=base),
    )
    assert mine["status"] == "conflict"
    assert mine["current"]["description"] == "科室修改"  # nothing overwritten
    assert mine["current"]["window_no"] == "5"  # the field nobody else touched merged in
    engine = make_engine(server.db)
    with engine.connect() as conn:
        kept, lost = conn.execute(
            text("SELECT kept, lost FROM sync_conflict WHERE record_id = :r"), {"r": record}
        ).one()
    engine.dispose()
    assert "科室修改" in kept and "现场补充" in lost


def test_same_id_with_different_content_is_never_a_silent_overwrite(
    server: RunningServer,
) -> None:
    headers = server.token("zhang")
    record = str(uuid.uuid4())
    push(server, headers, _mutation(record, {"title": "A"}))
    [other] = push(server, headers, _mutation(record, {"title": "B"}))  # same base: none
    assert other["status"] == "conflict" and other["current"]["title"] == "A"
    [identical] = push(server, headers, _mutation(record, {"title": "A"}))
    assert identical["status"] == "applied"


def test_twenty_concurrent_pushes_of_one_record_make_one_record(server: RunningServer) -> None:
    headers = server.token("zhang")
    record = str(uuid.uuid4())

    def push_once(_: int) -> str:
        return push(server, headers, _mutation(record, {"title": "空岗"}))[0]["status"]

    def log_in(_: int) -> int:
        return server.login("chen").status_code  # audited too, on another connection

    with ThreadPoolExecutor(max_workers=10) as pool:
        logins = pool.map(log_in, range(5))
        statuses = list(pool.map(push_once, range(20)))
    assert set(statuses) == {"applied"} and set(logins) == {200}
    assert [c["id"] for c in _pull_all(server, headers)].count(record) == 1
    # Concurrent writers append to one hash chain without forking it.
    assert cli("verify-audit", "--db", server.db).returncode == 0


def test_tombstones_propagate_and_win_over_stale_edits(server: RunningServer) -> None:
    headers = server.token("zhang")
    record = str(uuid.uuid4())
    [created] = push(server, headers, _mutation(record, {"caption": "照片"}, entity="photo"))
    push(
        server,
        headers,
        _mutation(record, {}, entity="photo", base_rev=created["seq"], deleted=True),
    )
    [stale] = push(
        server,
        headers,
        _mutation(record, {"caption": "改"}, entity="photo", base_rev=created["seq"]),
    )
    assert stale["status"] == "conflict" and stale["current"]["deleted"] is True
    [change] = [c for c in _pull_all(server, server.token("chen")) if c["id"] == record]
    assert change["deleted"] is True


def test_pages_in_any_size_give_every_change_once_in_order(server: RunningServer) -> None:
    headers = server.token("zhang")
    records = [str(uuid.uuid4()) for _ in range(25)]
    for chunk in range(0, 25, 5):
        push(
            server,
            headers,
            *[
                _mutation(r, {"window_no": str(i)})
                for i, r in enumerate(records[chunk : chunk + 5], start=chunk)
            ],
        )
    for limit in (1, 7, 500):
        changes = _pull_all(server, headers, limit=limit)
        assert [c["id"] for c in changes] == records
        seqs = [c["seq"] for c in changes]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_other_teams_neither_see_nor_change_records(server: RunningServer) -> None:
    zhang, li = server.token("zhang"), server.token("li")
    record = str(uuid.uuid4())
    [created] = push(server, zhang, _mutation(record, {"note": "一组的检查"}, entity="inspection"))
    assert all(c["id"] != record for c in _pull_all(server, li))
    [attempt] = push(
        server,
        li,
        _mutation(record, {"note": "改"}, entity="inspection", base_rev=created["seq"]),
    )
    assert attempt["status"] == "rejected"
    assert any(c["id"] == record for c in _pull_all(server, server.token("admin")))


def test_records_fetched_by_id_are_the_present_version_and_only_for_their_team(
    server: RunningServer,
) -> None:
    zhang, li = server.token("zhang"), server.token("li")
    record, unknown = str(uuid.uuid4()), str(uuid.uuid4())
    [created] = push(server, zhang, _mutation(record, {"note": "初稿"}, entity="inspection"))
    push(
        server,
        zhang,
        _mutation(record, {"note": "二稿"}, entity="inspection", base_rev=created["seq"]),
    )
    wanted = {"records": [{"entity": "inspection", "id": i} for i in (record, unknown)]}

    def fetch(token: dict, body: dict) -> requests.Response:
        return requests.post(
            f"{server.url}/api/v1/sync/records", headers=token, json=body, timeout=60
        )

    [found] = fetch(zhang, wanted).json()["changes"]
    assert (found["id"], found["fields"]["note"]) == (record, "二稿")
    assert found["seq"] > created["seq"]
    assert fetch(li, wanted).json()["changes"] == []  # another team's: absent, not refused
    refused = [
        {"records": [{"entity": "inspection", "id": "../../etc"}]},
        {"records": [{"entity": "no_such_thing", "id": record}]},
        {"records": [{"entity": "inspection", "id": record}] * 1001},
        {"records": [], "extra": 1},
    ]
    for body in refused:
        assert fetch(zhang, body).status_code == 422, body
    stale = fetch(zhang, {**wanted, "epoch": "not-this-servers"})
    assert stale.status_code == 410 and stale.json()["reset_required"] is True
    assert (
        requests.post(f"{server.url}/api/v1/sync/records", json=wanted, timeout=60).status_code
        == 401
    )


def test_roles_and_server_owned_fields_are_enforced(server: RunningServer) -> None:
    zhang, chen = server.token("zhang"), server.token("chen")
    notice = str(uuid.uuid4())
    [inspector_notice] = push(
        server, zhang, _mutation(notice, {"status": "draft"}, entity="notice")
    )
    assert inspector_notice["status"] == "rejected"
    [numbered] = push(
        server, chen, _mutation(notice, {"number": "伊营商监〔2026〕99号"}, entity="notice")
    )
    assert numbered["status"] == "rejected"
    inspection = str(uuid.uuid4())
    [created] = push(server, zhang, _mutation(inspection, {"status": "draft"}, entity="inspection"))
    [submitted] = push(
        server,
        zhang,
        _mutation(
            inspection, {"status": "submitted"}, entity="inspection", base_rev=created["seq"]
        ),
    )
    assert submitted["status"] == "applied"
    [self_approved] = push(
        server,
        zhang,
        _mutation(
            inspection, {"status": "approved"}, entity="inspection", base_rev=submitted["seq"]
        ),
    )
    assert self_approved["status"] == "rejected"
    [approved] = push(
        server,
        chen,
        _mutation(
            inspection, {"status": "approved"}, entity="inspection", base_rev=submitted["seq"]
        ),
    )
    assert approved["status"] == "applied"
    pulled = {c["id"]: c for c in _pull_all(server, zhang)}
    assert pulled[inspection]["fields"]["status"] == "approved"
    assert notice not in pulled


def test_malformed_pushes_are_refused_cleanly(server: RunningServer) -> None:
    headers = server.token("zhang")
    bad = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        timeout=30,
        json={
            "client_id": "x",
            "schema_version": 4,
            "mutations": [{"mutation_id": "short", "entity": "finding"}],
        },
    )
    assert bad.status_code == 422
    unknown_entity = _mutation(str(uuid.uuid4()), {}, entity="account")
    worse = requests.post(
        f"{server.url}/api/v1/sync/push",
        headers=headers,
        timeout=30,
        json={"client_id": "x", "schema_version": 4, "mutations": [unknown_entity]},
    )
    assert worse.status_code == 422
    cursor = requests.get(
        f"{server.url}/api/v1/sync/changes", headers=headers, timeout=30, params={"cursor": "-1"}
    )
    assert cursor.status_code == 422


def test_a_cursor_never_skips_or_repeats_while_otherspush(server: RunningServer) -> None:
    headers = server.token("zhang")
    writers_done = threading.Event()

    def write(writer: int) -> list[str]:
        ids = []
        for _ in range(8):
            batch = [_mutation(str(uuid.uuid4()), {"staff_badge": str(writer)}) for _ in range(5)]
            push(server, headers, *batch)
            ids += [m["id"] for m in batch]
        return ids

    def follow(_: int) -> list[dict]:
        """Pulls small pages all the time the writers run, then drains."""
        seen, cursor = [], "0"
        while True:
            finished = writers_done.is_set()
            page = requests.get(
                f"{server.url}/api/v1/sync/changes",
                headers=headers,
                timeout=60,
                params={"cursor": cursor, "limit": 3},
            ).json()
            seen += page["changes"]
            cursor = page["next_cursor"]
            if finished and not page["has_more"]:
                return seen

    with ThreadPoolExecutor(max_workers=7) as pool:
        followers = [pool.submit(follow, n) for n in range(3)]
        written = [pool.submit(write, n) for n in range(4)]
        expected = {record for future in written for record in future.result()}
        writers_done.set()
        for follower in followers:
            seen = follower.result()
            seqs = [change["seq"] for change in seen]
            assert seqs == sorted(set(seqs))  # in order, never twice
            assert {change["id"] for change in seen} == expected  # nothing skipped


def test_eighty_clients_at_once_neither_stall_nor_fail(server: RunningServer) -> None:
    """More requests in flight than the server has worker threads (40)."""
    headers = server.token("zhang")

    def one_client(n: int) -> list[int]:
        codes = []
        for _ in range(2):
            pushed = requests.post(
                f"{server.url}/api/v1/sync/push",
                headers=headers,
                timeout=120,
                json={
                    "client_id": f"laptop-{n}",
                    "schema_version": 4,
                    "mutations": [
                        _mutation(str(uuid.uuid4()), {"window_no": str(n)}) for _ in range(5)
                    ],
                },
            )
            pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=headers, timeout=120)
            codes += [pushed.status_code, pulled.status_code]
        return codes

    with ThreadPoolExecutor(max_workers=80) as pool:
        codes = [code for result in pool.map(one_client, range(80)) for code in result]
    assert set(codes) == {200}
    assert len(_pull_all(server, headers)) == 80 * 2 * 5
