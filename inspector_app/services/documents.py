"""Gather what the notice and the record sheet say from the store."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from inspector_app.documents.content import (
    EvidencePhoto,
    Issuer,
    NoticeContent,
    NoticeProblem,
    RecordContent,
    RecordInspector,
    RecordItem,
    chinese_time,
)
from inspector_app.documents.delivery_receipt import build_receipt, receipt_file_name, receipt_for
from inspector_app.documents.fonts import DocumentFonts, FontRole, resolve_fonts
from inspector_app.documents.notice_pdf import build_notice
from inspector_app.documents.print_copies import PrintCopies, print_copies_in
from inspector_app.documents.record_pdf import build_record
from inspector_app.domain import bureau_time
from inspector_app.domain.checklist import ChecklistTemplate
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import RESULT_LABELS, FindingResult
from inspector_app.domain.inspection import MODE_LABELS, InspectionMode
from inspector_app.domain.notice import NoticeStatus, validate_deadline
from inspector_app.domain.working_days import OFFICIAL, WorkingCalendar, due_date
from inspector_app.services.inspections import get_template, inspection_or_error
from inspector_app.services.notice_routing import problems_by_unit
from inspector_app.services.queries import FindingView, InspectionSheet, load_inspection_sheet
from inspector_app.services.working_calendar import load_working_calendar
from inspector_app.settings import Settings
from inspector_app.store.atomic_files import USER_FILE_MODE, write_atomically
from inspector_app.store.issued_pdfs import issued_pdfs_in
from inspector_app.store.models import Site
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.photos import PhotoStore
from inspector_app.store.unit_of_work import UnitOfWork

NOTICE_NAMESPACE = uuid.UUID("0c6f1f9e-2f7e-4b4c-8f0a-5d1e3b7a9c21")


def notice_contents(
    uow: UnitOfWork,
    photos: PhotoStore,
    inspection_id: str,
    *,
    issuer: Issuer,
    issued_on: date,
    working_days: int = 15,
    unit_id: str | None = None,
    calendar: WorkingCalendar = OFFICIAL,
) -> list[NoticeContent]:
    """One notice per responsible unit that has problems; a draft unless already numbered.

    A problem is addressed to its window's unit, else to the hall's managing unit, and
    never to the issuing bureau itself: a problem at one of the bureau's own windows
    (the registry has one, 伊春市政务服务中心 window 25) goes to the hall's managing
    unit, which runs the hall's windows; with no other unit to answer it is refused.
    The due date is `working_days` working days after the issue date, holidays and
    调休 weekends counted as the State Council arranged them.
    """
    sheet = load_inspection_sheet(uow, photos, inspection_id)
    by_unit = _as_drafted(uow, sheet, inspection_id, problems_by_unit(uow, sheet, issuer, unit_id))
    if unit_id is not None:
        by_unit = {owner: found for owner, found in by_unit.items() if owner == unit_id}
    contents = []
    for owner, findings in sorted(by_unit.items(), key=lambda kv: sheet.units.get(kv[0], "")):
        notice = uow.session.scalars(
            select(Notice).where(
                Notice.inspection_id == inspection_id,
                Notice.unit_id == owner,
                Notice.deleted.is_(False),
            )
        ).first()
        issued = notice.issued_on if notice and notice.issued_on else issued_on
        if notice and notice.deadline:
            deadline = notice.deadline
            days = calendar.working_days_between(issued, deadline)
        else:
            deadline, days = due_date(issued, working_days, calendar), working_days
        validate_deadline(issued, deadline)
        entries, evidence = [], []
        for number, finding in enumerate(findings, start=1):
            entries.append(_problem(sheet.template, finding))
            for photo in finding.live_photos:
                evidence.append(
                    EvidencePhoto(
                        image=Path(photo.preview_path),  # upright, ≤ 1600 px; annotated if marked
                        rotation=photo.rotation,
                        problem_number=number,
                        item=finding.title,
                        taken_at=photo.taken_at,
                        place=sheet.site_name,
                        sha256=photo.sha256,
                    )
                )
        contents.append(
            NoticeContent(
                notice_id=notice.id
                if notice
                else str(uuid.uuid5(NOTICE_NAMESPACE, f"{inspection_id}/{owner}")),
                issuer=_with_contact(issuer, notice),
                number=notice.number if notice else None,
                addressee=sheet.units.get(owner, owner),
                site=sheet.site_name,
                mode_text=MODE_LABELS[sheet.mode][0],
                visited_on=bureau_time.local(sheet.started_at).date(),
                issued_on=issued,
                deadline=deadline,
                working_days=days,
                problems=tuple(entries),
                photos=tuple(evidence),
            )
        )
    return contents


def _as_drafted(
    uow: UnitOfWork,
    sheet: InspectionSheet,
    inspection_id: str,
    routed: dict[str, list[FindingView]],
) -> dict[str, list[FindingView]]:
    """Each unit's problems as its draft lists them (a problem may have been moved to
    another draft on the 通知书 page, services/notice_regrouping.py); a unit without a
    draft, or a draft from before drafts listed their problems, as routed."""
    by_id = {finding.id: finding for finding in sheet.findings}
    grouped = dict(routed)
    drafts = uow.session.scalars(
        select(Notice).where(Notice.inspection_id == inspection_id, Notice.deleted.is_(False))
    )
    for notice in drafts:
        links = uow.session.scalars(
            select(NoticeFinding)
            .where(NoticeFinding.notice_id == notice.id)
            .order_by(NoticeFinding.position, NoticeFinding.id)
        ).all()
        if not links:
            continue
        listed = [by_id[link.finding_id] for link in links if not link.deleted]
        grouped[notice.unit_id] = [f for f in listed if f.result == FindingResult.FAIL]
    return {owner: found for owner, found in grouped.items() if found}


def _with_contact(issuer: Issuer, notice: Notice | None) -> Issuer:
    """The 联系人 line: the draft's own (edited on the 通知书 page), else the settings'."""
    if notice is None or not (notice.contact_person.strip() or notice.contact_phone.strip()):
        return issuer
    return replace(
        issuer,
        contact_person=notice.contact_person.strip() or issuer.contact_person,
        contact_phone=notice.contact_phone.strip() or issuer.contact_phone,
    )


def _problem(template: ChecklistTemplate, finding: FindingView) -> NoticeProblem:
    """What the notice says of one finding: the item without its code, and its basis."""
    basis = ""
    description = finding.description.strip()
    if finding.item_code is not None:
        try:
            basis = template.item(finding.item_code).basis or ""
        except KeyError:  # an item the frozen template no longer has: no basis to cite
            basis = ""
        if not description:  # a draft: say which requirement was not met
            description = f"不符合“{finding.title}”的检查要求"
    return NoticeProblem(
        finding.title,
        description,
        finding.window_no,
        finding.observed_at,
        finding.staff_badge,
        basis,
    )


def record_content(
    uow: UnitOfWork, photos: PhotoStore, inspection_id: str, *, issuer: Issuer
) -> RecordContent:
    """The record sheet of one inspection: facts, every item's result, who signs."""
    sheet = load_inspection_sheet(uow, photos, inspection_id)
    inspection = inspection_or_error(uow, inspection_id)
    template = get_template(uow, inspection.template_id)
    site = uow.session.get(Site, sheet.site_id)
    managing = site.managing_unit_id if site else None
    items = []
    for finding in sheet.findings:
        if finding.item_code is None:
            continue
        items.append(
            RecordItem(
                code=finding.item_code,
                category=template.category_name(finding.category_code),
                text=finding.title,
                result_text=RESULT_LABELS[finding.result][0],
                failed=finding.result == FindingResult.FAIL,
                note=record_note(finding),
            )
        )
    adhoc = tuple(
        RecordItem("表外", "", f.title, RESULT_LABELS[f.result][0], True, record_note(f))
        for f in sheet.findings
        if f.item_code is None
    )
    problem_units = dict.fromkeys(
        sheet.units.get(f.unit_id, f.unit_id)
        for f in sheet.findings
        if f.result == FindingResult.FAIL and f.unit_id and f.unit_id != managing
    )
    facts = sheet.record
    return RecordContent(
        inspection_id=inspection_id,
        issuer=issuer,
        site=sheet.site_name,
        address=site.address if site else "",
        mode_text=MODE_LABELS[sheet.mode][0],
        started_at=sheet.started_at,
        ended_at=inspection.ended_at,
        team=sheet.team,
        template_name=f"{template.name}（第{template.version}版）",
        items=tuple(items),
        adhoc=adhoc,
        inspected_unit=sheet.units.get(managing, "") if managing else "",
        problem_units=tuple(problem_units),
        inspectors=tuple(
            RecordInspector(name, facts.cert_nos.get(name, "")) for name in sheet.team
        ),
        recorder=facts.recorder,
        covert=sheet.mode == InspectionMode.COVERT,
        identity_shown=facts.identity_shown,
    )


