"""`inspector-app notices deliver|feedback|verify|close|return|extend|escalate|show`:
the rectification loop from the command line, through services/rectification*.py.

Only argparse is imported here: the handlers import the store and services when run,
so building the parser stays cheap. A refused step raises a DomainError, which
cli.main prints in Chinese and English (exit 2); nothing was committed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

DATA_HELP = "data folder (default: $INSPECTOR_DATA_DIR, else the per-user data folder)"
METHODS = ("direct", "mail", "electronic", "left")
ESCALATIONS = ("reminder", "admonition", "accountability")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期应为 YYYY-MM-DD：{text} / expected a date YYYY-MM-DD: {text}"
        ) from None


def _command(subparsers: Any, name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text)
    parser.add_argument("notice_id", metavar="NOTICE_ID", help="notice id")
    parser.add_argument("--data-dir", help=DATA_HELP, default=argparse.SUPPRESS)
    parser.set_defaults(handler=handler)
    return parser


def _on(parser: argparse.ArgumentParser, help_text: str = "date YYYY-MM-DD (default: today)"):
    parser.add_argument("--on", type=_date, help=help_text)


def add_rectification_commands(notices_subparsers: Any) -> None:
    """Adds the loop's commands to the `notices` group."""
    deliver = _command(
        notices_subparsers, "deliver", "record 送达 (the unit received it)", _deliver
    )
    _on(deliver, "送达日期 YYYY-MM-DD (default: today)")
    deliver.add_argument("--method", required=True, choices=METHODS, help="送达方式")
    deliver.add_argument("--recipient", required=True, help="受送达人 (who signed for it)")

    feedback = _command(notices_subparsers, "feedback", "record the unit's 整改报告", _feedback)
    feedback.add_argument("--received-on", type=_date, help="收到日期 (default: today)")
    feedback.add_argument(
        "--problem", action="append", default=[], required=True, help="problem number or id"
    )
    feedback.add_argument("--measures", action="append", default=[], help="整改措施, per problem")
    feedback.add_argument("--responsible", action="append", default=[], help="责任人, per problem")
    feedback.add_argument(
        "--evidence",
        nargs=2,
        action="append",
        default=[],
        metavar=("PROBLEM", "FILE"),
        help="a photo or scanned PDF for that problem (repeatable)",
    )

    verify = _command(notices_subparsers, "verify", "复查: rectified or not, per problem", _verify)
    _on(verify)
    verify.add_argument("--rectified", action="append", default=[], metavar="PROBLEM")
    verify.add_argument("--not-rectified", action="append", default=[], metavar="PROBLEM")
    verify.add_argument("--verifier", required=True, help="复查人")
    verify.add_argument("--note", default="")

    close = _command(notices_subparsers, "close", "销号: every problem rectified", _close)
    _on(close)
    close.add_argument("--verifier", required=True, help="销号人")
    close.add_argument("--note", default="")

    back = _command(notices_subparsers, "return", "退回重办 with a new deadline", _return)
    _on(back)
    back.add_argument("--verifier", required=True, help="复查人")
    back.add_argument("--working-days", type=int, required=True, help="new period, working days")
    back.add_argument("--reason", required=True, help="退回理由")

    extend = _command(
        notices_subparsers, "extend", "request, grant or refuse an extension", _extend
    )
    extend.add_argument("decision", choices=("request", "grant", "refuse"))
    _on(extend)
    extend.add_argument("--until", type=_date, help="requested new deadline (request)")
    extend.add_argument("--reason", required=True, help="理由 / 审批意见")
    extend.add_argument("--by", default="", help="who decided (grant, refuse)")

    escalate = _command(notices_subparsers, "escalate", "催办函, 约谈 or 问责", _escalate)
    escalate.add_argument("kind", choices=ESCALATIONS)
    _on(escalate)
    escalate.add_argument("--note", required=True, help="情况说明")
    escalate.add_argument("--by", default="", help="who did it")

    show = _command(notices_subparsers, "show", "where the notice stands in the loop", _show)
    show.add_argument("--json", action="store_true", help="print one JSON object")


def _english(args: argparse.Namespace) -> bool:
    return (getattr(args, "lang", None) or "zh_CN").startswith("en")


def _say(args: argparse.Namespace, zh: str, en: str) -> int:
    print(en if _english(args) else zh)
    return 0


def _run(args: argparse.Namespace, action: Any) -> Any:
    """One unit of work on the data folder's store: committed only if `action` succeeds."""
    from inspector_app.data_dir import resolve_data_dir
    from inspector_app.store.store import Store

    store = Store.open(resolve_data_dir(args.data_dir))
    try:
        with store.unit_of_work() as uow:
            result = action(uow)
            uow.commit()
        return result
    finally:
        store.close()


def _today(day: date | None) -> date:
    from inspector_app.domain import bureau_time

    return day or bureau_time.today()


def _deliver(args: argparse.Namespace) -> int:
    from inspector_app.domain.rectification import DELIVERY_LABELS, DeliveryMethod
    from inspector_app.services.rectification import record_delivery

    method = DeliveryMethod(args.method)
    day = _today(args.on)
    _run(
        args,
        lambda uow: record_delivery(
            uow, args.notice_id, delivered_on=day, method=method, recipient=args.recipient
        ),
    )
    zh, en = DELIVERY_LABELS[method]
    return _say(args, f"已记录送达（{day:%Y-%m-%d}，{zh}）。", f"Recorded: {en} on {day}.")


