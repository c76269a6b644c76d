"""Supervisors' laptops with an approved inspection and its draft notice, on a real server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from inspector_app.services import inspections as ops
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.settings import Settings
from inspector_app.store.models import OutboxEntry
from tests.server.conftest import RunningServer
from tests.sync.laptops import Laptop, dump, open_laptop, photo_file, record_problem


def bureau(code: str | None = None) -> Settings:
    """Settings with an organ code of its own, so its series starts at 1 on a shared server."""
    return replace(Settings(), issuer_code=code or f"测{uuid.uuid4().hex[:6]}")


def supervisors(server: RunningServer, size: int = 2) -> list[str]:
    team = f"组-{uuid.uuid4().hex[:8]}"
    names = [f"s{uuid.uuid4().hex[:10]}" for _ in range(size)]
    for name in names:
        server.add_user(name, "supervisor", team)
    return names


def supervisor_laptop(server: RunningServer, folder: Path, user: str) -> Laptop:
    laptop = open_laptop(folder, server, user)
    laptop.sync()  # the registry and templates
    return laptop


def approved_inspection(laptop: Laptop, folder: Path, seed: int) -> str:
    """An inspection with one problem (and its photo), synced at each step of its review,
    approved on the laptop (the approval not yet synced); returns its id."""
    photo = photo_file(folder, f"evidence-{seed}.jpg", seed)
    inspection_id, _ = record_problem(
        laptop, "9时20分至9时50分，12号窗口持续无人在岗，群众排队等候。", photo
    )
    laptop.sync()  # the draft inspection first, then each step of its review on its own
    with laptop.store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id)
        uow.commit()
    laptop.sync()
    with laptop.store.unit_of_work() as uow:
        ops.review_inspection(uow, inspection_id, approve=True)
        uow.commit()
    return inspection_id


def approved_draft(laptop: Laptop, settings: Settings, folder: Path, seed: int) -> str:
    """The one draft notice of an approved inspection (neither synced); its id."""
    inspection_id = approved_inspection(laptop, folder, seed)
    with laptop.store.unit_of_work() as uow:
        [draft] = draft_notices(uow, inspection_id, settings)
        uow.commit()
    return draft.id


def snapshot(laptop: Laptop) -> tuple[dict, list[tuple], list[str]]:
    """Every synced row, the outbox, and the data folder's files: all a laptop holds."""
    with laptop.store.unit_of_work() as uow:
        outbox = [
            (e.entity, e.record_id, dict(e.fields), e.deleted)
            for e in uow.session.scalars(select(OutboxEntry).order_by(OutboxEntry.n))
        ]
    files = sorted(
        str(p.relative_to(laptop.store.data_dir))
        for p in laptop.store.data_dir.rglob("*")
        if p.is_file() and "backups" not in p.parts and not p.name.startswith("store.sqlite3")
    )
    return dump(laptop), outbox, files
