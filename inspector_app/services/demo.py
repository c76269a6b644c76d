"""A realistic demo dataset, built through the same use cases the app uses.

Times agree everywhere a reader can compare them: a sample description that
says "9时20分，12号窗口…" is stored as observed at 9:20 on the bureau's clock,
and its photo's EXIF time, caption and the stamp drawn on it say the same,
whatever zone the machine building the demo runs in.
"""

from __future__ import annotations

import random
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from inspector_app.domain import bureau_time
from inspector_app.domain.checklist import ChecklistItem
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult, Severity
from inspector_app.domain.inspection import InspectionMode, InspectionStatus
from inspector_app.domain.working_days import OFFICIAL, CalendarNotCovered
from inspector_app.resources import shipped_templates
from inspector_app.services import inspections as ops
from inspector_app.services import photos as photo_ops
from inspector_app.services.campaigns import create_campaign
from inspector_app.services.demo_photos import CAMERA_SIZE, write_camera_jpeg
from inspector_app.services.reference_data import install_shipped
from inspector_app.settings import Settings
from inspector_app.store.models import Campaign, Finding, Site, Unit, Window
from inspector_app.store.store import Store
from inspector_app.store.unit_of_work import UnitOfWork

DEMO_CAMPAIGN = "政务服务窗口服务不优专项监督"  # after the year: 2026年政务服务…
# Sample descriptions open with the moment of seeing ("9时20分，…"), or say it
# as "12时20分检查时"; other times in them are opening hours or the end of a span.
LEADING_TIME = re.compile(r"^(\d{1,2})时(\d{2})分")
CHECKED_AT = re.compile(r"(\d{1,2})时(\d{2})分检查")
ANY_TIME = re.compile(r"(\d{1,2})时(?:(\d{2})分)?")
WINDOW_NAMED = re.compile(r"\d+号窗口")
HALL_WIDE = frozenset({"H"})  # 大厅秩序、环境与设施: the hall's, not a window's
WEEKDAY = re.compile(r"周[一二三四五六日天]|星期[一二三四五六日天]")
# Parts of the day a sample may name, as hours on the hall's clock [from, to).
DAY_PARTS = {"早上": (6, 9), "上午": (6, 12), "中午": (11, 14), "下午": (12, 19), "晚上": (18, 24)}
DEMO_SITE_CODES = (
    "city-center",
    "city-hrss-hall",
    "yimei-center",
    "wucui-center",
    "youhao-center",
    "tieli-center",
)
TEAM = ["张明", "李华", "王芳（特邀监督员）"]
# Every inspection status appears, then more of the common ones.
STATUS_CYCLE = (
    InspectionStatus.APPROVED,
    InspectionStatus.SUBMITTED,
    InspectionStatus.RETURNED,
    InspectionStatus.DRAFT,
    InspectionStatus.APPROVED,
    InspectionStatus.SUBMITTED,
)
ADHOC = (
    ("大厅饮水机无水", "10时05分，大厅等候区饮水机水桶已空，无工作人员更换，多名群众询问。"),
    ("自助填单台缺少纸笔", "咨询辅导区填单台无签字笔、无空白表格，群众需到窗口借笔。"),
    ("出口处指示牌缺失", "大厅二楼出口处无楼层指示牌，群众反映找不到出件区。"),
)


@dataclass(frozen=True)
class DemoReport:
    campaign_id: str
    inspection_ids: list[str]
    findings: int
    problems: int
    photos: int


def build_demo(
    store: Store,
    *,
    inspections: int = 6,
    photos_per_finding: int = 1,
    photo_size: tuple[int, int] = CAMERA_SIZE,
    seed: int = 2026,
    today: date | None = None,
    issuer_name: str | None = None,
) -> DemoReport:
    """Build the demo into `store`; refused when the store already holds it.

    `issuer_name` is the bureau that will sign the notices (Settings.issuer_name):
    no demo problem is made its own responsibility, since a notice addressed to
    the issuer itself makes no sense.
    """
    rng = random.Random(seed)
    today = today or bureau_time.today()
    issuer_name = issuer_name or Settings().issuer_name
    with store.unit_of_work() as uow:
        if has_demo_data(uow):
            raise ValidationFailed(
                "demo.already_present",
                f"该数据目录（{store.data_dir}）已有演示数据，未重复生成。",
                f"The data folder {store.data_dir} already holds the demo data; nothing was added.",
            )
    with store.unit_of_work(suppress_outbox=True) as uow:
        template_ids = install_shipped(uow)
        uow.commit()
    template_id = template_ids[_template_index("window-service")]
    with store.unit_of_work() as uow:
        sites = list(uow.session.scalars(select(Site).where(Site.code.in_(DEMO_SITE_CODES))))
        sites.sort(key=lambda s: DEMO_SITE_CODES.index(s.code))
        campaign_id = create_campaign(
            uow,
            title=f"{today.year}年{DEMO_CAMPAIGN}",
            template_id=template_id,
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=30),
            planned_site_ids=[s.id for s in sites],
            team=TEAM,
        )
        uow.commit()
        template = ops.get_template(uow, template_id)
    windows_by_site = _windows(store, issuer_name)
    report = DemoReport(campaign_id, [], 0, 0, 0)
    with tempfile.TemporaryDirectory(prefix="inspector-demo-") as scratch:
        for index in range(inspections):
            site = sites[index % len(sites)]
            status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
            # Before 8:30, when halls open: some samples are about the opening minutes.
            started = datetime.combine(
                hall_open_day(today - timedelta(days=3 * (inspections - index))),
                time(8, 20 + rng.randint(0, 9)),
                bureau_time.zone(),
            )
            inspection_id, counts = _record_one(
                store,
                rng,
                Path(scratch),
                template.items,
                template_id,
                campaign_id,
                site,
                windows_by_site[site.id],
                status,
                started,
                photos_per_finding,
                photo_size,
                index,
            )
            report.inspection_ids.append(inspection_id)
            report = DemoReport(
                campaign_id,
                report.inspection_ids,
                report.findings + counts[0],
                report.problems + counts[1],
                report.photos + counts[2],
            )
    return report


