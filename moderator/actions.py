"""Platform actions (hide, unhide): record the intent, then send, then record the result.

In dry-run an action is recorded with status ``would`` and nothing is sent. Otherwise it moves
``pending`` -> ``sending`` -> ``done`` | ``failed`` (or ``cancelled`` when a moderator reverses
it before it was sent). The ``sending`` mark is committed before the request, so after a crash
we know a request may have gone out and check what the platform shows before sending again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from moderator import audit
from moderator.archive import Archive
from moderator.comments import utcnow
from moderator.errors import SourceError
from moderator.sources import Source

logger = logging.getLogger(__name__)

KINDS = ("hide", "unhide")
MAX_ATTEMPTS = 5
_SELECT = ("SELECT a.*, c.comment_id, c.visibility, c.page_key FROM actions a "
           "JOIN comments c ON c.id = a.comment ")


def request(archive: Archive, comment: int, kind: str, *, rule: str | None, dry_run: bool,
            requested_by: str, at: str, decision: int | None = None) -> int:
    """Record that ``kind`` should happen to a comment; returns the action id."""
    if kind not in KINDS:
        raise ValueError(kind)
    with archive.write() as db:
        cursor = db.execute(
            "INSERT INTO actions (comment, decision, kind, rule, status, dry_run, requested_by, "
            "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [comment, decision, kind, rule, "would" if dry_run else "pending", int(dry_run),
             requested_by, at])
        return int(cursor.lastrowid or 0)


def cancel_pending(archive: Archive, comment: int, kind: str, by: str) -> int:
    """Cancel actions of ``kind`` on a comment that were not sent yet; returns how many."""
    with archive.write() as db:
        cursor = db.execute("UPDATE actions SET status = 'cancelled', completed_at = ?, "
                            "error = ? WHERE comment = ? AND kind = ? AND status = 'pending'",
                            [utcnow(), f"cancelled by {by}", comment, kind])
        return int(cursor.rowcount)


@dataclass
class Sent:
    done: int = 0
    failed: int = 0
    retry: int = 0


def _finish(archive: Archive, action: dict[str, Any], status: str,
            error: str | None = None) -> None:
    now = utcnow()
    with archive.write():
        archive.db.execute(
            "UPDATE actions SET status = ?, completed_at = ?, error = ? WHERE id = ?",
            [status, now if status in ("done", "failed") else None, error, action["id"]])
        audit.append(archive, "system", f"action.{status}", f"comment:{action['comment']}",
                     {"action": action["id"], "kind": action["kind"], "rule": action["rule"],
                      "error": error}, at=now)
        if status == "done":
            target = "hidden" if action["kind"] == "hide" else "visible"
            archive.record_visibility(action["comment"], target, now)


def _send(archive: Archive, source: Source, action: dict[str, Any], sent: Sent) -> None:
    target = "hidden" if action["kind"] == "hide" else "visible"
    if action["status"] == "sending" and action["visibility"] == target:
        _finish(archive, action, "done", "confirmed by a later poll")
        sent.done += 1
        return
    with archive.write() as db:
        db.execute("UPDATE actions SET status = 'sending', attempts = attempts + 1, "
                   "sent_at = ? WHERE id = ?", [utcnow(), action["id"]])
    try:
        source.set_hidden(action["comment_id"], action["kind"] == "hide")
    except SourceError as error:
        retry = not error.permanent and action["attempts"] + 1 < MAX_ATTEMPTS
        if error.kind in ("auth", "throttled") or retry:
            with archive.write() as db:
                db.execute("UPDATE actions SET status = 'pending', error = ? WHERE id = ?",
                           [str(error), action["id"]])
            if error.kind in ("auth", "throttled"):
                raise
            sent.retry += 1
        else:
            _finish(archive, action, "failed", str(error))
            sent.failed += 1
        return
    _finish(archive, action, "done")
    sent.done += 1


def run_pending(archive: Archive, source: Source, page_key: str, limit: int = 100) -> Sent:
    """Send this page's pending actions; raises SourceError for auth or throttling so the
    caller can stop polling the page. Transient failures are retried next cycle."""
    sent = Sent()
    rows = archive.query(_SELECT + "WHERE c.page_key = ? AND a.status IN ('pending', 'sending') "
                         "ORDER BY a.id LIMIT ?", [page_key, limit])
    for action in rows:
        _send(archive, source, action, sent)
    return sent


def send(archive: Archive, source: Source, action_id: int) -> Sent:
    """Send one pending action now (a moderator's decision); raises SourceError like
    :func:`run_pending`."""
    sent = Sent()
    rows = archive.query(_SELECT + "WHERE a.id = ? AND a.status IN ('pending', 'sending')",
                         [action_id])
    for action in rows:
        _send(archive, source, action, sent)
    return sent
