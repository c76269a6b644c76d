"""核验: record an issued notice's content digest, and check a PDF against the store.

The digest is that of the issued PDF's canonical content (protocol/notice_digest.py),
recorded once when the notice is issued. The issue workflow itself (number, build,
record, tell the server) comes with the supervisor's notice issue; until then
`record_issued_digest` is what it calls. The server keeps its own copy (set through
POST /api/v1/notices/{id}/digest, a field only the server sets), so the local write is
not an edit to push: it bypasses the outbox, as a pulled server field would.
"""

from __future__ import annotations

from sqlalchemy import select, update

from inspector_app.domain.errors import ValidationFailed
from inspector_app.protocol.notice_digest import (
    CanonicalNotice,
    UnreadablePdf,
    canonical_notice,
    compact_code,
    id_prefix,
    verification_code,
)
from inspector_app.protocol.verification import Reason, Recorded, VerifyOut, answer, judge
from inspector_app.store.notice_models import Notice
from inspector_app.store.unit_of_work import UnitOfWork


def record_issued_digest(uow: UnitOfWork, notice_id: str, pdf: bytes) -> str:
    """Record the digest of the issued PDF of a numbered notice; returns the digest.

    Recording the same digest again is a no-op; a different one is refused: what was
    issued does not change (a correction is a new notice). The caller commits.
    """
    notice = uow.session.get(Notice, notice_id)
    if notice is None or notice.deleted:
        raise ValidationFailed(
            "notice.not_found", f"找不到通知书 {notice_id}。", f"No notice with id {notice_id}."
        )
    if not notice.number:
        raise ValidationFailed(
            "notice.not_numbered",
            "草稿没有文号，不能登记核验摘要；请在签发编号后再登记。",
            "A draft has no number, so no digest can be recorded; record it once issued.",
        )
    canonical = _read(pdf)
    _check_is_this_notice(canonical, notice)
    digest = canonical.digest
    if notice.content_digest == digest:
        return digest
    if notice.content_digest is not None:
        raise ValidationFailed(
            "notice.digest_recorded",
            f"通知书{notice.number}签发时已登记内容摘要，不能更改；更正请另行发文。",
            f"Notice {notice.number} already has the digest recorded at issue; it cannot "
            "change (a correction is a new notice).",
        )
    # A server-owned field: set without the ORM's flush, so no outbox entry is made.
    uow.session.execute(update(Notice).where(Notice.id == notice.id).values(content_digest=digest))
    return digest


def verify_pdf(uow: UnitOfWork, pdf: bytes) -> VerifyOut:
    """genuine / altered / unknown for a PDF, against the notices in this store."""
    try:
        canonical = canonical_notice(pdf)
    except UnreadablePdf:
        return answer(Reason.UNREADABLE)
    return verify_digest(uow, canonical.digest, canonical.codes)


def verify_digest(uow: UnitOfWork, digest: str, codes: frozenset[str] | set[str]) -> VerifyOut:
    """The verdict on content with this digest claiming to be the notices of `codes`."""

    def by_digest(value: str) -> Recorded | None:
        found = uow.session.scalars(
            select(Notice).where(Notice.content_digest == value, Notice.deleted.is_(False))
        ).first()
        return _recorded(found) if found is not None else None

    def by_code(code: str) -> list[Recorded]:
        prefix = id_prefix(code)
        rows = uow.session.scalars(
            select(Notice).where(Notice.id.startswith(prefix), Notice.deleted.is_(False))
        )
        return [_recorded(row) for row in rows]

    return judge(digest, {compact_code(c) for c in codes}, by_digest=by_digest, by_code=by_code)


def _recorded(notice: Notice) -> Recorded:
    return Recorded(notice.id, notice.number, notice.content_digest)


def _read(pdf: bytes) -> CanonicalNotice:
    try:
        return canonical_notice(pdf)
    except UnreadablePdf as exc:
        raise ValidationFailed(
            "notice.pdf_unreadable",
            f"无法读取该 PDF 文件（{exc}），未登记内容摘要。",
            f"The PDF cannot be read ({exc}); no digest was recorded.",
        ) from None


def _check_is_this_notice(canonical: CanonicalNotice, notice: Notice) -> None:
    """The PDF must print this notice's 核验码 and 文号: not a draft, not another notice."""
    code = compact_code(verification_code(notice.id))
    number = "".join((notice.number or "").split())
    if canonical.codes != {code} or number not in canonical.text:
        raise ValidationFailed(
            "notice.pdf_mismatch",
            f"该 PDF 不是已编号的通知书{notice.number}（核验码或文号不符），未登记内容摘要。",
            f"The PDF is not numbered notice {notice.number} (its verification code or number "
            "differs); no digest was recorded.",
        )
