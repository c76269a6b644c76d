"""启封 a campaign's sealed plan, as a job for the store thread (no Qt in here)."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.services import sealed_plans
from inspector_app.services.queries import CampaignChoice, campaign_choices
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork


def open_plan(*, campaign_id: str) -> Callable[[UnitOfWork], OpResult[CampaignChoice]]:
    """Record the opening (who, when); the value is the campaign with its sites shown."""

    def op(uow: UnitOfWork) -> OpResult[CampaignChoice]:
        sealed_plans.open_plan(uow, campaign_id)
        [revealed] = campaign_choices(uow, campaign_id)
        return OpResult(revealed, OpChanges.of())

    return op
