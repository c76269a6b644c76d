"""A real sign-in and sync through `inspector-app sync` with the token in a real Secret
Service: the next sync needs no password, and no byte of the token lands in the data
dir or the settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from keyring.backends import SecretService

from inspector_app.sync.credentials import SERVICE, account
from tests.server.conftest import PASSWORD, RunningServer
from tests.sync.laptops import new_team
from tests.sync.test_credentials import (  # noqa: F401  (the fixture)
    SecretServiceSession,
    _files_containing,
    secret_service,
)


def _sync(bus: str, data: Path, config: Path, home: Path, *args: str, password: str | None):
    return subprocess.run(
        [sys.executable, "-m", "inspector_app", "sync", "--data-dir", str(data), *args],
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "DBUS_SESSION_BUS_ADDRESS": bus,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
            "INSPECTOR_CONFIG_DIR": str(config),
            "HOME": str(home),
        },
    )


def test_the_token_lives_in_the_keyring_only_and_a_revoked_one_is_forgotten(
    secret_service: SecretServiceSession,  # noqa: F811
    sync_server: RunningServer,
    tmp_path: Path,
    monkeypatch,
) -> None:
    user, _, _ = new_team(sync_server)
    data, config, home = tmp_path / "data", tmp_path / "config", tmp_path / "home"
    for folder in (config, home):
        folder.mkdir()
    bus = secret_service.bus_address
    first = _sync(
        bus,
        data,
        config,
        home,
        "--server",
        sync_server.url,
        "--user",
        user,
        "--password-stdin",
        password=PASSWORD,
    )
    assert first.returncode == 0, first.stderr
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus)
    token = SecretService.Keyring().get_password(SERVICE, account(user, sync_server.url))
    assert token and len(token) > 20
    again = _sync(bus, data, config, home, password=None)  # server and user remembered
    assert again.returncode == 0, again.stderr
    for encoding in ("utf-8", "utf-16-le"):
        assert _files_containing(tmp_path, token.encode(encoding)) == []
    # Revoked on the server (signed out elsewhere): the next sync asks for a sign-in and
    # the dead token leaves the keyring.
    import requests

    requests.post(
        f"{sync_server.url}/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ).raise_for_status()
    refused = _sync(bus, data, config, home, password=None)
    assert refused.returncode == 3 and "重新登录" in refused.stderr
    assert SecretService.Keyring().get_password(SERVICE, account(user, sync_server.url)) is None
