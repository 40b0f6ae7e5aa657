"""Which reports exist, in which formats and languages, which run as a background job, and
how their files are named (pure rules).

A report is "big" when building it may take seconds: the recipe book (one page per recipe,
with pictures) and the analytics report (five charts) always are; an export is big when it
has more than `EXPORT_JOB_ROWS` rows. Small reports are answered in the request; big ones
are built by a worker, stored, and fetched through a download link that expires.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from zerowaste.domain.shared.errors import InvalidInput

DOCUMENTS = ("meal-plan", "shopping-list", "recipe-book", "analytics")
EXPORTS = ("inventory", "journal", "plans", "savings")
LANGUAGES = ("es", "en")
DOCUMENT_FORMATS = ("pdf",)
TABLE_FORMATS = ("csv", "xlsx")
BIG_DOCUMENTS = frozenset({"recipe-book", "analytics"})
EXPORT_JOB_ROWS = 2000
DOWNLOAD_TTL = timedelta(hours=24)
JOB_TYPE = "reports.build"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_STEM = re.compile(r"[^a-z0-9]+")


class UnknownReport(InvalidInput):
    code = "unknown_report"


class InvalidReportFormat(InvalidInput):
    code = "invalid_format"


class InvalidLanguage(InvalidInput):
    code = "invalid_language"


def check_document(kind: str, fmt: str, lang: str) -> None:
    """A PDF report that exists, in a language we write."""
    if kind not in DOCUMENTS:
        raise UnknownReport(f"Unknown report; one of {', '.join(DOCUMENTS)}")
    if fmt not in DOCUMENT_FORMATS:
        raise InvalidReportFormat("format must be pdf")
    check_language(lang)


def check_export(kind: str, fmt: str) -> None:
    if kind not in EXPORTS:
        raise UnknownReport(f"Unknown export; one of {', '.join(EXPORTS)}")
    if fmt not in TABLE_FORMATS:
        raise InvalidReportFormat("format must be csv or xlsx")


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise InvalidLanguage("lang must be es or en")


def is_big(kind: str, rows: int = 0) -> bool:
    """Whether the report is built by a worker rather than in the request."""
    return kind in BIG_DOCUMENTS or (kind in EXPORTS and rows > EXPORT_JOB_ROWS)


def filename(kind: str, fmt: str, on: date, detail: str = "") -> str:
    """`<kind>[-<detail>]-<YYYY-MM-DD>.<fmt>`: ASCII, lower case, nothing the client typed
    except through `detail`, which is reduced to [a-z0-9-]."""
    cleaned = _STEM.sub("-", detail.lower()).strip("-")[:40]
    stem = f"{kind}-{cleaned}" if cleaned else kind
    return f"{stem}-{on.isoformat()}.{fmt}"


def storage_key(owner_uid: str, job_id: str, name: str) -> str:
    """Where a built report lives: under the owner's own folder, named by its job."""
    return f"uploads/{owner_uid}/reports/{job_id}/{name}"
