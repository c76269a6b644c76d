"""`inspector-app campaigns [--json]`: the campaigns this folder holds, and who opened
each sealed plan when (as far as this laptop has synced); the planned sites themselves
are never printed here, only how many there are.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction, data_help: str) -> None:
    campaigns = commands.add_parser(
        "campaigns", help="list campaigns with who opened their sealed plans (启封记录)"
    )
    campaigns.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    campaigns.add_argument("--json", action="store_true", help="print one JSON array")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from inspector_app.domain import bureau_time
    from inspector_app.services.queries import campaign_choices
    from inspector_app.store.store import Store

    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:
            choices = campaign_choices(uow)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "id": c.id,
                "title": c.title,
                "planned_sites": c.planned_count,
                "sealed": c.sealed,
                "openings": [
                    {"opened_by": o.opened_by, "opened_at": o.opened_at.isoformat()}
                    for o in c.openings
                ],
            }
            for c in choices
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for c in choices:
        state = "未启封 sealed" if c.sealed else "已启封 opened"
        print(f"{c.title}  计划点位 {c.planned_count}  {state}  {c.id}")
        for o in c.openings:
            print(
                f"    启封 opened: {o.opened_by}  {bureau_time.local(o.opened_at):%Y-%m-%d %H:%M}"
            )
    return 0
