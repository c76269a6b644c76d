"""What wraps every request: body limits (api/body_limits.py), one log line, no stack
trace to a client, no caching of API replies, a clear 422 for input the database
cannot store, and a 507 that says so when the server's disk is full."""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, OperationalError

from inspector_app.server.api.body_limits import BodyLimits, BodyTiming

log = logging.getLogger("inspector.server")


async def unstorable(request: Request, error: Exception) -> JSONResponse:
    """A NUL byte, a lone surrogate or an over-long value the database refuses."""
    log.warning("unstorable input", extra={"fields": {"path": request.url.path}})
    return JSONResponse(
        {
            "detail": "请求含有无法保存的字符或过长的值。/ The request has characters or "
            "values that cannot be stored."
        },
        status_code=422,
    )


STORAGE_FULL = (
    "服务器存储空间已满，本次上传未保存，请联系系统管理员清理空间。/ The server's storage is "
    "full; nothing of this request was kept. Ask the administrator to free space."
)


def storage_full(error: BaseException) -> bool:
    """ENOSPC (blob files, the audit anchor) or the database's own "disk is full"."""
    current: BaseException | None = error
    for _ in range(10):  # a bounded walk: a cause chain can loop
        if current is None:
            return False
        if isinstance(current, OSError) and current.errno == errno.ENOSPC:
            return True
        if isinstance(current, OperationalError) and "disk is full" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Log the request; API replies carry tokens and team data, so no cache keeps them."""
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception as error:  # no stack trace ever reaches a client
        if storage_full(error):
            log.error("storage full", extra={"fields": {"path": request.url.path}})
            response = JSONResponse({"detail": STORAGE_FULL}, status_code=507)
        else:
            log.exception("unhandled", extra={"fields": {"path": request.url.path}})
            response = JSONResponse(
                {"detail": "服务器内部错误。/ Internal error."}, status_code=500
            )
    if request.url.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
    log.info(
        "request",
        extra={
            "fields": {
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            }
        },
    )
    return response


def install(app: FastAPI, timing: BodyTiming) -> None:
    """The last middleware added runs first: the log line also covers refused bodies."""
    app.add_exception_handler(DataError, unstorable)
    app.add_exception_handler(UnicodeError, unstorable)
    app.add_middleware(BodyLimits, timing=timing)
    app.middleware("http")(guard)
