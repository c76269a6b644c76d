"""Batch print of a campaign's issued notices, each with its 送达回证, as one PDF."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from inspector_app.domain.errors import ValidationFailed
from inspector_app.services.campaigns import create_campaign
from inspector_app.services.issuing import issued_copy
from inspector_app.services.notice_batch import campaign_batch, printable_campaigns
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.services.reference_data import reference_id
from inspector_app.settings import Settings
from inspector_app.store.store import Store
from tests.desk_data import approved_for_two_units, issue_here

SETTINGS = Settings()


def _campaign(store: Store) -> str:
    with store.unit_of_work() as uow:
        campaign = create_campaign(
            uow,
            title="2026年窗口服务专项监督",
            template_id=reference_id("template", "window-service", "1"),
            starts_on=date(2026, 11, 1),
            ends_on=date(2026, 12, 31),
            planned_site_ids=[reference_id("site", "yimei-center")],
            team=["张明"],
        )
        uow.commit()
    return campaign


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_a_campaigns_issued_notices_print_in_number_order_each_with_its_receipt(
    seeded_store: Store, make_jpeg
) -> None:
    campaign = _campaign(seeded_store)
    inspection = approved_for_two_units(seeded_store, make_jpeg(), campaign)
    with seeded_store.unit_of_work() as uow:
        market, tax = (d.id for d in draft_notices(uow, inspection, SETTINGS))
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert printable_campaigns(uow) == []  # drafts only: nothing issued to print
    with pytest.raises(ValidationFailed) as empty:
        campaign_batch(seeded_store, campaign, settings=SETTINGS)
    assert empty.value.code == "notice.batch_empty"

    issue_here(seeded_store, market, "伊营商监〔2026〕10号", date(2026, 12, 1), SETTINGS)
    issue_here(seeded_store, tax, "伊营商监〔2026〕2号", date(2026, 12, 1), SETTINGS)
    with seeded_store.unit_of_work() as uow:
        [choice] = printable_campaigns(uow)
    assert (choice.id, choice.issued) == (campaign, 2)

    batch = campaign_batch(seeded_store, campaign, settings=SETTINGS)
    assert batch.numbers == ("伊营商监〔2026〕2号", "伊营商监〔2026〕10号")
    frozen = [issued_copy(seeded_store, n, settings=SETTINGS) for n in (tax, market)]
    info = subprocess.run(
        ["pdfinfo", "-"], input=batch.pdf, capture_output=True, check=True
    ).stdout.decode()
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert pages == batch.pages == sum(_pages(pdf) for pdf in frozen) + 2  # one receipt each
    text = _text(batch.pdf)
    assert text.count("送达回证") >= 2
    second, tenth = text.index("伊营商监〔2026〕2号"), text.index("伊营商监〔2026〕10号")
    assert second < text.index("送达回证") < tenth  # notice 2, its receipt, then notice 10
    receipt_pages = [page for page in text.split("\f") if "送达回证" in page and "受送达人" in page]
    assert len(receipt_pages) == 2
    assert "国家税务总局伊春市伊美区税务局" in receipt_pages[0]
    assert "伊美区市场监督管理局" in receipt_pages[1]
