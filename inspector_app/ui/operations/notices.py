"""The 通知书 page's reads and writes, as jobs for the store thread (no Qt in here).

The same services as `inspector-app notices` (commands/notices.py). 签发 and number
withdrawal talk to the server between their transactions, so they are `service_job`s:
they run on the store thread with the store itself and stay its only writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from inspector_app.services import notice_batch, notice_desk, notice_regrouping
from inspector_app.services.issuing import Issued, issue_notice, issued_copy, withdraw_number
from inspector_app.services.notice_batch import Batch, CampaignChoice
from inspector_app.services.notice_desk import Draftable, NoticeDetail, NoticeRow
from inspector_app.services.notice_drafts import NoticeSummary, draft_notices
from inspector_app.services.working_calendar import load_working_calendar
from inspector_app.settings import Settings, load_settings
from inspector_app.sync.api import ServerApi
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import Store, UnitOfWork


def rows(*, today: date) -> Callable[[UnitOfWork], list[NoticeRow]]:
    return lambda uow: notice_desk.notice_rows(uow, today)


def detail(*, notice_id: str, today: date) -> Callable[[UnitOfWork], NoticeDetail]:
    def read(uow: UnitOfWork) -> NoticeDetail:
        return notice_desk.notice_detail(uow, notice_id, today, load_working_calendar())

    return read


def draftable(uow: UnitOfWork) -> list[Draftable]:
    return notice_desk.draftable_inspections(uow)


def draft(*, inspection_id: str) -> Callable[[UnitOfWork], OpResult[list[NoticeSummary]]]:
    """One draft per responsible unit; the inspection's notices changed."""

    def op(uow: UnitOfWork) -> OpResult[list[NoticeSummary]]:
        drafted = draft_notices(uow, inspection_id, load_settings())
        return OpResult(drafted, OpChanges.of(inspections=[inspection_id]))

    return op


def edit(
    *, notice_id: str, contact_person: str, contact_phone: str, working_days: int, today: date
) -> Callable[[UnitOfWork], OpResult[None]]:
    def op(uow: UnitOfWork) -> OpResult[None]:
        notice_desk.edit_draft(
            uow,
            notice_id,
            contact_person=contact_person,
            contact_phone=contact_phone,
            working_days=working_days,
            today=today,
            calendar=load_working_calendar(),
        )
        return OpResult(None, OpChanges())

    return op


def move(*, problem_id: str, to_notice_id: str) -> Callable[[UnitOfWork], OpResult[str]]:
    """A problem to another draft of its inspection or campaign; the value is its source."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        return OpResult(notice_regrouping.move_problem(uow, problem_id, to_notice_id), OpChanges())

    return op


def issue(*, notice_id: str, settings: Settings, token: str | None) -> Callable[[Store], Issued]:
    """签发 (online). No server in the settings: refused with the offline message and
    nothing changed (services/issuing.py says so before anything is touched)."""

    def job(store: Store) -> Issued:
        with _server(settings, token) as api:
            return issue_notice(store, api, notice_id, settings=settings)

    return job


def withdraw(
    *, notice_id: str, reason: str, settings: Settings, token: str | None
) -> Callable[[Store], str]:
    """撤销文号 (online): recorded on the server, the number never given again."""

    def job(store: Store) -> str:
        with _server(settings, token) as api:
            return withdraw_number(store, api, notice_id, reason)

    return job


@contextmanager
def _server(settings: Settings, token: str | None) -> Iterator[ServerApi | None]:
    """The server as the 同步 button reaches it: the session's token, else the one the
    keyring keeps (none: the server answers that a sign-in is needed)."""
    from inspector_app.sync import credentials

    url, user = settings.server_url, settings.server_user
    if not url:
        yield None
        return
    if not token and user:
        token = credentials.load_token(user, url)
    api = ServerApi(
        url,
        token=token,
        ca_bundle=Path(settings.server_ca_bundle) if settings.server_ca_bundle else None,
        allow_plain_http=settings.allow_plain_http,
    )
    try:
        yield api
    finally:
        api.close()


def issued_pdf(*, notice_id: str, settings: Settings, copy: bool) -> Callable[[Store], bytes]:
    """The frozen issued file, byte for byte; with `copy`, marked 副本."""
    return lambda store: issued_copy(store, notice_id, settings=settings, copy=copy)


def printable_campaigns(uow: UnitOfWork) -> list[CampaignChoice]:
    return notice_batch.printable_campaigns(uow)


def campaign_batch(*, campaign_id: str, settings: Settings) -> Callable[[Store], Batch]:
    """A campaign's issued notices, each with its 送达回证, in one PDF."""
    return lambda store: notice_batch.campaign_batch(store, campaign_id, settings=settings)
