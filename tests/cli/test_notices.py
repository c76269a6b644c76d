"""`inspector-app notices …` as a supervisor runs it, against a real server process
(SQLite and PostgreSQL): draft, list, issue online with its number, verify, reprint,
export, a 副本, withdraw; offline the issue is refused and nothing changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.server.database import make_engine
from inspector_app.server.models import AuditEvent, IssuedNumber
from inspector_app.store.store import Store
from tests.builders import edit_first_page
from tests.server.conftest import PASSWORD, RunningServer, _free_port
from tests.services.issuing_setup import (
    approved_inspection,
    bureau,
    snapshot,
    supervisor_laptop,
    supervisors,
)
from tests.sync import laptops
from tests.sync.laptops import Laptop

sync_server = laptops.sync_server  # one real server per backend for this module


@pytest.fixture(scope="module")
def desk(sync_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A supervisor's data dir with two approved inspections, and a config of its own
    (an organ code no other test uses, so its series starts at 1)."""
    folder = tmp_path_factory.mktemp("desk")
    [user] = supervisors(sync_server, 1)
    laptop = supervisor_laptop(sync_server, folder / "data", user)
    inspections = [approved_inspection(laptop, folder, seed) for seed in (11, 12)]
    laptop.close()
    config = folder / "config"
    config.mkdir()
    settings = bureau()
    (config / "settings.json").write_text(
        json.dumps(asdict(settings), ensure_ascii=False), encoding="utf-8"
    )
    yield {
        "data": folder / "data",
        "config": config,
        "user": user,
        "code": settings.issuer_code,
        "inspections": inspections,
        "folder": folder,
    }


def run(desk: dict, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "inspector_app", *args],
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "INSPECTOR_CONFIG_DIR": str(desk["config"]),
            "INSPECTOR_DATA_DIR": str(desk["data"]),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        },
    )


def online(desk: dict, server: RunningServer, *args: str) -> subprocess.CompletedProcess:
    return run(
        desk,
        *args,
        "--server",
        server.url,
        "--user",
        desk["user"],
        "--password-stdin",
        password=PASSWORD,
    )


