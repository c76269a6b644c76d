"""The 送达回证 of each notice: one GB/T 9704 page, every field in its row, room to write."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from inspector_app.documents.content import NoticeContent
from inspector_app.documents.delivery_receipt import build_receipt, receipt_for
from inspector_app.documents.fonts import DocumentFonts
from inspector_app.documents.gbt9704 import LEFT, TOP, TYPE_HEIGHT, TYPE_WIDTH
from inspector_app.services import documents as docs
from inspector_app.services.queries import list_inspections
from inspector_app.settings import Settings
from inspector_app.store.store import Store

from .conftest import ISSUED_ON, ISSUER, page_count, poppler
from .pdf_words import Word, find_line, words
from .test_notice_pdf import _words_outside_type_area

MM = 72 / 25.4
LABELS = (
    "送达机关",
    "送达文书名称及文号",
    "受送达人",
    "送达地点",
    "送达时间",
    "送达方式",
    "受送达人签名或盖章",
    "送达人",
    "见证人",
    "备注",
)
NUMBER = "伊营商监〔2026〕7号"


def _notice(store: Store) -> NoticeContent:
    with store.unit_of_work() as uow:
        inspection_id = next(
            i.id for i in list_inspections(uow) if i.problems and i.status.value == "approved"
        )
        return docs.notice_contents(
            uow, store.photos, inspection_id, issuer=ISSUER, issued_on=ISSUED_ON
        )[0]


def _receipt(content: NoticeContent, fonts: DocumentFonts, path: Path) -> Path:
    build_receipt(receipt_for(content), fonts, path)
    return path


def test_one_a4_page_with_every_field_in_order_inside_the_type_area(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    notice = replace(_notice(demo_store), number=NUMBER)
    pdf = _receipt(notice, fonts, tmp_path / "receipt.pdf")
    assert page_count(pdf) == 1
    assert "(A4)" in poppler("pdfinfo", str(pdf))
    assert _words_outside_type_area(pdf) == []
    for line in poppler("pdffonts", str(pdf)).splitlines()[2:]:
        assert line.split()[-5:-3] == ["yes", "yes"], line
    title = find_line(pdf, "^送达回证$")[0]
    assert abs(title.x_mid - (LEFT + TYPE_WIDTH / 2) / MM) < 1  # centred in the type area
    assert abs(title.y0 - TOP / MM) < 6  # on the type area's first line
    heads = [next(w for w in words(pdf) if w.text == label) for label in LABELS]
    assert [h.y0 for h in heads] == sorted(h.y0 for h in heads)  # top to bottom, as listed
    assert all(h.x0 > LEFT / MM and h.x1 < LEFT / MM + 50 for h in heads)  # the label column
    assert heads[-1].y1 < (TOP + TYPE_HEIGHT) / MM


def test_the_organ_document_and_recipient_stand_in_their_rows(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    notice = replace(_notice(demo_store), number=NUMBER)
    pdf = _receipt(notice, fonts, tmp_path / "receipt.pdf")
    filled = {
        "送达机关": notice.issuer.name,
        "送达文书名称及文号": f"《整改通知书》（{NUMBER}）",
        "受送达人": notice.addressee,
    }
    for label, value in filled.items():
        head = next(w for w in words(pdf) if w.text == label)
        cell = next(w for w in words(pdf) if w.text == value)
        assert abs((cell.y0 + cell.y1) / 2 - (head.y0 + head.y1) / 2) < 3, label
        assert cell.x0 > LEFT / MM + 50  # in the value column


def test_time_place_and_signatures_leave_room_to_write_by_hand(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf = _receipt(_notice(demo_store), fonts, tmp_path / "receipt.pdf")
    every = words(pdf)

    def same_row(label: str, wanted: tuple[str, ...]) -> list[Word]:
        head = next(w for w in every if w.text == label)
        below = [w for w in every if w.text in wanted and head.y0 - 4 < w.y0 < head.y0 + 40]
        first = min(below, key=lambda w: w.y0)
        row = sorted((w for w in below if abs(w.y0 - first.y0) < 2), key=lambda w: w.x0)
        assert [w.text for w in row] == list(wanted), label
        assert min(b.x0 - a.x1 for a, b in pairwise(row)) > 6  # two digits fit each gap
        return row

    same_row("送达时间", ("年", "月", "日", "时", "分"))
    for signer in ("受送达人签名或盖章", "送达人", "见证人"):
        same_row(signer, ("年", "月", "日"))
    boxes: dict[int, list[Word]] = {}
    for w in every:
        if w.text.startswith("□"):
            boxes.setdefault(round(w.y0), []).append(w)
    rows = ["".join(w.text for w in sorted(r, key=lambda w: w.x0)) for r in boxes.values()]
    assert rows == ["□直接送达□留置送达", "□邮寄送达□电子送达"]  # two a line, to tick
    place = next(w for w in every if w.text == "送达地点")
    beside = [w for w in every if abs(w.y0 - place.y0) < 4 and w is not place]
    assert beside == []  # the place is written at delivery


def test_a_draft_notices_receipt_says_it_has_no_number_yet(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    notice = _notice(demo_store)
    assert notice.is_draft
    pdf = _receipt(notice, fonts, tmp_path / "receipt.pdf")
    text = "".join(w.text for w in words(pdf))
    assert "《整改通知书》（草稿，签发时编号）" in text
    mark = text.replace("草稿，签发时编号", "")
    assert "草" in mark and "稿" in mark  # the diagonal 草稿 mark, as on the notice


def test_every_notice_built_comes_with_its_receipt_named_after_it(
    demo_store: Store, fonts: DocumentFonts, tmp_path: Path
) -> None:
    with demo_store.unit_of_work() as uow:
        inspection_id = next(i.id for i in list_inspections(uow) if i.status.value == "approved")
        draft = docs.prepare_documents(
            uow,
            demo_store.photos,
            inspection_id,
            kind="notice",
            settings=Settings(),
            issued_on=ISSUED_ON,
        )
    built = draft.render()
    assert len(built) == len(draft.contents) >= 2
    for document, content in zip(built, draft.contents, strict=True):
        assert document.receipt is not None
        assert document.file_name.startswith("整改通知书-")
        assert document.receipt.file_name == document.file_name.replace("整改通知书-", "送达回证-")
        path = docs.save_pdf(document.receipt.data, tmp_path / document.receipt.file_name)
        assert page_count(path) == 1
        assert content.addressee in "".join(w.text for w in words(path))
