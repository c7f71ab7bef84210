"""Pagination and CSV for every list of the API: one shape for each page of results, and the
same rows as a CSV file (cells safe from spreadsheet formulas)."""

import csv
import io
import math

from django.http import HttpResponse

from shp.spreadsheets import spreadsheet_safe_row

MAX_PAGE_SIZE = 500


def page_of(rows: list, *, page: int, page_size: int) -> dict:
    """One page of ``rows`` (a page past the end is empty, not an error)."""
    pages = max(1, math.ceil(len(rows) / page_size))
    start = (page - 1) * page_size
    return {
        "count": len(rows),
        "page": page,
        "pages": pages,
        "results": rows[start : start + page_size],
    }


def csv_response(rows: list[dict], *, columns: list[str], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(spreadsheet_safe_row("" if row[c] is None else row[c] for c in columns))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
