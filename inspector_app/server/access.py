"""Who may see and write which synced record: one place, used by push, pull and blobs.

Records belong to a team. Reference data (units, sites, windows, checklist
templates) belongs to everyone and only admins write it. A campaign belongs to
the team that runs it, so its planned sites stay hidden from every other team
(四不两直: the halls must not learn in advance). Supervisors see their own team,
or every team when the server is configured so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, true

from inspector_app.protocol.auth import EVERYONE
from inspector_app.protocol.entities import (
    ENTITIES,
    REFERENCE,
    SERVER_OWNED,
    server_owned,
    writable_by,
)
from inspector_app.server.models import SyncRecord, User

# Which entities are reference data, which fields only the server sets (a mutation
# carrying one is refused whole), and who writes what: protocol/entities.py.
__all__ = ["REFERENCE", "SERVER_OWNED", "AccessPolicy", "Refused", "server_owned"]


class Refused(Exception):
    """A write the caller may not make; the message is shown to the user (zh / en)."""


@dataclass(frozen=True)
class AccessPolicy:
    supervisors_see_all_teams: bool = False

    def sees_all(self, user: User) -> bool:
        return user.role == "admin" or (
            user.role == "supervisor" and self.supervisors_see_all_teams
        )

    def may_see(self, user: User, record: SyncRecord) -> bool:
        return record.team in (EVERYONE, user.team) or self.sees_all(user)

    def visible(self, user: User) -> ColumnElement[bool]:
        """The same rule as a query condition, for pull and listings."""
        if self.sees_all(user):
            return true()
        return SyncRecord.team.in_([EVERYONE, user.team])

    def team_for_new(self, user: User, entity: str, fields: dict[str, Any]) -> str:
        """The team a new record belongs to; raises Refused when the caller may not create it."""
        self.check_kind(user, entity)
        if entity in REFERENCE:
            return EVERYONE
        if entity == "campaign":
            return self._campaign_team(user, fields.get("owner_team"))
        return user.team

    def check_kind(self, user: User, entity: str) -> None:
        if user.role == "admin":
            return
        if entity in REFERENCE:
            raise Refused("只有管理员可以维护基础数据。/ Only admins write reference data.")
        if entity not in writable_by(user.role):
            raise Refused("无权修改此类记录。/ Not allowed to write this kind of record.")

    def check_update(self, user: User, record: SyncRecord, fields: dict[str, Any]) -> None:
        """Refuses an edit the caller may not make. A record never changes team: the old
        team's laptops would keep what they were no longer meant to see."""
        self.check_kind(user, record.entity)
        if not self.may_see(user, record):
            raise Refused("没有这个记录。/ No such record.")
        spec = ENTITIES.get(record.entity)
        if spec is not None and spec.immutable:
            frozen = sorted(
                name
                for name in spec.immutable & set(fields)
                if record.data.get(name) != fields[name]
            )
            if frozen:
                raise Refused(
                    "已发布的检查表版本不可修改，请发布新版本。/ "
                    "A published checklist version cannot change; publish a new version."
                )
        if record.entity == "campaign" and fields.get("owner_team", record.team) != record.team:
            raise Refused(
                "专项行动不能转给其他检查组，请新建一个。/ "
                "A campaign cannot move to another team; create a new one."
            )

    @staticmethod
    def _campaign_team(user: User, owner_team: object) -> str:
        if user.role != "admin":
            if owner_team not in (None, user.team):
                raise Refused(
                    "只能为本组创建专项行动。/ Campaigns can only be created for your own team."
                )
            return user.team
        if not isinstance(owner_team, str) or not owner_team or owner_team == EVERYONE:
            raise Refused(
                "请指定负责该专项行动的检查组（owner_team）。/ "
                "Name the team that runs the campaign (owner_team)."
            )
        return owner_team
