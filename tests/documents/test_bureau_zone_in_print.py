"""Notices and record sheets print the hall's wall-clock time, whatever the machine's zone.

An inspection that starts at 00:10 in Yichun is 16:10 UTC the day before;
a laptop set to UTC (or carried to New York) must still print 20 November,
0时10分, and the minutes the inspectors saw on the hall's clock.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.domain.finding import FindingResult
from inspector_app.services import documents as docs
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
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
    assert "检查时间：11月20日9时20分" in text
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
