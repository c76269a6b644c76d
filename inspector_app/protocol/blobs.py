"""Photo blobs on the wire: named by sha256, uploaded whole or resumably."""

from __future__ import annotations

from pydantic import BaseModel, Field

from inspector_app.protocol.base import Strict


class UploadIn(Strict):
    size: int = Field(gt=0)


class UploadOut(BaseModel):
    upload_id: str
    offset: int
    size: int
