"""Campaigns (专项监督行动): a template, a period, planned sites and a team."""

from __future__ import annotations

from datetime import date

from inspector_app.domain.errors import ValidationFailed
from inspector_app.services.inspections import get_template
from inspector_app.store.models import Campaign
from inspector_app.store.unit_of_work import UnitOfWork


def create_campaign(
    uow: UnitOfWork,
    *,
    title: str,
    template_id: str,
    starts_on: date,
    ends_on: date,
    planned_site_ids: list[str],
    team: list[str],
) -> str:
    get_template(uow, template_id)  # must exist
    if not title.strip():
        raise ValidationFailed(
            "campaign.title_required", "请填写专项行动名称。", "Give the campaign a title."
        )
    if ends_on < starts_on:
        raise ValidationFailed(
            "campaign.period_reversed",
            "结束日期不能早于开始日期。",
            "The campaign cannot end before it starts.",
        )
    campaign = Campaign(
        title=title.strip(),
        template_id=template_id,
        starts_on=starts_on,
        ends_on=ends_on,
        planned_site_ids=list(planned_site_ids),
        team=list(team),
    )
    uow.session.add(campaign)
    uow.session.flush()
    return campaign.id
