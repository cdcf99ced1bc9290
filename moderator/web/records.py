"""Records pages and API for records officers: search, a comment's full history, exports, holds
and the retention schedule. Thin views over moderator.records and moderator.export."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from moderator.archive import Archive
from moderator.errors import DataError
from moderator.export import export
from moderator.records.history import history
from moderator.records.holds import add_hold, covered_count, list_holds, release_hold
from moderator.records.schedule import load_schedule
from moderator.records.search import Filters, make_filters, search
from moderator.users import Session
from moderator.web.app import Id, Offset, redirect_back, render
from moderator.web.auth import get_archive, require

router = APIRouter()
RECORDS = require("records")
FILTER_FIELDS = ("text", "since", "until", "platform", "page", "post", "author", "rule",
                 "decision", "hidden", "deleted", "held")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "bag": "application/zip"}


_FLAGS = {"yes": True, "true": True, "no": False, "false": False, "": None}
_FLAG_FIELDS = ("hidden", "deleted", "held")


def _flag(value: str | None, name: str = "flag") -> bool | None:
    """yes/no (true/false); empty is "either". Anything else is an error, not "either": a
    filter read as absent hands over every comment."""
    key = (value or "").strip().lower()
    if key not in _FLAGS:
        raise DataError(f"{name}: {value!r}; use yes or no (or leave it out)")
    return _FLAGS[key]


def _json_filters(values: dict[str, Any], what: str) -> dict[str, str]:
    """A JSON body's filters as the query-string form: unknown keys and wrong types are
    errors. They were dropped in silence, so {"query": "water"} exported the whole archive."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if key not in FILTER_FIELDS:
            raise DataError(f"{what}.{key}: unknown; use {', '.join(FILTER_FIELDS)}")
        if value is None:
            continue
        if key in _FLAG_FIELDS and isinstance(value, bool):
            out[key] = "yes" if value else "no"
        elif isinstance(value, str):
            out[key] = value
        else:
            raise DataError(f"{what}.{key}: {value!r} must be "
                            f"{'true or false' if key in _FLAG_FIELDS else 'a string'}")
    return out


def _filters(values: dict[str, Any]) -> Filters:
    return make_filters(
        text=values.get("text") or "", since=values.get("since") or None,
        until=values.get("until") or None, platform=values.get("platform") or None,
        page=values.get("page") or None, post=values.get("post") or None,
        author=values.get("author") or None, rule=values.get("rule") or None,
        decision=values.get("decision") or None, hidden=_flag(values.get("hidden"), "hidden"),
        deleted=_flag(values.get("deleted"), "deleted"), held=_flag(values.get("held"), "held"))


def _raw(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "")[:1000] for k in FILTER_FIELDS}


def _query_filters(request: Request) -> tuple[Filters, dict[str, str]]:
    raw = _raw(request)
    return _filters(raw), raw


@router.get("/records", include_in_schema=False)
def records_page(request: Request, offset: Offset = 0,
                 current: Session = Depends(RECORDS),
                 archive: Archive = Depends(get_archive)) -> Response:
    raw = _raw(request)  # shown back as typed, so only the wrong field needs fixing
    try:
        results = search(archive, _filters(raw), limit=50, offset=offset)
        error = ""
    except DataError as problem:
        results, error = None, str(problem)
    pages = archive.query("SELECT key, name FROM pages ORDER BY key")
    return render(request, "records.html", results=results, raw=raw, error=error,
                  pages=pages, rules=request.app.state.config.rules, offset=offset,
                  status=400 if error else 200)


@router.get("/records/comments/{comment_id}", include_in_schema=False)
def record_page(request: Request, comment_id: Id, current: Session = Depends(RECORDS),
                archive: Archive = Depends(get_archive)) -> Response:
    return render(request, "record.html", h=history(archive, comment_id))


def _export_response(archive: Archive, request: Request, filters: Filters, fmt: str,
                     exporter: str) -> Response:
    folder = Path(tempfile.mkdtemp(prefix="moderator-export-"))
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    try:
        name = f"records-export.{fmt}" if fmt != "bag" else "records-export"
        done = export(archive, filters, fmt, folder / name,
                      agency=request.app.state.config.agency, exporter=exporter)
        path = done.path
        if fmt == "bag":
            path = Path(shutil.make_archive(str(folder / "records-export-bag"), "zip",
                                            root_dir=folder, base_dir=name))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=MEDIA[fmt], filename=path.name, background=cleanup,
                        headers={"X-Moderator-Sha256": done.sha256,
                                 "X-Moderator-Count": str(done.count)})


@router.post("/records/export", include_in_schema=False)
async def export_form(request: Request, current: Session = Depends(RECORDS),
                      archive: Archive = Depends(get_archive)) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, ""))[:1000] for k in (*FILTER_FIELDS, "format")}
    fmt = values["format"]
    if fmt not in MEDIA:
        raise DataError("format: use csv, jsonl or bag")
    return _export_response(archive, request, _filters(values), fmt, current.user.username)


