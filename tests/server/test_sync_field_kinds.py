"""The registry's field kinds agree with the desktop store's column types, so the
server's field rules never refuse what a laptop writes."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON, Boolean, Integer, inspect

from inspector_app.domain.checklist import to_schema_dict
from inspector_app.protocol.entities import ENTITIES
from inspector_app.resources import shipped_templates
from inspector_app.server import field_rules
from inspector_app.store.outbox import sent_fields
from inspector_app.store.wire import synced_models


def _kind(column_type: object, default: object) -> str:
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, Integer):
        return "int"
    if isinstance(column_type, JSON):
        return "list" if default is list else "document"
    return "text"


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_every_field_a_laptop_sends_has_the_kind_of_its_column(entity: str) -> None:
    model = synced_models()[entity]
    columns = {attr.key: attr.columns[0] for attr in inspect(model).column_attrs}
    for name in sent_fields(model):
        column = columns[name]
        default = column.default.arg if column.default is not None else None
        expected = _kind(column.type, getattr(default, "__wrapped__", default))
        assert ENTITIES[entity].kind(name) == expected, (entity, name)


def test_the_shipped_checklist_templates_as_the_app_stores_them_are_accepted() -> None:
    templates = shipped_templates()
    assert templates
    for template in templates:
        content = to_schema_dict(template)
        fields = {"code": template.code, "version": template.version, "content": content}
        assert field_rules.problem("checklist_template", fields) is None