def hall_open_day(day: date) -> date:
    """`day`, or the working day before it: the samples describe staffed windows
    ("9时20分，12号窗口…"), which a hall has on working days, not on a Sunday or
    during 国庆. Outside the holiday data, Monday to Friday."""
    while True:
        try:
            open_day = OFFICIAL.is_working_day(day)
        except CalendarNotCovered:
            open_day = day.weekday() < 5
        if open_day:
            return day
        day -= timedelta(days=1)


def _template_index(code: str) -> int:
    return [t.code for t in shipped_templates()].index(code)


def has_demo_data(uow: UnitOfWork) -> bool:
    """A demo campaign (its title and the demo team) is already in the store."""
    campaigns = uow.session.scalars(
        select(Campaign).where(
            Campaign.title.like(f"%年{DEMO_CAMPAIGN}"), Campaign.deleted.is_(False)
        )
    )
    return any(c.team == TEAM for c in campaigns)


def _windows(store: Store, issuer_name: str) -> dict[str, list[Window]]:
    """Windows problems may be found at: none the issuing bureau answers for.

    The registry has such windows (伊春市政务服务中心 window 25, “办不成事”反映窗口,
    is the bureau's own); a notice would then be addressed to its issuer.
    """
    with store.unit_of_work() as uow:
        issuer_units = set(uow.session.scalars(select(Unit.id).where(Unit.name == issuer_name)))
        managing = dict(uow.session.execute(select(Site.id, Site.managing_unit_id)).all())
        result: dict[str, list[Window]] = {}
        for window in uow.session.scalars(select(Window).order_by(Window.number)):
            if (window.unit_id or managing.get(window.site_id)) not in issuer_units:
                result.setdefault(window.site_id, []).append(window)
        return result


def written_time(description: str) -> time | None:
    """The moment a sample description says the problem was seen, if it says one."""
    match = LEADING_TIME.match(description) or CHECKED_AT.search(description)
    return time(int(match[1]), int(match[2])) if match else None


def times_written(description: str) -> list[time]:
    """Every clock time a description mentions (opening hours, the end of a span…)."""
    return [time(int(h), int(m or 0)) for h, m in ANY_TIME.findall(description)]


def day_parts(description: str) -> list[str]:
    """The parts of the day (上午, 下午…) a description names."""
    return [part for part in DAY_PARTS if part in description]


def fits_a_demo_visit(description: str) -> bool:
    """A sample usable as written on any demo day: no weekday, and a time of seeing
    if it mentions a time or a part of the day (下午) at all."""
    if WEEKDAY.search(description):
        return False
    if written_time(description) is not None:
        return True
    return not times_written(description) and not day_parts(description)


def _observed(description: str, day: date, clock: datetime) -> datetime:
    seen = written_time(description)
    return datetime.combine(day, seen, bureau_time.zone()) if seen else clock


def _chinese_clock(moment: datetime) -> str:
    """9时20分, as the descriptions and printed documents write it."""
    local = bureau_time.local(moment)
    return f"{local.hour}时{local.minute:02d}分"


def _latest_written(description: str, day: date, observed: datetime) -> datetime:
    moments = [datetime.combine(day, t, bureau_time.zone()) for t in times_written(description)]
    return max([observed, *moments])


