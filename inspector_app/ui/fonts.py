"""Make sure Chinese text renders: pick a CJK UI font or say what to install."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
    "SimSun",
)
LINUX_HINT = "sudo apt install fonts-wqy-zenhei fonts-arphic-uming"


def chinese_families() -> list[str]:
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def choose_ui_font(app: QApplication) -> str | None:
    """Use a known-good CJK family for the UI; None when the machine has none at all."""
    available = chinese_families()
    if not available:
        return None
    family = next((f for f in PREFERRED if f in available), available[0])
    font = QFont(family)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    return family


def missing_font_message() -> tuple[str, str]:
    """(Chinese, English) advice when no Chinese font exists on this machine."""
    if sys.platform.startswith("linux"):
        return (
            f"未找到中文字体，界面文字可能显示为方框。请安装中文字体：{LINUX_HINT}",
            f"No Chinese font was found; text may show as boxes. Install one: {LINUX_HINT}",
        )
    return (
        "未找到中文字体，界面文字可能显示为方框。请安装中文字体后重新启动。",
        "No Chinese font was found; text may show as boxes. Install one and restart.",
    )
