"""The FastAPI application: its state, its routers and the guards around every request.

Routes live in api/routes/ (one module per resource) and reach what is set here
through the typed dependencies in api/deps.py.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from inspector_app.protocol.base import PROTOCOL_VERSION
from inspector_app.server import audit_anchor, auth
from inspector_app.server.access import AccessPolicy
from inspector_app.server.api import guards
from inspector_app.server.api.body_limits import BodyTiming
from inspector_app.server.api.main import api_router
from inspector_app.server.api.routes import health, versions
from inspector_app.server.blobs import BlobStore
from inspector_app.server.database import make_engine, sessions


def create_app(
    db_url: str,
    policy: auth.AuthPolicy | None = None,
    blobs_dir: Path | None = None,
    access: AccessPolicy | None = None,
    body_timing: BodyTiming | None = None,
) -> FastAPI:
    app = FastAPI(title="四不两直 inspection server", version=f"protocol-{PROTOCOL_VERSION}")
    app.state.sessions = sessions(make_engine(db_url))
    app.state.policy = policy or auth.AuthPolicy()
    app.state.access = access or AccessPolicy()
    app.state.blobs = BlobStore(blobs_dir or Path("blobs"))
    audit_anchor.install(app.state.sessions, app.state.blobs.root / "audit")
    app.include_router(health.router)
    app.include_router(api_router)
    app.include_router(versions.router)  # last: it matches every other /api/ path
    guards.install(app, body_timing or BodyTiming())
    return app
