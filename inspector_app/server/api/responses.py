"""The refusals a route can give, described for OpenAPI (schemathesis checks them)."""

from __future__ import annotations

from typing import Any

from inspector_app.protocol.errors import ErrorOut, ValidationOut
from inspector_app.protocol.sync import ResetRequiredOut

ERRORS = {
    400: "请求体不是有效的 JSON。/ The body is not valid JSON.",
    401: "未登录、登录已失效或用户名密码错误。/ Not logged in, expired, or wrong password.",
    403: "角色无权执行此操作。/ The caller's role may not do this.",
    404: "没有这个对象，或调用者无权看到它。/ No such object, or not visible to the caller.",
    409: "与当前状态冲突。/ Conflicts with the current state.",
    410: "服务器数据已从备份恢复，需要重新同步。/ The server was restored from a backup; "
    "a full re-sync is needed.",
    411: "缺少 Content-Length。/ Content-Length required.",
    413: "请求过大。/ Request too large.",
    422: "请求内容无效。/ The request is not valid.",
    426: "客户端与服务器版本不匹配。/ The app and the server speak different versions.",
    429: "尝试次数过多。/ Too many attempts.",
}
# Bodies other than ErrorOut: validation details, and the sync reset with the new epoch.
MODELS: dict[int, Any] = {422: ErrorOut | ValidationOut, 410: ResetRequiredOut}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the given status codes."""
    return {
        code: {
            "model": MODELS.get(code, ErrorOut),
            "description": ERRORS[code],
        }
        for code in codes
    }
