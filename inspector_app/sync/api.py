"""The server's sync API as typed calls; every failure becomes a `SyncError`.

One `ServerApi` per server and user. It keeps two hardened sessions: the main one
retries 429 like the other transient replies, the sign-in one does not (a locked
account answers 429 for minutes; the user must read that at once).
"""

from __future__ import annotations

import errno
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests
from urllib3.util.retry import Retry

from inspector_app.protocol.auth import LoginIn, LoginOut, UserOut
from inspector_app.protocol.base import PROTOCOL_VERSION
from inspector_app.protocol.blobs import UploadOut
from inspector_app.protocol.issuing import IssuedPdfOut
from inspector_app.protocol.numbering import (
    BulletinNumberIn,
    BulletinNumberOut,
    NumberIn,
    NumberOut,
    WithdrawIn,
)
from inspector_app.protocol.sync import PullOut, PushIn, PushOut, RecordsIn, RecordsOut
from inspector_app.sync import errors
from inspector_app.sync.http import default_retry, make_session

API = f"api/v{PROTOCOL_VERSION}"
READ_CHUNK = 256 * 1024


def _sign_in_retry() -> Retry:
    retry = default_retry()
    return retry.new(status_forcelist=frozenset(retry.status_forcelist or ()) - {429})


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    return json.dumps(detail, ensure_ascii=False)[:300] if detail else response.reason


def check(response: requests.Response) -> requests.Response:
    """The response if it is a success, else the SyncError that says what happened."""
    status = response.status_code
    if status < 400:
        return response
    if status == 401:
        raise errors.SignInRequired()
    if status == 426:
        raise errors.VersionMismatch(_detail(response))
    if status == 429:
        raise errors.LockedOut(_detail(response))
    if status == 507:
        raise errors.ServerStorageFull()
    if status == 410:
        body = response.json()
        if isinstance(body, dict) and body.get("reset_required"):
            raise errors.ResetRequired(str(body.get("epoch", "")))
    raise errors.ServerRefused(status, _detail(response))


@contextmanager
def translated() -> Iterator[None]:
    """Transport failures as the user's situations, not as urllib3's words."""
    try:
        yield
    except requests.exceptions.SSLError as exc:
        raise errors.TlsFailed(type(exc).__name__) from exc
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
        raise errors.ServerUnreachable(type(exc).__name__) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise errors.DiskFull(str(exc)) from exc
        raise


