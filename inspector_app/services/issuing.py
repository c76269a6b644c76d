"""签发: issue a draft notice with its official number, online, in steps that resume.

The server gives the number (server/numbering.py: one per notice, a retry gets the same
one back), so issuing needs it; offline the clerk is told so and nothing changes. The
steps, each leaving a state the next attempt completes:

1. push the draft if the laptop has unsent changes (the server numbers only what it holds);
2. ask for the number and keep it (a server-owned field, no outbox entry);
3. build the final PDF with that number and the chosen 成文日期, keep it frozen by its
   sha256 (store/issued_pdfs.py) and note the date, the deadline and the hash;
4. send that PDF to the server, which checks it and records its sha256 and 核验 digest;
5. record the same digest here (services/verification.py), set the status to issued,
   and push that change (if the push fails, the next sync sends it).

A retry after a failure anywhere reuses what earlier steps kept: the same number, the
same PDF bytes. An issued notice is never rebuilt; a reprint is its frozen file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from inspector_app.documents.copy_mark import mark_as_copy
from inspector_app.domain import bureau_time
from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import NOTICE_LIFECYCLE, NoticeAction, NoticeStatus
from inspector_app.services import documents as docs
from inspector_app.services.verification import record_issued_digest
from inspector_app.services.working_calendar import load_working_calendar
from inspector_app.settings import Settings
from inspector_app.store.issued_pdfs import issued_pdfs_in
from inspector_app.store.models import OutboxEntry
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from inspector_app.sync.engine import sync_once
from inspector_app.sync.local import DirectStoreAccess
from inspector_app.sync.status import rejected_views


class NeedsServer(ValidationFailed):
    """签发 and number withdrawal happen on the server; nothing was changed here."""

    def __init__(self, what_zh: str, what_en: str, detail: str = "") -> None:
        super().__init__(
            "notice.needs_server",
            f"{what_zh}需要连接服务器（文号由服务器统一编排），当前无法连接服务器，"
            "本机数据未做任何修改。请联网后重试。",
            f"{what_en} needs the server (it gives the official numbers), which cannot be "
            "reached; nothing on this laptop was changed. Try again when online."
            + (f" ({detail})" if detail else ""),
        )


@dataclass(frozen=True)
class Issued:
    notice_id: str
    number: str
    issued_on: date
    pdf_sha256: str
    digest: str
    pdf: bytes  # the frozen issued file
    pushed: bool  # the status change reached the server (else the next sync sends it)


def issue_notice(
    store: Store,
    api: ServerApi | None,
    notice_id: str,
    *,
    settings: Settings,
    issued_on: date | None = None,
) -> Issued:
    """Issue a draft (or finish an interrupted issue); an issued notice is returned as
    issued, its frozen PDF unchanged. `issued_on` is the 成文日期 (default: the date
    already chosen for it, else the bureau's today)."""
    with store.unit_of_work() as uow:
        notice = _notice(uow, notice_id)
        if notice.status not in (NoticeStatus.DRAFT, NoticeStatus.ISSUED):
            NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.ISSUE)  # says why not
        if notice.pdf_sha256 is not None and issued_on not in (None, notice.issued_on):
            raise ValidationFailed(
                "notice.issue_date_fixed",
                f"通知书{notice.number}已按成文日期{notice.issued_on:%Y年%m月%d日}生成签发文本，"
                "不能改用其他日期。",
                f"Notice {notice.number} was built for issue dated {notice.issued_on} and "
                "cannot take another date.",
            )
        if notice.status == NoticeStatus.ISSUED and notice.pdf_sha256 is not None:
            pdf = _frozen(store, api, notice.pdf_sha256)
            done = Issued(
                notice.id,
                notice.number or "",
                notice.issued_on or bureau_time.today(),
                notice.pdf_sha256,
                notice.content_digest or "",
                pdf,
                pushed=not _unsent(uow),
            )
            return done
        chosen = issued_on or notice.issued_on or bureau_time.today()
    if api is None:
        raise NeedsServer("签发", "Issuing a notice", "no server is configured")
    _reach(api, "签发", "Issuing a notice")
    # 1. The server numbers only a draft it holds.
    if _has_unsent(store):
        _sync(store, api)
    # 2. The number (the same one again on a retry).
    numbered = api.number_notice(notice_id, organ_code=settings.issuer_code, year=chosen.year)
    with store.unit_of_work() as uow:
        _set_server_fields(uow, notice_id, number=numbered.number)
        uow.commit()
    # 3. The final PDF, built once and kept.
    pdf = _final_pdf(store, api, notice_id, settings, chosen)
    # 4. The server keeps it and records its sha256 and digest.
    recorded = api.put_issued_pdf(notice_id, pdf)
    # 5. The same here, then the status.
    with store.unit_of_work() as uow:
        digest = record_issued_digest(uow, notice_id, pdf)
        if recorded.digest != digest:
            raise ValidationFailed(
                "notice.digest_differs",
                "服务器登记的内容摘要与本机不一致，请联系管理员。",
                "The server recorded another content digest than this laptop's; "
                "ask the administrator.",
            )
        notice = _notice(uow, notice_id)
        notice.status = NOTICE_LIFECYCLE.apply(notice.status, NoticeAction.ISSUE)
        uow.commit()
        sha256, number, day = notice.pdf_sha256 or recorded.pdf_sha256, numbered.number, chosen
    pushed = True
    try:
        _sync(store, api)
    except errors.SyncError:
        pushed = False  # issued here and on the server's record; the next sync sends the status
    return Issued(notice_id, number, day, sha256, digest, pdf, pushed)


