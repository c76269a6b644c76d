"""Test data the tests and benchmarks share: an inspection started on the window-service list.

Most tests need "an inspection in progress, and its item A2" before the part
they are about; building it in one place keeps that setup identical and short.
Everything goes through the real services and commits to the real store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import inspections as ops
from inspector_app.services.reference_data import reference_id
from inspector_app.store.models import Finding
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork

WINDOW_SERVICE = reference_id("template", "window-service", "1")


def start_inspection(
    store: Store,
    *,
    site: str = "yimei-center",
    mode: InspectionMode = InspectionMode.COVERT,
    team: Sequence[str] = ("张明",),
    started_at: datetime | None = None,
    campaign_id: str | None = None,
    template_id: str = WINDOW_SERVICE,
) -> str:
    """A draft inspection of the shipped site `site` (its slug); returns its id."""
    with store.unit_of_work() as uow:
        inspection_id = start_in(
            uow,
            site=site,
            mode=mode,
            team=team,
            started_at=started_at,
            campaign_id=campaign_id,
            template_id=template_id,
        )
        uow.commit()
    return inspection_id


def start_in(
    uow: UnitOfWork,
    *,
    site: str = "yimei-center",
    mode: InspectionMode = InspectionMode.COVERT,
    team: Sequence[str] = ("张明",),
    started_at: datetime | None = None,
    campaign_id: str | None = None,
    template_id: str = WINDOW_SERVICE,
) -> str:
    """The same inside a caller's unit of work (it commits, with what else it does)."""
    return ops.start_inspection(
        uow,
        template_id=template_id,
        site_id=reference_id("site", site),
        mode=mode,
        team=list(team),
        started_at=started_at or datetime.now(UTC),
        campaign_id=campaign_id,
    )


def finding_id(uow: UnitOfWork, inspection_id: str, item_code: str) -> str:
    """The id of the finding for checklist item `item_code` (e.g. "A2")."""
    return uow.session.scalars(
        select(Finding.id).where(
            Finding.inspection_id == inspection_id, Finding.item_code == item_code
        )
    ).one()


def start_with_a_problem(
    store: Store,
    description: str,
    *,
    item_code: str = "A2",
    site: str = "yimei-center",
    mode: InspectionMode = InspectionMode.COVERT,
) -> tuple[str, str]:
    """An inspection whose item `item_code` failed with `description`: (inspection, finding)."""
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow, site=site, mode=mode)
        failed = finding_id(uow, inspection_id, item_code)
        ops.update_finding(
            uow, failed, ops.FindingChanges(result=FindingResult.FAIL, description=description)
        )
        uow.commit()
    return inspection_id, failed


def number_notice(store: Store, inspection_id: str, number: str | None, issued_on: date) -> str:
    """The first notice of an inspection, saved with an official number as the server
    gives one (the issue workflow is the supervisor's), or as a saved draft when `number`
    is None; returns the notice id."""
    from inspector_app.documents.content import Issuer
    from inspector_app.domain.notice import NoticeStatus
    from inspector_app.services.documents import notice_contents
    from inspector_app.store.models import Unit
    from inspector_app.store.notice_models import Notice

    with store.unit_of_work() as uow:
        first = notice_contents(
            uow, uow.photos, inspection_id, issuer=Issuer(), issued_on=issued_on
        )[0]
        unit = uow.session.scalars(select(Unit).where(Unit.name == first.addressee)).one()
        uow.session.add(
            Notice(
                id=first.notice_id,
                unit_id=unit.id,
                inspection_id=inspection_id,
                number=number,
                issued_on=issued_on,
                deadline=first.deadline,
                status=NoticeStatus.ISSUED if number else NoticeStatus.DRAFT,
            )
        )
        uow.commit()
    return first.notice_id


def small_notice(
    notice_id: str = "0c6f1f9e-2f7e-4b4c-8f0a-5d1e3b7a9c21",
    number: str | None = "伊营商监〔2026〕9号",
    *,
    description: str = "12号窗口无人在岗。",
    photos: tuple = (),
):
    """A one-problem notice made directly, without a store (documents and server tests)."""
    from datetime import date

    from inspector_app.documents.content import Issuer, NoticeContent, NoticeProblem

    problem = NoticeProblem(
        "窗口是否存在空岗", description, "12", datetime(2026, 11, 20, 1, 30, tzinfo=UTC), "1001"
    )
    return NoticeContent(
        notice_id=notice_id,
        issuer=Issuer(),
        number=number,
        addressee="伊美区市场监督管理局",
        site="伊美区政务服务中心",
        mode_text="暗访",
        visited_on=date(2026, 11, 20),
        issued_on=date(2026, 11, 28),
        deadline=date(2026, 12, 18),  # 15 working days after the issue date
        working_days=15,
        problems=(problem,),
        photos=photos,
    )


def notice_pdf_of(content) -> bytes:
    """The notice PDF of `content`, built with the machine's fonts."""
    import io

    from inspector_app.documents.fonts import resolve_fonts
    from inspector_app.documents.notice_pdf import build_notice

    buffer = io.BytesIO()
    build_notice(content, resolve_fonts(), buffer)
    return buffer.getvalue()


def edit_first_page(pdf: bytes, old: bytes, new: bytes) -> bytes:
    """The PDF with its first page's content stream rewritten, as a PDF editor would."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = writer.pages[0]
    contents = page.get_contents()
    assert contents is not None
    data = contents.get_data()
    assert old in data
    contents.set_data(data.replace(old, new, 1))
    page.replace_contents(contents)
    edited = io.BytesIO()
    writer.write(edited)
    return edited.getvalue()
