"""What a write changed, so each page redraws only that (after Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class OpChanges:
    """The entities one user action changed, by kind and id."""

    inspections: frozenset[str] = frozenset()
    findings: frozenset[str] = frozenset()
    photos: frozenset[str] = frozenset()
    notices: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        *,
        inspections: Iterable[str] = (),
        findings: Iterable[str] = (),
        photos: Iterable[str] = (),
        notices: Iterable[str] = (),
    ) -> OpChanges:
        return cls(
            frozenset(inspections), frozenset(findings), frozenset(photos), frozenset(notices)
        )

    def touches(self, *, inspection: str | None = None, findings: Iterable[str] = ()) -> bool:
        """Whether a view of this inspection (or of these findings) is out of date."""
        return (inspection is not None and inspection in self.inspections) or not (
            self.findings.isdisjoint(findings)
        )

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(
            self.inspections | other.inspections,
            self.findings | other.findings,
            self.photos | other.photos,
            self.notices | other.notices,
        )


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """A write's own result and the change set the runner announces."""

    value: T
    changes: OpChanges
