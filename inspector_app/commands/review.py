"""`inspector-app review approve|return INSPECTION_ID [--comment TEXT]`: the 审核 headless.

The same services as the 审核 page, on the local store: the decision waits in the
outbox for the next `inspector-app sync`. Exit codes: 0 done, 2 refused (bad id, an
illegal transition, no comment on a return, not a supervisor) with nothing changed;
cli.main prints the refusal in Chinese and English.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(commands: argparse._SubParsersAction, data_help: str) -> None:
    review = commands.add_parser("review", help="approve or return a submitted inspection")
    review.add_argument("--data-dir", help=data_help, default=argparse.SUPPRESS)
    review.add_argument("decision", choices=["approve", "return"])
    review.add_argument("inspection", metavar="INSPECTION_ID", help="inspection id")
    review.add_argument(
        "--comment", default="", help="what the inspector must fix (required for return)"
    )


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from inspector_app.services import review
    from inspector_app.store.store import Store

    store = Store.open(data_dir)
    try:
        with store.unit_of_work() as uow:  # a refusal raises: nothing is committed
            if args.decision == "approve":
                review.approve(uow, args.inspection)
            else:
                review.return_for_changes(uow, args.inspection, args.comment)
            uow.commit()
    finally:
        store.close()
    if args.decision == "approve":
        print(f"已审核通过 {args.inspection}，下次同步时上传。")
        print(f"Approved {args.inspection}; it goes to the server with the next sync.")
    else:
        print(f"已退回 {args.inspection}，检查人员同步后可看到退回意见。")
        print(f"Returned {args.inspection}; the inspector sees the comment after their next sync.")
    return 0
