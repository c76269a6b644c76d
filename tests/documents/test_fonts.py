"""Typefaces per role: Windows fonts found without configuration, fallbacks said plainly."""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from inspector_app.documents.font_notice import face_kind, fallbacks, font_notice
from inspector_app.documents.fonts import DocumentFonts, FontRole, resolve_fonts

from .notice_samples import notice, write_notice

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def ttf_from_collection(collection: Path, index: int, target: Path) -> Path:
    """A standalone TrueType file holding one face of a .ttc (its tables copied as they are),
    standing in for a Windows font such as simfang.ttf."""
    data = collection.read_bytes()
    (offset,) = struct.unpack(">I", data[12 + 4 * index : 16 + 4 * index])
    (count,) = struct.unpack(">H", data[offset + 4 : offset + 6])
    header = data[offset : offset + 12]
    start = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for i in range(count):
        entry = offset + 12 + 16 * i
        tag, checksum, table, length = struct.unpack(">4sIII", data[entry : entry + 16])
        directory += struct.pack(">4sIII", tag, checksum, start + len(body), length)
        body += data[table : table + length] + b"\0" * (-length % 4)
    target.write_bytes(header + bytes(directory) + bytes(body))
    return target


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Windows machine's font folder, and no fontconfig or bundled fonts to fall back on."""
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    ttf_from_collection(UMING, 0, folder / "SIMFANG.TTF")  # Windows writes some in capitals
    shutil.copy(UMING, folder / "simsun.ttc")
    ttf_from_collection(ZENHEI, 0, folder / "simhei.ttf")
    ttf_from_collection(UKAI, 0, folder / "simkai.ttf")
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>', encoding="utf-8")
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    monkeypatch.setenv("INSPECTOR_RESOURCES_DIR", str(tmp_path / "resources"))
    return folder


def test_windows_fonts_are_found_without_configuration(windows: Path) -> None:
    fonts = resolve_fonts(platform="win32")
    names = {role: fonts.files[role].path.name for role in FontRole}
    assert names == {
        FontRole.TITLE: "simsun.ttc",
        FontRole.BODY: "SIMFANG.TTF",
        FontRole.HEADING: "simhei.ttf",
        FontRole.KAI: "simkai.ttf",
        FontRole.SONG: "simsun.ttc",
    }
    # Windows has no 小标宋: the title is set in 宋体, bold, and the clerk is told so.
    assert [(f.role, f.bold) for f in fallbacks(fonts)] == [(FontRole.TITLE, True)]


def test_a_xiaobiaosong_installed_for_the_user_only_is_found_too(windows: Path) -> None:
    user = windows.parent.parent / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    user.mkdir(parents=True)
    ttf_from_collection(UMING, 0, user / "FZXBSJW.TTF")  # 方正小标宋简体's file name
    fonts = resolve_fonts(platform="win32")
    assert fonts.files[FontRole.TITLE].path == user / "FZXBSJW.TTF"
    assert face_kind(fonts, FontRole.TITLE) == "xiaobiaosong"
    assert font_notice(fonts) is None  # every role has its proper face: nothing to say


def test_a_fallback_is_named_by_role_and_face_with_how_to_configure_it(
    fonts: DocumentFonts,
) -> None:
    kai_body = resolve_fonts({FontRole.BODY: str(UKAI)})  # a 楷体 where 仿宋 belongs
    zh, en = font_notice(kai_body)
    assert "正文应为仿宋，现用 AR PL UKai CN" in zh
    assert "“正文字体（仿宋）”" in zh and "设置" in zh and ".ttf/.ttc" in zh
    assert "body: AR PL UKai CN instead of FangSong" in en and "Settings" in en
    assert "二级标题" not in zh  # 楷体 where 楷体 belongs is no fallback


def test_this_linux_machine_says_its_body_and_title_faces_stand_in(fonts: DocumentFonts) -> None:
    """AR PL UMing (a 宋体/明体) for 仿宋 and 小标宋; Zen Hei and UKai are the right kinds."""
    if face_kind(fonts, FontRole.BODY) == "fangsong":
        pytest.fail("this test describes a machine without 仿宋 (Debian's arphic fonts)")
    zh, en = font_notice(fonts)
    assert f"正文应为仿宋，现用 {fonts.files[FontRole.BODY].family}" in zh
    assert "发文机关标志和标题应为小标宋" in zh and "（加粗代替）" in zh
    assert "一级标题" not in zh and "页码" not in zh
    assert "issuer mark and title" in en and "(set bold instead)" in en


def _content_streams(pdf: Path) -> str:
    raw = pdf.read_bytes()
    texts = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", raw, re.S):
        try:
            texts.append(zlib.decompressobj().decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(texts)


def test_song_standing_in_for_xiaobiaosong_is_stroked_bold_and_the_body_is_not(
    fonts: DocumentFonts, tmp_path: Path
) -> None:
    pdf = write_notice(notice(1), fonts, tmp_path / "bold.pdf")
    streams = _content_streams(pdf)
    assert "2 Tr" in streams  # fill and stroke: the mark and the title
    assert streams.count("2 Tr") <= 4  # mark, and the title's lines; never the body
    kai_title = resolve_fonts({FontRole.TITLE: str(ZENHEI)})  # a 黑体 title is left as it is
    plain = _content_streams(write_notice(notice(1), kai_title, tmp_path / "plain.pdf"))
    assert "2 Tr" not in plain


def test_page_numbers_are_set_in_song(fonts: DocumentFonts) -> None:
    assert fonts.page_number == fonts.song
    assert face_kind(fonts, FontRole.SONG) == "song"
