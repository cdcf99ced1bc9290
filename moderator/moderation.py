"""What moderators decide, and its effects on the platform, the audit log and the labels.

Decisions on review items: ``keep`` (visible), ``hide`` (must cite a published rule),
``escalate`` (to an admin, with a note) and ``undo`` (the last decision on an item goes back to
the queue; undoing a hide unhides). On automatic actions: ``confirm`` or ``reverse``. Every
decision is a row in ``decisions`` (the label ``moderator train`` learns from), an audit entry
with the model version and scores, and, for hide and unhide, a platform action that is sent at
once or recorded as "would" in dry-run. Nothing is overwritten: an undo is a new decision.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database, Migrations

from moderator import actions, audit, queue
from moderator.archive import Archive
from moderator.comments import to_iso, utcnow
from moderator.config import Config
from moderator.errors import DataError, NotFound, SourceError
from moderator.sources import connect
from moderator.users import User

logger = logging.getLogger(__name__)

DECISIONS = ("keep", "hide", "escalate")
MAX_NOTE = 2000

migrations = Migrations("moderator.moderation")


@migrations()
def m001_action_reviews(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE actions ADD COLUMN review TEXT;
        ALTER TABLE actions ADD COLUMN reviewed_by TEXT;
        ALTER TABLE actions ADD COLUMN reviewed_at TEXT;
        CREATE INDEX actions_auto ON actions(requested_by, kind, review);
        CREATE INDEX decisions_actor ON decisions(actor_kind, decided_at);
        CREATE INDEX decisions_review_item ON decisions(review_item);
        """
    )


@dataclass
class Result:
    """How one decision went, for a flash message or a JSON answer."""

    item: int
    ok: bool
    message: str
    decision: int | None = None
    action: int | None = None
    action_status: str | None = None
    refusal: str = "conflict"  # why not ok: conflict (the item's state), forbidden, missing

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "refusal"}

    @property
    def http_status(self) -> int:
        """200 when done; 403 when this user may not do it; 404 for no such item; 409 when the
        item's state refuses (someone else holds or decided it)."""
        if self.ok:
            return 200
        return {"forbidden": 403, "missing": 404}.get(self.refusal, 409)


def _note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DataError(f"note too long: at most {MAX_NOTE} characters")
    return note or None


def _scores(archive: Archive, comment: int, version: int) -> tuple[str | None, dict[str, float]]:
    rows = archive.query("SELECT rule, score, model_version FROM scores WHERE comment = ? AND "
                         "version = ?", [comment, version])
    model = rows[0]["model_version"] if rows else None
    return model, {r["rule"]: round(r["score"], 4) for r in rows if r["score"] > 0}


def _refusal(archive: Archive, item_id: int, user: User) -> Result:
    row = archive.one("SELECT status, claimed_by, decided_by FROM review_items WHERE id = ?",
                      [item_id])
    if row is None:
        return Result(item_id, False, f"item {item_id} does not exist", refusal="missing")
    if row["status"] == "decided":
        return Result(item_id, False, f"item {item_id} was already decided by {row['decided_by']}")
    if row["status"] == "escalated" and user.role != "admin":
        return Result(item_id, False, f"item {item_id} is escalated: an admin decides it",
                      refusal="forbidden")
    return Result(item_id, False, f"item {item_id} is held by {row['claimed_by']}")


def _send_now(archive: Archive, config: Config, action_id: int, page_key: str) -> str:
    """Send a moderator's action at once; if the platform fails, the daemon retries it."""
    try:
        page = config.page(page_key)
        source = connect(page, config)
        try:
            actions.send(archive, source, action_id,
                         lease=actions.lease_seconds(config.api_timeout))
        finally:
            source.close()
    except SourceError as error:
        logger.warning("action %s: the platform did not take it yet (%s)", action_id, error.kind)
    row = archive.one("SELECT status FROM actions WHERE id = ?", [action_id])
    return row["status"] if row else "pending"


