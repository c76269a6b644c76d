"""`inspector-app export bulletin` run as a clerk runs it: the file, the exit code, the words."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.store.store import Store
from tests.bulletin_data import build_bulletin_campaign

APP = [sys.executable, "-m", "inspector_app"]
NOVEMBER = ("--from", "2026-11-01", "--to", "2026-11-30", "--issued-on", "2026-11-28")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
        input=stdin,
    )


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("cli-bulletin")
    store = Store.open(folder / "data")
    try:
        campaign_id = build_bulletin_campaign(store, folder / "camera")
    finally:
        store.close()
    return folder / "data", campaign_id


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


def test_offline_the_bulletin_is_an_unnumbered_draft_and_says_so(
    campaign: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, _ = campaign
    target = tmp_path / "通报.pdf"
    done = run("export", "bulletin", "--data-dir", str(data_dir), *NOVEMBER, "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    assert "未编号的通报草稿" in done.stderr and "unnumbered draft" in done.stderr
    text = pdf_text(target)
    assert "（草稿：未编号，不得印发）" in text
    assert "发现问题12个" in text and "〔2026〕" not in text


def test_a_campaign_bulletin_needs_no_dates_and_names_the_campaign(
    campaign: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, campaign_id = campaign
    target = tmp_path / "campaign.pdf"
    done = run(
        "export",
        "bulletin",
        "--data-dir",
        str(data_dir),
        "--campaign",
        campaign_id,
        "--draft",
        "-o",
        str(target),
    )
    assert done.returncode == 0, done.stderr
    assert "--draft" in done.stderr
    text = pdf_text(target)
    assert "关于2026年政务服务窗口服务不优专项监督检查情况的通报" in text
    assert "检查政务服务大厅4个、4次" in text


def test_settings_thresholds_decide_the_red_and_black_lists(
    campaign: tuple[Path, str], tmp_path: Path, isolated_settings: Path
) -> None:
    isolated_settings.mkdir(parents=True, exist_ok=True)
    (isolated_settings / "settings.json").write_text(
        json.dumps({"red_list_rate": 50, "black_list_rate": 40}), encoding="utf-8"
    )
    target = tmp_path / "lenient.pdf"
    done = run("export", "bulletin", "--data-dir", str(campaign[0]), *NOVEMBER, "-o", str(target))
    assert done.returncode == 0, done.stderr
    text = pdf_text(target)
    red, black = text.index("红榜（整改率不低于50%）"), text.index("黑榜（整改率低于40%）")
    assert red < text.index("友好区人力资源和社会保障局2150.0%", red) < black


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (("--from", "2026-11-30", "--to", "2026-11-01"), "晚于结束日期", "is after the end"),
        (("--from", "2025-01-01", "--to", "2025-01-31"), "没有审核通过的检查", "No approved"),
        (("--campaign", "no-such-campaign"), "找不到专项行动", "No campaign"),
        (("--from", "2026-11-01"), "起止日期", "Give the bulletin's period"),
        (("--from", "11/01/2026", "--to", "2026-11-30"), "YYYY-MM-DD", "expects a date"),
    ],
)
def test_bad_input_gets_a_message_in_both_languages_and_writes_nothing(
    campaign: tuple[Path, str], tmp_path: Path, args: tuple[str, ...], zh: str, en: str
) -> None:
    target = tmp_path / "never.pdf"
    done = run("export", "bulletin", "--data-dir", str(campaign[0]), *args, "-o", str(target))
    assert done.returncode == 2
    assert zh in done.stderr and en in done.stderr
    assert "Traceback" not in done.stderr
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_thresholds_that_contradict_each_other_are_refused(
    campaign: tuple[Path, str], tmp_path: Path, isolated_settings: Path
) -> None:
    isolated_settings.mkdir(parents=True, exist_ok=True)
    (isolated_settings / "settings.json").write_text(
        json.dumps({"red_list_rate": 80, "black_list_rate": 90}), encoding="utf-8"
    )
    target = tmp_path / "never.pdf"
    done = run("export", "bulletin", "--data-dir", str(campaign[0]), *NOVEMBER, "-o", str(target))
    assert done.returncode == 2
    assert "红黑榜阈值" in done.stderr and "thresholds" in done.stderr
    assert not target.exists()


def test_an_unwritable_place_is_refused_with_a_message(
    campaign: tuple[Path, str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "b.pdf"
    done = run("export", "bulletin", "--data-dir", str(campaign[0]), *NOVEMBER, "-o", str(target))
    assert done.returncode == 2
    assert "无法写入文件" in done.stderr and "Cannot write" in done.stderr


def test_a_notice_export_still_asks_for_its_inspection(campaign: tuple[Path, str]) -> None:
    done = run("export", "notice", "--data-dir", str(campaign[0]), "-o", "x.pdf")
    assert done.returncode == 2
    assert "--inspection" in done.stderr
