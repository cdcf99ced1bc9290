"""Logging in and out. A login always starts a new session (no session fixation); failed logins
are throttled per user name and per address."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from moderator.archive import Archive
from moderator.users import LoginThrottled, Session, authenticate, end_session, start_session
from moderator.web.app import render
from moderator.web.auth import COOKIE, LOGIN_CSRF_COOKIE, get_archive, require

router = APIRouter()
HOME = {"moderator": "/queue", "records": "/records", "admin": "/queue"}
SIGNED_IN = require()


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target[:500]
    return "/"


def _secure(request: Request) -> bool:
    web = request.app.state.config.sections.get("web", {})
    return request.url.scheme == "https" or bool(web.get("secure_cookies", False))


def _form(request: Request, next_: str, status: int = 200, error: str = "") -> Response:
    """The login form with a fresh double-submit CSRF token (cookie + hidden field)."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status=status, error=error, login_csrf=token,
                      next=_safe_next(next_))
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request), max_age=3600)
    return response


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:  # noqa: A002
    return _form(request, next)


@router.post("/login", include_in_schema=False)
def login(request: Request, username: str = Form(..., max_length=200),
          password: str = Form(..., max_length=1024), csrf_token: str = Form(""),
          next: str = Form("/"),  # noqa: A002
          archive: Archive = Depends(get_archive)) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return _form(request, next, 403, "The login form expired; try again.")
    address = request.client.host if request.client else None
    try:
        user = authenticate(archive, username, password, address)
    except LoginThrottled as error:
        return _form(request, next, 429,
                     f"Too many failed logins: try again in {error.minutes} minutes.")
    if user is None:
        return _form(request, next, 401, "Wrong user name or password.")
    end_session(archive, request.cookies.get(COOKIE))
    hours = float(request.app.state.config.sections.get("web", {}).get("session_hours", 12))
    token = start_session(archive, user, hours)
    target = _safe_next(next)
    response = RedirectResponse(HOME.get(user.role, "/") if target == "/" else target, 303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="lax", secure=_secure(request),
                        max_age=int(hours * 3600), path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, current: Session = Depends(SIGNED_IN),
           archive: Archive = Depends(get_archive)) -> Response:
    end_session(archive, request.cookies.get(COOKIE))
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/", include_in_schema=False)
def home(current: Session = Depends(SIGNED_IN)) -> Response:
    return RedirectResponse(HOME.get(current.user.role, "/queue"), 303)


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(request: Request, current: Session = Depends(SIGNED_IN)) -> dict[str, Any]:
    """The API's OpenAPI schema, like every other route behind a login."""
    return request.app.openapi()


@router.get("/api/me")
def me(current: Session = Depends(SIGNED_IN)) -> dict[str, str]:
    """Who is logged in, with which role, and the CSRF token to send on writes."""
    return {"username": current.user.username, "role": current.user.role, "csrf": current.csrf}