def decide(archive: Archive, config: Config, item_id: int, user: User, decision: str,
           rule: str | None = None, note: str | None = None) -> Result:
    """Apply one moderator's decision to one review item.

    Raises DataError for a decision the rules do not allow (hide without a published rule,
    escalate without a note); returns ``ok=False`` when someone else holds or decided the item.
    """
    if decision not in DECISIONS:
        raise DataError(f"decision {decision!r}: use keep, hide or escalate")
    note = _note(note)
    if decision == "hide" and (not rule or rule not in config.rules):
        raise DataError("hide must cite one of the published rules")
    if decision != "hide":
        rule = None
    if decision == "escalate" and not note:
        raise DataError("escalate needs a note for the admin")
    now = utcnow()
    new_status = "escalated" if decision == "escalate" else "decided"
    with archive.write() as db:
        cursor = db.execute(
            "UPDATE review_items SET status = ?, decided_by = ?, decided_at = ?, decision = ?, "
            "note = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND (status = "
            "'pending' OR (status = 'escalated' AND ?)) AND (claimed_by IS NULL OR "
            "claimed_by = ? OR claimed_until IS NULL OR claimed_until < ?)",
            [new_status, user.username, now, decision, note, item_id, user.role == "admin",
             user.username, now])
        if cursor.rowcount != 1:
            return _refusal(archive, item_id, user)
        item = archive.one("SELECT r.comment, r.version, c.page_key FROM review_items r JOIN "
                           "comments c ON c.id = r.comment WHERE r.id = ?", [item_id])
        assert item is not None
        decision_id = archive.record_decision(item["comment"], item["version"], decision, rule,
                                              actor_kind="user", actor=user.username, at=now,
                                              note=note, review_item=item_id)
        action_id = None
        if decision == "hide":
            action_id = actions.request(archive, item["comment"], "hide", rule=rule,
                                        dry_run=config.dry_run, requested_by=user.username,
                                        at=now, decision=decision_id)
        model, scores = _scores(archive, item["comment"], item["version"])
        audit.append(archive, user.username, f"review.{decision}", f"comment:{item['comment']}",
                     {"item": item_id, "version": item["version"], "rule": rule, "note": note,
                      "model_version": model, "scores": scores, "action": action_id}, at=now)
    status = None
    if action_id is not None:
        status = "would" if config.dry_run else _send_now(archive, config, action_id,
                                                          item["page_key"])
    message = _message(decision, rule, status)
    if status == "failed":  # for good, not to be retried: say why rather than "will retry"
        error = archive.scalar("SELECT error FROM actions WHERE id = ?", [action_id])
        message = f"hide recorded, citing {rule}, but not sent: {error or 'the platform refused'}"
    return Result(item_id, True, message, decision_id, action_id, status)


def _message(decision: str, rule: str | None, status: str | None) -> str:
    if decision == "hide":
        done = {"would": "would hide (dry run)", "done": "hidden on the platform"}
        return f"{done.get(status or '', 'hide requested; the daemon will retry')}, citing {rule}"
    if decision == "unhide" and status == "would":
        return "undone; would unhide (dry run)"
    return {"keep": "kept visible", "escalate": "escalated to an admin",
            "undo": "undone; back in the queue", "unhide": "undone; unhide requested"}[decision]


def decide_many(archive: Archive, config: Config, item_ids: Iterable[int], user: User,
                decision: str, rule: str | None = None, note: str | None = None) -> list[Result]:
    """One decision applied to several items, each claimed separately."""
    return [decide(archive, config, item_id, user, decision, rule, note)
            for item_id in dict.fromkeys(item_ids)]


def undo(archive: Archive, config: Config, item_id: int, user: User) -> Result:
    """Put a decided or escalated item back in the queue; undoing a hide unhides the comment."""
    now = utcnow()
    with archive.write() as db:
        last = archive.one(
            "SELECT d.id, d.outcome, d.rule, d.actor, r.comment, r.version, r.status, c.page_key "
            "FROM review_items r JOIN comments c ON c.id = r.comment LEFT JOIN decisions d ON "
            "d.review_item = r.id AND d.actor_kind = 'user' WHERE r.id = ? ORDER BY d.id DESC "
            "LIMIT 1", [item_id])
        if last is None:
            raise NotFound(f"item {item_id} does not exist")
        if last["status"] not in ("decided", "escalated") or last["outcome"] not in DECISIONS:
            return Result(item_id, False, f"item {item_id} has no decision to undo")
        if last["actor"] != user.username and user.role != "admin":
            return Result(item_id, False, f"only {last['actor']} or an admin can undo this",
                          refusal="forbidden")
        # the undoer holds the item for a normal claim's time, then it is anyone's again
        until = to_iso(datetime.now(UTC) + timedelta(minutes=queue.CLAIM_MINUTES))
        db.execute("UPDATE review_items SET status = 'pending', decided_by = NULL, "
                   "decided_at = NULL, decision = NULL, claimed_by = ?, claimed_until = ? "
                   "WHERE id = ?", [user.username, until, item_id])
        outcome = "unhide" if last["outcome"] == "hide" else "undo"
        decision_id = archive.record_decision(last["comment"], last["version"], outcome, None,
                                              actor_kind="user", actor=user.username, at=now,
                                              note=f"undoes decision {last['id']}",
                                              review_item=item_id)
        action_id = None
        if outcome == "unhide":
            cancelled = actions.cancel_pending(archive, last["comment"], "hide", user.username)
            if not cancelled:
                action_id = actions.request(archive, last["comment"], "unhide", rule=None,
                                            dry_run=config.dry_run, requested_by=user.username,
                                            at=now, decision=decision_id)
        audit.append(archive, user.username, "review.undo", f"comment:{last['comment']}",
                     {"item": item_id, "undoes": last["id"], "was": last["outcome"],
                      "action": action_id}, at=now)
    status = None
    if action_id is not None:
        status = "would" if config.dry_run else _send_now(archive, config, action_id,
                                                          last["page_key"])
    return Result(item_id, True, _message(outcome, None, status), decision_id, action_id, status)


