"""A notice with 30 problems and 60 photos from camera-size JPEGs, against reportlab alone.

    .venv/bin/python benchmarks/bench_notice.py [--runs 5]

The photos are imported into a photo store first (as on a laptop), so the notice embeds
print copies made from the stored previews. Floor, in the same run: reportlab alone
laying out the same text (the same paragraphs in the same fonts, sizes and frame) with
the same print-size JPEGs already in memory, in a two-column table with the captions.
Timed, median of `--runs` builds each, alternating app and floor:
- app, warm: `build_notice` with the process's print-copy cache (every later preview,
  print or save of the notice in one session);
- app, from disk: a new cache over the same folder each time (the first build in a new
  process, the copies made by an earlier session);
- app, cold: the first build ever, deriving every copy (timed once).
Target: warm ≤ 3× the floor. Also the 核验 digest of the built PDF, and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
)

from inspector_app.documents.content import EvidencePhoto, Issuer, NoticeContent, NoticeProblem
from inspector_app.documents.fonts import DocumentFonts, resolve_fonts
from inspector_app.documents.gbt9704 import LEFT, PAGE_HEIGHT, PAGE_WIDTH, TOP, TYPE_WIDTH, styles
from inspector_app.documents.notice_pdf import PHOTO_BOX, build_notice
from inspector_app.documents.print_copies import PrintCopies, PrintCopy
from inspector_app.documents.wording import load_wording
from inspector_app.protocol.notice_digest import canonical_notice
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.store.photos import PhotoStore


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> float:
    """A new high-water mark for `step_peak_mib` (Linux: clear_refs 5); RSS now."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_mib("VmRSS")


def step_peak_mib() -> float:
    return _status_mib("VmHWM")


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(field)


def notice_with_photos(scratch: Path) -> NoticeContent:
    rng = random.Random(9)
    store = PhotoStore(scratch / "photos")
    now = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)
    problems, photos = [], []
    for n in range(30):
        problems.append(
            NoticeProblem(
                f"A{n % 10 + 1} 窗口是否存在空岗、离岗、脱岗现象",
                "9时20分至9时50分，12号窗口持续无人在岗，未摆放暂停服务牌，2名群众在窗口前等候。",
                str(n % 20 + 1),
                now + timedelta(minutes=n),
                f"{1000 + n}",
            )
        )
        for k in range(2):
            source = write_camera_jpeg(
                scratch / "camera" / f"IMG_{n:02d}{k}.jpg",
                taken_at=now,
                portrait=k == 1,
                label=f"{n}-{k}",
                rng=rng,
            )
            imported = store.import_file(source)
            photos.append(
                EvidencePhoto(
                    store.preview_path(imported.sha256),
                    0,
                    n + 1,
                    problems[-1].item,
                    now,
                    "伊美区政务服务中心",
                    imported.sha256,
                )
            )
    return NoticeContent(
        "0c6f1f9e-2f7e-4b4c-8f0a-5d1e3b7a9c21",
        Issuer(),
        "伊营商监〔2026〕9号",
        "伊美区市场监督管理局",
        "伊美区政务服务中心",
        "暗访",
        date(2026, 11, 20),
        date(2026, 11, 28),
        date(2026, 12, 18),
        15,  # working days
        tuple(problems),
        tuple(photos),
    )


