"""Which page the main window shows: the home list or one inspection, and the way back.

Every page switch goes through here (Enter or a double click in the list, the
打开检查 action, a new inspection, 返回列表, a submitted inspection), so where
the user is and what "back" means live in one place instead of in slots
scattered over the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from inspector_app.ui.home.home_page import HomePage
    from inspector_app.ui.runner.recheck_page import RecheckPage
    from inspector_app.ui.runner.runner_page import RunnerPage


class Navigator:
    """Home ⇄ one inspection; the runner page is made on first use (it needs the store)."""

    def __init__(
        self,
        pages: QStackedWidget,
        home: HomePage,
        runner_page: Callable[[], RunnerPage | None],
        refresh_home: Callable[[], None],
        activate: Callable[[], None],
        recheck_page: Callable[[], RecheckPage | None] | None = None,
    ) -> None:
        """`runner_page` gives None while the store is not open; `activate` raises the window;
        `recheck_page` shows a 复查 (an inspection of a notice's problems) instead."""
        self._pages = pages
        self._recheck_page = recheck_page or (lambda: None)
        self._home = home
        self._runner_page = runner_page
        self._refresh_home = refresh_home
        self._activate = activate

    @property
    def at_home(self) -> bool:
        return self._pages.currentWidget() is self._home

    @property
    def inspection_id(self) -> str | None:
        """The inspection on screen, or None at home."""
        if self.at_home:
            return None
        recheck = self._shown_recheck()
        if recheck is not None:
            return recheck.sheet.inspection_id if recheck.sheet is not None else None
        page = self._runner_page()
        sheet = page.sheet if page is not None else None
        return sheet.id if sheet is not None else None

    def go_home(self) -> None:
        """The list, re-read (what was just edited shows its new state), with the keyboard."""
        self._pages.setCurrentWidget(self._home)
        self._refresh_home()
        self._home.table.setFocus()

    def show_page(self, page: QWidget) -> None:
        """Another page of the window (the supervisor's desk), with the keyboard."""
        self._pages.setCurrentWidget(page)
        page.setFocus()

    def open_inspection(self, inspection_id: str) -> None:
        """Load the inspection, then show its page: focus only works on a visible widget."""
        page = self._runner_page()
        if page is None:
            return

        def show(shown: QWidget) -> None:
            self._pages.setCurrentWidget(shown)
            self._activate()  # back from a dialog: the keyboard belongs here again

        def in_runner() -> None:
            page.load(inspection_id, then=lambda: show(page))

        recheck = self._recheck_page()
        if recheck is None:
            in_runner()
        else:
            recheck.load(inspection_id, then=lambda: show(recheck), otherwise=in_runner)

    def _shown_recheck(self) -> RecheckPage | None:
        recheck = self._recheck_page()
        current = self._pages.currentWidget()
        return recheck if recheck is not None and current is recheck else None

    def back(self) -> None:
        """From an inspection to the list, saving the text being typed (as 返回列表 does)."""
        if self.at_home:
            return
        recheck = self._shown_recheck()
        if recheck is not None:
            recheck.leave()  # saves the note being typed, then `closed` brings us home
            return
        page = self._runner_page()
        if page is not None:
            page.leave()  # flushes the panel, then `closed` brings us home
        else:
            self.go_home()
