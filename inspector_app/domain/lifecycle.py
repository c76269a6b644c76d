"""Explicit transition tables shared by every lifecycle in the domain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from inspector_app.domain.errors import IllegalTransition

S = TypeVar("S", bound=Enum)
A = TypeVar("A", bound=Enum)


@dataclass(frozen=True)
class Lifecycle(Generic[S, A]):
    """A finite state machine given as a table `(state, action) -> new state`.

    Anything not in the table is forbidden. `labels` gives each state and
    action its Chinese and English name so refusals can be explained.
    """

    name: str
    table: Mapping[tuple[S, A], S]
    labels: Mapping[Enum, tuple[str, str]]

    def allowed_actions(self, state: S) -> list[A]:
        return [action for (src, action) in self.table if src == state]

    def can(self, state: S, action: A) -> bool:
        return (state, action) in self.table

    def apply(self, state: S, action: A) -> S:
        try:
            return self.table[(state, action)]
        except KeyError:
            state_zh, state_en = self.labels[state]
            action_zh, action_en = self.labels[action]
            raise IllegalTransition(
                f"{self.name}.illegal_transition",
                f"当前状态为“{state_zh}”，不能执行“{action_zh}”操作。",
                f"Cannot {action_en} while the record is {state_en}.",
            ) from None
