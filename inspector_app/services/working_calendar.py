"""The working-day calendar notices count with: chinesecalendar plus the bureau's supplement.

The supplement (resources/documents/holidays.yaml) lets a bureau enter a year the
package does not carry yet, as published by the State Council, without waiting for
a new release of the app.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from inspector_app.domain.working_days import SupplementError, WorkingCalendar, parse_supplement
from inspector_app.resource_paths import resources_dir


def supplement_path() -> Path:
    return resources_dir() / "documents" / "holidays.yaml"


def load_working_calendar(path: Path | None = None) -> WorkingCalendar:
    path = path or supplement_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return WorkingCalendar()
    except OSError as exc:
        raise _unreadable(path, type(exc).__name__) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise _unreadable(path, "YAML") from None
    return parse_supplement(data, path.name)


def _unreadable(path: Path, why: str) -> SupplementError:
    return SupplementError(
        "working_days.supplement_unreadable",
        f"无法读取节假日补充文件 {path.name}（{why}）。",
        f"Cannot read the holiday supplement file {path.name} ({why}).",
    )
