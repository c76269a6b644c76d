"""复查: start one from a notice, record an item's result, finish it; and read its sheet.

The 通知书 and 整改跟踪 pages start one with `start_recheck`; the runner's 复查 page
(ui/runner/recheck_page.py) does the rest. Photos attach with operations/photos.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from inspector_app.domain.rectification import VerificationResult
from inspector_app.services import recheck as services
from inspector_app.services.recheck_views import RecheckSheet, is_recheck, recheck_sheet
from inspector_app.ui.operations.changes import OpChanges, OpResult
from inspector_app.ui.store_runner import UnitOfWork


def start_recheck(
    *, notice_id: str, team: Sequence[str], site_id: str | None = None
) -> Callable[[UnitOfWork], OpResult[str]]:
    """A new 复查 of the notice's reported problems; its value is the inspection id."""

    def op(uow: UnitOfWork) -> OpResult[str]:
        inspection_id = services.start_recheck(uow, notice_id, team=team, site_id=site_id)
        return OpResult(inspection_id, OpChanges.of(inspections=[inspection_id]))

    return op


def record_recheck_result(
    *, finding_id: str, result: VerificationResult | None = None, note: str | None = None
) -> Callable[[UnitOfWork], OpResult[None]]:
    """已整改 or 未整改 for one item, or its note alone (result None keeps the result)."""

    def op(uow: UnitOfWork) -> OpResult[None]:
        if result is None:
            services.record_recheck_note(uow, finding_id, note or "")
        else:
            services.record_recheck_result(uow, finding_id, result, note=note)
        return OpResult(None, OpChanges.of(findings=[finding_id]))

    return op


def finish_recheck(
    *, inspection_id: str, verifier: str | None = None, verified_on: date | None = None
) -> Callable[[UnitOfWork], OpResult[dict[str, VerificationResult]]]:
    def op(uow: UnitOfWork) -> OpResult[dict[str, VerificationResult]]:
        results = services.finish_recheck(
            uow, inspection_id, verifier=verifier, verified_on=verified_on
        )
        return OpResult(results, OpChanges.of(inspections=[inspection_id]))

    return op


def sheet_if_recheck(*, inspection_id: str) -> Callable[[UnitOfWork], RecheckSheet | None]:
    """The 复查's sheet, or None for an ordinary inspection (the runner shows that)."""
    return lambda uow: recheck_sheet(uow, inspection_id) if is_recheck(uow, inspection_id) else None
