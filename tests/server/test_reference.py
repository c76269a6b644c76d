"""Reference data and campaigns: everyone reads the registry and checklists, only admins
write them, published checklist versions never change, campaigns stay with their team."""

from __future__ import annotations

import uuid

import requests

from inspector_app.domain.reference_ids import reference_id
from inspector_app.resources import shipped_registry, shipped_templates

from .conftest import RunningServer, cli, mutation, push


def _push(server: RunningServer, user: str, *mutations: dict) -> list[dict]:
    return push(server, server.token(user), *mutations)


def _reference(server: RunningServer, user: str) -> dict[str, list[dict]]:
    response = requests.get(
        f"{server.url}/api/v1/reference", headers=server.token(user), timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_imported_reference_data_reaches_every_user_with_the_apps_ids(
    server: RunningServer,
) -> None:
    done = cli("import-reference", "--as", "admin", "--db", server.db)
    assert done.returncode == 0, done.stderr
    registry, templates = shipped_registry(), shipped_templates()
    windows = sum(len(site.windows) for site in registry.sites)
    expected = len(registry.units) + len(registry.sites) + windows + len(templates)
    assert done.stdout.strip() == f"applied {expected}"
    again = cli("import-reference", "--as", "admin", "--db", server.db)
    assert again.stdout.strip() == f"unchanged {expected}"
    for user in ("li", "chen"):
        data = _reference(server, user)
        assert len(data["unit"]) == len(registry.units)
        assert len(data["window"]) == windows
        site_ids = {site["id"] for site in data["site"]}
        assert reference_id("site", registry.sites[0].code) in site_ids
        versions = {
            (t["fields"]["code"], t["fields"]["version"]) for t in data["checklist_template"]
        }
        assert versions == {(t.code, t.version) for t in templates}
    refused = cli("import-reference", "--as", "zhang", "--db", server.db)
    assert refused.returncode == 2 and "admin" in refused.stderr


def test_only_admins_write_reference_data(server: RunningServer) -> None:
    site = str(uuid.uuid4())
    for user in ("zhang", "chen"):
        [result] = _push(server, user, mutation("site", site, {"code": "x", "name": "假大厅"}))
        assert result["status"] == "rejected"
        assert "管理员" in result["message"]
    [created] = _push(server, "admin", mutation("site", site, {"code": "x", "name": "新大厅"}))
    assert created["status"] == "applied"
    assert [s["fields"]["name"] for s in _reference(server, "li")["site"]] == ["新大厅"]


def test_a_published_checklist_version_never_changes(server: RunningServer) -> None:
    v1 = str(uuid.uuid4())
    content = {"categories": [{"code": "A", "items": []}]}
    [first] = _push(
        server,
        "admin",
        mutation("checklist_template", v1, {"code": "hall", "version": 1, "content": content}),
    )
    [edited] = _push(
        server,
        "admin",
        mutation(
            "checklist_template",
            v1,
            {"content": {"categories": []}},
            base_rev=first["seq"],
        ),
    )
    assert edited["status"] == "rejected" and "新版本" in edited["message"]
    [renamed] = _push(
        server,
        "admin",
        mutation("checklist_template", v1, {"name": "窗口服务"}, base_rev=first["seq"]),
    )
    assert renamed["status"] == "applied"
    v2 = str(uuid.uuid4())
    [second] = _push(
        server,
        "admin",
        mutation("checklist_template", v2, {"code": "hall", "version": 2, "content": {}}),
    )
    assert second["status"] == "applied"
    stored = {t["id"]: t["fields"] for t in _reference(server, "zhang")["checklist_template"]}
    assert stored[v1]["content"] == content and stored[v2]["version"] == 2


def test_campaigns_and_their_planned_sites_stay_with_their_team(server: RunningServer) -> None:
    planned = [reference_id("site", "secret-hall")]
    own = str(uuid.uuid4())
    [created] = _push(
        server,
        "chen",
        mutation("campaign", own, {"title": "暗访", "planned_site_ids": planned}),
    )
    assert created["status"] == "applied"
    assert [c["id"] for c in _reference(server, "zhang")["campaign"]] == [own]
    assert _reference(server, "li")["campaign"] == []
    pulled = requests.get(
        f"{server.url}/api/v1/sync/changes", headers=server.token("li"), timeout=30
    ).text
    assert own not in pulled and planned[0] not in pulled
    [moved] = _push(
        server, "chen", mutation("campaign", own, {"owner_team": "二组"}, base_rev=10**6)
    )
    assert moved["status"] == "rejected"
    [foreign] = _push(
        server, "chen", mutation("campaign", str(uuid.uuid4()), {"owner_team": "二组"})
    )
    assert foreign["status"] == "rejected"
    [unassigned] = _push(server, "admin", mutation("campaign", str(uuid.uuid4()), {"title": "x"}))
    assert unassigned["status"] == "rejected" and "owner_team" in unassigned["message"]
    assigned = str(uuid.uuid4())
    [given] = _push(
        server,
        "admin",
        mutation("campaign", assigned, {"title": "二组专项", "owner_team": "二组"}),
    )
    assert given["status"] == "applied"
    assert [c["id"] for c in _reference(server, "li")["campaign"]] == [assigned]
    assert [c["id"] for c in _reference(server, "zhang")["campaign"]] == [own]


def test_admins_create_and_list_accounts(server: RunningServer) -> None:
    admin = server.token("admin")
    body = {"username": "wu", "password": "long-enough-1", "role": "inspector", "team": "二组"}
    created = requests.post(
        f"{server.url}/api/v1/admin/users", headers=admin, json=body, timeout=30
    )
    assert created.status_code == 201, created.text
    assert "password" not in created.text
    twice = requests.post(f"{server.url}/api/v1/admin/users", headers=admin, json=body, timeout=30)
    assert twice.status_code == 409 and "已被使用" in twice.json()["detail"]
    short = requests.post(
        f"{server.url}/api/v1/admin/users",
        headers=admin,
        json={**body, "username": "wu2", "password": "short"},
        timeout=30,
    )
    assert short.status_code == 422
    for role, team in (("inspector", "*"), ("inspector", ""), ("supervisor", " ")):
        odd = requests.post(
            f"{server.url}/api/v1/admin/users",
            headers=admin,
            json={**body, "username": "wu3", "role": role, "team": team},
            timeout=30,
        )
        assert odd.status_code == 422 and "检查组" in odd.text, (role, team)
    refused = cli(
        "create-user",
        "wu4",
        "--role",
        "inspector",
        "--team",
        "*",
        "--password-stdin",
        "--db",
        server.db,
        stdin="long-enough-1\n",
    )
    assert refused.returncode == 2 and "检查组" in refused.stderr
    listing = requests.get(f"{server.url}/api/v1/admin/users", headers=admin, timeout=30)
    assert "argon2" not in listing.text and "password" not in listing.text
    listed = listing.json()
    assert {"wu", "zhang", "admin"} <= {account["username"] for account in listed}
    assert server.login("wu", "long-enough-1").status_code == 200
    assert cli("verify-audit", "--db", server.db).returncode == 0
