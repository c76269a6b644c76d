"""签发 through a real server process, on SQLite and PostgreSQL: the number comes from the
server, offline nothing changes, a retry after a cut reply completes with the same
number and the same PDF, and the issued PDF is frozen."""

from __future__ import annotations

import hashlib
import subprocess
import threading
from pathlib import Path

import pytest

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.notice import NoticeStatus
from inspector_app.protocol.notice_digest import canonical_notice
from inspector_app.services.issuing import Issued, NeedsServer, issue_notice, issued_copy
from inspector_app.store.notice_models import Notice
from inspector_app.sync import errors
from inspector_app.sync.api import ServerApi
from tests.server.conftest import PASSWORD, RunningServer, _free_port
from tests.services.issuing_setup import (
    approved_draft,
    bureau,
    snapshot,
    supervisor_laptop,
    supervisors,
)
from tests.sync import laptops
from tests.sync.fault_proxy import DROP_RESPONSE, FaultProxy
from tests.sync.laptops import Laptop

sync_server = laptops.sync_server  # one real server per backend for this module


def _notice(laptop: Laptop, notice_id: str) -> Notice:
    with laptop.store.unit_of_work() as uow:
        notice = uow.session.get(Notice, notice_id)
        assert notice is not None
        return notice


def _text(pdf: bytes, folder: Path) -> str:
    path = folder / f"{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _images(pdf: bytes, path: Path) -> int:
    path.write_bytes(pdf)
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    return len(listed.stdout.splitlines()) - 2  # two header lines


