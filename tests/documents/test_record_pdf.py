"""The on-site record sheet: a 60-item checklist breaks cleanly; problems stand out."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.domain.checklist import parse_template, to_schema_dict
from inspector_app.domain.finding import FindingResult
from inspector_app.resources import shipped_templates
from inspector_app.services import documents as docs
from inspector_app.services import inspections as ops
from inspector_app.services.reference_data import install_templates, reference_id
from inspector_app.store.models import Finding
from inspector_app.store.store import Store
from tests.builders import start_in

from .conftest import ISSUER, page_count, pdf_text, poppler
from .test_notice_pdf import _words_outside_type_area


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


def test_sixty_items_break_cleanly_and_problems_are_highlighted(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    template = _sixty_item_template()
    assert len(template.items) == 60
    with seeded_store.unit_of_work(suppress_outbox=True) as uow:
        install_templates(uow, [template])
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        inspection_id = start_in(
            uow,
            template_id=reference_id("template", "sixty-items", "1"),
            site="city-center",
            team=("张明", "李华"),
            started_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC),
        )
        findings = uow.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection_id)
        ).all()
        for n, finding in enumerate(sorted(findings, key=lambda f: f.created_at)):
            result = FindingResult.FAIL if n % 7 == 3 else FindingResult.PASS
            ops.update_finding(
                uow,
                finding.id,
                ops.FindingChanges(
                    result=result,
                    description="窗口无人在岗，群众等候超过二十分钟" if n % 7 == 3 else None,
                    window_no="5" if n % 7 == 3 else None,
                ),
            )
        ops.add_adhoc_finding(uow, inspection_id, title="饮水机无水", description="等候区无饮用水")
        uow.commit()
        content = docs.record_content(uow, seeded_store.photos, inspection_id, issuer=ISSUER)
    pdf = docs.save_pdf(docs.record_pdf(content, fonts), tmp_path / "record.pdf")
    assert 2 <= page_count(pdf) <= 8
    assert _words_outside_type_area(pdf) == []
    text = re.sub(r"\s+", "", pdf_text(pdf))
    positions = [text.find(item.code + item.text[:6]) for item in content.items]
    assert -1 not in positions and positions == sorted(positions)
    assert text.count("序号检查项目结果情况说明") >= 2  # the header repeats on each page
    assert "饮水机无水" in text and "被检查单位负责人（签名）" in text
    for line in poppler("pdffonts", str(pdf)).splitlines()[2:]:
        assert line.split()[-5:-3] == ["yes", "yes"], line
