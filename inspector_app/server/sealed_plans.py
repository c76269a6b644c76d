"""启封 of a campaign's sealed 暗访 plan, as the server takes it: from the campaign's
own team only, in the sender's own name, once (record_rules keeps it append-only), and
into the audit log as `plan_opened` on the campaign, so who saw the planned halls and
when is on the hash-chained record whatever a laptop later does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from inspector_app.server import audit
from inspector_app.server.access import Refused
from inspector_app.server.models import SyncRecord, User

ENTITY = "plan_opening"
AUDIT_ACTION = "plan_opened"
# The same words whether the campaign is another team's or does not exist: a user of
# another team must not learn that a campaign id is real.
NOT_OF_TEAM = Refused(
    "只有该专项行动的检查组成员才能启封其暗访计划。/ "
    "Only members of the campaign's team may open its sealed plan."
)
NOT_IN_OWN_NAME = Refused(
    "启封记录只能记在本人账号名下。/ A plan opening must be in the sender's own name."
)
NO_TIME = Refused(
    "启封记录须有带时区的启封时间。/ A plan opening needs the time it was opened, with its zone."
)

# record_rules.Lookup, spelled out here: record_rules imports this module.
Lookup = Callable[[str, str | None], SyncRecord | None]


def check(user: User, fields: dict[str, Any], lookup: Lookup) -> None:
    """Raises Refused unless the sender belongs to the campaign's team and opens in its name."""
    try:
        campaign: SyncRecord | None = lookup("campaign", fields.get("campaign_id"))
    except Refused:
        raise NOT_OF_TEAM from None
    if campaign is None or campaign.deleted or campaign.team != user.team:
        raise NOT_OF_TEAM
    if fields.get("opened_by") != user.username:
        raise NOT_IN_OWN_NAME
    if not _aware_time(fields.get("opened_at")):
        raise NO_TIME


def _aware_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def audit_entry(user: User, record: SyncRecord) -> audit.Entry:
    """The audit event of a newly accepted opening: who opened which campaign's plan
    (the event's own time is the server's); the digest pins the record as pushed."""
    return audit.Entry(
        actor=user.username,
        action=AUDIT_ACTION,
        object_type="campaign",
        object_id=str(record.data.get("campaign_id", "")),
        after=audit.digest(record.data),
    )
