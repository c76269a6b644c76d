"""Every synced entity's fields, in one place: what a client writes, what only the
server sets, which fields name blobs, and the field rules the server enforces.

The desktop store's models must match it (tests/protocol/test_entity_registry.py) and
the server reads its rules from it, so a column the laptop would push and the server
would refuse cannot slip in on one side only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Entity = Literal[
    "unit",
    "site",
    "window",
    "checklist_template",
    "campaign",
    "inspection",
    "finding",
    "photo",
    "notice",
    "notice_finding",
    "rectification_feedback",
    "notice_event",
    "amendment",
    "plan_opening",
]
# Every record carries these in its fields (client-generated id and timestamps).
COMMON_FIELDS = frozenset({"id", "created_at", "updated_at"})
# Only the server sets these, on every entity: a mutation carrying one is refused whole.
SERVER_OWNED_EVERYWHERE = frozenset({"server_rev", "seq"})

# What a field's value is on the wire (server/field_rules.py bounds each): text is a
# string (an id, a date, a time, an enum value or prose), list a flat list of short
# strings, document one nested JSON object (a checklist template's content). Every
# field may also be null. A field a spec does not name in `kinds` is text.
FieldKind = Literal["text", "int", "bool", "list", "document"]


@dataclass(frozen=True)
class EntitySpec:
    """One synced entity's fields and the rules on them."""

    # What a client writes (besides COMMON_FIELDS).
    fields: frozenset[str]
    # Set only by the server; a laptop may hold them to show, never sends them.
    server_owned: frozenset[str] = frozenset()
    # Fields that name a blob by its sha256 (a string or a list of them).
    blobs: tuple[str, ...] = ()
    # Written by admins' tools only; laptops do not store them.
    admin_only: frozenset[str] = frozenset()
    # Readable by every signed-in user, written by admins only.
    reference: bool = False
    # Roles besides admin that may write it.
    writers: frozenset[str] = frozenset()
    # Never change once written: a new version is published instead.
    immutable: frozenset[str] = frozenset()
    # Written once and never edited or deleted afterwards (a record of who did what).
    append_only: bool = False
    # Only supervisors change these (an inspector may create them at their initial value).
    reviewer_fields: frozenset[str] = frozenset()
    # Lifecycle fields and the state a new record starts in.
    initial: dict[str, str] = field(default_factory=dict)
    # What may still change once the record (or the inspection or notice it belongs to)
    # is past its draft; None when that lock does not apply to the entity.
    after_submit: frozenset[str] | None = None
    # The fields that are not text, and what they are.
    kinds: dict[str, FieldKind] = field(default_factory=dict)

    def all_fields(self) -> frozenset[str]:
        """Every field a record of this entity may carry on the wire."""
        return COMMON_FIELDS | self.fields | self.server_owned | self.admin_only

    def owned_by_server(self) -> frozenset[str]:
        return SERVER_OWNED_EVERYWHERE | self.server_owned

    def kind(self, name: str) -> FieldKind:
        return self.kinds.get(name, "text")


INSPECTORS = frozenset({"inspector", "supervisor"})
# What the loop after issue records on a notice: 送达, the deadline in force, 销号.
RECTIFICATION_LOOP = frozenset(
    {
        "delivered_on",
        "delivery_method",
        "delivery_recipient",
        "current_deadline",
        "closed_on",
        "closed_by",
    }
)
SUPERVISORS = frozenset({"supervisor"})

