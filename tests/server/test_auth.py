"""Login, lockout, logout, expiry and deactivation against a real server process."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from .conftest import BACKENDS, PASSWORD, RunningServer, server_on, start_server


@pytest.fixture(scope="module", params=BACKENDS)
def proxied(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """One server per database behind a "proxy" on 127.0.0.1 (--trusted-proxy): each test
    picks its own client address with X-Forwarded-For, so lockouts never overlap."""
    folder = tmp_path_factory.mktemp("proxied")
    with server_on(request.param, folder, "--trusted-proxy", "127.0.0.1") as running:
        yield running


def _login_from(server: RunningServer, address: str, username: str, password: str) -> int:
    return requests.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": username, "password": password},
        headers={"X-Forwarded-For": address},
        timeout=60,
    ).status_code


def _burst(server: RunningServer, address: str, attempts: list[tuple[str, str]]) -> list[int]:
    """All the (username, password) attempts at once, from one client address."""
    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(lambda a: _login_from(server, address, *a), attempts))


def _log_events(server: RunningServer) -> list[dict]:
    """Every JSON line of the server's log, split as any reader splits lines."""
    return [json.loads(line) for line in server.log.read_text().splitlines() if "{" in line]


def test_login_gives_a_token_that_identifies_the_user(server: RunningServer) -> None:
    me = requests.get(f"{server.url}/api/v1/me", headers=server.token("zhang"), timeout=30)
    assert me.status_code == 200
    assert me.json() == {
        "username": "zhang",
        "display_name": "",
        "role": "inspector",
        "team": "一组",
    }
    from sqlalchemy import create_engine, text

    engine = create_engine(server.db)
    try:
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT password_hash FROM account WHERE username = 'zhang'")
            ).scalar_one()
    finally:
        engine.dispose()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored  # RELIABILITY row 24


