"""The record sheet's facts travel with the inspection: what the inspector chose in
the hall (亮明身份, card numbers, recorder) is what the office's laptop prints."""

from __future__ import annotations

from inspector_app.documents.content import Issuer
from inspector_app.domain.inspection import InspectionMode
from inspector_app.services import documents as docs
from inspector_app.services.record_facts import set_record_facts
from inspector_app.store.models import Inspection
from tests.builders import start_in
from tests.sync.laptops import Laptop


def test_a_revealed_covert_visit_with_card_numbers_reaches_the_colleague_as_chosen(
    laptops: tuple[Laptop, Laptop],
) -> None:
    a, b = laptops
    a.sync()
    b.sync()
    with a.store.unit_of_work() as uow:
        inspection_id = start_in(uow, mode=InspectionMode.COVERT, team=("张明", "李华"))
        set_record_facts(
            uow,
            inspection_id,
            identity_shown=True,
            recorder="李华",
            cert_nos={"张明": "23010012", "李华": "黑23010045"},
        )
        uow.commit()
    report = a.sync()
    assert report.pushed > 0 and report.rejected == 0  # the server accepts the new fields
    b.sync()
    with b.store.unit_of_work() as uow:
        pulled = uow.session.get(Inspection, inspection_id)
        assert (pulled.identity_shown, pulled.recorder, pulled.cert_nos) == (
            True,
            "李华",
            {"张明": "23010012", "李华": "黑23010045"},
        )
        content = docs.record_content(uow, b.store.photos, inspection_id, issuer=Issuer())
    assert content.unit_signs and content.recorder == "李华"
    assert [(i.name, i.cert_no) for i in content.inspectors] == [
        ("张明", "23010012"),
        ("李华", "黑23010045"),
    ]
