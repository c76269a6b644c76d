"""Generated from the app's own routes: every API route refuses callers without a token,
and every admin route refuses an inspector, so a new route cannot forget either."""

from __future__ import annotations

import uuid

import pytest
import requests

from .conftest import RunningServer, openapi_spec

OPEN = {("POST", "/api/v1/auth/login")}


def _routes() -> list[tuple[str, str]]:
    """Every operation in the app's own OpenAPI description."""
    spec = openapi_spec()
    return sorted(
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        if path.startswith("/api/v1")
        for method in operations
        if (method.upper(), path) not in OPEN
    )


def _concrete(path: str) -> str:
    return (
        path.replace("{sha256}", "a" * 64)
        .replace("{username}", "zhang")
        .replace("{notice_id}", str(uuid.uuid4()))
        .replace("{upload_id}", str(uuid.uuid4()))
        .replace("{bulletin_id}", str(uuid.uuid4()))
    )


ROUTES = _routes()


def test_the_route_list_is_not_empty() -> None:
    assert len(ROUTES) >= 10


@pytest.mark.parametrize("scheme", ["none", "garbage"])
def test_every_api_route_needs_a_valid_token(server: RunningServer, scheme: str) -> None:
    headers = {} if scheme == "none" else {"Authorization": "Bearer not-a-real-token"}
    refused = {}
    for method, path in ROUTES:
        response = requests.request(
            method, server.url + _concrete(path), headers=headers, json={}, timeout=30
        )
        refused[(method, path)] = response.status_code
    assert {k: v for k, v in refused.items() if v != 401} == {}


def test_admin_routes_refuse_inspectors_and_supervisors(server: RunningServer) -> None:
    admin_routes = [(m, p) for m, p in ROUTES if p.startswith("/api/v1/admin/")]
    assert admin_routes
    for user in ("zhang", "chen"):
        headers = server.token(user)
        for method, path in admin_routes:
            response = requests.request(
                method, server.url + _concrete(path), headers=headers, timeout=30
            )
            assert response.status_code == 403, (user, method, path, response.status_code)
