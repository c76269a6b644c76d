"""inspector-server: init, create-user, serve, import-reference, verify-audit, new-epoch."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

DEFAULT_DB = "sqlite:///inspector-server.sqlite3"


def _engine(url: str):
    from inspector_app.server.database import make_engine

    return make_engine(url)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inspector-server")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create or migrate the schema (idempotent)")
    init.add_argument("--db", default=DEFAULT_DB)
    init.add_argument("--blobs", default="blobs")
    user = commands.add_parser("create-user", help="add an account (password on stdin)")
    user.add_argument("name")
    user.add_argument("--role", required=True, choices=["inspector", "supervisor", "admin"])
    user.add_argument("--team", default="")
    user.add_argument("--display-name", default="")
    user.add_argument("--password-stdin", action="store_true", required=True)
    user.add_argument("--db", default=DEFAULT_DB)
    serve = commands.add_parser("serve", help="run the HTTP server (uvicorn)")
    serve.add_argument("--db", default=DEFAULT_DB)
    serve.add_argument("--blobs", default="blobs")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--token-idle-minutes", type=float, default=12 * 60)
    serve.add_argument(
        "--token-lifetime-minutes",
        type=float,
        default=14 * 24 * 60,
        help="a token ends this long after login, however often it is used",
    )
    serve.add_argument(
        "--body-read-timeout",
        type=float,
        default=30.0,
        help="seconds a request body may pause before it is cut off (408)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="a reverse proxy whose X-Forwarded-For is believed (repeatable; default none)",
    )
    serve.add_argument("--tls-cert", help="PEM certificate chain: serve HTTPS (else plain HTTP)")
    serve.add_argument("--tls-key", help="PEM private key of --tls-cert")
    serve.add_argument(
        "--supervisors-see-all-teams",
        action="store_true",
        help="supervisors read and review every team's records, not only their own",
    )
    load = commands.add_parser(
        "import-reference", help="load the shipped checklist templates, sites and units"
    )
    load.add_argument("--as", dest="admin", required=True, help="the admin account recorded")
    load.add_argument("--db", default=DEFAULT_DB)
    verify = commands.add_parser(
        "verify-audit", help="check the audit log's hash chain against its signed head"
    )
    verify.add_argument("--db", default=DEFAULT_DB)
    verify.add_argument("--blobs", default="blobs", help="serve's --blobs: holds audit/head.json")
    epoch = commands.add_parser(
        "new-epoch",
        help="after restoring the database from a backup: clients re-push their rows and re-pull",
    )
    epoch.add_argument("--db", default=DEFAULT_DB)
    args = parser.parse_args(argv)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Every command: a database that is missing, not initialised or not answering gets
    one line saying what to run and exit 2, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    command = {
        "init": _init,
        "create-user": _create_user,
        "serve": _serve,
        "import-reference": _import_reference,
        "new-epoch": _new_epoch,
        "verify-audit": _verify,
    }[args.command]
    try:
        problem = None if command is _init else _schema_problem(args.db)
        if problem:
            print(problem, file=sys.stderr)
            return 2
        return command(args)
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        print(f"{CANNOT_OPEN} ({reason})", file=sys.stderr)
        return 2


def _init(args: argparse.Namespace) -> int:
    from inspector_app.server.database import migrate

    Path(args.blobs).mkdir(parents=True, exist_ok=True)
    migrate(_engine(args.db))
    print("schema up to date")
    return 0


def _create_user(args: argparse.Namespace) -> int:
    from inspector_app.protocol.auth import team_problem
    from inspector_app.server.auth import AccountExists, create_account
    from inspector_app.server.database import sessions

    problem = team_problem(args.role, args.team)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("密码至少 8 位。/ The password needs at least 8 characters.", file=sys.stderr)
        return 2
    with sessions(_engine(args.db))() as db:
        try:
            create_account(
                db,
                actor="cli",
                username=args.name,
                password=password,
                role=args.role,
                team=args.team,
                display_name=args.display_name,
            )
        except AccountExists:
            print(f"用户 {args.name} 已存在。/ User {args.name} exists.", file=sys.stderr)
            return 2
        db.commit()
    print(f"created {args.name} ({args.role})")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from inspector_app.server.access import AccessPolicy
    from inspector_app.server.api.body_limits import BodyTiming
    from inspector_app.server.app import create_app
    from inspector_app.server.auth import AuthPolicy
    from inspector_app.server.json_log import JsonLogFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(JsonLogFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    policy = AuthPolicy(
        idle=timedelta(minutes=args.token_idle_minutes),
        absolute=timedelta(minutes=args.token_lifetime_minutes),
    )
    access = AccessPolicy(supervisors_see_all_teams=args.supervisors_see_all_teams)
    timing = BodyTiming(read_timeout=args.body_read_timeout)
    app = create_app(args.db, policy, Path(args.blobs), access, timing)
    if bool(args.tls_cert) != bool(args.tls_key):
        print("--tls-cert 和 --tls-key 需同时给出。/ Give both --tls-cert and --tls-key.")
        return 2
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        # uvicorn believes X-Forwarded-For from loopback unless told otherwise: a local
        # client could then pose as any address and dodge the per-address lockout.
        proxy_headers=bool(args.trusted_proxy),
        forwarded_allow_ips=args.trusted_proxy or None,
    )
    return 0


def _import_reference(args: argparse.Namespace) -> int:
    from collections import Counter

    from sqlalchemy import select

    from inspector_app.resources import shipped_registry, shipped_templates
    from inspector_app.server import reference
    from inspector_app.server.database import sessions
    from inspector_app.server.models import User

    records = reference.shipped_records(shipped_templates(), shipped_registry())
    with sessions(_engine(args.db))() as db:
        admin = db.scalars(select(User).where(User.username == args.admin)).first()
        if admin is None or admin.role != "admin" or not admin.active:
            print(
                f"{args.admin} 不是有效的管理员账号。/ {args.admin} is not an active admin.",
                file=sys.stderr,
            )
            return 2
        results, unchanged = reference.load(db, admin, records)
        db.commit()
    counts = Counter(result.status for result in results)
    if unchanged:
        counts["unchanged"] = unchanged
    for result in results:
        if result.status in ("conflict", "rejected"):
            print(f"{result.mutation_id}: {result.status} {result.message or ''}", file=sys.stderr)
    print(", ".join(f"{status} {n}" for status, n in sorted(counts.items())))
    return 1 if counts["rejected"] else 0


def _verify(args: argparse.Namespace) -> int:
    from inspector_app.server.audit_anchor import verify
    from inspector_app.server.database import sessions

    engine = _engine(args.db)
    try:
        with sessions(engine)() as db:
            intact, message = verify(db, Path(args.blobs) / "audit")
    finally:
        engine.dispose()
    print(message)
    return 0 if intact else 1


NOT_INITIALISED = (
    "数据库尚未初始化或版本过旧，请先运行 inspector-server init。/ "
    "The database is not initialised or its schema is old; run inspector-server init first."
)
CANNOT_OPEN = (
    "无法打开数据库，请检查 --db 及数据库服务是否运行，新数据库先运行 inspector-server init。/ "
    "Cannot open the database: check --db and that its server is running; "
    "run inspector-server init for a new one."
)


def _schema_problem(url: str) -> str | None:
    """None when `init` has brought the database at `url` to the newest schema."""
    from sqlalchemy.engine import make_url

    from inspector_app.server.database import schema_is_current

    parsed = make_url(url)
    file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if file not in (None, "", ":memory:") and (
        not Path(file).is_file() or Path(file).stat().st_size == 0
    ):
        return NOT_INITIALISED  # connecting would create or write the file
    engine = _engine(url)
    try:
        return None if schema_is_current(engine) else NOT_INITIALISED
    finally:
        engine.dispose()


def _new_epoch(args: argparse.Namespace) -> int:
    """Run after restoring the database from a backup (file copy, pg_restore, …)."""
    from inspector_app.server import sync
    from inspector_app.server.database import sessions

    engine = _engine(args.db)
    try:
        with sessions(engine)() as db:
            epoch = sync.new_epoch(db)
            db.commit()
    finally:
        engine.dispose()
    print(epoch)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
