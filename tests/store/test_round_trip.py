"""Every entity is written to a real SQLite file and read back unchanged."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import inspect as sa_inspect

from inspector_app.domain.finding import FindingResult, FindingStatus, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.notice import EscalationLevel, ExtensionStatus, NoticeStatus
from inspector_app.store.models import (
    Blob,
    Campaign,
    ChecklistTemplateRecord,
    Finding,
    Inspection,
    Photo,
    Site,
    SyncState,
    Unit,
    Window,
)
from inspector_app.store.notice_models import (
    Amendment,
    Notice,
    NoticeFinding,
    RectificationFeedback,
)
from inspector_app.store.store import Store

CHINA = timezone(timedelta(hours=8))
WHEN = datetime(2026, 11, 20, 9, 30, 15, 123456, tzinfo=CHINA)


def _columns(obj: Any) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in sa_inspect(obj).mapper.column_attrs}


def test_every_entity_round_trips_through_the_file(store: Store) -> None:
    unit = Unit(code="city-market", name="伊春市市场监督管理局", short_name="市市场监管局")
    site = Site(
        code="city-center",
        name="伊春市政务服务中心",
        district="市本级",
        address="新兴中大街1号",
        managing_unit_id=unit.id,
    )
    template = ChecklistTemplateRecord(
        code="window-service", version=3, name="检查表", content={"schema": 1, "items": ["A1"]}
    )
    campaign = Campaign(
        title="专项行动",
        template_id=template.id,
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 12, 31),
        planned_site_ids=[site.id],
        team=["张明"],
    )
    window = Window(site_id=site.id, number="3", name="企业开办", unit_id=unit.id)
    inspection = Inspection(
        campaign_id=campaign.id,
        template_id=template.id,
        site_id=site.id,
        mode=InspectionMode.COVERT,
        team=["张明", "李华"],
        started_at=WHEN,
        ended_at=WHEN + timedelta(hours=1),
        status=InspectionStatus.RETURNED,
        note="四不两直",
        review_comment="补充照片",
    )
    finding = Finding(
        inspection_id=inspection.id,
        item_code="A2",
        category_code="A",
        title="空岗",
        result=FindingResult.FAIL,
        severity=Severity.SERIOUS,
        photo_required=True,
        description="9时20分3号窗口无人",
        window_no="3",
        staff_badge="0231",
        unit_id=unit.id,
        observed_at=WHEN,
        status=FindingStatus.ASSIGNED,
    )
    blob = Blob(
        sha256="ab" * 32,
        size=123,
        mime="image/jpeg",
        width=4032,
        height=3024,
        exif_orientation=6,
        taken_at=WHEN,
    )
    photo = Photo(
        finding_id=finding.id,
        sha256=blob.sha256,
        original_name="IMG_1.jpg",
        caption="3号窗口",
        taken_at=WHEN,
        sort_order=2,
    )
    notice = Notice(
        unit_id=unit.id,
        campaign_id=campaign.id,
        inspection_id=inspection.id,
        number="伊营商监〔2026〕7号",
        issued_on=date(2026, 11, 28),
        deadline=date(2026, 12, 12),
        status=NoticeStatus.RETURNED,
        extension_status=ExtensionStatus.GRANTED,
        extended_deadline=date(2026, 12, 20),
        escalation=EscalationLevel.ADMONITION,
        returned_count=1,
        contact_person="刘洋",
        contact_phone="0458-3600000",
        content_digest="cd" * 32,
    )
    link = NoticeFinding(notice_id=notice.id, finding_id=finding.id, position=1)
    feedback = RectificationFeedback(
        notice_id=notice.id,
        received_on=date(2026, 12, 5),
        measures="已调整排班",
        evidence_sha256=[blob.sha256],
        verification_result="复查属实",
        verified_on=date(2026, 12, 8),
    )
    amendment = Amendment(
        entity="finding",
        record_id=finding.id,
        field="window_no",
        old_value="3",
        new_value="5",
        reason="笔误更正",
        author="张明",
    )
    state = SyncState(key="client_id", value="c-1")
    records = [
        unit,
        site,
        template,
        campaign,
        window,
        inspection,
        finding,
        blob,
        photo,
        notice,
        link,
        feedback,
        amendment,
        state,
    ]
    with store.unit_of_work() as uow:
        for record in records:
            uow.session.add(record)
            uow.session.flush()
        uow.commit()
        written = {type(r): _columns(r) for r in records}
    store.close()

    reopened = Store.open(store.data_dir)
    try:
        with reopened.unit_of_work() as uow:
            for cls, columns in written.items():
                key = sa_inspect(cls).primary_key[0].key
                loaded = uow.session.get(cls, columns[key])
                assert loaded is not None, cls.__name__
                assert _columns(loaded) == columns, cls.__name__
    finally:
        reopened.close()


def test_datetimes_come_back_aware_in_utc(store: Store) -> None:
    with store.unit_of_work() as uow:
        uow.session.add(Unit(code="u", name="单位"))
        uow.commit()
    with store.unit_of_work() as uow:
        unit = uow.session.query(Unit).one()
        assert unit.created_at.tzinfo is not None
        assert unit.created_at.utcoffset() == timedelta(0)
