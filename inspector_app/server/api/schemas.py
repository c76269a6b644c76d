"""Request and response bodies of the HTTP API (to move into protocol/, shared with the app)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from inspector_app.server.access import team_problem


class Strict(BaseModel):
    """Input models refuse unknown fields: server-owned fields cannot be smuggled in."""

    model_config = ConfigDict(extra="forbid")


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
    role: Literal["inspector", "supervisor", "admin"]
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


class ReferenceRecord(BaseModel):
    id: str
    seq: int
    fields: dict[str, Any]


class ReferenceOut(BaseModel):
    """Units, sites, windows and checklist template versions for everyone; campaigns
    (with their planned sites) only for the team that runs them."""

    unit: list[ReferenceRecord]
    site: list[ReferenceRecord]
    window: list[ReferenceRecord]
    checklist_template: list[ReferenceRecord]
    campaign: list[ReferenceRecord]


class NumberIn(Strict):
    organ_code: str = Field(min_length=1, max_length=32, pattern=r"^[^\x00-\x1f\x7f]+$")
    year: int = Field(ge=2000, le=2100)


class WithdrawIn(Strict):
    reason: str = Field(min_length=4, max_length=500)


class NumberOut(BaseModel):
    notice_id: str
    number: str
    serial: int


class UploadIn(Strict):
    size: int = Field(gt=0)


class UploadOut(BaseModel):
    upload_id: str
    offset: int
    size: int
