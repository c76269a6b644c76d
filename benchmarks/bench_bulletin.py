"""The 通报 of a city's year (2,000 inspections, 10,000 problems, 2,000 photos), against
reportlab laying out the same text and tables bare, same run.

    .venv/bin/python benchmarks/bench_bulletin.py [--inspections 2000] [--runs 3]

The store is filled directly (rows in one transaction, photos imported into the photo
store as on a laptop), then timed, median of `--runs` each:
- count: `services.bulletin.bulletin_content` over the year (the queries and counting);
- layout: `build_bulletin` of that content (print copies warm after the first run);
- floor: reportlab alone with the same paragraphs and table rows in the same fonts and
  frame, the same print-size JPEGs handed over as files, no GB/T 9704 furniture.
Also the PDF's size and its page count.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph, Table
from sqlalchemy import select

from inspector_app.documents.bulletin_content import BulletinContent
from inspector_app.documents.bulletin_pdf import PHOTO_BOX, build_bulletin
from inspector_app.documents.content import Issuer
from inspector_app.documents.fonts import DocumentFonts, resolve_fonts
from inspector_app.documents.gbt9704 import LEFT, PAGE_HEIGHT, PAGE_WIDTH, TOP, TYPE_WIDTH, styles
from inspector_app.documents.print_copies import print_copies_in
from inspector_app.domain.finding import FindingResult, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services import bulletin as service
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.services.photos import ensure_blob
from inspector_app.services.reference_data import install_shipped, reference_id
from inspector_app.store.models import Finding, Inspection, Photo, Site, Window
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.store import Store

CHINA = timezone(timedelta(hours=8))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
CODES = ("A2", "B1", "C1", "D1", "E1", "F1", "G1", "H1")
STATUSES = (NoticeStatus.CLOSED, NoticeStatus.IN_PROGRESS, NoticeStatus.ISSUED)


def fill(store: Store, inspections: int, problems_each: int, scratch: Path) -> None:
    """A year of approved inspections over every hall, a notice per problem's unit and
    inspection at every stage, one photo per inspection."""
    rng = random.Random(2026)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    template = reference_id("template", "window-service", "1")
    with store.unit_of_work(suppress_outbox=True) as uow:
        sites = list(uow.session.scalars(select(Site)))
        windows = {
            s.id: list(uow.session.scalars(select(Window).where(Window.site_id == s.id)))
            for s in sites
        }
        for n in range(inspections):
            site = sites[n % len(sites)]
            started = datetime(2026, 1, 1, 9, tzinfo=CHINA) + timedelta(days=n * 364 // inspections)
            inspection = Inspection(
                template_id=template,
                site_id=site.id,
                mode=InspectionMode.COVERT,
                team=["张明"],
                started_at=started,
                status=InspectionStatus.APPROVED,
            )
            uow.session.add(inspection)
            uow.session.flush()  # no relationships: parents are written first by hand
            notices: dict[str, Notice] = {}
            for k in range(problems_each):
                window = rng.choice(windows[site.id] or [None])
                unit = window.unit_id if window else site.managing_unit_id
                code = CODES[(n + k) % len(CODES)]
                finding = Finding(
                    inspection_id=inspection.id,
                    item_code=code,
                    category_code=code[0],
                    title="窗口是否存在空岗、离岗、脱岗现象",
                    result=FindingResult.FAIL,
                    severity=Severity.GENERAL,
                    description="9时20分，12号窗口无人在岗，2名群众等候。",
                    window_no=window.number if window else "",
                    unit_id=unit,
                    observed_at=started + timedelta(minutes=k),
                )
                uow.session.add(finding)
                uow.session.flush()
                if unit not in notices:
                    notices[unit] = Notice(
                        unit_id=unit,
                        inspection_id=inspection.id,
                        status=STATUSES[(n + len(notices)) % 3],
                        issued_on=started.date(),
                        deadline=started.date() + timedelta(days=21),
                    )
                    uow.session.add(notices[unit])
                    uow.session.flush()
                uow.session.add(NoticeFinding(notice_id=notices[unit].id, finding_id=finding.id))
                if k == 0:
                    source = write_camera_jpeg(
                        scratch / f"IMG_{n:05d}.jpg",
                        taken_at=started,
                        portrait=False,
                        label=str(n),
                        rng=rng,
                        size=(800, 600),
                    )
                    imported = store.photos.import_file(source)
                    source.unlink()
                    ensure_blob(uow, imported)
                    uow.session.add(Photo(finding_id=finding.id, sha256=imported.sha256))
        uow.commit()


def floor_build(content: BulletinContent, fonts: DocumentFonts, images: list) -> bytes:
    """reportlab alone: the same paragraphs, tables and pictures, no furniture."""
    s = styles(fonts)
    story = [
        Paragraph(
            escape(
                f"本期共检查{content.totals.inspections}次，发现问题{content.totals.problems}个。"
            ),
            s["body"],
        )
    ]
    for rows in (content.by_category, content.by_unit, content.by_district):
        story.append(
            Table(
                [[Paragraph(escape(r.name), s["cell"]), str(r.problems)] for r in rows],
                colWidths=[120 * mm, 36 * mm],
            )
        )
    for case, (path, width, height) in zip(content.cases, images, strict=True):
        story += [
            Paragraph(escape(case.description), s["body"]),
            Image(str(path), width=width, height=height),
        ]
    story.append(
        Table(
            [
                [
                    Paragraph(escape(p.unit), s["cell"]),
                    str(p.problems),
                    str(p.notices_issued),
                    str(p.notices_closed),
                    f"{p.rate or 0:.1%}",
                ]
                for p in content.progress
            ],
            colWidths=[76 * mm] + [20 * mm] * 4,
        )
    )
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), initialFontName=fonts.body
    )
    frame = Frame(LEFT, PAGE_HEIGHT - TOP - 225 * mm, TYPE_WIDTH, 225 * mm, id="f")
    document.addPageTemplates([PageTemplate(id="p", frames=[frame])])
    document.build(story)
    return buffer.getvalue()


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=2000)
    parser.add_argument("--problems-each", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    fonts = resolve_fonts()
    with tempfile.TemporaryDirectory(prefix="bench-bulletin-") as scratch:
        folder = Path(scratch)
        (folder / "data").mkdir()
        (folder / "camera").mkdir()
        store = Store.open(folder / "data")
        try:
            seconds, _ = timed(
                lambda: fill(store, args.inspections, args.problems_each, folder / "camera")
            )
            print(
                f"filled {args.inspections} inspections, "
                f"{args.inspections * args.problems_each} problems, {args.inspections} photos "
                f"in {seconds:.1f} s"
            )
            copies = print_copies_in(store.photos.root / "print")
            counts, layouts, floors = [], [], []
            for _ in range(args.runs):
                with store.unit_of_work() as uow:
                    scope = service.resolve_scope(uow, *YEAR, None)
                    seconds, content = timed(
                        lambda uow=uow, scope=scope: service.bulletin_content(
                            uow, uow.photos, scope, issuer=Issuer(), issued_on=date(2026, 12, 31)
                        )
                    )
                counts.append(seconds)
                buffer = io.BytesIO()
                seconds, _ = timed(lambda c=content, b=buffer: build_bulletin(c, fonts, b, copies))
                layouts.append(seconds)
                pdf = buffer.getvalue()
                images = [
                    (copy.source(), copy.width, copy.height)
                    for copy in (copies.get(c.photo, c.rotation, PHOTO_BOX) for c in content.cases)
                ]
                seconds, bare = timed(lambda c=content, i=images: floor_build(c, fonts, i))
                floors.append(seconds)
        finally:
            store.close()
    count, layout, floor = (statistics.median(v) for v in (counts, layouts, floors))
    print(f"count (bulletin_content): {count * 1000:.0f} ms; {content.totals}")
    print(
        f"layout (build_bulletin): {layout * 1000:.0f} ms, {len(pdf) / 1024:.0f} KiB, "
        f"{len(content.progress)} units"
    )
    print(f"floor (reportlab bare): {floor * 1000:.0f} ms, {len(bare) / 1024:.0f} KiB")
    print(f"count + layout = {(count + layout) / floor:.1f}x the floor")


if __name__ == "__main__":
    main()
