"""An inspection's mode and status with their labels, apart from its rules.

This is all of the domain that the home list needs, so the app's first paint
imports it alone: the lifecycles and rules in `inspection` (which re-exports
these names) cost a few milliseconds more of a cold start.
"""

from __future__ import annotations

from enum import StrEnum


class InspectionMode(StrEnum):
    OVERT = "overt"  # 明察
    COVERT = "covert"  # 暗访


MODE_LABELS = {InspectionMode.OVERT: ("明察", "Overt"), InspectionMode.COVERT: ("暗访", "Covert")}


class InspectionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


STATUS_LABELS = {
    InspectionStatus.DRAFT: ("草稿", "Draft"),
    InspectionStatus.SUBMITTED: ("已提交", "Submitted"),
    InspectionStatus.APPROVED: ("已审核通过", "Approved"),
    InspectionStatus.RETURNED: ("已退回", "Returned"),
}
