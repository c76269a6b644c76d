"""The /api/v1 router: every resource's routes, behind the protocol check, with the
refusals every one of them can give."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from inspector_app.server.api.deps import check_protocol
from inspector_app.server.api.responses import errors
from inspector_app.server.api.routes import (
    admin,
    auth,
    blobs,
    bulletins,
    issued_pdf,
    numbering,
    reference,
    sync,
    verification,
)

api_router = APIRouter(
    prefix="/api/v1",
    dependencies=[Depends(check_protocol)],
    responses=errors(400, 401, 413, 422, 426),
)
for module in (
    auth,
    numbering,
    bulletins,
    issued_pdf,
    verification,
    admin,
    reference,
    blobs,
    sync,
):
    api_router.include_router(module.router)
