"""`inspector-app campaigns`: a supervisor's laptop reads who opened a sealed plan, when.

The folder holds a campaign of three halls and an opening pulled from a colleague's
laptop; the command prints the count and the opening (on the bureau's clock), never
the planned halls themselves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from inspector_app.services.campaigns import create_campaign
from inspector_app.services.reference_data import install_shipped, reference_id
from inspector_app.store.models import PlanOpening
from inspector_app.store.store import Store
from inspector_app.sync import state

HALLS = ("yimei-center", "wucui-center", "jinlin-center")
OPENED_AT = datetime(2026, 12, 3, 1, 30, tzinfo=UTC)  # 09:30 in Yichun


def _folder(tmp_path: Path) -> tuple[Path, str]:
    data_dir = tmp_path / "supervisor"
    store = Store.open(data_dir)
    try:
        with store.unit_of_work(suppress_outbox=True) as uow:
            install_shipped(uow)
            state.put(uow.session, "username", "chen")
            uow.commit()
        with store.unit_of_work() as uow:
            campaign = create_campaign(
                uow,
                title="2026年冬季窗口服务暗访",
                template_id=reference_id("template", "window-service", "1"),
                starts_on=date(2026, 12, 1),
                ends_on=date(2026, 12, 31),
                planned_site_ids=[reference_id("site", code) for code in HALLS],
                team=["张明"],
            )
            uow.commit()
        with store.unit_of_work(suppress_outbox=True) as uow:  # as a pull writes it
            uow.session.add(
                PlanOpening(campaign_id=campaign, opened_by="zhang", opened_at=OPENED_AT)
            )
            uow.commit()
    finally:
        store.close()
    return data_dir, campaign


def _campaigns(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inspector_app", "campaigns", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ.copy(),
    )


def test_campaigns_lists_who_opened_the_plan_and_never_its_sites(tmp_path: Path) -> None:
    data_dir, campaign = _folder(tmp_path)
    listed = _campaigns(data_dir, "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {
            "id": campaign,
            "title": "2026年冬季窗口服务暗访",
            "planned_sites": 3,
            "sealed": True,  # chen has not opened it on this laptop
            "openings": [{"opened_by": "zhang", "opened_at": OPENED_AT.isoformat()}],
        }
    ]
    plain = _campaigns(data_dir)
    assert plain.returncode == 0, plain.stderr
    assert "计划点位 3  未启封 sealed" in plain.stdout
    assert "启封 opened: zhang  2026-12-03 09:30" in plain.stdout
    for code in HALLS:
        assert reference_id("site", code) not in plain.stdout + listed.stdout
    assert "政务服务中心" not in plain.stdout + listed.stdout  # no hall named either