_TRAILING_MARKS = "。；，、：.;,: \t\n　"


def record_note(finding: FindingView) -> str:
    """情况说明: what was seen, then window and badge, one mark between parts
    ("…二十分钟；窗口：5号；工号：7538。", never "…二十分钟。；窗口："); a problem no
    checklist item covers also says when it was seen, as no item's row places it."""
    seen = finding.description.strip().rstrip(_TRAILING_MARKS)
    if finding.item_code is None and finding.observed_at is not None:
        seen += f"（{chinese_time(finding.observed_at)}）"
    parts = [seen]
    window = finding.window_no.strip()
    if window:
        parts.append(f"窗口：{window if window.endswith('号') else window + '号'}")
    if finding.staff_badge.strip():
        parts.append(f"工号：{finding.staff_badge.strip()}")
    text = "；".join(part for part in parts if part)
    return f"{text}。" if text else ""


def issuer_from(settings: Settings) -> Issuer:
    return Issuer(
        settings.issuer_name,
        settings.issuer_code,
        settings.contact_person,
        settings.contact_phone,
        copy_to=tuple(settings.copy_to),
        printer=settings.printing_office,
    )


def fonts_from(settings: Settings) -> DocumentFonts:
    return resolve_fonts(
        {
            FontRole.TITLE: settings.font_title,
            FontRole.BODY: settings.font_body,
            FontRole.HEADING: settings.font_heading,
            FontRole.KAI: settings.font_kai,
        }
    )


