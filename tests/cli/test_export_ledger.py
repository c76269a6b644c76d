"""`inspector-app export ledger`: the workbook and its photos, or a message and exit ≠ 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

APP = [sys.executable, "-m", "inspector_app"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args], capture_output=True, text=True, timeout=600, env=os.environ.copy()
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ledger-cli")
    made = run("demo", "--data-dir", str(folder), "--inspections", "3", "--photo-size", "640x480")
    assert made.returncode == 0, made.stderr
    return folder


def test_the_ledger_is_written_with_its_photos_and_the_count_said(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "整改台账.xlsx"
    done = run("export", "ledger", "--data-dir", str(data_dir), "-o", str(target))
    assert done.returncode == 0, done.stderr
    photos = tmp_path / "整改台账-照片"
    assert done.stdout.split() == [str(target), str(photos)]
    sheet = load_workbook(target).active
    rows = sheet.max_row - 1
    assert rows > 0 and f"{rows} 个问题" in done.stderr
    assert all(p.suffix == ".jpg" for p in photos.iterdir())


def test_english_headers_with_lang_en_and_no_photo_folder_when_asked(
    data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ledger.xlsx"
    done = run(
        "--lang", "en", "export", "ledger", "--data-dir", str(data_dir), "-o", str(target),
        "--no-photos",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert load_workbook(target).active["A1"].value == "No."
    assert sorted(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("--campaign", "no-such-campaign"), "找不到专项行动 no-such-campaign"),
        ((), "须以 .xlsx 结尾"),
    ],
)
def test_a_refused_ledger_says_why_and_writes_nothing(
    data_dir: Path, tmp_path: Path, extra: tuple[str, ...], said: str
) -> None:
    target = tmp_path / ("台账.xlsx" if extra else "台账.pdf")
    done = run("export", "ledger", "--data-dir", str(data_dir), "-o", str(target), *extra)
    assert done.returncode == 2
    assert said in done.stderr
    assert list(tmp_path.iterdir()) == []
