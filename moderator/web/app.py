"""The web app: moderators' queue, records pages, admin pages and a JSON API, over the library.

One error shape: pages under /api answer ``{"error": {"status": ..., "message": ...}}``, other
pages render error.html (or redirect to the login page for 401). Every response carries a strict
Content-Security-Policy: no inline script or style, so text that slipped through escaping still
could not run.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from moderator import __version__
from moderator.config import Config
from moderator.errors import ConfigError, DataError, ModeratorError, NotFound

if TYPE_CHECKING:
    from moderator.metrics import Metrics
    from moderator.scheduler import Daemon

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
#: The largest integer SQLite stores: a bigger id or offset in a URL is a clean 422, not a 500.
MAX_INT = 2 ** 63 - 1
#: An archive id in a URL (review item, action, comment, hold).
Id = Annotated[int, PathParam(ge=0, le=MAX_INT)]
#: How many rows a listing skips.
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def safe_url(value: object) -> str:
    """Only http(s) links from platform data reach an href; anything else becomes '#'."""
    if not isinstance(value, str) or len(value) > 2048:
        return "#"
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return "#"
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else "#"


def from_json(value: object) -> dict[str, Any]:
    """A JSON object stored in the archive, or {} if it is not one (never trusted further)."""
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def clip(value: object, limit: int = 300) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters.update(safe_url=safe_url, clip=clip, quote=lambda v: quote(str(v), safe=""),
                       from_json=from_json)
    env.globals["version"] = __version__
    return env


def query_with(request: Request, **changes: object) -> str:
    """This page's query string with some parameters replaced (and the flash message dropped)."""
    params = {k: v for k, v in request.query_params.items() if k != "flash"}
    params.update({k: str(v) for k, v in changes.items()})
    return "?" + urlencode(params)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = getattr(request.state, "session", None)
    context.setdefault("flash", request.query_params.get("flash", "")[:300])
    html = request.app.state.templates.get_template(name).render(
        request=request, session=session, user=session.user if session else None,
        csrf=session.csrf if session else "", agency=request.app.state.config.agency,
        dry_run=request.app.state.config.dry_run,
        query_with=lambda **changes: query_with(request, **changes), **context)
    return HTMLResponse(html, status_code=status)


def redirect_back(back: str, message: str, default: str = "/queue") -> Response:
    """Post/redirect/get to a local page, with a one-line message for the flash bar."""
    target = back if back.startswith("/") and not back.startswith(("//", "/\\")) else default
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{joiner}flash={quote(message[:300], safe='')}", 303)


def _local_referer(request: Request) -> str:
    """The path and query of the Referer header if it is a page of this site, else ""."""
    parts = urlsplit(request.headers.get("referer", ""))
    if parts.netloc != request.url.netloc or not parts.path.startswith("/") or \
            parts.path.startswith(("//", "/\\")):
        return ""
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("flash="))
    return parts.path + (f"?{query}" if query else "")


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method not in ("GET", "HEAD"):
            # a form sent after the session ended: after logging in, the browser would GET the
            # form's action (405) and the decision would vanish; go back to the page it came
            # from instead, and say it was not saved
            target = _local_referer(request) or "/queue"
            target += ("&" if "?" in target else "?") + "flash=" + quote(
                "Your session had ended, so that was not saved; please do it again.", safe="")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    return render(request, "error.html", status=status, status_code=status, message=message)


WEB_KEYS: dict[str, type | tuple[type, ...]] = {"secure_cookies": bool,
                                                "session_hours": (int, float)}


def check_web_settings(config: Config) -> dict[str, Any]:
    """Validate the [web] table at start-up; raises ConfigError naming the key."""
    web = dict(config.sections.get("web") or {})
    for key, value in web.items():
        kind = WEB_KEYS.get(key)
        if kind is None:
            raise ConfigError(f"{config.path}: web.{key}: unknown setting; use "
                              f"{', '.join(sorted(WEB_KEYS))}")
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise ConfigError(f"{config.path}: web.{key}: {value!r} is not valid; see "
                              "config/moderator.example.toml")
    if not 0 < float(web.get("session_hours", 12)) <= 24 * 30:
        raise ConfigError(f"{config.path}: web.session_hours: use a number of hours between 0 "
                          "and 720")
    return web


def create_app(config: Config, *, metrics: Metrics | None = None,
               daemon: Daemon | None = None) -> FastAPI:
    """The app for one configuration; routes open the archive per request. With ``metrics``
    and ``daemon`` (``moderator run --web``) /metrics and /healthz report the daemon too."""
    from moderator.metrics import Metrics
    from moderator.web import admin, login, ops, queue, records

    check_web_settings(config)
    app = FastAPI(title="moderator", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url=None)  # served by login.py, to signed-in staff only
    app.state.config = config
    app.state.metrics = metrics or Metrics(config.archive)
    app.state.daemon = daemon
    app.state.templates = templates()
    app.state.secret = secrets.token_urlsafe(16)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error(request, 422, f"{where}: {first.get('msg', 'invalid input')}")

    @app.exception_handler(ModeratorError)
    async def moderator_error(request: Request, error: ModeratorError) -> Response:
        status = 404 if isinstance(error, NotFound) else 400 if isinstance(error, DataError) \
            else 500
        return _error(request, status, str(error))

    @app.exception_handler(sqlite3.OperationalError)
    async def archive_busy(request: Request, error: sqlite3.OperationalError) -> Response:
        logger.warning("%s %s: the archive cannot be used now: %s", request.method,
                       request.url.path, error)
        return _error(request, 503, "the archive is busy (another process is writing) or its "
                      "disk is full; nothing was changed, try again in a moment")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error; the details are in the server log")

    for module in (login, queue, admin, ops, records):
        app.include_router(module.router)
    return app
