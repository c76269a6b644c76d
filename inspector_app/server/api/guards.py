"""What wraps every request: body limits (api/body_limits.py), one log line, no stack
trace to a client, no caching of API replies, and a clear 422 for input the database
cannot store."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError

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


async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Log the request; API replies carry tokens and team data, so no cache keeps them."""
    started = time.perf_counter()
    try:
        response = await call_next(request)
    except Exception:  # no stack trace ever reaches a client
        log.exception("unhandled", extra={"fields": {"path": request.url.path}})
        response = JSONResponse({"detail": "服务器内部错误。/ Internal error."}, status_code=500)
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
