"""The runner's undo stack, without Qt."""

from __future__ import annotations

from types import SimpleNamespace

from inspector_app.domain.finding import FindingResult
from inspector_app.services.inspections import FindingChanges
from inspector_app.ui.runner.undo import UndoStack


def _finding(**values: object) -> SimpleNamespace:
    names = FindingChanges.__dataclass_fields__
    return SimpleNamespace(**{name: values.get(name) for name in names})


def test_it_keeps_the_values_an_edit_replaced_newest_first() -> None:
    stack = UndoStack()
    finding = _finding(result=FindingResult.UNCHECKED, window_no="3", description="旧")
    stack.remember("f1", finding, FindingChanges(result=FindingResult.FAIL))
    stack.remember("f1", finding, FindingChanges(window_no="5", unit_id="u9"))
    newest = stack.pop()
    assert newest is not None and newest.finding_id == "f1"
    assert newest.before == FindingChanges(window_no="3")  # unit_id was empty: left alone
    assert stack.pop().before == FindingChanges(result=FindingResult.UNCHECKED)
    assert stack.pop() is None


def test_nothing_to_restore_records_no_step_and_the_depth_is_bounded() -> None:
    stack = UndoStack(depth=3)
    stack.remember("f1", _finding(), FindingChanges(window_no="1"))
    assert len(stack) == 0
    for n in range(5):
        stack.remember(f"f{n}", _finding(window_no=str(n)), FindingChanges(window_no="9"))
    assert len(stack) == 3 and stack.pop().finding_id == "f4"
    stack.clear()
    assert stack.pop() is None
