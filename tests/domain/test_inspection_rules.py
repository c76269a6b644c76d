"""Submission rules, read-only evidence and amendments."""

from __future__ import annotations

import pytest

from inspector_app.domain.amendment import AmendmentRequest
from inspector_app.domain.errors import IllegalTransition, ValidationFailed
from inspector_app.domain.finding import FindingResult
from inspector_app.domain.inspection import (
    FindingFacts,
    InspectionStatus,
    check_description_present,
    check_submittable,
    ensure_editable,
    is_editable,
)


def facts(result: FindingResult, *, required: bool, photos: int, text: str = "x") -> FindingFacts:
    return FindingFacts("A2 窗口是否空岗", result, required, photos, text)


def test_failed_item_that_requires_a_photo_blocks_submission_until_it_has_one() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_submittable([facts(FindingResult.FAIL, required=True, photos=0)])
    assert "A2 窗口是否空岗" in refused.value.zh
    assert refused.value.code == "inspection.photo_required"
    check_submittable([facts(FindingResult.FAIL, required=True, photos=1)])


def test_photo_rule_only_applies_to_failed_items_that_demand_one() -> None:
    check_submittable(
        [
            facts(FindingResult.PASS, required=True, photos=0),
            facts(FindingResult.NOT_APPLICABLE, required=True, photos=0),
            facts(FindingResult.FAIL, required=False, photos=0),
        ]
    )


def test_failed_item_needs_a_description() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_description_present([facts(FindingResult.FAIL, required=False, photos=0, text=" ")])
    assert refused.value.code == "inspection.description_required"


@pytest.mark.parametrize("status", list(InspectionStatus))
def test_only_drafts_and_returned_inspections_are_editable(status: InspectionStatus) -> None:
    editable = status in (InspectionStatus.DRAFT, InspectionStatus.RETURNED)
    assert is_editable(status) == editable
    if editable:
        ensure_editable(status)
    else:
        with pytest.raises(IllegalTransition) as refused:
            ensure_editable(status)
        assert "只读" in refused.value.zh or "更正" in refused.value.zh


def test_amendment_needs_a_reason_and_a_real_change() -> None:
    AmendmentRequest("window_no", "3", "5", "现场记录窗口号笔误").validate()
    with pytest.raises(ValidationFailed):
        AmendmentRequest("window_no", "3", "5", "  ").validate()
    with pytest.raises(ValidationFailed):
        AmendmentRequest("window_no", "3", "3", "核对后无变化").validate()
