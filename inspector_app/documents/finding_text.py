"""A problem as a 下行文 states it: "经查，…" — when, where, what was seen — and its basis.

The notice states findings, not the checklist's questions: "经查，11月20日9时20分至
9时50分，12号窗口持续无人在岗……（工作人员工号：4521）。依据《…》的有关规定，应予整改。"
The inspector's description is kept word for word; only the date, the time (when the
description does not open with it), the window (when it does not name it), the badge
and the basis are added around it.
"""

from __future__ import annotations

import re

from inspector_app.documents.content import NoticeProblem, chinese_time
from inspector_app.documents.wording import Wording
from inspector_app.domain import bureau_time

LEADING_TIME = re.compile(r"^(\d{1,2})时(\d{2})分")
ANY_TIME = re.compile(r"(?<!\d)(\d{1,2})时(\d{2})分")
_TRAILING_PUNCTUATION = "。；;，,、 \t\r\n"
_BASIS_SEPARATORS = re.compile(r"\s*[；;]\s*")


def finding_text(problem: NoticeProblem, wording: Wording, fallback_day: str) -> str:
    """The problem's paragraph text (without its number); `fallback_day` ("11月20日") is
    the visit's day, used when the problem has no observed time."""
    seen = problem.description.strip().rstrip(_TRAILING_PUNCTUATION) or problem.item
    when = _when(problem, seen, fallback_day)
    extras = []
    if problem.window and f"{problem.window}号窗口" not in seen:
        extras.append(f"{problem.window}号窗口")
    if problem.staff_badge:
        extras.append(f"工作人员工号：{problem.staff_badge}")
    where = f"（{'，'.join(extras)}）" if extras else ""
    text = f"{wording.text('notice', 'problem_lead')}{when}{seen}{where}。"
    if problem.basis.strip():
        text += wording.text("notice", "problem_basis", basis=basis_text(problem.basis))
    return text


def _when(problem: NoticeProblem, seen: str, fallback_day: str) -> str:
    """The date, and the time unless the description already says that same time."""
    if problem.observed_at is None:
        return f"{fallback_day}，"
    local = bureau_time.local(problem.observed_at)
    day = f"{local.month}月{local.day}日"
    clock = (local.hour, local.minute)
    leading = LEADING_TIME.match(seen)
    if leading and (int(leading[1]), int(leading[2])) == clock:
        return day  # "经查，11月20日9时20分至9时50分，…"
    if any((int(h), int(m)) == clock for h, m in ANY_TIME.findall(seen)):
        return f"{day}，"  # "经查，11月20日，……12时20分检查时……"
    return f"{chinese_time(problem.observed_at)}，"


def basis_text(basis: str) -> str:
    """ "《A》；《B》" as a sentence names them: "《A》和《B》", "《A》、《B》和《C》"."""
    parts = [p.strip() for p in _BASIS_SEPARATORS.split(basis.strip()) if p.strip()]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{'、'.join(parts[:-1])}和{parts[-1]}"
