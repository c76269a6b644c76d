"""Every lifecycle allows exactly the transitions DESIGN.md gives, and no other."""

from __future__ import annotations

import itertools
from enum import Enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspector_app.domain.errors import IllegalTransition
from inspector_app.domain.finding import FINDING_LIFECYCLE, FindingAction, FindingStatus
from inspector_app.domain.inspection import (
    INSPECTION_LIFECYCLE,
    InspectionAction,
    InspectionStatus,
)
from inspector_app.domain.lifecycle import Lifecycle
from inspector_app.domain.notice import (
    ESCALATION_LIFECYCLE,
    EXTENSION_LIFECYCLE,
    NOTICE_LIFECYCLE,
    EscalationAction,
    EscalationLevel,
    ExtensionAction,
    ExtensionStatus,
    NoticeAction,
    NoticeStatus,
)

IS, IA = InspectionStatus, InspectionAction
N, NA = NoticeStatus, NoticeAction
F, FA = FindingStatus, FindingAction
X, XA = ExtensionStatus, ExtensionAction
E, EA = EscalationLevel, EscalationAction

# The specification, written out independently of the implementation.
EXPECTED: dict[str, tuple[Lifecycle, type[Enum], type[Enum], set[tuple[Enum, Enum, Enum]]]] = {
    "inspection": (
        INSPECTION_LIFECYCLE,
        IS,
        IA,
        {
            (IS.DRAFT, IA.SUBMIT, IS.SUBMITTED),
            (IS.SUBMITTED, IA.APPROVE, IS.APPROVED),
            (IS.SUBMITTED, IA.RETURN, IS.RETURNED),
            (IS.RETURNED, IA.SUBMIT, IS.SUBMITTED),
        },
    ),
    "notice": (
        NOTICE_LIFECYCLE,
        N,
        NA,
        {
            (N.DRAFT, NA.ISSUE, N.ISSUED),
            (N.ISSUED, NA.ACKNOWLEDGE, N.IN_PROGRESS),
            (N.ISSUED, NA.SUBMIT_FEEDBACK, N.FEEDBACK_SUBMITTED),
            (N.IN_PROGRESS, NA.SUBMIT_FEEDBACK, N.FEEDBACK_SUBMITTED),
            (N.FEEDBACK_SUBMITTED, NA.START_REVIEW, N.UNDER_REVIEW),
            (N.UNDER_REVIEW, NA.CLOSE, N.CLOSED),
            (N.UNDER_REVIEW, NA.RETURN, N.RETURNED),
            (N.RETURNED, NA.RESUME, N.IN_PROGRESS),
        },
    ),
    "finding": (
        FINDING_LIFECYCLE,
        F,
        FA,
        {
            (F.RECORDED, FA.ASSIGN, F.ASSIGNED),
            (F.RECORDED, FA.WITHDRAW, F.WITHDRAWN),
            (F.ASSIGNED, FA.ACCEPT_FEEDBACK, F.RECTIFIED),
            (F.RECTIFIED, FA.REOPEN, F.ASSIGNED),
            (F.RECTIFIED, FA.CLOSE, F.CLOSED),
        },
    ),
    "extension": (
        EXTENSION_LIFECYCLE,
        X,
        XA,
        {
            (X.NONE, XA.REQUEST, X.REQUESTED),
            (X.REQUESTED, XA.GRANT, X.GRANTED),
            (X.REQUESTED, XA.REFUSE, X.REFUSED),
            (X.GRANTED, XA.REQUEST, X.REQUESTED),
            (X.REFUSED, XA.REQUEST, X.REQUESTED),
        },
    ),
    "escalation": (
        ESCALATION_LIFECYCLE,
        E,
        EA,
        {
            (E.NONE, EA.ADMONISH, E.ADMONITION),
            (E.NONE, EA.HOLD_ACCOUNTABLE, E.ACCOUNTABILITY),
            (E.ADMONITION, EA.HOLD_ACCOUNTABLE, E.ACCOUNTABILITY),
        },
    ),
}

ALL_PAIRS = [
    (name, state, action)
    for name, (_, states, actions, _) in EXPECTED.items()
    for state, action in itertools.product(states, actions)
]


@pytest.mark.parametrize(("name", "state", "action"), ALL_PAIRS, ids=str)
def test_each_state_action_pair_is_allowed_exactly_when_specified(
    name: str, state: Enum, action: Enum
) -> None:
    lifecycle, _, _, allowed = EXPECTED[name]
    expected = {(s, a): t for s, a, t in allowed}.get((state, action))
    if expected is not None:
        assert lifecycle.can(state, action)
        assert lifecycle.apply(state, action) == expected
    else:
        assert not lifecycle.can(state, action)
        with pytest.raises(IllegalTransition) as refused:
            lifecycle.apply(state, action)
        assert refused.value.zh and refused.value.en
        assert refused.value.code == f"{lifecycle.name}.illegal_transition"


@pytest.mark.parametrize("name", EXPECTED)
def test_transition_table_has_nothing_beyond_the_specification(name: str) -> None:
    lifecycle, _, _, allowed = EXPECTED[name]
    assert {(s, a, t) for (s, a), t in lifecycle.table.items()} == allowed


def test_refusal_message_names_state_and_action_in_both_languages() -> None:
    with pytest.raises(IllegalTransition) as refused:
        NOTICE_LIFECYCLE.apply(NoticeStatus.CLOSED, NoticeAction.RETURN)
    assert "已销号" in refused.value.zh and "退回重办" in refused.value.zh
    assert "closed" in refused.value.en
    assert refused.value.message("en") == refused.value.en
    assert refused.value.message("zh_CN") == refused.value.zh


@given(st.lists(st.sampled_from(list(NoticeAction)), max_size=30))
def test_any_action_sequence_follows_the_table_or_is_refused(actions: list[NoticeAction]) -> None:
    """Walking random actions: accepted ones move as the table says, others change nothing."""
    _, _, _, allowed = EXPECTED["notice"]
    table = {(s, a): t for s, a, t in allowed}
    state = NoticeStatus.DRAFT
    for action in actions:
        if (state, action) in table:
            expected = table[(state, action)]
            state = NOTICE_LIFECYCLE.apply(state, action)
            assert state == expected
        else:
            with pytest.raises(IllegalTransition):
                NOTICE_LIFECYCLE.apply(state, action)
    assert state in set(NoticeStatus)


def test_closed_notice_is_terminal_and_returned_only_resumes() -> None:
    assert NOTICE_LIFECYCLE.allowed_actions(NoticeStatus.CLOSED) == []
    assert NOTICE_LIFECYCLE.allowed_actions(NoticeStatus.RETURNED) == [NoticeAction.RESUME]
    assert INSPECTION_LIFECYCLE.allowed_actions(InspectionStatus.APPROVED) == []
