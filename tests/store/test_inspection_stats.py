"""The home list's counts, kept by triggers, always equal a full recount."""

from __future__ import annotations

import random

from sqlalchemy import select, text

from inspector_app.domain.finding import FindingResult
from inspector_app.services.demo import build_demo
from inspector_app.services.queries import recount_inspection_stats, stored_inspection_stats
from inspector_app.store.models import Finding, Photo
from inspector_app.store.store import Store


def _agree(store: Store) -> None:
    with store.unit_of_work() as uow:
        assert stored_inspection_stats(uow) == recount_inspection_stats(uow)


def test_triggers_follow_results_tombstones_and_photos(store: Store) -> None:
    build_demo(store, inspections=4, photos_per_finding=1, photo_size=(320, 240))
    _agree(store)
    rng = random.Random(3)
    for _ in range(60):
        with store.unit_of_work(suppress_outbox=True) as uow:
            finding = rng.choice(uow.session.scalars(select(Finding)).all())
            photos = uow.session.scalars(select(Photo)).all()
            choice = rng.randrange(4)
            if choice == 0:
                finding.result = rng.choice(list(FindingResult))
            elif choice == 1:
                finding.deleted = not finding.deleted
            elif choice == 2 and photos:
                photo = rng.choice(photos)
                photo.deleted = not photo.deleted
            elif photos:
                photo = rng.choice(photos)
                uow.session.add(Photo(finding_id=finding.id, sha256=photo.sha256))
            uow.commit()
        _agree(store)


def test_triggers_exist_at_head(store: Store) -> None:
    """A later migration that rebuilds finding or photo (SQLite batch mode) drops its
    triggers; it must create them again."""
    with store.engine.connect() as conn:
        names = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars()
        )
    assert names == {
        "stats_inspection_insert",
        "stats_finding_insert",
        "stats_finding_update",
        "stats_photo_insert",
        "stats_photo_update",
    }
