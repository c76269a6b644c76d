"""No notice is addressed to the bureau that issues it.

The registry has one of the bureau's own windows in a hall: 伊春市政务服务中心 window 25
(“办不成事”反映窗口, unit city-biz-env = 伊春市营商环境建设监督局). A problem there goes
to the hall's managing unit (伊春市政务服务中心管理办公室), which runs the hall's windows;
where the hall has no other managing unit it is refused with a message.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from inspector_app.documents.fonts import DocumentFonts
from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.reference_ids import reference_id
from inspector_app.services import documents as docs
from inspector_app.services import inspections as ops
from inspector_app.store.models import Site
from inspector_app.store.store import Store
from tests.builders import finding_id, start_in

from .conftest import ISSUED_ON, ISSUER, pdf_text

BUREAU = reference_id("unit", "city-biz-env")
HALL_OFFICE = reference_id("unit", "city-admin-service")
MARKET = reference_id("unit", "city-market")
SEEN = datetime(2026, 11, 20, 1, 20, tzinfo=UTC)  # 9时20分 in Yichun


def _problems_at_window_25_and_4(store: Store) -> str:
    with store.unit_of_work() as uow:
        inspection_id = start_in(uow, site="city-center", started_at=SEEN)
        for code, window, unit, text in (
            ("A2", "25", BUREAU, "9时20分，25号窗口无人在岗，未摆放暂停服务牌。"),
            ("A4", "4", MARKET, "4号窗口工作人员低头玩手机。"),
        ):
            ops.update_finding(
                uow,
                finding_id(uow, inspection_id, code),
                ops.FindingChanges(
                    result=FindingResult.FAIL,
                    description=text,
                    window_no=window,
                    unit_id=unit,
                    observed_at=SEEN,
                ),
            )
        uow.commit()
    return inspection_id


def test_a_problem_at_the_bureaus_own_window_goes_to_the_halls_managing_unit(
    seeded_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    inspection_id = _problems_at_window_25_and_4(seeded_store)
    with seeded_store.unit_of_work() as uow:
        contents = docs.notice_contents(
            uow, seeded_store.photos, inspection_id, issuer=ISSUER, issued_on=ISSUED_ON
        )
    assert sorted(c.addressee for c in contents) == [
        "伊春市市场监督管理局",
        "伊春市政务服务中心管理办公室",
    ]
    office = next(c for c in contents if c.addressee == "伊春市政务服务中心管理办公室")
    assert [p.window for p in office.problems] == ["25"]
    pdf = docs.save_pdf(
        docs.notice_pdf(replace(office, number="伊营商监〔2026〕5号"), fonts), tmp_path / "n.pdf"
    )
    text = re.sub(r"\s+", "", pdf_text(pdf))
    assert "伊春市政务服务中心管理办公室：" in text
    assert "经查，11月20日9时20分，25号窗口无人在岗" in text
    assert f"{ISSUER.name}：" not in text  # the issuer is never the addressee


def test_asking_for_the_bureaus_own_notice_is_refused(seeded_store: Store) -> None:
    inspection_id = _problems_at_window_25_and_4(seeded_store)
    with seeded_store.unit_of_work() as uow, pytest.raises(ValidationFailed) as refused:
        docs.notice_contents(
            uow,
            seeded_store.photos,
            inspection_id,
            issuer=ISSUER,
            issued_on=ISSUED_ON,
            unit_id=BUREAU,
        )
    assert refused.value.code == "notice.addressed_to_issuer"
    assert "不能发给签发机关伊春市营商环境建设监督局本身" in refused.value.zh
    assert "伊春市政务服务中心管理办公室负责整改" in refused.value.zh
    assert "cannot be addressed to its issuer" in refused.value.en


def test_with_no_other_unit_to_answer_the_notice_set_is_refused_and_names_the_problem(
    seeded_store: Store,
) -> None:
    inspection_id = _problems_at_window_25_and_4(seeded_store)
    with seeded_store.unit_of_work() as uow:
        uow.session.execute(
            update(Site)
            .where(Site.id == reference_id("site", "city-center"))
            .values(managing_unit_id=BUREAU)
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow, pytest.raises(ValidationFailed) as refused:
        docs.notice_contents(
            uow, seeded_store.photos, inspection_id, issuer=ISSUER, issued_on=ISSUED_ON
        )
    assert refused.value.code == "notice.addressed_to_issuer"
    assert "责任单位是签发机关伊春市营商环境建设监督局本身" in refused.value.zh
    assert "A2 窗口是否存在空岗、离岗、脱岗现象（25号窗口）" in refused.value.zh
    assert "belong to the issuing authority" in refused.value.en
    with seeded_store.unit_of_work() as uow:  # the market office's own notice is still made
        [market] = docs.notice_contents(
            uow,
            seeded_store.photos,
            inspection_id,
            issuer=ISSUER,
            issued_on=ISSUED_ON,
            unit_id=MARKET,
        )
    assert market.addressee == "伊春市市场监督管理局"
