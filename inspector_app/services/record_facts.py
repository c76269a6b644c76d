"""The record sheet's facts of an inspection: 亮明身份, 记录人, the team's card numbers.

Set from the runner while the inspection is editable; they sync with the
inspection (protocol/entities.py) so the office prints the same record sheet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select

from inspector_app.domain.inspection import ensure_editable
from inspector_app.domain.record_facts import RecordFacts, check_recorder, clean_cert_nos
from inspector_app.services.inspections import inspection_or_error
from inspector_app.store.models import Inspection
from inspector_app.store.unit_of_work import UnitOfWork

RECENT = 200  # inspections looked through for a colleague's card number


def facts_of(inspection: Inspection) -> RecordFacts:
    numbers = inspection.cert_nos if isinstance(inspection.cert_nos, dict) else {}
    return RecordFacts(
        identity_shown=bool(inspection.identity_shown),
        recorder=inspection.recorder or "",
        # a pulled document is any JSON object: keep the text values of team members only
        cert_nos={
            name: number
            for name, number in numbers.items()
            if isinstance(number, str) and name in inspection.team
        },
    )


def set_record_facts(
    uow: UnitOfWork,
    inspection_id: str,
    *,
    identity_shown: bool | None = None,
    recorder: str | None = None,
    cert_nos: Mapping[str, str] | None = None,
) -> RecordFacts:
    """Change what is given; None leaves a fact as it is. Refused once submitted."""
    inspection = inspection_or_error(uow, inspection_id)
    ensure_editable(inspection.status)
    team = list(inspection.team)
    if recorder is not None:
        recorder = check_recorder(team, recorder)
    if cert_nos is not None:
        cert_nos = clean_cert_nos(team, cert_nos)
    if identity_shown is not None and inspection.identity_shown != identity_shown:
        inspection.identity_shown = identity_shown
    if recorder is not None and inspection.recorder != recorder:
        inspection.recorder = recorder
    if cert_nos is not None and inspection.cert_nos != cert_nos:
        inspection.cert_nos = dict(cert_nos)
    return facts_of(inspection)


def known_cert_nos(uow: UnitOfWork, names: Iterable[str]) -> dict[str, str]:
    """Each name's card number as last recorded on this laptop (its own or a synced
    colleague's inspection), so a new inspection starts with them filled in."""
    wanted = set(names)
    found: dict[str, str] = {}
    rows = uow.session.scalars(
        select(Inspection.cert_nos)
        .where(Inspection.deleted.is_(False))
        .order_by(Inspection.started_at.desc())
        .limit(RECENT)
    )
    for numbers in rows:
        if not isinstance(numbers, dict):
            continue
        for name, number in numbers.items():
            if name in wanted and name not in found and isinstance(number, str) and number:
                found[name] = number
        if len(found) == len(wanted):
            break
    return found
