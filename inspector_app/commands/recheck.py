"""`inspector-app notices recheck|recheck-result|recheck-finish`: a 复查 of a notice's
problems from the command line, through services/recheck.py.

`recheck` prints the new inspection's id on its first line (for scripts), then what it
covers. A refused step raises a DomainError, which cli.main prints in Chinese and English
(exit 2); nothing was committed. Only argparse is imported until a handler runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app.commands.rectification import DATA_HELP, _date, _run, _say, _today


def add_recheck_commands(notices_subparsers: Any) -> None:
    """Adds the 复查 commands to the `notices` group."""
    start = notices_subparsers.add_parser(
        "recheck", help="start a 复查 of the notice's reported problems; prints its id"
    )
    start.add_argument("notice_id", metavar="NOTICE_ID", help="notice id")
    start.add_argument(
        "--team", action="append", required=True, help="复查人员 (repeatable; first: recorder)"
    )
    start.add_argument("--site", help="site id or code, when the notice's problems are at several")
    start.add_argument("--mode", choices=("overt", "covert"), default="overt", help="明察 or 暗访")
    _data_dir(start)
    start.set_defaults(handler=_start)

    result = notices_subparsers.add_parser(
        "recheck-result", help="已整改 or 未整改 for one problem of a 复查, with photos"
    )
    result.add_argument("inspection_id", metavar="INSPECTION_ID", help="the 复查's id")
    result.add_argument("problem", metavar="PROBLEM", help="problem number in the notice, or id")
    found = result.add_mutually_exclusive_group(required=True)
    found.add_argument("--rectified", action="store_true", help="已整改到位")
    found.add_argument("--not-rectified", action="store_true", help="未整改到位")
    result.add_argument("--photo", action="append", default=[], help="a photo (repeatable)")
    result.add_argument("--note", help="what was seen on site")
    _data_dir(result)
    result.set_defaults(handler=_result)

    finish = notices_subparsers.add_parser(
        "recheck-finish", help="finish the 复查: its results become the notice's verification"
    )
    finish.add_argument("inspection_id", metavar="INSPECTION_ID", help="the 复查's id")
    finish.add_argument("--verifier", help="复查人 (default: the 复查's recorder)")
    finish.add_argument("--on", type=_date, help="复查日期 YYYY-MM-DD (default: today)")
    finish.add_argument("--note", default="")
    _data_dir(finish)
    finish.set_defaults(handler=_finish)


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help=DATA_HELP, default=argparse.SUPPRESS)


def _start(args: argparse.Namespace) -> int:
    from inspector_app.domain.inspection import InspectionMode
    from inspector_app.services.recheck import start_recheck
    from inspector_app.services.recheck_views import recheck_sheet

    def work(uow: Any) -> Any:
        site = _site_id(uow, args.site) if args.site else None
        inspection_id = start_recheck(
            uow, args.notice_id, team=args.team, site_id=site, mode=InspectionMode(args.mode)
        )
        return recheck_sheet(uow, inspection_id)

    sheet = _run(args, work)
    print(sheet.inspection_id)
    numbers = [str(item.number) for item in sheet.items]
    return _say(
        args,
        f"已开始复查（{sheet.site_name}）：问题{'、'.join(numbers)}。",
        f"Re-inspection started at {sheet.site_name}: problem(s) {', '.join(numbers)}.",
    )


def _site_id(uow: Any, ref: str) -> str:
    """A site by its id or its registry code."""
    from sqlalchemy import select

    from inspector_app.store.models import Site

    found = uow.session.scalar(select(Site.id).where((Site.id == ref) | (Site.code == ref)))
    if found is None:
        from inspector_app.services.errors import NotFound

        raise NotFound("site", ref)
    return str(found)


def _result(args: argparse.Namespace) -> int:
    from inspector_app.domain.rectification import VERIFICATION_LABELS, VerificationResult
    from inspector_app.services.recheck import recheck_finding_for, record_recheck_result

    result = VerificationResult.RECTIFIED if args.rectified else VerificationResult.NOT_RECTIFIED
    photos = [Path(p).expanduser() for p in args.photo]

    def work(uow: Any) -> None:
        item = recheck_finding_for(uow, args.inspection_id, args.problem)
        record_recheck_result(uow, item, result, note=args.note, photos=photos)

    _run(args, work)
    zh, en = VERIFICATION_LABELS[result]
    return _say(
        args,
        f"已记录问题{args.problem}：{zh}（{len(photos)} 张照片）。",
        f"Recorded problem {args.problem}: {en} ({len(photos)} photo(s)).",
    )


def _finish(args: argparse.Namespace) -> int:
    from inspector_app.domain.rectification import VerificationResult
    from inspector_app.services.recheck import finish_recheck

    day = _today(args.on)
    results = _run(
        args,
        lambda uow: finish_recheck(
            uow, args.inspection_id, verifier=args.verifier, verified_on=day, note=args.note
        ),
    )
    done = list(results.values()).count(VerificationResult.RECTIFIED)
    left = len(results) - done
    return _say(
        args,
        f"复查已完成（{day:%Y-%m-%d}）：{done} 个已整改到位，{left} 个未整改到位。",
        f"Re-inspection finished ({day}): {done} rectified, {left} not rectified.",
    )
