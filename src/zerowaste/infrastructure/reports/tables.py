"""Tables as CSV (UTF-8 with a BOM, so spreadsheet programs read accents) or XLSX (XlsxWriter).

Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading
apostrophe in CSV: user names and emails are typed by users (CSV injection, OWASP).
"""

from __future__ import annotations

import csv
import io

import xlsxwriter

from zerowaste.application.admin.ports import Cell, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


class TableFileRenderer:
    def render(self, table: Table, fmt: str) -> bytes:
        if fmt == "csv":
            return _csv(table)
        if fmt == "xlsx":
            return _xlsx(table)
        raise ValueError(f"unknown table format {fmt!r}")


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows([_safe(c) for c in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(table: Table) -> bytes:
    out = io.BytesIO()
    # Strings are written as strings (never parsed as formulas or numbers).
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False})  # fmt: skip
    sheet = book.add_worksheet(table.name[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, list(table.columns), bold)
    for index, row in enumerate(table.rows, start=1):
        for column, cell in enumerate(row):
            if isinstance(cell, str):
                sheet.write_string(index, column, cell)
            elif cell is not None:
                sheet.write_number(index, column, cell)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
