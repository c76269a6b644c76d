"""What can stop a sync, each with the sentence the inspector reads (中文 and English).

The HTTP layer turns transport failures and the server's refusals into these, so
the app, the CLI and the tests speak of the same few situations.
"""

from __future__ import annotations

import re

from inspector_app.domain.errors import DomainError

BILINGUAL = re.compile(r"\s*/\s+")


def split_bilingual(text: str) -> tuple[str, str]:
    """The server's messages are "中文。/ English." (a space after the slash, not always
    one before); the two halves, or the whole text twice when it is in one language."""
    zh, *rest = BILINGUAL.split(text, maxsplit=1)
    return zh, rest[0] if rest else zh


class SyncError(DomainError):
    """A sync that could not finish; everything recorded so far is kept."""


class ServerUnreachable(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "sync.unreachable",
            "无法连接服务器，请检查网络后重试。未同步的记录已保留在本机。",
            "The server cannot be reached; check the network and try again. "
            "Unsynced records are kept on this laptop." + (f" ({detail})" if detail else ""),
        )


class TlsFailed(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "sync.tls",
            "服务器证书无法验证，连接已中止（可能不是本单位的服务器）。请联系管理员。",
            "The server's certificate could not be verified, so the connection was stopped "
            "(it may not be the bureau's server). Contact the administrator."
            + (f" ({detail})" if detail else ""),
        )


class WrongPassword(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "sync.wrong_password",
            "用户名或密码错误。",
            "Wrong user name or password.",
        )


class LockedOut(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "sync.locked_out",
            "登录失败次数过多，账号已暂时锁定，请稍后再试。",
            "Too many failed sign-ins: the account is locked for a while; try again later."
            + (f" ({detail})" if detail else ""),
        )


class SignInRequired(SyncError):
    """No token, or the server no longer accepts it (expired, revoked)."""

    def __init__(self) -> None:
        super().__init__(
            "sync.sign_in",
            "需要重新登录服务器。未同步的记录已保留。",
            "Please sign in to the server again. Unsynced records are kept.",
        )


class VersionMismatch(SyncError):
    """426: the app and the server do not speak the same protocol or schema."""

    def __init__(self, server_message: str) -> None:
        zh, en = split_bilingual(server_message)
        super().__init__(
            "sync.version",
            f"{zh}本机数据未做任何修改。",
            f"{en} Nothing on this laptop was changed.",
        )


class ResetRequired(SyncError):
    """410: the server was restored from a backup and has a new epoch."""

    def __init__(self, epoch: str) -> None:
        self.epoch = epoch
        super().__init__(
            "sync.reset",
            "服务器数据已从备份恢复，需要完整重新同步。",
            "The server was restored from a backup; a full re-sync is needed.",
        )


class ServerRefused(SyncError):
    """Any other refusal: the server's own message, as it said it."""

    def __init__(self, status: int, server_message: str) -> None:
        self.status = status
        zh, en = split_bilingual(server_message)
        super().__init__(
            "sync.refused",
            f"服务器拒绝了请求（{status}）：{zh}",
            f"The server refused the request ({status}): {en}",
        )


class DiskFull(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "sync.disk_full",
            "本机磁盘空间不足，同步已停止。已保存的记录没有受影响，请清理磁盘后重试。",
            "The laptop's disk is full, so the sync stopped. Saved records are unharmed; "
            "free some space and try again." + (f" ({detail})" if detail else ""),
        )


class ServerStorageFull(SyncError):
    """507: the server's disk is full. Waiting does not help, so it is not retried."""

    def __init__(self) -> None:
        super().__init__(
            "sync.server_full",
            "服务器存储空间已满，照片未能上传。本机记录没有受影响，"
            "请联系系统管理员清理服务器空间后再同步。",
            "The server's storage is full, so the photos could not be uploaded. The records "
            "on this laptop are unharmed; ask the administrator to free space, then sync again.",
        )


class SyncCancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "sync.cancelled",
            "同步已取消。已完成的部分已保存，下次同步会继续。",
            "The sync was cancelled. What was done is kept; the next sync continues.",
        )
