"""Inspection: modes, lifecycle, and the rules for editing and submitting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection_status import (  # noqa: F401 - re-exported
    MODE_LABELS,
    STATUS_LABELS,
    InspectionMode,
    InspectionStatus,
)
from inspector_app.domain.lifecycle import Lifecycle


class InspectionAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


INSPECTION_LIFECYCLE: Lifecycle[InspectionStatus, InspectionAction] = Lifecycle(
    name="inspection",
    table={
        (InspectionStatus.DRAFT, InspectionAction.SUBMIT): InspectionStatus.SUBMITTED,
        (InspectionStatus.SUBMITTED, InspectionAction.APPROVE): InspectionStatus.APPROVED,
        (InspectionStatus.SUBMITTED, InspectionAction.RETURN): InspectionStatus.RETURNED,
        (InspectionStatus.RETURNED, InspectionAction.SUBMIT): InspectionStatus.SUBMITTED,
    },
    labels={
        InspectionStatus.DRAFT: ("草稿", "a draft"),
        InspectionStatus.SUBMITTED: ("已提交", "submitted"),
        InspectionStatus.APPROVED: ("已审核通过", "approved"),
        InspectionStatus.RETURNED: ("已退回", "returned"),
        InspectionAction.SUBMIT: ("提交", "submit"),
        InspectionAction.APPROVE: ("审核通过", "approve"),
        InspectionAction.RETURN: ("退回", "return"),
    },
)

EDITABLE_STATUSES = frozenset({InspectionStatus.DRAFT, InspectionStatus.RETURNED})


def is_editable(status: InspectionStatus) -> bool:
    return status in EDITABLE_STATUSES


def ensure_editable(status: InspectionStatus) -> None:
    """Submitted and approved inspections are evidence: read-only unless returned."""
    if status in EDITABLE_STATUSES:
        return
    if status == InspectionStatus.APPROVED:
        raise IllegalTransition(
            "inspection.read_only_approved",
            "该检查已审核通过，不能直接修改；如需更正，请提交附理由的更正记录。",
            "This inspection is approved and cannot be edited; record an amendment with a reason.",
        )
    raise IllegalTransition(
        "inspection.read_only_submitted",
        "该检查已提交，处于只读状态；只有被退回后才能再次修改。",
        "This inspection has been submitted and is read-only until it is returned.",
    )


@dataclass(frozen=True)
class FindingFacts:
    """What submission checks need to know about one finding."""

    label: str  # item code and text, or the ad-hoc title, for messages
    result: FindingResult
    photo_required: bool
    photo_count: int
    description: str


def check_submittable(findings: Iterable[FindingFacts]) -> None:
    """Refuse submission while any failed item lacks what it must carry.

    A failed item whose template demands a photo needs one; every failed
    item needs a written description of what was seen.
    """
    missing_photo = [
        f.label
        for f in findings
        if f.result == FindingResult.FAIL and f.photo_required and f.photo_count == 0
    ]
    if missing_photo:
        listed = "；".join(missing_photo)
        raise ValidationFailed(
            "inspection.photo_required",
            f"以下不符合项要求附照片，尚未添加：{listed}。",
            f"These failed items require a photo and have none yet: {listed}.",
        )


def check_description_present(findings: Iterable[FindingFacts]) -> None:
    missing = [
        f.label for f in findings if f.result == FindingResult.FAIL and not f.description.strip()
    ]
    if missing:
        listed = "；".join(missing)
        raise ValidationFailed(
            "inspection.description_required",
            f"以下不符合项尚未填写问题描述：{listed}。",
            f"These failed items have no description of what was seen: {listed}.",
        )
