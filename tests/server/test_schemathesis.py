"""Schemathesis against a real server's own OpenAPI description, as a logged-in user.

For every operation the running server describes at /openapi.json, requests that fit the
description and requests that break it are sent as the app sends them, with a valid session
of an admin and of an inspector. Every answer must be free of server errors and must match
the description: a status code listed for the operation, and the content type, headers and
body given for that status. The server must log no unhandled exception.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .conftest import RunningServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 40  # generated cases per operation
# Values that break servers, drawn for half of the generated strings: in requests that fit
# the description where it allows them, in requests that break it where it does not.
HOSTILE_STRINGS = [
    "\x00",  # PostgreSQL text cannot hold NUL
    "a\x00b",
    "²",  # str.isdigit() is true, int() refuses it
    "9" * 40,  # digits, but bigger than any database integer
    "x" * 100,  # longer than the String(64) columns
]
PROTOCOL = "1"
APP_HEADERS = {"authorization", "x-inspector-protocol"}
LOGIN = "POST /api/v1/auth/login"
LOGOUT = "POST /api/v1/auth/logout"
EXCEPTION_LINE = re.compile(r"[A-Za-z_][\w.]*[a-z][\w.]*(: .*)?")
# The notice check (POST /notices/verify/pdf) takes raw PDF bytes: truncated and
# damaged PDFs, and bytes that are no PDF at all.
schemathesis.openapi.media_type(
    "application/pdf",
    st.sampled_from(
        [
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"trailer\n<< /Root 1 0 R >>\n%%EOF",
            b"%PDF-1.7\n",
        ]
    )
    | st.binary(max_size=4096).map(lambda tail: b"%PDF-1.7\n" + tail)
    | st.binary(max_size=256),
)


def _operations(server: RunningServer) -> list[APIOperation]:
    """What the server itself publishes. Login goes last: its failed attempts lock the
    address out of logging in, and logout needs new sessions."""
    config = schemathesis.Config.from_dict(
        {
            "dictionaries": {"hostile": {"values": HOSTILE_STRINGS}},
            "generation": {
                "dictionaries": {"string": {"dictionary": "hostile", "probability": 0.5}}
            },
        }
    )
    schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json", config=config, timeout=30)
    operations = [result.ok() for result in schema.get_all_operations()]
    return sorted(operations, key=lambda operation: operation.label == LOGIN)


def _send_generated(operation: APIOperation, send: Callable[[Case], None]) -> None:
    """Requests that fit the description and requests that break it, mixed; derandomized, so
    every run sends the same ones, with no example database and no deadline."""
    cases = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
        GenerationMode.NEGATIVE  # draws nothing where only free-form strings come in
    )

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=cases)
    def each(case: Case) -> None:
        send(case)

    each()


class AppHeaders:
    """What the app sends with every request: its protocol version (another one only gets
    a 426 before any route runs) and a valid session of the account. Logout ends the session
    it comes with, so it gets one of its own, renewed after each logout that succeeds."""

    def __init__(self, server: RunningServer, account: str) -> None:
        self.server, self.account = server, account
        self.session = server.token(account)
        self.logout_session: dict[str, str] | None = None

    def for_case(self, case: Case) -> dict[str, str]:
        session = self.session
        if case.operation.label == LOGOUT:
            if self.logout_session is None:
                self.logout_session = self.server.token(self.account)
            session = self.logout_session
        return {**session, "X-Inspector-Protocol": PROTOCOL}

    def answered(self, case: Case, status: int) -> None:
        if case.operation.label == LOGOUT and status == 204:
            self.logout_session = None


def _request_key(case: Case) -> str:
    """The request as sent, apart from the headers AppHeaders sets."""
    generated = {k: v for k, v in (case.headers or {}).items() if k.lower() not in APP_HEADERS}
    return repr((case.operation.label, case.path_parameters, case.query, case.body, generated))


def _unhandled(server: RunningServer) -> Counter[str]:
    """The unhandled exceptions the server logged: request path and exception, counted."""
    found: Counter[str] = Counter()
    for line in server.log.read_text().splitlines():
        if '"message": "unhandled"' in line:
            event = json.loads(line)
            found[f"{event['path']} {_last_exception(event.get('error', ''))}".strip()] += 1
    return found


def _last_exception(traceback: str) -> str:
    """The last "module.Type: message" line of a logged traceback."""
    lines = [line for line in traceback.splitlines() if EXCEPTION_LINE.fullmatch(line)]
    return lines[-1][:200] if lines else ""


@pytest.mark.slow
@pytest.mark.parametrize("account", ["admin", "zhang"], ids=["as-admin", "as-inspector"])
def test_every_operation_answers_as_documented(server: RunningServer, account: str) -> None:
    app_headers = AppHeaders(server, account)
    violations: dict[str, str] = {}  # the first example of each kind of violation
    sent: set[str] = set()

    def send(case: Case) -> None:
        request = _request_key(case)
        if request in sent:  # cases that differ only in the headers the app fixes
            return
        sent.add(request)
        headers = app_headers.for_case(case)
        response = case.call(headers=headers, timeout=30)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as found:
            titles = ", ".join(sorted({failure.title for failure in found.exceptions}))
            kind = f"{case.operation.label} → {response.status_code}: {titles}"
            violations.setdefault(kind, found.message)
        app_headers.answered(case, response.status_code)

    operations = _operations(server)
    assert len(operations) >= 10
    for operation in operations:
        _send_generated(operation, send)

    report = [f"== {kind}\n{example}" for kind, example in violations.items()]
    report += [f"== unhandled ×{n}: {where}" for where, n in _unhandled(server).items()]
    if report:
        pytest.fail("\n\n".join(report), pytrace=False)
