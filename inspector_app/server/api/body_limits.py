"""Request bodies are bounded in size and in time on the bytes actually read, for every
route: a declared Content-Length only lets the server refuse earlier, since a chunked
body declares none and a trickling one would hold a worker (and maybe a lock) forever.

A pure ASGI middleware: it wraps `receive`, so whoever reads the body (FastAPI's JSON
parsing, a streaming blob route) gets a 413 or 408 the moment a limit is crossed, before
anything is parsed or stored.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import anyio
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inspector_app.protocol.blobs import MAX_BLOB_BYTES
from inspector_app.protocol.notice_digest import MAX_PDF_BYTES

MAX_JSON_BODY = 1024 * 1024
# The routes that take photo bytes rather than JSON: whole PUT and resumable PATCH parts.
_BLOB_BODY = re.compile(r"^/api/v1/blobs/[^/]+(/uploads/[^/]+)?$")
PDF_BODY_PATH = "/api/v1/notices/verify/pdf"  # a notice PDF to check (核验)
_ISSUED_PDF = re.compile(r"^/api/v1/notices/[^/]+/pdf$")  # an issued notice's PDF (签发)
TOO_LARGE = "请求过大。/ Request too large."
PDF_TOO_LARGE = (
    f"通知书 PDF 超过大小上限（{MAX_PDF_BYTES // (1024 * 1024)} MiB）。/ "
    f"The notice PDF is over the size limit ({MAX_PDF_BYTES // (1024 * 1024)} MiB)."
)
TOO_SLOW = "请求体发送过慢，已中断。/ The request body arrived too slowly; it was cut off."
_CLOSE = {"Connection": "close"}  # the rest of the body is never read: end the connection


@dataclass(frozen=True)
class BodyTiming:
    """How long a body may take: `read_timeout` seconds at most between two parts, and,
    once it has run that long, at least `min_rate` bytes per second on average (a body
    sent a byte a second never waits `read_timeout` but must not last for hours)."""

    read_timeout: float = 30.0
    min_rate: float = 1024.0


def body_limit(method: str, path: str) -> int:
    """The most bytes this route's body may have."""
    if method in ("PUT", "PATCH") and _BLOB_BODY.match(path):
        return MAX_BLOB_BYTES
    if method == "POST" and path == PDF_BODY_PATH:
        return MAX_PDF_BYTES
    if method == "PUT" and _ISSUED_PDF.match(path):
        return MAX_PDF_BYTES
    return MAX_JSON_BODY


def too_large(method: str, path: str) -> str:
    """What a body over this route's limit is told."""
    if body_limit(method, path) == MAX_PDF_BYTES and not _BLOB_BODY.match(path):
        return PDF_TOO_LARGE
    return TOO_LARGE


class BodyRefused(HTTPException):
    """Raised from `receive`: FastAPI passes an HTTPException through its body parsing,
    and the exception handlers turn it into the reply."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(status, detail, headers=_CLOSE)


class BodyLimits:
    def __init__(self, app: ASGIApp, timing: BodyTiming) -> None:
        self.app = app
        self.timing = timing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        refusal = too_large(scope["method"], scope["path"])
        if declared.isdigit() and int(declared) > limit:
            await JSONResponse({"detail": refusal}, 413, headers=_CLOSE)(scope, receive, send)
            return
        await self.app(scope, _BoundedBody(receive, limit, self.timing, refusal), send)


class _BoundedBody:
    """`receive` that counts the body's bytes and times its parts until it is complete."""

    def __init__(
        self, receive: Receive, limit: int, timing: BodyTiming, refusal: str = TOO_LARGE
    ) -> None:
        self.receive = receive
        self.refusal = refusal
        self.limit = limit
        self.timing = timing
        self.received = 0
        self.started: float | None = None
        self.complete = False

    async def __call__(self) -> Message:
        if self.complete:  # after the body only a disconnect can come: no deadline
            return await self.receive()
        if self.started is None:
            self.started = time.monotonic()
        with anyio.move_on_after(self.timing.read_timeout) as waited:
            message = await self.receive()
        if waited.cancelled_caught:
            raise BodyRefused(408, TOO_SLOW)
        if message["type"] != "http.request":
            return message
        self.received += len(message.get("body", b""))
        self.complete = not message.get("more_body", False)
        if self.received > self.limit:
            raise BodyRefused(413, self.refusal)
        elapsed = time.monotonic() - self.started
        if (
            not self.complete
            and elapsed > self.timing.read_timeout
            and self.received < self.timing.min_rate * elapsed
        ):
            raise BodyRefused(408, TOO_SLOW)
        return message
