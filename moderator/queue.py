"""The review queue: items for moderators, one open item per comment at most."""

from __future__ import annotations

import json
from typing import Any

from moderator.archive import Archive
from moderator.classify import Scores
from moderator.policy import Decision


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


def pending_count(archive: Archive) -> int:
    return int(archive.scalar("SELECT count(*) FROM review_items WHERE status = 'pending'"))


def pending(archive: Archive, limit: int = 50) -> list[dict[str, Any]]:
    return archive.query(
        "SELECT r.*, c.text, c.author_name, c.platform, c.comment_id FROM review_items r "
        "JOIN comments c ON c.id = r.comment WHERE r.status = 'pending' "
        "ORDER BY r.created_at, r.id LIMIT ?", [limit])
