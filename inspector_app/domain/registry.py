"""Registry seed: units, sites and windows as shipped data (resources/registry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector_app.domain.errors import ValidationFailed


@dataclass(frozen=True)
class UnitSeed:
    code: str
    name: str
    short: str


@dataclass(frozen=True)
class WindowSeed:
    number: str
    name: str
    unit_code: str


@dataclass(frozen=True)
class SiteSeed:
    code: str
    name: str
    district: str
    address: str
    managing_unit_code: str | None
    windows: tuple[WindowSeed, ...]


@dataclass(frozen=True)
class RegistrySeed:
    city: str
    units: tuple[UnitSeed, ...]
    sites: tuple[SiteSeed, ...]


def _bad(source: str, where: str, problem_zh: str, problem_en: str) -> ValidationFailed:
    return ValidationFailed(
        "registry.invalid",
        f"登记数据文件 {source} 有误：{where}{problem_zh}。",
        f"Registry file {source} is invalid: {where} {problem_en}.",
    )


def parse_registry(data: Any, source: str) -> RegistrySeed:
    try:
        units = tuple(
            UnitSeed(str(u["code"]), str(u["name"]), str(u.get("short", ""))) for u in data["units"]
        )
        unit_codes = {u.code for u in units}
        sites = []
        for s in data["sites"]:
            windows = tuple(
                WindowSeed(str(w["no"]), str(w["name"]), str(w["unit"])) for w in s["windows"]
            )
            for w in windows:
                if w.unit_code not in unit_codes:
                    raise _bad(
                        source,
                        f"{s['name']} {w.number}号窗口",
                        f"引用了未定义的单位 {w.unit_code}",
                        f"refers to an undefined unit {w.unit_code}",
                    )
            managing = s.get("managing_unit")
            if managing is not None and managing not in unit_codes:
                raise _bad(
                    source,
                    str(s["name"]),
                    f"的管理单位 {managing} 未定义",
                    f"has an undefined managing unit {managing}",
                )
            sites.append(
                SiteSeed(
                    str(s["code"]),
                    str(s["name"]),
                    str(s.get("district", "")),
                    str(s.get("address", "")),
                    managing,
                    windows,
                )
            )
        return RegistrySeed(str(data.get("city", "")), units, tuple(sites))
    except (KeyError, TypeError) as exc:
        raise _bad(source, "", f"缺少字段 {exc}", f"lacks field {exc}") from None
