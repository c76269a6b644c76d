"""Notices and record sheets print the hall's wall-clock time, whatever the machine's zone.

An inspection that starts at 00:10 in Yichun is 16:10 UTC the day before;
a laptop set to UTC (or carried to New York) must still print 20 November,
0时10分, and the minutes the inspectors saw on the hall's clock.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.domain import bureau_time
from inspector_app.domain.finding import FindingResult
from inspector_app.services import documents as docs
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.demo import build_demo
from inspector_app.services.queries import list_inspections
from inspector_app.store.models import Finding
from inspector_app.store.store import Store
from tests.builders import start_in

from .conftest import ISSUER, pdf_text

STARTED = datetime(2026, 11, 19, 16, 10, tzinfo=UTC)  # 2026-11-20 00:10 in Yichun
OBSERVED = datetime(2026, 11, 20, 1, 20, tzinfo=UTC)  # 09:20 in Yichun
ADHOC_OBSERVED = datetime(2026, 11, 20, 1, 25, tzinfo=UTC)  # 09:25
ENDED = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00
MACHINES = ["UTC", "America/New_York"]


def _inspection_seen_in_yichun(store: Store, make_jpeg) -> str:
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow, site="city-center", team=("张明", "李华"), started_at=STARTED)
        first = min(
            uow.session.scalars(select(Finding).where(Finding.inspection_id == inspection_id)),
            key=lambda f: f.item_code or "",
        )
        ops.update_finding(
            uow,
            first.id,
            ops.FindingChanges(
                result=FindingResult.FAIL,
                description="窗口无人在岗，群众等候超过二十分钟",
                window_no="5",
                observed_at=OBSERVED,
            ),
        )
        ops.add_adhoc_finding(
            uow,
            inspection_id,
            title="饮水机无水",
            description="等候区无饮用水",
            observed_at=ADHOC_OBSERVED,
        )
        # The camera writes the hall's wall clock without an offset: 09:21.
        photo = make_jpeg(taken_at=datetime(2026, 11, 20, 9, 21, 0))
        photo_ops.attach_photo(uow, store.photos, first.id, photo, caption="5号窗口无人")
        ops.submit_inspection(uow, inspection_id, now=ENDED)
        uow.commit()
    return inspection_id


@pytest.mark.parametrize("machine", MACHINES)
def test_a_notice_printed_on_a_foreign_clock_says_the_halls_date_and_times(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path, make_jpeg, machine_zone, machine
) -> None:
    machine_zone(machine)
    inspection_id = _inspection_seen_in_yichun(seeded_store, make_jpeg)
    with seeded_store.unit_of_work() as uow:
        contents = docs.notice_contents(
            uow, seeded_store.photos, inspection_id, issuer=ISSUER, issued_on=date(2026, 11, 28)
        )
    assert [c.visited_on for c in contents] == [date(2026, 11, 20)]
    pdf = docs.save_pdf(docs.notice_pdf(contents[0], fonts), tmp_path / "notice.pdf")
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "2026年11月20日，我局" in text
    assert "经查，11月20日9时20分，" in text
    assert "11月20日9时25分" in text  # the ad-hoc problem
    assert "11月20日9时21分" in text  # the photo caption: the camera's wall clock
    assert "11月19日" not in text and "17时" not in text and "20时20分" not in text


@pytest.mark.parametrize("machine", MACHINES)
def test_a_record_sheet_printed_on_a_foreign_clock_says_the_halls_times(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path, make_jpeg, machine_zone, machine
) -> None:
    machine_zone(machine)
    inspection_id = _inspection_seen_in_yichun(seeded_store, make_jpeg)
    with seeded_store.unit_of_work() as uow:
        content = docs.record_content(uow, seeded_store.photos, inspection_id, issuer=ISSUER)
    pdf = docs.save_pdf(docs.record_pdf(content, fonts), tmp_path / "record.pdf")
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "2026年11月20日0时10分至10时00分" in text  # with the year; the day once
    assert "（11月20日9时25分）" in text
    assert "11月19日" not in text


def _export_all(data_dir: Path, inspection_ids: list[str], zone: str, out: Path) -> dict[str, str]:
    """Every demo notice and record sheet exported by the CLI on a machine set to `zone`."""
    env = {**os.environ, "TZ": zone}
    app = [sys.executable, "-m", "inspector_app", "export"]
    texts = {}
    for n, inspection_id in enumerate(inspection_ids):
        for kind, target in (("notice", out / f"{n}"), ("record", out / f"{n}-record.pdf")):
            options = ["--data-dir", str(data_dir), "--inspection", inspection_id]
            done = subprocess.run(
                [*app, kind, *options, "-o", str(target), "--issued-on", "2026-11-28"],
                capture_output=True,
                text=True,
                timeout=600,
                env=env,
            )
            assert done.returncode == 0, done.stderr
            for pdf in done.stdout.split():
                texts[str(Path(pdf).relative_to(out))] = pdf_text(Path(pdf))
    return texts


def test_demo_notices_and_record_sheets_print_the_same_on_a_utc_and_a_yichun_machine(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "demo"
    store = Store.open(data_dir)
    try:
        build_demo(store, inspections=4, photo_size=(800, 600), today=date(2026, 11, 28))
        with store.unit_of_work() as uow:
            ids = [r.id for r in list_inspections(uow)]
            seen = [
                bureau_time.local(f.observed_at)
                for f in uow.session.scalars(
                    select(Finding).where(Finding.result == FindingResult.FAIL)
                )
            ]
    finally:
        store.close()
    yichun = _export_all(data_dir, ids, "Asia/Shanghai", tmp_path / "yichun")
    utc = _export_all(data_dir, ids, "UTC", tmp_path / "utc")
    assert sorted(utc) == sorted(yichun) and len(yichun) >= 10
    for name, text in yichun.items():
        assert utc[name] == text, name
    printed = re.sub(r"\s+", "", "".join(yichun.values()))
    for moment in seen:  # each problem's minute, on the hall's clock, is printed somewhere
        assert f"{moment.hour}时{moment.minute:02d}分" in printed, moment
    assert "2026年12月18日" in printed  # 15 working days after 28 November
