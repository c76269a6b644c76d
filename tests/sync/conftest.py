"""Tiny real HTTP(S) servers on 127.0.0.1, written with the standard library."""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# One scripted reply: (status, headers, body), or None to drop the connection unanswered.
Reply = tuple[int, dict[str, str], bytes] | None


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    path: str
    body: bytes
    at: float


@dataclass
class ScriptedServer:
    """Answers requests with `replies` in order, then 200 "ok"; records what it saw."""

    url: str
    replies: list[Reply]
    seen: list[Seen] = field(default_factory=list)


def _handler(script: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet test output
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            script.seen.append(Seen(self.command, self.path, body, time.monotonic()))
            reply = script.replies.pop(0) if script.replies else (200, {}, b"ok")
            if reply is None:
                # As a server that closed an idle keep-alive connection: no reply at all.
                self.close_connection = True
                return
            status, headers, content = reply
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = _answer

    return Handler


@pytest.fixture
def scripted_server() -> Iterator[Callable[..., ScriptedServer]]:
    """Start servers (plain, or TLS with an `ssl.SSLContext`); all stop after the test."""
    running: list[ThreadingHTTPServer] = []

    def start(replies: list[Reply] | None = None, tls: ssl.SSLContext | None = None):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
        httpd.daemon_threads = True
        if tls is not None:
            httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        script = ScriptedServer(f"{scheme}://127.0.0.1:{httpd.server_port}", list(replies or []))
        httpd.RequestHandlerClass = _handler(script)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        running.append(httpd)
        return script

    yield start
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


# A real server process per module and backend, for the sync client's tests.
from tests.server.conftest import database_url  # noqa: E402, F401
from tests.sync.laptops import laptops, sync_server  # noqa: E402, F401
