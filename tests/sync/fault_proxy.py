"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, for the sync client's tests.

Real network faults (a cut upload, a lost reply, a slow reply, a reset, a 503)
are what the client's retry and idempotency rules exist for, so tests provoke
them on a real socket between `requests` and a real server instead of mocking.

    with FaultProxy(server_port) as proxy:
        proxy.fail_next(DROP_RESPONSE, when=lambda req: req.method == "POST")
        ...  # talk to proxy.url

Bytes pass through unchanged. The proxy parses message boundaries only (request
line, headers, Content-Length or chunked bodies) so that faults hit one request;
bodies are buffered in memory, which suits test-sized messages. Not supported:
pipelining, `Expect: 100-continue` and protocol upgrades (101).
"""

from __future__ import annotations

import select
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

_HOST = "127.0.0.1"  # the only host the proxy listens on or connects to
_POLL = 0.05  # every blocking socket call wakes this often to check for close()
_CONNECT_TIMEOUT = 5.0
_JOIN_TIMEOUT = 5.0
_MAX_HEAD = 64 * 1024


class Kind(Enum):
    CUT_REQUEST = "CUT_REQUEST"
    DROP_RESPONSE = "DROP_RESPONSE"
    DELAY_RESPONSE = "DELAY_RESPONSE"
    RESET = "RESET"
    REPLY_503 = "REPLY_503"


@dataclass(frozen=True)
class Fault:
    """What to do to one request; build with the constants and functions below."""

    kind: Kind
    seconds: float = 0.0  # DELAY_RESPONSE only
    retry_after: int = 1  # REPLY_503 only

    @property
    def name(self) -> str:
        return self.kind.value


# Headers and half the body reach the server, then both sides are closed.
CUT_REQUEST = Fault(Kind.CUT_REQUEST)
# The server gets the request and answers; the client connection closes unanswered.
DROP_RESPONSE = Fault(Kind.DROP_RESPONSE)
# The client connection is reset (SO_LINGER 0); nothing reaches the server.
RESET = Fault(Kind.RESET)


def DELAY_RESPONSE(seconds: float) -> Fault:
    """The server's reply is held back `seconds` (to exceed a client read timeout)."""
    return Fault(Kind.DELAY_RESPONSE, seconds=seconds)


def REPLY_503(retry_after: int = 1) -> Fault:
    """The proxy answers 503 with Retry-After itself; nothing reaches the server."""
    return Fault(Kind.REPLY_503, retry_after=retry_after)


@dataclass(frozen=True)
class Request:
    """One request as the proxy read it, handed to `when=` predicates."""

    method: str
    path: str  # the request target without its query string
    target: str  # the request target as sent
    headers: dict[str, str]  # names lower-cased
    body: bytes  # as on the wire (chunk framing included)


Predicate = Callable[[Request], bool]


@dataclass
class _Queued:
    fault: Fault
    times: int
    when: Predicate | None


class _Closed(Exception):
    """The peer went away, a message was malformed, or the proxy is closing."""


