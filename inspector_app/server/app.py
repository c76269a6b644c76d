"""The FastAPI application: health, login/logout, notice numbering, admin actions."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session, sessionmaker

from inspector_app.protocol.sync import (
    NEWEST_SCHEMA,
    OLDEST_SCHEMA,
    PullOut,
    PushIn,
    PushOut,
)
from inspector_app.server import audit, auth, numbering, reference, sync
from inspector_app.server.access import AccessPolicy, team_problem
from inspector_app.server.blobs import MAX_BYTES, SHA256, BlobRejected, BlobStore
from inspector_app.server.database import make_engine, sessions
from inspector_app.server.models import (
    BlobGrant,
    BlobUpload,
    IssuedNumber,
    StoredBlob,
    SyncRecord,
    Token,
    User,
)

PROTOCOL = 1
MAX_JSON_BODY = 1024 * 1024
CURSOR = re.compile(r"[0-9]{1,18}")  # ASCII digits only: "²".isdigit() is true
WRONG_LOGIN = "用户名或密码错误。/ Wrong user name or password."
log = logging.getLogger("inspector.server")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: user-supplied text is escaped, never a forged line."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.now(UTC).isoformat(),
            "level": record.levelname,
            "message": record.getMessage(),
        }
        payload.update(getattr(record, "fields", {}))
        if record.exc_info:  # for the operator's log only, never a response
            payload["error"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


class Strict(BaseModel):
    """Input models refuse unknown fields: server-owned fields cannot be smuggled in."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    """Every refusal: a message in Chinese and English (some add a field, e.g. offset)."""

    detail: str


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationOut(BaseModel):
    """FastAPI's own answer to a request that does not fit the input model."""

    detail: list[FieldError]


ERRORS = {
    400: "请求体不是有效的 JSON。/ The body is not valid JSON.",
    401: "未登录、登录已失效或用户名密码错误。/ Not logged in, expired, or wrong password.",
    403: "角色无权执行此操作。/ The caller's role may not do this.",
    404: "没有这个对象，或调用者无权看到它。/ No such object, or not visible to the caller.",
    409: "与当前状态冲突。/ Conflicts with the current state.",
    411: "缺少 Content-Length。/ Content-Length required.",
    413: "请求过大。/ Request too large.",
    422: "请求内容无效。/ The request is not valid.",
    426: "客户端与服务器版本不匹配。/ The app and the server speak different versions.",
    429: "尝试次数过多。/ Too many attempts.",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the refusals a route can give (schemathesis checks them)."""
    return {
        code: {
            "model": ErrorOut | ValidationOut if code == 422 else ErrorOut,
            "description": ERRORS[code],
        }
        for code in codes
    }


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    device: str = Field(default="", max_length=100)


class UserOut(BaseModel):
    username: str
    display_name: str
    role: str
    team: str


class LoginOut(BaseModel):
    token: str
    user: UserOut


class NewUserIn(Strict):
    username: str = Field(min_length=1, max_length=64, pattern=r"^[\w.-]+$")
    password: str = Field(min_length=8, max_length=1024)
    role: Literal["inspector", "supervisor", "admin"]
    team: str = Field(default="", max_length=64)
    display_name: str = Field(default="", max_length=100)

    @model_validator(mode="after")
    def _team_fits_role(self) -> NewUserIn:
        problem = team_problem(self.role, self.team)
        if problem:
            raise ValueError(problem)
        return self


class AccountOut(UserOut):
    active: bool


class ReferenceRecord(BaseModel):
    id: str
    seq: int
    fields: dict[str, Any]


class ReferenceOut(BaseModel):
    """Units, sites, windows and checklist template versions for everyone; campaigns
    (with their planned sites) only for the team that runs them."""

    unit: list[ReferenceRecord]
    site: list[ReferenceRecord]
    window: list[ReferenceRecord]
    checklist_template: list[ReferenceRecord]
    campaign: list[ReferenceRecord]


class NumberIn(Strict):
    organ_code: str = Field(min_length=1, max_length=32, pattern=r"^[^\x00-\x1f\x7f]+$")
    year: int = Field(ge=2000, le=2100)


class WithdrawIn(Strict):
    reason: str = Field(min_length=4, max_length=500)


class NumberOut(BaseModel):
    notice_id: str
    number: str
    serial: int


def _account_out(account: User) -> AccountOut:
    return AccountOut(**_user_out(account).model_dump(), active=account.active)


def _log_refused_login(username: str, address: str, reason: str) -> None:
    """A security event for the operator; the JSON formatter escapes the typed name."""
    log.warning(
        "login refused",
        extra={"fields": {"username": username[:64], "address": address, "reason": reason}},
    )


def _user_out(user: User) -> UserOut:
    return UserOut(
        username=user.username, display_name=user.display_name, role=user.role, team=user.team
    )


# Dependencies live at module level: with postponed annotations FastAPI resolves them
# from this module's globals.


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Closed on the event loop right after the route, never waiting for a worker thread:
    a session waiting for a free thread while holding SQLite's write lock, with every
    thread waiting for that lock, stalled the server under 50 clients. Routes end their
    transaction (commit) before they return for the same reason."""
    db = request.app.state.sessions()
    try:
        yield db
    finally:
        db.close()


DB = Annotated[Session, Depends(get_session, scope="function")]


def protocol(x_inspector_protocol: Annotated[str | None, Header()] = None) -> None:
    if x_inspector_protocol is not None and x_inspector_protocol != str(PROTOCOL):
        raise HTTPException(
            426,
            f"本服务器使用同步协议 {PROTOCOL}，请升级客户端。/ "
            f"This server speaks protocol {PROTOCOL}; update the app.",
        )


def current_user(
    request: Request, db: DB, authorization: Annotated[str | None, Header()] = None
) -> User:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401, "需要登录。/ Login required.")
    token = authorization.removeprefix("Bearer ").strip()
    found = auth.authenticate(db, request.app.state.policy, token)
    if found is None:
        raise HTTPException(401, "登录已失效，请重新登录。/ The session has expired.")
    db.commit()  # the idle clock moved
    return found[0]


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(*allowed: str):
    def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            raise HTTPException(403, "没有权限。/ Not allowed for this role.")
        return user

    return check