ENTITIES: dict[str, EntitySpec] = {
    "unit": EntitySpec(frozenset({"code", "name", "short_name"}), reference=True),
    "site": EntitySpec(
        frozenset({"code", "name", "district", "address", "managing_unit_id"}), reference=True
    ),
    "window": EntitySpec(frozenset({"site_id", "number", "name", "unit_id"}), reference=True),
    "checklist_template": EntitySpec(
        frozenset({"code", "version", "name", "content"}),
        reference=True,
        # A published template version is evidence of what was checked.
        immutable=frozenset({"code", "version", "content"}),
        kinds={"version": "int", "content": "document"},
    ),
    "campaign": EntitySpec(
        frozenset({"title", "template_id", "starts_on", "ends_on", "planned_site_ids", "team"}),
        admin_only=frozenset({"owner_team"}),
        writers=SUPERVISORS,
        kinds={"planned_site_ids": "list", "team": "list"},
    ),
    "inspection": EntitySpec(
        frozenset(
            {
                "campaign_id",
                "template_id",
                "site_id",
                "mode",
                "team",
                "started_at",
                "ended_at",
                "status",
                "note",
                "review_comment",
                "submitted_at",
                "reviewed_at",
                "recheck_of_id",
                # the record sheet's facts (store migration 0006, domain/record_facts.py)
                "identity_shown",
                "recorder",
                "cert_nos",
                # a 复查 of a notice's problems (store migration 0010, services/recheck.py)
                "recheck_of_notice_id",
            }
        ),
        server_owned=frozenset({"reviewed_by"}),
        writers=INSPECTORS,
        reviewer_fields=frozenset({"review_comment", "reviewed_at"}),
        initial={"status": "draft"},
        after_submit=frozenset({"status", "review_comment", "reviewed_at"}),
        kinds={"team": "list", "identity_shown": "bool", "cert_nos": "document"},
    ),
    "finding": EntitySpec(
        frozenset(
            {
                "inspection_id",
                "item_code",
                "category_code",
                "title",
                "result",
                "severity",
                "photo_required",
                "description",
                "window_no",
                "staff_badge",
                "unit_id",
                "observed_at",
                "status",
                "recheck_of_id",
                # what a 复查 found: rectified or not (store migration 0010)
                "recheck_result",
            }
        ),
        writers=INSPECTORS,
        reviewer_fields=frozenset({"status"}),
        initial={"status": "recorded"},
        after_submit=frozenset({"status"}),
        kinds={"photo_required": "bool"},
    ),
    "photo": EntitySpec(
        frozenset(
            {
                "finding_id",
                "sha256",
                "original_name",
                "caption",
                "taken_at",
                "sort_order",
                "rotation",
                "annotated_sha256",
            }
        ),
        blobs=("sha256", "annotated_sha256"),
        writers=INSPECTORS,
        after_submit=frozenset(),
        kinds={"sort_order": "int", "rotation": "int"},
    ),
    "notice": EntitySpec(
        frozenset(
            {
                "unit_id",
                "campaign_id",
                "inspection_id",
                "issued_on",
                "deadline",
                "status",
                "extension_status",
                "extended_deadline",
                "escalation",
                "returned_count",
                "contact_person",
                "contact_phone",
                # the rectification loop (store migration 0008, services/rectification.py)
                *RECTIFICATION_LOOP,
            }
        ),
        server_owned=frozenset({"number", "reviewed_by", "content_digest", "pdf_sha256"}),
        writers=SUPERVISORS,
        initial={"status": "draft", "extension_status": "none", "escalation": "none"},
        after_submit=frozenset(
            {"status", "extension_status", "extended_deadline", "escalation", "returned_count"}
            | RECTIFICATION_LOOP
        ),
        kinds={"returned_count": "int"},
    ),
    "notice_finding": EntitySpec(
        frozenset({"notice_id", "finding_id", "position"}),
        writers=SUPERVISORS,
        after_submit=frozenset(),
        kinds={"position": "int"},
    ),
    "rectification_feedback": EntitySpec(
        frozenset(
            {
                "notice_id",
                "received_on",
                "measures",
                "evidence_sha256",
                "verification_result",
                "verified_on",
                # per problem and round (store migration 0008)
                "notice_finding_id",
                "round",
                "responsible_person",
                "verified_by",
            }
        ),
        blobs=("evidence_sha256",),
        writers=SUPERVISORS,
        kinds={"evidence_sha256": "list", "round": "int"},
    ),
    # One step of a notice's rectification loop (store migration 0008).
    "notice_event": EntitySpec(
        frozenset({"notice_id", "kind", "happened_on", "note", "actor", "new_deadline"}),
        writers=SUPERVISORS,
    ),
    "amendment": EntitySpec(
        frozenset(
            {
                "entity",
                "record_id",
                "field",
                "old_value",
                "new_value",
                "reason",
                "author",
                "amended_at",
            }
        ),
        writers=INSPECTORS,
    ),
    # 启封 of a campaign's sealed plan (store migration 0010): append-only, taken only
    # from the campaign's own team, and audited (server/sealed_plans.py).
    "plan_opening": EntitySpec(
        frozenset({"campaign_id", "opened_by", "opened_at"}),
        writers=INSPECTORS,
        append_only=True,
    ),
}
assert set(ENTITIES) == set(get_args(Entity)), "every synced entity has one registry entry"

REFERENCE = frozenset(name for name, spec in ENTITIES.items() if spec.reference)
SERVER_OWNED = SERVER_OWNED_EVERYWHERE.union(*(s.server_owned for s in ENTITIES.values()))


def server_owned(entity: str) -> frozenset[str]:
    """A window's "number" is the inspector's to write; a notice's is the server's."""
    spec = ENTITIES.get(entity)
    return spec.owned_by_server() if spec is not None else SERVER_OWNED_EVERYWHERE


def blob_fields(entity: str) -> tuple[str, ...]:
    spec = ENTITIES.get(entity)
    return spec.blobs if spec is not None else ()


def writable_by(role: str) -> frozenset[str]:
    """The entities a non-admin role may write."""
    return frozenset(name for name, spec in ENTITIES.items() if role in spec.writers)
