"""For operators and their tools: /healthz (Docker HEALTHCHECK, load balancers) and /metrics
(Prometheus). Both answer without a login and carry no comment text and no secrets."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from moderator.archive import Archive
from moderator.errors import ArchiveError
from moderator.health import health

router = APIRouter()


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """No icon: an empty answer, so browsers stop logging a 404 on every page."""
    return Response(status_code=204)


@router.get("/healthz", include_in_schema=False)
def healthz(request: Request) -> JSONResponse:
    """200 while the archive answers (``status`` says whether every page is fine), else 503."""
    try:
        with Archive.open(request.app.state.config.archive, migrate=False) as archive:
            report: dict[str, Any] = health(archive, request.app.state.config.pages)
    except ArchiveError as error:
        return JSONResponse({"status": "down", "error": str(error)}, status_code=503)
    daemon = request.app.state.daemon
    report["daemon"] = {"running": bool(daemon and daemon.scheduler.running),
                        "jobs": daemon.status() if daemon else {}}
    return JSONResponse(report)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    return Response(request.app.state.metrics.render(),
                    media_type="text/plain; version=0.0.4; charset=utf-8")
