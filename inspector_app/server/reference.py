"""Reference data on the server: what the app reads, and loading the shipped set.

Reference records are ordinary synced records (so laptops receive them by
pull, and edits are audited and conflict-checked like any other), readable by
everyone; campaigns are readable by their team only (access.py).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.checklist import ChecklistTemplate, to_schema_dict
from inspector_app.domain.reference_ids import reference_id
from inspector_app.domain.registry import RegistrySeed
from inspector_app.protocol.entities import REFERENCE
from inspector_app.protocol.sync import (
    MAX_BATCH,
    NEWEST_SCHEMA,
    Mutation,
    MutationResult,
    PushIn,
)
from inspector_app.server import sync
from inspector_app.server.access import AccessPolicy
from inspector_app.server.models import SyncRecord, User

KINDS = (*sorted(REFERENCE), "campaign")


def current(session: Session, user: User, access: AccessPolicy) -> dict[str, list[SyncRecord]]:
    """The live (not deleted) reference records and campaigns the caller may see."""
    found: dict[str, list[SyncRecord]] = {kind: [] for kind in KINDS}
    rows = session.scalars(
        select(SyncRecord)
        .where(SyncRecord.entity.in_(KINDS), ~SyncRecord.deleted, access.visible(user))
        .order_by(SyncRecord.entity, SyncRecord.seq)
    )
    for row in rows:
        found[row.entity].append(row)
    return found


def shipped_records(
    templates: list[ChecklistTemplate], seed: RegistrySeed
) -> list[tuple[str, str, dict[str, Any]]]:
    """(entity, id, fields) for the templates and registry, with the app's own ids."""
    records: list[tuple[str, str, dict[str, Any]]] = []
    for unit in seed.units:
        records.append(
            (
                "unit",
                reference_id("unit", unit.code),
                {"code": unit.code, "name": unit.name, "short_name": unit.short},
            )
        )
    for site in seed.sites:
        site_id = reference_id("site", site.code)
        managing = (
            reference_id("unit", site.managing_unit_code) if site.managing_unit_code else None
        )
        records.append(
            (
                "site",
                site_id,
                {
                    "code": site.code,
                    "name": site.name,
                    "district": site.district,
                    "address": site.address,
                    "managing_unit_id": managing,
                },
            )
        )
        for window in site.windows:
            records.append(
                (
                    "window",
                    reference_id("window", site.code, window.number),
                    {
                        "site_id": site_id,
                        "number": window.number,
                        "name": window.name,
                        "unit_id": reference_id("unit", window.unit_code),
                    },
                )
            )
    for template in templates:
        records.append(
            (
                "checklist_template",
                reference_id("template", template.code, str(template.version)),
                {
                    "code": template.code,
                    "version": template.version,
                    "name": template.name,
                    "content": to_schema_dict(template),
                },
            )
        )
    return records


def load(
    session: Session, admin: User, records: list[tuple[str, str, dict[str, Any]]]
) -> tuple[list[MutationResult], int]:
    """Writes what differs from the stored records as the admin's mutations; returns their
    results and how many records were already up to date. Mutation ids are random: ids
    anyone could compute could be taken first and block the import."""
    stored = {
        row.id: row
        for row in session.scalars(
            select(SyncRecord).where(SyncRecord.id.in_([record_id for _, record_id, _ in records]))
        )
    }
    mutations = [
        Mutation(
            mutation_id=str(uuid.uuid4()),
            entity=entity,  # type: ignore[arg-type]
            id=record_id,
            base_rev=stored[record_id].seq if record_id in stored else None,
            fields=fields,
        )
        for entity, record_id, fields in records
        if record_id not in stored
        or stored[record_id].deleted
        or any(stored[record_id].data.get(name) != value for name, value in fields.items())
    ]
    results: list[MutationResult] = []
    for start in range(0, len(mutations), MAX_BATCH):
        batch = PushIn(
            client_id="import-reference",
            schema_version=NEWEST_SCHEMA,
            mutations=mutations[start : start + MAX_BATCH],
        )
        results += sync.push(session, admin, batch, AccessPolicy()).results
    return results, len(records) - len(mutations)