class _Stream:
    """Buffered reads from a socket; each wait is short and stops on close()."""

    def __init__(self, sock: socket.socket, stop: threading.Event) -> None:
        self.sock = sock
        self.stop = stop
        self.buf = bytearray()
        sock.settimeout(_POLL)

    def _fill(self) -> bool:
        """Read more bytes; False at end of stream."""
        while not self.stop.is_set():
            try:
                data = self.sock.recv(65536)
            except TimeoutError:
                continue
            except OSError as error:
                raise _Closed from error
            if not data:
                return False
            self.buf += data
            return True
        raise _Closed

    def _take(self, n: int) -> bytes:
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def read_until(self, sep: bytes, limit: int = _MAX_HEAD) -> bytes:
        while (end := self.buf.find(sep)) < 0:
            if len(self.buf) > limit or not self._fill():
                raise _Closed
        return self._take(end + len(sep))

    def read_exact(self, n: int) -> bytes:
        while len(self.buf) < n:
            if not self._fill():
                raise _Closed
        return self._take(n)

    def read_to_eof(self) -> bytes:
        while self._fill():
            pass
        return self._take(len(self.buf))

    def at_eof(self) -> bool:
        """Wait for the next message; True if the peer closed cleanly in between."""
        return not self.buf and not self._fill()

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            if self.stop.is_set():
                raise _Closed
            try:
                sent = self.sock.send(view)
            except TimeoutError:
                continue
            except OSError as error:
                raise _Closed from error
            view = view[sent:]

    def is_stale(self) -> bool:
        """An idle keep-alive connection the server closed (or that has stray bytes)."""
        if self.buf:
            return True
        try:
            readable, _, _ = select.select([self.sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)


def _parse_head(head: bytes) -> tuple[list[str], dict[str, str]]:
    """The start line split in three, and the headers with lower-cased names."""
    lines = head.decode("latin-1").split("\r\n")
    start = lines[0].split(" ", 2)
    if len(start) < 3:
        raise _Closed
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return start, headers


def _read_chunked(stream: _Stream) -> bytes:
    raw = bytearray()
    while True:
        line = stream.read_until(b"\r\n", limit=4096)
        raw += line
        try:
            size = int(line.split(b";")[0].strip(), 16)
        except ValueError as error:
            raise _Closed from error
        if size == 0:
            while (trailer := stream.read_until(b"\r\n")) != b"\r\n":
                raw += trailer
            return bytes(raw + trailer)
        raw += stream.read_exact(size + 2)


def _read_body(stream: _Stream, headers: dict[str, str], *, to_eof: bool) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _read_chunked(stream)
    if "content-length" in headers:
        try:
            length = int(headers["content-length"])
        except ValueError as error:
            raise _Closed from error
        return stream.read_exact(length)
    return stream.read_to_eof() if to_eof else b""


def _read_response(upstream: _Stream, method: str) -> tuple[bytes, bool]:
    """One whole response as raw bytes, and whether the connection stays open."""
    raw = bytearray()
    while True:
        head = upstream.read_until(b"\r\n\r\n")
        raw += head
        (version, status_text, _), headers = _parse_head(head)
        try:
            status = int(status_text)
        except ValueError as error:
            raise _Closed from error
        if not 100 <= status < 200:
            break  # 1xx interim replies are relayed with the final one
    keep = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
    if method == "HEAD" or status in (204, 304):
        return bytes(raw), keep
    framed = "content-length" in headers or "transfer-encoding" in headers
    raw += _read_body(upstream, headers, to_eof=True)
    return bytes(raw), keep and framed


def _reply_503(retry_after: int) -> bytes:
    body = b'{"detail": "fault proxy: service unavailable"}'
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        f"Retry-After: {retry_after}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


def _reset(sock: socket.socket) -> None:
    """Close with SO_LINGER (1, 0): the kernel sends RST instead of FIN."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    finally:
        sock.close()


@dataclass(eq=False)
class FaultProxy:
    """Forwards 127.0.0.1:<port> to 127.0.0.1:upstream_port, failing queued requests."""

    upstream_port: int
    log: list[tuple[str, str, str]] = field(default_factory=list, init=False)
    errors: list[BaseException] = field(default_factory=list, init=False)
    accepted: int = field(default=0, init=False)  # client connections so far

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._queue: list[_Queued] = []
        self._workers: list[threading.Thread] = []
        self._listener = socket.create_server((_HOST, 0))
        self._listener.settimeout(_POLL)
        self.port: int = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(
            target=self._accept_loop, name=f"fault-proxy-{self.port}-accept", daemon=True
        )
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://{_HOST}:{self.port}"

    def fail_next(self, fault: Fault, *, times: int = 1, when: Predicate | None = None) -> None:
        """Apply `fault` to the next `times` requests that `when` matches (all if None)."""
        if not isinstance(fault, Fault):
            raise TypeError(f"not a Fault: {fault!r} (DELAY_RESPONSE and REPLY_503 need ())")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queue.append(_Queued(fault, times, when))

    def pending_faults(self) -> int:
        """How many fault applications are still queued."""
        with self._lock:
            return sum(queued.times for queued in self._queue)

    def close(self) -> None:
        """Stop every thread and close every socket; raise if a thread would not stop."""
        self._stop.set()
        self._acceptor.join(_JOIN_TIMEOUT)
        self._listener.close()
        with self._lock:
            threads = [self._acceptor, *self._workers]
        for thread in threads:
            thread.join(_JOIN_TIMEOUT)
        alive = [thread.name for thread in threads if thread.is_alive()]
        if alive:
            raise RuntimeError(f"fault proxy threads did not stop: {alive}")

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close()
        if self.errors and exc_type is None:
            raise RuntimeError("fault proxy connection failed") from self.errors[0]

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self._workers = [worker for worker in self._workers if worker.is_alive()]
                worker = threading.Thread(
                    target=self._serve,
                    args=(client,),
                    name=f"fault-proxy-{self.port}-conn-{self.accepted}",
                    daemon=True,
                )
                self._workers.append(worker)
            worker.start()

    def _take_fault(self, request: Request) -> Fault | None:
        with self._lock:
            for queued in self._queue:
                if queued.when is None or queued.when(request):
                    queued.times -= 1
                    if queued.times == 0:
                        self._queue.remove(queued)
                    return queued.fault
        return None

    def _connect_upstream(self, current: _Stream | None) -> _Stream:
        if current is not None and not current.is_stale():
            return current
        if current is not None:
            current.sock.close()
        sock = socket.create_connection((_HOST, self.upstream_port), timeout=_CONNECT_TIMEOUT)
        return _Stream(sock, self._stop)

    def _serve(self, client_sock: socket.socket) -> None:
        """One client connection: a loop over its keep-alive requests."""
        client = _Stream(client_sock, self._stop)
        upstream: _Stream | None = None
        try:
            while not client.at_eof():
                head = client.read_until(b"\r\n\r\n")
                (method, target, _), headers = _parse_head(head)
                body = _read_body(client, headers, to_eof=False)
                request = Request(method, target.split("?", 1)[0], target, headers, body)
                fault = self._take_fault(request)
                self.log.append((method, request.path, fault.name if fault else "pass"))
                kind = fault.kind if fault else None
                if kind is Kind.RESET:
                    _reset(client_sock)
                    return
                if fault is not None and kind is Kind.REPLY_503:
                    client.send(_reply_503(fault.retry_after))
                    if "close" in headers.get("connection", "").lower():
                        return
                    continue
                upstream = self._connect_upstream(upstream)
                if kind is Kind.CUT_REQUEST:
                    upstream.send(head + body[: len(body) // 2])
                    return
                upstream.send(head + body)
                response, keep = _read_response(upstream, method)
                if kind is Kind.DROP_RESPONSE:
                    return
                delay = fault.seconds if fault and kind is Kind.DELAY_RESPONSE else 0.0
                if self._stop.wait(delay):
                    return
                client.send(response)
                if not keep or "close" in headers.get("connection", "").lower():
                    return
        except (_Closed, OSError):
            pass  # a peer went away or the proxy is closing: drop this connection
        except Exception as error:  # a broken `when=` predicate, say: surface it in __exit__
            self.errors.append(error)
        finally:
            client_sock.close()
            if upstream is not None:
                upstream.sock.close()