def test_two_supervisors_issuing_at_the_same_moment_get_numbers_1_and_2(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    settings = bureau()
    first, second = supervisors(sync_server)
    a = supervisor_laptop(sync_server, tmp_path / "a", first)
    b = supervisor_laptop(sync_server, tmp_path / "b", second)
    drafts = [
        approved_draft(a, settings, tmp_path, seed=1),
        approved_draft(b, settings, tmp_path, seed=2),
    ]
    start = threading.Barrier(2)
    results: dict[int, object] = {}

    def issue(n: int, laptop: Laptop) -> None:
        start.wait()
        try:
            results[n] = issue_notice(laptop.store, laptop.api, drafts[n], settings=settings)
        except Exception as exc:  # reported below, with the other thread's result
            results[n] = exc

    threads = [threading.Thread(target=issue, args=(n, lap)) for n, lap in enumerate((a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    try:
        assert not [r for r in results.values() if isinstance(r, Exception)], results
        issued = [r for r in (results[0], results[1]) if isinstance(r, Issued)]
        assert len(issued) == 2
        year = issued[0].issued_on.year
        numbers = sorted(r.number for r in issued)
        assert numbers == [f"{settings.issuer_code}〔{year}〕{n}号" for n in (1, 2)]
        for laptop, notice_id, result in ((a, drafts[0], issued[0]), (b, drafts[1], issued[1])):
            assert result.pushed
            notice = _notice(laptop, notice_id)
            assert notice.status == NoticeStatus.ISSUED and notice.number == result.number
            assert notice.issued_on == result.issued_on and notice.deadline is not None
            assert notice.pdf_sha256 == hashlib.sha256(result.pdf).hexdigest()
            assert notice.content_digest == result.digest == canonical_notice(result.pdf).digest
            assert result.number in _text(result.pdf, tmp_path).replace(" ", "")
        # The team's other laptop pulls a's issued notice and gets its very file.
        b.sync()
        pulled = _notice(b, drafts[0])
        assert pulled.status == NoticeStatus.ISSUED and pulled.number == issued[0].number
        assert pulled.pdf_sha256 == issued[0].pdf_sha256
        again = issue_notice(b.store, b.api, drafts[0], settings=settings)
        assert again.pdf == issued[0].pdf
    finally:
        a.close()
        b.close()


def test_an_issue_attempted_offline_is_refused_with_a_message_and_changes_nothing(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    settings = bureau()
    [user] = supervisors(sync_server, 1)
    laptop = supervisor_laptop(sync_server, tmp_path / "a", user)
    try:
        notice_id = approved_draft(laptop, settings, tmp_path, seed=3)
        before = snapshot(laptop)
        assert before[1], "the approval and the draft wait in the outbox"
        offline = ServerApi(f"http://127.0.0.1:{_free_port()}", token=laptop.api.token)
        for api in (offline, None):  # the server is down; no server is configured
            with pytest.raises(NeedsServer) as refused:
                issue_notice(laptop.store, api, notice_id, settings=settings)
            assert refused.value.zh.startswith("签发需要连接服务器")
            assert "本机数据未做任何修改" in refused.value.zh
            assert "Issuing a notice needs the server" in refused.value.en
            assert snapshot(laptop) == before
        offline.close()
        # Online again, the same draft is issued as number 1 of the series.
        issued = issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
        assert issued.number.endswith("〕1号")
    finally:
        laptop.close()


def test_a_retried_issue_after_cut_replies_keeps_the_number_and_the_pdf(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    settings = bureau()
    [user] = supervisors(sync_server, 1)
    port = int(sync_server.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        laptop = supervisor_laptop(sync_server, tmp_path / "a", user)
        laptop.api.close()
        laptop.api = ServerApi(proxy.url)
        laptop.api.login(user, PASSWORD, device="proxy")
        try:
            notice_id = approved_draft(laptop, settings, tmp_path, seed=4)
            # The server numbers the notice, but no reply reaches the laptop (every try).
            proxy.fail_next(DROP_RESPONSE, times=3, when=lambda r: r.path.endswith("/number"))
            with pytest.raises(errors.ServerUnreachable):
                issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
            assert _notice(laptop, notice_id).status == NoticeStatus.DRAFT
            # Then the server keeps the PDF, and again the reply is lost.
            proxy.fail_next(DROP_RESPONSE, times=3, when=lambda r: r.path.endswith("/pdf"))
            with pytest.raises(errors.ServerUnreachable):
                issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
            kept = _notice(laptop, notice_id)
            assert kept.status == NoticeStatus.DRAFT and kept.number is not None
            assert kept.number.endswith("〕1号") and kept.pdf_sha256 is not None
            # The third attempt completes with the same number and the same bytes.
            issued = issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
            assert issued.number == kept.number
            assert hashlib.sha256(issued.pdf).hexdigest() == kept.pdf_sha256
            assert _notice(laptop, notice_id).status == NoticeStatus.ISSUED
            # No number was taken twice: the next notice of the series is 2.
            second = approved_draft(laptop, settings, tmp_path, seed=5)
            following = issue_notice(laptop.store, laptop.api, second, settings=settings)
            assert following.number.endswith("〕2号")
        finally:
            laptop.close()


def test_the_issued_pdf_is_frozen_a_reprint_is_byte_identical_and_a_copy_is_marked(
    sync_server: RunningServer, tmp_path: Path
) -> None:
    settings = bureau()
    [user] = supervisors(sync_server, 1)
    laptop = supervisor_laptop(sync_server, tmp_path / "a", user)
    try:
        notice_id = approved_draft(laptop, settings, tmp_path, seed=6)
        with pytest.raises(IllegalTransition):
            issued_copy(laptop.store, notice_id, settings=settings)  # a draft has no issued PDF
        issued = issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
        assert issued_copy(laptop.store, notice_id, settings=settings) == issued.pdf
        again = issue_notice(laptop.store, laptop.api, notice_id, settings=settings)
        assert again.pdf == issued.pdf and again.number == issued.number  # not rebuilt
        with pytest.raises(ValidationFailed) as fixed:  # the date is that of the issued text
            issue_notice(
                laptop.store,
                laptop.api,
                notice_id,
                settings=settings,
                issued_on=issued.issued_on.replace(year=issued.issued_on.year - 1),
            )
        assert fixed.value.code == "notice.issue_date_fixed"
        copy = issued_copy(laptop.store, notice_id, settings=settings, copy=True)
        assert copy != issued.pdf
        # The mark is a picture on every page: the text, and so the 核验 digest, is the same.
        assert _text(copy, tmp_path) == _text(issued.pdf, tmp_path)
        assert "副本" not in _text(issued.pdf, tmp_path)
        assert canonical_notice(copy).digest == issued.digest
        pages = _text(issued.pdf, tmp_path).count("\f")
        assert pages >= 2  # the notice and its photo appendix
        copy_images = _images(copy, tmp_path / "copy.pdf")
        assert copy_images >= _images(issued.pdf, tmp_path / "issued.pdf") + pages
    finally:
        laptop.close()
