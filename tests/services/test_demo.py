"""The demo dataset: times that agree, built once per folder, never addressed to its issuer."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from inspector_app.documents.content import Issuer
from inspector_app.domain import bureau_time
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.working_days import OFFICIAL
from inspector_app.resources import shipped_templates
from inspector_app.services import documents as docs
from inspector_app.services.demo import (
    DAY_PARTS,
    DEMO_SITE_CODES,
    WEEKDAY,
    _observed,
    build_demo,
    day_parts,
    fits_a_demo_visit,
    times_written,
    written_time,
)
from inspector_app.store.models import Finding, Inspection, Photo, Site, Unit, Window
from inspector_app.store.photos import EXIF_DATETIME_ORIGINAL, EXIF_IFD
from inspector_app.store.store import Store

ISSUER_NAME = Issuer().name  # 伊春市营商环境建设监督局, the settings' default
TIME = re.compile(r"(\d{1,2})时(\d{2})分")


def _small_demo(store: Store, **options) -> None:
    build_demo(
        store, photos_per_finding=1, photo_size=(200, 150), today=date(2026, 11, 28), **options
    )


def _hhmm(moment: datetime) -> tuple[int, int]:
    local = bureau_time.local(moment)
    return local.hour, local.minute


@pytest.mark.parametrize("machine", ["UTC", "America/New_York"])
def test_demo_times_in_descriptions_observations_and_photos_agree_on_the_bureau_clock(
    store: Store, machine_zone, machine: str
) -> None:
    machine_zone(machine)
    _small_demo(store, inspections=4)
    with store.unit_of_work() as uow:
        inspections = {i.id: i for i in uow.session.scalars(select(Inspection))}
        failed = uow.session.scalars(select(Finding).where(Finding.result == FindingResult.FAIL))
        checked = 0
        for finding in failed:
            inspection = inspections[finding.inspection_id]
            ended = inspection.ended_at or datetime.max.replace(
                tzinfo=bureau_time.zone()
            )  # a draft
            assert inspection.started_at <= finding.observed_at <= ended
            written = [(int(h), int(m)) for h, m in TIME.findall(finding.description)]
            if finding.description.startswith(tuple(f"{h}时" for h in range(24))):
                assert written[0] == _hhmm(finding.observed_at), finding.description
                checked += 1
            day = bureau_time.local(inspection.started_at).date()
            for hour, minute in written:  # spans and opening hours fall inside the visit
                moment = datetime(
                    day.year, day.month, day.day, hour, minute, tzinfo=bureau_time.zone()
                )
                assert inspection.started_at <= moment <= ended, finding.description
            photos = uow.session.scalars(select(Photo).where(Photo.finding_id == finding.id))
            for n, photo in enumerate(sorted(photos, key=lambda p: p.taken_at)):
                taken = finding.observed_at + timedelta(seconds=20 * n)
                assert photo.taken_at == taken
                hour, minute = _hhmm(taken)
                assert photo.caption.startswith(f"{hour}时{minute:02d}分 "), photo.caption
                with Image.open(store.photos.original_path(photo.sha256)) as image:
                    stamp = image.getexif().get_ifd(EXIF_IFD)[EXIF_DATETIME_ORIGINAL]
                assert stamp == f"{bureau_time.local(taken):%Y:%m:%d %H:%M:%S}"
        assert checked >= 10, "most sample descriptions say when the problem was seen"


def test_demo_twice_on_one_folder_says_so_and_adds_nothing(store: Store) -> None:
    _small_demo(store, inspections=1)
    with store.unit_of_work() as uow:
        before = uow.session.scalar(select(func.count()).select_from(Finding))
    with pytest.raises(ValidationFailed) as refused:
        _small_demo(store, inspections=1)
    assert refused.value.code == "demo.already_present"
    assert "已有演示数据，未重复生成" in refused.value.zh
    assert "already holds the demo data" in refused.value.en
    with store.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Finding)) == before
        assert uow.session.scalar(select(func.count()).select_from(Inspection)) == 1


def test_the_registry_has_a_window_of_the_issuing_bureau_at_a_demo_site(
    seeded_store: Store,
) -> None:
    """What makes the next test meaningful: the demo could pick this window."""
    with seeded_store.unit_of_work() as uow:
        own = uow.session.execute(
            select(Site.code, Window.number)
            .join(Window, Window.site_id == Site.id)
            .join(Unit, Unit.id == Window.unit_id)
            .where(Unit.name == ISSUER_NAME)
        ).all()
    assert [(code, number) for code, number in own if code in DEMO_SITE_CODES] == [
        ("city-center", "25")
    ]


@pytest.mark.parametrize("seed", range(6))
def test_no_demo_notice_is_addressed_to_the_issuing_bureau(tmp_path: Path, seed: int) -> None:
    store = Store.open(tmp_path / f"demo-{seed}")
    try:
        build_demo(store, inspections=1, photos_per_finding=0, photo_size=(64, 48), seed=seed)
        with store.unit_of_work() as uow:
            issuer_ids = set(uow.session.scalars(select(Unit.id).where(Unit.name == ISSUER_NAME)))
            units = {f.unit_id for f in uow.session.scalars(select(Finding)) if f.unit_id}
            assert units and not units & issuer_ids
            for inspection_id in uow.session.scalars(select(Inspection.id)):
                contents = docs.notice_contents(
                    uow, store.photos, inspection_id, issuer=Issuer(), issued_on=date(2026, 11, 28)
                )
                assert contents and all(c.addressee != ISSUER_NAME for c in contents)
    finally:
        store.close()


def _descriptions_agree(description: str, observed: datetime) -> list[str]:
    """What a description says about when it was seen that `observed` contradicts."""
    local = bureau_time.local(observed)
    wrong = []
    if (seen := written_time(description)) is not None and seen != local.time().replace(
        second=0, microsecond=0
    ):
        wrong.append(f"says {seen:%H:%M}, observed {local:%H:%M}")
    for part in day_parts(description):
        start, end = DAY_PARTS[part]
        if not start <= local.hour < end:
            wrong.append(f"says {part}, observed {local:%H:%M}")
    if not OFFICIAL.is_working_day(local.date()):
        wrong.append(f"describes a staffed hall on {local.date()}, a day off")
    return wrong


@pytest.mark.parametrize(
    ("today", "seed"),
    [
        (date(2026, 11, 28), 2026),  # a Saturday: one visit would fall on Sunday 22 November
        (date(2026, 10, 9), 7),  # just after 国庆: visits would fall in the holiday
        (date(2025, 2, 10), 11),  # after 春节 2025, with its makeup Saturday 8 February
    ],
)
def test_every_demo_description_agrees_with_when_it_was_observed(
    tmp_path: Path, machine_zone, today: date, seed: int
) -> None:
    """The whole default demo (6 inspections), built on a UTC machine: every clock time,
    part of the day (上午/下午) and the day itself (a working day, when halls are staffed)
    agrees with the finding's observed time on the bureau's clock."""
    machine_zone("UTC")
    store = Store.open(tmp_path / "demo")
    try:
        build_demo(store, photos_per_finding=0, photo_size=(64, 48), today=today, seed=seed)
        with store.unit_of_work() as uow:
            failed = list(
                uow.session.scalars(select(Finding).where(Finding.result == FindingResult.FAIL))
            )
            starts = [i.started_at for i in uow.session.scalars(select(Inspection))]
        assert len(starts) == 6 and len(failed) >= 40
        wrong = {
            f.description: problem
            for f in failed
            for problem in _descriptions_agree(f.description, f.observed_at)
        }
        wrong |= {
            f"visit {moment}": problem
            for moment in starts
            for problem in _descriptions_agree("", moment)
        }
        assert wrong == {}
    finally:
        store.close()


def test_every_sample_the_demo_may_choose_gets_the_time_it_states() -> None:
    """Over every example sentence of every shipped template, not only those a seed picks."""
    day = date(2026, 11, 19)
    clock = datetime(2026, 11, 19, 8, 40, tzinfo=bureau_time.zone())
    usable = 0
    for template in shipped_templates():
        for item in template.items:
            for example in item.examples:
                if not fits_a_demo_visit(example):
                    assert WEEKDAY.search(example) or times_written(example) or day_parts(example)
                    continue
                assert _descriptions_agree(example, _observed(example, day, clock)) == []
                usable += 1
    assert usable >= 60


def test_hall_wide_demo_problems_go_to_the_halls_managing_unit_at_no_window(
    tmp_path: Path,
) -> None:
    """A locked nursing room or an empty water dispenser is the hall's, not window 3's."""
    store = Store.open(tmp_path / "demo")
    try:
        build_demo(store, photos_per_finding=0, photo_size=(64, 48), today=date(2026, 11, 28))
        with store.unit_of_work() as uow:
            managing = dict(uow.session.execute(select(Site.id, Site.managing_unit_id)).all())
            site_of = dict(uow.session.execute(select(Inspection.id, Inspection.site_id)).all())
            failed = list(
                uow.session.scalars(
                    select(Finding).where(
                        Finding.result == FindingResult.FAIL, Finding.category_code != ""
                    )
                )
            )
        hall = [f for f in failed if f.category_code == "H" and "号窗口" not in f.description]
        assert hall, "the demo has hall-wide problems"
        for finding in hall:
            assert (finding.window_no, finding.staff_badge) == ("", ""), finding.description
            assert finding.unit_id == managing[site_of[finding.inspection_id]]
        assert all(f.window_no for f in failed if f.category_code != "H")
    finally:
        store.close()
