"""Which typeface role fell back to a face of another kind, said plainly in zh and en.

GB/T 9704 wants 仿宋 for the body, 小标宋 for the mark and title (宋体 set bold
where there is none), 黑体 and 楷体 for headings and 宋体 for page numbers. A
Linux machine usually has none of 仿宋/小标宋, so AR PL UMing (a 宋体/明体)
stands in: the notice is readable but a clerk must know it is not the official
face before printing, and where to name the right font (设置 → 字体).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from inspector_app.documents.fonts import DocumentFonts, FontRole

# Face kinds, tested in this order on the lower-cased family, PostScript and file names.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("xiaobiaosong", ("xiaobiaosong", "小标宋", "fzxbs")),
    ("fangsong", ("fangsong", "仿宋", "fs_gb2312", "simfang", "fzfs")),
    ("kai", ("kai", "楷")),
    ("hei", ("hei", "黑", "sans")),
    ("song", ("song", "sun", "ming", "宋", "serif")),
)
WANTED = {
    FontRole.TITLE: "xiaobiaosong",
    FontRole.BODY: "fangsong",
    FontRole.HEADING: "hei",
    FontRole.KAI: "kai",
    FontRole.SONG: "song",
}
KIND_ZH = {
    "xiaobiaosong": "小标宋",
    "fangsong": "仿宋",
    "hei": "黑体",
    "kai": "楷体",
    "song": "宋体",
}
KIND_EN = {
    "xiaobiaosong": "XiaoBiaoSong",
    "fangsong": "FangSong",
    "hei": "HeiTi",
    "kai": "KaiTi",
    "song": "SongTi",
}
ROLE_ZH = {
    FontRole.TITLE: "发文机关标志和标题",
    FontRole.BODY: "正文",
    FontRole.HEADING: "一级标题",
    FontRole.KAI: "二级标题",
    FontRole.SONG: "页码",
}
ROLE_EN = {
    FontRole.TITLE: "issuer mark and title",
    FontRole.BODY: "body",
    FontRole.HEADING: "level-1 headings",
    FontRole.KAI: "level-2 headings",
    FontRole.SONG: "page numbers",
}
SETTING_ZH = {
    FontRole.TITLE: "标题字体（小标宋/宋体）",
    FontRole.BODY: "正文字体（仿宋）",
    FontRole.HEADING: "一级标题字体（黑体）",
    FontRole.KAI: "二级标题字体（楷体）",
}


@dataclass(frozen=True)
class Fallback:
    role: FontRole
    wanted: str  # a face kind, e.g. "fangsong"
    face: str  # the family actually used, e.g. "AR PL UMing CN"
    bold: bool  # 宋体 set bold for the title, as the standard allows


def face_name(fonts: DocumentFonts, role: FontRole) -> str:
    name = getattr(fonts, role.value) or fonts.title
    face = pdfmetrics.getFont(name).face
    family = getattr(face, "familyName", b"") or getattr(face, "name", b"")
    return family.decode("utf-8", "replace") if isinstance(family, bytes) else str(family)


def face_kind(fonts: DocumentFonts, role: FontRole) -> str:
    """The kind of face a role got ("song", "fangsong", …), or "" when unknown."""
    name = getattr(fonts, role.value) or fonts.title
    face = pdfmetrics.getFont(name).face
    words = [face_name(fonts, role), str(getattr(face, "name", b""))]
    if role in fonts.files:
        words += [fonts.files[role].family, fonts.files[role].path.stem]
    text = " ".join(words).lower()
    return next((kind for kind, marks in KINDS if any(m in text for m in marks)), "")


def title_needs_bold(fonts: DocumentFonts) -> bool:
    """宋体 standing in for 小标宋 is set bold (GB/T 9704 practice)."""
    return face_kind(fonts, FontRole.TITLE) == "song"


def fallbacks(fonts: DocumentFonts) -> list[Fallback]:
    """Every role whose face is not of the kind GB/T 9704 names for it."""
    found = []
    for role, wanted in WANTED.items():
        kind = face_kind(fonts, role)
        if kind != wanted:
            bold = role is FontRole.TITLE and kind == "song"
            found.append(Fallback(role, wanted, face_name(fonts, role), bold))
    return found


def font_notice(fonts: DocumentFonts) -> tuple[str, str] | None:
    """A message (zh, en) naming each role that fell back and how to set a font; None if
    every role has its proper face."""
    found = fallbacks(fonts)
    if not found:
        return None
    zh_parts, en_parts, fields = [], [], []
    for f in found:
        bold_zh, bold_en = ("（加粗代替）", " (set bold instead)") if f.bold else ("", "")
        zh_parts.append(f"{ROLE_ZH[f.role]}应为{KIND_ZH[f.wanted]}，现用 {f.face}{bold_zh}")
        en_parts.append(f"{ROLE_EN[f.role]}: {f.face} instead of {KIND_EN[f.wanted]}{bold_en}")
        if f.role in SETTING_ZH:
            fields.append(f"“{SETTING_ZH[f.role]}”")
    where = "、".join(fields) or "相应的字体栏"
    zh = (
        f"本机缺少公文规定的字体，已改用其他字体：{'；'.join(zh_parts)}。"
        f"正式印发前，请安装相应字体（如方正小标宋简体、仿宋_GB2312），"
        f"或在“设置”的{where}中填写字体文件路径（.ttf/.ttc，如 C:\\Windows\\Fonts\\simfang.ttf），"
        f"也可把字体文件放入程序的 resources/fonts 文件夹。"
    )
    en = (
        f"This computer lacks the typefaces GB/T 9704 requires, so others are used: "
        f"{'; '.join(en_parts)}. Before issuing, install the fonts (e.g. FZXiaoBiaoSong, "
        f"FangSong_GB2312) or enter a font file (.ttf/.ttc, e.g. C:\\Windows\\Fonts\\simfang.ttf) "
        f"in the font fields of Settings, or put the font in the app's resources/fonts folder."
    )
    return zh, en
