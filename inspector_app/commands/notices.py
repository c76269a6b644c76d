"""`inspector-app notices list|draft|issue|print|withdraw`: the supervisor's notices, headless.

The same services as the app (services/notice_drafts.py, services/issuing.py). `issue`
and `withdraw` need the server: they sign in as `inspector-app sync` does (the token
from the OS keyring, or `--password-stdin`). Exit codes: 0 done, 2 refused or bad
input (a message in Chinese and English, nothing changed), 3 a sign-in is needed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspector_app.store.store import Store
    from inspector_app.sync.api import ServerApi

SIGN_IN_NEEDED = 3
DATA_HELP = "data folder (default: $INSPECTOR_DATA_DIR, else the per-user data folder)"


def add_notice_commands(notices: argparse._SubParsersAction) -> None:
    """Adds list, draft, issue, print and withdraw to the `notices` command group; each
    sets `handler`, which `cli.main` calls with the parsed arguments."""
    listing = notices.add_parser("list", help="list notices (drafts first, then by number)")
    _data_dir(listing)
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.set_defaults(handler=_list)

    draft = notices.add_parser(
        "draft", help="draft one notice per responsible unit of an approved inspection"
    )
    _data_dir(draft)
    draft.add_argument("--inspection", required=True, help="inspection id")
    draft.set_defaults(handler=_draft)

    issue = notices.add_parser(
        "issue", help="签发 (online): number the draft on the server and write the issued PDF"
    )
    _data_dir(issue)
    issue.add_argument("notice", help="notice id")
    issue.add_argument("-o", "--output", required=True, help="the issued PDF to write")
    issue.add_argument("--date", help="成文日期 YYYY-MM-DD (default: the bureau's today)")
    _server_options(issue)
    issue.set_defaults(handler=_issue)

    reprint = notices.add_parser(
        "print", help="write an issued notice's PDF again, byte for byte (--copy marks 副本)"
    )
    _data_dir(reprint)
    reprint.add_argument("notice", help="notice id")
    reprint.add_argument("-o", "--output", required=True, help="the PDF to write")
    reprint.add_argument("--copy", action="store_true", help="mark every page “副本”")
    reprint.set_defaults(handler=_print)

    withdraw = notices.add_parser(
        "withdraw", help="withdraw a notice's number on the server (recorded, never reused)"
    )
    _data_dir(withdraw)
    withdraw.add_argument("notice", help="notice id")
    withdraw.add_argument("--reason", required=True, help="why the number is withdrawn")
    _server_options(withdraw)
    withdraw.set_defaults(handler=_withdraw)


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help=DATA_HELP, default=argparse.SUPPRESS)


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", help="server address (default: the settings' server)")
    parser.add_argument("--user", help="account name (default: the last one signed in)")
    parser.add_argument(
        "--password-stdin", action="store_true", help="sign in with the password read from stdin"
    )


@contextmanager
def _store(args: argparse.Namespace) -> Iterator[Store]:
    from inspector_app.data_dir import resolve_data_dir
    from inspector_app.store.store import Store

    store = Store.open(resolve_data_dir(getattr(args, "data_dir", None)))
    try:
        yield store
    finally:
        store.close()


def _list(args: argparse.Namespace) -> int:
    from inspector_app.domain.notice import NOTICE_LIFECYCLE
    from inspector_app.services.notice_drafts import list_notices

    with _store(args) as store, store.unit_of_work() as uow:
        notices = list_notices(uow)
    if args.json:
        json.dump([n.as_json() for n in notices], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for n in notices:
        status = NOTICE_LIFECYCLE.labels[n.status][0]
        print(f"{n.number or '（未编号）'}  {status}  {n.unit}  问题 {n.problems}  {n.id}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    from inspector_app.services.notice_drafts import draft_notices
    from inspector_app.settings import load_settings

    with _store(args) as store, store.unit_of_work() as uow:
        drafted = draft_notices(uow, args.inspection, load_settings())
        uow.commit()
    for n in drafted:
        state = "新建草稿 / new draft" if n.created else "已有 / exists"
        print(f"{n.id}  {n.unit}  问题 {n.problems}  {state}")
    return 0


def _issue(args: argparse.Namespace) -> int:
    from inspector_app.services.documents import save_pdf
    from inspector_app.services.issuing import issue_notice
    from inspector_app.settings import load_settings

    try:
        chosen = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print("成文日期格式应为 YYYY-MM-DD。/ --date expects YYYY-MM-DD.", file=sys.stderr)
        return 2
    settings = load_settings()

    def work(store: Store, api: ServerApi | None) -> int:
        issued = issue_notice(store, api, args.notice, settings=settings, issued_on=chosen)
        path = save_pdf(issued.pdf, Path(args.output).expanduser())
        print(f"已签发 {issued.number}（成文日期 {issued.issued_on:%Y-%m-%d}）：{path}")
        print(f"Issued {issued.number} (dated {issued.issued_on:%Y-%m-%d}): {path}")
        if not issued.pushed:
            print(
                "状态变更将在下次同步时上传。/ The status change goes up with the next sync.",
                file=sys.stderr,
            )
        return 0

    return _online(args, settings, work, "签发", "Issuing a notice")


def _print(args: argparse.Namespace) -> int:
    from inspector_app.services.documents import save_pdf
    from inspector_app.services.issuing import issued_copy
    from inspector_app.settings import load_settings

    with _store(args) as store:
        pdf = issued_copy(store, args.notice, settings=load_settings(), copy=args.copy)
    print(save_pdf(pdf, Path(args.output).expanduser()))
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from inspector_app.services.issuing import withdraw_number
    from inspector_app.settings import load_settings

    def work(store: Store, api: ServerApi | None) -> int:
        number = withdraw_number(store, api, args.notice, args.reason)
        print(
            f"文号 {number} 已撤销（该文号不再使用）。/ Number {number} withdrawn (never reused)."
        )
        return 0

    return _online(args, load_settings(), work, "撤销文号", "Withdrawing a number")


def _online(
    args: argparse.Namespace,
    settings,
    work: Callable[[Store, ServerApi | None], int],
    what_zh: str,
    what_en: str,
) -> int:
    """Signs in as `inspector-app sync` does, then runs `work`; no server: work gets None."""
    from inspector_app.domain.errors import DomainError
    from inspector_app.services.issuing import NeedsServer
    from inspector_app.sync import credentials, errors, state
    from inspector_app.sync.api import ServerApi

    with _store(args) as store:
        with store.unit_of_work() as uow:
            known_server = state.get(uow.session, "server_url") or ""
            known_user = state.get(uow.session, "username") or ""
        server_url = args.server or settings.server_url or known_server
        user = args.user or known_user or settings.server_user
        if not server_url:
            return work(store, None)
        api = ServerApi(
            server_url,
            ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
            allow_plain_http=settings.allow_plain_http,
        )
        kept = True
        try:
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\r\n")
                try:
                    api.login(user, password, device=f"cli@{socket.gethostname()}"[:100])
                except (errors.ServerUnreachable, errors.TlsFailed) as offline:
                    raise NeedsServer(what_zh, what_en, offline.en) from None
                try:
                    credentials.save_token(user, api.server_url, api.token or "")
                except credentials.NoSecureKeyring:
                    kept = False
            else:
                api.token = credentials.load_token(user, api.server_url) if user else None
                if not api.token:
                    return _say(errors.SignInRequired(), SIGN_IN_NEEDED)
            return work(store, api)
        except (errors.SignInRequired, errors.WrongPassword, errors.LockedOut) as refused:
            return _say(refused, SIGN_IN_NEEDED)
        except DomainError as error:
            return _say(error, 2)
        finally:
            if not kept and api.token:
                with contextlib.suppress(errors.SyncError):
                    api.logout()
            api.close()


def _say(error, code: int) -> int:
    print(error.zh, file=sys.stderr)
    print(error.en, file=sys.stderr)
    return code
