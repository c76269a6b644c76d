"""Start over with a server that forgot us: restored from a backup (a new epoch) or
another server altogether. Nothing local is dropped.

Every row the user may write and the server had seen is queued again as a full
upsert with no base revision, so the server gets back whatever its backup lost;
where it still has another value, that is a logged conflict, not a silent
overwrite. The cursor goes back to 0 and every blob is asked about again.
"""

from __future__ import annotations

from sqlalchemy import select, update

from inspector_app.protocol.entities import writable_by
from inspector_app.store.models import Blob, OutboxEntry
from inspector_app.store.outbox import CLOCK, sent_fields, to_wire
from inspector_app.store.types import new_id, utc_now
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.store.wire import synced_models
from inspector_app.sync import state
from inspector_app.sync.local import Touched


def for_new_server(uow: UnitOfWork, role: str, epoch: str) -> tuple[None, Touched]:
    session = uow.session
    writable = set(synced_models()) if role == "admin" else set(writable_by(role))
    pending = {
        (row.entity, row.record_id): row
        for row in session.scalars(
            select(OutboxEntry).where(OutboxEntry.state.in_(("pending", "in_flight")))
        )
    }
    for row in pending.values():
        row.base_rev = None
    session.execute(update(OutboxEntry).values(base_rev=None))
    for entity, model in synced_models().items():
        if entity not in writable:
            continue
        for record in session.scalars(select(model).where(model.server_rev.is_not(None))):
            fields = {name: to_wire(getattr(record, name)) for name in sent_fields(model)}
            waiting = pending.get((entity, record.id))
            if waiting is not None and waiting.state == "pending":
                waiting.fields = {**fields, **waiting.fields}
                waiting.deleted = bool(record.deleted)
                continue
            session.add(
                OutboxEntry(
                    mutation_id=new_id(),
                    entity=entity,
                    record_id=record.id,
                    base_rev=None,
                    fields=fields,
                    deleted=bool(record.deleted),
                    hlc=CLOCK.stamp(),
                    state="pending",
                    created_at=utc_now(),
                )
            )
    for model in synced_models().values():
        session.execute(update(model).values(server_rev=None))
    session.execute(update(Blob).values(uploaded=False))
    state.delete_prefixed(session, "refused:")  # another server may take them
    state.put(session, "cursor", "0")
    state.put(session, "epoch", epoch)
    return None, Touched()
