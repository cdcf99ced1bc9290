"""Who is asking, and may they: sessions, roles and CSRF as FastAPI dependencies.

Every route except login, static files and health declares :func:`require` with its roles.
A state-changing request (anything but GET and HEAD) must carry the session's CSRF token, in the
``csrf_token`` form field or the ``X-CSRF-Token`` header, compared in constant time.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import Depends, HTTPException, Request

from moderator.archive import Archive
from moderator.users import ROLES, Session, session

COOKIE = "moderator_session"
LOGIN_CSRF_COOKIE = "moderator_login_csrf"
SAFE_METHODS = ("GET", "HEAD")


def get_archive(request: Request) -> Iterator[Archive]:
    """One archive connection per request (SQLite connections stay in their thread)."""
    config = request.app.state.config
    archive = Archive.open(config.archive, migrate=False, timeout=config.busy_timeout)
    try:
        yield archive
    finally:
        archive.close()


class LoginRequired(HTTPException):
    def __init__(self) -> None:
        super().__init__(401, "log in first")


async def _csrf_ok(request: Request, expected: str) -> bool:
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    return sent is not None and hmac.compare_digest(sent.encode(), expected.encode())


def require(*roles: str) -> Callable[..., Any]:
    """A dependency that returns the live Session if its user has one of ``roles`` (admins
    always do) and, for state-changing requests, sent the right CSRF token."""
    for role in roles:
        if role not in ROLES:
            raise ValueError(role)

    async def dependency(request: Request,
                         archive: Archive = Depends(get_archive)) -> Session:
        current = session(archive, request.cookies.get(COOKIE))
        if current is None:
            raise LoginRequired()
        if roles and not current.user.can(*roles):
            raise HTTPException(403, f"your role ({current.user.role}) cannot do this")
        if request.method not in SAFE_METHODS and not await _csrf_ok(request, current.csrf):
            raise HTTPException(403, "missing or wrong CSRF token; reload the page and retry")
        request.state.session = current
        return current

    dependency.roles = roles  # type: ignore[attr-defined]
    return dependency