SupervisorUser = Annotated[User, Depends(require_role("supervisor", "admin"))]
AdminUser = Annotated[User, Depends(require_role("admin"))]


class UploadIn(Strict):
    size: int = Field(gt=0)


class UploadOut(BaseModel):
    upload_id: str
    offset: int
    size: int


def _account_or_404(db: Session, username: str) -> User:
    target = db.scalars(select(User).where(User.username == username)).first()
    if target is None:
        raise HTTPException(404, "没有这个用户。/ No such user.")
    return target


def _visible_notice_number(
    db: Session, user: User, access: AccessPolicy, notice_id: str
) -> IssuedNumber | None:
    """The notice's number, if any; 404 when the notice or its number belongs to a team
    the caller may not see (a retried allocation must not reveal another team's number)."""
    record = db.get(SyncRecord, ("notice", notice_id))
    issued = db.scalars(select(IssuedNumber).where(IssuedNumber.notice_id == notice_id)).first()
    issuer = db.get(User, issued.issued_by) if issued is not None else None
    if (record is not None and not access.may_see(user, record)) or (
        issuer is not None and issuer.team != user.team and not access.sees_all(user)
    ):
        raise HTTPException(404, "没有这个通知书。/ No such notice.")
    return issued


def _check_schema(version: int) -> None:
    """The app's store schema: older or newer than this server understands is a clear 426."""
    if version < OLDEST_SCHEMA:
        raise HTTPException(
            426, "客户端版本过旧，请升级检查软件。/ The app is too old for this server; update it."
        )
    if version > NEWEST_SCHEMA:
        raise HTTPException(
            426,
            "服务器版本过旧，请联系管理员升级服务器。/ "
            "The server is older than the app; ask the administrator to update it.",
        )


def _check_sha(sha256: str) -> None:
    if not SHA256.match(sha256):
        raise HTTPException(422, "文件名必须是 sha256。/ The name must be a sha256 (hex).")


def _declared_size(request: Request) -> int:
    length = request.headers.get("content-length")
    if not length or not length.isdigit():
        raise HTTPException(411, "需要 Content-Length。/ Content-Length required.")
    if int(length) > MAX_BYTES:
        raise HTTPException(413, "照片超过大小上限。/ The photo is over the size limit.")
    return int(length)


def _upload(db: Session, sha256: str, upload_id: str, user: User) -> BlobUpload:
    upload = db.get(BlobUpload, upload_id)
    if upload is None or upload.sha256 != sha256 or upload.created_by != user.id:
        raise HTTPException(404, "没有这个上传。/ No such upload.")
    return upload


