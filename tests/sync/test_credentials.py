"""The token through a real Secret Service (dbus-daemon + gnome-keyring-daemon), never a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
import secretstorage
from keyring.backends import SecretService, chainer, fail, null

from inspector_app.sync.credentials import (
    SERVICE,
    NoSecureKeyring,
    account,
    forget_token,
    load_token,
    save_token,
    secure_backend,
)

SERVER = "https://inspect.example.gov.cn"
TOKEN = "tok-3f9a1c5e-看不见的令牌-7d21"


@dataclass
class SecretServiceSession:
    """A private session bus with an unlocked GNOME Keyring on it."""

    bus_address: str
    keyring_files: Path


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def secret_service() -> Iterator[SecretServiceSession]:
    folder = Path(tempfile.mkdtemp(prefix="inspector-keyring-"))
    runtime, data, home = folder / "run", folder / "data", folder / "home"
    for path in (runtime, data, home):
        path.mkdir(mode=0o700)
    # No service directories: nothing is D-Bus-activated, so an early call can never start
    # a second, locked gnome-keyring-daemon that takes the name before ours registers.
    config = folder / "session.conf"
    config.write_text(BUS_CONFIG.format(socket_dir=runtime), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = bus.stdout.readline().strip()  # type: ignore[union-attr]
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(data),
        "HOME": str(home),
    }
    # The login keyring is created and unlocked with the password read from stdin.
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    daemon.stdin.write(b"test-keyring-password")  # type: ignore[union-attr]
    daemon.stdin.close()  # type: ignore[union-attr]
    try:
        _wait_for_collection(address)
        yield SecretServiceSession(address, data / "keyrings")
    finally:
        _stop(daemon)
        _stop(bus)
        shutil.rmtree(folder, ignore_errors=True)


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={socket_dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _wait_for_collection(address: str) -> None:
    """Until the unlocked login keyring is the default collection (read only: no prompt)."""
    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with closing(secretstorage.dbus_init()) as connection:
                    secretstorage.Collection(connection)
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
    finally:
        if saved is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


@pytest.fixture
def gnome_keyring(
    secret_service: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretService.Keyring]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.bus_address)
    backend = SecretService.Keyring()
    yield backend
    for user in ("zhang", "li"):
        forget_token(user, SERVER, backend=backend)


def test_the_token_is_kept_and_read_back_through_the_secret_service(
    gnome_keyring: SecretService.Keyring,
) -> None:
    save_token("zhang", SERVER, TOKEN, backend=gnome_keyring)

    assert load_token("zhang", SERVER, backend=gnome_keyring) == TOKEN
    assert load_token("zhang", SERVER + "/", backend=gnome_keyring) == TOKEN
    assert load_token("li", SERVER, backend=gnome_keyring) is None
    assert load_token("zhang", "https://other.example.gov.cn", backend=gnome_keyring) is None
    # Another program on the same bus sees the same entry: it is the OS store, not ours.
    assert SecretService.Keyring().get_password(SERVICE, account("zhang", SERVER)) == TOKEN


def test_forgetting_the_token_removes_it(gnome_keyring: SecretService.Keyring) -> None:
    save_token("zhang", SERVER, TOKEN, backend=gnome_keyring)

    forget_token("zhang", SERVER, backend=gnome_keyring)
    forget_token("zhang", SERVER, backend=gnome_keyring)  # twice is harmless

    assert load_token("zhang", SERVER, backend=gnome_keyring) is None


def _files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_no_byte_of_the_token_is_written_to_our_folders(
    gnome_keyring: SecretService.Keyring,
    secret_service: SecretServiceSession,
    isolated_settings: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    isolated_settings.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(data_dir))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))

    save_token("zhang", SERVER, TOKEN, backend=gnome_keyring)
    assert load_token("zhang", SERVER, backend=gnome_keyring) == TOKEN

    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert _files_containing(tmp_path, TOKEN.encode(encoding)) == []
    # Even the keyring's own file holds it encrypted, not in clear.
    assert list(secret_service.keyring_files.glob("*.keyring"))
    assert _files_containing(secret_service.keyring_files, TOKEN.encode()) == []


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process-wide backend as on a headless box without a keyring, restored after."""
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


def test_without_a_keyring_saving_is_refused_with_a_message_and_nothing_is_written(
    no_keyring: None, tmp_path: Path
) -> None:
    with pytest.raises(NoSecureKeyring) as refused:
        save_token("zhang", SERVER, TOKEN)

    message = str(refused.value)
    assert message.index("密钥环") < message.index("keyring")
    assert "密码" in refused.value.zh and "password" in refused.value.en
    assert load_token("zhang", SERVER) is None
    forget_token("zhang", SERVER)  # nothing to forget, no error
    assert _files_containing(tmp_path, TOKEN.encode()) == []


class _FileFallbacksOnly(chainer.ChainerBackend):
    """A chain whose members are all fallbacks (as keyrings.alt's plaintext file would be)."""

    backends = [null.Keyring(), fail.Keyring()]  # noqa: RUF012


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), _FileFallbacksOnly()])
def test_insecure_or_empty_backends_are_refused(backend: object) -> None:
    with pytest.raises(NoSecureKeyring):
        secure_backend(backend)  # type: ignore[arg-type]


def test_a_chain_resolves_to_its_secure_member(gnome_keyring: SecretService.Keyring) -> None:
    class Chain(chainer.ChainerBackend):
        backends = [null.Keyring(), gnome_keyring]  # noqa: RUF012

    assert secure_backend(Chain()) is gnome_keyring
