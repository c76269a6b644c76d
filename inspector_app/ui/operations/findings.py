"""Writes to findings: results, text, window/unit/severity, ad hoc problems."""

from __future__ import annotations

from collections.abc import Callable

from inspector_app.domain.finding import FindingResult
from inspector_app.services import inspections as services
from inspector_app.services.inspections import FindingChanges
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork


def edit_finding(
    *, finding_id: str, changes: FindingChanges
) -> Callable[[UnitOfWork], OpResult[None]]:
    """Any field edit of one finding (text, window, unit, severity, or an undo)."""

    def op(uow: UnitOfWork) -> OpResult[None]:
        services.update_finding(uow, finding_id, changes)
        return OpResult(None, OpChanges.of(findings=[finding_id]))

    return op


def record_result(
    *, finding_id: str, result: FindingResult
) -> Callable[[UnitOfWork], OpResult[None]]:
    return edit_finding(finding_id=finding_id, changes=FindingChanges(result=result))


def add_adhoc_finding(*, inspection_id: str, title: str) -> Callable[[UnitOfWork], OpResult[str]]:
    """A problem no checklist item covers; the value is the new finding's id."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        finding_id = services.add_adhoc_finding(uow, inspection_id, title=title, description="")
        return OpResult(
            finding_id, OpChanges.of(inspections=[inspection_id], findings=[finding_id])
        )

    return op
