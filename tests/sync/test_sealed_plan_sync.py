"""Sealed 暗访 plans through a real server, on SQLite and PostgreSQL.

A supervisor plans a campaign of three halls; the inspector of the same team pulls it,
sees only the count, opens the plan and syncs: the server's audit log now says who
opened which campaign's plan, and the supervisor's laptop pulls the opening. Anyone
else is refused: a user of another team, an opening in someone else's name, and any
later edit or deletion of an opening.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from inspector_app.server.database import make_engine
from inspector_app.services import sealed_plans
from inspector_app.services.campaigns import create_campaign
from inspector_app.services.queries import campaign_choices
from inspector_app.services.reference_data import reference_id
from inspector_app.store.models import PlanOpening
from tests.server.conftest import RunningServer, mutation, push
from tests.sync.laptops import Laptop, open_laptop

HALLS = [reference_id("site", code) for code in ("yimei-center", "wucui-center", "jinlin-center")]


@dataclass
class Team:
    inspector: str
    supervisor: str
    outsider: str  # an inspector of another team
    a: Laptop  # the inspector's
    b: Laptop  # the supervisor's
    campaign: str


@pytest.fixture(scope="module")
def team(sync_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    """A team of its own whose supervisor planned a campaign and synced it, and whose
    inspector has pulled it; one server per backend for the whole module."""
    folder = tmp_path_factory.mktemp("sealed")
    name = f"组-{uuid.uuid4().hex[:8]}"
    inspector, supervisor, outsider = (f"{r}{uuid.uuid4().hex[:8]}" for r in "iso")
    sync_server.add_user(inspector, "inspector", name)
    sync_server.add_user(supervisor, "supervisor", name)
    sync_server.add_user(outsider, "inspector", f"{name}-别组")
    a = open_laptop(folder / "a", sync_server, inspector)
    b = open_laptop(folder / "b", sync_server, supervisor)
    b.sync()  # the checklists and the registry first
    with b.store.unit_of_work() as uow:
        campaign = create_campaign(
            uow,
            title="2026年冬季窗口服务暗访",
            template_id=reference_id("template", "window-service", "1"),
            starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 31),
            planned_site_ids=HALLS,
            team=["张明", "李华"],
        )
        uow.commit()
    assert b.sync().rejected == 0
    assert a.sync().rejected == 0
    yield Team(inspector, supervisor, outsider, a, b, campaign)
    a.close()
    b.close()


def _audited_openings(server: RunningServer, campaign: str) -> list[tuple[str, str]]:
    engine = make_engine(server.db)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT actor, object_type FROM audit_event "
                "WHERE action = 'plan_opened' AND object_id = :campaign ORDER BY seq"
            ),
            {"campaign": campaign},
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def _opening(user: str, campaign: str) -> dict:
    return mutation(
        "plan_opening",
        str(uuid.uuid4()),
        {
            "campaign_id": campaign,
            "opened_by": user,
            "opened_at": datetime.now(UTC).isoformat(),
        },
    )


def test_an_opening_syncs_into_the_audit_log_and_to_the_supervisors_laptop(
    team: Team, sync_server: RunningServer
) -> None:
    with team.a.store.unit_of_work() as uow:
        [pulled] = campaign_choices(uow, team.campaign)
        assert pulled.sealed and pulled.planned_count == 3 and pulled.planned_site_ids == ()
        opening = sealed_plans.open_plan(uow, team.campaign)
        uow.commit()
    assert _audited_openings(sync_server, team.campaign) == []

    pushed = team.a.sync()
    assert pushed.rejected == 0 and pushed.conflicts == 0
    assert _audited_openings(sync_server, team.campaign) == [(team.inspector, "campaign")]

    team.b.sync()
    with team.b.store.unit_of_work() as uow:
        assert sealed_plans.openings(uow, team.campaign) == [opening]
        [seen] = campaign_choices(uow, team.campaign)
    assert [(o.opened_by, o.opened_at) for o in seen.openings] == [
        (team.inspector, opening.opened_at)
    ]
    assert seen.sealed  # the supervisor has not opened it on this laptop
    with team.a.store.unit_of_work() as uow:
        [revealed] = campaign_choices(uow, team.campaign)
    assert revealed.planned_site_ids == tuple(HALLS)


def test_a_user_of_another_team_is_refused_and_nothing_is_audited(
    team: Team, sync_server: RunningServer
) -> None:
    [result] = push(
        sync_server, sync_server.token(team.outsider), _opening(team.outsider, team.campaign)
    )
    assert result["status"] == "rejected"
    assert "只有该专项行动的检查组成员才能启封" in result["message"]
    assert team.outsider not in [a for a, _ in _audited_openings(sync_server, team.campaign)]


def test_an_opening_in_someone_elses_name_is_refused(
    team: Team, sync_server: RunningServer
) -> None:
    [result] = push(
        sync_server, sync_server.token(team.supervisor), _opening(team.inspector, team.campaign)
    )
    assert result["status"] == "rejected"
    assert "本人账号" in result["message"]


def test_an_opening_once_accepted_cannot_be_edited_or_deleted(
    team: Team, sync_server: RunningServer
) -> None:
    token = sync_server.token(team.supervisor)
    created = _opening(team.supervisor, team.campaign)
    assert push(sync_server, token, created)[0]["status"] == "applied"
    record = created["id"]
    later = datetime.now(UTC).isoformat()
    attempts = [
        mutation("plan_opening", record, {"opened_at": later}, base_rev=10**6),
        mutation("plan_opening", record, {"opened_by": team.inspector}, base_rev=10**6),
        mutation("plan_opening", record, {}, base_rev=10**6, deleted=True),
    ]
    results = push(sync_server, token, *attempts)
    assert [r["status"] for r in results] == ["rejected"] * 3
    assert all("不能修改或删除" in r["message"] for r in results)
    assert _audited_openings(sync_server, team.campaign)[-1] == (team.supervisor, "campaign")


def test_a_laptop_that_wrote_a_forged_opening_keeps_it_only_as_refused(
    team: Team, sync_server: RunningServer
) -> None:
    """Below the service (an old or tampered laptop): an opening in a colleague's name."""
    before = _audited_openings(sync_server, team.campaign)
    with team.a.store.unit_of_work() as uow:
        uow.session.add(
            PlanOpening(
                campaign_id=team.campaign, opened_by=team.supervisor, opened_at=datetime.now(UTC)
            )
        )
        uow.commit()
    report = team.a.sync()
    assert report.rejected == 1
    assert _audited_openings(sync_server, team.campaign) == before
