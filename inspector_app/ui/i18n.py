"""Language: Chinese is the source language; English comes from a Qt .qm file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from inspector_app.resource_paths import resources_dir

LANGUAGES = ("zh_CN", "en")
_current = "zh_CN"
_translator: QTranslator | None = None


def translations_dir() -> str:
    return str(resources_dir() / "i18n")


def install_language(lang: str) -> bool:
    """Switch the app's language; returns False when the .qm file is missing."""
    global _current, _translator
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)
        _translator = None
    _current = lang if lang in LANGUAGES else "zh_CN"
    if _current == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    translator = QTranslator()
    if not translator.load(f"inspector_{_current}", translations_dir()):
        return False
    if app is not None:
        app.installTranslator(translator)
    _translator = translator
    return True


def current_language() -> str:
    return _current


def pick(pair: tuple[str, str]) -> str:
    """Choose from a domain label pair (Chinese, English)."""
    return pair[1] if _current == "en" else pair[0]
