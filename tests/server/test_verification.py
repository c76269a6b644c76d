"""核验 on a real server, SQLite and PostgreSQL: a supervisor records a numbered notice's
digest once; any signed-in user of the team checks a PDF or a digest against it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.protocol.notice_digest import canonical_notice, verification_code
from inspector_app.server.database import make_engine
from inspector_app.server.models import AuditEvent
from tests.builders import edit_first_page, notice_pdf_of, small_notice

from .conftest import BACKENDS, RunningServer, mutation, push, server_on

MIB = 1024 * 1024


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    with server_on(request.param, tmp_path_factory.mktemp("verification")) as running:
        yield running


def _notice_pdf(
    notice_id: str, number: str | None, description: str = "12号窗口无人在岗。"
) -> bytes:
    return notice_pdf_of(small_notice(notice_id, number, description=description))


def _numbered(server: RunningServer, headers: dict) -> tuple[str, str]:
    """A draft notice synced by the supervisor and numbered by the server: (id, number)."""
    notice_id = str(uuid.uuid4())
    [result] = push(server, headers, mutation("notice", notice_id, {"status": "draft"}))
    assert result["status"] == "applied"
    numbered = requests.post(
        f"{server.url}/api/v1/notices/{notice_id}/number",
        json={"organ_code": "伊营商监", "year": 2026},
        headers=headers,
        timeout=30,
    )
    assert numbered.status_code == 200, numbered.text
    return notice_id, numbered.json()["number"]


def _record(server: RunningServer, headers: dict, notice_id: str, digest: str):
    return requests.post(
        f"{server.url}/api/v1/notices/{notice_id}/digest",
        json={"digest": digest},
        headers=headers,
        timeout=30,
    )


def _check_pdf(server: RunningServer, headers: dict, pdf: bytes) -> requests.Response:
    return requests.post(
        f"{server.url}/api/v1/notices/verify/pdf",
        data=pdf,
        headers={**headers, "Content-Type": "application/pdf"},
        timeout=60,
    )


@pytest.fixture(scope="module")
def issued(server: RunningServer) -> tuple[str, str, bytes]:
    """A notice issued on this server with its digest recorded: (id, number, PDF)."""
    chen = server.token("chen")
    notice_id, number = _numbered(server, chen)
    pdf = _notice_pdf(notice_id, number)
    recorded = _record(server, chen, notice_id, canonical_notice(pdf).digest)
    assert recorded.status_code == 200, recorded.text
    assert recorded.json() == {
        "notice_id": notice_id,
        "number": number,
        "digest": canonical_notice(pdf).digest,
    }
    return notice_id, number, pdf


def test_the_issued_pdf_is_genuine_for_the_team(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    notice_id, number, pdf = issued
    answer = _check_pdf(server, server.token("zhang"), pdf)  # an inspector of the team
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["verdict"], body["reason"]) == ("genuine", "matches")
    assert (body["notice_id"], body["number"]) == (notice_id, number)
    assert body["digest"] == canonical_notice(pdf).digest and number in body["message_zh"]


def test_an_edited_pdf_is_altered_and_a_foreign_one_unknown(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    notice_id, number, pdf = issued
    zhang = server.token("zhang")
    forged = _notice_pdf(notice_id, number, "12号窗口有人在岗。")  # one word, same id
    altered = _check_pdf(server, zhang, forged).json()
    assert (altered["verdict"], altered["number"]) == ("altered", number)
    edited = edit_first_page(pdf, b"(2026", b"(2024")
    assert _check_pdf(server, zhang, edited).json()["verdict"] == "altered"
    stranger = _notice_pdf(str(uuid.uuid4()), "伊营商监〔2026〕99号")
    assert _check_pdf(server, zhang, stranger).json()["reason"] == "no_such_notice"
    assert _check_pdf(server, zhang, b"%PDF-1.7 garbage").json()["reason"] == "unreadable"


def test_another_team_learns_nothing_about_the_notice(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    _, _, pdf = issued
    li = server.token("li")  # an inspector of 二组
    body = _check_pdf(server, li, pdf).json()
    assert (body["verdict"], body["notice_id"], body["number"]) == ("unknown", None, None)
    digest = requests.post(
        f"{server.url}/api/v1/notices/verify",
        json={"digest": canonical_notice(pdf).digest},
        headers=li,
        timeout=30,
    ).json()
    assert digest["verdict"] == "unknown"


def test_a_digest_with_or_without_the_code_is_judged_too(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    notice_id, number, pdf = issued
    zhang = server.token("zhang")

    def check(body: dict) -> dict:
        answer = requests.post(
            f"{server.url}/api/v1/notices/verify", json=body, headers=zhang, timeout=30
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    digest = canonical_notice(pdf).digest
    code = verification_code(notice_id)
    assert check({"digest": digest})["number"] == number
    other = "0" * 64
    assert check({"digest": other, "code": code})["verdict"] == "altered"
    assert check({"digest": digest, "code": code})["verdict"] == "genuine"
    assert check({"digest": other})["reason"] == "no_code"
    unknown_code = check({"digest": other, "code": "0000 0000 0000 0000"})
    assert unknown_code["reason"] == "no_such_notice"
    refused = requests.post(
        f"{server.url}/api/v1/notices/verify", json={"digest": "xyz"}, headers=zhang, timeout=30
    )
    assert refused.status_code == 422


def test_the_digest_is_recorded_once_by_a_supervisor_for_a_numbered_notice_only(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    notice_id, _, pdf = issued
    chen = server.token("chen")
    digest = canonical_notice(pdf).digest
    assert _record(server, chen, notice_id, digest).status_code == 200  # a retry: same
    assert _record(server, chen, notice_id, "1" * 64).status_code == 409  # never changed
    assert _record(server, server.token("zhang"), notice_id, digest).status_code == 403
    draft = str(uuid.uuid4())
    push(server, chen, mutation("notice", draft, {"status": "draft"}))
    assert _record(server, chen, draft, "2" * 64).status_code == 409  # no number yet
    assert _record(server, chen, str(uuid.uuid4()), "3" * 64).status_code == 404
    with Session(make_engine(server.db)) as db:
        events = db.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "record_digest", AuditEvent.object_id == notice_id
            )
        ).all()
    assert [e.after_digest for e in events] == [digest]  # one event: the retry wrote nothing


def test_the_digest_reaches_laptops_in_the_notice_and_cannot_be_pushed(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    notice_id, _, pdf = issued
    chen = server.token("chen")
    pulled = requests.get(f"{server.url}/api/v1/sync/changes", headers=chen, timeout=30).json()
    [record] = [c for c in pulled["changes"] if c["id"] == notice_id]
    assert record["fields"]["content_digest"] == canonical_notice(pdf).digest
    [forged] = push(
        server,
        chen,
        mutation("notice", notice_id, {"content_digest": "4" * 64}, base_rev=record["seq"]),
    )
    assert forged["status"] == "rejected"


def test_a_notice_pdf_over_the_json_body_limit_is_accepted_up_to_its_own(
    server: RunningServer, issued: tuple[str, str, bytes]
) -> None:
    _, _, pdf = issued
    zhang = server.token("zhang")
    padded = pdf + b"\n%" + b"x" * (2 * MIB) + b"\n"  # a comment after the end: still the PDF
    answer = _check_pdf(server, zhang, padded)
    assert answer.status_code == 200 and answer.json()["verdict"] == "genuine"
    too_big = _check_pdf(server, zhang, b"%PDF-1.7\n" + b"0" * (33 * MIB))
    assert too_big.status_code == 413
