"""The on-site record sheet of a 60-item checklist, read back with places and faces.

What a 现场检查记录 must carry (docs/documents.md, Record sheet): the organ, the unit,
place and time with the year, inspectors with card numbers, the recorder, every
item's result on one line with problems marked in a real bold face, signatures with
dates, the copies; and the unit asked to sign only when it knew it was inspected.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import LEFT
from inspector_app.domain.checklist import parse_template, to_schema_dict
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionMode
from inspector_app.resources import shipped_templates
from inspector_app.services import documents as docs
from inspector_app.services import inspections as ops
from inspector_app.services.record_facts import set_record_facts
from inspector_app.services.reference_data import install_templates, reference_id
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.store import Store
from tests.builders import start_in

from .conftest import ISSUER, page_count, pdf_text, poppler
from .pdf_words import blocks, find_line, line_text, lines, text_faces, words
from .test_notice_pdf import _words_outside_type_area

RESULTS = {"符合", "不符合", "不适用", "未检查"}
STARTED = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)  # 9时30分 in Yichun
ENDED = datetime(2026, 11, 20, 3, 50, tzinfo=UTC)


def _sixty_item_template():
    base = to_schema_dict(next(t for t in shipped_templates() if t.code == "window-service"))
    items = [item for category in base["categories"] for item in category["items"]]
    extra = [
        dict(item, code=f"X{n}", text=f"{item['text']}（补充第{n}项）")
        for n, item in enumerate(items[: 60 - len(items)], start=1)
    ]
    base["categories"].append({"code": "X", "name": "补充检查项", "items": extra})
    base.update(code="sixty-items", version=1, name="六十项检查表")
    return parse_template(base, "sixty.yaml")


def _result(n: int) -> FindingResult:
    if n % 7 == 3:
        return FindingResult.FAIL
    return {5: FindingResult.NOT_APPLICABLE, 6: FindingResult.UNCHECKED}.get(
        n % 7, FindingResult.PASS
    )


def _record(
    store: Store,
    fonts: DocumentFonts,
    tmp_path: Path,
    *,
    mode: InspectionMode = InspectionMode.COVERT,
    identity_shown: bool = False,
) -> tuple[Path, int]:
    """A 60-item inspection by 张明 and 李华 with every seventh item failed; its record."""
    template = _sixty_item_template()
    assert len(template.items) == 60
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_templates(uow, [template])
        uow.commit()
    with store.unit_of_work() as uow:
        inspection_id = start_in(
            uow,
            template_id=reference_id("template", "sixty-items", "1"),
            site="city-center",
            mode=mode,
            team=("张明", "李华"),
            started_at=STARTED,
        )
        findings = uow.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection_id)
        ).all()
        failed = 0
        for n, finding in enumerate(sorted(findings, key=lambda f: f.created_at)):
            result = _result(n)
            failed += result == FindingResult.FAIL
            ops.update_finding(
                uow,
                finding.id,
                ops.FindingChanges(
                    result=result,
                    # an inspector's sentence ends with 。: the sheet must not add a ；to it
                    description="窗口无人在岗，群众等候超过二十分钟。" if n % 7 == 3 else None,
                    window_no="5" if n % 7 == 3 else None,
                    staff_badge="7538" if n % 7 == 3 else None,
                ),
            )
        ops.add_adhoc_finding(
            uow,
            inspection_id,
            title="饮水机无水",
            description="等候区无饮用水。",
            observed_at=datetime(2026, 11, 20, 1, 45, tzinfo=UTC),
        )
        set_record_facts(
            uow,
            inspection_id,
            identity_shown=identity_shown,
            cert_nos={"张明": "23010012", "李华": "23010045"},
        )
        uow.session.get(Inspection, inspection_id).ended_at = ENDED  # as 完成检查 sets it
        uow.commit()
        content = docs.record_content(uow, store.photos, inspection_id, issuer=ISSUER)
    name = f"record-{mode.value}-{identity_shown}.pdf"
    return docs.save_pdf(docs.record_pdf(content, fonts), tmp_path / name), failed + 1


def _flat(pdf: Path) -> str:
    return re.sub(r"\s+", "", pdf_text(pdf))


def test_sixty_items_break_cleanly_with_every_result_on_one_line_in_one_column(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf, _ = _record(seeded_store, fonts, tmp_path)
    assert 2 <= page_count(pdf) <= 8
    assert _words_outside_type_area(pdf) == []
    text = _flat(pdf)
    assert text.count("序号检查项目结果情况说明") == page_count(pdf)  # the header on each page
    heads = {w.page: w for w in words(pdf) if w.text == "结果"}  # the column, on each page
    head = heads[1]
    column = [
        line
        for line in lines(pdf)
        if head.x0 - 8 < line[0].x_mid < head.x1 + 8 and line[0].y0 > heads[line[0].page].y1
    ]
    # 60 items and the ad-hoc problem, each result whole on one line ("不符/合" fails)
    assert len(column) == 61
    assert {line_text(line).removeprefix("▲") for line in column} <= RESULTS
    # the column is wide enough: every result stays between the header's neighbours
    for line in column:
        assert line[0].x0 > LEFT + 12 and line[-1].x1 < head.x1 + 12


def test_problems_are_marked_and_set_in_the_embedded_bold_face_not_only_filled(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf, failed = _record(seeded_store, fonts, tmp_path)
    embedded = {
        line.split()[0]
        for line in poppler("pdffonts", str(pdf)).splitlines()[2:]
        if line.split()[-5:-3] == ["yes", "yes"]
    }
    faces = text_faces(pdf)
    marked = [face for text, face in faces if text == "▲不符合"]
    assert len(marked) == failed  # 9 checklist problems and the ad-hoc one
    heading_face = pdf_face(fonts.heading, embedded)
    assert set(marked) == {heading_face}  # the 黑体 face, embedded and subset
    passed = [face for text, face in faces if text == "符合"]
    assert passed and heading_face not in passed  # the others stay in the body face
    assert "注：标“▲”的为不符合项，共10项。" in _flat(pdf)


def pdf_face(font_name: str, embedded: set[str]) -> str:
    """The subset name pdffonts lists for one of our registered fonts."""
    family = {"wqy-zenhei": "WenQuanYiZenHei", "uming": "UMingCN", "ukai": "UKaiCN"}
    key = next((v for k, v in family.items() if k in font_name), font_name)
    return next(name for name in embedded if key in name)


def test_notes_join_what_was_seen_window_and_badge_without_doubled_marks(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf, failed = _record(seeded_store, fonts, tmp_path)
    cells = blocks(pdf)
    note = "窗口无人在岗，群众等候超过二十分钟；窗口：5号；工号：7538。"
    assert cells.count(note) == failed - 1  # every checklist problem's cell, whole
    assert "等候区无饮用水（11月20日9时45分）。" in cells  # when, on the hall's clock
    for doubled in ("。；", "；；", "。。", "；。", "，；"):
        assert not [c for c in cells if doubled in c], doubled


def test_the_header_names_organ_unit_time_with_year_inspectors_with_numbers_and_recorder(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf, _ = _record(seeded_store, fonts, tmp_path)
    facts = {
        "检查机关": "伊春市营商环境建设监督局",
        "被检查单位": "伊春市政务服务中心管理办公室",
        "检查时间": "2026年11月20日9时30分至11时50分",
        "记录人": "张明",
    }
    for label, value in facts.items():
        label_word = find_line(pdf, f"^{label}$")[0]
        value_line = find_line(pdf, f"^{re.escape(value)}$")
        assert abs(value_line[0].y0 - label_word.y0) < 3, label  # side by side, one row
        assert value_line[0].x0 > label_word.x1
    for name, number in (("张明", "23010012"), ("李华", "23010045")):
        assert re.search(f"^{name}执法证号/工作证号：{number}$", line_text(find_line(pdf, name)))
    assert "“四不两直”，暗访（未亮明身份）" in _flat(pdf)


def test_an_unrevealed_covert_record_asks_nobody_of_the_unit_to_sign(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf, _ = _record(seeded_store, fonts, tmp_path)
    text = _flat(pdf)
    assert "被检查单位负责人（签名）" not in text and "拒绝签名" not in text
    assert "检查人员未亮明身份，被检查单位未在现场签名。" in text
    assert "本记录一式两份" in text
    _signatures_with_dates(pdf, ("检查人员（签名）", "记录人（签名）"))


@pytest.mark.parametrize(
    ("mode", "shown", "words_of_mode"),
    [
        (InspectionMode.COVERT, True, "暗访（检查中已亮明身份）"),
        (InspectionMode.OVERT, False, "“四不两直”，明察"),
    ],
)
def test_a_unit_that_knew_it_was_inspected_signs_with_a_date(
    seeded_store: Store,
    fonts: DocumentFonts,
    tmp_path: Path,
    mode: InspectionMode,
    shown: bool,
    words_of_mode: str,
) -> None:
    pdf, _ = _record(seeded_store, fonts, tmp_path, mode=mode, identity_shown=shown)
    text = _flat(pdf)
    assert words_of_mode in text
    assert "被检查单位负责人拒绝签名的，由检查人员注明情况。" in text
    assert "本记录一式两份，一份由检查机关存档，一份交被检查单位。" in text
    assert "未亮明身份" not in text
    _signatures_with_dates(pdf, ("检查人员（签名）", "记录人（签名）", "被检查单位负责人（签名）"))


def _signatures_with_dates(pdf: Path, labels: tuple[str, ...]) -> None:
    """Each signer's label with 年 月 日 on its own row, room to write between them, and
    the block on a page that also holds the last checklist rows (never alone)."""
    all_words = words(pdf)
    last_page = page_count(pdf)
    previous_y = 0.0
    for label in labels:
        row = find_line(pdf, f"^{re.escape(label)}")
        assert row[0].page == last_page
        assert row[0].y0 > previous_y + 8  # rows ≥ 8 mm apart: room for a signature
        previous_y = row[0].y0
        dates = [
            w
            for w in all_words
            if w.page == last_page and abs(w.y0 - row[0].y0) < 3 and w.text in ("年", "月", "日")
        ]
        dates.sort(key=lambda w: w.x0)
        assert [w.text for w in dates] == ["年", "月", "日"], label
        gaps = [b.x0 - a.x1 for a, b in pairwise(dates)]
        assert min(gaps) > 6  # two digits fit between 年, 月 and 日
        assert dates[0].x0 - row[-1].x1 > 60  # a signing line between label and date
    rows_on_last_page = {w.text for w in all_words if w.page == last_page}
    assert {"60", "61"} <= rows_on_last_page  # the last rows go with the signatures
