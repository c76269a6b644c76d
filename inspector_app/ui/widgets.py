"""Small helpers shared by several screens."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

USER_DATA = "showsUserData"
W = TypeVar("W", bound=QWidget)


def shows_user_data(widget: W) -> W:
    """Mark a widget whose text is records (site names, item texts), not interface.

    The translation test skips such widgets: records stay in the language
    they were written in, whatever the interface language.
    """
    widget.setProperty(USER_DATA, True)
    return widget
