"""The on-site record sheet (现场检查记录表): facts, every item's result, signatures.

What a 现场检查笔录 carries (shared/domain/NOTES.md §2.2): the organ that inspects,
the unit inspected, place and time with the year, the inspectors with their card
numbers, the recorder, every item's result, signatures with dates, and how many
copies exist. A 暗访 whose inspectors stayed unknown asks nobody of the unit to sign.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from inspector_app.documents.content import (
    RecordContent,
    RecordInspector,
    check_period,
)
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.form_text import FormText
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
PROBLEM_MARK = "▲"  # in GB 2312 (A1F8): every Chinese face has it
CELL_PADDING = 6  # reportlab's default left and right padding of a table cell, in pt
CERT_LABEL = "执法证号/工作证号"
BLANK = "_" * 16  # a line to write a missing card number or name on by hand


def build_record(
    content: RecordContent,
    fonts: DocumentFonts,
    target: Path | io.BytesIO,
    wording: Wording | None = None,
) -> None:
    wording = wording or load_wording()
    s = styles(fonts)
    title = wording.text("record", "title")
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Spacer(1, LINE * 0.4),
        _facts_table(content, s),
        Spacer(1, LINE * 0.4),
        _items_table(content, s, fonts, _closing(content, s, wording)),
    ]
    build_official_pdf(
        target,
        story,
        fonts,
        title=f"{title} {content.site}",
        author=content.issuer.name,
        subject=title,
    )


def mode_text(content: RecordContent) -> str:
    """检查方式, saying for a 暗访 whether the inspectors made themselves known."""
    if not content.covert:
        return f"“四不两直”，{content.mode_text}"
    shown = "检查中已亮明身份" if content.identity_shown else "未亮明身份"
    return f"“四不两直”，{content.mode_text}（{shown}）"


def _facts_table(content: RecordContent, s: dict[str, ParagraphStyle]) -> Table:
    inspectors = content.inspectors or tuple(RecordInspector(n, "") for n in content.team)
    team = "<br/>".join(
        f"{escape(i.name)}　{CERT_LABEL}：{escape(i.cert_no) if i.cert_no else BLANK}"
        for i in inspectors
    )
    facts: list[tuple[str, str]] = [
        ("检查机关", escape(content.issuer.name)),
        ("被检查单位", escape(content.inspected_unit or content.site)),
    ]
    if content.problem_units:
        facts.append(("问题涉及单位", escape("、".join(content.problem_units))))
    facts += [
        ("检查地点", escape(f"{content.site}　{content.address}".strip())),
        ("检查时间", escape(check_period(content.started_at, content.ended_at))),
        ("检查方式", escape(mode_text(content))),
        ("检查人员", team),
        ("记录人", escape(content.recorder) or BLANK),
        ("检查表", escape(content.template_name)),
    ]
    return Table(
        [[Paragraph(k, s["cell_head"]), Paragraph(v, s["cell"])] for k, v in facts],
        colWidths=[28 * mm, TYPE_WIDTH - 28 * mm],
        style=table_style(
            s["cell"].fontName,
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ),
    )


def _items_table(
    content: RecordContent,
    s: dict[str, ParagraphStyle],
    fonts: DocumentFonts,
    closing: list[Flowable],
) -> Table:
    """Every item, then the problems no item covers, then the closing as the table's
    last row: NOSPLIT keeps it with the last two items, so the signatures never stand
    on a page of their own (that page could be put behind any other record)."""
    cell = s["cell"]
    # A result never wraps ("不符/合"): its column fits the widest result on one line,
    # and a problem's result is set in the bold face (黑体) behind a mark, not only filled.
    result = ParagraphStyle("result", parent=cell, alignment=TA_CENTER, rightIndent=0)
    failed = ParagraphStyle("result_failed", parent=result, fontName=fonts.heading)
    entries = content.items + content.adhoc
    widest = max(
        [pdfmetrics.stringWidth(PROBLEM_MARK + "不符合", fonts.heading, cell.fontSize)]
        + [
            pdfmetrics.stringWidth(
                PROBLEM_MARK + item.result_text if item.failed else item.result_text,
                fonts.heading if item.failed else cell.fontName,
                cell.fontSize,
            )
            for item in entries
        ]
    )
    result_width = widest + 2 * CELL_PADDING + 2
    header = [Paragraph(h, s["cell_head"]) for h in ("序号", "检查项目", "结果", "情况说明")]
    rows: list[list[Flowable | list[Flowable] | str]] = [header]
    last = len(entries)  # the row of the last item
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, last), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), Color(0.9, 0.9, 0.9)),
        ("SPAN", (0, last + 1), (-1, last + 1)),
        ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
        ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
        ("NOSPLIT", (0, max(last - 1, 1)), (-1, last + 1)),
    ]
    for number, item in enumerate(entries, start=1):
        if item.failed:
            verdict = Paragraph(PROBLEM_MARK + escape(item.result_text), failed)
            commands.append(("BACKGROUND", (0, number), (-1, number), PROBLEM_FILL))
        else:
            verdict = Paragraph(escape(item.result_text), result)
        rows.append(
            [
                Paragraph(str(number), cell),
                Paragraph(f"{escape(item.code)} {escape(item.text)}", cell),
                verdict,
                Paragraph(escape(item.note), cell),
            ]
        )
    rows.append([closing, "", "", ""])
    number_width, item_width = 12 * mm, 66 * mm
    return Table(
        rows,
        colWidths=[
            number_width,
            item_width,
            result_width,
            TYPE_WIDTH - number_width - item_width - result_width,
        ],
        repeatRows=1,
        splitByRow=1,
        style=table_style(cell.fontName, *commands),
    )


def _closing(
    content: RecordContent, s: dict[str, ParagraphStyle], wording: Wording
) -> list[Flowable]:
    """The problem count, signatures each with a date to write, who signs or why the
    unit does not, the copies, and the record's number."""
    date_text = wording.text("record", "signature_date") + "　"
    keys = ["signatures_inspectors", "signatures_recorder"]
    if content.unit_signs:
        keys.append("signatures_unit")
    rows = [
        [
            Paragraph(escape(wording.text("record", key)), s["cell"]),
            Spacer(1, 1),
            FormText(date_text, s["cell"].fontName, s["cell"].fontSize, TA_RIGHT),
        ]
        for key in keys
    ]
    signatures = Table(
        rows,
        colWidths=[58 * mm, 64 * mm, TYPE_WIDTH - 122 * mm],
        rowHeights=[14 * mm] * len(rows),
        style=table_style(
            s["cell"].fontName,
            ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ),
    )
    notes = ["refused_note"] if content.unit_signs else ["covert_note"]
    notes.append("copies" if content.unit_signs else "copies_covert")
    closing: list[Flowable] = []
    problems = sum(1 for item in content.items + content.adhoc if item.failed)
    if problems:
        legend = wording.text("record", "problem_legend", count=str(problems))
        closing.append(Paragraph(escape(legend), s["small"]))
    closing += [Spacer(1, LINE * 0.3), signatures, Spacer(1, 3 * mm)]
    closing += [Paragraph(escape(wording.text("record", key)), s["small"]) for key in notes]
    closing.append(Paragraph(f"记录编号：{escape(content.inspection_id)}", s["small"]))
    return closing
