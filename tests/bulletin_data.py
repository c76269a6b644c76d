"""A demo-like campaign for bulletin tests: 12 problems at four halls, notices at every stage.

Built through the real services (inspections, photos, review) into a real store; the
notices are saved as rows, as the supervisor's issue workflow (another part) will save
them. Two inspections that a bulletin of November must leave out: one approved in
October, one submitted but not approved.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from inspector_app.domain.finding import FindingResult, FindingStatus
from inspector_app.domain.inspection import InspectionMode
from inspector_app.domain.notice import NoticeStatus
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.campaigns import create_campaign
from inspector_app.services.demo_photos import write_camera_jpeg
from inspector_app.services.reference_data import install_shipped, reference_id
from inspector_app.store.models import Unit, Window
from inspector_app.store.notice_models import Notice, NoticeFinding
from inspector_app.store.store import Store
from tests.builders import WINDOW_SERVICE, finding_id

CHINA = timezone(timedelta(hours=8))
PERIOD = (date(2026, 11, 1), date(2026, 11, 30))
ISSUED_ON = date(2026, 11, 28)
HALLS = ("city-center", "yimei-center", "wucui-center", "youhao-center")
# item, window: three problems a hall, in categories A, C and D
PROBLEMS = (
    ("A2", "2", "2号窗口无人在岗，等候群众5人。"),
    ("C1", "3", "3号窗口工作人员态度生硬。"),
    ("D1", "3", "3号窗口未落实一次性告知。"),
)
# unit → (status, deadline, returned, rectified problems): 红榜, 黑榜, every warning colour
NOTICES = {
    "伊美区人力资源和社会保障局": (NoticeStatus.CLOSED, date(2026, 11, 25), 0, 2),
    "伊春市市场监督管理局": (NoticeStatus.FEEDBACK_SUBMITTED, date(2026, 12, 10), 0, 2),
    "乌翠区人力资源和社会保障局": (NoticeStatus.ISSUED, date(2026, 11, 20), 0, 0),  # red
    "友好区人力资源和社会保障局": (NoticeStatus.IN_PROGRESS, date(2026, 12, 20), 1, 1),  # yellow
    "伊美区市场监督管理局": (NoticeStatus.ISSUED, date(2026, 11, 30), 0, 0),  # blue
}


def _inspect(
    store: Store,
    site: str,
    day: date,
    problems,
    campaign_id: str,
    *,
    approve: bool,
    folder,
    photo: bool = True,
) -> list[str]:
    started = datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA)
    ids = []
    with store.unit_of_work() as uow:
        inspection_id = ops.start_inspection(
            uow,
            template_id=WINDOW_SERVICE,
            site_id=reference_id("site", site),
            mode=InspectionMode.COVERT,
            team=["张明", "李华"],
            started_at=started,
            campaign_id=campaign_id,
        )
        for n, (item, window_no, text) in enumerate(problems):
            window = uow.session.scalars(
                select(Window).where(
                    Window.site_id == reference_id("site", site), Window.number == window_no
                )
            ).one()
            fid = finding_id(uow, inspection_id, item)
            ops.update_finding(
                uow,
                fid,
                ops.FindingChanges(
                    result=FindingResult.FAIL,
                    description=text,
                    window_no=window_no,
                    staff_badge="1001",
                    unit_id=window.unit_id,
                    observed_at=started + timedelta(minutes=10 + n),
                ),
            )
            ids.append(fid)
        uow.commit()
    if photo:
        path = write_camera_jpeg(
            folder / f"{site}-{day}.jpg",
            taken_at=started + timedelta(minutes=10),
            portrait=False,
            label=site,
            size=(800, 600),
            rng=random.Random(len(site)),
        )
        with store.unit_of_work() as uow:
            photo_ops.attach_photo(uow, store.photos, ids[0], path, caption="现场")
            uow.commit()
    with store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id, now=started + timedelta(hours=2))
        if approve:
            ops.review_inspection(
                uow, inspection_id, approve=True, comment="", now=started + timedelta(hours=3)
            )
        uow.commit()
    return ids


def build_bulletin_campaign(store: Store, folder) -> str:
    """The campaign and its inspections and notices; returns the campaign id."""
    folder.mkdir(parents=True, exist_ok=True)
    with store.unit_of_work(suppress_outbox=True) as uow:
        install_shipped(uow)
        uow.commit()
    with store.unit_of_work() as uow:
        campaign_id = create_campaign(
            uow,
            title="2026年政务服务窗口服务不优专项监督",
            template_id=WINDOW_SERVICE,
            starts_on=PERIOD[0],
            ends_on=PERIOD[1],
            planned_site_ids=[reference_id("site", s) for s in HALLS],
            team=["张明", "李华"],
        )
        uow.commit()
    problems = []
    for n, site in enumerate(HALLS):
        problems += _inspect(
            store, site, date(2026, 11, 9 + n), PROBLEMS, campaign_id, approve=True, folder=folder
        )
    _inspect(
        store,
        "tieli-center",
        date(2026, 10, 15),
        PROBLEMS[:1],
        campaign_id,
        approve=True,
        folder=folder,
    )
    _inspect(
        store,
        "yimei-center",
        date(2026, 11, 20),
        PROBLEMS[:1],
        campaign_id,
        approve=False,
        folder=folder,
    )
    with store.unit_of_work() as uow:
        from inspector_app.store.models import Finding

        by_unit: dict[str, list[Finding]] = {}
        for fid in problems:
            finding = uow.session.get(Finding, fid)
            name = uow.session.get(Unit, finding.unit_id).name
            by_unit.setdefault(name, []).append(finding)
        for serial, (name, (status, deadline, returned, rectified)) in enumerate(
            NOTICES.items(), start=1
        ):
            findings = by_unit[name]
            notice = Notice(
                unit_id=findings[0].unit_id,
                campaign_id=campaign_id,
                inspection_id=findings[0].inspection_id,
                status=status,
                issued_on=date(2026, 11, 16),
                deadline=deadline,
                returned_count=returned,
                number=f"伊营商监〔2026〕{serial}号",
            )
            uow.session.add(notice)
            for position, finding in enumerate(findings):
                uow.session.add(
                    NoticeFinding(notice_id=notice.id, finding_id=finding.id, position=position)
                )
                finding.status = (
                    FindingStatus.RECTIFIED if position < rectified else FindingStatus.ASSIGNED
                )
        uow.commit()
    return campaign_id
