"""One hardened `requests.Session` per server: TLS verified, timeouts, bounded retries.

Every sync call goes through the session `make_session` returns, so the rules
live here once: no proxy or CA bundle from the environment, a (connect, read)
timeout on every request, retries with jittered backoff that honour
`Retry-After`, no plain HTTP except to this machine, and no request to any
other server than the one it was made for.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from inspector_app.domain.errors import DomainError

# Connecting to a reachable server takes well under a second; a push or pull batch is
# bounded (≤ 200 mutations, ≤ 500 changes), so a minute of silence means a dead link.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 60.0)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# POST and PUT are retried too: push is idempotent by mutation id and a blob PUT by its
# sha256, so a replay cannot duplicate anything. A 50-client test saw the server drop an
# idle keep-alive connection just as a push went out; without the retry that sync failed.
RETRY_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "POST", "DELETE"})
# A server asking for more than this is treated as asking for this: the user is waiting.
MAX_RETRY_AFTER = 60.0
LOOPBACK_NAMES = frozenset({"localhost"})


class PlainHttpRefused(DomainError):
    """A server address that would send the password and token unencrypted."""

    def __init__(self, url: str) -> None:
        super().__init__(
            "sync.plain_http",
            f"服务器地址 {url} 未加密（http://），密码和数据会明文传输。请改用 https:// 地址。",
            f"The server address {url} is not encrypted (http://): the password and data "
            "would travel in clear text. Use an https:// address.",
        )


class BadServerUrl(DomainError):
    """Not an http(s) address with a host name."""

    def __init__(self, url: str) -> None:
        super().__init__(
            "sync.bad_url",
            f"服务器地址 {url} 无效，应形如 https://inspect.example.gov.cn。",
            f"The server address {url} is not valid; it should look like "
            "https://inspect.example.gov.cn.",
        )


class MissingCaBundle(DomainError):
    """The pinned CA certificate file is not there."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            "sync.ca_bundle_missing",
            f"找不到服务器证书文件 {path}。",
            f"The server certificate file {path} was not found.",
        )


class ForeignHostRefused(requests.exceptions.InvalidURL):
    """A request (or a redirect) to another server than the session's own."""


class _BoundedRetry(Retry):
    """urllib3's Retry, but a `Retry-After` is capped so a sync never hangs for hours."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), MAX_RETRY_AFTER)


def default_retry() -> Retry:
    """Connection errors, 429 and 5xx: up to five tries over roughly half a minute."""
    return _BoundedRetry(
        total=5,
        connect=5,
        read=2,
        status=5,
        other=0,
        backoff_factor=0.5,
        backoff_max=15.0,
        # Fifty laptops that lost the server together must not come back in lockstep.
        backoff_jitter=0.5,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=RETRY_METHODS,
        respect_retry_after_header=True,
        # After the last try the caller gets the server's own reply (and its message).
        raise_on_status=False,
    )


class _TimeoutAdapter(HTTPAdapter):
    """Applies the default (connect, read) timeout to any call that gives none."""

    def __init__(self, timeout: tuple[float, float], max_retries: Retry) -> None:
        self.timeout = timeout
        super().__init__(max_retries=max_retries)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class _RefusingAdapter(HTTPAdapter):
    """Mounted for every other origin: the token is never sent anywhere else."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        super().__init__()

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        raise ForeignHostRefused(
            f"this session talks only to {self.origin}, not to {request.url}", request=request
        )


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: traffic that never leaves this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_of(server_url: str, *, allow_plain_http: bool = False) -> str:
    """`scheme://host[:port]/` of a server address, or a refusal to use it."""
    try:
        parts = urlsplit(server_url.strip())
        host = parts.hostname
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise BadServerUrl(server_url) from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadServerUrl(server_url)
    if parts.scheme == "http" and not allow_plain_http and not is_loopback(host):
        raise PlainHttpRefused(server_url)
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1].lower()}/"


def make_session(
    server_url: str,
    ca_bundle: Path | None = None,
    allow_plain_http: bool = False,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    retry: Retry | None = None,
) -> requests.Session:
    """The session for one server; requests to any other origin raise `ForeignHostRefused`.

    `ca_bundle` pins the server's CA (a self-run bureau server); without it the
    system's trusted CAs apply. Certificates are always verified.
    """
    origin = origin_of(server_url, allow_plain_http=allow_plain_http)
    if ca_bundle is not None and not Path(ca_bundle).is_file():
        raise MissingCaBundle(Path(ca_bundle))
    session = requests.Session()
    # No HTTPS_PROXY, REQUESTS_CA_BUNDLE or ~/.netrc from the environment.
    session.trust_env = False
    session.verify = str(ca_bundle) if ca_bundle is not None else True
    session.mount("http://", _RefusingAdapter(origin))
    session.mount("https://", _RefusingAdapter(origin))
    session.mount(origin, _TimeoutAdapter(timeout, retry if retry is not None else default_retry()))
    return session
