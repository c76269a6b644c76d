"""Per-user settings in a small JSON file (not in the data dir, which they point at).

Plain Python so the CLI, the app and the document builder read the same file.
A damaged file is set aside and defaults are used: settings are convenience,
never evidence.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

ENV_VAR = "INSPECTOR_CONFIG_DIR"


@dataclass
class Settings:
    inspector_name: str = ""
    inspector_cert_no: str = ""  # 执法证号/工作证号, printed on the record sheet
    team: list[str] = field(default_factory=list)
    data_dir: str = ""  # empty: the default (see data_dir.py)
    language: str = "zh_CN"
    photo_folder: str = ""  # where the photo file dialog opened last
    auto_advance: bool = True  # after 符合/不适用 the cursor moves to the next open item
    time_zone: str = "Asia/Shanghai"  # the bureau's zone: every shown or printed time
    server_url: str = ""
    server_ca_bundle: str = ""  # a PEM file pinning the bureau's own CA; empty: system CAs
    allow_plain_http: bool = False  # http:// to a host other than this machine
    server_user: str = ""  # the account last signed in (the token is in the OS keyring)
    auto_sync: bool = False  # the inspector decides when the laptop talks (暗访)
    font_title: str = ""
    font_body: str = ""
    font_heading: str = ""
    font_kai: str = ""
    issuer_name: str = "伊春市营商环境建设监督局"
    issuer_code: str = "伊营商监"  # 机关代字 in notice numbers
    deadline_working_days: int = 15  # "收到本通知之日起N个工作日内" (was deadline_days)
    contact_person: str = ""
    contact_phone: str = ""
    copy_to: list[str] = field(default_factory=list)  # 抄送机关 in the notice's 版记
    printing_office: str = ""  # 印发机关 in the 版记; empty: the issuer itself
    # 通报: its own number series (代字 + 〔year〕 + serial), empty: issuer_code + "通";
    # 红黑榜 thresholds in percent of problems rectified (NOTES.md §4.2).
    bulletin_code: str = ""
    red_list_rate: int = 90  # 红榜: at least this
    black_list_rate: int = 85  # 黑榜: below this


def settings_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override) / "settings.json"
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_config_dir("inspector-app", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        return _set_aside(path)
    import json  # only when there is a file: the app starts without one, json costs ~2 ms

    try:
        raw = json.loads(text)
    except ValueError:
        return _set_aside(path)
    known = {f.name for f in fields(Settings)}
    raw = _migrated(raw) if isinstance(raw, dict) else {}
    values = {k: v for k, v in raw.items() if k in known}
    try:
        return Settings(**values)
    except TypeError:
        return Settings()


OLD_DEFAULT_DEADLINE_DAYS = 15


def _migrated(raw: dict) -> dict:
    """Older files held `deadline_days`, a period in calendar days.

    The untouched old default (15) becomes the new default of 15 working days, the
    period such notices commonly give; a period the bureau chose keeps its length:
    N calendar days are about N × 5/7 working days (at least one).
    """
    if "deadline_days" not in raw or "deadline_working_days" in raw:
        return raw
    raw = dict(raw)
    days = raw.pop("deadline_days")
    chosen = isinstance(days, int) and not isinstance(days, bool) and days > 0
    if chosen and days != OLD_DEFAULT_DEADLINE_DAYS:
        raw["deadline_working_days"] = max(1, round(days * 5 / 7))
    return raw


def _set_aside(path: Path) -> Settings:
    """Keep a damaged file for inspection and start from the defaults."""
    path.replace(path.with_suffix(".damaged.json"))
    return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    import json

    from inspector_app.store.atomic_files import write_atomically

    path = path or settings_path()
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    write_atomically(path, data)
