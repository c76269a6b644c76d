"""The rectification loop on a real store: 送达 → 整改报告 (per problem, with a scanned PDF
and a photo) → 复查 → 销号, or 退回重办 with a new working-day deadline and a second round."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import NoticeStatus, WarningLevel
from inspector_app.domain.rectification import DeliveryMethod, NoticeEventKind
from inspector_app.domain.rectification import VerificationResult as V
from inspector_app.services import rectification as loop
from inspector_app.services.notice_state import (
    deadline_in_force,
    events_of,
    notice_warning,
    progress,
)
from inspector_app.store.models import Blob, OutboxEntry
from inspector_app.store.notice_models import Notice, RectificationFeedback
from inspector_app.store.photos import PhotoImportError
from inspector_app.store.store import Store
from tests.rectification_builders import TODAY, issued_notice_in, scanned_report, site_photo


@pytest.fixture
def notice(seeded_store: Store) -> str:
    with seeded_store.unit_of_work() as uow:
        notice_id, _ = issued_notice_in(uow, problems=2)
        uow.commit()
    return notice_id


def _deliver(store: Store, notice_id: str, on: date = date(2026, 11, 3)) -> None:
    with store.unit_of_work() as uow:
        loop.record_delivery(
            uow,
            notice_id,
            delivered_on=on,
            method=DeliveryMethod.MAIL,
            recipient="王芳",
            today=TODAY,
        )
        uow.commit()


def _feedback(store: Store, notice_id: str, *items: loop.FeedbackItem, on=date(2026, 11, 12)):
    with store.unit_of_work() as uow:
        ids = loop.record_feedback(uow, notice_id, received_on=on, items=items, today=TODAY)
        uow.commit()
    return ids


def _both(evidence: list[Path] | None = None) -> tuple[loop.FeedbackItem, loop.FeedbackItem]:
    return (
        loop.FeedbackItem("1", "已安排专人在岗", "窗口科 王芳", evidence or []),
        loop.FeedbackItem("2", "已落实一次性告知", "窗口科 张三"),
    )


def _verify(store: Store, notice_id: str, results: dict[str, V], on=date(2026, 11, 13)) -> None:
    with store.unit_of_work() as uow:
        loop.verify_problems(
            uow, notice_id, results, verifier="李科长", verified_on=on, today=TODAY
        )
        uow.commit()


def _notice(store: Store, notice_id: str) -> Notice:
    with store.unit_of_work() as uow:
        return uow.session.get(Notice, notice_id)


def test_delivery_records_date_method_recipient_and_starts_the_rectification(
    seeded_store: Store, notice: str
) -> None:
    _deliver(seeded_store, notice)
    delivered = _notice(seeded_store, notice)
    assert delivered.status == NoticeStatus.IN_PROGRESS
    assert (delivered.delivered_on, delivered.delivery_method, delivered.delivery_recipient) == (
        date(2026, 11, 3),
        DeliveryMethod.MAIL,
        "王芳",
    )
    with seeded_store.unit_of_work() as uow:
        assert [e.kind for e in events_of(uow, notice)] == [NoticeEventKind.DELIVERED]


def test_delivery_before_the_issue_date_is_refused_in_both_languages(
    seeded_store: Store, notice: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _deliver(seeded_store, notice, on=date(2026, 11, 1))
    assert "不能早于成文日期" in refused.value.zh and "issue date" in refused.value.en
    assert _notice(seeded_store, notice).status == NoticeStatus.ISSUED


def test_feedback_keeps_a_scanned_pdf_and_a_photo_per_problem_by_sha256(
    seeded_store: Store, notice: str, tmp_path: Path
) -> None:
    _deliver(seeded_store, notice)
    pdf, photo = scanned_report(tmp_path / "in"), site_photo(tmp_path / "in")
    _feedback(seeded_store, notice, *_both([pdf, photo]))
    with seeded_store.unit_of_work() as uow:
        rows = uow.session.scalars(
            select(RectificationFeedback).order_by(RectificationFeedback.measures.desc())
        ).all()
        mimes = {b.sha256: b.mime for b in uow.session.scalars(select(Blob))}
    first = next(row for row in rows if row.measures == "已安排专人在岗")
    assert first.responsible_person == "窗口科 王芳" and first.round == 1
    shas = [hashlib.sha256(path.read_bytes()).hexdigest() for path in (pdf, photo)]
    assert first.evidence_sha256 == shas
    assert [mimes[sha] for sha in shas] == ["application/pdf", "image/jpeg"]
    for sha, source in zip(shas, (pdf, photo), strict=True):
        assert seeded_store.photos.original_path(sha).read_bytes() == source.read_bytes()
    assert _notice(seeded_store, notice).status == NoticeStatus.FEEDBACK_SUBMITTED


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("报告.pdf", "这是一个 Word 文件".encode(), "不是 PDF 文件"),
        ("截断.pdf", None, "不完整"),
        ("报告.docx", b"PK\x03\x04 not a photo", "不是可识别的图片"),
    ],
)
def test_a_file_that_is_not_a_whole_pdf_or_photo_is_refused_and_changes_nothing(
    seeded_store: Store, notice: str, tmp_path: Path, name: str, content: bytes | None, said: str
) -> None:
    _deliver(seeded_store, notice)
    good = scanned_report(tmp_path / "in", "好的.pdf")
    bad = tmp_path / "in" / name
    bad.write_bytes(content if content is not None else good.read_bytes()[:-200])
    before = _snapshot(seeded_store)
    with pytest.raises((ValidationFailed, PhotoImportError)) as refused:
        _feedback(seeded_store, notice, *_both([good, bad]))
    assert said in refused.value.zh and name in refused.value.zh
    assert _snapshot(seeded_store) == before  # no row, no outbox entry, no stored file


def _snapshot(store: Store) -> tuple[str, list[str]]:
    raw = store.engine.raw_connection()
    try:
        dump = "\n".join(raw.driver_connection.iterdump())
    finally:
        raw.close()
    root = store.photos.root
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return dump, files


def test_the_first_report_must_cover_every_problem(seeded_store: Store, notice: str) -> None:
    _deliver(seeded_store, notice)
    with pytest.raises(ValidationFailed) as refused:
        _feedback(seeded_store, notice, _both()[0])
    assert "缺少问题2" in refused.value.zh


def test_every_problem_rectified_closes_the_notice_with_date_and_verifier(
    seeded_store: Store, notice: str
) -> None:
    _deliver(seeded_store, notice)
    _feedback(seeded_store, notice, *_both())
    _verify(seeded_store, notice, {"1": V.RECTIFIED, "2": V.RECTIFIED})
    with seeded_store.unit_of_work() as uow:
        loop.close_notice(uow, notice, verifier="李科长", closed_on=date(2026, 11, 14), today=TODAY)
        uow.commit()
    closed = _notice(seeded_store, notice)
    assert (closed.status, closed.closed_on, closed.closed_by) == (
        NoticeStatus.CLOSED,
        date(2026, 11, 14),
        "李科长",
    )


def test_closing_is_refused_while_a_problem_is_not_rectified(
    seeded_store: Store, notice: str
) -> None:
    _deliver(seeded_store, notice)
    _feedback(seeded_store, notice, *_both())
    _verify(seeded_store, notice, {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED})
    with seeded_store.unit_of_work() as uow, pytest.raises(IllegalTransition) as refused:
        loop.close_notice(uow, notice, verifier="李科长", closed_on=date(2026, 11, 14))
    assert "1 个问题未整改到位" in refused.value.zh and "return the notice" in refused.value.en


def test_notice_returned_for_redo_gets_a_new_deadline_and_a_second_round(
    seeded_store: Store, notice: str
) -> None:
    _deliver(seeded_store, notice)
    _feedback(seeded_store, notice, *_both())
    _verify(seeded_store, notice, {"1": V.RECTIFIED, "2": V.NOT_RECTIFIED})
    with seeded_store.unit_of_work() as uow:
        deadline = loop.return_notice(
            uow,
            notice,
            verifier="李科长",
            returned_on=date(2026, 11, 13),  # a Friday: five working days is the next Friday
            working_days=5,
            reason="问题2未见整改照片",
            today=TODAY,
        )
        uow.commit()
    returned = _notice(seeded_store, notice)
    assert deadline == date(2026, 11, 20) == deadline_in_force(returned)
    assert (returned.status, returned.returned_count) == (NoticeStatus.RETURNED, 1)
    assert notice_warning(returned, date(2026, 11, 16)) == WarningLevel.YELLOW
    with pytest.raises(ValidationFailed) as refused:  # problem 1 is done: not asked again
        _feedback(seeded_store, notice, *_both(), on=date(2026, 11, 18))
    assert "问题1已复查确认整改到位" in refused.value.zh
    _feedback(seeded_store, notice, _both()[1], on=date(2026, 11, 18))
    _verify(seeded_store, notice, {"2": V.RECTIFIED}, on=date(2026, 11, 19))
    with seeded_store.unit_of_work() as uow:
        loop.close_notice(uow, notice, verifier="李科长", closed_on=date(2026, 11, 19), today=TODAY)
        uow.commit()
        state = progress(uow, notice, TODAY)
    assert state["status"] == "closed"
    assert [p["result"] for p in state["problems"]] == ["rectified", "rectified"]
    assert [e["kind"] for e in state["events"]] == [
        "delivered",
        "feedback",
        "verified",
        "returned",
        "feedback",
        "verified",
        "closed",
    ]


def test_each_status_step_is_its_own_outbox_entry_so_the_server_sees_every_transition(
    seeded_store: Store, notice: str
) -> None:
    _deliver(seeded_store, notice)
    _feedback(seeded_store, notice, *_both())
    _verify(seeded_store, notice, {"1": V.RECTIFIED, "2": V.RECTIFIED})
    with seeded_store.unit_of_work() as uow:
        statuses = [
            entry.fields["status"]
            for entry in uow.session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity == "notice", OutboxEntry.record_id == notice)
                .order_by(OutboxEntry.n)
            )
            if "status" in entry.fields
        ]
    assert statuses[-4:] == ["issued", "in_progress", "feedback_submitted", "under_review"]