class ServerApi:
    def __init__(
        self,
        server_url: str,
        *,
        token: str | None = None,
        ca_bundle: Path | None = None,
        allow_plain_http: bool = False,
        timeout: tuple[float, float] | None = None,
    ) -> None:
        options: dict[str, Any] = {"timeout": timeout} if timeout else {}
        self.server_url = server_url.strip().rstrip("/")
        self.session = make_session(server_url, ca_bundle, allow_plain_http, **options)
        self.sign_in_session = make_session(
            server_url, ca_bundle, allow_plain_http, retry=_sign_in_retry(), **options
        )
        self.token = token
        self.requests_made = 0
        self.server_time: datetime | None = None  # the `Date` of the latest reply (UTC)

    def close(self) -> None:
        self.session.close()
        self.sign_in_session.close()

    def _url(self, path: str) -> str:
        return f"{self.server_url}/{API}/{path}"

    def _headers(self) -> dict[str, str]:
        if not self.token:
            raise errors.SignInRequired()
        return {"Authorization": f"Bearer {self.token}", "X-Inspector-Protocol": "1"}

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        self.requests_made += 1
        with translated():
            response = self.session.request(method, self._url(path), headers=headers, **kwargs)
        self._note_server_time(response)
        return check(response)

    def _note_server_time(self, response: requests.Response) -> None:
        """The server's clock, not the laptop's, says when a sync happened (a laptop
        clock can be years off); a missing or garbled header changes nothing."""
        with suppress(KeyError, TypeError, ValueError):
            self.server_time = parsedate_to_datetime(response.headers["Date"])

    # --- account ---

    def login(self, username: str, password: str, device: str = "") -> LoginOut:
        body = LoginIn(username=username, password=password, device=device[:100])
        self.requests_made += 1
        with translated():
            response = self.sign_in_session.post(self._url("auth/login"), json=body.model_dump())
        if response.status_code == 401:
            raise errors.WrongPassword()
        out = LoginOut.model_validate(check(response).json())
        self.token = out.token
        return out

    def me(self) -> UserOut:
        return UserOut.model_validate(self._call("GET", "me").json())

    def logout(self) -> None:
        self._call("POST", "auth/logout")
        self.token = None

    # --- numbering ---

    def bulletin_number(self, bulletin_id: str, wanted: BulletinNumberIn) -> BulletinNumberOut:
        """The 通报's number from the server's bulletin series (the same one on a retry)."""
        response = self._call(
            "POST", f"bulletins/{bulletin_id}/number", json=wanted.model_dump(mode="json")
        )
        return BulletinNumberOut.model_validate(response.json())

    # --- records ---

    def push(self, batch: PushIn) -> PushOut:
        return PushOut.model_validate(
            self._call("POST", "sync/push", json=batch.model_dump()).json()
        )

    def changes(self, cursor: str, *, limit: int, epoch: str, schema_version: int) -> PullOut:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        params["schema_version"] = schema_version
        if epoch:
            params["epoch"] = epoch
        return PullOut.model_validate(self._call("GET", "sync/changes", params=params).json())

    def records(self, wanted: RecordsIn) -> RecordsOut:
        return RecordsOut.model_validate(
            self._call("POST", "sync/records", json=wanted.model_dump()).json()
        )

    # --- blobs ---

    def blob_exists(self, sha256: str) -> bool:
        headers = self._headers()
        self.requests_made += 1
        with translated():
            response = self.session.head(self._url(f"blobs/{sha256}"), headers=headers)
        if response.status_code == 404:
            return False
        check(response)
        return True

    def put_blob(self, sha256: str, path: Path) -> None:
        with path.open("rb") as handle:
            self._call("PUT", f"blobs/{sha256}", data=handle)

    def start_upload(self, sha256: str, size: int) -> UploadOut:
        response = self._call("POST", f"blobs/{sha256}/uploads", json={"size": size})
        return UploadOut.model_validate(response.json())

    def upload_offset(self, sha256: str, upload_id: str) -> int | None:
        """Where the server's copy of an interrupted upload ends; None if it is gone."""
        headers = self._headers()
        self.requests_made += 1
        with translated():
            response = self.session.head(
                self._url(f"blobs/{sha256}/uploads/{upload_id}"), headers=headers
            )
        if response.status_code == 404:
            return None
        return int(check(response).headers["Upload-Offset"])

    def send_part(self, sha256: str, upload_id: str, offset: int, part: bytes) -> int | None:
        """Appends at `offset`; the server's new offset, or None once the blob is stored."""
        headers = self._headers() | {"Upload-Offset": str(offset)}
        self.requests_made += 1
        with translated():
            response = self.session.patch(
                self._url(f"blobs/{sha256}/uploads/{upload_id}"), data=part, headers=headers
            )
        if response.status_code == 409:
            return int(response.headers["Upload-Offset"])
        check(response)
        if response.status_code in (200, 201):
            return None
        return int(response.headers["Upload-Offset"])

    def download_blob(
        self, sha256: str, destination: Path, on_bytes: Callable[[int], None] | None = None
    ) -> None:
        """Streams the blob into `destination`; a body that does not hash to its name
        is refused (the file is removed)."""
        digest = hashlib.sha256()
        with (
            translated(),
            self._call("GET", f"blobs/{sha256}", stream=True) as response,
            destination.open("wb") as out,
        ):
            for chunk in response.iter_content(READ_CHUNK):
                digest.update(chunk)
                out.write(chunk)
                if on_bytes:
                    on_bytes(len(chunk))
        if digest.hexdigest() != sha256:
            destination.unlink(missing_ok=True)
            raise errors.ServerRefused(
                200, "下载的文件与其校验值不符。/ The downloaded file does not match its hash."
            )

    # --- notices (签发: numbering and the issued PDF; online only) ---

    def number_notice(self, notice_id: str, *, organ_code: str, year: int) -> NumberOut:
        """The notice's official number; a retried request gets the same one back."""
        body = NumberIn(organ_code=organ_code, year=year)
        response = self._call("POST", f"notices/{notice_id}/number", json=body.model_dump())
        return NumberOut.model_validate(response.json())

    def withdraw_number(self, notice_id: str, reason: str) -> NumberOut:
        body = WithdrawIn(reason=reason)
        response = self._call(
            "POST", f"notices/{notice_id}/number/withdraw", json=body.model_dump()
        )
        return NumberOut.model_validate(response.json())

    def put_issued_pdf(self, notice_id: str, pdf: bytes) -> IssuedPdfOut:
        """Sends the issued PDF; the server keeps it and records its sha256 and digest."""
        response = self._call(
            "PUT",
            f"notices/{notice_id}/pdf",
            data=pdf,
            headers={"Content-Type": "application/pdf"},
        )
        return IssuedPdfOut.model_validate(response.json())
