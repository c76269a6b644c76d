"""`inspector-app sync`: the same sync as the app's button, headless.

The token comes from the OS keyring; with `--password-stdin` it signs in first
(and keeps the token in the keyring where there is one). A token that could not
be kept is revoked when the command ends, so no live token outlives it.
Exit codes: 0 done, 1 the sync failed or the server refused a record, 3 a sign-in
is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
from pathlib import Path

from inspector_app.domain.errors import DomainError
from inspector_app.settings import load_settings
from inspector_app.store.store import Store
from inspector_app.sync import credentials, engine, errors, state
from inspector_app.sync.api import ServerApi
from inspector_app.sync.local import DirectStoreAccess

SIGN_IN_NEEDED = 3


def _fail(error: DomainError, code: int = 1) -> int:
    print(error.zh, file=sys.stderr)
    print(error.en, file=sys.stderr)
    return code


def run_sync_command(args: argparse.Namespace, data_dir: Path) -> int:
    settings = load_settings()
    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:
            known_server = state.get(uow.session, "server_url") or ""
            known_user = state.get(uow.session, "username") or ""
        server_url = args.server or settings.server_url or known_server
        user = args.user or known_user or settings.server_user
        if not server_url or not user:
            print("需要 --server 和 --user。/ --server and --user are needed.", file=sys.stderr)
            return SIGN_IN_NEEDED
        api = ServerApi(
            server_url,
            ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
            allow_plain_http=settings.allow_plain_http,
        )
        try:
            return _sync(args, store, api, user)
        finally:
            api.close()
    finally:
        store.close()


def _sync(args: argparse.Namespace, store: Store, api: ServerApi, user: str) -> int:
    kept = True
    try:
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            api.login(user, password, device=f"cli@{socket.gethostname()}"[:100])
            try:
                credentials.save_token(user, api.server_url, api.token or "")
            except credentials.NoSecureKeyring as no_keyring:
                kept = False
                print(no_keyring.zh, file=sys.stderr)
        else:
            api.token = credentials.load_token(user, api.server_url)
            if not api.token:
                return _fail(errors.SignInRequired(), SIGN_IN_NEEDED)
        report = engine.sync_once(DirectStoreAccess(store), api)
    except errors.SignInRequired as expired:
        credentials.forget_token(user, api.server_url)
        return _fail(expired, SIGN_IN_NEEDED)
    except (errors.WrongPassword, errors.LockedOut) as refused:
        return _fail(refused, SIGN_IN_NEEDED)
    except DomainError as error:
        return _fail(error)
    finally:
        if not kept and api.token:
            with contextlib.suppress(errors.SyncError):
                api.logout()
    if args.json:
        json.dump(report.as_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(f"{report.summary('zh_CN')} / {report.summary('en')}")
    return 1 if report.rejected else 0
