"""The desktop store's synced models and the entity registry agree, column by column.

A column the laptop would push and the server would refuse (or a field the server
expects and no laptop stores) fails here, not on the first sync in a service hall.
"""

from __future__ import annotations

from typing import get_args

import pytest
from sqlalchemy import inspect

import inspector_app.store.notice_models  # noqa: F401  (registers the notice models)
from inspector_app.protocol.entities import COMMON_FIELDS, ENTITIES, Entity, server_owned
from inspector_app.protocol.sync import Mutation
from inspector_app.server.record_rules import INITIAL, LIFECYCLE_FIELDS
from inspector_app.store.models import Base, Synced
from inspector_app.store.outbox import NOT_SENT, sent_fields

SYNCED = {
    mapper.class_.__sync_entity__: mapper.class_
    for mapper in Base.registry.mappers
    if issubclass(mapper.class_, Synced)
}


def _columns(model: type[Synced]) -> set[str]:
    return {attr.key for attr in inspect(model).column_attrs}


def test_every_synced_model_has_one_registry_entry_and_the_wire_knows_it() -> None:
    assert set(SYNCED) == set(ENTITIES) == set(get_args(Entity))
    assert set(get_args(Mutation.model_fields["entity"].annotation)) == set(ENTITIES)


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_the_store_holds_what_clients_write_and_nothing_unknown(entity: str) -> None:
    spec = ENTITIES[entity]
    stored = _columns(SYNCED[entity]) - NOT_SENT
    assert stored - spec.server_owned == COMMON_FIELDS | spec.fields
    assert stored <= spec.all_fields()


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_the_outbox_never_pushes_a_field_the_server_refuses(entity: str) -> None:
    sent = set(sent_fields(SYNCED[entity]))
    assert sent & server_owned(entity) == set()
    assert sent == COMMON_FIELDS | ENTITIES[entity].fields


@pytest.mark.parametrize("entity", sorted(ENTITIES))
def test_rule_fields_are_fields_of_their_entity(entity: str) -> None:
    spec = ENTITIES[entity]
    client = spec.fields | spec.admin_only
    assert set(spec.blobs) <= client
    assert spec.immutable | spec.reviewer_fields | set(spec.initial) <= client
    assert spec.after_submit is None or spec.after_submit <= client


def test_every_lifecycle_field_has_its_initial_state_in_the_registry() -> None:
    assert set(LIFECYCLE_FIELDS) == set(INITIAL)