@router.get("/records/holds", include_in_schema=False)
def holds_page(request: Request, released: bool = False, current: Session = Depends(RECORDS),
               archive: Archive = Depends(get_archive)) -> Response:
    holds = list_holds(archive, include_released=released)
    counts = {h.id: covered_count(archive, h) for h in holds if h.active}
    return render(request, "holds.html", holds=holds, counts=counts, released=released)


@router.post("/records/holds", include_in_schema=False)
async def add_hold_form(request: Request, current: Session = Depends(RECORDS),
                        archive: Archive = Depends(get_archive)) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, ""))[:2000] for k in (*FILTER_FIELDS, "kind", "reference",
                                                       "reason")}
    hold = add_hold(archive, kind=values["kind"], reference=values["reference"],
                    reason=values["reason"], scope=_filters(values),
                    actor=current.user.username)
    return redirect_back("/records/holds", f"hold {hold.id} placed ({hold.reference}): it "
                         f"covers {covered_count(archive, hold)} comment(s)")


@router.post("/records/holds/{hold_id}/release", include_in_schema=False)
def release_form(hold_id: Id, note: str = Form(..., min_length=1, max_length=2000),
                 current: Session = Depends(RECORDS),
                 archive: Archive = Depends(get_archive)) -> Response:
    hold = release_hold(archive, hold_id, actor=current.user.username, note=note)
    return redirect_back("/records/holds", f"hold {hold.id} ({hold.reference}) released")


@router.get("/records/retention", include_in_schema=False)
def retention_page(request: Request, current: Session = Depends(RECORDS),
                   archive: Archive = Depends(get_archive)) -> Response:
    from moderator.records.retention import due

    schedule = load_schedule(request.app.state.config)
    items = [d for _, d in zip(range(5001), due(archive, schedule), strict=False)]
    return render(request, "retention.html", schedule=schedule, due=items[:200],
                  due_total=len(items), capped=len(items) > 5000)


# JSON API --------------------------------------------------------------------------------------

class HoldIn(BaseModel):
    kind: Literal["legal", "request"]
    reference: str = Field(..., min_length=1, max_length=200)
    reason: str = Field(..., min_length=1, max_length=2000)
    scope: dict[str, Any] = Field(default_factory=dict)


class ReleaseIn(BaseModel):
    note: str = Field(..., min_length=1, max_length=2000)


class ExportIn(BaseModel):
    format: Literal["csv", "jsonl", "bag"]
    filters: dict[str, Any] = Field(default_factory=dict)


@router.get("/api/records/search")
def api_search(request: Request, limit: int = Query(50, ge=1, le=500),
               offset: Offset = 0, current: Session = Depends(RECORDS),
               archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Full-text search and filters over the archive (hidden, deleted and disposed included):
    text, since, until, platform, page, post, author, rule, decision, hidden, deleted, held
    (yes/no)."""
    filters, _ = _query_filters(request)
    results = search(archive, filters, limit=limit, offset=offset)
    return {"total": results.total, "limit": limit, "offset": offset,
            "next_offset": results.next_offset, "filters": filters.describe(),
            "comments": [asdict(hit) for hit in results.rows]}


@router.get("/api/records/comments/{comment_id}")
def api_record(comment_id: Id, current: Session = Depends(RECORDS),
               archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """One comment's whole history: versions, scores, decisions, actions, review items, audit
    entries, holds and disposition."""
    found = history(archive, comment_id)
    return {**{k: v for k, v in found.__dict__.items() if k != "holds"},
            "holds": [asdict(h) for h in found.holds]}


@router.post("/api/records/exports")
def api_export(request: Request, body: ExportIn, current: Session = Depends(RECORDS),
               archive: Archive = Depends(get_archive)) -> Response:
    """Export matching comments as CSV, JSON Lines or a zipped BagIt package (audited)."""
    values = _json_filters(body.filters, "filters")
    return _export_response(archive, request, _filters(values), body.format,
                            current.user.username)


@router.get("/api/holds")
def api_holds(released: bool = False, current: Session = Depends(RECORDS),
              archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Legal holds and open records requests."""
    return {"holds": [asdict(h) for h in list_holds(archive, include_released=released)]}


@router.post("/api/holds", status_code=201)
def api_add_hold(body: HoldIn, current: Session = Depends(RECORDS),
                 archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Place a hold scoped like a search; nothing it covers is ever disposed."""
    values = _json_filters(body.scope, "scope")
    hold = add_hold(archive, kind=body.kind, reference=body.reference, reason=body.reason,
                    scope=_filters(values), actor=current.user.username)
    return {**asdict(hold), "covers": covered_count(archive, hold)}


@router.post("/api/holds/{hold_id}/release")
def api_release(hold_id: Id, body: ReleaseIn, current: Session = Depends(RECORDS),
                archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Release a hold (audited)."""
    return asdict(release_hold(archive, hold_id, actor=current.user.username, note=body.note))
