"""The review queue: items for moderators, their context, and claims.

A comment has at most one open item (``pending`` or ``escalated``). Two moderators never decide
the same item: a claim is a conditional UPDATE whose row count says who won, and it lapses after
:data:`CLAIM_MINUTES` so an abandoned claim does not block the queue.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from moderator.archive import Archive
from moderator.classify import Scores
from moderator.comments import to_iso, utcnow
from moderator.config import RuleBook
from moderator.policy import Decision

CLAIM_MINUTES = 10
SORTS = {
    "oldest": "r.created_at ASC, r.id ASC",
    "newest": "r.created_at DESC, r.id DESC",
    "score": "r.score DESC, r.id ASC",
}
STATUSES = ("pending", "escalated", "decided")
MAX_PAGE = 100
MAX_HOURS = 24 * 365 * 100


def open_item(archive: Archive, comment: int, version: int, page_key: str, decision: Decision,
              scores: Scores, at: str) -> tuple[int, bool]:
    """Open a review item for a comment, or point its open item at the newest version.

    Returns (item id, created). An edited comment keeps its place in the queue.
    """
    reasons = json.dumps([{"rule": h.rule, "score": round(h.score, 4), "threshold": h.threshold,
                           "evidence": list(scores[h.rule].evidence)} for h in decision.hits],
                         ensure_ascii=False)
    top = decision.hits[0] if decision.hits else None
    with archive.write() as db:
        row = db.execute("SELECT id FROM review_items WHERE comment = ? AND status IN "
                         "('pending', 'escalated')", [comment]).fetchone()
        if row:
            db.execute("UPDATE review_items SET version = ?, rule = ?, score = ?, reasons = ? "
                       "WHERE id = ?", [version, decision.rule, top.score if top else None,
                                        reasons, row[0]])
            return int(row[0]), False
        cursor = db.execute(
            "INSERT INTO review_items (comment, version, page_key, rule, score, reasons, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
            [comment, version, page_key, decision.rule, top.score if top else None, reasons, at])
        return int(cursor.lastrowid or 0), True


@dataclass
class Filters:
    """What a moderator narrows the queue to. Every value reaches SQL as a bound parameter."""

    status: str = "pending"
    platform: str | None = None
    page: str | None = None
    post: str | None = None
    rule: str | None = None
    older_than_hours: float | None = None
    sort: str = "oldest"
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            self.status = "pending"
        if self.sort not in SORTS:
            self.sort = "oldest"
        self.limit = max(1, min(int(self.limit), MAX_PAGE))
        self.offset = max(0, min(int(self.offset), 2 ** 63 - 1))
        hours = self.older_than_hours
        if hours is not None and not (math.isfinite(hours) and 0 < hours <= MAX_HOURS):
            self.older_than_hours = None  # not a usable age (NaN, infinite, centuries)

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["r.status = ?"], [self.status]
        for column, value in (("c.platform", self.platform), ("r.page_key", self.page),
                              ("c.post_id", self.post)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.rule:
            clauses.append("EXISTS (SELECT 1 FROM json_each(r.reasons) j "
                           "WHERE json_extract(j.value, '$.rule') = ?)")
            params.append(self.rule)
        if self.older_than_hours:
            moment = datetime.now(UTC) - timedelta(hours=float(self.older_than_hours))
            clauses.append("r.created_at <= ?")
            params.append(to_iso(moment))
        return " AND ".join(clauses), params


_ITEM_COLUMNS = (
    "r.id, r.comment, r.version, r.page_key, r.rule, r.score, r.reasons, r.status, r.created_at, "
    "r.claimed_by, r.claimed_until, r.decided_by, r.decided_at, r.decision, r.note, "
    "c.platform, c.post_id, c.comment_id, c.parent_id, c.author_id, c.author_name, c.text, "
    "c.created_at AS comment_created_at, c.permalink, c.visibility, c.attachment, "
    "c.decision AS comment_decision"
)


def list_items(archive: Archive, filters: Filters) -> tuple[list[dict[str, Any]], int]:
    """One page of items and the total matching, in the requested order."""
    where, params = filters.where()
    base = f"FROM review_items r JOIN comments c ON c.id = r.comment WHERE {where}"
    total = int(archive.scalar(f"SELECT count(*) {base}", params))  # noqa: S608
    rows = archive.query(
        f"SELECT {_ITEM_COLUMNS} {base} ORDER BY {SORTS[filters.sort]} "  # noqa: S608
        "LIMIT ? OFFSET ?", [*params, filters.limit, filters.offset])
    for row in rows:
        row["reasons"] = json.loads(row["reasons"] or "[]")
    return rows, total


def get_item(archive: Archive, item_id: int) -> dict[str, Any] | None:
    row = archive.one(f"SELECT {_ITEM_COLUMNS} FROM review_items r "  # noqa: S608
                      "JOIN comments c ON c.id = r.comment WHERE r.id = ?", [item_id])
    if row:
        row["reasons"] = json.loads(row["reasons"] or "[]")
    return row


@dataclass
class Context:
    """What a moderator needs to judge one comment fairly."""

    post: dict[str, Any] | None
    parent: dict[str, Any] | None
    scores: list[dict[str, Any]]
    author_history: list[dict[str, Any]]
    author_total: int
    history: list[dict[str, Any]] = field(default_factory=list)


def context(archive: Archive, item: dict[str, Any], rules: RuleBook, history_limit: int = 5
            ) -> Context:
    """The post, the parent comment, every rule score with its public wording and evidence, and
    the author's earlier comments with the decisions on them."""
    post = archive.one("SELECT post_id, text, permalink FROM posts WHERE platform = ? AND "
                       "post_id = ?", [item["platform"], item["post_id"]])
    parent = None
    if item["parent_id"]:
        parent = archive.one("SELECT id, author_name, text, visibility FROM comments WHERE "
                             "platform = ? AND comment_id = ?",
                             [item["platform"], item["parent_id"]])
    scores: list[dict[str, Any]] = []
    for row in archive.query("SELECT rule, score, evidence, model_version FROM scores WHERE "
                             "comment = ? AND version = ? ORDER BY score DESC",
                             [item["comment"], item["version"]]):
        if row["rule"] not in rules:
            continue
        rule = rules[row["rule"]]
        flagged = row["score"] >= rule.review and row["score"] > 0
        scores.append({**row, "evidence": json.loads(row["evidence"] or "[]"),
                       "title": rule.title, "wording": rule.wording, "review": rule.review,
                       "act": rule.act, "flagged": flagged,
                       # the page tables flagged rules and the three highest; the rest fold away
                       "shown": flagged or len(scores) < 3})
    author_history: list[dict[str, Any]] = []
    total = 0
    if item["author_id"]:
        params = [item["platform"], item["author_id"], item["comment"]]
        total = int(archive.scalar("SELECT count(*) FROM comments WHERE platform = ? AND "
                                   "author_id = ? AND id != ?", params))
        author_history = archive.query(
            "SELECT id, text, created_at, decision, visibility FROM comments WHERE platform = ? "
            "AND author_id = ? AND id != ? ORDER BY created_at DESC, id DESC LIMIT ?",
            [*params, history_limit])
    history = archive.query(
        "SELECT d.id, d.outcome, d.rule, d.actor_kind, d.actor, d.note, d.decided_at, "
        "a.kind AS action, a.status AS action_status FROM decisions d LEFT JOIN actions a ON "
        "a.decision = d.id WHERE d.comment = ? ORDER BY d.id", [item["comment"]])
    return Context(post, parent, scores, author_history, total, history)