def notice_pdf(
    content: NoticeContent, fonts: DocumentFonts, copies: PrintCopies | None = None
) -> bytes:
    buffer = io.BytesIO()
    build_notice(content, fonts, buffer, copies=copies)
    return buffer.getvalue()


def print_copies_for(photos: PhotoStore) -> PrintCopies:
    """The store's print copies, beside its previews (photos/print/), shared by the process."""
    return print_copies_in(photos.root / "print")


def record_pdf(content: RecordContent, fonts: DocumentFonts) -> bytes:
    buffer = io.BytesIO()
    build_record(content, fonts, buffer)
    return buffer.getvalue()


def receipt_pdf(content: NoticeContent, fonts: DocumentFonts) -> bytes:
    """The notice's 送达回证, one page."""
    buffer = io.BytesIO()
    build_receipt(receipt_for(content), fonts, buffer)
    return buffer.getvalue()


def save_pdf(data: bytes, target: Path) -> Path:
    """Write a finished PDF atomically; a clear message when the place is not writable.

    The file is the user's, not the store's: it gets their umask's mode so
    colleagues, a print server or a mail client can read it like any saved file.
    """
    try:
        write_atomically(target, data, mode=USER_FILE_MODE)
    except OSError as exc:
        raise ValidationFailed(
            "documents.unwritable",
            f"无法写入文件 {target}（{exc.strerror or type(exc).__name__}）。",
            f"Cannot write {target} ({exc.strerror or type(exc).__name__}).",
        ) from None
    return target


