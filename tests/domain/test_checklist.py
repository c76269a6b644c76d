"""Shipped checklist templates, and clear errors for malformed ones."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from inspector_app.domain.checklist import TemplateError, parse_template, to_schema_dict
from inspector_app.resources import load_template_file, resources_dir, shipped_templates

REQUIRED_NAMES = {"政务服务窗口明察暗访检查表", "办事难问题专项检查表", "政策落实情况专项检查表"}


def test_three_shipped_templates_with_at_least_forty_items_in_categories() -> None:
    templates = shipped_templates()
    assert {t.name for t in templates} >= REQUIRED_NAMES
    assert sum(len(t.items) for t in templates) >= 40
    for template in templates:
        assert template.version >= 1
        assert len(template.categories) >= 2
        for item in template.items:
            assert item.guidance, item.code
            assert item.text, item.code


def test_shipped_items_cite_a_basis_where_one_exists() -> None:
    items = [item for t in shipped_templates() for item in t.items]
    with_basis = [item for item in items if item.basis]
    assert len(with_basis) >= 10
    assert all("《" in item.basis or "GB/T" in item.basis for item in with_basis)


def test_template_survives_a_round_trip_through_its_stored_form() -> None:
    for template in shipped_templates():
        assert parse_template(to_schema_dict(template), "stored") == template


def _valid() -> dict[str, Any]:
    path = resources_dir() / "templates" / "window_service.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "bureau_custom.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "where", "field"),
    [
        (lambda d: d["categories"][0]["items"][1].pop("guidance"), "item A2", "guidance"),
        (lambda d: d["categories"][0]["items"][0].update(severity="fatal"), "item A1", "severity"),
        (
            lambda d: d["categories"][1]["items"][0].update(photo_required="yes"),
            "item B1",
            "photo_required",
        ),
        (lambda d: d["categories"][0]["items"][2].update(code="A1"), "item A1", "code"),
        (lambda d: d["categories"][0]["items"][0].update(text=""), "item A1", "text"),
        (
            lambda d: d["categories"][0]["items"][3].update(quick_phrases="一句话"),
            "item A4",
            "quick_phrases",
        ),
        (lambda d: d.update(version="最新"), "the template", "version"),
        (lambda d: d["categories"][2].pop("name"), "category C", "name"),
    ],
)
def test_malformed_template_error_names_file_item_and_field(
    tmp_path: Path, mutate: Any, where: str, field: str
) -> None:
    data = copy.deepcopy(_valid())
    mutate(data)
    with pytest.raises(TemplateError) as refused:
        load_template_file(_write(tmp_path, data))
    error = refused.value
    assert error.source == "bureau_custom.yaml"
    assert error.where == where
    assert error.field == field
    assert "bureau_custom.yaml" in error.zh and field in error.zh
    assert where in error.en


def test_broken_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema: 1\ncode: [unclosed\n", encoding="utf-8")
    with pytest.raises(TemplateError) as refused:
        load_template_file(path)
    assert "broken.yaml" in refused.value.zh and "行" in refused.value.zh
