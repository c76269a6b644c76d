"""`inspector-app sync` as an operator or a script runs it, and the real server behind a
certificate from the bureau's own CA (trustme)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from inspector_app.store.store import Store
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from tests.server.conftest import (
    PASSWORD,
    RunningServer,
    cli,
    launch_server,
    prepare_database,
)
from tests.sync.laptops import Laptop, new_team, photo_file, record_problem


def _cli(
    data_dir: Path, config: Path, *args: str, password: str | None = PASSWORD
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inspector_app", "sync", "--data-dir", str(data_dir), *args],
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "INSPECTOR_CONFIG_DIR": str(config),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


def test_the_command_prints_a_one_line_summary_and_json_and_exits_0(
    sync_server: RunningServer, tmp_path: Path, config: Path
) -> None:
    user, _, _ = new_team(sync_server)
    laptop = tmp_path / "laptop"
    first = _cli(laptop, config, "--server", sync_server.url, "--user", user, "--password-stdin")
    assert first.returncode == 0, first.stderr
    assert "下载记录" in first.stdout and "pulled" in first.stdout
    store = Store.open(laptop)
    record_problem(Laptop(store, None), "大厅无导办人员", photo_file(tmp_path, "g.jpg", 42))  # type: ignore[arg-type]
    store.close()
    done = _cli(
        laptop, config, "--server", sync_server.url, "--user", user, "--password-stdin", "--json"
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["photos_uploaded"] == 1 and summary["pushed"] > 40
    assert summary["conflicts"] == 0 and summary["rejected"] == 0
    # The server and user were remembered; only the password is asked again.
    again = _cli(laptop, config, "--password-stdin", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["pushed"] == 0


def test_a_wrong_password_exits_3_with_the_message_in_both_languages(
    sync_server: RunningServer, tmp_path: Path, config: Path
) -> None:
    user, _, _ = new_team(sync_server)
    done = _cli(
        tmp_path / "l",
        config,
        "--server",
        sync_server.url,
        "--user",
        user,
        "--password-stdin",
        password="not-the-password",
    )
    assert done.returncode == 3
    assert "用户名或密码错误" in done.stderr and "Wrong user name or password" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_a_kept_token_the_command_asks_for_a_sign_in(
    sync_server: RunningServer, tmp_path: Path, config: Path
) -> None:
    user, _, _ = new_team(sync_server)
    done = _cli(tmp_path / "l", config, "--server", sync_server.url, "--user", user, password=None)
    assert done.returncode == 3
    assert "重新登录" in done.stderr


def test_an_unreachable_server_exits_1_and_keeps_everything(tmp_path: Path, config: Path) -> None:
    done = _cli(
        tmp_path / "l", config, "--server", "http://127.0.0.1:9", "--user", "x", "--password-stdin"
    )
    assert done.returncode == 1
    assert "无法连接服务器" in done.stderr


def test_plain_http_to_another_machine_is_refused_before_anything_is_sent(
    tmp_path: Path, config: Path
) -> None:
    done = _cli(
        tmp_path / "l",
        config,
        "--server",
        "http://inspect.example.gov.cn",
        "--user",
        "x",
        "--password-stdin",
    )
    assert done.returncode == 2
    assert "未加密" in done.stderr


# --- the real server over TLS ------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_server(
    ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunningServer, Path]]:
    folder = tmp_path_factory.mktemp("tls")
    cert = ca.issue_cert("127.0.0.1")
    cert.private_key_and_cert_chain_pem.write_to_path(str(folder / "server.pem"))
    cert.private_key_pem.write_to_path(str(folder / "server.key"))
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    db = f"sqlite:///{folder / 'server.sqlite3'}"
    prepare_database(db, folder / "blobs")
    loaded = cli("import-reference", "--as", "admin", "--db", db)
    assert loaded.returncode == 0, loaded.stderr
    server = launch_server(
        db,
        folder,
        "--tls-cert",
        str(folder / "server.pem"),
        "--tls-key",
        str(folder / "server.key"),
        scheme="https",
    )
    yield server, folder / "ca.pem"
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:  # seen once on a loaded CI run; not what these test
        server.process.kill()
        server.process.wait(timeout=30)
        warnings.warn(
            f"TLS server ignored SIGTERM for 30 s: {server.log.read_text()[-2000:]}", stacklevel=2
        )


def test_a_server_with_a_certificate_from_an_unknown_ca_is_refused(
    tls_server: tuple[RunningServer, Path],
) -> None:
    server, _ = tls_server
    with pytest.raises(errors.TlsFailed):
        ServerApi(server.url).login("zhang", PASSWORD)


def test_with_the_bureau_ca_pinned_the_laptop_signs_in_and_syncs(
    tls_server: tuple[RunningServer, Path], tmp_path: Path
) -> None:
    server, ca_file = tls_server
    api = ServerApi(server.url, ca_bundle=ca_file)
    api.login("zhang", PASSWORD)
    laptop = Laptop(Store.open(tmp_path / "l"), api)
    laptop.sync()  # templates and registry, over TLS
    record_problem(laptop, "TLS 下的记录", photo_file(tmp_path, "t.jpg", 77))
    report = laptop.sync()
    assert report.pushed > 40 and report.photos_uploaded == 1 and report.rejected == 0
    laptop.close()


def test_a_certificate_for_another_host_name_is_refused_even_with_the_ca_pinned(
    ca: trustme.CA, tls_server: tuple[RunningServer, Path], tmp_path: Path
) -> None:
    server, ca_file = tls_server
    # The server's certificate names 127.0.0.1; reaching it as "localhost" must fail.
    other = server.url.replace("127.0.0.1", "localhost")
    with pytest.raises(errors.TlsFailed):
        ServerApi(other, ca_bundle=ca_file).login("zhang", PASSWORD)


def test_a_locked_account_is_told_so_at_once_not_after_minutes_of_retries(
    sync_server: RunningServer,
) -> None:
    import time

    user, _, _ = new_team(sync_server)
    api = ServerApi(sync_server.url)
    for _ in range(5):
        with pytest.raises(errors.WrongPassword):
            api.login(user, "not-the-password")
    started = time.monotonic()
    with pytest.raises(errors.LockedOut) as locked:
        api.login(user, PASSWORD)  # even the right password, while the lock lasts
    assert time.monotonic() - started < 5  # the sign-in session does not retry 429
    assert "锁定" in locked.value.zh and "locked" in locked.value.en
    api.close()
