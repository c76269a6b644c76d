"""What an edit may change, given where its record stands in the domain lifecycles.

The laptop enforces these rules too, but a laptop can be old, broken or
hostile: the server is where evidence is kept, so it checks them again.
Submitted and approved inspections (with their findings and photos) are
read-only but for the review and the rectification lifecycle; an issued
notice keeps its content and moves only along its lifecycles.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from inspector_app.domain.finding import FINDING_LIFECYCLE
from inspector_app.domain.inspection import INSPECTION_LIFECYCLE, InspectionAction, is_editable
from inspector_app.domain.inspection_status import InspectionStatus
from inspector_app.domain.lifecycle import Lifecycle
from inspector_app.domain.notice import (
    ESCALATION_LIFECYCLE,
    EXTENSION_LIFECYCLE,
    NOTICE_LIFECYCLE,
)
from inspector_app.protocol.entities import ENTITIES
from inspector_app.server import sealed_plans
from inspector_app.server.access import Refused
from inspector_app.server.models import SyncRecord, User

LIFECYCLE_FIELDS: dict[tuple[str, str], Lifecycle[Any, Any]] = {
    ("inspection", "status"): INSPECTION_LIFECYCLE,
    ("finding", "status"): FINDING_LIFECYCLE,
    ("notice", "status"): NOTICE_LIFECYCLE,
    ("notice", "extension_status"): EXTENSION_LIFECYCLE,
    ("notice", "escalation"): ESCALATION_LIFECYCLE,
}
# Each lifecycle field's states by their stored value.
STATES: dict[tuple[str, str], dict[str, Enum]] = {
    key: {state.value: state for pair in lifecycle.table.items() for state in (pair[0][0], pair[1])}
    for key, lifecycle in LIFECYCLE_FIELDS.items()
}
# Each lifecycle field's starting state, from the registry.
INITIAL = {
    (entity, name): value
    for entity, spec in ENTITIES.items()
    for name, value in spec.initial.items()
}
REVIEWER_ACTIONS = {InspectionAction.APPROVE, InspectionAction.RETURN}
# Fields an inspector never sets: the review, and where a problem stands in rectification.
REVIEWER_FIELDS = {
    entity: spec.reviewer_fields for entity, spec in ENTITIES.items() if spec.reviewer_fields
}
# What may still change once the record is no longer a draft.
AFTER_SUBMIT = {
    entity: spec.after_submit for entity, spec in ENTITIES.items() if spec.after_submit is not None
}
# Stamped by every edit on every laptop (the server keeps the later one): not content.
STAMPS = frozenset({"updated_at"})
READ_ONLY = Refused(
    "该记录已提交或已签发，不能直接修改；如需更正，请提交附理由的更正记录。/ "
    "This record is submitted or issued and cannot be edited; record an amendment instead."
)

APPEND_ONLY = Refused(
    "此类记录一经写入不能修改或删除。/ This kind of record cannot be changed or deleted."
)

Lookup = Callable[[str, str | None], SyncRecord | None]


def check(
    user: User,
    entity: str,
    before: SyncRecord | None,
    fields: dict[str, Any],
    deleted: bool,
    lookup: Lookup,
) -> None:
    """Raises Refused for an edit the record's lifecycle or the caller's role forbids."""
    old = before.data if before is not None else {}
    changed = {name for name, value in fields.items() if old.get(name) != value}
    spec = ENTITIES.get(entity)
    if spec is not None and spec.append_only and (deleted or (before is not None and changed)):
        raise APPEND_ONLY  # the same content again (a re-push after a restore) is no edit
    if entity == sealed_plans.ENTITY and before is None:
        sealed_plans.check(user, fields, lookup)
    for name in fields:
        lifecycle = LIFECYCLE_FIELDS.get((entity, name))
        if lifecycle is not None and (name in changed or before is None):
            _check_transition(user, entity, name, lifecycle, old, fields[name])
    if user.role == "inspector":
        forbidden = REVIEWER_FIELDS.get(entity, frozenset()) & changed
        if forbidden and not (before is None and _initial_only(entity, fields, forbidden)):
            raise Refused("只有科室负责人可以审核。/ Only supervisors review and close problems.")
    frozen = _frozen_by(entity, before, fields, lookup)
    if frozen and (deleted or before is None or changed - AFTER_SUBMIT[entity] - STAMPS):
        raise READ_ONLY


def _initial_only(entity: str, fields: dict[str, Any], names: set[str]) -> bool:
    """A new record may carry the starting value (an empty review, a recorded problem)."""
    return all(fields[name] in (INITIAL.get((entity, name)), "", None) for name in names)


def _check_transition(
    user: User,
    entity: str,
    name: str,
    lifecycle: Lifecycle[Any, Any],
    old: dict[str, Any],
    new_value: object,
) -> None:
    states = STATES[(entity, name)]
    old_value = old.get(name, INITIAL[(entity, name)])
    if not isinstance(new_value, str) or new_value not in states or old_value not in states:
        raise Refused(f"无效的状态值：{str(new_value)[:40]}。/ Not a valid {name}.")
    source, target = states[old_value], states[new_value]
    if source == target:
        return
    action = next((a for (s, a), t in lifecycle.table.items() if s == source and t == target), None)
    if action is None:
        raise Refused(
            f"不允许的状态变化：{_label(lifecycle, source)} → {_label(lifecycle, target)}。/ "
            f"Illegal change of {name}: {source.value} → {target.value}."
        )
    if action in REVIEWER_ACTIONS and user.role == "inspector":
        raise Refused("只有科室负责人可以审核。/ Only supervisors review inspections.")


def _label(lifecycle: Lifecycle[Any, Any], state: Enum) -> str:
    return lifecycle.labels[state][0]


def _frozen_by(
    entity: str, before: SyncRecord | None, fields: dict[str, Any], lookup: Lookup
) -> bool:
    """Whether the record, or the inspection or notice it belongs to, is past its draft."""

    def value(name: str) -> Any:
        return fields.get(name, before.data.get(name) if before is not None else None)

    if entity == "inspection":
        return before is not None and not _inspection_editable(before)
    if entity == "finding":
        return _inspection_locked(lookup("inspection", value("inspection_id")))
    if entity == "photo":
        finding = lookup("finding", value("finding_id"))
        inspection_id = finding.data.get("inspection_id") if finding is not None else None
        return _inspection_locked(lookup("inspection", inspection_id))
    if entity == "notice":
        return before is not None and before.data.get("status", "draft") != "draft"
    if entity == "notice_finding":
        notice = lookup("notice", value("notice_id"))
        return notice is not None and notice.data.get("status", "draft") != "draft"
    return False


def _inspection_locked(inspection: SyncRecord | None) -> bool:
    return inspection is not None and not _inspection_editable(inspection)


def _inspection_editable(record: SyncRecord) -> bool:
    status = record.data.get("status", "draft")
    return status not in set(InspectionStatus) or is_editable(InspectionStatus(status))
