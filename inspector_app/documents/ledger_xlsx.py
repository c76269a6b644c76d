"""整改台账 as an xlsx workbook a bureau clerk filters, sorts and prints.

openpyxl's write-only mode streams rows to the file, so memory stays flat for a year's
ten thousand problems. The header row is frozen with the two numbering columns, an
auto-filter covers every row, dates are real Excel dates, and the warning level is a
colour fill as well as its words. A photo cell links to the first photo's file by its
hash (`photo_href`), so the link still works when the folder is copied whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from inspector_app.domain.inspection_status import MODE_LABELS
from inspector_app.domain.ledger import COLUMNS, Column, Kind, LedgerRow
from inspector_app.domain.notice import WARNING_LABELS, WarningLevel

DATE_FORMAT = "yyyy-mm-dd"
FILLS = {  # 三色预警; "none" has no fill
    WarningLevel.BLUE: PatternFill("solid", fgColor="9DC3E6"),
    WarningLevel.YELLOW: PatternFill("solid", fgColor="FFE699"),
    WarningLevel.RED: PatternFill("solid", fgColor="FF8B8B"),
}
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FONT = "宋体"
SHEET_TITLE = {"zh": "整改台账", "en": "Rectification ledger"}


def write_ledger(
    rows: Iterable[LedgerRow],
    out: BinaryIO,
    *,
    lang: str = "zh_CN",
    photo_href: Callable[[str], str | None] | None = None,
    on_row: Callable[[int], None] | None = None,
) -> int:
    """Write the workbook to `out`; returns the number of problem rows."""
    english = lang.startswith("en")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE["en" if english else "zh"])
    _lay_out(sheet)
    sheet.append([_header(sheet, c, english) for c in COLUMNS])
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, c, row, count, english, photo_href) for c in COLUMNS])
        if on_row is not None:
            on_row(count)
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(out)
    return count


def _lay_out(sheet: WriteOnlyWorksheet) -> None:
    """Set before the first row: write-only mode writes the sheet's head with it."""
    sheet.freeze_panes = "C2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.print_title_rows = "1:1"  # the header repeats on every printed page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "8"  # A3: the ledger is 25 columns wide


def _header(sheet: WriteOnlyWorksheet, column: Column, english: bool) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=column.en if english else column.zh)
    cell.font = Font(name=_FONT, bold=True)
    cell.fill = _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def _cell(
    sheet: WriteOnlyWorksheet,
    column: Column,
    row: LedgerRow,
    serial: int,
    english: bool,
    photo_href: Callable[[str], str | None] | None,
) -> WriteOnlyCell:
    value = serial if column.key == "serial" else getattr(row, column.key)
    cell = WriteOnlyCell(sheet)
    cell.font = Font(name=_FONT)
    cell.border = _BORDER
    cell.alignment = _WRAP
    if column.kind is Kind.DATE:
        cell.value = value if isinstance(value, date) else None
        cell.number_format = DATE_FORMAT
    elif column.kind is Kind.WARNING:
        cell.value = WARNING_LABELS[value][1 if english else 0]
        if value in FILLS:
            cell.fill = FILLS[value]
    elif column.kind is Kind.PHOTOS:
        cell.value = _photos_text(value, english)
        link = photo_href(value[0]) if value and photo_href is not None else None
        if link is not None:
            cell.hyperlink = link
            cell.font = Font(name=_FONT, color="0563C1", underline="single")
    elif column.key == "mode":
        cell.value = MODE_LABELS[value][1 if english else 0]
    else:
        cell.value = value
    return cell


def _photos_text(shas: tuple[str, ...], english: bool) -> str:
    """The count, then each photo's first 12 hex digits: enough to find it by hash."""
    if not shas:
        return ""
    count = f"{len(shas)} photo(s)" if english else f"{len(shas)}张"
    return "\n".join([count, *(sha[:12] for sha in shas)])
