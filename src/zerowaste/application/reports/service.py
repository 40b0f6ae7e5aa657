"""Reports (issue #11 part 4): PDFs of the week's meal plan, a shopping list, the recipe book
and the analytics, and CSV/XLSX exports of the inventory, journal, plans and savings.

Small reports are built in the request. Big ones (`domain.reports.kinds.is_big`) start a
background job (`reports.build`); the worker builds the file, stores it under the owner's
folder, and notifies "report ready". The job's status carries a download link signed until
the file expires (DOWNLOAD_TTL after it was built); an expired link answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from zerowaste.application.analytics.ports import Rendered
from zerowaste.application.analytics.service import WindowQuery
from zerowaste.application.jobs.ports import Progress
from zerowaste.application.jobs.service import JobService
from zerowaste.application.notifications.ports import as_data
from zerowaste.application.ports.clock import Clock
from zerowaste.application.reports import analytics, documents
from zerowaste.application.reports.exports import Span, export_table
from zerowaste.application.reports.ports import Outputs, Sources
from zerowaste.domain.analytics.window import resolve
from zerowaste.domain.jobs import Job, JobStatus
from zerowaste.domain.meal_plans.calendar import check_range, week_of
from zerowaste.domain.reports import kinds, labels
from zerowaste.domain.reports.document import Document
from zerowaste.domain.shared.errors import NotFound, PermissionDenied

PLANS_AROUND = timedelta(days=28)  # the plans export's default: four weeks either side


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    fmt: str
    lang: str = "es"
    day: date | None = None  # meal plan: any day of the week wanted (default: this week)
    list_id: int | None = None  # shopping list (default: the newest)
    window: WindowQuery = field(default_factory=WindowQuery)  # analytics, journal, plans

    def payload(self) -> dict[str, Any]:
        w = self.window
        return {
            "kind": self.kind,
            "fmt": self.fmt,
            "lang": self.lang,
            "day": _iso(self.day),
            "list_id": self.list_id,
            "window": [w.granularity, w.period, _iso(w.start), _iso(w.end)],
        }

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> ReportRequest:
        granularity, period, start, end = p["window"]
        window = WindowQuery(granularity, period, _day(start), _day(end))
        return cls(p["kind"], p["fmt"], p["lang"], _day(p["day"]), p["list_id"], window)


@dataclass(frozen=True)
class ReportJob:
    """A report job as its owner polls it; `download_url` while the file may be fetched."""

    job: Job
    download_url: str | None
    expires_at: datetime | None


class ReportService:
    def __init__(
        self,
        sources: Sources,
        outputs: Outputs,
        jobs: JobService,
        clock: Clock,
        *,
        ttl: timedelta = kinds.DOWNLOAD_TTL,
    ) -> None:
        self._sources = sources
        self._out = outputs
        self._jobs = jobs
        self._clock = clock
        self._ttl = ttl

    def document(self, user_uid: str, request: ReportRequest) -> Rendered | Job:
        """A PDF now (meal plan, shopping list) or a started job (recipe book, analytics)."""
        kinds.check_document(request.kind, request.fmt, request.lang)
        if request.kind == "analytics":
            self._check_window(request.window)
        if kinds.is_big(request.kind):
            return self._jobs.start(user_uid, kinds.JOB_TYPE, request.payload())
        return self._build(user_uid, request, lambda _: None)

    def export(self, user_uid: str, request: ReportRequest) -> Rendered | Job:
        """A CSV/XLSX table now, or a started job when it has more than EXPORT_JOB_ROWS rows."""
        kinds.check_export(request.kind, request.fmt)
        kinds.check_language(request.lang)
        span = self._span(request)
        table = export_table(self._sources, request.kind, user_uid, span, request.lang)
        if kinds.is_big(request.kind, len(table.rows)):
            return self._jobs.start(user_uid, kinds.JOB_TYPE, request.payload())
        return self._table_file(table, request, span)

    def run_job(self, job: Job, progress: Progress) -> dict[str, Any]:
        """The worker's `reports.build`: build, store under the owner, notify; the result
        names the file and when its link expires (a rerun rewrites the same key)."""
        request = ReportRequest.from_payload(job.payload)
        progress.report(5, "gathering")
        built = self._build(job.owner_uid, request, lambda p: progress.report(p, "drawing"))
        progress.report(95, "storing")
        key = kinds.storage_key(job.owner_uid, job.id, built.filename)
        self._sources.images.store.save(key, built.content, built.content_type)
        expires_at = self._clock.now() + self._ttl
        self._notify(job, request, built.filename)
        return {
            "key": key,
            "filename": built.filename,
            "content_type": built.content_type,
            "size": len(built.content),
            "expires_at": expires_at.isoformat(),
        }

    def status(self, user_uid: str, job_id: str) -> ReportJob:
        """The caller's report job (another user's, or another kind of job, is 404)."""
        job = self._jobs.get(user_uid, job_id)
        if job.type != kinds.JOB_TYPE:
            raise NotFound("Job not found", code="job_not_found")
        expires_at = _expiry(job)
        remaining = expires_at - self._clock.now() if expires_at else None
        if remaining is None or remaining <= timedelta(0):
            return ReportJob(job, None, expires_at)
        expires, signature = self._out.signer.sign(_signed(user_uid, job.id), remaining)
        path = f"/api/reports/downloads/{user_uid}/{job.id}"
        url = f"{path}?expires={expires}&signature={signature}"
        return ReportJob(job, url, expires_at)

    def download(
        self, owner_uid: str, job_id: str, expires: str | None, signature: str | None
    ) -> Rendered:
        """The file behind a download link (the signature is the credential, as for image
        URLs): 403 when forged or altered, 404 when expired or gone."""
        try:
            self._out.signer.verify(_signed(owner_uid, job_id), expires, signature)
        except PermissionDenied as exc:
            if exc.code != "signed_url_expired":
                raise
            raise NotFound("This download link has expired", code="download_expired") from exc
        with_result = self._finished(owner_uid, job_id)
        data = self._sources.images.store.open(str(with_result["key"]))
        if data is None:
            raise NotFound("This report is no longer stored", code="report_not_found")
        return Rendered(data, str(with_result["content_type"]), str(with_result["filename"]))

    def _finished(self, owner_uid: str, job_id: str) -> dict[str, Any]:
        job = self._jobs.get(owner_uid, job_id)
        if job.type != kinds.JOB_TYPE or job.status is not JobStatus.COMPLETED:
            raise NotFound("Report not found", code="report_not_found")
        return job.result or {}

    def _build(self, user_uid: str, request: ReportRequest, progress: Any) -> Rendered:
        if request.kind in kinds.EXPORTS:
            span = self._span(request)
            table = export_table(self._sources, request.kind, user_uid, span, request.lang)
            return self._table_file(table, request, span)
        document, detail = self._document(user_uid, request, progress)
        name = kinds.filename(request.kind, "pdf", document.generated_on, detail)
        return Rendered(self._out.pdf.pdf(document), kinds.CONTENT_TYPES["pdf"], name)

    def _document(self, user_uid: str, r: ReportRequest, progress: Any) -> tuple[Document, str]:
        today, src = self._clock.today(), self._sources
        if r.kind == "meal-plan":
            week = week_of(r.day or today)
            return documents.meal_plan(src, user_uid, week, r.lang, today), week.id
        if r.kind == "shopping-list":
            return documents.shopping_list(src, user_uid, r.list_id, r.lang, today), ""
        if r.kind == "recipe-book":
            return documents.recipe_book(src, user_uid, r.lang, today), ""
        found = analytics.analytics_report(
            src, self._out.files, user_uid, r.window, r.lang, today, progress
        )
        return found, ""

    def _table_file(self, table: Any, request: ReportRequest, span: Span) -> Rendered:
        detail = "" if request.kind in ("inventory", "savings") else f"{span.start}-{span.end}"
        name = kinds.filename(request.kind, request.fmt, self._clock.today(), detail)
        content = self._out.files.table(table, request.fmt)
        return Rendered(content, kinds.CONTENT_TYPES[request.fmt], name)

    def _span(self, request: ReportRequest) -> Span:
        w, today = request.window, self._clock.today()
        if request.kind == "plans" and w.start is None and w.end is None and w.period is None:
            start, end = check_range(today - PLANS_AROUND, today + PLANS_AROUND)
            return Span(start, end)
        window = self._check_window(w)
        if request.kind == "plans":
            check_range(window.start, window.end)
        return Span(window.start, window.end)

    def _check_window(self, w: WindowQuery) -> Any:
        return resolve(self._clock.today(), w.granularity, w.period, w.start, w.end)

    def _notify(self, job: Job, request: ReportRequest, filename: str) -> None:
        lang = request.lang
        title = labels.text(lang, request.kind) if request.kind in kinds.DOCUMENTS else filename
        self._out.notifier.notify(
            job.owner_uid,
            "report_ready",
            labels.text(lang, "ready_title"),
            labels.text(lang, "ready_body", title=title),
            as_data({"job_id": job.id, "kind": request.kind, "filename": filename}),
        )


def _signed(owner_uid: str, job_id: str) -> str:
    return f"reports/{owner_uid}/{job_id}"


def _expiry(job: Job) -> datetime | None:
    if job.status is not JobStatus.COMPLETED or not job.result:
        return None
    return datetime.fromisoformat(str(job.result["expires_at"]))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
