"""A comment's full history: everything the archive knows about one comment, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from moderator.archive import Archive
from moderator.errors import NotFound
from moderator.records.holds import Hold, active_holds
from moderator.records.search import matches

Row = dict[str, Any]


@dataclass
class History:
    """One comment with its versions, scores, decisions, actions, review items, audit entries,
    the active holds covering it and its disposition (if it was disposed of)."""

    comment: Row
    versions: list[Row] = field(default_factory=list)
    scores: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    review_items: list[Row] = field(default_factory=list)
    audit: list[Row] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)
    dispositions: list[Row] = field(default_factory=list)
    post: Row | None = None

    @property
    def id(self) -> int:
        return int(self.comment["id"])


def history(archive: Archive, comment: int) -> History:
    """Everything about archive comment ``comment``; raises NotFound if there is no such id."""
    row = archive.comment(comment)
    if row is None:
        raise NotFound(f"comment {comment}: no such archive id; `moderator records search` "
                       "shows the ids")
    by_comment = [comment]
    found = History(comment=row)
    found.versions = archive.versions(comment)
    found.scores = archive.query("SELECT * FROM scores WHERE comment = ? ORDER BY version, "
                                 "rule, id", by_comment)
    found.decisions = archive.query("SELECT * FROM decisions WHERE comment = ? ORDER BY id",
                                    by_comment)
    found.actions = archive.query("SELECT * FROM actions WHERE comment = ? ORDER BY id",
                                  by_comment)
    found.review_items = archive.query("SELECT * FROM review_items WHERE comment = ? "
                                       "ORDER BY id", by_comment)
    found.audit = archive.query("SELECT * FROM audit_log WHERE subject = ? ORDER BY id",
                                [f"comment:{comment}"])
    found.dispositions = archive.query("SELECT * FROM disposition_log WHERE comment = ? "
                                       "ORDER BY id", by_comment)
    found.holds = [hold for hold in active_holds(archive)
                   if matches(archive, hold.scope, by_comment)]
    found.post = archive.one("SELECT * FROM posts WHERE platform = ? AND post_id = ?",
                             [row["platform"], row["post_id"]])
    return found
