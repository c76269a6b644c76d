"""What the notice says, read back from the PDF: the wording of a 下行文 from the bureau.

A unit is 你单位 (the bureau writes down to it), each problem is a finding (经查，when,
where, what was seen) with the checklist item's basis, the title says the site's name
once, the requirements say how those responsible are handled and what the 整改报告
holds, and the period is N working days with its due date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from inspector_app.documents.content import NoticeContent
from inspector_app.documents.finding_text import basis_text
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import CHAR, LEFT, TYPE_WIDTH
from inspector_app.documents.wording import load_wording
from inspector_app.domain import bureau_time
from inspector_app.resources import shipped_registry, shipped_templates
from inspector_app.services import documents as docs
from inspector_app.services.queries import list_inspections
from inspector_app.store.store import Store

from .conftest import ISSUED_ON, ISSUER, poppler

PT_PER_MM = 72 / 25.4
ITEM_CODE = re.compile(r"(?<![A-Za-z0-9])[A-H]\d{1,2}(?![0-9])")


@dataclass(frozen=True)
class Line:
    page: int
    x0: float  # points from the page's left edge
    x1: float
    y0: float  # points from the page's top edge
    text: str


def read_lines(pdf: Path) -> list[Line]:
    """Every text line with its box (pdftotext -bbox-layout), in reading order."""
    html = poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    lines = []
    for page, body in enumerate(re.split(r"<page [^>]*>", html)[1:], start=1):
        for match in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>',
            body,
            re.S,
        ):
            words = re.findall(r"<word [^>]*>([^<]*)</word>", match.group(4))
            lines.append(
                Line(
                    page,
                    float(match.group(1)),
                    float(match.group(3)),
                    float(match.group(2)),
                    "".join(words),
                )
            )
    return lines


def body_text(lines: list[Line]) -> str:
    """The running text without page numbers, so a paragraph reads across a page break."""
    return "".join(line.text for line in lines if not re.fullmatch(r"—\d+—|—|\d+", line.text))


def section(text: str, start: str, end: str) -> str:
    assert start in text and end in text, (start, end)
    return text[text.index(start) + len(start) : text.index(end)]


def _approved_contents(store: Store) -> list[NoticeContent]:
    with store.unit_of_work() as uow:
        approved = next(r for r in list_inspections(uow) if r.status.value == "approved")
        contents = docs.notice_contents(
            uow, store.photos, approved.id, issuer=ISSUER, issued_on=ISSUED_ON
        )
    # Numbered, so the diagonal 草稿 mark does not interleave with the text read back.
    return [replace(c, number=f"伊营商监〔2026〕{n}号") for n, c in enumerate(contents, 1)]


def _all_contents(store: Store) -> list[NoticeContent]:
    with store.unit_of_work() as uow:
        ids = [r.id for r in list_inspections(uow)]
        contents = [
            c
            for inspection_id in ids
            for c in docs.notice_contents(
                uow, store.photos, inspection_id, issuer=ISSUER, issued_on=ISSUED_ON
            )
        ]
    return [replace(c, number=f"伊营商监〔2026〕{n}号") for n, c in enumerate(contents, 1)]


def _pdf(tmp_path: Path, content: NoticeContent, fonts: DocumentFonts) -> Path:
    path = tmp_path / f"{content.notice_id}.pdf"
    return docs.save_pdf(docs.notice_pdf(content, fonts), path)


def _problem_paragraphs(text: str, count: int) -> list[str]:
    problems = section(text, "一、存在的问题", "二、整改要求")
    starts = [problems.index(f"{n}.经查，") for n in range(1, count + 1)]
    assert starts == sorted(starts) and starts[0] == 0, problems[:80]
    return [problems[a:b] for a, b in zip(starts, [*starts[1:], len(problems)], strict=True)]


def test_every_demo_notice_calls_the_unit_你单位_never_贵单位(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    contents = _all_contents(demo_store)
    assert len(contents) >= 5
    for content in contents:
        text = body_text(read_lines(_pdf(tmp_path, content, fonts)))
        assert "贵单位" not in text and "贵公司" not in text
        assert "检查中发现你单位存在以下问题：" in text
        assert "以你单位名义向我局报送书面整改报告" in text


def test_problems_are_findings_saying_when_and_where_not_checklist_questions_with_codes(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    checked = 0
    for content in _approved_contents(demo_store):
        lines = read_lines(_pdf(tmp_path, content, fonts))
        text = body_text(lines)
        paragraphs = _problem_paragraphs(text, len(content.problems))
        for number, (problem, paragraph) in enumerate(
            zip(content.problems, paragraphs, strict=True), start=1
        ):
            seen = bureau_time.local(problem.observed_at)
            assert paragraph.startswith(f"{number}.经查，{seen.month}月{seen.day}日"), paragraph
            assert f"{seen.hour}时{seen.minute:02d}分" in paragraph  # when, to the minute
            if problem.window:
                assert f"{problem.window}号窗口" in paragraph  # where
            assert re.sub(r"\s+", "", problem.description).rstrip("。")[:20] in paragraph
            assert problem.item not in paragraph and "是否" not in paragraph
            assert not ITEM_CODE.search(paragraph), paragraph
            checked += 1
        # Each problem starts a body paragraph: two characters in from the type area's edge.
        firsts = [line for line in lines if re.match(r"\d+\.经查，", line.text)]
        assert len(firsts) == len(content.problems)
        for line in firsts:
            assert abs(line.x0 - (LEFT + 2 * CHAR)) < 1.0 * PT_PER_MM, line
    assert checked >= 5


def test_each_problem_cites_the_basis_of_its_checklist_item(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    bases = {item.text: item.basis for t in shipped_templates() for item in t.items}
    cited = 0
    for content in _approved_contents(demo_store):
        text = body_text(read_lines(_pdf(tmp_path, content, fonts)))
        paragraphs = _problem_paragraphs(text, len(content.problems))
        for problem, paragraph in zip(content.problems, paragraphs, strict=True):
            assert problem.basis == (bases.get(problem.item) or "")  # carried from the template
            if problem.basis:
                names = re.sub(r"\s+", "", basis_text(problem.basis))
                assert f"依据{names}的有关规定，应予整改。" in paragraph
                assert paragraph.index("依据") > paragraph.index("经查，")
                cited += 1
            else:
                assert "依据" not in paragraph
    assert cited >= 2, "the demo's approved inspection has problems with a basis"


def test_two_bases_are_named_together_in_one_sentence() -> None:
    assert basis_text("《优化营商环境条例》（国务院令第722号）；《黑龙江省优化营商环境条例》") == (
        "《优化营商环境条例》（国务院令第722号）和《黑龙江省优化营商环境条例》"
    )
    assert basis_text("《甲》；《乙》；GB/T 1-2020《丙》") == "《甲》、《乙》和GB/T 1-2020《丙》"


@pytest.mark.parametrize("site", [s.name for s in shipped_registry().sites])
def test_the_title_names_the_site_and_repeats_none_of_its_words(site: str) -> None:
    title = load_wording().text("notice", "title", site=site)
    assert site in title and title.endswith("整改通知书")
    pairs = [title[i : i + 2] for i in range(len(title) - 1)]
    repeated = {p for p in pairs if pairs.count(p) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{2}", p)}
    assert repeated == set(), title


def test_the_printed_title_of_the_city_hall_says_政务服务_once_centred_in_the_type_area(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = next(c for c in _all_contents(demo_store) if c.site == "伊春市政务服务中心")
    lines = read_lines(_pdf(tmp_path, content, fonts))
    start = next(i for i, line in enumerate(lines) if line.text.startswith("关于"))
    end = next(i for i, line in enumerate(lines) if line.text.endswith("整改通知书"))
    title = "".join(line.text for line in lines[start : end + 1])
    assert title == "关于伊春市政务服务中心监督检查发现问题的整改通知书"
    assert title.count("政务服务") == 1
    for line in lines[start : end + 1]:
        assert abs((line.x0 + line.x1) / 2 - (LEFT + TYPE_WIDTH / 2)) < 1.5 * PT_PER_MM, line


def test_requirements_say_how_those_responsible_are_handled_and_what_the_report_holds(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = _approved_contents(demo_store)[0]
    text = body_text(read_lines(_pdf(tmp_path, content, fonts)))
    requirements = section(text, "二、整改要求", "三、反馈要求")
    assert "严肃处理相关责任人员" in requirements
    assert "批评教育" in requirements and "依规依纪严肃处理" in requirements
    assert "长效机制" in requirements
    feedback = section(text, "三、反馈要求", content.issuer.name + "2026年11月28日")
    report = feedback[feedback.index("整改报告应逐项写明") :]
    for part in ("整改措施", "整改责任人", "整改完成时间", "对相关责任人员的处理情况", "长效机制"):
        assert part in report, part
    assert "加盖单位公章" in feedback and "佐证材料" in feedback


def test_the_period_is_given_in_working_days_with_its_due_date(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    content = _approved_contents(demo_store)[0]
    assert (content.working_days, content.deadline.isoformat()) == (15, "2026-12-18")
    text = body_text(read_lines(_pdf(tmp_path, content, fonts)))
    requirements = section(text, "二、整改要求", "三、反馈要求")
    assert "请于收到本通知之日起15个工作日内（即2026年12月18日前）完成整改" in requirements
    assert "请于2026年12月18日前以你单位名义" in section(text, "三、反馈要求", "联系人")


def test_a_period_over_national_day_skips_the_holidays_and_counts_the_makeup_saturday(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    from datetime import date

    with demo_store.unit_of_work() as uow:
        approved = next(r for r in list_inspections(uow) if r.status.value == "approved")
        content = docs.notice_contents(
            uow,
            demo_store.photos,
            approved.id,
            issuer=ISSUER,
            issued_on=date(2026, 9, 25),  # 中秋; 国庆 1–7 October; Saturday 10 October works
            working_days=10,
        )[0]
    assert content.deadline == date(2026, 10, 15)
    text = body_text(
        read_lines(_pdf(tmp_path, replace(content, number="伊营商监〔2026〕3号"), fonts))
    )
    assert "收到本通知之日起10个工作日内（即2026年10月15日前）" in text
    assert "2026年9月25日" in text  # the 成文日期 the period counts from


def test_a_due_date_beyond_the_holiday_data_is_refused_and_names_the_year(
    demo_store: Store,
) -> None:
    from datetime import date

    from inspector_app.domain.working_days import CalendarNotCovered

    with demo_store.unit_of_work() as uow:
        approved = next(r for r in list_inspections(uow) if r.status.value == "approved")
        with pytest.raises(CalendarNotCovered) as refused:
            docs.notice_contents(
                uow, demo_store.photos, approved.id, issuer=ISSUER, issued_on=date(2026, 12, 20)
            )
    assert "2027年" in refused.value.zh and "2027" in refused.value.en