def _finish(db: Session, store: BlobStore, sha256: str, temp: Path, user: User) -> Response:
    try:
        published = store.publish(sha256, temp)
    except BlobRejected as rejected:
        db.commit()
        raise HTTPException(rejected.status, rejected.message) from None
    if db.get(StoredBlob, sha256) is None:
        db.add(
            StoredBlob(
                sha256=sha256,
                size=published.size,
                mime=published.mime,
                uploaded_by=user.id,
                created_at=datetime.now(UTC),
            )
        )
        db.flush()
        audit.append(
            db,
            actor=user.username,
            action="store_blob",
            object_type="blob",
            object_id=sha256[:64],
            after=sha256,
        )
    if db.get(BlobGrant, (sha256, user.team)) is None:
        db.add(BlobGrant(sha256=sha256, team=user.team))  # sending the bytes proves holding them
    db.commit()
    return Response(status_code=201 if published.created else 200)


def create_app(
    db_url: str,
    policy: auth.AuthPolicy | None = None,
    blobs_dir: Path | None = None,
    access: AccessPolicy | None = None,
) -> FastAPI:
    policy = policy or auth.AuthPolicy()
    access = access or AccessPolicy()
    engine = make_engine(db_url)
    factory: sessionmaker[Session] = sessions(engine)
    app = FastAPI(title="四不两直 inspection server", version=f"protocol-{PROTOCOL}")
    app.state.sessions, app.state.policy = factory, policy
    store = BlobStore(blobs_dir or Path("blobs"))

    api = APIRouter(
        prefix="/api/v1",
        dependencies=[Depends(protocol)],
        responses=errors(400, 401, 413, 422, 426),
    )

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @api.post("/auth/login", response_model=LoginOut, responses=errors(429))
    def login(body: LoginIn, request: Request, db: DB) -> LoginOut:
        address = request.client.host if request.client else ""
        try:
            user, token = auth.login(
                db,
                policy,
                username=body.username,
                password=body.password,
                address=address,
                device=body.device,
            )
        except auth.TooManyAttempts:
            _log_refused_login(body.username, address, "locked")
            raise HTTPException(
                429, "尝试次数过多，请稍后再试。/ Too many attempts; try later."
            ) from None
        except auth.LoginRefused:
            db.commit()  # keep the failure for the lockout count
            _log_refused_login(body.username, address, "wrong")
            raise HTTPException(401, WRONG_LOGIN) from None
        audit.append(
            db, actor=user.username, action="login", object_type="account", object_id=str(user.id)
        )
        db.commit()
        return LoginOut(token=token, user=_user_out(user))

    @api.post("/auth/logout", status_code=204)
    def logout(
        user: CurrentUser, db: DB, authorization: Annotated[str | None, Header()] = None
    ) -> None:
        """Revoke the token this request came with (CurrentUser has checked it)."""
        digest = auth.token_digest((authorization or "").removeprefix("Bearer ").strip())
        auth.revoke(db, Token.token_hash == digest)
        audit.append(
            db, actor=user.username, action="logout", object_type="account", object_id=str(user.id)
        )
        db.commit()

    @api.get("/me", response_model=UserOut)
    def me(user: CurrentUser) -> UserOut:
        return _user_out(user)

    @api.post(
        "/notices/{notice_id}/number", response_model=NumberOut, responses=errors(403, 404, 409)
    )
    def number(
        notice_id: uuid.UUID,
        body: NumberIn,
        db: DB,
        user: SupervisorUser,
    ) -> NumberOut:
        """Numbers a draft notice the caller's team has synced, and writes the number
        into the notice record. A retried request gets the same number back."""
        notice = str(notice_id)
        counter = sync.lock_counter(db)  # first, as in push: retries queue up here
        record = db.get(SyncRecord, ("notice", notice))
        if record is None or record.deleted or not access.may_see(user, record):
            raise HTTPException(
                404, "没有这个通知书，请先同步草稿。/ No such notice; sync the draft first."
            )
        issued = _visible_notice_number(db, user, access, notice)
        if issued is None and record.data.get("status", "draft") != "draft":
            raise HTTPException(
                409, "只有草稿可以编号。/ Only a draft notice can be given a number."
            )
        if issued is None:
            issued = numbering.allocate(
                db, organ_code=body.organ_code, year=body.year, notice_id=notice, issued_by=user.id
            )
            audit.append(
                db,
                actor=user.username,
                action="allocate_number",
                object_type="notice",
                object_id=notice,
                after=audit.digest(issued.number),
            )
        sync.set_server_field(db, counter, record, "number", issued.number)
        db.commit()
        return NumberOut(notice_id=notice, number=issued.number, serial=issued.serial)

    @api.post("/admin/users/{username}/revoke-tokens", status_code=204, responses=errors(403, 404))
    def revoke_tokens(username: str, db: DB, admin: AdminUser) -> None:
        target = _account_or_404(db, username)
        auth.revoke(db, Token.user_id == target.id)
        audit.append(
            db,
            actor=admin.username,
            action="revoke_tokens",
            object_type="account",
            object_id=str(target.id),
        )
        db.commit()

    @api.post(
        "/notices/{notice_id}/number/withdraw", response_model=NumberOut, responses=errors(403, 404)
    )
    def withdraw_number(
        notice_id: uuid.UUID,
        body: WithdrawIn,
        db: DB,
        user: SupervisorUser,
    ) -> NumberOut:
        """The number stays taken: withdrawal is recorded, never a reuse."""
        notice = str(notice_id)
        issued = _visible_notice_number(db, user, access, notice)
        if issued is None:
            raise HTTPException(404, "该通知书没有文号。/ This notice has no number.")
        if issued.withdrawn_at is None:
            issued.withdrawn_at, issued.withdrawal_reason = datetime.now(UTC), body.reason
            audit.append(
                db,
                actor=user.username,
                action="withdraw_number",
                object_type="notice",
                object_id=notice,
                before=audit.digest(issued.number),
                after=audit.digest(body.reason),
            )
            db.commit()
        return NumberOut(notice_id=notice, number=issued.number, serial=issued.serial)

    @api.get("/admin/users", response_model=list[AccountOut], responses=errors(403))
    def list_users(db: DB, admin: AdminUser) -> list[AccountOut]:
        accounts = [
            _account_out(account) for account in db.scalars(select(User).order_by(User.username))
        ]
        db.commit()
        return accounts

    @api.post(
        "/admin/users", response_model=AccountOut, status_code=201, responses=errors(403, 409)
    )
    def create_user(body: NewUserIn, db: DB, admin: AdminUser) -> AccountOut:
        try:
            account = auth.create_account(
                db,
                actor=admin.username,
                username=body.username,
                password=body.password,
                role=body.role,
                team=body.team,
                display_name=body.display_name,
            )
        except auth.AccountExists:
            raise HTTPException(409, "该用户名已被使用。/ That user name is taken.") from None
        db.commit()
        return _account_out(account)

    @api.get("/reference", response_model=ReferenceOut)
    def reference_data(user: CurrentUser, db: DB) -> ReferenceOut:
        """What the app needs to start an inspection. Admins write it through sync push
        or `inspector-server import-reference`."""
        found = reference.current(db, user, access)
        db.commit()
        return ReferenceOut(
            **{
                kind: [ReferenceRecord(id=r.id, seq=r.seq, fields=r.data) for r in rows]
                for kind, rows in found.items()
            }
        )

    @api.post("/admin/users/{username}/deactivate", status_code=204, responses=errors(403, 404))
    def deactivate(username: str, db: DB, admin: AdminUser) -> None:
        target = _account_or_404(db, username)
        target.active = False
        auth.revoke(db, Token.user_id == target.id)
        audit.append(
            db,
            actor=admin.username,
            action="deactivate",
            object_type="account",
            object_id=str(target.id),
        )
        db.commit()

    @api.head("/blobs/{sha256}", responses=errors(404))
    def blob_exists(sha256: str, user: CurrentUser) -> Response:
        _check_sha(sha256)
        return Response(status_code=200 if store.exists(sha256) else 404)

    @api.put("/blobs/{sha256}", status_code=201, responses=errors(411))
    async def put_blob(sha256: str, request: Request, user: CurrentUser, db: DB) -> Response:
        """Whole-body upload; the size is checked from Content-Length before reading."""
        _check_sha(sha256)
        size = _declared_size(request)
        temp = store.incoming / f"{uuid.uuid4()}.put"
        received = 0
        with temp.open("wb") as handle:
            async for chunk in request.stream():
                received += len(chunk)
                if received > size:
                    break
                handle.write(chunk)
        if received != size:
            temp.unlink(missing_ok=True)
            raise HTTPException(400, "上传不完整。/ The body is not the declared size.")
        return _finish(db, store, sha256, temp, user)

    @api.post("/blobs/{sha256}/uploads", status_code=201)
    def start_upload(sha256: str, body: UploadIn, user: CurrentUser, db: DB) -> UploadOut:
        _check_sha(sha256)
        if body.size > MAX_BYTES:
            raise HTTPException(413, "照片超过大小上限。/ The photo is over the size limit.")
        upload = BlobUpload(
            id=str(uuid.uuid4()),
            sha256=sha256,
            size=body.size,
            created_by=user.id,
            created_at=datetime.now(UTC),
        )
        db.add(upload)
        db.commit()
        store.part(upload.id).touch()
        return UploadOut(upload_id=upload.id, offset=0, size=body.size)

    @api.head("/blobs/{sha256}/uploads/{upload_id}", responses=errors(404))
    def upload_offset(sha256: str, upload_id: str, user: CurrentUser, db: DB) -> Response:
        upload = _upload(db, sha256, upload_id, user)
        db.commit()
        return Response(headers={"Upload-Offset": str(store.part(upload.id).stat().st_size)})

    @api.patch("/blobs/{sha256}/uploads/{upload_id}", responses=errors(404, 409))
    async def continue_upload(
        sha256: str,
        upload_id: str,
        request: Request,
        user: CurrentUser,
        db: DB,
        upload_offset: Annotated[int, Header()],
    ) -> Response:
        """Append at Upload-Offset; a wrong offset gets 409 with the right one."""
        upload = _upload(db, sha256, upload_id, user)
        part = store.part(upload.id)
        current = part.stat().st_size
        if upload_offset != current:
            return JSONResponse(
                {"detail": "偏移不符。/ Wrong offset.", "offset": current},
                status_code=409,
                headers={"Upload-Offset": str(current)},
            )
        with part.open("ab") as handle:
            async for chunk in request.stream():
                if handle.tell() + len(chunk) > upload.size:
                    raise HTTPException(400, "超出声明的大小。/ More bytes than declared.")
                handle.write(chunk)
                handle.flush()
        current = part.stat().st_size
        if current < upload.size:
            return Response(status_code=204, headers={"Upload-Offset": str(current)})
        db.delete(upload)
        return _finish(db, store, sha256, part, user)

    @api.get("/blobs/{sha256}", responses=errors(404))
    def get_blob(sha256: str, user: CurrentUser, db: DB) -> Response:
        _check_sha(sha256)
        blob = db.get(StoredBlob, sha256)
        if blob is None or not sync.may_read_blob(db, user, access, sha256, blob.uploaded_by):
            raise HTTPException(404, "没有这个文件。/ No such blob.")
        db.commit()
        return FileResponse(
            store.path(sha256), media_type=blob.mime, headers={"X-Content-Type-Options": "nosniff"}
        )

    @api.post("/sync/push", response_model=PushOut)
    def sync_push(batch: PushIn, user: CurrentUser, db: DB) -> PushOut:
        """A batch of outbox mutations, applied all together or not at all."""
        _check_schema(batch.schema_version)
        result = sync.push(db, user, batch, access)
        db.commit()
        return result

    @api.get("/sync/changes", response_model=PullOut)
    def sync_changes(
        user: CurrentUser,
        db: DB,
        cursor: str = "0",
        limit: Annotated[int, Query(ge=1, le=1000)] = 500,
        schema_version: int | None = None,
    ) -> PullOut:
        """Changes after the cursor that the caller may see, tombstones included."""
        if schema_version is not None:
            _check_schema(schema_version)
        if not CURSOR.fullmatch(cursor):
            raise HTTPException(422, "无效的同步游标。/ Invalid cursor.")
        changes = sync.pull(db, user, access, int(cursor), limit)
        db.commit()
        return changes

    app.include_router(api)

    @app.exception_handler(DataError)
    @app.exception_handler(UnicodeError)
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

    @app.api_route(
        "/api/{version}/{rest:path}",
        methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    def other_versions(version: str, rest: str) -> JSONResponse:
        """An app that speaks another protocol gets told so, not a bare 404."""
        if version == f"v{PROTOCOL}":
            return JSONResponse({"detail": "没有这个接口。/ No such route."}, status_code=404)
        return JSONResponse(
            {
                "detail": f"本服务器使用同步协议 v{PROTOCOL}，客户端使用 {version[:10]}，"
                "请将客户端和服务器升级到同一版本。/ "
                f"This server speaks protocol v{PROTOCOL}; update the app or the server."
            },
            status_code=426,
        )

    @app.middleware("http")
    async def guard(request: Request, call_next):
        started = time.perf_counter()
        length = request.headers.get("content-length")
        limit = MAX_BYTES if "/blobs/" in request.url.path else MAX_JSON_BODY
        if length and length.isdigit() and int(length) > limit:
            return JSONResponse({"detail": "请求过大。/ Request too large."}, status_code=413)
        try:
            response = await call_next(request)
        except Exception:  # no stack trace ever reaches a client
            log.exception("unhandled", extra={"fields": {"path": request.url.path}})
            response = JSONResponse(
                {"detail": "服务器内部错误。/ Internal error."}, status_code=500
            )
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

    return app