def test_unknown_user_and_wrong_password_get_the_same_answer(server: RunningServer) -> None:
    wrong = server.login("zhang", "not-the-password")
    unknown = server.login("nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "not-the-password" not in server.log.read_text()
    assert PASSWORD not in server.log.read_text()


def test_repeated_failures_lock_the_account_out(server: RunningServer) -> None:
    for _ in range(5):
        assert server.login("chen", "guess").status_code == 401
    assert server.login("chen").status_code == 429  # even the right password, for now
    assert server.login("zhang").status_code == 200  # other accounts are not affected
    forged = server.login('chen\n{"level": "INFO", "message": "login ok"}', "guess")
    assert forged.status_code == 401
    # a direct client's X-Forwarded-For is not believed: its address stays its own
    assert _login_from(server, "203.0.113.7", "zhang", "guess") == 401
    name = 'li\u2028{"message":"login ok"}\u2029\x85{"level":"INFO"}'  # other line breaks
    assert server.login(name, "guess").status_code == 401
    events = _log_events(server)
    refused = [e for e in events if e.get("message") == "login refused"]
    assert [e["reason"] for e in refused if e["username"] == "chen"] == ["wrong"] * 5 + ["locked"]
    assert any(e["username"].startswith("chen\n") for e in refused)  # one line, escaped
    assert [e["username"] for e in refused if e["username"].startswith("li")] == [name]
    assert not any(e.get("message") == "login ok" for e in events)
    assert {e["address"] for e in refused} == {"127.0.0.1"}
    assert "guess" not in server.log.read_text()


def test_a_burst_of_wrong_passwords_is_checked_only_up_to_the_limit(
    proxied: RunningServer,
) -> None:
    """30 guesses at once and the right password among them: five are checked (401), the
    others refused before the hash check (429); afterwards the right password is too."""
    attempts = [("chen", f"guess-{n}") for n in range(30)]
    attempts.insert(20, ("chen", PASSWORD))
    statuses = _burst(proxied, "198.51.100.1", attempts)
    assert statuses.count(401) == 5
    assert statuses.count(200) <= 1 and statuses.count(429) >= 25
    assert _login_from(proxied, "198.51.100.1", "chen", PASSWORD) == 429
    assert _login_from(proxied, "198.51.100.2", "chen", PASSWORD) == 429  # per account
    assert _login_from(proxied, "198.51.100.2", "zhang", PASSWORD) == 200
    refused = [e for e in _log_events(proxied) if e.get("message") == "login refused"]
    assert {e["address"] for e in refused if e["username"] == "chen"} == {
        "198.51.100.1",
        "198.51.100.2",
    }  # the configured proxy's X-Forwarded-For is believed


def test_a_burst_over_many_accounts_from_one_address_stops_at_the_address_limit(
    proxied: RunningServer,
) -> None:
    attempts = [(f"nobody-{n}", "guess") for n in range(30)]
    statuses = _burst(proxied, "192.0.2.9", attempts)
    assert statuses.count(401) == 20 and statuses.count(429) == 10
    assert _login_from(proxied, "192.0.2.9", "li", PASSWORD) == 429  # per address
    assert _login_from(proxied, "192.0.2.10", "li", PASSWORD) == 200


def test_logout_revokes_the_token(server: RunningServer) -> None:
    headers = server.token("zhang")
    assert (
        requests.post(f"{server.url}/api/v1/auth/logout", headers=headers, timeout=30).status_code
        == 204
    )
    assert requests.get(f"{server.url}/api/v1/me", headers=headers, timeout=30).status_code == 401


def test_tokens_end_after_inactivity_and_after_their_absolute_lifetime(
    database_url: str, tmp_path: Path
) -> None:
    """Idle 2.4 s, lifetime 4.8 s: an unused token ends first; one in constant use still
    ends when its lifetime is over."""
    running = start_server(
        database_url,
        tmp_path,
        "--token-idle-minutes",
        "0.04",
        "--token-lifetime-minutes",
        "0.08",
    )

    def me(headers: dict) -> int:
        return requests.get(f"{running.url}/api/v1/me", headers=headers, timeout=30).status_code

    def keep_busy_until(start: float, seconds: float) -> None:
        while time.monotonic() - start < seconds:
            me(busy)
            time.sleep(0.4)

    try:
        unused = running.token("zhang")
        unused_at = time.monotonic()
        busy = running.token("zhang")
        busy_at = time.monotonic()
        keep_busy_until(unused_at, 2.7)
        assert me(unused) == 401  # idle for 2.7 s
        assert me(busy) == 200
        keep_busy_until(busy_at, 5.2)
        assert me(busy) == 401  # never idle, but 5.2 s old
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


def test_admin_deactivation_ends_sessions_and_logins(server: RunningServer) -> None:
    victim = server.token("li")
    inspector = server.token("zhang")
    url = f"{server.url}/api/v1/admin/users/li/deactivate"
    assert requests.post(url, headers=inspector, timeout=30).status_code == 403
    assert requests.post(url, headers=server.token("admin"), timeout=30).status_code == 204
    assert requests.get(f"{server.url}/api/v1/me", headers=victim, timeout=30).status_code == 401
    assert server.login("li").status_code == 401


def test_malformed_requests_get_clear_errors_not_500(server: RunningServer) -> None:
    login = f"{server.url}/api/v1/auth/login"
    smuggled = requests.post(
        login, json={"username": "zhang", "password": PASSWORD, "role": "admin"}, timeout=30
    )
    assert smuggled.status_code == 422
    old = requests.post(
        login,
        json={"username": "zhang", "password": PASSWORD},
        headers={"X-Inspector-Protocol": "0"},
        timeout=30,
    )
    assert old.status_code == 426 and "protocol" in old.json()["detail"]
    huge = requests.post(
        login,
        data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert huge.status_code == 413
    garbage = requests.post(
        login, data=b"\xff\xfe not json", headers={"Content-Type": "application/json"}, timeout=30
    )
    assert garbage.status_code in (400, 422)
    assert "Traceback" not in garbage.text


def test_admin_can_revoke_a_users_tokens(server: RunningServer) -> None:
    victim = server.token("zhang")
    url = f"{server.url}/api/v1/admin/users/zhang/revoke-tokens"
    assert requests.post(url, headers=server.token("chen"), timeout=30).status_code == 403
    assert requests.post(url, headers=server.token("admin"), timeout=30).status_code == 204
    assert requests.get(f"{server.url}/api/v1/me", headers=victim, timeout=30).status_code == 401
    assert server.login("zhang").status_code == 200  # the account itself stays active
