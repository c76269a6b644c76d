"""Gather what the notice and the record sheet say from the store."""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
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
from inspector_app.documents.record_pdf import build_record
from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import RESULT_LABELS, FindingResult
from inspector_app.domain.inspection import MODE_LABELS, InspectionMode
from inspector_app.domain.notice import validate_deadline
from inspector_app.services.inspections import get_template, inspection_or_error
from inspector_app.services.queries import FindingView, load_inspection_sheet
from inspector_app.settings import Settings
from inspector_app.store.atomic_files import USER_FILE_MODE, write_atomically
from inspector_app.store.models import Site, Unit
from inspector_app.store.notice_models import Notice
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
    deadline_days: int = 15,
    unit_id: str | None = None,
) -> list[NoticeContent]:
    """One notice per responsible unit that has problems; a draft unless already numbered."""
    sheet = load_inspection_sheet(uow, photos, inspection_id)
    site = uow.session.get(Site, sheet.site_id)
    problems = [f for f in sheet.findings if f.result == FindingResult.FAIL]
    by_unit: dict[str, list] = defaultdict(list)
    unassigned = []
    for finding in problems:
        owner = finding.unit_id or (site.managing_unit_id if site else None)
        if owner is None:
            unassigned.append(finding)
        else:
            by_unit[owner].append(finding)
    if unassigned:
        listed = "；".join(f"{f.item_code or ''} {f.title}".strip() for f in unassigned)
        raise ValidationFailed(
            "notice.unit_missing",
            f"以下问题未指定责任单位，无法生成整改通知书：{listed}。",
            f"These problems have no responsible unit, so no notice can be made: {listed}.",
        )
    if unit_id is not None:
        if uow.session.get(Unit, unit_id) is None:
            raise ValidationFailed(
                "notice.unknown_unit",
                f"找不到责任单位 {unit_id}。",
                f"No responsible unit with id {unit_id} exists.",
            )
        if unit_id not in by_unit:
            raise ValidationFailed(
                "notice.no_problems_for_unit",
                f"本次检查没有责任单位为 {sheet.units.get(unit_id, unit_id)} 的问题。",
                f"This inspection has no problems for unit {unit_id}.",
            )
        by_unit = {unit_id: by_unit[unit_id]}
    deadline = issued_on + timedelta(days=deadline_days)
    validate_deadline(issued_on, deadline)
    contents = []
    for owner, findings in sorted(by_unit.items(), key=lambda kv: sheet.units.get(kv[0], "")):
        notice = uow.session.scalars(
            select(Notice).where(
                Notice.inspection_id == inspection_id,
                Notice.unit_id == owner,
                Notice.deleted.is_(False),
            )
        ).first()
        entries, evidence = [], []
        for number, finding in enumerate(findings, start=1):
            label = f"{finding.item_code} {finding.title}" if finding.item_code else finding.title
            entries.append(
                NoticeProblem(
                    label,
                    finding.description,
                    finding.window_no,
                    finding.observed_at,
                    finding.staff_badge,
                )
            )
            for photo in finding.live_photos:
                evidence.append(
                    EvidencePhoto(
                        image=Path(photo.preview_path),  # upright, ≤ 1600 px; annotated if marked
                        rotation=photo.rotation,
                        problem_number=number,
                        item=label,
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
                issuer=issuer,
                number=notice.number if notice else None,
                addressee=sheet.units.get(owner, owner),
                site=sheet.site_name,
                mode_text=MODE_LABELS[sheet.mode][0],
                visited_on=bureau_time.local(sheet.started_at).date(),
                issued_on=notice.issued_on if notice and notice.issued_on else issued_on,
                deadline=notice.deadline if notice and notice.deadline else deadline,
                problems=tuple(entries),
                photos=tuple(evidence),
            )
        )
    return contents


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
        settings.issuer_name, settings.issuer_code, settings.contact_person, settings.contact_phone
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


def notice_pdf(content: NoticeContent, fonts: DocumentFonts) -> bytes:
    buffer = io.BytesIO()
    build_notice(content, fonts, buffer)
    return buffer.getvalue()


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

    def render(self) -> list[BuiltDocument]:
        fonts = fonts_from(self.settings)
        built = []
        for content in self.contents:
            if isinstance(content, RecordContent):
                name = f"现场检查记录表-{content.site}.pdf"
                built.append(BuiltDocument("现场检查记录表", name, record_pdf(content, fonts)))
            else:
                data = notice_pdf(content, fonts)
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
                deadline_days=settings.deadline_days,
                unit_id=unit_id,
            )
        )
    return DocumentDraft(kind, contents, settings)
