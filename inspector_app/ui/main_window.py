"""The main window: home list and checklist runner, status bar with the save state.

Page switches go through `navigator` (navigator.py); `show_home` and
`open_inspection` stay as the window's entry points and hand over to it.

The window can be shown before the store is open (`runner=None`, rows read by
the fast start path): everything that needs SQLAlchemy is imported and built
only once `attach()` hands over the store runner.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from inspector_app.domain import bureau_time
from inspector_app.services.summaries import InspectionSummary
from inspector_app.settings import Settings, load_settings, save_settings
from inspector_app.ui.desk_pages import pages_for
from inspector_app.ui.errors import show_error
from inspector_app.ui.home.home_page import HomePage
from inspector_app.ui.nav_bar import NavBar
from inspector_app.ui.navigator import Navigator
from inspector_app.ui.widgets import shows_user_data

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QCloseEvent

    from inspector_app.services.queries import FindingView, NewInspectionChoices
    from inspector_app.ui.runner.recheck_page import RecheckPage
    from inspector_app.ui.runner.runner_page import RunnerPage
    from inspector_app.ui.store_runner import StoreRunner
    from inspector_app.ui.sync.controller import SyncController


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    home_shown = Signal()  # the home list holds the store's rows

    def __init__(
        self,
        runner: StoreRunner | None,
        settings: Settings,
        *,
        data_dir: Path | None = None,
        initial_rows: list[InspectionSummary] | None = None,
    ) -> None:
        super().__init__()
        self.runner: StoreRunner | None = None
        self.settings = settings
        self._runner_page: RunnerPage | None = None
        self._recheck_page: RecheckPage | None = None
        self._home_soon: QTimer | None = None  # made on the first sync change
        self.sync: SyncController | None = None
        self.setWindowTitle(self.tr("四不两直明察暗访现场检查"))
        self.home = HomePage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
        self.nav = NavBar()  # the pages the account's role gets (ui/desk_pages.py)
        self.role = ""
        self.desk: dict[str, QWidget] = {}  # built on first use
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.nav)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.nav.set_pages(pages_for(""))
        self.navigator = Navigator(
            self.pages,
            self.home,
            lambda: self.runner_page if self.runner is not None else None,
            self.refresh_home,
            self.activateWindow,
            lambda: self.recheck_page if self.runner is not None else None,
        )

        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        # QAction(parent, text=…), not QAction(text, parent): resolving that overload builds
        # PySide6's QIcon type (~1.5 ms) before the first paint. Shortcuts come in attach().
        self.new_action = QAction(self, text=self.tr("新建检查"))
        self.open_action = QAction(self, text=self.tr("打开检查"))
        self.refresh_action = QAction(self, text=self.tr("刷新"))
        self.settings_action = QAction(self, text=self.tr("设置"))
        self.store_actions = (
            self.new_action,
            self.open_action,
            self.refresh_action,
            self.settings_action,
        )
        for action in self.store_actions:
            toolbar.addAction(action)
            action.setEnabled(False)

        self.save_state = QLabel(self.tr("正在打开数据…"))
        self.statusBar().addPermanentWidget(self.save_state)
        folder = runner.data_dir if runner is not None else data_dir
        self.data_dir_label = shows_user_data(QLabel(self.tr("数据目录：{0}").format(folder)))
        self.statusBar().addPermanentWidget(self.data_dir_label)

        self.new_action.triggered.connect(self.new_inspection)
        self.open_action.triggered.connect(self._open_selected)
        self.refresh_action.triggered.connect(self.refresh_home)
        self.settings_action.triggered.connect(self.open_settings)
        self.home.new_requested.connect(self.new_inspection)
        self.home.open_requested.connect(self.navigator.open_inspection)
        self.nav.page_requested.connect(self.show_page)
        self.pages.currentChanged.connect(self._page_shown)
        self.resize(1280, 720)
        if initial_rows is not None:
            self._show_rows(initial_rows)
        if runner is not None:
            self.attach(runner)

    def attach(self, runner: StoreRunner) -> None:
        """The store is open: enable everything and read the list through it.

        The shortcuts are bound here, with the actions they trigger: binding them
        before the first paint would build PySide6's `Qt` namespace (~17 ms).
        """
        from PySide6.QtGui import QKeySequence

        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.runner = runner
        runner.saved.connect(self._saved)
        runner.failed.connect(lambda error: show_error(self, error))
        runner.changed.connect(self._on_changed)
        for action in self.store_actions:
            action.setEnabled(True)
        self.save_state.setText(self.tr("尚无修改"))
        self._attach_sync(runner)
        self.refresh_home()
        from inspector_app.ui.operations.review import account

        runner.read(account, lambda known: self.set_role(known.role), lambda e: None)

    def _attach_sync(self, runner: StoreRunner) -> None:
        """The 同步 actions and the status bar's sync corner (built after the first paint)."""
        from PySide6.QtCore import Qt

        from inspector_app.ui.sync.controller import SyncController

        # The sync corner needs room: the folder is shortened, the whole path in its tooltip.
        full = self.data_dir_label.text()
        self.data_dir_label.setToolTip(full)
        metrics = self.data_dir_label.fontMetrics()
        self.data_dir_label.setText(metrics.elidedText(full, Qt.TextElideMode.ElideMiddle, 280))
        self.sync = SyncController(self, runner, self.toolbar)
        self.sync.finished.connect(self._after_sync)
        self.sync.account_changed.connect(lambda account: self.set_role(account.role))

    def _after_sync(self) -> None:
        """A sync may have changed anything on screen: reread the page that is shown."""
        current = self.pages.currentWidget()
        if self.navigator.at_home:
            self.refresh_home()
        elif current is self._runner_page and self._runner_page is not None:
            self._runner_page.reload()
        elif hasattr(current, "reload"):
            current.reload()

    @property
    def runner_page(self) -> RunnerPage:
        if self._runner_page is None:
            from inspector_app.ui.runner.runner_page import RunnerPage

            assert self.runner is not None
            page = RunnerPage(self.runner, lambda: self.settings)
            page.closed.connect(self.navigator.go_home)
            page.submitted.connect(lambda _: self.navigator.go_home())
            page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            page.open_photo_viewer.connect(self._view_photo)
            page.settings_requested.connect(self.open_settings)
            self.pages.addWidget(page)
            self._runner_page = page
        return self._runner_page

    @property
    def recheck_page(self) -> RecheckPage:
        """The runner's 复查 mode (ui/runner/recheck_page.py), made on first use."""
        if self._recheck_page is None:
            from inspector_app.ui.runner.recheck_page import RecheckPage

            assert self.runner is not None
            page = RecheckPage(self.runner, lambda: self.settings)
            page.closed.connect(self.navigator.go_home)
            page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.pages.addWidget(page)
            self._recheck_page = page
        return self._recheck_page

    # --- navigation ---

    def set_role(self, role: str) -> None:
        """The account's pages: a supervisor's desk appears, an inspector's stays away."""
        self.role = role
        pages = pages_for(role)
        self.nav.set_pages(pages)
        current = self.pages.currentWidget()
        allowed = {page.key for page in pages}
        if any(widget is current for key, widget in self.desk.items() if key not in allowed):
            self.navigator.go_home()

    def show_page(self, key: str) -> None:
        """A tab of the navigation: the home list, or a desk page built on first use."""
        if key == "home":
            if not self.navigator.at_home:
                self.navigator.back()  # from an inspection, its typing is saved first
            return
        spec = next((page for page in pages_for(self.role) if page.key == key), None)
        if spec is None or spec.build is None or self.runner is None:
            return
        if self._runner_page is not None and self.pages.currentWidget() is self._runner_page:
            self._runner_page.panel.flush()
        page = self.desk.get(key)
        if page is None:
            page = self.desk[key] = spec.build(self.runner)
            self.pages.addWidget(page)
            opens = getattr(page, "inspection_opened", None)  # e.g. 整改跟踪's 复查
            if opens is not None:
                opens.connect(self.navigator.open_inspection)
        self.navigator.show_page(page)

    def _page_shown(self, _: int) -> None:
        current = self.pages.currentWidget()
        key = next((key for key, widget in self.desk.items() if widget is current), "home")
        self.nav.show_key(key)

    def refresh_home(self) -> None:
        from inspector_app.ui.operations.sync import home_rows

        if self.runner is not None:
            self.runner.read(
                home_rows, lambda found: self._show_rows(*found), lambda e: show_error(self, e)
            )

    def _show_rows(
        self, rows: list[InspectionSummary], states: dict[str, str] | None = None
    ) -> None:
        self.home.set_rows(rows, states)
        self.home_shown.emit()

    def _on_changed(self, changes: object, initiator: object) -> None:
        """The home list shows inspections: redraw it when one changed while it is shown.

        A sync changes records in a stream (one write per uploaded photo): those redraw
        the list at most every half second, so the window keeps answering."""
        if not (getattr(changes, "inspections", None) and self.navigator.at_home):
            return
        if getattr(initiator, "background_sync", False):
            if self._home_soon is None:
                from PySide6.QtCore import QTimer

                self._home_soon = QTimer(self, singleShot=True, interval=500)
                self._home_soon.timeout.connect(self.refresh_home)
            if not self._home_soon.isActive():
                self._home_soon.start()
            return
        self.refresh_home()

    def show_home(self) -> None:
        self.navigator.go_home()

    def open_inspection(self, inspection_id: str) -> None:
        self.navigator.open_inspection(inspection_id)

    def _open_selected(self) -> None:
        inspection_id = self.home.selected_id()
        if inspection_id:
            self.navigator.open_inspection(inspection_id)

    def new_inspection(self) -> None:
        from inspector_app.services.queries import new_inspection_choices

        if self.runner is not None:
            self.runner.read(new_inspection_choices, self._ask_new, lambda e: show_error(self, e))

    def _ask_new(self, choices: NewInspectionChoices) -> None:
        from PySide6.QtWidgets import QMessageBox

        from inspector_app.ui.home.new_inspection_dialog import NewInspectionDialog
        from inspector_app.ui.operations.inspections import new_inspection

        assert self.runner is not None
        if not choices.templates or not choices.sites:
            QMessageBox.information(
                self,
                self.tr("新建检查"),
                self.tr("本机还没有检查表或检查地点，请先同步或导入演示数据。"),
            )
            return
        dialog = NewInspectionDialog(
            choices,
            self.settings.team,
            self,
            inspector=self.settings.inspector_name,
            runner=self.runner,
        )
        if dialog.exec() != NewInspectionDialog.DialogCode.Accepted:
            return
        self.runner.write(
            new_inspection(request=dialog.request()),
            self.navigator.open_inspection,
            lambda e: show_error(self, e),
            initiator=self,
        )

    def _view_photo(self, finding: FindingView, photo_id: str) -> None:
        from inspector_app.domain.inspection import is_editable
        from inspector_app.ui.photos.photo_viewer import PhotoViewer

        assert self.runner is not None
        sheet = self.runner_page.sheet
        editable = sheet is not None and is_editable(sheet.status)
        viewer = PhotoViewer(self.runner, finding.id, photo_id, editable, self)
        viewer.exec()  # the runner page redraws from the viewer's change sets

    def open_settings(self) -> None:
        from inspector_app.ui.settings_dialog import SettingsDialog

        assert self.runner is not None
        self.settings = load_settings()  # the runner remembers things too (the photo folder)
        dialog = SettingsDialog(self.settings, str(self.runner.data_dir), self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        new = dialog.result_settings()
        language_changed = new.language != self.settings.language
        try:
            save_settings(new)
        except OSError as error:
            show_error(self, error)
            return
        self.settings = new  # the runner page asks for these (lambda: self.settings)
        if self.sync is not None:
            self.sync.settings_changed(new)
        if bureau_time.zone_name() != bureau_time.set_zone(new.time_zone):
            self.refresh_home()  # every time on screen moves to the new zone
        if language_changed:
            self.language_changed.emit(new.language)

    # --- saving ---

    def _saved(self, when: datetime) -> None:
        shown = f"{bureau_time.local(when):%H:%M:%S}"
        self.save_state.setText(self.tr("已自动保存 {0}").format(shown))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._runner_page is not None:
            self._runner_page.panel.flush()
        if self.sync is not None:
            self.sync.cancel()  # a running sync stops at its next step; what it did is kept
        if self.runner is not None:
            self.runner.wait_idle()
        super().closeEvent(event)
