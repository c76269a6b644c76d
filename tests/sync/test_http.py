"""The sync session against real servers on 127.0.0.1: retries, timeouts, TLS, plain HTTP."""

from __future__ import annotations

import json
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
import trustme
from urllib3.util.retry import Retry

from inspector_app.sync.http import (
    MAX_RETRY_AFTER,
    BadServerUrl,
    ForeignHostRefused,
    MissingCaBundle,
    PlainHttpRefused,
    default_retry,
    make_session,
)
from tests.server.conftest import PASSWORD, start_server

from .conftest import ScriptedServer

Start = Callable[..., ScriptedServer]
PUSH = {"client_id": "laptop-1", "mutations": [{"mutation_id": "m-1"}]}


def test_a_push_refused_with_503_is_sent_again_after_retry_after(scripted_server: Start) -> None:
    server = scripted_server([(503, {"Retry-After": "1"}, b"busy")])
    session = make_session(server.url)

    reply = session.post(f"{server.url}/api/v1/sync/push", json=PUSH)

    assert reply.status_code == 200
    first, second = server.seen
    assert (first.method, second.method) == ("POST", "POST")
    assert first.body == second.body == json.dumps(PUSH).encode()
    # The first retry has no backoff of its own, so a one-second gap is the header's.
    assert second.at - first.at >= 0.95


def test_a_push_whose_connection_is_dropped_unanswered_is_sent_again(
    scripted_server: Start,
) -> None:
    """The 50-client case: the server closed the idle keep-alive connection as we sent."""
    server = scripted_server([None])
    session = make_session(server.url)

    reply = session.post(f"{server.url}/api/v1/sync/push", json=PUSH)

    assert reply.status_code == 200
    assert [seen.method for seen in server.seen] == ["POST", "POST"]


def test_429_is_retried_and_after_the_last_try_the_servers_reply_is_returned(
    scripted_server: Start,
) -> None:
    server = scripted_server([(429, {}, b"slow down")] * 3)
    retry = default_retry().new(total=2, status=2, backoff_factor=0)
    session = make_session(server.url, retry=retry)

    reply = session.put(f"{server.url}/api/v1/blobs/abc", data=b"bytes")

    assert (reply.status_code, reply.text) == (429, "slow down")
    assert len(server.seen) == 3


def test_a_retry_after_of_an_hour_waits_at_most_a_minute() -> None:
    assert default_retry().parse_retry_after("3600") == MAX_RETRY_AFTER


def test_the_default_retry_covers_post_and_put_with_jitter() -> None:
    retry = default_retry()
    assert {"POST", "PUT", "GET"} <= set(retry.allowed_methods)
    assert {429, 500, 502, 503, 504} <= set(retry.status_forcelist)
    assert retry.backoff_jitter > 0 and retry.respect_retry_after_header


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_a_call_without_a_timeout_gets_the_sessions_default(silent_port: int) -> None:
    url = f"http://127.0.0.1:{silent_port}"
    session = make_session(url, timeout=(2.0, 0.3), retry=Retry(False))

    started = time.monotonic()
    with pytest.raises(requests.ReadTimeout):
        session.get(f"{url}/api/v1/sync/changes")
    assert time.monotonic() - started < 5


def test_the_session_sends_nothing_to_another_server(scripted_server: Start) -> None:
    ours, other = scripted_server(), scripted_server()
    session = make_session(ours.url)

    with pytest.raises(ForeignHostRefused):
        session.get(f"{other.url}/api/v1/sync/changes")
    assert other.seen == []


def test_a_redirect_to_another_server_is_not_followed(scripted_server: Start) -> None:
    other = scripted_server()
    ours = scripted_server([(307, {"Location": f"{other.url}/steal"}, b"")])
    session = make_session(ours.url)

    with pytest.raises(ForeignHostRefused):
        session.post(f"{ours.url}/api/v1/sync/push", json=PUSH)
    assert other.seen == []


@pytest.mark.parametrize(
    "url", ["http://inspect.example.gov.cn", "http://10.0.0.5:8000", "HTTP://Example.org/api"]
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(PlainHttpRefused) as refused:
        make_session(url)
    message = str(refused.value)
    assert message.index("未加密") < message.index("not encrypted")
    assert "https://" in refused.value.zh and "https://" in refused.value.en


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "http://127.0.0.2"],
)
def test_plain_http_to_this_machine_is_allowed(url: str) -> None:
    assert make_session(url).trust_env is False


def test_plain_http_elsewhere_only_when_explicitly_allowed() -> None:
    assert make_session("http://10.0.0.5:8000", allow_plain_http=True).verify is True


@pytest.mark.parametrize("url", ["ftp://example.org", "example.org", "https://", "http://h:port"])
def test_an_address_that_is_not_http_is_refused(url: str) -> None:
    with pytest.raises(BadServerUrl):
        make_session(url)


def test_a_missing_ca_bundle_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(MissingCaBundle):
        make_session("https://inspect.example.gov.cn", ca_bundle=tmp_path / "missing.pem")


def test_the_real_server_answers_a_login_through_the_session(tmp_path: Path) -> None:
    running = start_server(f"sqlite:///{tmp_path / 'server.sqlite3'}", tmp_path)
    try:
        session = make_session(running.url)
        reply = session.post(
            f"{running.url}/api/v1/auth/login",
            json={"username": "zhang", "password": PASSWORD, "device": "pytest"},
        )
        assert reply.status_code == 200, reply.text
        assert reply.json()["token"]
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


# --- TLS ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _tls(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "bureau-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def test_tls_with_an_unknown_ca_is_refused(
    scripted_server: Start, ca: trustme.CA, ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused even when the environment names the CA: the session ignores REQUESTS_CA_BUNDLE."""
    server = scripted_server(tls=_tls(ca, "127.0.0.1"))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(ca_file))

    with pytest.raises(requests.exceptions.SSLError):
        make_session(server.url).get(f"{server.url}/healthz")
    assert server.seen == []


def test_tls_with_the_ca_pinned_is_accepted(
    scripted_server: Start, ca: trustme.CA, ca_file: Path
) -> None:
    server = scripted_server(tls=_tls(ca, "127.0.0.1"))

    reply = make_session(server.url, ca_bundle=ca_file).get(f"{server.url}/healthz")

    assert (reply.status_code, reply.text) == (200, "ok")


def test_tls_with_a_certificate_for_another_name_is_refused(
    scripted_server: Start, ca: trustme.CA, ca_file: Path
) -> None:
    server = scripted_server(tls=_tls(ca, "inspect.other-bureau.gov.cn"))

    with pytest.raises(requests.exceptions.SSLError, match=r"(?i)hostname|match"):
        make_session(server.url, ca_bundle=ca_file).get(f"{server.url}/healthz")
    assert server.seen == []
