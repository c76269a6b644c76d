"""`inspector-app verify FILE.pdf`: exit 0 genuine, 1 altered, 3 unknown, one zh/en line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from inspector_app.services import documents as docs
from inspector_app.services.verification import record_issued_digest
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from tests.builders import edit_first_page, number_notice

APP = [sys.executable, "-m", "inspector_app"]
ISSUED_ON = date(2026, 11, 28)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args], capture_output=True, text=True, timeout=600, env=os.environ.copy()
    )


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A demo data folder with one numbered notice issued from it: (folder, its PDF)."""
    data_dir = tmp_path_factory.mktemp("verify")
    made = run("demo", "--data-dir", str(data_dir), "--inspections", "2", "--photo-size", "800x600")
    assert made.returncode == 0, made.stderr
    rows = json.loads(run("list", "--data-dir", str(data_dir), "--json").stdout)
    inspection = next(r["id"] for r in rows if r["problems"])
    store = Store.open(data_dir)  # closed again before the commands run: one process a folder
    try:
        notice_id = number_notice(store, inspection, "伊营商监〔2026〕3号", ISSUED_ON)
        with store.unit_of_work() as uow:
            draft = docs.prepare_documents(
                uow, uow.photos, inspection, kind="notice", settings=Settings(), issued_on=ISSUED_ON
            )
        pdf = draft.render()[0].data
        with store.unit_of_work() as uow:
            record_issued_digest(uow, notice_id, pdf)
            uow.commit()
    finally:
        store.close()
    path = data_dir.parent / "issued.pdf"
    path.write_bytes(pdf)
    return data_dir, path


def test_the_issued_notice_is_genuine_with_exit_0_and_one_line(issued: tuple[Path, Path]) -> None:
    data_dir, pdf = issued
    done = run("verify", "--data-dir", str(data_dir), str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1
    assert done.stdout.startswith("真实") and "伊营商监〔2026〕3号" in done.stdout
    assert "Genuine" in done.stdout


def test_an_edited_copy_is_altered_with_exit_1(issued: tuple[Path, Path], tmp_path: Path) -> None:
    data_dir, pdf = issued
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(edit_first_page(pdf.read_bytes(), b"(2026", b"(2024"))
    done = run("verify", "--data-dir", str(data_dir), str(edited), "--json")
    assert done.returncode == 1, done.stderr
    answer = json.loads(done.stdout)
    assert answer["verdict"] == "altered" and answer["number"] == "伊营商监〔2026〕3号"
    assert len(answer["digest"]) == 64


def test_anything_else_is_unknown_with_exit_3_and_a_missing_file_is_exit_2(
    issued: tuple[Path, Path], tmp_path: Path
) -> None:
    data_dir, _ = issued
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    done = run("verify", "--data-dir", str(data_dir), str(other))
    assert done.returncode == 3
    assert done.stdout.startswith("无法核验") and "Unknown" in done.stdout
    missing = run("verify", "--data-dir", str(data_dir), str(tmp_path / "none.pdf"))
    assert missing.returncode == 2
    assert "无法读取文件" in missing.stderr and "Cannot read" in missing.stderr
