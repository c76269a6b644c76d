"""Errors that reach users: each carries its message in Chinese and English."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; the message is meant for the user, not a traceback.

    `code` is stable and machine-readable (tests and the server's error
    replies use it); `zh` and `en` are complete sentences for the UI.
    """

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.code = code
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh_CN") -> str:
        return self.en if lang.startswith("en") else self.zh


class IllegalTransition(DomainError):
    """An action that the lifecycle does not allow from the current state."""


class ValidationFailed(DomainError):
    """Input that cannot be accepted as it is."""