def _listed(desk: dict) -> list[dict]:
    done = run(desk, "notices", "list", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _draft(desk: dict, inspection: str) -> dict:
    done = run(desk, "notices", "draft", "--inspection", inspection)
    assert done.returncode == 0, done.stderr
    [notice] = [n for n in _listed(desk) if n["inspection_id"] == inspection]
    assert notice["status"] == "draft" and notice["number"] is None
    assert notice["problems"] == 1 and notice["id"] in done.stdout
    return notice


def test_an_offline_issue_is_refused_with_a_message_and_changes_nothing(desk: dict) -> None:
    notice = _draft(desk, desk["inspections"][0])
    with_store = Laptop(Store.open(desk["data"]), None)  # type: ignore[arg-type]
    before = snapshot(with_store)
    with_store.store.close()
    dead = f"http://127.0.0.1:{_free_port()}"
    done = run(
        desk,
        "notices",
        "issue",
        notice["id"],
        "-o",
        str(desk["folder"] / "offline.pdf"),
        "--server",
        dead,
        "--user",
        desk["user"],
        "--password-stdin",
        password=PASSWORD,
    )
    assert done.returncode == 2
    assert "签发需要连接服务器" in done.stderr and "needs the server" in done.stderr
    assert not (desk["folder"] / "offline.pdf").exists()
    with_store = Laptop(Store.open(desk["data"]), None)  # type: ignore[arg-type]
    try:
        assert snapshot(with_store) == before
    finally:
        with_store.store.close()


def test_the_issued_pdf_verifies_reprints_byte_identical_and_an_altered_copy_is_altered(
    desk: dict, sync_server: RunningServer
) -> None:
    notice = _draft(desk, desk["inspections"][0])  # drafting again: the same draft
    issued = desk["folder"] / "issued.pdf"
    done = online(desk, sync_server, "notices", "issue", notice["id"], "-o", str(issued),
                  "--date", "2026-12-01")  # fmt: skip
    assert done.returncode == 0, done.stderr
    number = f"{desk['code']}〔2026〕1号"
    assert f"已签发 {number}（成文日期 2026-12-01）" in done.stdout
    text = _text(issued)
    assert number in text.replace(" ", "") and "2026年12月1日" in text.replace(" ", "")
    [listed] = [n for n in _listed(desk) if n["id"] == notice["id"]]
    assert listed["status"] == "issued" and listed["number"] == number
    assert listed["issued_on"] == "2026-12-01" and listed["deadline"] > "2026-12-01"
    # 核验: genuine; an edited copy is altered.
    genuine = run(desk, "verify", str(issued))
    assert genuine.returncode == 0, genuine.stdout + genuine.stderr
    edited = desk["folder"] / "edited.pdf"
    edited.write_bytes(edit_first_page(issued.read_bytes(), b"(2026", b"(2024"))
    assert run(desk, "verify", str(edited)).returncode == 1
    # A reprint, an export, and a retried issue give the same bytes.
    again = desk["folder"] / "again.pdf"
    assert run(desk, "notices", "print", notice["id"], "-o", str(again)).returncode == 0
    assert again.read_bytes() == issued.read_bytes()
    exported = desk["folder"] / "exported.pdf"
    export = run(desk, "export", "notice", "--inspection", desk["inspections"][0],
                 "--unit", listed["unit_id"], "-o", str(exported))  # fmt: skip
    assert export.returncode == 0, export.stderr
    assert exported.read_bytes() == issued.read_bytes()
    retried = desk["folder"] / "retried.pdf"
    assert online(desk, sync_server, "notices", "issue", notice["id"], "-o",
                  str(retried)).returncode == 0  # fmt: skip
    assert retried.read_bytes() == issued.read_bytes()
    # 副本 only when asked, and the copy still verifies as the notice it copies.
    copy = desk["folder"] / "copy.pdf"
    assert run(desk, "notices", "print", notice["id"], "-o", str(copy), "--copy").returncode == 0
    assert copy.read_bytes() != issued.read_bytes()
    assert run(desk, "verify", str(copy)).returncode == 0


def test_a_withdrawn_number_is_recorded_and_never_given_again(
    desk: dict, sync_server: RunningServer
) -> None:
    [first] = [n for n in _listed(desk) if n["inspection_id"] == desk["inspections"][0]]
    if first["status"] == "draft":  # this test alone: issue it first
        assert online(desk, sync_server, "notices", "issue", first["id"], "-o",
                      str(desk["folder"] / "first.pdf")).returncode == 0  # fmt: skip
        [first] = [n for n in _listed(desk) if n["id"] == first["id"]]
    short = online(desk, sync_server, "notices", "withdraw", first["id"], "--reason", "错")
    assert short.returncode == 2 and "理由" in short.stderr and "reason" in short.stderr
    reason = "文号登记错误，作废重发"
    done = online(desk, sync_server, "notices", "withdraw", first["id"], "--reason", reason)
    assert done.returncode == 0, done.stderr
    assert f"文号 {first['number']} 已撤销" in done.stdout
    engine = make_engine(sync_server.db)
    try:
        with Session(engine) as db:
            row = db.scalars(
                select(IssuedNumber).where(IssuedNumber.notice_id == first["id"])
            ).one()
            assert row.withdrawn_at is not None and row.withdrawal_reason == reason
            actions = db.scalars(
                select(AuditEvent.action).where(AuditEvent.object_id == first["id"])
            ).all()
            assert "withdraw_number" in actions and "allocate_number" in actions
    finally:
        engine.dispose()
    # The next notice gets number 2: the withdrawn 1 is not given again.
    second = _draft(desk, desk["inspections"][1])
    out = desk["folder"] / "second.pdf"
    issued = online(desk, sync_server, "notices", "issue", second["id"], "-o", str(out))
    assert issued.returncode == 0, issued.stderr
    assert f"{desk['code']}〔" in issued.stdout and "〕2号" in issued.stdout