def notice_file_name(content: NoticeContent) -> str:
    kind = content.number or "草稿"
    safe = "".join(ch for ch in f"整改通知书-{content.addressee}-{kind}" if ch not in '\\/:*?"<>|')
    return f"{safe}.pdf"


@dataclass(frozen=True)
class BuiltDocument:
    label: str  # the addressee of a notice; the sheet's own name for a record
    file_name: str
    data: bytes
    # A notice's 送达回证: its own file beside the notice, printed with it.
    receipt: BuiltDocument | None = None


@dataclass(frozen=True)
class DocumentDraft:
    """What a document says, gathered from the store; `render()` makes the PDFs.

    Two steps so the app gathers on the store thread and renders on a file
    thread (reportlab takes seconds), while the CLI simply calls both.
    """

    kind: str  # "notice" | "record"
    contents: tuple[NoticeContent | RecordContent, ...]
    settings: Settings
    print_copies: PrintCopies | None = None  # the photos' print copies, made once each
    # Issued notices' frozen PDFs by notice id: given back byte for byte, never rebuilt.
    issued: tuple[tuple[str, bytes], ...] = ()

    def render(self) -> list[BuiltDocument]:
        fonts = fonts_from(self.settings)
        built = []
        for content in self.contents:
            if isinstance(content, RecordContent):
                name = f"现场检查记录表-{content.site}.pdf"
                built.append(BuiltDocument("现场检查记录表", name, record_pdf(content, fonts)))
            else:
                frozen = dict(self.issued).get(content.notice_id)
                data = frozen or notice_pdf(content, fonts, self.print_copies)
                file_name = notice_file_name(content)
                receipt = BuiltDocument(
                    f"送达回证（{content.addressee}）",
                    receipt_file_name(file_name),
                    receipt_pdf(content, fonts),
                )
                built.append(BuiltDocument(content.addressee, file_name, data, receipt))
        return built


def prepare_documents(
    uow: UnitOfWork,
    photos: PhotoStore,
    inspection_id: str,
    *,
    kind: str,
    settings: Settings,
    issued_on: date,
    unit_id: str | None = None,
) -> DocumentDraft:
    """The one way the app and the CLI build a notice set or a record sheet."""
    issuer = issuer_from(settings)
    if kind == "record":
        contents: tuple[NoticeContent | RecordContent, ...] = (
            record_content(uow, photos, inspection_id, issuer=issuer),
        )
    else:
        contents = tuple(
            notice_contents(
                uow,
                photos,
                inspection_id,
                issuer=issuer,
                issued_on=issued_on,
                working_days=settings.deadline_working_days,
                unit_id=unit_id,
                calendar=load_working_calendar(),
            )
        )
    return DocumentDraft(
        kind, contents, settings, print_copies_for(photos), _issued_pdfs(uow, photos, contents)
    )


def _issued_pdfs(
    uow: UnitOfWork, photos: PhotoStore, contents: tuple[NoticeContent | RecordContent, ...]
) -> tuple[tuple[str, bytes], ...]:
    """The frozen PDFs of the issued notices among `contents` (store/issued_pdfs.py)."""
    kept = issued_pdfs_in(photos.root.parent)
    found = []
    for content in contents:
        if isinstance(content, NoticeContent):
            notice = uow.session.get(Notice, content.notice_id)
            if notice is not None and notice.pdf_sha256 and notice.status != NoticeStatus.DRAFT:
                found.append((notice.id, kept.get(notice.pdf_sha256)))
    return tuple(found)
