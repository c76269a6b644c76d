"""What the 通知书 page reads and edits (services/notice_desk.py), on a local store."""

from __future__ import annotations

from datetime import date

import pytest

from inspector_app.documents.content import Issuer
from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import NoticeStatus, WarningLevel
from inspector_app.domain.working_days import OFFICIAL
from inspector_app.services.documents import notice_contents
from inspector_app.services.notice_desk import (
    draftable_inspections,
    edit_draft,
    notice_detail,
    notice_rows,
)
from inspector_app.services.notice_drafts import draft_notices
from inspector_app.settings import Settings
from inspector_app.store.notice_models import Notice
from inspector_app.store.store import Store
from tests.desk_data import MARKET, OVERDUE, TODAY, demo_with_notices
from tests.desk_data import approved_for_two_units as approved

MONDAY = date(2026, 11, 30)


def _drafts(store: Store, make_jpeg) -> tuple[str, list[str]]:
    inspection_id = approved(store, make_jpeg())
    with store.unit_of_work() as uow:
        drafted = draft_notices(uow, inspection_id, Settings(contact_person="刘强"))
        uow.commit()
    return inspection_id, [d.id for d in drafted]


def test_an_approved_inspection_is_draftable_until_it_has_notices(
    seeded_store: Store, make_jpeg
) -> None:
    inspection_id = approved(seeded_store, make_jpeg())
    with seeded_store.unit_of_work() as uow:
        [choice] = draftable_inspections(uow)
        assert (choice.id, choice.site) == (inspection_id, "伊美区政务服务中心")
        draft_notices(uow, inspection_id, Settings())
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        assert draftable_inspections(uow) == []


def test_a_drafts_contact_and_working_days_are_kept_and_printed(
    seeded_store: Store, make_jpeg
) -> None:
    inspection_id, ids = _drafts(seeded_store, make_jpeg)
    with seeded_store.unit_of_work() as uow:
        market = next(i for i in ids if uow.session.get(Notice, i).unit_id == MARKET)
        edit_draft(
            uow,
            market,
            contact_person=" 王磊 ",
            contact_phone="0458-3888888",
            working_days=10,
            today=MONDAY,
        )
        uow.commit()
    with seeded_store.unit_of_work() as uow:
        detail = notice_detail(uow, market, MONDAY)
        assert (detail.contact_person, detail.contact_phone) == ("王磊", "0458-3888888")
        assert detail.working_days == 10 and detail.editable
        assert detail.row.deadline == OFFICIAL.add_working_days(MONDAY, 10) == date(2026, 12, 14)
        [printed] = notice_contents(
            uow,
            uow.photos,
            inspection_id,
            issuer=Issuer(contact_person="设置里的人"),
            issued_on=MONDAY,
            unit_id=MARKET,
        )
    assert (printed.issuer.contact_person, printed.issuer.contact_phone) == ("王磊", "0458-3888888")
    assert (printed.deadline, printed.working_days) == (date(2026, 12, 14), 10)


@pytest.mark.parametrize(
    ("days", "person", "code"),
    [(0, "王磊", "notice.working_days_range"), (10, "王" * 101, "notice.contact_too_long")],
)
def test_a_bad_edit_is_refused_and_changes_nothing(
    seeded_store: Store, make_jpeg, days: int, person: str, code: str
) -> None:
    _, [first, _] = _drafts(seeded_store, make_jpeg)
    with pytest.raises(ValidationFailed) as refused, seeded_store.unit_of_work() as uow:
        edit_draft(
            uow, first, contact_person=person, contact_phone="", working_days=days, today=MONDAY
        )
    assert refused.value.code == code
    with seeded_store.unit_of_work() as uow:
        notice = uow.session.get(Notice, first)
        assert (notice.contact_person, notice.deadline) == ("刘强", None)


def test_an_issued_notice_is_not_edited_and_its_row_shows_the_red_warning(store: Store) -> None:
    demo_with_notices(store)
    with store.unit_of_work() as uow:
        rows = notice_rows(uow, TODAY)
        late = next(r for r in rows if r.number == OVERDUE)
        assert (late.status, late.warning) == (NoticeStatus.ISSUED, WarningLevel.RED)
        assert notice_detail(uow, late.id, TODAY).editable is False
        with pytest.raises(IllegalTransition):
            edit_draft(
                uow, late.id, contact_person="x", contact_phone="", working_days=5, today=TODAY
            )
