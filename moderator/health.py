"""The state of each page and of the queue, for /healthz and `moderator status`."""

from __future__ import annotations

from typing import Any

from moderator.archive import Archive

PAGE_FIELDS = ("key", "platform", "name", "status", "last_poll_at", "last_success_at",
               "last_error_kind", "last_error", "last_error_at", "failures", "backoff_until")


def health(archive: Archive) -> dict[str, Any]:
    """``ok`` when every page polls normally; ``degraded`` when one is failing, throttled or
    waiting for a new token."""
    pages = archive.query(f"SELECT {', '.join(PAGE_FIELDS)} FROM pages ORDER BY key")  # noqa: S608
    queue = archive.one("SELECT count(*) AS pending, min(created_at) AS oldest FROM review_items "
                        "WHERE status = 'pending'")
    alerts = archive.scalar("SELECT count(*) FROM alerts WHERE sent_at IS NULL")
    status = "ok" if all(p["status"] == "ok" for p in pages) else "degraded"
    return {"status": status, "pages": pages, "queue": queue, "unsent_alerts": alerts}
