"""Home list with 10,000 inspections: query + model + first paint (target < 300 ms).

    .venv/bin/python benchmarks/bench_home_list.py [--inspections 10000]

Builds a store with N inspections of 49 findings each (about half a million
finding rows) by bulk SQL, then times, in a fresh process state:
list_inspections (the SQL), filling the Qt model, and painting the table.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select

from inspector_app.resources import shipped_templates
from inspector_app.services.reference_data import (
    install_shipped,
    reference_id,
)
from inspector_app.store.models import Finding, Inspection, Site
from inspector_app.store.store import Store


def build(data_dir: Path, count: int) -> None:
    store = Store.open(data_dir)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    template = next(t for t in shipped_templates() if t.code == "window-service")
    template_id = reference_id("template", "window-service", str(template.version))
    rng = random.Random(1)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        sites = list(conn.execute(select(Site.id)).scalars())
        for start in range(0, count, 500):
            inspections, findings = [], []
            for n in range(start, min(start + 500, count)):
                inspection_id = str(uuid.uuid4())
                inspections.append(
                    {
                        "id": inspection_id,
                        "template_id": template_id,
                        "site_id": rng.choice(sites),
                        "mode": "covert",
                        "team": ["张明"],
                        "status": rng.choice(["draft", "submitted", "approved", "returned"]),
                        "started_at": now - timedelta(hours=n),
                        "note": "",
                        "review_comment": "",
                        "created_at": now,
                        "updated_at": now,
                        "deleted": False,
                    }
                )
                for item in template.items:
                    findings.append(
                        {
                            "id": str(uuid.uuid4()),
                            "inspection_id": inspection_id,
                            "item_code": item.code,
                            "category_code": item.category_code,
                            "title": item.text,
                            "result": rng.choice(["pass"] * 8 + ["fail", "na"]),
                            "severity": "general",
                            "photo_required": False,
                            "description": "",
                            "window_no": "",
                            "staff_badge": "",
                            "status": "recorded",
                            "created_at": now,
                            "updated_at": now,
                            "deleted": False,
                        }
                    )
            conn.execute(insert(Inspection), inspections)
            conn.execute(insert(Finding), findings)
    store.close()


def measure(data_dir: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from inspector_app.services.queries import list_inspections
    from inspector_app.ui.home.home_page import HomePage

    app = QApplication.instance() or QApplication([])
    store = Store.open(data_dir)
    t0 = time.perf_counter()
    with store.unit_of_work() as uow:
        rows = list_inspections(uow)
    t1 = time.perf_counter()
    page = HomePage()
    page.resize(1366, 700)
    page.set_rows(rows)
    t2 = time.perf_counter()
    page.show()
    page.repaint()
    app.processEvents()
    t3 = time.perf_counter()
    store.close()
    assert len(rows) >= 10_000 or len(rows) > 0
    return {
        "rows": len(rows),
        "query_ms": (t1 - t0) * 1000,
        "model_ms": (t2 - t1) * 1000,
        "paint_ms": (t3 - t2) * 1000,
        "total_ms": (t3 - t0) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspections", type=int, default=10_000)
    parser.add_argument("--data-dir", help="reuse a store built before")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="bench-home-"))
    if not (data_dir / "store.sqlite3").exists():
        t = time.perf_counter()
        build(data_dir, args.inspections)
        print(f"built {args.inspections} inspections in {time.perf_counter() - t:.1f} s")
    result = measure(data_dir)
    print(
        f"| home list, {result['rows']} inspections | query {result['query_ms']:.0f} ms + "
        f"model {result['model_ms']:.0f} ms + paint {result['paint_ms']:.0f} ms = "
        f"**{result['total_ms']:.0f} ms** | target < 300 ms |"
    )


if __name__ == "__main__":
    main()
