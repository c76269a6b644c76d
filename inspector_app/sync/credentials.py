"""The user's bearer token, kept only in the operating system's keyring.

A laptop left in a service hall must not give its token to whoever copies the
data folder, so the token is never written to a file of ours: it goes to the
Windows Credential Locker, the macOS Keychain or the Secret Service (GNOME
Keyring, KWallet). Where none is usable (a headless Linux box), saving is
refused with a message and the app asks for the password at the next sync.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, PasswordDeleteError

from inspector_app.domain.errors import DomainError

SERVICE = "inspector-app"
# keyring's own scale: 1 and above are the OS stores; below are fallbacks such as
# keyrings.alt's files (0.5) and the null and fail backends (≤ 0).
SECURE_PRIORITY = 1.0


class NoSecureKeyring(DomainError):
    """There is no OS keyring to keep the token in; the password will be asked again."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "sync.no_secure_keyring",
            "本机没有可用的系统密钥环，无法安全保存登录状态；下次同步时需要重新输入密码。",
            "This computer has no usable system keyring, so the sign-in cannot be kept "
            "safely; you will be asked for the password at the next sync."
            + (f" ({detail})" if detail else ""),
        )


def account(user: str, server_url: str) -> str:
    """The keyring's username: one entry per user per server."""
    return f"{user}@{server_url.strip().rstrip('/')}"


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(backend.priority)
    except Exception:  # a backend that cannot run here says so by raising
        return float("-inf")


def secure_backend(backend: KeyringBackend | None = None) -> KeyringBackend:
    """The OS keyring to use, never a file-based or null fallback.

    A chainer is resolved to its best secure member: left to itself it would
    fall through to whatever backend accepts the write, a plaintext file included.
    """
    chosen = backend if backend is not None else keyring.get_keyring()
    candidates = list(chosen.backends) if isinstance(chosen, chainer.ChainerBackend) else [chosen]
    for candidate in sorted(candidates, key=_priority, reverse=True):
        if not isinstance(candidate, fail.Keyring) and _priority(candidate) >= SECURE_PRIORITY:
            return candidate
    raise NoSecureKeyring(f"keyring backend: {type(chosen).__module__}.{type(chosen).__name__}")


def save_token(
    user: str, server_url: str, token: str, *, backend: KeyringBackend | None = None
) -> None:
    """Keep the token in the OS keyring, or raise `NoSecureKeyring` and keep it nowhere."""
    if not token:
        raise ValueError("an empty token is not worth keeping")
    store = secure_backend(backend)
    try:
        store.set_password(SERVICE, account(user, server_url), token)
    except KeyringError as error:  # e.g. a locked keyring whose unlock prompt was dismissed
        raise NoSecureKeyring(str(error)) from error


def load_token(user: str, server_url: str, *, backend: KeyringBackend | None = None) -> str | None:
    """The kept token, or None: then the app asks for the password."""
    try:
        return secure_backend(backend).get_password(SERVICE, account(user, server_url))
    except (NoSecureKeyring, KeyringError):
        return None


def forget_token(user: str, server_url: str, *, backend: KeyringBackend | None = None) -> None:
    """Sign out: remove the token; nothing kept is not an error."""
    try:
        secure_backend(backend).delete_password(SERVICE, account(user, server_url))
    except (NoSecureKeyring, PasswordDeleteError):
        return
