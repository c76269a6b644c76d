"""The server enforces the domain lifecycles on every push: evidence that was submitted,
approved or issued cannot be edited, forged or deleted by a laptop that ignores them."""

from __future__ import annotations

import uuid

import pytest

from .conftest import RunningServer, mutation, push


def _status(results: list[dict]) -> list[str]:
    return [r["status"] for r in results]


@pytest.fixture
def approved(server: RunningServer) -> dict[str, str]:
    """An inspection with a finding and a photo, submitted by zhang and approved by chen."""
    zhang, chen = server.token("zhang"), server.token("chen")
    ids = {name: str(uuid.uuid4()) for name in ("inspection", "finding", "photo")}
    created = push(
        server,
        zhang,
        mutation("inspection", ids["inspection"], {"status": "draft", "note": "原始记录"}),
        mutation("finding", ids["finding"], {"inspection_id": ids["inspection"], "result": "fail"}),
        mutation("photo", ids["photo"], {"finding_id": ids["finding"], "sha256": "c" * 64}),
        mutation("inspection", ids["inspection"], {"status": "submitted"}, base_rev=10**6),
    )
    assert _status(created) == ["applied"] * 4
    [review] = push(
        server,
        chen,
        mutation("inspection", ids["inspection"], {"status": "approved"}, base_rev=10**6),
    )
    assert review["status"] == "applied"
    return ids


def test_an_approved_inspection_and_its_findings_and_photos_are_read_only(
    server: RunningServer, approved: dict[str, str]
) -> None:
    zhang, chen = server.token("zhang"), server.token("chen")
    inspection, finding, photo = approved["inspection"], approved["finding"], approved["photo"]
    attempts = [
        mutation("inspection", inspection, {"note": "事后改写"}, base_rev=10**6),
        mutation("inspection", inspection, {}, base_rev=10**6, deleted=True),
        mutation("finding", finding, {"description": "改掉问题描述"}, base_rev=10**6),
        mutation("finding", finding, {}, base_rev=10**6, deleted=True),
        mutation("finding", str(uuid.uuid4()), {"inspection_id": inspection}),
        mutation("photo", photo, {"caption": "换说明"}, base_rev=10**6),
        mutation("photo", str(uuid.uuid4()), {"finding_id": finding, "sha256": "d" * 64}),
    ]
    for user in (zhang, chen):
        results = push(server, user, *attempts)
        assert _status(results) == ["rejected"] * len(attempts)
        assert all("更正" in r["message"] for r in results)
    amendment = mutation(
        "amendment",
        str(uuid.uuid4()),
        {"entity": "finding", "record_id": finding, "reason": "笔误"},
    )
    assert _status(push(server, zhang, amendment)) == ["applied"]


def test_a_returned_inspection_can_be_edited_again(
    server: RunningServer, approved: dict[str, str]
) -> None:
    zhang = server.token("zhang")
    other = str(uuid.uuid4())
    results = push(
        server,
        zhang,
        mutation("inspection", other, {"status": "submitted", "note": "待审"}),
        mutation("inspection", other, {"note": "提交后再改"}, base_rev=10**6),
    )
    assert _status(results) == ["applied", "rejected"]
    chen = server.token("chen")
    returned = mutation(
        "inspection", other, {"status": "returned", "review_comment": "补充照片"}, base_rev=10**6
    )
    assert _status(push(server, chen, returned)) == ["applied"]
    again = push(
        server,
        zhang,
        mutation("inspection", other, {"note": "已补充"}, base_rev=10**6),
        mutation("finding", str(uuid.uuid4()), {"inspection_id": other}),
    )
    assert _status(again) == ["applied", "applied"]


def test_a_review_stamped_with_updated_at_as_laptops_send_it_is_applied(
    server: RunningServer,
) -> None:
    """Every laptop edit carries updated_at; on a submitted record that is bookkeeping, so
    the review goes through while a content edit with the same stamp is still refused."""
    zhang, chen = server.token("zhang"), server.token("chen")
    inspection = str(uuid.uuid4())
    stamp = {"updated_at": "2026-11-21T02:00:00+00:00"}
    created = push(server, zhang, mutation("inspection", inspection, {"status": "submitted"}))
    assert _status(created) == ["applied"]
    edit = mutation("inspection", inspection, {"note": "提交后改写", **stamp}, base_rev=10**6)
    assert _status(push(server, zhang, edit)) == ["rejected"]
    returned = mutation(
        "inspection",
        inspection,
        {"status": "returned", "review_comment": "补充照片", **stamp},
        base_rev=10**6,
    )
    assert _status(push(server, chen, returned)) == ["applied"]


def test_inspectors_cannot_review_or_close_problems(
    server: RunningServer, approved: dict[str, str]
) -> None:
    zhang = server.token("zhang")
    draft = str(uuid.uuid4())
    results = push(
        server,
        zhang,
        mutation("inspection", draft, {"status": "draft", "review_comment": "自己写的审核意见"}),
        mutation("finding", approved["finding"], {"status": "assigned"}, base_rev=10**6),
    )
    assert _status(results) == ["rejected", "rejected"]
    assert "科室负责人" in results[0]["message"]
    chen = server.token("chen")
    assign = mutation("finding", approved["finding"], {"status": "assigned"}, base_rev=10**6)
    close = mutation("finding", approved["finding"], {"status": "closed"}, base_rev=10**6)
    assert _status(push(server, chen, assign, close)) == ["applied", "rejected"]


@pytest.mark.parametrize("status", ["bogus", None, 5, ["submitted"], {"a": 1}])
def test_an_unknown_status_is_refused_not_a_server_error(
    server: RunningServer, status: object
) -> None:
    [result] = push(
        server, server.token("zhang"), mutation("inspection", str(uuid.uuid4()), {"status": status})
    )
    # Not a state name: the lifecycle refuses it; not text at all: the field rules do.
    assert result["status"] == "rejected"
    assert "无效的状态值" in result["message"] or "status must be text" in result["message"]


def test_an_issued_notice_keeps_its_content_and_follows_its_lifecycle(
    server: RunningServer,
) -> None:
    chen = server.token("chen")
    notice = str(uuid.uuid4())
    issued = push(
        server,
        chen,
        mutation("notice", notice, {"status": "draft", "deadline": "2026-12-31"}),
        mutation("notice_finding", str(uuid.uuid4()), {"notice_id": notice, "position": 1}),
        mutation("notice", notice, {"status": "issued"}, base_rev=10**6),
    )
    assert _status(issued) == ["applied"] * 3
    attempts = push(
        server,
        chen,
        mutation("notice", notice, {"deadline": "2027-06-30"}, base_rev=10**6),
        mutation("notice", notice, {"status": "closed"}, base_rev=10**6),
        mutation("notice", notice, {}, base_rev=10**6, deleted=True),
        mutation("notice_finding", str(uuid.uuid4()), {"notice_id": notice, "position": 2}),
        mutation("notice", notice, {"status": "in_progress"}, base_rev=10**6),
        mutation("notice", notice, {"extension_status": "requested"}, base_rev=10**6),
    )
    assert _status(attempts) == ["rejected"] * 4 + ["applied"] * 2
    assert "已销号" in attempts[1]["message"]
