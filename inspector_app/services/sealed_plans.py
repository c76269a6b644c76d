"""Sealed 暗访 plans: a campaign's planned halls stay hidden until its plan is opened.

四不两直 lives on the halls not learning in advance where the inspectors go. The
server already keeps a campaign with its team; on the laptop the planned sites are
shown only after the account at the laptop opened the plan (启封), which is recorded
as a `PlanOpening` (who, when) that syncs and lands in the server's audit log.
Opening twice records nothing new: the first opening is the one on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from inspector_app.domain.errors import ValidationFailed
from inspector_app.services.errors import NotFound
from inspector_app.services.review import remembered_account
from inspector_app.store.models import Campaign, PlanOpening
from inspector_app.store.types import utc_now
from inspector_app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Opening:
    """One account's opening of a campaign's plan, as the laptop holds it (UTC)."""

    campaign_id: str
    opened_by: str
    opened_at: datetime


def _live(campaign_id: str) -> Select[tuple[PlanOpening]]:
    return select(PlanOpening).where(
        PlanOpening.campaign_id == campaign_id, PlanOpening.deleted.is_(False)
    )


def _opening(row: PlanOpening) -> Opening:
    return Opening(row.campaign_id, row.opened_by, row.opened_at)


def openings(uow: UnitOfWork, campaign_id: str) -> list[Opening]:
    """Every opening of the plan this laptop knows (its own and pulled ones), oldest first."""
    rows = uow.session.scalars(_live(campaign_id).order_by(PlanOpening.opened_at, PlanOpening.id))
    return [_opening(row) for row in rows]


def openings_by_campaign(uow: UnitOfWork) -> dict[str, list[Opening]]:
    """Every known opening, by campaign: one query for a list of campaigns."""
    found: dict[str, list[Opening]] = {}
    rows = uow.session.scalars(
        select(PlanOpening)
        .where(PlanOpening.deleted.is_(False))
        .order_by(PlanOpening.opened_at, PlanOpening.id)
    )
    for row in rows:
        found.setdefault(row.campaign_id, []).append(_opening(row))
    return found


def current_user(uow: UnitOfWork) -> str:
    """The account this laptop syncs as; "" before its first sync."""
    return remembered_account(uow).username


def opened_by_me(uow: UnitOfWork, campaign_id: str) -> bool:
    """Whether this laptop's account opened the plan already, so its sites show at once."""
    me = current_user(uow)
    if not me:
        return False
    query = _live(campaign_id).where(PlanOpening.opened_by == me).limit(1)
    return uow.session.scalars(query).first() is not None


def open_plan(uow: UnitOfWork, campaign_id: str, *, now: datetime | None = None) -> Opening:
    """Opens the campaign's plan for this laptop's account, recording who and when.

    Flushed in the caller's transaction, so the record and its outbox entry commit
    together. An account that opened it before gets its first opening back.
    """
    campaign = uow.session.get(Campaign, campaign_id)
    if campaign is None or campaign.deleted:
        raise NotFound("campaign", campaign_id)
    me = current_user(uow)
    if not me:
        raise ValidationFailed(
            "plan.not_signed_in",
            "本机尚未登录同步过，不能启封暗访计划：启封要记录到账号名下。请先登录并同步一次。",
            "This laptop has not signed in and synced yet; a plan is opened in an account's "
            "name. Sign in and sync once first.",
        )
    earlier = uow.session.scalars(
        _live(campaign_id).where(PlanOpening.opened_by == me).order_by(PlanOpening.opened_at)
    ).first()
    if earlier is not None:
        return _opening(earlier)
    row = PlanOpening(campaign_id=campaign_id, opened_by=me, opened_at=now or utc_now())
    uow.session.add(row)
    uow.session.flush()
    return _opening(row)