def issued_copy(store: Store, notice_id: str, *, settings: Settings, copy: bool = False) -> bytes:
    """The issued PDF as it was issued, byte for byte; with `copy`, marked “副本”."""
    with store.unit_of_work() as uow:
        notice = _notice(uow, notice_id)
        if notice.pdf_sha256 is None or notice.status == NoticeStatus.DRAFT:
            raise IllegalTransition(
                "notice.not_issued",
                "该通知书尚未签发，没有签发文本；请先签发。",
                "This notice has not been issued, so there is no issued PDF; issue it first.",
            )
        sha256 = notice.pdf_sha256
    pdf = issued_pdfs_in(store.data_dir).get(sha256)
    return mark_as_copy(pdf, docs.fonts_from(settings)) if copy else pdf


def withdraw_number(store: Store, api: ServerApi | None, notice_id: str, reason: str) -> str:
    """Withdraw a notice's number on the server (recorded, never reused); the number."""
    if len(reason.strip()) < 4:
        raise ValidationFailed(
            "notice.withdraw_reason",
            "撤销文号必须写明理由（至少4个字）。",
            "Withdrawing a number needs a reason (at least 4 characters).",
        )
    with store.unit_of_work() as uow:
        notice = _notice(uow, notice_id)
        if notice.number is None:
            raise IllegalTransition(
                "notice.no_number",
                "该通知书没有文号，无需撤销。",
                "This notice has no number to withdraw.",
            )
    if api is None:
        raise NeedsServer("撤销文号", "Withdrawing a number", "no server is configured")
    _reach(api, "撤销文号", "Withdrawing a number")
    return api.withdraw_number(notice_id, reason.strip()).number


def _notice(uow: UnitOfWork, notice_id: str) -> Notice:
    notice = uow.session.get(Notice, notice_id)
    if notice is None or notice.deleted:
        raise ValidationFailed(
            "notice.not_found", f"找不到通知书 {notice_id}。", f"No notice with id {notice_id}."
        )
    return notice


def _reach(api: ServerApi, what_zh: str, what_en: str) -> None:
    """Offline (or the server not answering) is said before anything changes."""
    try:
        api.me()
    except (errors.ServerUnreachable, errors.TlsFailed) as offline:
        raise NeedsServer(what_zh, what_en, offline.en) from None


def _unsent(uow: UnitOfWork) -> bool:
    """Changes waiting to be pushed (a refused one waits for the user, not for a push)."""
    waiting = select(OutboxEntry.n).where(OutboxEntry.state != "rejected").limit(1)
    return uow.session.scalars(waiting).first() is not None


def _has_unsent(store: Store) -> bool:
    with store.unit_of_work() as uow:
        return _unsent(uow)


def _sync(store: Store, api: ServerApi) -> None:
    report = sync_once(DirectStoreAccess(store), api)
    if report.rejected:
        with store.unit_of_work() as uow:
            reasons = "；".join(dict.fromkeys(v.message for v in rejected_views(uow)))
        raise ValidationFailed(
            "notice.push_rejected",
            f"服务器拒绝了本机的 {report.rejected} 项修改（{reasons}），"
            "请先在同步页面处理后再签发。",
            f"The server refused {report.rejected} of this laptop's changes ({reasons}); "
            "resolve them on the sync page before issuing.",
        )


def _set_server_fields(uow: UnitOfWork, notice_id: str, **values: str) -> None:
    """Fields only the server sets (number, pdf_sha256): written as a pull writes
    them, with no outbox entry."""
    uow.session.execute(update(Notice).where(Notice.id == notice_id).values(**values))


def _frozen(store: Store, api: ServerApi | None, sha256: str) -> bytes:
    """The kept issued PDF; fetched from the server when this laptop lacks it (another
    laptop of the team issued the notice). Never rebuilt."""
    kept = issued_pdfs_in(store.data_dir)
    if api is not None and not kept.path(sha256).exists():
        kept.root.mkdir(parents=True, exist_ok=True)
        download = kept.root / f".download-{sha256}.pdf"
        try:
            api.download_blob(sha256, download)  # refused unless the bytes match the hash
            kept.put(download.read_bytes())
        except errors.SyncError:
            pass  # kept.get below says what is missing
        finally:
            download.unlink(missing_ok=True)
    return kept.get(sha256)


def _final_pdf(
    store: Store, api: ServerApi, notice_id: str, settings: Settings, chosen: date
) -> bytes:
    """The issued PDF: the one kept by an earlier attempt, else built now and kept."""
    issued = issued_pdfs_in(store.data_dir)
    with store.unit_of_work() as uow:
        notice = _notice(uow, notice_id)
        if notice.pdf_sha256 is not None:
            return _frozen(store, api, notice.pdf_sha256)
        if notice.inspection_id is None:
            raise ValidationFailed(
                "notice.no_inspection",
                "该通知书没有关联检查，无法生成签发文本。",
                "This notice has no inspection to build it from.",
            )
        notice.issued_on = chosen
        uow.session.flush()
        (content,) = docs.notice_contents(
            uow,
            uow.photos,
            notice.inspection_id,
            issuer=docs.issuer_from(settings),
            issued_on=chosen,
            working_days=settings.deadline_working_days,
            unit_id=notice.unit_id,
            calendar=load_working_calendar(),
        )
        if content.notice_id != notice.id or content.number != notice.number:
            raise ValidationFailed(
                "notice.content_mismatch",
                "通知书内容与草稿不一致，无法签发。",
                "The notice's content does not match the draft; it cannot be issued.",
            )
        pdf = docs.notice_pdf(content, docs.fonts_from(settings), docs.print_copies_for(uow.photos))
        sha256 = issued.put(pdf)  # on disk before the row names it
        notice.deadline = content.deadline
        uow.session.flush()
        _set_server_fields(uow, notice_id, pdf_sha256=sha256)
        uow.commit()
    return pdf
