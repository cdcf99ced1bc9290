"""Dashboard (moderators and admins), the global audit log and user management (admins)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from moderator import audit, dashboard, users
from moderator.archive import Archive
from moderator.errors import DataError
from moderator.export import neutralise
from moderator.records.search import make_filters
from moderator.users import Session
from moderator.web.app import Offset, redirect_back, render
from moderator.web.auth import get_archive, require

router = APIRouter()
ADMIN = require("admin")
MODERATE = require("moderator")
AUDIT_COLUMNS = ("id", "at", "actor", "action", "subject", "details", "prev_hash", "hash")


def _audit_filters(actor: str, action: str, subject: str, since: str, until: str
                   ) -> audit.AuditFilters:
    """The filters, with dates checked as the records search checks them: a bad date used to
    list nothing (and download an empty CSV) without a word. Raises DataError."""
    dates = make_filters(since=since or None, until=until or None)
    return audit.AuditFilters(actor=actor or None, action=action or None,
                              subject=subject or None, since=dates.since, until=dates.until)


@router.get("/dashboard", include_in_schema=False)
def dashboard_page(request: Request, current: Session = Depends(MODERATE),
                   archive: Archive = Depends(get_archive)) -> Response:
    return render(request, "dashboard.html", stats=dashboard.stats(archive))


@router.get("/api/dashboard")
def api_dashboard(current: Session = Depends(MODERATE),
                  archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Queue size and age, decisions per day per moderator, automatic actions per rule and the
    agreement rate between the model and the moderators."""
    return dashboard.stats(archive)


@router.get("/audit", include_in_schema=False)
def audit_page(request: Request, actor: str = "", action: str = "", subject: str = "",
               since: str = "", until: str = "", offset: Offset = 0,
               current: Session = Depends(ADMIN),
               archive: Archive = Depends(get_archive)) -> Response:
    filters = _audit_filters(actor, action, subject, since, until)
    rows, total = audit.entries(archive, filters, limit=100, offset=offset)
    return render(request, "audit.html", rows=rows, total=total, filters=filters,
                  offset=offset, query=request.url.query)


def _csv_rows(archive: Archive, filters: audit.AuditFilters) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(AUDIT_COLUMNS)
    for row in audit.iter_entries(archive, filters):
        writer.writerow([neutralise(row[c]) for c in AUDIT_COLUMNS])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@router.get("/audit.csv", include_in_schema=False)
def audit_csv(request: Request, actor: str = "", action: str = "", subject: str = "",
              since: str = "", until: str = "", current: Session = Depends(ADMIN),
              archive: Archive = Depends(get_archive)) -> Response:
    filters = _audit_filters(actor, action, subject, since, until)
    config = request.app.state.config
    own = Archive.open(config.archive, migrate=False, timeout=config.busy_timeout)

    def stream() -> Iterator[str]:
        try:
            yield from _csv_rows(own, filters)
        finally:
            own.close()

    audit.append(archive, current.user.username, "audit.download", None,
                 {"filters": {k: v for k, v in filters.__dict__.items() if v}})
    return StreamingResponse(stream(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="audit-log.csv"'})


@router.get("/api/audit")
def api_audit(actor: str = "", action: str = "", subject: str = "", since: str = "",
              until: str = "", limit: int = Query(100, ge=1, le=1000),
              offset: Offset = 0, current: Session = Depends(ADMIN),
              archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Audit entries, newest first, with their hash chain."""
    rows, total = audit.entries(archive, _audit_filters(actor, action, subject, since, until),
                                limit=limit, offset=offset)
    return {"entries": rows, "total": total}


@router.get("/admin/users", include_in_schema=False)
def users_page(request: Request, current: Session = Depends(ADMIN),
               archive: Archive = Depends(get_archive)) -> Response:
    return render(request, "users.html", users=users.list_users(archive), roles=users.ROLES)


@router.post("/admin/users", include_in_schema=False)
def add_user_form(request: Request, username: str = Form(..., max_length=64),
                  role: Literal["moderator", "records", "admin"] = Form(...),
                  password: str = Form(..., max_length=1024),
                  display_name: str = Form("", max_length=200),
                  current: Session = Depends(ADMIN),
                  archive: Archive = Depends(get_archive)) -> Response:
    try:
        users.add_user(archive, username, role, password, display_name=display_name,
                       by=current.user.username)
    except DataError as error:  # the form again, with what was typed and the reason beside it
        return render(request, "users.html", 400, users=users.list_users(archive),
                      roles=users.ROLES, error=str(error),
                      typed={"username": username, "display_name": display_name, "role": role})
    return redirect_back("/admin/users", f"added {username} ({role})")


@router.post("/admin/users/{username}/disable", include_in_schema=False)
def disable_form(request: Request, username: str, current: Session = Depends(ADMIN),
                 archive: Archive = Depends(get_archive)) -> Response:
    users.disable_user(archive, username, by=current.user.username)
    return redirect_back("/admin/users", f"disabled {username}")


@router.post("/admin/users/{username}/password", include_in_schema=False)
def password_form(request: Request, username: str, password: str = Form(..., max_length=1024),
                  current: Session = Depends(ADMIN),
                  archive: Archive = Depends(get_archive)) -> Response:
    users.set_password(archive, username, password, by=current.user.username)
    return redirect_back("/admin/users", f"password changed for {username}")


class UserIn(BaseModel):
    username: str = Field(..., max_length=64)
    role: Literal["moderator", "records", "admin"]
    password: str = Field(..., max_length=1024)
    display_name: str = Field("", max_length=200)


@router.get("/api/users")
def api_users(current: Session = Depends(ADMIN),
              archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    """Staff accounts (never their password hashes)."""
    return {"users": users.list_users(archive)}


@router.post("/api/users", status_code=201)
def api_add_user(body: UserIn, current: Session = Depends(ADMIN),
                 archive: Archive = Depends(get_archive)) -> dict[str, Any]:
    user = users.add_user(archive, body.username, body.role, body.password,
                          display_name=body.display_name, by=current.user.username)
    return {"username": user.username, "role": user.role}
