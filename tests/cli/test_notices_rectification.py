"""`inspector-app notices deliver|feedback|verify|return|close|extend|escalate|show`, run as
a supervisor would: messages in Chinese (English with --lang en), exit 0 for a recorded
step, exit 2 with both languages for a refused one, which leaves the store as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app import cli
from inspector_app.services.reference_data import install_shipped
from inspector_app.store.store import Store
from tests.rectification_builders import issued_notice_in, scanned_report, site_photo


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, str]:
    """A data folder holding one issued notice with two problems: (folder, notice id)."""
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    try:
        with store.unit_of_work(suppress_outbox=True) as uow:
            install_shipped(uow)
            uow.commit()
        with store.unit_of_work() as uow:
            notice_id, _ = issued_notice_in(uow, problems=2)
            uow.commit()
    finally:
        store.close()
    return data_dir, notice_id


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, lang: str | None = None):
    prefix = ["--lang", lang] if lang else []
    code = cli.main([*prefix, "notices", *args, "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def dump(data_dir: Path) -> str:
    import sqlite3

    with sqlite3.connect(data_dir / "store.sqlite3") as conn:
        return "\n".join(conn.iterdump())


def test_the_whole_loop_from_delivery_to_closing(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, notice = folder
    pdf, photo = scanned_report(tmp_path / "in"), site_photo(tmp_path / "in")
    steps = [
        (
            ["deliver", notice, "--on", "2026-11-03", "--method", "direct", "--recipient", "王芳"],
            "已记录送达（2026-11-03，直接送达）",
        ),
        (
            [
                "feedback",
                notice,
                "--received-on",
                "2026-11-12",
                "--problem",
                "1",
                "--measures",
                "已安排专人在岗",
                "--responsible",
                "王芳",
                "--problem",
                "2",
                "--measures",
                "已落实一次性告知",
                "--responsible",
                "张三",
                "--evidence",
                "1",
                str(pdf),
                "--evidence",
                "1",
                str(photo),
            ],
            "已记录整改报告：2 个问题，2 份证明材料",
        ),
        (
            [
                "verify",
                notice,
                "--on",
                "2026-11-13",
                "--verifier",
                "李科长",
                "--rectified",
                "1",
                "--not-rectified",
                "2",
            ],
            "1 个已整改到位，1 个未整改到位",
        ),
        (
            [
                "return",
                notice,
                "--on",
                "2026-11-13",
                "--verifier",
                "李科长",
                "--working-days",
                "5",
                "--reason",
                "问题2未整改",
            ],
            "新的整改期限为 2026-11-20",
        ),
        (
            ["escalate", notice, "admonition", "--on", "2026-11-16", "--note", "约谈窗口科负责人"],
            "已记录约谈（2026-11-16）",
        ),
        (
            [
                "feedback",
                notice,
                "--received-on",
                "2026-11-18",
                "--problem",
                "2",
                "--measures",
                "已补充告知单",
                "--responsible",
                "张三",
            ],
            "1 个问题",
        ),
        (
            ["verify", notice, "--on", "2026-11-19", "--verifier", "李科长", "--rectified", "2"],
            "1 个已整改到位",
        ),
        (["close", notice, "--on", "2026-11-19", "--verifier", "李科长"], "通知书已销号"),
    ]
    for args, said in steps:
        code, out, err = run(capsys, data_dir, *args)
        assert (code, err) == (0, ""), (args, err)
        assert said in out, (args, out)
    code, out, _ = run(capsys, data_dir, "show", notice, "--json")
    state = json.loads(out)
    assert (state["status"], state["closed_by"], state["returned_count"]) == ("closed", "李科长", 1)
    assert [e["kind"] for e in state["events"]] == [
        "delivered",
        "feedback",
        "verified",
        "returned",
        "admonition",
        "feedback",
        "verified",
        "closed",
    ]
    assert len(state["problems"][0]["feedback"][0]["evidence_sha256"]) == 2
    code, out, _ = run(capsys, data_dir, "show", notice, lang="en")
    assert code == 0 and "closed" in out and "rectified" in out


def test_closing_before_any_feedback_is_refused_in_both_languages_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str]
) -> None:
    data_dir, notice = folder
    before = dump(data_dir)
    code, out, err = run(capsys, data_dir, "close", notice, "--verifier", "李科长")
    assert code == 2 and out == ""
    assert "当前状态为“已交办”，不能执行“销号”操作。" in err
    assert "Cannot close it while the record is issued." in err
    assert dump(data_dir) == before


def test_a_broken_pdf_is_refused_by_name_and_nothing_is_recorded(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, notice = folder
    code, _, _ = run(capsys, data_dir, "deliver", notice, "--method", "mail", "--recipient", "王芳")
    assert code == 0
    broken = tmp_path / "扫描件.pdf"
    broken.write_bytes(scanned_report(tmp_path / "in").read_bytes()[:300])
    before = dump(data_dir)
    code, out, err = run(
        capsys,
        data_dir,
        *["feedback", notice, "--problem", "1", "--measures", "已整改", "--responsible", "王芳"],
        *["--problem", "2", "--measures", "已整改", "--responsible", "张三"],
        *["--evidence", "2", str(broken)],
    )
    assert code == 2 and out == ""
    assert "证明材料“扫描件.pdf”不完整" in err and "'扫描件.pdf' is cut short" in err
    assert dump(data_dir) == before


def test_messages_are_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str]
) -> None:
    data_dir, notice = folder
    code, out, _ = run(
        capsys,
        data_dir,
        *["deliver", notice, "--on", "2026-11-03", "--method", "left", "--recipient", "王芳"],
        lang="en",
    )
    assert (code, out.strip()) == (0, "Recorded: left at the unit's premises on 2026-11-03.")


def test_a_mistyped_date_is_an_argument_error_as_the_shell_sees_it(
    folder: tuple[Path, str],
) -> None:
    data_dir, notice = folder
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "inspector_app",
            "notices",
            "deliver",
            notice,
            "--on",
            "2026-13-01",
            "--method",
            "mail",
            "--recipient",
            "王芳",
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert result.returncode == 2
    assert "日期应为 YYYY-MM-DD：2026-13-01" in result.stderr