def _record_one(
    store: Store,
    rng: random.Random,
    scratch: Path,
    items: tuple[ChecklistItem, ...],
    template_id: str,
    campaign_id: str,
    site: Site,
    windows: list[Window],
    status: InspectionStatus,
    started: datetime,
    photos_per_finding: int,
    photo_size: tuple[int, int],
    index: int,
) -> tuple[str, tuple[int, int, int]]:
    mode = InspectionMode.COVERT if index % 3 != 1 else InspectionMode.OVERT
    failing = set(rng.sample(range(len(items)), 8))
    not_applicable = set(rng.sample(sorted(set(range(len(items))) - failing), 3))
    walked = len(items) if status != InspectionStatus.DRAFT else len(items) * 2 // 3
    findings = problems = photos = 0
    with store.unit_of_work() as uow:
        inspection_id = ops.start_inspection(
            uow,
            template_id=template_id,
            site_id=site.id,
            mode=mode,
            team=TEAM[: 2 + index % 2],
            started_at=started,
            campaign_id=campaign_id,
            note="四不两直：未提前通知，直奔现场。" if mode == InspectionMode.COVERT else "",
        )
        uow.commit()
        rows = {
            f.item_code: f.id
            for f in uow.session.scalars(
                select(Finding).where(Finding.inspection_id == inspection_id)
            )
        }
    clock = started
    day = started.date()
    latest = started
    for position, item in enumerate(items[:walked]):
        clock += timedelta(minutes=rng.randint(1, 4))
        finding_id = rows[item.code]
        if position in failing:
            window = rng.choice(windows)
            samples = [e for e in item.examples if fits_a_demo_visit(e)]
            description = rng.choice(samples) if samples else item.text
            badge = f"{rng.randint(1000, 9999)}"
            # The hall's rooms, devices and order are its managing unit's, at no window.
            hall_wide = item.category_code in HALL_WIDE and not WINDOW_NAMED.search(description)
            # The sample sentences name some window; name the one actually chosen.
            description = WINDOW_NAMED.sub(f"{window.number}号窗口", description)
            observed = _observed(description, day, clock)
            latest = max(latest, _latest_written(description, day, observed))
            with store.unit_of_work() as uow:
                ops.update_finding(
                    uow,
                    finding_id,
                    ops.FindingChanges(
                        result=FindingResult.FAIL,
                        description=description,
                        window_no="" if hall_wide else window.number,
                        staff_badge="" if hall_wide else badge,
                        unit_id=site.managing_unit_id if hall_wide else window.unit_id,
                        observed_at=observed,
                    ),
                )
                uow.commit()
            place = "大厅" if hall_wide else f"{window.number}号窗口"
            wanted = max(photos_per_finding, 1 if item.photo_required else 0)
            for n in range(wanted):
                taken = observed + timedelta(seconds=20 * n)
                path = write_camera_jpeg(
                    scratch / f"IMG_{index:02d}{position:02d}{n}.jpg",
                    taken_at=taken,
                    portrait=(position + n) % 2 == 0,
                    label=f"{site.code} {'hall' if hall_wide else 'window ' + window.number} "
                    f"{taken:%Y-%m-%d %H:%M}",
                    rng=rng,
                    size=photo_size,
                )
                with store.unit_of_work() as uow:
                    photo_ops.attach_photo(
                        uow,
                        store.photos,
                        finding_id,
                        path,
                        caption=f"{_chinese_clock(taken)} {place} {item.text}",
                    )
                    uow.commit()
                photos += 1
            problems += 1
        else:
            result = (
                FindingResult.NOT_APPLICABLE if position in not_applicable else FindingResult.PASS
            )
            with store.unit_of_work() as uow:
                ops.update_finding(uow, finding_id, ops.FindingChanges(result=result))
                uow.commit()
        findings += 1
    if index % 2 == 0:
        title, description = ADHOC[index // 2 % len(ADHOC)]
        observed = _observed(description, day, clock + timedelta(minutes=5))
        latest = max(latest, _latest_written(description, day, observed))
        with store.unit_of_work() as uow:
            ops.add_adhoc_finding(
                uow,
                inspection_id,
                title=title,
                description=description,
                severity=Severity.MINOR,
                observed_at=observed,
            )
            uow.commit()
        findings += 1
        problems += 1
    _advance(store, inspection_id, status, max(clock, latest) + timedelta(minutes=15))
    return inspection_id, (findings, problems, photos)


def _advance(store: Store, inspection_id: str, status: InspectionStatus, ended: datetime) -> None:
    if status == InspectionStatus.DRAFT:
        return
    with store.unit_of_work() as uow:
        ops.submit_inspection(uow, inspection_id, now=ended)
        uow.commit()
    if status == InspectionStatus.SUBMITTED:
        return
    with store.unit_of_work() as uow:
        ops.review_inspection(
            uow,
            inspection_id,
            approve=status == InspectionStatus.APPROVED,
            comment=""
            if status == InspectionStatus.APPROVED
            else "第3项问题描述不够具体，请补充窗口工作人员工号和现场照片说明后重新提交。",
            now=ended + timedelta(days=1),
        )
        uow.commit()
