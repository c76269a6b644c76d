"""Checklist templates: the versioned list of items an inspection walks.

A template is data (YAML in resources/templates, schema in
docs/templates.md). `parse_template` turns the parsed mapping into frozen
value objects, refusing anything malformed with a message that names the
file, the item and the field, so a bureau editing its own template can find
the mistake without reading a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inspector_app.domain.errors import ValidationFailed
from inspector_app.domain.finding import Severity

TEMPLATE_SCHEMA = 1
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CATEGORY_CODE = re.compile(r"^[A-Z][A-Z0-9]*$")
_ITEM_CODE = re.compile(r"^[A-Z][A-Z0-9.-]*$")


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    category_code: str
    text: str
    guidance: str
    severity: Severity
    photo_required: bool
    basis: str | None = None
    quick_phrases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistCategory:
    code: str
    name: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ChecklistTemplate:
    code: str
    version: int
    name: str
    description: str
    categories: tuple[ChecklistCategory, ...]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for c in self.categories for item in c.items)

    def item(self, code: str) -> ChecklistItem:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def category_name(self, code: str) -> str:
        return next(c.name for c in self.categories if c.code == code)


class TemplateError(ValidationFailed):
    """A template file that cannot be used; names file, item and field."""

    def __init__(
        self,
        source: str,
        where_zh: str,
        where_en: str,
        field: str,
        problem_zh: str,
        problem_en: str,
    ) -> None:
        super().__init__(
            "template.invalid",
            f"检查表模板文件 {source} 有误：{where_zh}的字段“{field}”{problem_zh}。",
            f"Checklist template {source} is invalid: field '{field}' of {where_en} {problem_en}.",
        )
        self.source = source
        self.where = where_en
        self.field = field


class _Reader:
    """Pulls typed fields out of one mapping, reporting errors with context."""

    def __init__(self, source: str, where_zh: str, where_en: str, data: Any):
        self.source, self.where_zh, self.where_en = source, where_zh, where_en
        if not isinstance(data, Mapping):
            self.fail("(整体)", "应为键值映射", "must be a mapping")
        self.data: Mapping[str, Any] = data

    def fail(self, field: str, zh: str, en: str) -> None:
        raise TemplateError(self.source, self.where_zh, self.where_en, field, zh, en)

    def text(self, field: str, *, required: bool = True) -> str | None:
        value = self.data.get(field)
        if value is None:
            if required:
                self.fail(field, "缺失", "is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "应为非空文本", "must be non-empty text")
        return value.strip()

    def code(self, field: str, pattern: re.Pattern[str]) -> str:
        value = self.text(field)
        assert value is not None
        if not pattern.match(value):
            self.fail(field, f"格式不正确（“{value}”）", f"has a malformed value '{value}'")
        return value

    def integer(self, field: str) -> int:
        value = self.data.get(field)
        if value is None:
            self.fail(field, "缺失", "is missing")
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(field, "应为正整数", "must be a positive integer")
        return int(value)

    def boolean(self, field: str) -> bool:
        value = self.data.get(field)
        if not isinstance(value, bool):
            self.fail(field, "应为 true 或 false", "must be true or false")
        return bool(value)

    def text_list(self, field: str) -> tuple[str, ...]:
        value = self.data.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(field, "应为文本列表", "must be a list of texts")
        return tuple(v.strip() for v in value)

    def mapping_list(self, field: str) -> list[Any]:
        value = self.data.get(field)
        if not isinstance(value, list) or not value:
            self.fail(field, "应为非空列表", "must be a non-empty list")
        return list(value)


def parse_template(data: Any, source: str) -> ChecklistTemplate:
    top = _Reader(source, "模板", "the template", data)
    schema = top.integer("schema")
    if schema != TEMPLATE_SCHEMA:
        top.fail(
            "schema",
            f"为 {schema}，本程序只支持 {TEMPLATE_SCHEMA}",
            f"is {schema}; only {TEMPLATE_SCHEMA} is supported",
        )
    code = top.code("code", _CODE)
    version = top.integer("version")
    name = top.text("name")
    description = top.text("description", required=False) or ""
    seen: set[str] = set()
    categories = []
    for index, raw_category in enumerate(top.mapping_list("categories"), start=1):
        cat = _Reader(source, f"第{index}个类别", f"category #{index}", raw_category)
        cat_code = cat.code("code", _CATEGORY_CODE)
        cat = _Reader(source, f"类别 {cat_code}", f"category {cat_code}", raw_category)
        if cat_code in seen:
            cat.fail("code", "与其他类别重复", "duplicates another category")
        seen.add(cat_code)
        cat_name = cat.text("name")
        items = []
        for item_index, raw_item in enumerate(cat.mapping_list("items"), start=1):
            items.append(_parse_item(source, cat_code, item_index, raw_item, seen))
        categories.append(ChecklistCategory(cat_code, cat_name or "", tuple(items)))
    return ChecklistTemplate(code, version, name or "", description, tuple(categories))


def _parse_item(source: str, cat_code: str, index: int, raw: Any, seen: set[str]) -> ChecklistItem:
    first = _Reader(source, f"类别 {cat_code} 的第{index}项", f"item #{index} of {cat_code}", raw)
    code = first.code("code", _ITEM_CODE)
    item = _Reader(source, f"检查项 {code}", f"item {code}", raw)
    if code in seen:
        item.fail("code", "与其他检查项重复", "duplicates another code")
    seen.add(code)
    severity_text = item.text("severity")
    try:
        severity = Severity(severity_text)
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        item.fail("severity", f"只能是 {allowed}", f"must be one of {allowed}")
    return ChecklistItem(
        code=code,
        category_code=cat_code,
        text=item.text("text") or "",
        guidance=item.text("guidance") or "",
        severity=severity,
        photo_required=item.boolean("photo_required"),
        basis=item.text("basis", required=False),
        quick_phrases=item.text_list("quick_phrases"),
        examples=item.text_list("examples"),
    )


def to_schema_dict(template: ChecklistTemplate) -> dict[str, Any]:
    """The inverse of `parse_template`: how a template is stored and sent."""
    return {
        "schema": TEMPLATE_SCHEMA,
        "code": template.code,
        "version": template.version,
        "name": template.name,
        "description": template.description,
        "categories": [
            {
                "code": category.code,
                "name": category.name,
                "items": [
                    {
                        "code": item.code,
                        "text": item.text,
                        "guidance": item.guidance,
                        **({"basis": item.basis} if item.basis else {}),
                        "severity": item.severity.value,
                        "photo_required": item.photo_required,
                        "quick_phrases": list(item.quick_phrases),
                        "examples": list(item.examples),
                    }
                    for item in category.items
                ],
            }
            for category in template.categories
        ],
    }
