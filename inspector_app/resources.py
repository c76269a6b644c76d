"""Find and read the files shipped in the top-level resources/ folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from inspector_app.domain.checklist import ChecklistTemplate, TemplateError, parse_template
from inspector_app.domain.registry import RegistrySeed, parse_registry
from inspector_app.resource_paths import resources_dir

__all__ = ["load_template_file", "resources_dir", "shipped_registry", "shipped_templates"]


def read_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_template_file(path: Path) -> ChecklistTemplate:
    try:
        data = read_yaml(path)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第{mark.line + 1}行" if mark else "某处"
        line_en = f"line {mark.line + 1}" if mark else "somewhere"
        raise TemplateError(
            path.name, line, line_en, "(YAML)", "不是有效的 YAML", "is not valid YAML"
        ) from None
    return parse_template(data, path.name)


def shipped_templates() -> list[ChecklistTemplate]:
    folder = resources_dir() / "templates"
    return [load_template_file(p) for p in sorted(folder.glob("*.yaml"))]


def shipped_registry() -> RegistrySeed:
    path = resources_dir() / "registry" / "yichun.yaml"
    return parse_registry(read_yaml(path), path.name)
