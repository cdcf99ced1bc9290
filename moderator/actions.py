"""Platform actions (hide, unhide): record the intent, then send, then record the result.

In dry-run an action is recorded with status ``would`` and nothing is sent. Otherwise it moves
``pending`` -> ``sending`` -> ``done`` | ``failed`` (or ``cancelled`` when a moderator reverses
it before it was sent). The ``sending`` mark is committed before the request, so after a crash
we know a request may have gone out and check what the platform shows before sending again.

Every step is a conditional UPDATE whose row count says who won, because the daemon and the
web app (a moderator's decision is sent at once) may both reach for the same action. Before
anything is sent the action and its comment are read again:

- the archive already shows the comment as the action wants it (a later poll saw our request
  land, or staff did it on the platform): ``done`` without a request;
- the comment was deleted on the platform: ``failed`` without a request;
- it is ``sending`` and was marked less than a *lease* ago: another thread or process is
  waiting for the platform's answer; leave it. Once the lease is over, whoever marked it has
  given up or died, and it is sent again. On X, whose API never says whether a reply is
  hidden, this is how an action whose answer was lost in a crash ends: sent once more
  (hiding is idempotent there), confirmed, done.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from moderator import audit
from moderator.archive import Archive
from moderator.comments import to_iso, utcnow
from moderator.errors import SourceError
from moderator.sources import Source
from moderator.sources.http import Retry

logger = logging.getLogger(__name__)

KINDS = ("hide", "unhide")
MAX_ATTEMPTS = 5
_SELECT = ("SELECT a.*, c.comment_id, c.visibility, c.page_key FROM actions a "
           "JOIN comments c ON c.id = a.comment ")


def lease_seconds(api_timeout: float, retry: Retry | None = None) -> float:
    """How long one send may take at most (every try timing out, every wait at its longest),
    plus a margin: a ``sending`` mark younger than this belongs to a live sender."""
    retry = retry or Retry()
    waits = sum(min(retry.cap, retry.base * 2 ** n) for n in range(retry.attempts - 1))
    return retry.attempts * api_timeout + waits + 5.0


DEFAULT_LEASE = lease_seconds(30.0)


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


def open_action(archive: Archive, comment: int, kind: str) -> int | None:
    """The id of an action of ``kind`` on a comment that is still to be sent, if any."""
    row = archive.one("SELECT id FROM actions WHERE comment = ? AND kind = ? AND status IN "
                      "('pending', 'sending') ORDER BY id LIMIT 1", [comment, kind])
    return None if row is None else int(row["id"])


@dataclass
class Sent:
    done: int = 0
    failed: int = 0
    retry: int = 0


def _finish(archive: Archive, action: dict[str, Any], status: str,
            error: str | None = None) -> bool:
    """Record how an action ended, if nobody changed it since ``action`` was read."""
    now = utcnow()
    with archive.write():
        cursor = archive.db.execute(
            "UPDATE actions SET status = ?, completed_at = ?, error = ? WHERE id = ? AND "
            "status = ? AND attempts = ?",
            [status, now if status in ("done", "failed") else None, error, action["id"],
             action["status"], action["attempts"]])
        if cursor.rowcount != 1:
            return False
        audit.append(archive, "system", f"action.{status}", f"comment:{action['comment']}",
                     {"action": action["id"], "kind": action["kind"], "rule": action["rule"],
                      "error": error}, at=now)
        if status == "done":
            target = "hidden" if action["kind"] == "hide" else "visible"
            archive.record_visibility(action["comment"], target, now)
    return True


def _claim(archive: Archive, action: dict[str, Any]) -> dict[str, Any] | None:
    """Mark the action ``sending`` unless someone else did first; the row as claimed."""
    now = utcnow()
    with archive.write() as db:
        cursor = db.execute(
            "UPDATE actions SET status = 'sending', attempts = attempts + 1, sent_at = ? "
            "WHERE id = ? AND status = ? AND attempts = ?",
            [now, action["id"], action["status"], action["attempts"]])
    if cursor.rowcount != 1:
        return None
    return {**action, "status": "sending", "attempts": action["attempts"] + 1, "sent_at": now}


def _in_flight(action: dict[str, Any], lease: float) -> bool:
    if action["status"] != "sending" or not action["sent_at"]:
        return False
    return action["sent_at"] > to_iso(datetime.now(UTC) - timedelta(seconds=lease))


def _send(archive: Archive, source: Source, action_id: int, sent: Sent, lease: float) -> None:
    action = archive.one(_SELECT + "WHERE a.id = ? AND a.status IN ('pending', 'sending')",
                         [action_id])
    if action is None:
        return
    target = "hidden" if action["kind"] == "hide" else "visible"
    if action["visibility"] == target:
        how = "confirmed by a later poll" if action["status"] == "sending" else \
            f"already {target} on the platform"
        if _finish(archive, action, "done", how):
            sent.done += 1
        return
    if action["visibility"] == "deleted":
        if _finish(archive, action, "failed", "the comment was deleted on the platform"):
            sent.failed += 1
        return
    if _in_flight(action, lease):
        return
    claimed = _claim(archive, action)
    if claimed is None:
        return
    try:
        source.set_hidden(action["comment_id"], action["kind"] == "hide")
    except SourceError as error:
        _failed(archive, claimed, error, sent)
        return
    if _finish(archive, claimed, "done"):
        sent.done += 1


def _failed(archive: Archive, action: dict[str, Any], error: SourceError, sent: Sent) -> None:
    """Back to pending for another try (later), or failed for good; re-raises auth and
    throttling so the caller stops using the page."""
    retry = not error.permanent and action["attempts"] < MAX_ATTEMPTS
    if error.kind in ("auth", "throttled") or retry:
        with archive.write() as db:
            db.execute("UPDATE actions SET status = 'pending', error = ? WHERE id = ? AND "
                       "status = 'sending' AND attempts = ?",
                       [str(error), action["id"], action["attempts"]])
        if error.kind in ("auth", "throttled"):
            raise error
        sent.retry += 1
    elif _finish(archive, action, "failed", str(error)):
        sent.failed += 1


def run_pending(archive: Archive, source: Source, page_key: str, limit: int = 100,
                lease: float = DEFAULT_LEASE) -> Sent:
    """Send this page's pending actions; raises SourceError for auth or throttling so the
    caller can stop polling the page. Transient failures are retried next cycle."""
    sent = Sent()
    rows = archive.query("SELECT a.id FROM actions a JOIN comments c ON c.id = a.comment "
                         "WHERE c.page_key = ? AND a.status IN ('pending', 'sending') "
                         "ORDER BY a.id LIMIT ?", [page_key, limit])
    for row in rows:
        _send(archive, source, row["id"], sent, lease)
    return sent


def send(archive: Archive, source: Source, action_id: int, lease: float = DEFAULT_LEASE) -> Sent:
    """Send one pending action now (a moderator's decision); raises SourceError like
    :func:`run_pending`."""
    sent = Sent()
    _send(archive, source, action_id, sent, lease)
    return sent
