"""What to read on each poll of a Graph API feed (Facebook Page posts, Instagram media).

The cursor remembers each tracked post's creation time and the platform's change signals
(``updated_time`` and comment count for Facebook, ``comments_count`` for Instagram). Each fetch
lists the posts newest first and reads a post's comments whole when

- it was created within ``recheck_hours`` (every poll: edits, hides and deletions show up);
- it is new to the cursor, or its change signals differ from the cursor's;
- it is still in the backfill backlog (see below).

Every post read whole is named in ``Batch.complete_posts``; a recent post that vanished from
the listing is named complete with no comments (its comments are marked deleted, and kept).

**Backfill.** The first poll lists the page's whole history and puts every post in a backlog.
Each fetch reads backlog posts, newest first, until :data:`BACKFILL_BUDGET` comments have been
read (a post is never split), so a page with a million comments is archived over many short
polls, each of which can fail and be retried on its own. Until the backlog is empty every poll
lists the whole history; afterwards only the :data:`TRACKED_POSTS` newest posts (or all those
inside the re-check window, if more) are listed and remembered: comments on posts older than
that are not checked again. This is the documented trade-off between completeness and calls.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from moderator.comments import Batch, ident, parse_time, to_iso
from moderator.errors import DataError, SourceError
from moderator.sources.graph import GraphClient
from moderator.sources.http import Retry

if TYPE_CHECKING:
    from moderator.config import Config, Page

logger = logging.getLogger(__name__)

TRACKED_POSTS = 300
BACKFILL_BUDGET = 20_000
#: Graph's "object does not exist" error code.
GONE = 100


class FeedSource:
    """Shared fetch logic; subclasses list posts and read one post's comments."""

    platform = ""
    cursor_key = "posts"

    def __init__(self, page: Page, config: Config, *, retry: Retry | None = None,
                 page_size: int = 100, tracked_posts: int = TRACKED_POSTS,
                 backfill_budget: int = BACKFILL_BUDGET) -> None:
        self.page = page
        self.recheck = dt.timedelta(hours=config.recheck_hours)
        self.tracked_posts = tracked_posts
        self.backfill_budget = backfill_budget
        self.client = GraphClient(page, config, retry=retry, page_size=page_size)
        self.gone: list[SourceError] = []
        self.skipped: list[str] = []
        self.notes: list[str] = []

    def fetch(self, cursor: dict[str, Any] | None) -> Batch:
        """Comments new or changed since ``cursor``; raises SourceError, never half a batch."""
        self.client.session.reset_usage()
        known: dict[str, dict[str, Any]] = dict((cursor or {}).get(self.cursor_key) or {})
        backlog = set((cursor or {}).get("backlog") or [])
        whole_history = cursor is None or bool(backlog)
        now = dt.datetime.now(dt.UTC)
        recent_since = to_iso(now - self.recheck)
        batch = Batch()
        self.skipped, self.notes = [], []
        listed = self.list_posts(whole_history, recent_since)
        batch.errors += self.skipped
        batch.notes += self.notes
        if cursor is None:
            backlog = {post["id"] for post in listed}
        remembered: dict[str, dict[str, Any]] = {}
        read = 0
        self.gone = []
        for post in listed:
            batch.posts.append(post["record"])
            recent = post["c"] >= recent_since
            if post["id"] in backlog and not recent and read >= self.backfill_budget:
                continue
            if post["id"] in backlog or recent or known.get(post["id"]) != post["memory"]:
                before = len(batch.comments)
                if not self._read_unless_gone(post["id"], batch):
                    continue
                read += len(batch.comments) - before
                backlog.discard(post["id"])
            remembered[post["id"]] = post["memory"]
        if self.gone and len(self.gone) == len(listed):
            raise self.gone[0]  # every post "does not exist": a token problem, not deletions
        if not self.skipped:  # an unreadable listing entry might be a post we know
            reached_end = not listed or not self.enough(listed, whole_history, listed[-1]["c"],
                                                        recent_since)
            self._vanished(known, listed, recent_since, batch, reached_end)
        if whole_history:
            backlog &= {post["id"] for post in listed}
        for post_id, memory in known.items():
            if post_id not in remembered and post_id not in batch.complete_posts:
                remembered[post_id] = memory
        newest = sorted(remembered.items(), key=lambda item: item[1].get("c", ""), reverse=True)
        if not backlog:
            keep = max(self.tracked_posts, sum(1 for _, m in newest if m.get("c", "") >=
                                               recent_since))
            newest = newest[:keep]
        batch.cursor = {"v": 1, self.cursor_key: dict(newest), "polled_at": to_iso(now)}
        if backlog:
            batch.cursor["backlog"] = sorted(backlog)
            logger.info("page %s: backfill read %d comments; %d posts still to read",
                        self.page.key, read, len(backlog))
        batch.usage = self.client.session.usage
        return batch

    def _read_unless_gone(self, post_id: str, batch: Batch) -> bool:
        """Read one post's comments; False if the post vanished after the listing showed it
        (Graph error 100: the object does not exist). The post is then neither complete nor
        remembered anew: the next listing decides whether it is gone, and the rest of this
        fetch goes on instead of failing the whole cycle over one deleted post."""
        try:
            self.read_comments(post_id, batch)
        except SourceError as error:
            if error.code != str(GONE):
                raise
            self.gone.append(error)
            logger.info("page %s: post %s disappeared while it was read; it is checked again "
                        "next poll", self.page.key, post_id)
            batch.complete_posts.discard(post_id)
            return False
        return True

    def _vanished(self, known: dict[str, dict[str, Any]], listed: list[dict[str, Any]],
                  recent_since: str, batch: Batch, reached_end: bool) -> None:
        """Recent posts the listing should have shown and did not: deleted on the platform.
        A listing cut short says nothing about posts older than its oldest one; a listing that
        reached its end would have shown every recent post, the oldest included."""
        listed_ids = {post["id"] for post in listed}
        oldest = min((post["c"] for post in listed), default=None)
        if oldest is None:  # an empty listing is more likely a permission problem
            return
        since = recent_since if reached_end else max(oldest, recent_since)
        for post_id, memory in known.items():
            if post_id not in listed_ids and memory.get("c", "") >= since:
                logger.info("page %s: post %s is gone; its comments are marked deleted",
                            self.page.key, post_id)
                batch.complete_posts.add(post_id)

    def list_posts(self, whole_history: bool, recent_since: str) -> list[dict[str, Any]]:
        """Posts newest first, as ``{"id", "c" (created), "memory", "record"}``."""
        raise NotImplementedError

    def post_fields(self, item: Any, time_key: str, what: str
                    ) -> tuple[str, str, dict[str, Any]] | None:
        """(id, created or "", the item) of one listed post; None when the post has no usable
        id (reported; the rest of the listing is used). A time that cannot be read is left out
        with a note: one odd post must not stop a page from being archived."""
        where = f"page {self.page.key}: {what}"
        if not isinstance(item, dict):
            self.skipped.append(f"{where}: an entry that is not an object")
            return None
        try:
            post_id = ident(item.get("id"), "id", where=where)
        except DataError as error:
            self.skipped.append(str(error))
            return None
        if post_id is None:
            self.skipped.append(f"{where}: an entry without an id")
            return None
        return post_id, self.time(item.get(time_key), f"{where} {post_id}: {time_key}") or "", item

    def time(self, value: Any, where: str) -> str | None:
        try:
            return parse_time(value, field_name=where)
        except DataError as error:
            self.notes.append(f"{error}; archived without it")
            return None

    def read_comments(self, post_id: str, batch: Batch) -> None:
        """Every comment and reply of one post into ``batch``, naming the post complete unless
        a record could not be used."""
        raise NotImplementedError

    def enough(self, listed: list[dict[str, Any]], whole_history: bool, created: str,
               recent_since: str) -> bool:
        """Whether a listing may stop: past the tracked posts and the re-check window."""
        return not whole_history and len(listed) >= self.tracked_posts and created < recent_since

    def close(self) -> None:
        self.client.close()
