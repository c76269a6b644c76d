"""Command line: launch the app, build demo data, list, export, verify, sync."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from inspector_app.data_dir import ENV_VAR, resolve_data_dir
from inspector_app.domain.errors import DomainError

LANGUAGES = ("zh_CN", "en")  # as ui.i18n.LANGUAGES, which would import Qt here


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT, e.g. 4032x3024") from None
    if width < 64 or height < 64:
        raise argparse.ArgumentTypeError("photos must be at least 64x64")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspector-app",
        description="四不两直明察暗访现场检查 / Unannounced inspection of service halls",
    )
    data_help = f"data folder (default: ${ENV_VAR}, else the per-user data folder)"
    parser.add_argument("--data-dir", help=data_help)
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language")
    commands = parser.add_subparsers(dest="command")

    demo = commands.add_parser("demo", help="build a demo dataset in the data folder")
    demo.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    demo.add_argument("--inspections", type=int, default=6, help="number of inspections (≥ 1)")
    demo.add_argument(
        "--photos-per-finding",
        type=int,
        default=1,
        help="photos per problem (items that require one always get one)",
    )
    demo.add_argument(
        "--photo-size",
        type=_size,
        default=(4032, 3024),
        help="pixel size of generated photos, WIDTHxHEIGHT (default 4032x3024)",
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed")

    export = commands.add_parser(
        "export",
        help="write a notice, record sheet or bulletin (通报) as PDF, or the ledger as xlsx",
    )
    kinds = export.add_subparsers(dest="kind", required=True)
    for kind, what in (("notice", "整改通知书 PDF"), ("record", "检查记录表 PDF")):
        document = kinds.add_parser(kind, help=what)
        document.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
        document.add_argument("--inspection", required=True, help="inspection id")
        if kind == "notice":
            document.add_argument("--unit", help="responsible unit id (default: all units)")
        document.add_argument(
            "-o",
            "--output",
            required=True,
            help="PDF file; for notices without --unit, a folder that receives one file per "
            "unit (each notice's 送达回证 is written beside it)",
        )
        document.add_argument(
            "--issued-on", help="成文日期 YYYY-MM-DD (default: the bureau's today)"
        )
    ledger = kinds.add_parser("ledger", help="整改台账 xlsx, one row per problem")
    ledger.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    ledger.add_argument("--campaign", help="only this campaign's inspections (campaign id)")
    ledger.add_argument("-o", "--output", required=True, help="the .xlsx file")
    ledger.add_argument(
        "--no-photos",
        action="store_true",
        help="do not copy the photos into the folder <name>-照片 beside the workbook",
    )
    from inspector_app.commands import bulletin

    report = kinds.add_parser("bulletin", help="通报 PDF of a period or a campaign")
    report.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    report.add_argument("-o", "--output", required=True, help="the PDF file")
    report.add_argument("--issued-on", help="成文日期 YYYY-MM-DD (default: the bureau's today)")
    bulletin.add_arguments(report)

    verify = commands.add_parser(
        "verify",
        help="check a notice PDF against the store: exit 0 genuine, 1 altered, 3 unknown",
    )
    verify.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    verify.add_argument("file", help="the notice PDF")
    verify.add_argument("--json", action="store_true", help="print the verdict as one JSON object")

    sync = commands.add_parser("sync", help="push local changes and pull the server's")
    sync.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    sync.add_argument("--server", help="server address (default: the settings' server)")
    sync.add_argument("--user", help="account name (default: the last one signed in)")
    sync.add_argument(
        "--password-stdin", action="store_true", help="sign in with the password read from stdin"
    )
    sync.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    from inspector_app.commands import campaigns, review

    review.register(commands, data_help)
    campaigns.register(commands, data_help)

    listing = commands.add_parser("list", help="list inspections")
    listing.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    listing.add_argument("--json", action="store_true", help="print one JSON array")

    from inspector_app.commands.notices import add_notice_commands
    from inspector_app.commands.recheck import add_recheck_commands
    from inspector_app.commands.rectification import add_rectification_commands

    notices = commands.add_parser("notices", help="整改通知书 / rectification notices")
    notice_commands = notices.add_subparsers(dest="notices_command", required=True)
    add_notice_commands(notice_commands)
    add_rectification_commands(notice_commands)
    add_recheck_commands(notice_commands)
    return parser


def plain_launch(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain launch (only --data-dir and --lang), else None.

    Read without building the full parser: argparse looks up translations of
    its own messages for every command, about 4 ms of a cold start. Anything
    else (a command, --help, abbreviations, mistakes) goes to the full parser.
    """
    values: dict[str, str | None] = {"data_dir": None, "lang": None}
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        key = {"--data-dir": "data_dir", "--lang": "lang"}.get(name)
        if key is None:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        values[key] = value
    if values["lang"] not in (None, *LANGUAGES):
        return None
    return argparse.Namespace(command=None, **values)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = plain_launch(arguments) or build_parser().parse_args(arguments)
    try:
        if args.command is not None:  # a launch sets the zone and its role itself (ui/app.py)
            from inspector_app.domain.bureau_time import set_zone
            from inspector_app.settings import load_settings
            from inspector_app.store.instance_lock import set_role

            set_zone(load_settings().time_zone)
            set_role(args.command)  # named to another process this one keeps out of the folder
        if args.command == "demo":
            return _demo(args)
        if args.command == "list":
            return _list(args)
        if args.command == "export" and args.kind == "ledger":
            return _export_ledger(args)
        if args.command == "export":
            return _export(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "notices":
            return args.handler(args)
        if args.command == "review":
            from inspector_app.commands import review

            return review.run(args, resolve_data_dir(args.data_dir))
        if args.command == "campaigns":
            from inspector_app.commands import campaigns

            return campaigns.run(args, resolve_data_dir(args.data_dir))
        if args.command == "sync":
            from inspector_app.sync.command import run_sync_command

            return run_sync_command(args, resolve_data_dir(args.data_dir))
        return _launch(args)
    except DomainError as error:
        print(error.zh, file=sys.stderr)
        print(error.en, file=sys.stderr)
        return 2


def _open_store(args: argparse.Namespace):
    from inspector_app.store.store import Store

    return Store.open(resolve_data_dir(args.data_dir))


def _demo(args: argparse.Namespace) -> int:
    from inspector_app.services.demo import build_demo
    from inspector_app.settings import load_settings

    if args.inspections < 1 or args.photos_per_finding < 0:
        print("--inspections must be ≥ 1 and --photos-per-finding ≥ 0", file=sys.stderr)
        return 2
    store = _open_store(args)
    try:
        report = build_demo(
            store,
            inspections=args.inspections,
            photos_per_finding=args.photos_per_finding,
            photo_size=args.photo_size,
            seed=args.seed,
            issuer_name=load_settings().issuer_name,
        )
    finally:
        store.close()
    print(
        f"演示数据已写入 {store.data_dir}：{len(report.inspection_ids)} 次检查，"
        f"{report.problems} 个问题，{report.photos} 张照片。\n"
        f"Demo data written to {store.data_dir}: {len(report.inspection_ids)} inspections, "
        f"{report.problems} problems, {report.photos} photos."
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from inspector_app.domain import bureau_time
    from inspector_app.services.queries import list_inspections

    store = _open_store(args)
    try:
        with store.unit_of_work() as uow:
            summaries = list_inspections(uow)
    finally:
        store.close()
    if args.json:
        import json

        json.dump([s.as_json() for s in summaries], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for s in summaries:
        print(
            f"{bureau_time.local(s.started_at):%Y-%m-%d %H:%M}  {s.status.value:<10} {s.site}  "
            f"问题 {s.problems}  照片 {s.photos}  {s.id}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    from datetime import date

    from inspector_app.documents.font_notice import font_notice
    from inspector_app.domain import bureau_time
    from inspector_app.services import documents as docs
    from inspector_app.settings import load_settings

    if args.kind == "bulletin":
        from inspector_app.commands.bulletin import run_export_bulletin

        return run_export_bulletin(args, resolve_data_dir(args.data_dir))
    settings = load_settings()
    unit = getattr(args, "unit", None)
    try:
        issued_on = date.fromisoformat(args.issued_on) if args.issued_on else bureau_time.today()
    except ValueError:
        print("--issued-on expects YYYY-MM-DD", file=sys.stderr)
        return 2
    output = Path(args.output).expanduser()
    store = _open_store(args)
    try:
        with store.unit_of_work() as uow:
            draft = docs.prepare_documents(
                uow,
                uow.photos,
                args.inspection,
                kind=args.kind,
                settings=settings,
                issued_on=issued_on,
                unit_id=unit,
            )
        built = draft.render()
        fonts_note = font_notice(docs.fonts_from(settings))
        if fonts_note is not None:  # printed, but not yet fit to issue: say why
            print(f"{fonts_note[0]}\n{fonts_note[1]}", file=sys.stderr)
        if args.kind == "record" or unit:
            targets = [(built[0], output)]
        else:
            targets = [(b, output / b.file_name) for b in built]
        written = []
        for document, target in targets:
            written.append(docs.save_pdf(document.data, target))
            if document.receipt is not None:  # the 送达回证 goes beside its notice
                beside = target.with_name(f"{target.stem}-送达回证.pdf")
                if not unit:
                    beside = target.with_name(document.receipt.file_name)
                written.append(docs.save_pdf(document.receipt.data, beside))
    finally:
        store.close()
    for path in written:
        print(path)
    return 0


def _export_ledger(args: argparse.Namespace) -> int:
    from inspector_app.services.ledger import export_ledger, photo_folder

    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".xlsx":
        print("台账文件须以 .xlsx 结尾。\nThe ledger file must end in .xlsx.", file=sys.stderr)
        return 2
    store = _open_store(args)
    try:
        with store.unit_of_work() as uow:
            count = export_ledger(
                uow,
                output,
                campaign_id=args.campaign,
                lang=args.lang or "zh_CN",
                with_photos=not args.no_photos,
            )
    finally:
        store.close()
    print(output)
    if not args.no_photos and photo_folder(output).exists():
        print(photo_folder(output))
    print(f"{count} 个问题 / {count} problem(s)", file=sys.stderr)
    return 0


VERIFY_EXIT = {"genuine": 0, "altered": 1, "unknown": 3}  # 2: usage or file errors


def _verify(args: argparse.Namespace) -> int:
    from inspector_app.services.verification import verify_pdf

    path = Path(args.file).expanduser()
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print(f"无法读取文件 {path}（{reason}）。", file=sys.stderr)
        print(f"Cannot read {path} ({reason}).", file=sys.stderr)
        return 2
    store = _open_store(args)
    try:
        with store.unit_of_work() as uow:
            verdict = verify_pdf(uow, pdf)
    finally:
        store.close()
    if args.json:
        print(verdict.model_dump_json())
    else:
        print(f"{verdict.message_zh} / {verdict.message_en}")
    return VERIFY_EXIT[verdict.verdict.value]


def _launch(args: argparse.Namespace) -> int:
    from inspector_app.ui.app import run

    data_dir = resolve_data_dir(args.data_dir) if args.data_dir else None
    return run(data_dir=data_dir, lang=args.lang)
