"""One small factory per user action (after Anki's aqt/operations).

Each factory takes keyword-only plain values and returns the job for the
store thread: a write returns `OpResult(value, OpChanges)`, so the runner can
tell every page what changed. Jobs run off the GUI thread: no Qt in here.
"""

from inspector_app.ui.operations.changes import OpChanges, OpResult

__all__ = ["OpChanges", "OpResult"]
