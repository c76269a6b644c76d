"""签发 on a real server, SQLite and PostgreSQL: a numbered notice's issued PDF is kept
once, by the notice's team only, and only when it is that notice's real PDF."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator

import pytest
import requests

from inspector_app.protocol.notice_digest import canonical_notice
from tests.builders import notice_pdf_of, small_notice

from .conftest import BACKENDS, RunningServer, mutation, push, server_on

MIB = 1024 * 1024


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    with server_on(request.param, tmp_path_factory.mktemp("issued-pdf")) as running:
        yield running


def _draft(server: RunningServer, headers: dict) -> str:
    notice_id = str(uuid.uuid4())
    [result] = push(server, headers, mutation("notice", notice_id, {"status": "draft"}))
    assert result["status"] == "applied"
    return notice_id


def _number(server: RunningServer, headers: dict, notice_id: str) -> str:
    numbered = requests.post(
        f"{server.url}/api/v1/notices/{notice_id}/number",
        json={"organ_code": "伊营商监", "year": 2026},
        headers=headers,
        timeout=30,
    )
    assert numbered.status_code == 200, numbered.text
    return numbered.json()["number"]


def _put(server: RunningServer, headers: dict, notice_id: str, body: bytes) -> requests.Response:
    return requests.put(
        f"{server.url}/api/v1/notices/{notice_id}/pdf",
        data=body,
        headers={**headers, "Content-Type": "application/pdf"},
        timeout=60,
    )


def _pulled_notice(server: RunningServer, headers: dict, notice_id: str) -> dict:
    """The notice as a laptop of the team pulls it."""
    wanted = requests.post(
        f"{server.url}/api/v1/sync/records",
        json={"records": [{"entity": "notice", "id": notice_id}]},
        headers=headers,
        timeout=30,
    )
    assert wanted.status_code == 200, wanted.text
    [record] = wanted.json()["changes"]
    return record["fields"]


def test_the_issued_pdf_is_kept_with_its_sha256_and_digest_and_a_resend_is_the_same(
    server: RunningServer,
) -> None:
    chen = server.token("chen")
    notice_id = _draft(server, chen)
    number = _number(server, chen, notice_id)
    pdf = notice_pdf_of(small_notice(notice_id, number))
    sha256 = hashlib.sha256(pdf).hexdigest()
    first = _put(server, chen, notice_id, pdf)
    assert first.status_code == 200, first.text
    expected = {
        "notice_id": notice_id,
        "number": number,
        "pdf_sha256": sha256,
        "digest": canonical_notice(pdf).digest,
    }
    assert first.json() == expected
    assert _put(server, chen, notice_id, pdf).json() == expected  # a retried issue
    fields = _pulled_notice(server, server.token("zhang"), notice_id)  # the team pulls both
    assert fields["pdf_sha256"] == sha256
    assert fields["content_digest"] == canonical_notice(pdf).digest
    # The team reads the kept bytes back, exactly.
    got = requests.get(f"{server.url}/api/v1/blobs/{sha256}", headers=chen, timeout=30)
    assert got.status_code == 200 and got.content == pdf
    assert got.headers["content-type"] == "application/pdf"
    # Another PDF for the same notice (a rebuild: other bytes) is refused.
    rebuilt = notice_pdf_of(small_notice(notice_id, number, description="另一段文字。"))
    refused = _put(server, chen, notice_id, rebuilt)
    assert refused.status_code == 409
    assert "不能更换" in refused.json()["detail"] and "cannot change" in refused.json()["detail"]


def test_a_non_pdf_another_notices_pdf_or_an_oversize_body_is_refused_with_a_message(
    server: RunningServer,
) -> None:
    chen = server.token("chen")
    notice_id = _draft(server, chen)
    number = _number(server, chen, notice_id)
    jpeg = _put(server, chen, notice_id, b"\xff\xd8\xff\xe0" + b"\0" * 2000)
    assert jpeg.status_code == 422
    assert "不是可读取的 PDF" in jpeg.json()["detail"] and "Not a readable PDF" in jpeg.text
    damaged = _put(server, chen, notice_id, notice_pdf_of(small_notice(notice_id, number))[:3000])
    assert damaged.status_code == 422 and "不是可读取的 PDF" in damaged.json()["detail"]
    other = notice_pdf_of(small_notice(str(uuid.uuid4()), number))  # another notice's code
    wrong = _put(server, chen, notice_id, other)
    assert wrong.status_code == 422 and "核验码或文号不符" in wrong.json()["detail"]
    unnumbered = notice_pdf_of(small_notice(notice_id, None))  # the draft printed, no 文号
    assert _put(server, chen, notice_id, unnumbered).status_code == 422
    oversize = _put(server, chen, notice_id, b"%PDF-1.4\n" + b"0" * (32 * MIB))
    assert oversize.status_code == 413
    assert "通知书 PDF 超过大小上限（32 MiB）" in oversize.json()["detail"]
    assert "over the size limit" in oversize.json()["detail"]
    # Nothing was kept: the notice still takes its real PDF.
    assert "pdf_sha256" not in _pulled_notice(server, chen, notice_id)
    real = _put(server, chen, notice_id, notice_pdf_of(small_notice(notice_id, number)))
    assert real.status_code == 200, real.text


def test_only_the_notices_team_sends_it_and_only_once_numbered(server: RunningServer) -> None:
    chen = server.token("chen")
    draft_id = _draft(server, chen)
    draft_pdf = notice_pdf_of(small_notice(draft_id, "伊营商监〔2026〕999号"))
    not_numbered = _put(server, chen, draft_id, draft_pdf)
    assert not_numbered.status_code == 409 and "只有已编号" in not_numbered.json()["detail"]
    notice_id = _draft(server, chen)
    number = _number(server, chen, notice_id)
    pdf = notice_pdf_of(small_notice(notice_id, number))
    assert _put(server, server.token("zhang"), notice_id, pdf).status_code == 403  # inspector
    other_team = f"s{uuid.uuid4().hex[:8]}"
    server.add_user(other_team, "supervisor", "二组")
    hidden = _put(server, server.token(other_team), notice_id, pdf)
    assert hidden.status_code == 404  # as for a notice that does not exist
    assert _put(server, chen, notice_id, pdf).status_code == 200
