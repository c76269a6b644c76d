"""The row of page tabs above the window's pages (ui/desk_pages.py decides which).

Hidden while an account has one page only: an inspector's window looks as before.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabBar

from inspector_app.ui.desk_pages import PageSpec


class NavBar(QTabBar):
    page_requested = Signal(str)  # a PageSpec key

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page-tabs")
        self.setDocumentMode(True)
        self.setExpanding(False)
        self._keys: list[str] = []
        self.setVisible(False)
        self.currentChanged.connect(self._changed)

    def set_pages(self, pages: tuple[PageSpec, ...]) -> None:
        current = self.current_key()
        self.blockSignals(True)
        while self.count():
            self.removeTab(0)
        self._keys = [page.key for page in pages]
        for page in pages:
            self.addTab(page.title())
        if current in self._keys:
            self.setCurrentIndex(self._keys.index(current))
        self.blockSignals(False)
        self.setVisible(len(pages) > 1)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def current_key(self) -> str | None:
        index = self.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else None

    def show_key(self, key: str) -> None:
        """Mark the page on screen without asking for it again."""
        if key in self._keys:
            self.blockSignals(True)
            self.setCurrentIndex(self._keys.index(key))
            self.blockSignals(False)

    def select(self, key: str) -> None:
        """As a click on the tab: the page is asked for."""
        if key in self._keys:
            if self.current_key() == key:
                self.page_requested.emit(key)
            else:
                self.setCurrentIndex(self._keys.index(key))

    def _changed(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            self.page_requested.emit(self._keys[index])
