"""`inspector-app export bulletin`: the 通报 of a period or a campaign as a PDF.

Numbering: with a server and an account known (options, settings or the data
folder's last sync) and a sign-in (the keyring's token, or `--password-stdin`),
the number comes from the server's bulletin series; the same period and
campaign get the same number again. Not signed in, the server out of reach, or
`--draft`: an unnumbered draft, 草稿 on every page, and a line on stderr saying
so. A refusal by the server (not a supervisor, another period under that id) is
an error: nothing is written. Bad input is refused before the server is asked,
so an empty period never takes a number.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inspector_app.domain.errors import ValidationFailed
from inspector_app.settings import Settings, load_settings

if TYPE_CHECKING:  # the CLI imports this module on every start: reportlab only when used
    from inspector_app.documents.bulletin_content import BulletinContent
    from inspector_app.store.store import Store


def add_arguments(export: argparse.ArgumentParser) -> None:
    """The options of `export bulletin` besides --data-dir, -o and --issued-on."""
    export.add_argument("--from", dest="period_from", help="bulletin: first day YYYY-MM-DD")
    export.add_argument("--to", dest="period_to", help="bulletin: last day YYYY-MM-DD")
    export.add_argument("--campaign", help="bulletin: campaign id (its period by default)")
    export.add_argument(
        "--draft", action="store_true", help="bulletin: an unnumbered draft, no server asked"
    )
    export.add_argument("--server", help="bulletin: server for the number (default: settings)")
    export.add_argument("--user", help="bulletin: account (default: the last one signed in)")
    export.add_argument(
        "--password-stdin", action="store_true", help="bulletin: sign in with stdin's password"
    )


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(
            "bulletin.bad_date",
            f"{option} 的日期格式应为 YYYY-MM-DD（收到“{text}”）。",
            f"{option} expects a date as YYYY-MM-DD (got “{text}”).",
        ) from None


def check_thresholds(settings: Settings) -> tuple[int, int]:
    red, black = settings.red_list_rate, settings.black_list_rate
    if not (isinstance(red, int) and isinstance(black, int) and 0 <= black <= red <= 100):
        raise ValidationFailed(
            "bulletin.thresholds",
            f"红黑榜阈值设置有误（红榜 {red}%，黑榜 {black}%）：应满足 0 ≤ 黑榜 ≤ 红榜 ≤ 100。",
            f"The red/black list thresholds are wrong (red {red}%, black {black}%): "
            f"0 ≤ black ≤ red ≤ 100 is required.",
        )
    return red, black


def bulletin_code(settings: Settings) -> str:
    """The series' 代字: the setting, else the notices' 代字 with 通 (伊营商监通)."""
    return settings.bulletin_code.strip() or f"{settings.issuer_code}通"


def run_export_bulletin(args: argparse.Namespace, data_dir: Path) -> int:
    from inspector_app.documents.bulletin_pdf import build_bulletin
    from inspector_app.domain import bureau_time
    from inspector_app.services import bulletin as service
    from inspector_app.services.documents import (
        fonts_from,
        issuer_from,
        print_copies_for,
        save_pdf,
    )
    from inspector_app.store.store import Store

    settings = load_settings()
    red, black = check_thresholds(settings)
    start, end = _day(args.period_from, "--from"), _day(args.period_to, "--to")
    issued_on = _day(args.issued_on, "--issued-on") or bureau_time.today()
    output = Path(args.output).expanduser()
    issuer = replace(issuer_from(settings), code=bulletin_code(settings))
    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:
            scope = service.resolve_scope(uow, start, end, args.campaign)
            content = service.bulletin_content(
                uow,
                uow.photos,
                scope,
                issuer=issuer,
                issued_on=issued_on,
                red_rate=red,
                black_rate=black,
            )
        number, why_draft = (None, _DRAFT_ASKED) if args.draft else _number(args, store, content)
        content = replace(content, number=number)
        buffer = io.BytesIO()
        build_bulletin(content, fonts_from(settings), buffer, print_copies_for(store.photos))
        written = save_pdf(buffer.getvalue(), output)
    finally:
        store.close()
    if number is None:
        print(f"{why_draft[0]}\n{why_draft[1]}", file=sys.stderr)
    print(written)
    return 0


_DRAFT_ASKED = (
    "已生成未编号的通报草稿（--draft），不得印发。",
    "An unnumbered draft of the bulletin was written (--draft); it must not be published.",
)


def _number(args: argparse.Namespace, store: Store, content: BulletinContent) -> tuple:
    """(number, None) from the server, or (None, why) for an offline draft."""
    from inspector_app.protocol.numbering import BulletinNumberIn
    from inspector_app.sync import credentials, errors, state
    from inspector_app.sync.api import ServerApi

    settings = load_settings()
    with store.unit_of_work() as uow:
        known_server = state.get(uow.session, "server_url") or ""
        known_user = state.get(uow.session, "username") or ""
    server_url = args.server or settings.server_url or known_server
    user = args.user or known_user or settings.server_user
    if not server_url or not user:
        return None, (
            "未配置服务器或账号，已生成未编号的通报草稿，不得印发；联网登录后重新导出可取得文号。",
            "No server or account is set up: an unnumbered draft was written, not for "
            "publishing; export again signed in to the server to get its number.",
        )
    api = ServerApi(
        server_url,
        ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
        allow_plain_http=settings.allow_plain_http,
    )
    signed_in_here = False
    try:
        if args.password_stdin:
            api.login(user, sys.stdin.readline().rstrip("\r\n"), device="cli-bulletin")
            signed_in_here = True
        else:
            api.token = credentials.load_token(user, api.server_url)
        if not api.token:
            raise errors.SignInRequired()
        wanted = BulletinNumberIn(
            organ_code=content.issuer.code,
            year=content.issued_on.year,
            period_from=content.period_from,
            period_to=content.period_to,
            campaign_id=args.campaign or "",
        )
        return api.bulletin_number(content.bulletin_id, wanted).number, None
    except (errors.ServerUnreachable, errors.SignInRequired) as offline:
        return None, (
            f"{offline.zh}已生成未编号的通报草稿，不得印发；联网登录后重新导出可取得文号。",
            f"{offline.en} An unnumbered draft was written, not for publishing; export "
            f"again signed in to get its number.",
        )
    finally:
        if signed_in_here and api.token:
            with contextlib.suppress(errors.SyncError):
                api.logout()
        api.close()
