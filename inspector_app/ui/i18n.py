"""Language: Chinese is the source language; English comes from a Qt .qm file.

Qt's own dialogs (file, print, message box and input dialog buttons) speak
Chinese through Qt's shipped `qtbase_zh_CN` translation, installed for the
Chinese UI and removed again for English. Dates and sizes follow the default
QLocale, set here before any widget of the window is built.

Qt's non-native file dialog formats its 修改日期 and 体积 columns with the
*system* locale (QLocale::system), fixed when QApplication is created from
LANG/LC_TIME; QLocale.setDefault does not reach it, and nothing can change
it afterwards (PySide6 has no QSystemLocale).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inspector_app.resource_paths import resources_dir

LANGUAGES = ("zh_CN", "en")
_current = "zh_CN"
_translator: QTranslator | None = None
_qt_translators: list[QTranslator] = []

# Labels of Qt 6's file dialog whose source text changed (accelerators were added)
# after the shipped qtbase_zh_CN was made, so Qt shows them in English.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",  # Windows
}


class _QtGaps(QTranslator):
    """Chinese for the few strings of Qt's dialogs that qtbase_zh_CN lacks."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return QT_GAPS.get((context, source))  # None: not here (an empty text would be a hit)

    def isEmpty(self) -> bool:
        return False


def translations_dir() -> str:
    return str(resources_dir() / "i18n")


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_language(lang: str) -> bool:
    """Switch the app's language; returns False when the .qm file is missing."""
    global _current, _translator
    app = QCoreApplication.instance()
    for installed in (_translator, *_qt_translators):
        if installed is not None and app is not None:
            app.removeTranslator(installed)
    _translator = None
    _qt_translators.clear()
    _current = lang if lang in LANGUAGES else "zh_CN"
    if _current == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        _install_qt_chinese(app)
        return True
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    translator = QTranslator()
    if not translator.load(f"inspector_{_current}", translations_dir()):
        return False
    if app is not None:
        app.installTranslator(translator)
    _translator = translator
    return True


def _install_qt_chinese(app: QCoreApplication | None) -> None:
    """Qt's own Chinese (searched first), then our gaps; a missing file keeps English."""
    gaps = _QtGaps()
    qtbase = QTranslator()
    _qt_translators.append(gaps)
    if app is not None:
        app.installTranslator(gaps)
    if qtbase.load("qtbase_zh_CN", qt_translations_dir()):
        _qt_translators.append(qtbase)
        if app is not None:
            app.installTranslator(qtbase)


def current_language() -> str:
    return _current


def pick(pair: tuple[str, str]) -> str:
    """Choose from a domain label pair (Chinese, English)."""
    return pair[1] if _current == "en" else pair[0]