@dataclass(frozen=True)
class Claim:
    ok: bool
    holder: str | None = None
    status: str | None = None


def claim(archive: Archive, item_id: int, username: str, minutes: float = CLAIM_MINUTES, *,
          admin: bool = False) -> Claim:
    """Claim an open item for ``username``; a claim held by someone else and not lapsed wins.
    An escalated item waits for an admin: only an admin's claim takes it (a moderator opening
    it must not lock the admin out)."""
    now = utcnow()
    until = to_iso(datetime.now(UTC) + timedelta(minutes=minutes))
    with archive.write() as db:
        cursor = db.execute(
            "UPDATE review_items SET claimed_by = ?, claimed_until = ? WHERE id = ? AND (status "
            "= 'pending' OR (status = 'escalated' AND ?)) AND (claimed_by IS NULL OR "
            "claimed_by = ? OR claimed_until IS NULL OR claimed_until < ?)",
            [username, until, item_id, admin, username, now])
        if cursor.rowcount == 1:
            return Claim(True, username, None)
        row = db.execute("SELECT claimed_by, status FROM review_items WHERE id = ?",
                         [item_id]).fetchone()
    if row is None:
        return Claim(False)
    return Claim(False, row[0], row[1])


def close_deleted(archive: Archive, comments: list[int], at: str) -> list[tuple[int, int]]:
    """Close the pending items of comments deleted on the platform: there is nothing left to
    hide, and a stale item would hold the oldest-pending alert. An escalated item stays open,
    because a moderator asked an admin to look (a threat deleted by its author still matters).

    Returns (item id, comment id) pairs; the caller audits them in its transaction.
    """
    closed: list[tuple[int, int]] = []
    with archive.write() as db:
        for start in range(0, len(comments), 500):
            chunk = comments[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT id, comment FROM review_items WHERE comment IN ({marks})"  # noqa: S608
            found = db.execute(f"{sql} AND status = 'pending' ORDER BY id", chunk).fetchall()
            db.conn.executemany(
                "UPDATE review_items SET status = 'decided', decided_by = 'system', "
                "decided_at = ?, decision = 'closed', note = 'deleted on the platform', "
                "claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                [(at, row[0]) for row in found])
            closed += [(int(row[0]), int(row[1])) for row in found]
    return closed


def release(archive: Archive, item_id: int, username: str) -> None:
    with archive.write() as db:
        db.execute("UPDATE review_items SET claimed_by = NULL, claimed_until = NULL WHERE id = ? "
                   "AND claimed_by = ?", [item_id, username])


def pending_count(archive: Archive) -> int:
    return int(archive.scalar("SELECT count(*) FROM review_items WHERE status = 'pending'"))


def pending(archive: Archive, limit: int = 50) -> list[dict[str, Any]]:
    """The oldest pending items with their comment (for the CLI and reminders)."""
    rows, _ = list_items(archive, Filters(limit=min(limit, MAX_PAGE)))
    return rows
