"""What a bulletin counts, checked against the store of a demo-like campaign."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspector_app.documents.content import Issuer
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import InspectionStatus
from inspector_app.services import bulletin as service
from inspector_app.store.models import Finding, Inspection
from inspector_app.store.store import Store
from tests.bulletin_data import CHINA, ISSUED_ON, PERIOD, build_bulletin_campaign


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    folder = tmp_path_factory.mktemp("bulletin")
    store = Store.open(folder / "data")
    campaign_id = build_bulletin_campaign(store, folder / "camera")
    yield store, campaign_id
    store.close()


def _content(store: Store, start=PERIOD[0], end=PERIOD[1], campaign_id=None, **options):
    with store.unit_of_work() as uow:
        scope = service.resolve_scope(uow, start, end, campaign_id)
        return service.bulletin_content(
            uow, uow.photos, scope, issuer=Issuer(), issued_on=ISSUED_ON, **options
        )


def test_totals_count_the_approved_inspections_of_the_period_and_their_problems(
    campaign: tuple[Store, str],
) -> None:
    store, _ = campaign
    content = _content(store)
    assert (content.totals.inspections, content.totals.halls, content.totals.problems) == (4, 4, 12)
    with store.unit_of_work() as uow:  # the same counted straight from the tables
        approved = select(Inspection.id).where(
            Inspection.status == InspectionStatus.APPROVED,
            Inspection.started_at >= datetime(2026, 11, 1, tzinfo=CHINA),
        )
        problems = uow.session.scalar(
            select(func.count())
            .select_from(Finding)
            .where(Finding.result == FindingResult.FAIL, Finding.inspection_id.in_(approved))
        )
    assert problems == content.totals.problems
    assert content.totals.covert == 4 and content.totals.units == 8


def test_problems_are_counted_by_category_unit_and_district_most_first(
    campaign: tuple[Store, str],
) -> None:
    content = _content(campaign[0])
    assert [(r.name, r.problems) for r in content.by_category] == [
        ("工作纪律与在岗在位", 4),
        ("服务制度落实", 4),
        ("服务态度与文明用语", 4),
    ]
    assert [(r.name, r.problems) for r in content.by_district] == [
        ("乌翠区", 3),
        ("伊美区", 3),
        ("友好区", 3),
        ("市本级", 3),
    ]
    units = dict((r.name, r.problems) for r in content.by_unit)
    assert units["伊春市市场监督管理局"] == 2 and units["伊春市政务服务中心管理办公室"] == 1
    assert sum(units.values()) == 12 and len(units) == 8


def test_progress_gives_each_unit_its_notices_warnings_and_rate(
    campaign: tuple[Store, str],
) -> None:
    progress = {p.unit: p for p in _content(campaign[0]).progress}
    closed = progress["伊美区人力资源和社会保障局"]
    assert (closed.notices_issued, closed.notices_closed, closed.rate) == (1, 1, 1.0)
    late = progress["乌翠区人力资源和社会保障局"]
    assert (late.notices_overdue, late.warnings["red"], late.rate) == (1, 1, 0.0)
    assert progress["友好区人力资源和社会保障局"].warnings["yellow"] == 1
    assert progress["友好区人力资源和社会保障局"].rate == 0.5
    assert progress["伊美区市场监督管理局"].warnings == {"blue": 1, "yellow": 0, "red": 0}
    unsent = progress["乌翠区市场监督管理局"]  # no notice yet: not ranked
    assert (unsent.notices_issued, unsent.assigned, unsent.rate) == (0, 0, None)


def test_red_and_black_lists_follow_the_thresholds(campaign: tuple[Store, str]) -> None:
    content = _content(campaign[0])
    assert [p.unit for p in content.red_list] == [
        "伊春市市场监督管理局",
        "伊美区人力资源和社会保障局",
    ]
    assert [p.unit for p in content.black_list] == [
        "乌翠区人力资源和社会保障局",
        "伊美区市场监督管理局",
        "友好区人力资源和社会保障局",
    ]
    lenient = _content(campaign[0], red_rate=50, black_rate=10)
    assert "友好区人力资源和社会保障局" in [p.unit for p in lenient.red_list]
    assert "友好区人力资源和社会保障局" not in [p.unit for p in lenient.black_list]


def test_typical_cases_show_one_photo_each_from_different_units(
    campaign: tuple[Store, str],
) -> None:
    cases = _content(campaign[0]).cases
    assert len(cases) == 4
    assert len({c.unit for c in cases}) == 4
    assert all(c.photo is not None and Path(c.photo).is_file() for c in cases)


def test_a_campaign_bulletin_takes_the_campaigns_period(campaign: tuple[Store, str]) -> None:
    store, campaign_id = campaign
    content = _content(store, None, None, campaign_id)
    assert (content.period_from, content.period_to) == PERIOD
    assert content.campaign == "2026年政务服务窗口服务不优专项监督"
    assert content.totals.problems == 12
    october = _content(store, date(2026, 10, 1), date(2026, 10, 31), campaign_id)
    assert (october.totals.inspections, october.totals.problems) == (1, 1)


def test_the_same_period_gives_the_same_bulletin_id_and_another_period_another(
    campaign: tuple[Store, str],
) -> None:
    a, b = _content(campaign[0]), _content(campaign[0])
    c = _content(campaign[0], date(2026, 11, 2))
    assert a.bulletin_id == b.bulletin_id != c.bulletin_id


@pytest.mark.parametrize(
    ("start", "end", "campaign_id", "code"),
    [
        (date(2026, 11, 30), date(2026, 11, 1), None, "bulletin.period_reversed"),
        (date(2025, 1, 1), date(2025, 1, 31), None, "bulletin.empty_period"),
        (None, None, "no-such-campaign", "bulletin.unknown_campaign"),
        (None, date(2026, 11, 30), None, "bulletin.period_missing"),
    ],
)
def test_bad_scopes_are_refused_in_chinese_and_english(
    campaign: tuple[Store, str], start, end, campaign_id, code: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _content(campaign[0], start, end, campaign_id)
    assert refused.value.code == code
    assert refused.value.zh and refused.value.en and refused.value.zh != refused.value.en
