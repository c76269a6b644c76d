"""The on-site record sheet (现场检查记录表): facts, every item's result, signatures."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from inspector_app.documents.content import RecordContent, chinese_time
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import (
    LINE,
    TYPE_WIDTH,
    build_official_pdf,
    styles,
    table_style,
)
from inspector_app.documents.wording import Wording, load_wording

PROBLEM_FILL = Color(1.0, 0.9, 0.9)
GRID = Color(0.3, 0.3, 0.3)


def build_record(
    content: RecordContent,
    fonts: DocumentFonts,
    target: Path | io.BytesIO,
    wording: Wording | None = None,
) -> None:
    wording = wording or load_wording()
    s = styles(fonts)
    font = s["body"].fontName
    title = wording.text("record", "title")
    ended = chinese_time(content.ended_at) if content.ended_at else "（未结束）"
    facts = [
        ("检查地点", f"{content.site}　{content.address}".strip()),
        ("检查时间", f"{chinese_time(content.started_at)} 至 {ended}"),
        ("检查方式", f"“四不两直”，{content.mode_text}"),
        ("检查人员", "、".join(content.team)),
        ("检查表", content.template_name),
    ]
    fact_table = Table(
        [[Paragraph(k, s["cell_head"]), Paragraph(escape(v), s["cell"])] for k, v in facts],
        colWidths=[28 * mm, TYPE_WIDTH - 28 * mm],
        style=table_style(
            font, ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")
        ),
    )
    header = [Paragraph(h, s["cell_head"]) for h in ("序号", "检查项目", "结果", "情况说明")]
    rows: list[list[Flowable]] = [header]
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.9, 0.9, 0.9)),
    ]
    for number, item in enumerate(content.items, start=1):
        result = f"<b>{item.result_text}</b>" if item.failed else item.result_text
        rows.append(
            [
                Paragraph(str(number), s["cell"]),
                Paragraph(f"{escape(item.code)} {escape(item.text)}", s["cell"]),
                Paragraph(result, s["cell"]),
                Paragraph(escape(item.note), s["cell"]),
            ]
        )
        if item.failed:
            commands.append(("BACKGROUND", (0, number), (-1, number), PROBLEM_FILL))
    items_table = Table(
        rows,
        colWidths=[12 * mm, 68 * mm, 17 * mm, TYPE_WIDTH - 97 * mm],
        repeatRows=1,
        splitByRow=1,
        style=table_style(font, *commands),
    )
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Spacer(1, LINE * 0.4),
        fact_table,
        Spacer(1, LINE * 0.4),
        items_table,
    ]
    if content.adhoc:
        story += [Spacer(1, LINE * 0.4), Paragraph("检查表外发现的问题", s["heading1"])]
        for number, problem in enumerate(content.adhoc, start=1):
            when = f"（{chinese_time(problem.observed_at)}）" if problem.observed_at else ""
            story.append(
                Paragraph(
                    f"{number}. {escape(problem.item)}：{escape(problem.description)}{when}",
                    s["body"],
                )
            )
    signature_rows = [
        [Paragraph(escape(wording.text("record", "signatures_inspectors")), s["cell"]), ""],
        [Paragraph(escape(wording.text("record", "signatures_unit")), s["cell"]), ""],
    ]
    signatures = Table(
        [[a, Spacer(1, 1)] for a, _ in signature_rows],
        colWidths=[60 * mm, TYPE_WIDTH - 60 * mm],
        rowHeights=[14 * mm, 14 * mm],
        style=table_style(
            font, ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")
        ),
    )
    story.append(
        KeepTogether(
            [
                Spacer(1, LINE * 0.6),
                signatures,
                Spacer(1, 3 * mm),
                Paragraph(escape(wording.text("record", "refused_note")), s["small"]),
                Paragraph(f"记录编号：{content.inspection_id}", s["small"]),
            ]
        )
    )

    build_official_pdf(
        target,
        story,
        fonts,
        title=f"{title} {content.site}",
        author=content.issuer.name,
        subject=title,
    )
