"""Small archives for the records tests, built through the real Archive API."""

from __future__ import annotations

from typing import Any

from conftest import comment

from moderator import actions
from moderator.archive import Archive
from moderator.comments import Batch, make_comment

OLD = "2023-01-10T09:00:00Z"


def ingest(archive: Archive, *lines: dict[str, Any], at: str = OLD, page: str = "city") -> None:
    archive.ingest(page, Batch(comments=[make_comment(line) for line in lines]), seen_at=at)


def rowid(archive: Archive, comment_id: str) -> int:
    row = archive.find_comment("facebook", comment_id)
    assert row is not None
    return int(row["id"])


def hide_under(archive: Archive, comment_id: str, rule: str, at: str = OLD) -> int:
    """The system decides to hide a comment under ``rule`` (dry run), with evidence."""
    cid = rowid(archive, comment_id)
    archive.register_model("keywords-1", "keywords")
    archive.record_scores([(cid, 1, rule, 0.97, ["watch your back"])], "keywords-1", at)
    decision = archive.record_decision(cid, 1, "act", rule, actor_kind="system",
                                       actor="keywords-1", at=at)
    actions.request(archive, cid, "hide", rule=rule, dry_run=True, requested_by="system", at=at,
                    decision=decision)
    return cid


def bulk(archive: Archive, count: int, *, edit_every: int = 10, at: str = OLD) -> None:
    """``count`` comments on three posts, every ``edit_every``-th edited once (two versions)."""
    lines = [comment(f"b{i}", f"Comment number {i} about the budget; ünïcode ☂ {i * 7}",
                     post_id=f"p{i % 3}", author_id=f"u{i % 97}",
                     author_name=f"Resident {i % 97}", created_at=f"2023-01-{1 + i % 28:02d}"
                     "T08:00:00Z", permalink=f"https://facebook.com/c/b{i}")
             for i in range(count)]
    ingest(archive, *lines, at=at)
    edited = [dict(line, text=line["text"] + " (edited)", edited_at="2023-02-01T00:00:00Z")
              for line in lines[::edit_every]]
    ingest(archive, *edited, at="2023-02-02T00:00:00Z")
