"""The state of each page and of the queue, for /healthz and `moderator status`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from moderator.archive import Archive
from moderator.config import Page

PAGE_FIELDS = ("key", "platform", "name", "status", "last_poll_at", "last_success_at",
               "last_error_kind", "last_error", "last_error_at", "failures", "backoff_until")


def health(archive: Archive, configured: Sequence[Page] = ()) -> dict[str, Any]:
    """``ok`` when every page polls normally; ``degraded`` when one is failing, throttled or
    waiting for a new token; ``starting`` while a configured page has never been polled (an
    empty table must not read as "ok")."""
    pages = archive.query(f"SELECT {', '.join(PAGE_FIELDS)} FROM pages ORDER BY key")  # noqa: S608
    known = {p["key"] for p in pages}
    waiting = [{**dict.fromkeys(PAGE_FIELDS), "key": page.key, "platform": page.platform,
                "name": page.name, "status": "never polled", "failures": 0}
               for page in configured if page.key not in known]
    pages = sorted(pages + waiting, key=lambda p: p["key"])
    queue = archive.one("SELECT count(*) AS pending, min(created_at) AS oldest FROM review_items "
                        "WHERE status = 'pending'")
    alerts = archive.scalar("SELECT count(*) FROM alerts WHERE sent_at IS NULL")
    failing = [p for p in pages if p["status"] not in ("ok", "never polled")]
    status = "degraded" if failing else "starting" if waiting else "ok"
    return {"status": status, "pages": pages, "queue": queue, "unsent_alerts": alerts}
