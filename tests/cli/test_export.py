"""`inspector-app export notice|record`: files on success, a message and exit ≠ 0 otherwise."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

APP = [sys.executable, "-m", "inspector_app"]
# A notice's due date is 15 working days on; from mid-December on, today's would fall in
# a year chinesecalendar 1.11 does not cover (2027) and the export would be refused.
PINNED_DAY = ("--issued-on", "2026-11-28")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*APP, *args], capture_output=True, text=True, timeout=600, env=os.environ.copy()
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data_dir = tmp_path_factory.mktemp("export")
    assert (
        run(
            "demo", "--data-dir", str(data_dir), "--inspections", "2", "--photo-size", "800x600"
        ).returncode
        == 0
    )
    rows = json.loads(run("list", "--data-dir", str(data_dir), "--json").stdout)
    return data_dir, next(r["id"] for r in rows if r["status"] == "approved")


def test_notices_for_every_unit_go_into_a_folder(demo: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, inspection_id = demo
    done = run(
        "export",
        "notice",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "-o",
        str(tmp_path / "notices"),
        *PINNED_DAY,
    )
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "notices").glob("*.pdf"))
    assert files and all(f.read_bytes().startswith(b"%PDF") for f in files)
    assert [str(f) for f in files] == sorted(done.stdout.split())


def test_each_notice_gets_its_delivery_receipt_beside_it(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, inspection_id = demo
    folder = tmp_path / "notices"
    done = run(
        "export", "notice", "--data-dir", str(data_dir), "--inspection", inspection_id,
        "-o", str(folder),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    notices = sorted(folder.glob("整改通知书-*.pdf"))
    receipts = sorted(folder.glob("送达回证-*.pdf"))
    assert notices and [r.name.removeprefix("送达回证-") for r in receipts] == [
        n.name.removeprefix("整改通知书-") for n in notices
    ]
    info = subprocess.run(["pdfinfo", str(receipts[0])], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)

    one = tmp_path / "one.pdf"  # one unit to a file: the receipt is one-送达回证.pdf
    single = run(
        "export", "notice", "--data-dir", str(data_dir), "--inspection", inspection_id,
        "--unit", _first_unit(data_dir, inspection_id), "-o", str(one),
    )  # fmt: skip
    assert single.returncode == 0, single.stderr
    assert single.stdout.split() == [str(one), str(tmp_path / "one-送达回证.pdf")]
    assert (tmp_path / "one-送达回证.pdf").read_bytes().startswith(b"%PDF")


def _first_unit(data_dir: Path, inspection_id: str) -> str:
    """A unit with problems in the inspection, read from the store the CLI wrote."""
    from inspector_app.domain.finding import FindingResult
    from inspector_app.store.models import Finding
    from inspector_app.store.store import Store

    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:
            return next(
                f.unit_id
                for f in uow.session.query(Finding).filter_by(inspection_id=inspection_id)
                if f.result == FindingResult.FAIL and f.unit_id
            )
    finally:
        store.close()


def test_record_sheet_to_a_file(demo: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, inspection_id = demo
    target = tmp_path / "记录表.pdf"
    done = run(
        "export",
        "record",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "-o",
        str(target),
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_exported_notices_are_readable_like_any_saved_file_under_umask_022(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, inspection_id = demo
    before = os.umask(0o022)  # the child process inherits it
    try:
        done = run(
            "export",
            "notice",
            "--data-dir",
            str(data_dir),
            "--inspection",
            inspection_id,
            "-o",
            str(tmp_path / "notices"),
            *PINNED_DAY,
        )
    finally:
        os.umask(before)
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "notices").glob("*.pdf"))
    assert files and {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o644}


def test_unknown_inspection_fails_with_a_message(demo: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, _ = demo
    done = run(
        "export",
        "record",
        "--data-dir",
        str(data_dir),
        "--inspection",
        "no-such-id",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert done.returncode != 0
    assert "no-such-id" in done.stderr and not (tmp_path / "x.pdf").exists()


def test_unwritable_path_fails_with_a_message(demo: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, inspection_id = demo
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    done = run(
        "export",
        "record",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "-o",
        str(blocked / "x.pdf"),
    )
    assert done.returncode != 0
    assert "无法写入" in done.stderr


def test_unknown_unit_fails_with_a_message(demo: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, inspection_id = demo
    done = run(
        "export",
        "notice",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "--unit",
        "no-such-unit",
        "-o",
        str(tmp_path / "n.pdf"),
    )
    assert done.returncode != 0 and "no-such-unit" in done.stderr


def test_a_font_standing_in_for_fangsong_is_named_on_stderr_in_both_languages(
    demo: tuple[Path, str], tmp_path: Path, isolated_settings: Path
) -> None:
    ukai = "/usr/share/fonts/truetype/arphic/ukai.ttc"  # a 楷体, where the body wants 仿宋
    isolated_settings.mkdir(exist_ok=True)
    (isolated_settings / "settings.json").write_text(
        json.dumps({"font_body": ukai}), encoding="utf-8"
    )
    data_dir, inspection_id = demo
    done = run(
        "export",
        "notice",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "-o",
        str(tmp_path / "notices"),
        "--issued-on",
        "2026-12-01",  # inside the holiday data
    )
    assert done.returncode == 0, done.stderr
    assert "正文应为仿宋，现用 AR PL UKai CN" in done.stderr
    assert "“正文字体（仿宋）”" in done.stderr
    assert "body: AR PL UKai CN instead of FangSong" in done.stderr
    assert list((tmp_path / "notices").glob("*.pdf"))  # the notices are still written


def test_a_due_date_beyond_the_holiday_data_fails_with_a_message_and_writes_nothing(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    data_dir, inspection_id = demo
    done = run(
        "export",
        "notice",
        "--data-dir",
        str(data_dir),
        "--inspection",
        inspection_id,
        "-o",
        str(tmp_path / "notices"),
        "--issued-on",
        "2026-12-20",
    )
    assert done.returncode == 2
    assert "2027年没有节假日安排数据" in done.stderr
    assert "no holiday arrangement" in done.stderr and "2027" in done.stderr
    assert not (tmp_path / "notices").exists()
