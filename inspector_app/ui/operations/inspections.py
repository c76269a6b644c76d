"""Writes to whole inspections: start one, submit it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from inspector_app.services import inspections as services
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork

if TYPE_CHECKING:
    from inspector_app.ui.home.new_inspection_dialog import NewInspectionRequest


def new_inspection(*, request: NewInspectionRequest) -> Callable[[UnitOfWork], OpResult[str]]:
    """Start the inspection the dialog describes; the value is its id."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        inspection_id = services.start_inspection(
            uow,
            template_id=request.template_id,
            site_id=request.site_id,
            mode=request.mode,
            team=request.team,
            started_at=request.started_at,
            campaign_id=request.campaign_id,
            note=request.note,
        )
        return OpResult(inspection_id, OpChanges.of(inspections=[inspection_id]))

    return op


def submit_inspection(*, inspection_id: str) -> Callable[[UnitOfWork], OpResult[None]]:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.submit_inspection(uow, inspection_id)
        return OpResult(None, OpChanges.of(inspections=[inspection_id]))

    return op