def floor_build(
    content: NoticeContent, fonts: DocumentFonts, copies: list[PrintCopy]
) -> Callable[[], bytes]:
    """reportlab alone: the notice's paragraphs and photo table in the same styles, no
    GB/T 9704 furniture, no wording file, no print-copy work: the print-size JPEGs are
    made beforehand and handed over as files (reportlab's fastest path: embedded as they
    are; given bytes it would decode each to name it)."""
    s = styles(fonts)
    wording = load_wording()
    values = {"site": content.site, "unit": content.addressee, "issuer": content.issuer.name}
    texts = [
        (content.issuer.name, "mark"),
        (content.number or "", "number"),
        (wording.text("notice", "title", **values), "title"),
        (f"{content.addressee}：", "addressee"),
        (wording.text("notice", "opening", **values), "body"),
        (wording.text("notice", "problems_heading"), "heading1"),
    ]
    texts += [
        (f"{n}. {p.item}。{p.description}检查时间：{p.observed_at}；窗口：{p.window}号。", "body")
        for n, p in enumerate(content.problems, start=1)
    ]
    texts += [(t, "body") for t in wording.texts("notice", "requirements", **values)]
    texts += [(wording.text("notice", "feedback", **values), "body")]
    texts += [(content.issuer.name, "signature"), ("2026年11月28日", "signature")]
    captions = [
        f"问题{p.problem_number} · {p.item}<br/>11月20日9时30分 · {p.place}<br/>SHA-256 "
        f"{p.sha256[:16]}"
        for p in content.photos
    ]

    def build() -> bytes:
        story = [Paragraph(escape(text), s[style]) for text, style in texts]
        cells = [
            [Image(c.source(), width=c.width, height=c.height), Paragraph(t, s["caption"])]
            for c, t in zip(copies, captions, strict=True)
        ]
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        story += [PageBreak(), Table(rows, colWidths=[TYPE_WIDTH / 2] * 2)]
        buffer = io.BytesIO()
        document = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
        frame = Frame(LEFT, PAGE_HEIGHT - TOP - 225 * mm, TYPE_WIDTH, 225 * mm, id="type")
        document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        document.build(story)
        return buffer.getvalue()

    return build


def timed(build: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = build()
    return time.perf_counter() - start, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-notice-"))
    content = notice_with_photos(scratch)
    fonts = resolve_fonts()
    folder = scratch / "photos" / "print"

    def app(copies: PrintCopies) -> Callable[[], bytes]:
        def build() -> bytes:
            buffer = io.BytesIO()
            build_notice(content, fonts, buffer, copies=copies)
            return buffer.getvalue()

        return build

    rss_before_app = reset_peak()
    warm = PrintCopies(folder)
    cold_seconds, pdf = timed(app(warm))  # derives all 60 copies, fills memory and disk
    assert warm.derived == len(content.photos)
    floor = floor_build(
        content, fonts, [warm.get(p.image, p.rotation, PHOTO_BOX) for p in content.photos]
    )
    floor()  # warm-up of the floor's own imports and font tables
    app_warm, app_disk, floor_runs = [], [], []
    for _ in range(args.runs):
        app_warm.append(timed(app(warm))[0])
        from_disk = PrintCopies(folder)
        app_disk.append(timed(app(from_disk))[0])
        assert from_disk.derived == 0
        floor_runs.append(timed(floor)[0])
    app_peak = step_peak_mib()
    assert warm.derived == len(content.photos)  # nothing was derived twice
    floor_pdf = floor()
    text_only = statistics.median(timed(_text_only(content, fonts))[0] for _ in range(args.runs))
    start = time.perf_counter()
    canonical_notice(pdf)
    digest_seconds = time.perf_counter() - start

    seconds, disk, reference = (statistics.median(x) for x in (app_warm, app_disk, floor_runs))
    print(
        f"| notice, 30 problems + 60 photos (12 MP originals), built again in one session | app "
        f"**{seconds:.2f} s**, reportlab alone {reference:.2f} s | **{seconds / reference:.2f}×** "
        "| ≤ 3× |"
    )
    print(
        f"| the same, first build in a new process (copies on disk) | app **{disk:.2f} s** | "
        f"**{disk / reference:.2f}×** | |"
    )
    print(f"| the same, first build ever (derives 60 copies) | **{cold_seconds:.2f} s** | | |")
    print(f"| the same text without photos | {text_only:.2f} s | | |")
    print(f"| 核验 digest of that PDF (pypdf text) | **{digest_seconds * 1000:.0f} ms** | | |")
    print(
        f"| file size | app **{len(pdf) / 1e6:.1f} MB**, reportlab alone "
        f"{len(floor_pdf) / 1e6:.1f} MB | | ≤ 6 MB |"
    )
    print(
        f"| peak RSS while building | **{app_peak:.0f} MiB** ({rss_before_app:.0f} MiB before "
        f"the first build), {peak_mib():.0f} MiB for the run (getrusage) | | |"
    )


def _text_only(content: NoticeContent, fonts: DocumentFonts) -> Callable[[], bytes]:
    def build() -> bytes:
        buffer = io.BytesIO()
        build_notice(replace(content, photos=()), fonts, buffer)
        return buffer.getvalue()

    return build


if __name__ == "__main__":
    main()
