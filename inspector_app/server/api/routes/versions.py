"""Any other /api/ path: an app that speaks another protocol is told so, not a bare 404."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from inspector_app.protocol.base import PROTOCOL_VERSION

router = APIRouter(include_in_schema=False)


@router.api_route(
    "/api/{version}/{rest:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
)
def other_versions(version: str, rest: str) -> JSONResponse:
    """Mounted last, after every real route."""
    if version == f"v{PROTOCOL_VERSION}":
        return JSONResponse({"detail": "没有这个接口。/ No such route."}, status_code=404)
    return JSONResponse(
        {
            "detail": f"本服务器使用同步协议 v{PROTOCOL_VERSION}，客户端使用 {version[:10]}，"
            "请将客户端和服务器升级到同一版本。/ "
            f"This server speaks protocol v{PROTOCOL_VERSION}; update the app or the server."
        },
        status_code=426,
    )
