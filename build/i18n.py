#!/usr/bin/env python3
"""Refresh the English translation: collect strings (lupdate), then compile (lrelease).

    .venv/bin/python build/i18n.py            # update resources/i18n/inspector_en.ts and .qm
    .venv/bin/python build/i18n.py --check    # fail if a visible string lacks a translation

Chinese is the source language, so zh_CN needs no file. After lupdate, open
the .ts in Qt Linguist (pyside6-linguist) or any editor, translate what is
marked unfinished, and run this again to compile the .qm the app loads.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(str(p) for p in (ROOT / "inspector_app" / "ui").rglob("*.py"))
TS = ROOT / "resources" / "i18n" / "inspector_en.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def untranslated(ts: Path) -> list[str]:
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        kind = translation.get("type") if translation is not None else "unfinished"
        if kind in ("vanished", "obsolete"):
            continue
        if translation is None or kind == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    return missing


def main() -> int:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *SOURCES,
            "-no-obsolete",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(TS),
        ],
        check=True,
    )
    missing = untranslated(TS)
    if "--check" in sys.argv:
        for source in missing:
            print(f"untranslated: {source}")
        return 1 if missing else 0
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    if missing:
        print(f"{len(missing)} string(s) still need an English translation in {TS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
