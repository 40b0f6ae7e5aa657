"""Reports (issue #11 part 4). `GET /api/reports/<kind>` answers a PDF (`lang` es|en):
`meal-plan` (the ISO week holding `start`, default this week) and `shopping-list` (`list_id`,
default the newest list) at once; `recipe-book` and `analytics` (`period` or `start`/`end`,
`granularity`) as a job: 202 with its `status_url`. `GET /api/exports/<kind>` answers a CSV or
XLSX table of `inventory`, `journal`, `plans` or `savings` at once, or a job beyond 2,000 rows.
A finished job's `download_url` is signed and expires 24 hours after the file was built."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from zerowaste.application.analytics.ports import Rendered
from zerowaste.application.analytics.service import WindowQuery
from zerowaste.application.reports.service import ReportJob, ReportRequest
from zerowaste.domain.jobs import Job
from zerowaste.interface.http.reports.schemas import (
    ExportQuerySchema,
    ReportJobSchema,
    ReportQuerySchema,
)
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("reports", __name__)
REPORT_QUERY = ReportQuerySchema()
EXPORT_QUERY = ExportQuerySchema()
JOB = ReportJobSchema()


def _request(kind: str, args: dict[str, Any]) -> ReportRequest:
    window = WindowQuery(args["granularity"], args["period"], args["start"], args["end"])
    return ReportRequest(kind, args["format"], args["lang"], args["start"], args["list_id"], window)


def _answer(found: Rendered | Job) -> Reply | Response:
    if isinstance(found, Job):
        body, status = dump(JOB, ReportJob(found, None, None), 202)
        return body, status, {"Location": body["status_url"]}  # type: ignore[return-value]
    return _file(found)


def _file(found: Rendered) -> Response:
    response = Response(found.content, 200, content_type=found.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response


@bp.get("/api/reports/<kind>")
@auth_required()
def report(kind: str) -> Reply | Response:
    """A report as a PDF: now (meal-plan, shopping-list) or as a job (recipe-book, analytics).
    ---
    tags: [reports]
    produces: [application/pdf, application/json]
    parameters:
      - in: path
        name: kind
        type: string
        required: true
        enum: [meal-plan, shopping-list, recipe-book, analytics]
      - {in: query, name: format, type: string, enum: [pdf], default: pdf}
      - {in: query, name: lang, type: string, enum: [es, en], default: es}
      - {in: query, name: start, type: string, format: date, description: "meal-plan: its week"}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: list_id, type: integer, description: "shopping-list"}
    responses:
      200: {description: "the PDF (attachment)"}
      202: {description: "a job builds it", schema: {$ref: "#/definitions/ReportJob"}}
      400: {description: "bad kind, format, lang, date", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such list of the caller", schema: {$ref: "#/definitions/Error"}}
    """
    args = REPORT_QUERY.load(request.args.to_dict())
    return _answer(services().reports.document(current_user_id(), _request(kind, args)))


@bp.get("/api/exports/<kind>")
@auth_required()
def export(kind: str) -> Reply | Response:
    """The household's inventory, journal or plans, or the caller's savings, as CSV or XLSX.
    ---
    tags: [reports]
    produces:
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
      - application/json
    parameters:
      - in: path
        name: kind
        type: string
        required: true
        enum: [inventory, journal, plans, savings]
      - {in: query, name: format, type: string, enum: [csv, xlsx], default: csv}
      - {in: query, name: lang, type: string, enum: [es, en], default: es}
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
    responses:
      200: {description: "the table (attachment)"}
      202: {description: "over 2,000 rows: a job", schema: {$ref: "#/definitions/ReportJob"}}
      400: {description: "bad kind, format, lang, window", schema: {$ref: "#/definitions/Error"}}
    """
    args = EXPORT_QUERY.load(request.args.to_dict())
    return _answer(services().reports.export(current_user_id(), _request(kind, args)))


@bp.get("/api/reports/jobs/<job_id>")
@auth_required()
def job_status(job_id: str) -> Reply:
    """A report job of the caller: status, progress, and the signed download link when done.
    ---
    tags: [reports]
    parameters: [{in: path, name: job_id, type: string, required: true}]
    responses:
      200: {description: "the job", schema: {$ref: "#/definitions/ReportJob"}}
      404: {description: "no such report job of the caller", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(JOB, services().reports.status(current_user_id(), job_id))


@bp.get("/api/reports/downloads/<owner_uid>/<job_id>")
def download(owner_uid: str, job_id: str) -> Response:
    """A built report by its signed link (no bearer token: the signature is the credential).
    ---
    tags: [reports]
    security: []
    produces:
      - application/pdf
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
      - application/json
    parameters:
      - {in: path, name: owner_uid, type: string, required: true}
      - {in: path, name: job_id, type: string, required: true}
      - {in: query, name: expires, type: integer, required: true}
      - {in: query, name: signature, type: string, required: true}
    responses:
      200: {description: "the file (attachment)"}
      403: {description: "forged or altered link", schema: {$ref: "#/definitions/Error"}}
      404: {description: "expired link, or file gone", schema: {$ref: "#/definitions/Error"}}
    """
    args = request.args
    found = services().reports.download(
        owner_uid, job_id, args.get("expires"), args.get("signature")
    )
    return _file(found)
