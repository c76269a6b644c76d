"""Login, the caller, and accounts (admin).

The team rule lives here because it decides which account bodies are valid: the
server's CLI and its admin API refuse the same accounts with the same message.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field, model_validator

from inspector_app.protocol.base import Strict

Role = Literal["inspector", "supervisor", "admin"]
ROLES: tuple[str, ...] = get_args(Role)
# The team of records that every signed-in user may read; no account can have it.
EVERYONE = "*"


def team_problem(role: str, team: str) -> str | None:
    """Why an account cannot have this team, or None. EVERYONE is reserved; inspectors and
    supervisors work in a team (an empty team would share records with admins)."""
    if team == EVERYONE:
        return f"“{EVERYONE}”不能用作检查组名。/ “{EVERYONE}” cannot be a team name."
    if role in ("inspector", "supervisor") and not team.strip():
        return "检查人员和科室负责人必须属于一个检查组。/ Inspectors and supervisors need a team."
    return None


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    device: str = Field(default="", max_length=100)


class UserOut(BaseModel):
    username: str
    display_name: str
    role: str
    team: str


class LoginOut(BaseModel):
    token: str
    user: UserOut


class NewUserIn(Strict):
    username: str = Field(min_length=1, max_length=64, pattern=r"^[\w.-]+$")
    password: str = Field(min_length=8, max_length=1024)
    role: Role
    team: str = Field(default="", max_length=64)
    display_name: str = Field(default="", max_length=100)

    @model_validator(mode="after")
    def _team_fits_role(self) -> NewUserIn:
        problem = team_problem(self.role, self.team)
        if problem:
            raise ValueError(problem)
        return self


class AccountOut(UserOut):
    active: bool
