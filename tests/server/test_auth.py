"""Login, lockout, logout, expiry and deactivation against a real server process."""

from __future__ import annotations

import json
import time
from pathlib import Path

import requests

from .conftest import PASSWORD, RunningServer, start_server


def test_login_gives_a_token_that_identifies_the_user(server: RunningServer) -> None:
    me = requests.get(f"{server.url}/api/v1/me", headers=server.token("zhang"), timeout=30)
    assert me.status_code == 200
    assert me.json() == {
        "username": "zhang",
        "display_name": "",
        "role": "inspector",
        "team": "一组",
    }


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
    events = [json.loads(line) for line in server.log.read_text().splitlines() if "{" in line]
    refused = [e for e in events if e.get("message") == "login refused"]
    assert [e["reason"] for e in refused if e["username"] == "chen"] == ["wrong"] * 5 + ["locked"]
    assert any(e["username"].startswith("chen\n") for e in refused)  # one line, escaped
    assert "guess" not in server.log.read_text()


def test_logout_revokes_the_token(server: RunningServer) -> None:
    headers = server.token("zhang")
    assert (
        requests.post(f"{server.url}/api/v1/auth/logout", headers=headers, timeout=30).status_code
        == 204
    )
    assert requests.get(f"{server.url}/api/v1/me", headers=headers, timeout=30).status_code == 401


def test_idle_tokens_expire(database_url: str, tmp_path: Path) -> None:
    running = start_server(database_url, tmp_path, "--token-idle-minutes", "0.02")
    try:
        headers = running.token("zhang")
        assert (
            requests.get(f"{running.url}/api/v1/me", headers=headers, timeout=30).status_code == 200
        )
        time.sleep(1.6)
        assert (
            requests.get(f"{running.url}/api/v1/me", headers=headers, timeout=30).status_code == 401
        )
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
