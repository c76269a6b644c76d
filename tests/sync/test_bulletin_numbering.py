"""The 通报 series through a real server on SQLite and PostgreSQL: numbered at export by a
signed-in supervisor, the same number for the same bulletin, apart from the notices' series."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import requests

from inspector_app.protocol.numbering import BulletinNumberIn
from inspector_app.store.store import Store
from inspector_app.sync.api import ServerApi
from inspector_app.sync.errors import ServerRefused
from tests.bulletin_data import build_bulletin_campaign
from tests.server.conftest import PASSWORD, RunningServer, mutation, push

APP = [sys.executable, "-m", "inspector_app"]
ISSUED = ("--issued-on", "2026-11-28")


def export(
    data_dir: Path, target: Path, *args: str, password: str | None = PASSWORD
) -> subprocess.CompletedProcess[str]:
    signing = ("--password-stdin",) if password is not None else ()
    return subprocess.run(
        [
            *APP,
            "export",
            "bulletin",
            "--data-dir",
            str(data_dir),
            *args,
            *ISSUED,
            *signing,
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
        input=f"{password}\n" if password is not None else None,
    )


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bulletin-numbers")
    store = Store.open(folder / "data")
    try:
        build_bulletin_campaign(store, folder / "camera")
    finally:
        store.close()
    return folder / "data"


def test_a_signed_in_supervisor_gets_the_series_numbers_and_the_same_one_again(
    sync_server: RunningServer, data_dir: Path, tmp_path: Path
) -> None:
    server = ("--server", sync_server.url, "--user", "chen")
    november = ("--from", "2026-11-01", "--to", "2026-11-30")
    first = export(data_dir, tmp_path / "a.pdf", *november, *server)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # numbered: no draft warning
    text = text_of(tmp_path / "a.pdf")
    assert "伊营商监通〔2026〕1号" in text and "草稿" not in text
    again = export(data_dir, tmp_path / "b.pdf", *november, *server)
    assert again.returncode == 0, again.stderr
    assert "伊营商监通〔2026〕1号" in text_of(tmp_path / "b.pdf")  # a reprint, not a new number
    half = export(
        data_dir, tmp_path / "c.pdf", "--from", "2026-11-01", "--to", "2026-11-15", *server
    )
    assert half.returncode == 0, half.stderr
    assert "伊营商监通〔2026〕2号" in text_of(tmp_path / "c.pdf")


def test_an_inspector_is_refused_a_number_and_nothing_is_written(
    sync_server: RunningServer, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "never.pdf"
    done = export(
        data_dir,
        target,
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-20",
        "--server",
        sync_server.url,
        "--user",
        "zhang",
    )
    assert done.returncode == 2
    assert "服务器拒绝了请求（403）：没有权限" in done.stderr
    assert "The server refused the request (403): Not allowed" in done.stderr
    assert not target.exists()


def test_an_empty_period_takes_no_number(
    sync_server: RunningServer, data_dir: Path, tmp_path: Path
) -> None:
    done = export(
        data_dir,
        tmp_path / "x.pdf",
        "--from",
        "2025-01-01",
        "--to",
        "2025-01-31",
        "--server",
        sync_server.url,
        "--user",
        "chen",
    )
    assert done.returncode == 2 and not (tmp_path / "x.pdf").exists()
    api = ServerApi(sync_server.url)
    api.login("chen", PASSWORD)
    try:
        probe = api.bulletin_number(
            str(uuid.uuid4()),
            BulletinNumberIn(
                organ_code="伊营商监通",
                year=2026,
                period_from=date(2026, 12, 1),
                period_to=date(2026, 12, 31),
            ),
        )
    finally:
        api.close()
    assert probe.serial == 3  # 1 and 2 above; the empty period took none


def test_a_server_out_of_reach_gives_a_draft_that_says_why(data_dir: Path, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    target = tmp_path / "offline.pdf"
    done = export(
        data_dir,
        target,
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--server",
        f"http://127.0.0.1:{port}",
        "--user",
        "chen",
    )
    assert done.returncode == 0, done.stderr
    assert "未编号的通报草稿" in done.stderr
    assert "（草稿：未编号，不得印发）" in text_of(target)


def test_concurrent_bulletins_get_distinct_consecutive_numbers_apart_from_notices(
    sync_server: RunningServer,
) -> None:
    signed_in = ServerApi(sync_server.url)
    signed_in.login("chen", PASSWORD)  # once: concurrent sign-ins count as failures until done
    token = signed_in.token
    signed_in.close()

    def number(n: int) -> int:
        api = ServerApi(sync_server.url, token=token)
        try:
            wanted = BulletinNumberIn(
                organ_code="伊营商监督通",
                year=2026,
                period_from=date(2026, 1, n),
                period_to=date(2026, 1, n),
            )
            return api.bulletin_number(str(uuid.uuid4()), wanted).serial
        finally:
            api.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        serials = sorted(pool.map(number, range(1, 13)))
    assert serials == list(range(1, 13))
    headers = {"Authorization": f"Bearer {token}"}  # the notices' series did not move
    notice = str(uuid.uuid4())
    assert {
        r["status"]
        for r in push(sync_server, headers, mutation("notice", notice, {"status": "draft"}))
    } == {"applied"}
    numbered = requests.post(
        f"{sync_server.url}/api/v1/notices/{notice}/number",
        json={"organ_code": "伊营商监督通", "year": 2026},
        headers=headers,
        timeout=60,
    )
    assert numbered.status_code == 200, numbered.text
    assert numbered.json()["serial"] == 1


def test_a_bulletin_id_numbered_for_one_period_is_refused_for_another(
    sync_server: RunningServer,
) -> None:
    api = ServerApi(sync_server.url)
    api.login("chen", PASSWORD)
    key = str(uuid.uuid4())
    try:
        wanted = BulletinNumberIn(
            organ_code="伊营商监通",
            year=2027,
            period_from=date(2027, 1, 1),
            period_to=date(2027, 1, 31),
        )
        assert api.bulletin_number(key, wanted).serial == 1  # a new year starts at 1
        with pytest.raises(ServerRefused) as refused:
            api.bulletin_number(key, wanted.model_copy(update={"period_to": date(2027, 2, 28)}))
    finally:
        api.close()
    assert refused.value.zh and "另一期" in str(refused.value)
