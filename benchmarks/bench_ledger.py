"""整改台账 for a year of a city's work, against openpyxl writing the same cells bare.

    .venv/bin/python benchmarks/bench_ledger.py [--inspections 2000]

Builds by bulk SQL a store of N approved inspections with 49 findings each, five of them
problems (10,000 for 2,000), one photo for every fifth problem (2,000), and one notice per
inspection listing its problems (half answered, a quarter closed). Then times, in the same
run: the export as the CLI runs it (rows from the store, styles, links, photo copies) and
without photos; and the floor, openpyxl's write-only mode writing the same values with no
style, from a list already in memory. Reports seconds, ratios, file size and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import astuple
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from PIL import Image
from sqlalchemy import insert, select

from inspector_app.domain.ledger import COLUMNS
from inspector_app.resources import shipped_templates
from inspector_app.services.ledger import export_ledger, ledger_rows
from inspector_app.services.reference_data import install_shipped, reference_id
from inspector_app.store.models import Blob, Finding, Inspection, Photo, Site
from inspector_app.store.notice_models import Notice, NoticeFinding, RectificationFeedback
from inspector_app.store.store import Store

PROBLEMS_PER_INSPECTION = 5


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _preview_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1024, 768), (120, 130, 140)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def build(data_dir: Path, count: int) -> None:
    store = Store.open(data_dir)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    template = next(t for t in shipped_templates() if t.code == "window-service")
    template_id = reference_id("template", "window-service", str(template.version))
    rng = random.Random(1)
    now = datetime.now(UTC)
    preview = _preview_bytes()
    stamp = {"created_at": now, "updated_at": now, "deleted": False}
    with store.engine.begin() as conn:
        sites = list(conn.execute(select(Site.id, Site.managing_unit_id)).all())
        problem_no = 0
        for start in range(0, count, 200):
            rows: dict[type, list[dict]] = {
                Inspection: [],
                Finding: [],
                Blob: [],
                Photo: [],
                Notice: [],
                NoticeFinding: [],
                RectificationFeedback: [],
            }
            for n in range(start, min(start + 200, count)):
                inspection_id, notice_id = str(uuid.uuid4()), str(uuid.uuid4())
                site_id, unit_id = rng.choice(sites)
                started = now - timedelta(hours=4 * n)
                rows[Inspection].append(
                    {"id": inspection_id, "template_id": template_id, "site_id": site_id,
                     "mode": "covert", "team": ["张明"], "status": "approved",
                     "started_at": started, "note": "", "review_comment": "", **stamp}
                )  # fmt: skip
                failing = set(rng.sample(range(len(template.items)), PROBLEMS_PER_INSPECTION))
                issued = started.date() + timedelta(days=3)
                state = rng.choice(["in_progress", "feedback_submitted", "closed", "closed"])
                rows[Notice].append(
                    {"id": notice_id, "unit_id": unit_id, "inspection_id": inspection_id,
                     "number": f"伊营商监〔{issued.year}〕{n + 1}号", "issued_on": issued,
                     "deadline": issued + timedelta(days=21), "status": state,
                     "extension_status": "none", "escalation": "none", "returned_count": 0,
                     "contact_person": "刘强", "contact_phone": "0458-3600000", **stamp}
                )  # fmt: skip
                if state != "in_progress":
                    rows[RectificationFeedback].append(
                        {"id": str(uuid.uuid4()), "notice_id": notice_id,
                         "received_on": issued + timedelta(days=14),
                         "measures": "已组织全体窗口人员学习服务规范，调整排班，设置AB岗。",
                         "evidence_sha256": [], "verification_result": "整改到位",
                         "verified_on": issued + timedelta(days=18), **stamp}
                    )  # fmt: skip
                for index, item in enumerate(template.items):
                    finding_id = str(uuid.uuid4())
                    fails = index in failing
                    rows[Finding].append(
                        {"id": finding_id, "inspection_id": inspection_id,
                         "item_code": item.code, "category_code": item.category_code,
                         "title": item.text, "result": "fail" if fails else "pass",
                         "severity": "general", "photo_required": False,
                         "description": "14时20分，12号窗口无人，未摆放去向标识。" if fails else "",
                         "window_no": "12" if fails else "", "staff_badge": "",
                         "status": "recorded", **stamp}
                    )  # fmt: skip
                    if not fails:
                        continue
                    rows[NoticeFinding].append(
                        {"id": str(uuid.uuid4()), "notice_id": notice_id,
                         "finding_id": finding_id, "position": len(rows[NoticeFinding]), **stamp}
                    )  # fmt: skip
                    problem_no += 1
                    if problem_no % 5 == 0:
                        sha = uuid.uuid4().hex + uuid.uuid4().hex
                        path = store.photos.preview_path(sha)
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(preview)
                        rows[Blob].append(
                            {"sha256": sha, "size": len(preview), "mime": "image/jpeg",
                             "width": 1024, "height": 768, "imported_at": now}
                        )  # fmt: skip
                        rows[Photo].append(
                            {"id": str(uuid.uuid4()), "finding_id": finding_id, "sha256": sha,
                             "original_name": "", "caption": "", "sort_order": 0, **stamp}
                        )  # fmt: skip
            for model, values in rows.items():
                if values:
                    conn.execute(insert(model), values)
    store.close()


def floor_seconds(values: list[tuple], target: Path) -> float:
    """openpyxl's write-only mode, the same cells, no styles, nothing to look up."""
    started = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("整改台账")
    sheet.append([c.zh for c in COLUMNS])
    for row in values:
        sheet.append(row)
    book.save(target)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=2000)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    try:
        build(scratch / "data", args.inspections)
        store = Store.open(scratch / "data")
        with store.unit_of_work() as uow:
            values = [
                (n, *(", ".join(v) if isinstance(v, tuple) else v for v in astuple(row)))
                for n, row in enumerate(ledger_rows(uow, today=date.today()), start=1)
            ]
        floor = floor_seconds(values, scratch / "floor.xlsx")
        before = peak_mib()
        timings = {}
        for photos in (False, True):
            target = scratch / f"ledger-{photos}.xlsx"
            started = time.perf_counter()
            with store.unit_of_work() as uow:
                count = export_ledger(uow, target, with_photos=photos)
            timings[photos] = (time.perf_counter() - started, target.stat().st_size, count)
        store.close()
        copies = len(list((scratch / "ledger-True-照片").iterdir()))
        floor_size = (scratch / "floor.xlsx").stat().st_size
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    bare, size, count = timings[False]
    full, _, _ = timings[True]
    print(f"{args.inspections} inspections, {count} problems, {copies} photos", file=sys.stderr)
    print("| what | measured | floor (openpyxl bare, same run) | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| ledger, no photos | {bare:.2f} s | {floor:.2f} s | **{bare / floor:.2f}×** |")
    print(
        f"| ledger with {copies} photo copies | {full:.2f} s | {floor:.2f} s | "
        f"**{full / floor:.2f}×** |"
    )
    print(f"| file size | {size / 1e6:.2f} MB | {floor_size / 1e6:.2f} MB | |")
    print(f"| peak RSS | {peak_mib():.0f} MiB (before the exports: {before:.0f} MiB) | | |")


if __name__ == "__main__":
    main()
