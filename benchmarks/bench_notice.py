"""A notice with 30 problems and 60 photos from camera-size JPEGs: build time and size.

    .venv/bin/python benchmarks/bench_notice.py

The photos are imported into a photo store first (as on a laptop), so the
notice embeds print copies made from the stored previews. The reference is
reportlab building the same notice without photos, in the same run.
Targets: ≤ 2 s and ≤ 6 MB.
"""

from __future__ import annotations

import io
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from inspector_app.documents.content import EvidencePhoto, Issuer, NoticeContent, NoticeProblem
from inspector_app.documents.fonts import resolve_fonts
from inspector_app.documents.notice_pdf import build_notice
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.store.photos import PhotoStore


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-notice-"))
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
    content = NoticeContent(
        "bench",
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
    fonts = resolve_fonts()

    def build(notice: NoticeContent) -> tuple[float, int]:
        buffer = io.BytesIO()
        start = time.perf_counter()
        build_notice(notice, fonts, buffer)
        return time.perf_counter() - start, len(buffer.getvalue())

    build(content)  # warm-up: font subsetting tables, imports
    with_photos = [build(content) for _ in range(3)]
    text_only = [build(replace(content, photos=())) for _ in range(3)]
    seconds = statistics.median(t for t, _ in with_photos)
    reference = statistics.median(t for t, _ in text_only)
    size_mb = with_photos[0][1] / 1e6
    print(
        f"| notice, 30 problems + 60 photos (12 MP originals) | build **{seconds:.2f} s** "
        f"(text only {reference:.2f} s, {seconds / reference:.1f}×) | target ≤ 2 s |"
    )
    print(
        f"| that notice's file size | **{size_mb:.1f} MB** (text only "
        f"{text_only[0][1] / 1e6:.2f} MB) | target ≤ 6 MB |"
    )


if __name__ == "__main__":
    main()
