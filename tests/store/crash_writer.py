"""Subprocess for the crash-safety test: record findings until killed.

Prints each finding id (and photo id) only after its transaction committed,
so every printed id is a write the app would have shown as saved.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.services.reference_data import install_shipped
from inspector_app.store.models import Inspection, Site
from inspector_app.store.store import Store


def main(data_dir: Path, scratch: Path) -> None:
    store = Store.open(data_dir)
    with store.unit_of_work(suppress_outbox=True) as uow:
        [template_id, *_] = install_shipped(uow)
        uow.commit()
    with store.unit_of_work() as uow:
        inspection_id = uow.session.scalar(select(Inspection.id))
        if inspection_id is None:
            site_id = uow.session.scalars(select(Site.id)).first()
            inspection_id = ops.start_inspection(
                uow,
                template_id=template_id,
                site_id=site_id,
                mode=InspectionMode.COVERT,
                team=["张明"],
                started_at=datetime.now(UTC),
            )
            uow.commit()
    rng = random.Random()
    n = 0
    while True:
        n += 1
        with store.unit_of_work() as uow:
            finding_id = ops.add_adhoc_finding(
                uow, inspection_id, title=f"问题{n}", description="窗口无人" * rng.randint(1, 50)
            )
            uow.commit()
        print(f"finding {finding_id}", flush=True)
        if n % 4 == 0:
            photo = write_camera_jpeg(
                scratch / f"p{n}.jpg",
                taken_at=datetime.now(UTC),
                portrait=n % 8 == 0,
                label=str(n),
                rng=rng,
                size=(320, 240),
            )
            with store.unit_of_work() as uow:
                photo_id = photo_ops.attach_photo(uow, store.photos, finding_id, photo)
                uow.commit()
            print(f"photo {photo_id}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
