"""Find TrueType CJK fonts for each typographic role and register them with reportlab.

GB/T 9704 names five faces: 小标宋 (titles), 仿宋 (body), 黑体 (level-1
headings), 楷体 (level-2 headings) and 宋体 (page numbers). Each role is
resolved, in order, from the font given in settings, then resources/fonts/,
then the system (the Windows Fonts folders, macOS font folders, fontconfig on
Linux). Only TrueType outlines can be embedded by reportlab, and every font is
embedded as a subset, so a PDF shows every character on a machine without
Chinese fonts. When nothing usable is found the error says what to install;
there is never a silent fallback to a non-embedded font. When a role gets a
face of another kind (AR PL UMing, a 宋体, standing in for 仿宋 on Linux),
`font_notice` says so, and how to configure the right one (font_notice.py).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from inspector_app.domain.errors import DomainError
from inspector_app.resource_paths import resources_dir

LINUX_PACKAGES = "fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei"


class FontRole(StrEnum):
    TITLE = "title"  # 小标宋 / 宋体: issuer mark, title
    BODY = "body"  # 仿宋: body text
    HEADING = "heading"  # 黑体: level-1 headings
    KAI = "kai"  # 楷体: level-2 headings
    SONG = "song"  # 宋体: page numbers


# Family names by preference, per role; the first installed one wins.
PREFERRED: dict[FontRole, tuple[str, ...]] = {
    FontRole.TITLE: (
        "FZXiaoBiaoSong-B05S",
        "方正小标宋简体",
        "FZXiaoBiaoSong-B05",
        "方正小标宋_GBK",
        "SimSun",
        "宋体",
        "Songti SC",
        "STSong",
        "AR PL UMing CN",
        "AR PL SungtiL GB",
        "Noto Serif CJK SC",
    ),
    FontRole.BODY: (
        "FangSong_GB2312",
        "仿宋_GB2312",
        "FangSong",
        "仿宋",
        "STFangsong",
        "AR PL UMing CN",
        "AR PL SungtiL GB",
        "Noto Serif CJK SC",
    ),
    FontRole.HEADING: (
        "SimHei",
        "黑体",
        "Heiti SC",
        "STHeiti",
        "WenQuanYi Zen Hei",
        "Noto Sans CJK SC",
        "AR PL UMing CN",
    ),
    FontRole.KAI: (
        "KaiTi_GB2312",
        "楷体_GB2312",
        "KaiTi",
        "楷体",
        "STKaiti",
        "AR PL UKai CN",
        "AR PL KaitiM GB",
        "AR PL UMing CN",
    ),
    FontRole.SONG: (
        "SimSun",
        "宋体",
        "Songti SC",
        "STSong",
        "AR PL UMing CN",
        "AR PL SungtiL GB",
        "Noto Serif CJK SC",
    ),
}
# File names in the Windows Fonts folders (compared without case), by preference.
WINDOWS_FILES: dict[FontRole, tuple[str, ...]] = {
    FontRole.TITLE: ("fzxbsjw.ttf", "fzxbsk.ttf", "方正小标宋简体.ttf", "simsun.ttc", "simsun.ttf"),
    FontRole.BODY: ("fs_gb2312.ttf", "simfang.ttf", "仿宋_gb2312.ttf", "simsun.ttc"),
    FontRole.HEADING: ("simhei.ttf",),
    FontRole.KAI: ("kaiti_gb2312.ttf", "simkai.ttf", "楷体_gb2312.ttf"),
    FontRole.SONG: ("simsun.ttc", "simsun.ttf"),
}


class FontsMissing(DomainError):
    """No embeddable Chinese font for a role; the message says what to install."""


@dataclass(frozen=True)
class FontFile:
    path: Path
    index: int  # face number inside a .ttc collection
    family: str


@dataclass(frozen=True)
class DocumentFonts:
    """reportlab font names per role, registered and embeddable."""

    title: str
    body: str
    heading: str
    kai: str
    files: dict[FontRole, FontFile]
    song: str = ""  # page numbers; the title's face when empty

    @property
    def page_number(self) -> str:
        return self.song or self.title


def _register(role: FontRole, font: FontFile) -> str | None:
    name = f"CJK-{role.value}-{font.path.stem}-{font.index}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.index))
    except (TTFError, OSError, KeyError, ValueError):
        return None  # e.g. CFF outlines (.otf), a damaged file
    face = pdfmetrics.getFont(name).face
    if not _has_cjk(face):
        return None
    return name


def _has_cjk(face: object) -> bool:
    char_widths = getattr(face, "charToGlyph", None) or getattr(face, "charWidths", {})
    return all(ord(ch) in char_widths for ch in "整改通知书")


def _fontconfig() -> list[FontFile]:
    if shutil.which("fc-list") is None:
        return []
    result = subprocess.run(
        ["fc-list", ":lang=zh-cn", "file", "family", "index"],
        capture_output=True,
        text=True,
        check=False,
    )
    found = []
    for line in result.stdout.splitlines():
        path, _, rest = line.partition(": ")
        families, _, index = rest.partition(":index=")
        for family in families.split(","):
            found.append(FontFile(Path(path), int(index or 0), family.strip()))
    return found


def _folder_fonts(folder: Path) -> list[FontFile]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc"))
    return [FontFile(p, 0, p.stem) for p in files]


def windows_font_folders() -> list[Path]:
    """The system Fonts folder and the per-user one (fonts installed without admin rights)."""
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if os.environ.get("LOCALAPPDATA"):
        folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _windows_fonts(role: FontRole) -> list[FontFile]:
    present: dict[str, Path] = {}
    for folder in windows_font_folders():
        if folder.is_dir():
            for path in folder.iterdir():
                present.setdefault(path.name.lower(), path)
    return [
        FontFile(present[name], 0, Path(name).stem)
        for name in WINDOWS_FILES[role]
        if name in present
    ]


def _mac_fonts() -> list[FontFile]:
    folders = [
        Path("/System/Library/Fonts"),
        Path("/System/Library/Fonts/Supplemental"),
        Path("/Library/Fonts"),
        Path.home() / "Library" / "Fonts",
    ]
    return [f for folder in folders for f in _folder_fonts(folder)]


def _configured(value: str) -> list[FontFile]:
    """A setting names a file path (optionally 'path#index') or a family name."""
    if not value:
        return []
    path_text, _, index = value.partition("#")
    path = Path(path_text).expanduser()
    if path.suffix.lower() in (".ttf", ".ttc", ".otf") or path.exists():
        return [FontFile(path, int(index or 0), path.stem)]
    return [f for f in _fontconfig() if f.family == value]


def candidates(role: FontRole, configured: str = "", platform: str = "") -> list[FontFile]:
    """Fonts to try for `role`, best first; `platform` as sys.platform (tests pass win32)."""
    platform = platform or sys.platform
    ordered = _configured(configured) + _folder_fonts(resources_dir() / "fonts")
    if platform == "win32":
        ordered += _windows_fonts(role)
    elif platform == "darwin":
        ordered += _mac_fonts()
    system = _fontconfig()
    by_family = {f.family: f for f in system}
    ordered += [by_family[name] for name in PREFERRED[role] if name in by_family]
    ordered += system
    return ordered


def resolve_fonts(
    configured: dict[FontRole, str] | None = None, platform: str = ""
) -> DocumentFonts:
    """Register one embeddable CJK font per role, or explain what to install."""
    configured = configured or {}
    names: dict[FontRole, str] = {}
    files: dict[FontRole, FontFile] = {}
    for role in FontRole:
        for font in candidates(role, configured.get(role, ""), platform):
            name = _register(role, font)
            if name is not None:
                names[role], files[role] = name, font
                break
        else:
            raise FontsMissing(
                "documents.fonts_missing",
                f"找不到可嵌入公文的中文 TrueType 字体（{role.value}）。请在设置中指定字体文件，"
                f"或把字体放入 resources/fonts；Debian/Ubuntu 可安装：sudo apt install "
                f"{LINUX_PACKAGES}；Windows 请确认已安装仿宋、宋体、黑体、楷体。",
                f"No embeddable Chinese TrueType font was found for the {role.value} role. Name "
                f"a font file in settings or put one in resources/fonts; on Debian/Ubuntu: "
                f"sudo apt install {LINUX_PACKAGES}; on Windows make sure FangSong, SimSun, "
                f"SimHei and KaiTi are installed.",
            )
    return DocumentFonts(
        names[FontRole.TITLE],
        names[FontRole.BODY],
        names[FontRole.HEADING],
        names[FontRole.KAI],
        files,
        names[FontRole.SONG],
    )


def ink_extent(font: str, text: str, size: float) -> tuple[float, float]:
    """Top and bottom of `text`'s ink relative to its baseline, in points (bottom < 0 when
    a glyph descends), from the TrueType glyph boxes; the font's ascent and descent when
    the face gives none."""
    face = pdfmetrics.getFont(font).face
    glyf = getattr(face, "table", {}).get("glyf")
    data = getattr(face, "_ttf_data", b"")
    top, bottom = None, None
    for ch in set(text):
        glyph = face.charToGlyph.get(ord(ch)) if glyf else None
        if glyph is None or glyph + 1 >= len(face.glyphPos):
            continue
        start, end = face.glyphPos[glyph], face.glyphPos[glyph + 1]
        if end <= start:
            continue  # a space: no outline
        offset = glyf["offset"] + start
        _, _, y_min, _, y_max = struct.unpack(">hhhhh", data[offset : offset + 10])
        top = y_max if top is None else max(top, y_max)
        bottom = y_min if bottom is None else min(bottom, y_min)
    if top is None or bottom is None:
        return face.ascent * size / 1000, face.descent * size / 1000
    scale = size / face.unitsPerEm
    return top * scale, bottom * scale
