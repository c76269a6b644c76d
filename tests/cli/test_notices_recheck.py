"""`inspector-app notices recheck|recheck-result|recheck-finish`, run as a supervisor would:
start a 复查 of a notice whose report is in (its id on the first line), record each
problem with a photo, finish it — the notice's verification — and return, recheck, close.
A refused step exits 2 with both languages and leaves the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli import test_notices_rectification as loop_cli
from tests.rectification_builders import site_photo

folder = loop_cli.folder  # a data folder with one issued notice of two problems
dump, run = loop_cli.dump, loop_cli.run

REPORT = [
    *["feedback", "--received-on", "2026-11-12"],
    *["--problem", "1", "--measures", "已安排专人在岗", "--responsible", "王芳"],
    *["--problem", "2", "--measures", "已落实一次性告知", "--responsible", "张三"],
]


def _answered(capsys: pytest.CaptureFixture[str], data_dir: Path, notice: str) -> None:
    for args in (
        ["deliver", notice, "--on", "2026-11-03", "--method", "direct", "--recipient", "王芳"],
        [REPORT[0], notice, *REPORT[1:]],
    ):
        code, _, err = run(capsys, data_dir, *args)
        assert code == 0, err


def _recheck(capsys: pytest.CaptureFixture[str], data_dir: Path, notice: str) -> tuple[str, str]:
    code, out, err = run(
        capsys, data_dir, "recheck", notice, "--team", "李科长", "--team", "赵干事"
    )
    assert (code, err) == (0, ""), err
    inspection_id, said = out.splitlines()
    return inspection_id, said


def test_a_recheck_from_start_to_close(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, notice = folder
    _answered(capsys, data_dir, notice)
    inspection_id, said = _recheck(capsys, data_dir, notice)
    assert said == "已开始复查（伊美区政务服务中心）：问题1、2。"
    photo = site_photo(tmp_path, "复查-1.jpg")
    steps = [
        (
            ["recheck-result", inspection_id, "1", "--rectified", "--photo", str(photo)],
            "已记录问题1：已整改到位（1 张照片）。",
        ),
        (
            ["recheck-result", inspection_id, "2", "--not-rectified", "--note", "仍无告知单"],
            "已记录问题2：未整改到位（0 张照片）。",
        ),
        (
            ["recheck-finish", inspection_id, "--on", "2026-11-13"],
            "复查已完成（2026-11-13）：1 个已整改到位，1 个未整改到位。",
        ),
        (
            [
                *["return", notice, "--on", "2026-11-13", "--verifier", "李科长"],
                *["--working-days", "5", "--reason", "问题2未整改"],
            ],
            "新的整改期限为 2026-11-20",
        ),
        (
            [
                *["feedback", notice, "--received-on", "2026-11-18", "--problem", "2"],
                *["--measures", "已补充告知单", "--responsible", "张三"],
            ],
            "1 个问题",
        ),
    ]
    for args, expected in steps:
        code, out, err = run(capsys, data_dir, *args)
        assert (code, err) == (0, ""), (args, err)
        assert expected in out, (args, out)
    second, said = _recheck(capsys, data_dir, notice)
    assert said.endswith("问题2。")
    for args in (
        ["recheck-result", second, "2", "--rectified"],
        ["recheck-finish", second, "--on", "2026-11-19", "--verifier", "陈科长"],
        ["close", notice, "--on", "2026-11-19", "--verifier", "陈科长"],
    ):
        code, out, err = run(capsys, data_dir, *args)
        assert (code, err) == (0, ""), (args, err)
    code, out, _ = run(capsys, data_dir, "show", notice, "--json")
    state = json.loads(out)
    assert state["status"] == "closed"
    rounds = [
        (f["round"], f["verification_result"], f["verified_by"])
        for f in state["problems"][1]["feedback"]
    ]
    assert rounds == [(1, "not_rectified", "李科长"), (2, "rectified", "陈科长")]


def test_a_recheck_before_the_report_is_refused_in_both_languages_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str]
) -> None:
    data_dir, notice = folder
    before = dump(data_dir)
    code, out, err = run(capsys, data_dir, "recheck", notice, "--team", "李科长")
    assert code == 2 and out == ""
    assert "只有收到整改报告、待复查的通知书才能复查；该通知书已交办。" in err
    assert "this one is issued." in err
    assert dump(data_dir) == before


def test_finishing_with_a_problem_unrecorded_is_refused_and_english_with_lang_en(
    capsys: pytest.CaptureFixture[str], folder: tuple[Path, str]
) -> None:
    data_dir, notice = folder
    _answered(capsys, data_dir, notice)
    inspection_id, _ = _recheck(capsys, data_dir, notice)
    code, out, _ = run(
        capsys, data_dir, "recheck-result", inspection_id, "2", "--rectified", lang="en"
    )
    assert (code, out.strip()) == (0, "Recorded problem 2: rectified (0 photo(s)).")
    before = dump(data_dir)
    code, out, err = run(capsys, data_dir, "recheck-finish", inspection_id)
    assert code == 2 and out == ""
    assert "问题1还没有复查结论" in err and "Problem(s) 1 have no result yet" in err
    assert dump(data_dir) == before
