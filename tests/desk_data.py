"""A store as a supervisor's desk sees it: the demo's inspections and notices in two
states (an overdue one not yet delivered, a closed one with its answer), for the ledger, the
dashboard, the 通知书 page and their tests. Notices are saved as the issue workflow would
leave them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.demo import build_demo
from inspector_app.services.reference_data import reference_id
from inspector_app.store.models import Finding, Inspection, Site
from inspector_app.store.notice_models import Notice, NoticeFinding, RectificationFeedback
from inspector_app.store.store import Store
from tests.builders import finding_id, start_in

TODAY = date(2026, 12, 3)
OVERDUE, CLOSED = "伊营商监〔2026〕1号", "伊营商监〔2026〕2号"
MARKET = reference_id("unit", "yimei-market")
TAX = reference_id("unit", "yimei-tax")


def demo_with_notices(store: Store) -> None:
    """The demo's inspections, plus an overdue issued notice and a closed one with its answer:
    the first two approved problems, each in a notice of its own."""
    build_demo(store, inspections=4, photos_per_finding=1, photo_size=(800, 600), today=TODAY)
    with store.unit_of_work() as uow:
        problems = uow.session.execute(
            select(Finding, Inspection)
            .join(Inspection, Finding.inspection_id == Inspection.id)
            .where(Finding.result == FindingResult.FAIL)
            .where(Inspection.status == InspectionStatus.APPROVED)
            .order_by(Inspection.started_at, Finding.item_code)
        ).all()
        first, second = problems[0], problems[1]
        late = Notice(
            unit_id=_unit(uow, first),
            inspection_id=first[1].id,
            number=OVERDUE,
            issued_on=date(2026, 11, 2),
            deadline=date(2026, 11, 23),
            status=NoticeStatus.ISSUED,
            contact_person="刘强",
            contact_phone="0458-3600000",
        )
        closed = Notice(
            unit_id=_unit(uow, second),
            inspection_id=second[1].id,
            number=CLOSED,
            issued_on=date(2026, 11, 2),
            deadline=date(2026, 11, 23),
            status=NoticeStatus.CLOSED,
            returned_count=1,
        )
        uow.session.add_all([late, closed])
        uow.session.flush()
        uow.session.add_all(
            [
                NoticeFinding(notice_id=late.id, finding_id=first[0].id, position=0),
                NoticeFinding(notice_id=closed.id, finding_id=second[0].id, position=0),
                RectificationFeedback(
                    notice_id=closed.id,
                    received_on=date(2026, 11, 20),
                    measures="已调整排班，设置AB岗。",
                    verification_result="整改到位",
                    verified_on=date(2026, 11, 27),
                ),
            ]
        )
        uow.commit()


def _unit(uow, problem: tuple[Finding, Inspection]) -> str:
    """The window's unit, else the hall's managing unit, as a notice is addressed."""
    finding, inspection = problem
    owner = finding.unit_id or uow.session.get(Site, inspection.site_id).managing_unit_id
    assert owner, "the demo's halls have a managing unit"
    return owner


def approved_for_two_units(store: Store, photo: Path, campaign_id: str | None = None) -> str:
    """An approved inspection at 伊美区政务服务中心: two problems of the market office, one of
    the tax office."""
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow, campaign_id=campaign_id)
        for code, unit, seen in (
            ("A2", MARKET, "12号窗口无人在岗，群众排队等候。"),
            ("A3", MARKET, "3号、4号窗口工作人员聚堆闲聊。"),
            ("B4", TAX, "办税窗口工作人员趴桌休息。"),
        ):
            failed = finding_id(uow, inspection_id, code)
            ops.update_finding(
                uow,
                failed,
                ops.FindingChanges(result=FindingResult.FAIL, description=seen, unit_id=unit),
            )
            photo_ops.attach_photo(uow, uow.photos, failed, photo)
        ops.submit_inspection(uow, inspection_id)
        ops.review_inspection(uow, inspection_id, approve=True)
        uow.commit()
    return inspection_id


def issue_here(store: Store, notice_id: str, number: str, issued_on: date, settings) -> str:
    """A draft issued as 签发 leaves it, without a server: numbered, its PDF built with that
    number, frozen in issued/ and named by the notice; returns the PDF's sha256."""
    from inspector_app.services import documents as docs
    from inspector_app.store.issued_pdfs import issued_pdfs_in

    with store.unit_of_work() as uow:
        notice = uow.session.get(Notice, notice_id)
        notice.number = number
        uow.session.flush()
        [content] = docs.notice_contents(
            uow,
            uow.photos,
            notice.inspection_id,
            issuer=docs.issuer_from(settings),
            issued_on=issued_on,
            unit_id=notice.unit_id,
        )
        pdf = docs.notice_pdf(content, docs.fonts_from(settings), docs.print_copies_for(uow.photos))
        notice.pdf_sha256 = issued_pdfs_in(store.data_dir).put(pdf)
        notice.issued_on, notice.deadline = issued_on, content.deadline
        notice.status = NoticeStatus.ISSUED
        uow.commit()
        return notice.pdf_sha256
