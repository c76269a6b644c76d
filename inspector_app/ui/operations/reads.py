"""Reads the screens need, with the photo store taken from the unit of work."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.services.queries import (
    InspectionSheet,
    PhotoView,
    finding_photos,
    load_inspection_sheet,
)
from inspector_app.ui.store_runner import UnitOfWork


def inspection_sheet(*, inspection_id: str) -> Callable[[UnitOfWork], InspectionSheet]:
    return lambda uow: load_inspection_sheet(uow, uow.photos, inspection_id)


def photos_of(*, finding_id: str) -> Callable[[UnitOfWork], tuple[PhotoView, ...]]:
    return lambda uow: finding_photos(uow, uow.photos, finding_id)
