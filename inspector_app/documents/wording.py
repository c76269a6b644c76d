"""The documents' fixed wording, read from an editable file in resources/documents."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from inspector_app.domain.errors import ValidationFailed
from inspector_app.resource_paths import resources_dir

_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \t\r\n]+(?=[^\x00-\x7f])")  # keeps
NOTICE_FIELDS = frozenset(
    {
        "site",
        "date",
        "mode",
        "unit",
        "deadline",
        "working_days",
        "basis",
        "contact_person",
        "contact_phone",
        "issuer",
        "count",
        "notice_id",
        "code",
        "digest",
    }
)


class WordingError(ValidationFailed):
    """The wording file cannot be used; names the file, the entry and the field."""


@dataclass(frozen=True)
class Wording:
    source: str
    data: dict[str, Any]

    def text(self, section: str, key: str, **values: str) -> str:
        raw = self._raw(section, key)
        if not isinstance(raw, str):
            raise self._bad(section, key, "应为文本", "must be text")
        return _fill(raw, values, self, section, key)

    def texts(self, section: str, key: str, **values: str) -> list[str]:
        raw = self._raw(section, key)
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise self._bad(section, key, "应为文本列表", "must be a list of texts")
        return [_fill(item, values, self, section, key) for item in raw]

    def _raw(self, section: str, key: str) -> Any:
        try:
            return self.data[section][key]
        except (KeyError, TypeError):
            raise self._bad(section, key, "缺失", "is missing") from None

    def _bad(self, section: str, key: str, zh: str, en: str) -> WordingError:
        return WordingError(
            "wording.invalid",
            f"公文用语文件 {self.source} 有误：{section}.{key} {zh}。",
            f"Document wording file {self.source} is invalid: {section}.{key} {en}.",
        )


def _fill(template: str, values: dict[str, str], wording: Wording, section: str, key: str) -> str:
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None and field not in NOTICE_FIELDS:
            raise wording._bad(
                section,
                key,
                f"使用了未知字段“{{{field}}}”",
                f"uses the unknown field '{{{field}}}'",
            )
    filled = template.format_map({name: values.get(name, "") for name in NOTICE_FIELDS})
    # YAML folds long lines with a space; Chinese has none between characters.
    return _CJK_GAP.sub("", filled)


def load_wording(path: Path | None = None) -> Wording:
    path = path or resources_dir() / "documents" / "notice_zh.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WordingError(
            "wording.unreadable",
            f"无法读取公文用语文件 {path.name}（{type(exc).__name__}）。",
            f"Cannot read the document wording file {path.name} ({type(exc).__name__}).",
        ) from None
    wording = Wording(path.name, data if isinstance(data, dict) else {})
    for section, key in (("notice", "title"), ("notice", "opening")):
        wording.text(section, key)  # fail early, with the file named, not mid-document
    return wording
