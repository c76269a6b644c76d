"""Writes to whole inspections: start one, set its record-sheet facts, submit it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from inspector_app.services import inspections as services
from inspector_app.services.record_facts import known_cert_nos, set_record_facts
from inspector_app.settings import load_settings
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork

if TYPE_CHECKING:
    from inspector_app.ui.home.new_inspection_dialog import NewInspectionRequest


def new_inspection(*, request: NewInspectionRequest) -> Callable[[UnitOfWork], OpResult[str]]:
    """Start the inspection the dialog describes; the value is its id."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        # Card numbers: each member's last one on this laptop, the inspector's own from 设置.
        settings = load_settings()
        cert_nos = known_cert_nos(uow, request.team)
        if settings.inspector_cert_no.strip() and settings.inspector_name in request.team:
            cert_nos[settings.inspector_name] = settings.inspector_cert_no.strip()
        inspection_id = services.start_inspection(
            uow,
            template_id=request.template_id,
            site_id=request.site_id,
            mode=request.mode,
            team=request.team,
            started_at=request.started_at,
            campaign_id=request.campaign_id,
            note=request.note,
            cert_nos=cert_nos,
        )
        return OpResult(inspection_id, OpChanges.of(inspections=[inspection_id]))

    return op


def submit_inspection(*, inspection_id: str) -> Callable[[UnitOfWork], OpResult[None]]:
    def op(uow: UnitOfWork) -> OpResult[None]:
        services.submit_inspection(uow, inspection_id)
        return OpResult(None, OpChanges.of(inspections=[inspection_id]))

    return op


def record_facts(
    *,
    inspection_id: str,
    identity_shown: bool | None = None,
    recorder: str | None = None,
    cert_nos: Mapping[str, str] | None = None,
) -> Callable[[UnitOfWork], OpResult[None]]:
    """亮明身份, 记录人 or the team's card numbers; None leaves a fact as it is."""

    def op(uow: UnitOfWork) -> OpResult[None]:
        set_record_facts(
            uow,
            inspection_id,
            identity_shown=identity_shown,
            recorder=recorder,
            cert_nos=cert_nos,
        )
        return OpResult(None, OpChanges.of(inspections=[inspection_id]))

    return op
