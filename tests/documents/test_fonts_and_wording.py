"""Missing fonts and a broken wording file are explained, never silently worked around."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.documents.fonts import FontRole, resolve_fonts
from inspector_app.documents.wording import WordingError, load_wording
from inspector_app.resource_paths import resources_dir


def test_no_chinese_font_gives_advice_instead_of_a_fallback(tmp_path: Path) -> None:
    """With fontconfig pointed at an empty configuration and no bundled fonts."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig></fontconfig>', encoding="utf-8")
    resources = tmp_path / "resources"
    (resources / "fonts").mkdir(parents=True)
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "INSPECTOR_RESOURCES_DIR": str(resources)}
    script = (
        "from inspector_app.documents.fonts import resolve_fonts, FontsMissing\n"
        "try:\n    resolve_fonts()\nexcept FontsMissing as e:\n    print(e.zh); print(e.en)\n"
        "else:\n    print('RESOLVED')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "RESOLVED" not in out
    assert "fonts-wqy-zenhei" in out and "找不到可嵌入公文的中文" in out


def test_a_configured_font_file_wins(tmp_path: Path) -> None:
    kai = "/usr/share/fonts/truetype/arphic/ukai.ttc"
    fonts = resolve_fonts({FontRole.BODY: kai})
    assert fonts.files[FontRole.BODY].path == Path(kai)


def test_a_non_font_file_in_settings_is_skipped_not_trusted(tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font")
    fonts = resolve_fonts({FontRole.TITLE: str(fake)})
    assert fonts.files[FontRole.TITLE].path != fake


def test_unknown_wording_field_names_file_entry_and_field(tmp_path: Path) -> None:
    source = (resources_dir() / "documents" / "notice_zh.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "custom_notice.yaml"
    broken.write_text(
        source.replace("{site}进行了监督检查", "{hall}进行了监督检查"), encoding="utf-8"
    )
    with pytest.raises(WordingError) as refused:
        load_wording(broken)
    assert "custom_notice.yaml" in refused.value.zh
    assert "notice.opening" in refused.value.zh and "{hall}" in refused.value.zh