def _feedback(args: argparse.Namespace) -> int:
    from inspector_app.domain.errors import ValidationFailed
    from inspector_app.services.rectification import FeedbackItem, record_feedback

    count = len(args.problem)
    if len(args.measures) != count or len(args.responsible) != count:
        raise ValidationFailed(
            "cli.feedback_items",
            "每个 --problem 都要有一个 --measures 和一个 --responsible。",
            "Give one --measures and one --responsible for each --problem.",
        )
    unknown = [ref for ref, _ in args.evidence if ref not in args.problem]
    if unknown:
        raise ValidationFailed(
            "cli.evidence_problem",
            f"--evidence 指定的问题 {unknown[0]} 不在 --problem 中。",
            f"--evidence names problem {unknown[0]}, which no --problem gives.",
        )
    items = [
        FeedbackItem(
            problem=ref,
            measures=measures,
            responsible_person=person,
            evidence=[Path(f).expanduser() for p, f in args.evidence if p == ref],
        )
        for ref, measures, person in zip(args.problem, args.measures, args.responsible, strict=True)
    ]
    day = _today(args.received_on)
    _run(args, lambda uow: record_feedback(uow, args.notice_id, received_on=day, items=items))
    files = len(args.evidence)
    return _say(
        args,
        f"已记录整改报告：{count} 个问题，{files} 份证明材料。",
        f"Recorded the rectification report: {count} problem(s), {files} evidence file(s).",
    )


def _verify(args: argparse.Namespace) -> int:
    from inspector_app.domain.rectification import VerificationResult
    from inspector_app.services.rectification import verify_problems

    results = {ref: VerificationResult.RECTIFIED for ref in args.rectified}
    results |= {ref: VerificationResult.NOT_RECTIFIED for ref in args.not_rectified}
    day = _today(args.on)
    _run(
        args,
        lambda uow: verify_problems(
            uow, args.notice_id, results, verifier=args.verifier, verified_on=day, note=args.note
        ),
    )
    return _say(
        args,
        f"已记录复查：{len(args.rectified)} 个已整改到位，{len(args.not_rectified)} 个未整改到位。",
        f"Verified: {len(args.rectified)} rectified, {len(args.not_rectified)} not rectified.",
    )


def _close(args: argparse.Namespace) -> int:
    from inspector_app.services.rectification import close_notice

    day = _today(args.on)
    _run(
        args,
        lambda uow: close_notice(
            uow, args.notice_id, verifier=args.verifier, closed_on=day, note=args.note
        ),
    )
    return _say(args, f"通知书已销号（{day:%Y-%m-%d}）。", f"The notice is closed ({day}).")


def _return(args: argparse.Namespace) -> int:
    from inspector_app.services.rectification import return_notice
    from inspector_app.services.working_calendar import load_working_calendar

    day = _today(args.on)
    calendar = load_working_calendar()
    deadline = _run(
        args,
        lambda uow: return_notice(
            uow,
            args.notice_id,
            verifier=args.verifier,
            returned_on=day,
            working_days=args.working_days,
            reason=args.reason,
            calendar=calendar,
        ),
    )
    return _say(
        args,
        f"已退回重办，新的整改期限为 {deadline:%Y-%m-%d}。",
        f"Returned for redo; the new deadline is {deadline}.",
    )


def _extend(args: argparse.Namespace) -> int:
    from inspector_app.domain.errors import ValidationFailed
    from inspector_app.services import rectification_followup as followup

    day = _today(args.on)
    if args.decision == "request":
        if args.until is None:
            raise ValidationFailed(
                "cli.extension_until",
                "申请延期请用 --until 给出申请延至的日期。",
                "Give the requested new deadline with --until.",
            )
        _run(
            args,
            lambda uow: followup.request_extension(
                uow, args.notice_id, requested_on=day, until=args.until, reason=args.reason
            ),
        )
        return _say(
            args, f"已记录延期申请（延至 {args.until:%Y-%m-%d}）。", "Extension request recorded."
        )
    grant = args.decision == "grant"
    deadline = _run(
        args,
        lambda uow: followup.decide_extension(
            uow, args.notice_id, grant=grant, decided_on=day, reason=args.reason, actor=args.by
        ),
    )
    if grant:
        return _say(
            args, f"已批准延期，整改期限为 {deadline:%Y-%m-%d}。", f"Extended to {deadline}."
        )
    return _say(args, "已不予延期。", "The extension was refused.")


def _escalate(args: argparse.Namespace) -> int:
    from inspector_app.domain.rectification import EVENT_LABELS, NoticeEventKind
    from inspector_app.services.rectification_followup import escalate

    kind = NoticeEventKind(args.kind)
    day = _today(args.on)
    _run(
        args,
        lambda uow: escalate(uow, args.notice_id, kind, on=day, note=args.note, actor=args.by),
    )
    zh, en = EVENT_LABELS[kind]
    return _say(args, f"已记录{zh}（{day:%Y-%m-%d}）。", f"Recorded: {en} on {day}.")


def _show(args: argparse.Namespace) -> int:
    import json

    from inspector_app.services.notice_state import progress

    lang = "en" if _english(args) else "zh_CN"
    state = _run(args, lambda uow: progress(uow, args.notice_id, _today(None), lang))
    if args.json:
        json.dump(state, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"{state['number'] or state['id']}  {state['status']}  {state['warning_label']}")
    print(f"{'deadline' if lang == 'en' else '整改期限'} {state['deadline']}")
    for problem in state["problems"]:
        print(f"  {problem['number']}. {problem['title']}  {problem['result_label']}")
    for event in state["events"]:
        print(f"  {event['on']}  {event['label']}  {event['note']}")
    return 0
