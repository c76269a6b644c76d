"""Is this notice genuine? The answer, the same from the laptop's store and the server.

genuine: the PDF's canonical digest is the one recorded when the notice was issued.
altered: the 核验码 names an issued notice whose recorded digest differs.
unknown: no notice of ours can be named (no 核验码, not readable, no such notice, not
issued, or not visible to the caller).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field

from inspector_app.protocol.base import Strict
from inspector_app.protocol.notice_digest import CODE_TEXT, DIGEST_TEXT


class Verdict(StrEnum):
    GENUINE = "genuine"
    ALTERED = "altered"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    MATCHES = "matches"  # genuine
    DIFFERS = "differs"  # altered
    UNREADABLE = "unreadable"  # not a PDF, damaged, encrypted, too large
    NO_CODE = "no_code"  # a PDF without a 核验码 of ours
    NO_SUCH_NOTICE = "no_such_notice"  # no notice of the caller's has that code/digest
    NOT_ISSUED = "not_issued"  # the notice exists but no digest was recorded


# One line each, Chinese then English; {number} is the notice's 文号.
SENTENCES: dict[Reason, tuple[str, str]] = {
    Reason.MATCHES: (
        "真实：与{number}签发时记录的内容一致。",
        "Genuine: matches {number} as recorded when it was issued.",
    ),
    Reason.DIFFERS: (
        "已被改动：内容与{number}签发时记录的不一致。",
        "Altered: the content differs from {number} as recorded when it was issued.",
    ),
    Reason.UNREADABLE: (
        "无法核验：不是可读取的 PDF 文件。",
        "Unknown: not a readable PDF file.",
    ),
    Reason.NO_CODE: (
        "无法核验：文件中没有本系统的核验码。",
        "Unknown: the file carries no verification code of this system.",
    ),
    Reason.NO_SUCH_NOTICE: (
        "无法核验：没有与该核验码或摘要对应的通知书。",
        "Unknown: no notice has that verification code or digest.",
    ),
    Reason.NOT_ISSUED: (
        "无法核验：该通知书尚未签发，没有记录内容摘要。",
        "Unknown: that notice has not been issued; no digest was recorded.",
    ),
}
VERDICT_OF = {
    Reason.MATCHES: Verdict.GENUINE,
    Reason.DIFFERS: Verdict.ALTERED,
}


class VerifyIn(Strict):
    """A digest computed elsewhere (`inspector-app verify --json` prints it), and the
    核验码 printed on the notice when it is known."""

    digest: str = Field(pattern=DIGEST_TEXT)
    code: str | None = Field(default=None, pattern=CODE_TEXT)


class DigestIn(Strict):
    """The canonical digest of the issued PDF, recorded once per numbered notice."""

    digest: str = Field(pattern=DIGEST_TEXT)


class DigestOut(BaseModel):
    notice_id: str
    number: str
    digest: str


class VerifyOut(BaseModel):
    verdict: Verdict
    reason: Reason
    notice_id: str | None = None
    number: str | None = None
    digest: str | None = None  # the digest judged: of the PDF sent, or the one given
    message_zh: str
    message_en: str


def answer(
    reason: Reason,
    *,
    notice_id: str | None = None,
    number: str | None = None,
    digest: str | None = None,
) -> VerifyOut:
    """The verdict with its sentences; `number` names the notice in them."""
    zh, en = SENTENCES[reason]
    return VerifyOut(
        verdict=VERDICT_OF.get(reason, Verdict.UNKNOWN),
        reason=reason,
        notice_id=notice_id,
        number=number,
        digest=digest,
        message_zh=zh.format(number=number or "该通知书"),
        message_en=en.format(number=number or "the notice"),
    )


@dataclass(frozen=True)
class Recorded:
    """A notice as the verifier's store knows it."""

    notice_id: str
    number: str | None
    digest: str | None  # recorded at issue; None before


def judge(
    digest: str,
    codes: Iterable[str],
    *,
    by_digest: Callable[[str], Recorded | None],
    by_code: Callable[[str], list[Recorded]],
) -> VerifyOut:
    """The verdict on content with this digest that prints these 核验码 (compact form).

    A digest recorded for any notice is genuine: its text, code included, is that
    notice's. Otherwise the codes name the notice the content claims to be.
    """
    shown = digest
    match = by_digest(digest)
    if match is not None:
        return answer(Reason.MATCHES, notice_id=match.notice_id, number=match.number, digest=shown)
    codes = sorted(set(codes))
    candidates = [record for code in codes for record in by_code(code)]
    if not candidates:
        return answer(Reason.NO_SUCH_NOTICE if codes else Reason.NO_CODE, digest=shown)
    issued = [record for record in candidates if record.digest]
    if not issued:
        first = candidates[0]
        return answer(
            Reason.NOT_ISSUED, notice_id=first.notice_id, number=first.number, digest=shown
        )
    claimed = issued[0]
    return answer(Reason.DIFFERS, notice_id=claimed.notice_id, number=claimed.number, digest=shown)
