"""The window's pages by role: which ones an account gets, in the navigation's order.

Inspectors work on their inspections (the home list); supervisors also get the
desk: 审核, 通知书, 整改跟踪 and 统计.
A page is built on first use (it needs the store), so adding one costs nothing at
start-up and an account without the role never builds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from inspector_app.ui.store_runner import StoreRunner

EVERYONE = frozenset({"", "inspector", "supervisor", "admin"})  # "": never synced yet
DESK = frozenset({"supervisor", "admin"})


@dataclass(frozen=True)
class PageSpec:
    """One entry of the navigation. `build` is None for the home list (the window has it)."""

    key: str
    title: Callable[[], str]  # translated when shown, so a language switch applies
    roles: frozenset[str]
    build: Callable[[StoreRunner], QWidget] | None = None


def _review_page(runner: StoreRunner) -> QWidget:
    from inspector_app.ui.review.review_page import ReviewPage

    return ReviewPage(runner)


def _notices_page(runner: StoreRunner) -> QWidget:
    from inspector_app.ui.notices.notices_page import NoticesPage

    return NoticesPage(runner)


def _tracking_page(runner: StoreRunner) -> QWidget:
    from inspector_app.ui.tracking.tracking_page import TrackingPage

    return TrackingPage(runner)


def _dashboard_page(runner: StoreRunner) -> QWidget:
    from inspector_app.ui.dashboard.dashboard_page import DashboardPage

    return DashboardPage(runner)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", lambda: QCoreApplication.translate("DeskPages", "我的检查"), EVERYONE),
    PageSpec("review", lambda: QCoreApplication.translate("DeskPages", "审核"), DESK, _review_page),
    PageSpec(
        "notices", lambda: QCoreApplication.translate("DeskPages", "通知书"), DESK, _notices_page
    ),
    PageSpec(
        "tracking",
        lambda: QCoreApplication.translate("DeskPages", "整改跟踪"),
        DESK,
        _tracking_page,
    ),
    PageSpec(
        "dashboard", lambda: QCoreApplication.translate("DeskPages", "统计"), DESK, _dashboard_page
    ),
)


def pages_for(role: str) -> tuple[PageSpec, ...]:
    """The pages an account of `role` sees; an unknown role gets what everyone gets."""
    role = role if role in EVERYONE else ""
    return tuple(page for page in PAGES if role in page.roles)