def auto_actions(archive: Archive, *, reviewed: bool = False, limit: int = 50,
                 offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Hides the daemon decided on its own, for moderators to confirm or reverse."""
    total = int(archive.scalar(
        "SELECT count(*) FROM actions a WHERE a.requested_by = 'system' AND a.kind = 'hide' "
        "AND (a.review IS NOT NULL) = ?", [reviewed]))
    rows = archive.query(
        "SELECT a.id, a.comment, a.rule, a.status, a.dry_run, a.requested_at, a.review, "
        "a.reviewed_by, a.reviewed_at, c.platform, c.page_key, c.author_name, c.text, "
        "c.permalink, c.visibility, c.versions FROM actions a JOIN comments c ON "
        "c.id = a.comment WHERE a.requested_by = 'system' AND a.kind = 'hide' AND "
        "(a.review IS NOT NULL) = ? ORDER BY a.id DESC LIMIT ? OFFSET ?",
        [reviewed, limit, offset])
    return rows, total


def review_auto_action(archive: Archive, config: Config, action_id: int, user: User,
                       verdict: str, note: str | None = None) -> Result:
    """``confirm`` an automatic hide (a label for its rule) or ``reverse`` it (unhide)."""
    if verdict not in ("confirm", "reverse"):
        raise DataError(f"verdict {verdict!r}: use confirm or reverse")
    note = _note(note)
    now = utcnow()
    with archive.write() as db:
        cursor = db.execute(
            "UPDATE actions SET review = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ? AND "
            "requested_by = 'system' AND kind = 'hide' AND review IS NULL",
            [verdict, user.username, now, action_id])
        if cursor.rowcount != 1:
            row = archive.one("SELECT reviewed_by FROM actions WHERE id = ? AND requested_by = "
                              "'system' AND kind = 'hide'", [action_id])
            if row is None:  # no such action, or a person's: not an automatic hide
                raise NotFound(f"automatic action {action_id} does not exist")
            return Result(action_id, False, f"already reviewed by {row['reviewed_by']}")
        action = archive.one("SELECT a.comment, a.rule, c.versions, c.page_key FROM actions a "
                             "JOIN comments c ON c.id = a.comment WHERE a.id = ?", [action_id])
        assert action is not None
        rule = action["rule"] if verdict == "confirm" else None
        decision_id = archive.record_decision(action["comment"], action["versions"], verdict,
                                              rule, actor_kind="user", actor=user.username,
                                              at=now, note=note)
        unhide = None
        if verdict == "reverse" and not actions.cancel_pending(archive, action["comment"],
                                                                "hide", user.username):
            unhide = actions.request(archive, action["comment"], "unhide", rule=None,
                                     dry_run=config.dry_run, requested_by=user.username, at=now,
                                     decision=decision_id)
        audit.append(archive, user.username, f"auto_action.{verdict}",
                     f"comment:{action['comment']}", {"action": action_id, "rule": action["rule"],
                                                      "note": note, "unhide": unhide}, at=now)
    status = None
    if unhide is not None:
        status = "would" if config.dry_run else _send_now(archive, config, unhide,
                                                          action["page_key"])
    message = "confirmed" if verdict == "confirm" else (
        "reversed; " + ("would unhide (dry run)" if status == "would" else "unhide requested"))
    return Result(action_id, True, message, decision_id, unhide, status)
