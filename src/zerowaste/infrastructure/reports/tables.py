"""Tables as CSV (UTF-8 with a BOM, so spreadsheet programs read the accents) or XLSX
(XlsxWriter, in memory)."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from zerowaste.domain.analytics.exports import Table


def write(table: Table, fmt: str) -> bytes:
    return _xlsx(table) if fmt == "xlsx" else _csv(table)


def _csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(["" if cell is None else cell for cell in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(table: Table) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(table.title[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, table.columns, bold)
    for r, row in enumerate(table.rows, start=1):
        sheet.write_row(r, 0, row)
    for c, name in enumerate(table.columns):
        sheet.set_column(c, c, max(12, len(name) + 2))
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
