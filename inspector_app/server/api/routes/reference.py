"""Reference data: what the app needs to start an inspection."""

from __future__ import annotations

from fastapi import APIRouter

from inspector_app.protocol.reference import ReferenceOut, ReferenceRecord
from inspector_app.server import reference
from inspector_app.server.api.deps import AccessDep, CurrentUser, SessionDep

router = APIRouter(tags=["reference"])


@router.get("/reference", response_model=ReferenceOut)
def reference_data(user: CurrentUser, db: SessionDep, access: AccessDep) -> ReferenceOut:
    """What the app needs to start an inspection. Admins write it through sync push
    or `inspector-server import-reference`."""
    found = reference.current(db, user, access)
    db.commit()
    return ReferenceOut(
        **{
            kind: [ReferenceRecord(id=r.id, seq=r.seq, fields=r.data) for r in rows]
            for kind, rows in found.items()
        }
    )
