"""`inspector-app demo` then `inspector-app list --json`, as real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlalchemy import select

from inspector_app.domain.finding import FindingResult
from inspector_app.store.models import Blob, Finding, Photo
from inspector_app.store.store import Store

APP = [sys.executable, "-m", "inspector_app"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args], capture_output=True, text=True, timeout=600, env=env or os.environ.copy()
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo")
    done = run("demo", "--data-dir", str(data_dir), "--photo-size", "1024x768")
    assert done.returncode == 0, done.stderr
    assert "演示数据已写入" in done.stdout
    return data_dir


def test_demo_has_inspections_over_sites_in_every_status(demo_dir: Path) -> None:
    listed = run("list", "--data-dir", str(demo_dir), "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) >= 6
    assert len({r["site"] for r in rows}) >= 4
    assert {r["status"] for r in rows} == {"draft", "submitted", "approved", "returned"}
    assert sum(r["problems"] for r in rows) >= 40
    assert all(r["photos"] >= 1 and r["campaign"] for r in rows)
    assert set(rows[0]) >= {
        "id",
        "site",
        "campaign",
        "status",
        "started_at",
        "findings",
        "problems",
        "photos",
    }


def test_demo_problems_have_chinese_descriptions_and_real_photos(demo_dir: Path) -> None:
    store = Store.open(demo_dir)
    try:
        with store.unit_of_work() as uow:
            failed = uow.session.scalars(
                select(Finding).where(Finding.result == FindingResult.FAIL)
            ).all()
            blobs = uow.session.scalars(select(Blob)).all()
            photos = uow.session.scalars(select(Photo)).all()
        assert len(failed) >= 40
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.description) for f in failed)
        assert all(f.unit_id for f in failed if f.item_code)
        # Hall-wide problems (大厅秩序、环境与设施) are the managing unit's, at no window.
        assert all(f.window_no for f in failed if f.item_code and f.category_code != "H")
        assert {b.exif_orientation for b in blobs} == {1, 6}
        assert all(b.taken_at is not None for b in blobs)
        for photo in photos[:5]:
            with Image.open(store.photos.original_path(photo.sha256)) as image:
                assert image.format == "JPEG"
                assert image.size == (1024, 768)
    finally:
        store.close()


def test_list_prints_start_times_on_the_bureau_clock_on_a_utc_machine(demo_dir: Path) -> None:
    utc_machine = {**os.environ, "TZ": "UTC"}
    rows = json.loads(run("list", "--data-dir", str(demo_dir), "--json", env=utc_machine).stdout)
    printed = run("list", "--data-dir", str(demo_dir), env=utc_machine).stdout.splitlines()
    yichun = ZoneInfo("Asia/Shanghai")
    expected = [
        f"{datetime.fromisoformat(r['started_at']).astimezone(yichun):%Y-%m-%d %H:%M}" for r in rows
    ]
    assert [line[:16] for line in printed] == expected
    assert all(line.split()[1] >= "08:00" for line in printed)  # demo visits start at 08:2x


def test_demo_twice_on_one_folder_says_so_and_adds_nothing(demo_dir: Path) -> None:
    before = run("list", "--data-dir", str(demo_dir), "--json").stdout
    again = run("demo", "--data-dir", str(demo_dir), "--photo-size", "1024x768")
    assert again.returncode == 2
    assert "该数据目录" in again.stderr and "已有演示数据，未重复生成。" in again.stderr
    assert "already holds the demo data; nothing was added." in again.stderr
    assert "演示数据已写入" not in again.stdout
    assert run("list", "--data-dir", str(demo_dir), "--json").stdout == before


def test_demo_default_photos_are_camera_sized(tmp_path: Path) -> None:
    done = run(
        "demo", "--data-dir", str(tmp_path), "--inspections", "1", "--photos-per-finding", "1"
    )
    assert done.returncode == 0, done.stderr
    store = Store.open(tmp_path)
    try:
        with store.unit_of_work() as uow:
            blob = uow.session.scalars(select(Blob)).first()
        assert (blob.width, blob.height) == (4032, 3024)
        assert blob.size > 1_000_000  # camera-like file, not a flat drawing
    finally:
        store.close()


def test_data_dir_comes_from_the_environment_when_not_given(tmp_path: Path) -> None:
    env = {**os.environ, "INSPECTOR_DATA_DIR": str(tmp_path / "from-env")}
    listed = run("list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    assert (tmp_path / "from-env" / "store.sqlite3").exists()


def test_bad_arguments_fail_with_a_message(tmp_path: Path) -> None:
    bad = run("demo", "--data-dir", str(tmp_path), "--photo-size", "huge")
    assert bad.returncode != 0 and "WIDTHxHEIGHT" in bad.stderr
