"""The body of every refusal, so the app can show the server's message as it is."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorOut(BaseModel):
    """Every refusal: a message in Chinese and English (some add a field, e.g. offset)."""

    detail: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationOut(BaseModel):
    """FastAPI's own answer to a request that does not fit the input model."""

    detail: list[FieldError]
