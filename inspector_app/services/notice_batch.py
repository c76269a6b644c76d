"""Batch print of a campaign: its issued notices in number order, each followed by its
送达回证, as one PDF to print or save.

Each notice is its frozen issued file (services/issuing.py: never rebuilt, so the
batch prints exactly what was issued); the receipt is built for its number and
addressee as the single print does (documents/delivery_receipt.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from inspector_app.documents.delivery_receipt import ReceiptContent, build_receipt
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services import documents as docs
from inspector_app.services.issuing import issued_copy
from inspector_app.settings import Settings
from inspector_app.store.models import Campaign, Unit
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork

_SERIAL = re.compile(r"〕(\d+)号$")


@dataclass(frozen=True)
class CampaignChoice:
    """A campaign with issued notices to print."""

    id: str
    title: str
    issued: int


@dataclass(frozen=True)
class Batch:
    pdf: bytes
    numbers: tuple[str, ...]  # in print order
    pages: int


def printable_campaigns(uow: UnitOfWork) -> list[CampaignChoice]:
    """Campaigns that have issued notices with their frozen file, by title."""
    counts: dict[str, int] = {}
    for notice in _issued(uow, None):
        if notice.campaign_id is not None:
            counts[notice.campaign_id] = counts.get(notice.campaign_id, 0) + 1
    chosen = [
        CampaignChoice(campaign.id, campaign.title, counts[campaign.id])
        for campaign in uow.session.scalars(select(Campaign).where(Campaign.id.in_(counts)))
    ]
    return sorted(chosen, key=lambda c: c.title)


def campaign_batch(store: Store, campaign_id: str, *, settings: Settings) -> Batch:
    """The campaign's issued notices, each with its 送达回证 after it, in one PDF."""
    with store.unit_of_work() as uow:
        notices = [
            (n.id, n.number or "", _unit_name(uow, n.unit_id)) for n in _issued(uow, campaign_id)
        ]
    if not notices:
        raise ValidationFailed(
            "notice.batch_empty",
            "该专项行动还没有已签发的通知书，没有可批量打印的内容。",
            "This campaign has no issued notices yet, so there is nothing to print.",
        )
    notices.sort(key=lambda n: _order(n[1]))
    fonts = docs.fonts_from(settings)
    writer = PdfWriter()
    for notice_id, number, unit in notices:
        writer.append(PdfReader(io.BytesIO(issued_copy(store, notice_id, settings=settings))))
        receipt = io.BytesIO()
        build_receipt(ReceiptContent(settings.issuer_name, "", number, unit), fonts, receipt)
        writer.append(PdfReader(receipt))
    out = io.BytesIO()
    writer.write(out)
    return Batch(out.getvalue(), tuple(n[1] for n in notices), len(writer.pages))


def _issued(uow: UnitOfWork, campaign_id: str | None) -> list[Notice]:
    """Issued (or later) notices with a frozen file; of one campaign when given."""
    query = select(Notice).where(
        Notice.deleted.is_(False),
        Notice.status != NoticeStatus.DRAFT,
        Notice.pdf_sha256.is_not(None),
    )
    if campaign_id is not None:
        query = query.where(Notice.campaign_id == campaign_id)
    return list(uow.session.scalars(query))


def _unit_name(uow: UnitOfWork, unit_id: str) -> str:
    unit = uow.session.get(Unit, unit_id)
    return unit.name if unit is not None else unit_id


def _order(number: str) -> tuple[str, int, str]:
    """By series and serial: 〔2026〕2号 before 〔2026〕10号."""
    found = _SERIAL.search(number)
    serial = int(found.group(1)) if found else 0
    return (number[: found.start()] if found else number, serial, number)
