"""The fault proxy really does each fault, between `requests` and a real stdlib server."""

from __future__ import annotations

import contextlib
import errno
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.sync.fault_proxy import (
    CUT_REQUEST,
    DELAY_RESPONSE,
    DROP_RESPONSE,
    REPLY_503,
    RESET,
    FaultProxy,
)

from .conftest import Seen

TIMEOUT = (5, 5)
BODY = b'{"mutations": ["' + b"x" * 1000 + b'"]}'
Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Upstream:
    """A real HTTP/1.1 keep-alive server: scripted replies, then 200 "ok"; records requests."""

    port: int
    replies: list[Reply] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    upstream: Upstream

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a cut or dropped connection is the point of these tests


class _Recording(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""  # short if the client cut it
        upstream = self.server.upstream
        upstream.seen.append(Seen(self.command, self.path, body, time.monotonic()))
        status, headers, content = upstream.replies.pop(0) if upstream.replies else (200, {}, b"ok")
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = do_PUT = _answer


class _Chunked(_Recording):
    """Replies with a chunked body, as uvicorn does for streamed responses."""

    def do_GET(self) -> None:
        self.server.upstream.seen.append(Seen("GET", self.path, b"", time.monotonic()))
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        time.sleep(0.1)  # the proxy must wait for the last chunk, not take the first read
        for part in (b"hello, ", b"chunked ", b"world"):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
        self.wfile.write(b"0\r\n\r\n")


@pytest.fixture
def start_upstream() -> Iterator[Callable[..., Upstream]]:
    running: list[_Server] = []

    def start(handler: type[BaseHTTPRequestHandler] = _Recording) -> Upstream:
        httpd = _Server(("127.0.0.1", 0), handler)
        httpd.upstream = Upstream(httpd.server_port)
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        running.append(httpd)
        return httpd.upstream

    yield start
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def server(start_upstream: Callable[..., Upstream]) -> Upstream:
    return start_upstream()


@pytest.fixture
def proxy(server: Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(server.port) as running:
        yield running


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error and everything it wraps (requests nests urllib3's errors in args)."""
    todo, seen = [error], set()
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [arg for arg in current.args if isinstance(arg, BaseException)]
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]


def _wait_for(condition: Callable[[], bool], seconds: float = 2.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_requests_on_one_keep_alive_connection_pass_unchanged(
    proxy: FaultProxy, server: Upstream
) -> None:
    server.replies += [(200, {}, b"one"), (201, {"X-Two": "2"}, b"two"), (200, {}, b"")]
    with requests.Session() as session:
        first = session.get(f"{proxy.url}/api/v1/sync/pull?since=5", timeout=TIMEOUT)
        second = session.post(f"{proxy.url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT)
        third = session.put(f"{proxy.url}/blobs/a", data=b"photo", timeout=TIMEOUT)
        fourth = session.get(f"{proxy.url}/last", timeout=TIMEOUT)

        assert (first.status_code, first.content) == (200, b"one")
        assert (second.status_code, second.content, second.headers["X-Two"]) == (201, b"two", "2")
        assert (third.status_code, third.content) == (200, b"")
        assert (fourth.status_code, fourth.content) == (200, b"ok")
        assert [(s.method, s.path, s.body) for s in server.seen] == [
            ("GET", "/api/v1/sync/pull?since=5", b""),
            ("POST", "/api/v1/sync/push", BODY),
            ("PUT", "/blobs/a", b"photo"),
            ("GET", "/last", b""),
        ]
        assert proxy.accepted == 1  # all four on one client connection
        assert proxy.log == [
            ("GET", "/api/v1/sync/pull", "pass"),
            ("POST", "/api/v1/sync/push", "pass"),
            ("PUT", "/blobs/a", "pass"),
            ("GET", "/last", "pass"),
        ]


def test_cut_request_sends_half_the_body_then_closes(proxy: FaultProxy, server: Upstream) -> None:
    proxy.fail_next(CUT_REQUEST)

    with pytest.raises(requests.ConnectionError):
        requests.post(f"{proxy.url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT)

    assert _wait_for(lambda: len(server.seen) == 1)
    assert server.seen[0].body == BODY[: len(BODY) // 2]
    assert proxy.log == [("POST", "/api/v1/sync/push", "CUT_REQUEST")]
    assert proxy.pending_faults() == 0


def test_drop_response_lets_the_server_answer_but_the_client_never_hears(
    proxy: FaultProxy, server: Upstream
) -> None:
    server.replies.append((200, {}, b'{"accepted": 1}'))
    proxy.fail_next(DROP_RESPONSE)

    with pytest.raises(requests.ConnectionError):
        requests.post(f"{proxy.url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT)

    assert [(s.method, s.body) for s in server.seen] == [("POST", BODY)]
    assert server.replies == []  # the server took its reply off the script: it answered
    assert proxy.log == [("POST", "/api/v1/sync/push", "DROP_RESPONSE")]


def test_delay_response_exceeds_the_read_timeout_and_a_later_request_passes(
    proxy: FaultProxy, server: Upstream
) -> None:
    proxy.fail_next(DELAY_RESPONSE(2))
    started = time.monotonic()

    with pytest.raises(requests.ReadTimeout):
        requests.get(f"{proxy.url}/slow", timeout=(5, 0.5))
    later = requests.get(f"{proxy.url}/fast", timeout=(5, 0.5))

    assert time.monotonic() - started < 1.5  # the later request did not queue behind it
    assert later.status_code == 200
    assert [s.path for s in server.seen] == ["/slow", "/fast"]
    assert proxy.log == [("GET", "/slow", "DELAY_RESPONSE"), ("GET", "/fast", "pass")]


def test_delay_response_arrives_late_but_whole(start_upstream: Callable[..., Upstream]) -> None:
    upstream = start_upstream(_Chunked)
    with FaultProxy(upstream.port) as proxy:
        proxy.fail_next(DELAY_RESPONSE(0.3))
        started = time.monotonic()
        reply = requests.get(f"{proxy.url}/chunked", timeout=TIMEOUT)
        assert time.monotonic() - started >= 0.4  # the server's 0.1 s, then the proxy's 0.3
        assert reply.content == b"hello, chunked world"


def test_reset_gives_the_client_a_connection_reset_and_the_server_nothing(
    proxy: FaultProxy, server: Upstream
) -> None:
    proxy.fail_next(RESET)

    with pytest.raises(requests.ConnectionError) as caught:
        requests.post(f"{proxy.url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT)
    requests.get(f"{proxy.url}/after", timeout=TIMEOUT)

    # A real RST (ECONNRESET), not http.client's RemoteDisconnected after a plain close.
    assert any(getattr(e, "errno", None) == errno.ECONNRESET for e in _causes(caught.value))
    assert [s.path for s in server.seen] == ["/after"]
    assert proxy.log == [("POST", "/api/v1/sync/push", "RESET"), ("GET", "/after", "pass")]


def test_reply_503_answers_for_the_server(proxy: FaultProxy, server: Upstream) -> None:
    proxy.fail_next(REPLY_503(retry_after=7))

    with requests.Session() as session:
        refused = session.post(f"{proxy.url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT)
        after = session.get(f"{proxy.url}/after", timeout=TIMEOUT)  # same connection

    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "7"
    assert refused.headers["Content-Type"] == "application/json"
    assert "detail" in refused.json()
    assert after.status_code == 200
    assert [s.path for s in server.seen] == ["/after"]
    assert proxy.accepted == 1


def test_when_applies_the_fault_only_to_matching_requests(
    proxy: FaultProxy, server: Upstream
) -> None:
    proxy.fail_next(
        REPLY_503(),
        times=2,
        when=lambda req: req.method == "POST" and req.path.startswith("/api/v1/sync/push"),
    )
    url = proxy.url

    with requests.Session() as session:
        statuses = [
            session.get(f"{url}/api/v1/sync/push", timeout=TIMEOUT).status_code,
            session.post(f"{url}/api/v1/sync/pull", data=b"{}", timeout=TIMEOUT).status_code,
            session.post(f"{url}/api/v1/sync/push", data=BODY, timeout=TIMEOUT).status_code,
        ]
        assert proxy.pending_faults() == 1
        statuses.append(session.post(f"{url}/api/v1/sync/push", timeout=TIMEOUT).status_code)
        statuses.append(session.post(f"{url}/api/v1/sync/push", timeout=TIMEOUT).status_code)

    assert statuses == [200, 200, 503, 503, 200]
    assert proxy.pending_faults() == 0
    assert [name for _, _, name in proxy.log] == ["pass", "pass", "REPLY_503", "REPLY_503", "pass"]
    assert len(server.seen) == 3


def test_faults_apply_in_the_order_queued(proxy: FaultProxy, server: Upstream) -> None:
    proxy.fail_next(REPLY_503(retry_after=1))
    proxy.fail_next(RESET)
    assert proxy.pending_faults() == 2

    assert requests.get(f"{proxy.url}/a", timeout=TIMEOUT).status_code == 503
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{proxy.url}/b", timeout=TIMEOUT)

    assert [name for _, _, name in proxy.log] == ["REPLY_503", "RESET"]


def test_a_fault_must_be_built_before_queueing(proxy: FaultProxy) -> None:
    with pytest.raises(TypeError):
        proxy.fail_next(REPLY_503)  # type: ignore[arg-type]


def test_drop_response_waits_for_a_whole_chunked_reply(
    start_upstream: Callable[..., Upstream],
) -> None:
    upstream = start_upstream(_Chunked)
    with FaultProxy(upstream.port) as proxy, requests.Session() as session:
        proxy.fail_next(DROP_RESPONSE)
        started = time.monotonic()
        with pytest.raises(requests.ConnectionError):
            session.get(f"{proxy.url}/dropped", timeout=TIMEOUT)
        assert time.monotonic() - started >= 0.1  # it read on past the headers to the end
        passed = session.get(f"{proxy.url}/passed", timeout=TIMEOUT)

        assert passed.content == b"hello, chunked world"
        assert [s.path for s in upstream.seen] == ["/dropped", "/passed"]
        assert proxy.log == [("GET", "/dropped", "DROP_RESPONSE"), ("GET", "/passed", "pass")]


def test_close_leaves_no_proxy_threads(server: Upstream) -> None:
    proxy = FaultProxy(server.port)
    session = requests.Session()
    session.get(f"{proxy.url}/idle", timeout=TIMEOUT)  # a keep-alive connection left open
    proxy.fail_next(DELAY_RESPONSE(30))
    slow = threading.Thread(target=_ignore_errors, args=(f"{proxy.url}/slow",), daemon=True)
    slow.start()
    assert _wait_for(lambda: len(server.seen) == 2)  # the delayed request is being held
    assert sum(t.name.startswith("fault-proxy-") for t in threading.enumerate()) >= 3

    started = time.monotonic()
    proxy.close()

    assert time.monotonic() - started < 1
    assert [t.name for t in threading.enumerate() if t.name.startswith("fault-proxy-")] == []
    session.close()
    slow.join(5)


def _ignore_errors(url: str) -> None:
    with contextlib.suppress(requests.RequestException):
        requests.get(url, timeout=TIMEOUT)


def test_a_keep_alive_connection_the_server_closed_is_reopened(
    start_upstream: Callable[..., Upstream],
) -> None:
    # Like uvicorn's keep-alive timeout: the server closes an idle connection.
    upstream = start_upstream(_Impatient)
    with FaultProxy(upstream.port) as proxy, requests.Session() as session:
        assert session.get(f"{proxy.url}/first", timeout=TIMEOUT).ok
        time.sleep(0.4)
        assert session.get(f"{proxy.url}/second", timeout=TIMEOUT).ok
        assert proxy.accepted == 1


class _Impatient(_Recording):
    timeout = 0.2  # seconds a connection may idle before the server closes it


def test_a_broken_predicate_fails_the_test_on_exit(server: Upstream) -> None:
    def broken(request: object) -> bool:
        raise KeyError("typo in a test")

    proxy = FaultProxy(server.port)
    proxy.fail_next(RESET, when=broken)
    with (
        pytest.raises(RuntimeError, match="connection failed") as caught,
        proxy,
        pytest.raises(requests.ConnectionError),
    ):
        requests.get(f"{proxy.url}/a", timeout=TIMEOUT)
    assert isinstance(caught.value.__cause__, KeyError)
