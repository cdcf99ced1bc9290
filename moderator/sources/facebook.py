"""A Facebook Page's comments through facebook-sdk's ``GraphAPI`` (see :mod:`.graph`).

Each fetch lists the Page's posts newest first (``/{page-id}/posts``) and reads comments,
replies included (``/{post-id}/comments?filter=stream``), following paging by cursor:

- every post created within ``recheck_hours`` is re-read whole every cycle and named in
  ``Batch.complete_posts``, so the archive sees edits, hides and deletions on it;
- an older post is re-read whole only when the platform says it changed: its ``updated_time``
  or its comment count (``comments.summary``) differs from what the cursor remembers;
- a post never seen before is read whole, whatever its age (the first poll reads the Page's
  whole history);
- only the :data:`TRACKED_POSTS` newest posts (or all those inside the re-check window, if
  more) are listed after the first poll; comments on posts older than that are not checked
  again. This is the documented trade-off between completeness and API calls.

A recent post that vanished from the listing was deleted: it is named complete with no
comments, so its comments are marked deleted (and kept) in the archive. Hiding sets
``is_hidden``; nothing is ever deleted.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from moderator.comments import Batch, Post, make_comment, parse_time, to_iso
from moderator.errors import DataError, SourceError
from moderator.sources.graph import GraphClient
from moderator.sources.http import Retry, obj

if TYPE_CHECKING:
    from moderator.config import Config, Page

logger = logging.getLogger(__name__)

POST_FIELDS = "id,message,created_time,updated_time,permalink_url,comments.limit(0).summary(true)"
COMMENT_FIELDS = "id,message,from,created_time,parent{id},attachment,permalink_url,is_hidden"
#: Posts listed (and remembered in the cursor) on each poll after the first.
TRACKED_POSTS = 300


def _count(post: dict[str, Any]) -> int | None:
    total = obj(obj(post.get("comments")).get("summary")).get("total_count")
    return total if isinstance(total, int) and not isinstance(total, bool) else None


class FacebookSource:
    """Reads one Page; ``fetch`` returns a whole batch or raises SourceError."""

    platform = "facebook"

    def __init__(self, page: Page, config: Config, *, retry: Retry | None = None,
                 page_size: int = 100, tracked_posts: int = TRACKED_POSTS) -> None:
        self.page = page
        self.recheck = dt.timedelta(hours=config.recheck_hours)
        self.tracked_posts = tracked_posts
        self.client = GraphClient(page, config, retry=retry, page_size=page_size)

    def fetch(self, cursor: dict[str, Any] | None) -> Batch:
        """Comments new or changed since ``cursor``; raises SourceError, never half a batch."""
        self.client.session.reset_usage()
        known: dict[str, dict[str, Any]] = dict((cursor or {}).get("posts") or {})
        first = cursor is None
        now = dt.datetime.now(dt.UTC)
        recent_since = to_iso(now - self.recheck)
        batch = Batch()
        listed = self._list_posts(first, recent_since)
        for post in listed:
            batch.posts.append(post["record"])
            memory = known.get(post["id"])
            changed = memory is None or (memory.get("u"), memory.get("n")) != (post["u"],
                                                                                post["n"])
            if first or post["c"] >= recent_since or changed:
                self._read_comments(post["id"], batch)
        listed_ids = {post["id"] for post in listed}
        oldest = min((post["c"] for post in listed), default=None)
        for post_id, memory in known.items():
            vanished = post_id not in listed_ids and oldest is not None and \
                memory.get("c", "") >= max(oldest, recent_since)
            if vanished:
                logger.info("page %s: post %s is gone; its comments are marked deleted",
                            self.page.key, post_id)
                batch.complete_posts.add(post_id)
        remembered = {p["id"]: {"c": p["c"], "u": p["u"], "n": p["n"]} for p in listed}
        for post_id, memory in known.items():
            if post_id not in remembered and post_id not in batch.complete_posts:
                remembered[post_id] = memory
        newest = sorted(remembered.items(), key=lambda item: item[1].get("c", ""), reverse=True)
        keep = max(self.tracked_posts, sum(1 for _, m in newest if m.get("c", "") >= recent_since))
        batch.cursor = {"v": 1, "posts": dict(newest[:keep]), "polled_at": to_iso(now)}
        batch.usage = self.client.session.usage
        return batch

    def _list_posts(self, first: bool, recent_since: str) -> list[dict[str, Any]]:
        """Posts newest first: all of them on the first poll, else the tracked ones and every
        post inside the re-check window."""
        listed: list[dict[str, Any]] = []
        for item in self.client.edge(f"{self.page.account_id}/posts", "listing posts",
                                     fields=POST_FIELDS):
            try:
                post_id = str(item["id"])
                created = parse_time(item.get("created_time")) or ""
                record = Post(self.platform, self.page.account_id, post_id,
                              item.get("message") if isinstance(item.get("message"), str)
                              else None, created or None,
                              item.get("permalink_url") if isinstance(
                                  item.get("permalink_url"), str) else None)
                updated = parse_time(item.get("updated_time"))
            except (KeyError, DataError) as error:
                raise SourceError(f"page {self.page.key}: listing posts: a post the API sent "
                                  f"cannot be used ({error})", kind="transient") from None
            listed.append({"id": post_id, "c": created, "u": updated, "n": _count(item),
                           "record": record})
            if not first and len(listed) >= self.tracked_posts and created < recent_since:
                break
        return listed

    def _read_comments(self, post_id: str, batch: Batch) -> None:
        """Every comment and reply of one post, into ``batch``; the post is complete unless a
        record could not be used (then nothing on it may be inferred deleted)."""
        complete = True
        for item in self.client.edge(f"{post_id}/comments", f"reading comments of {post_id}",
                                     fields=COMMENT_FIELDS, filter="stream",
                                     order="chronological"):
            author = obj(item.get("from"))
            parent = obj(item.get("parent"))
            hidden = item.get("is_hidden", False)
            try:
                batch.comments.append(make_comment({
                    "platform": self.platform, "page_id": self.page.account_id,
                    "post_id": post_id, "comment_id": item.get("id"),
                    "text": item.get("message"), "author_id": author.get("id"),
                    "author_name": author.get("name"), "parent_id": parent.get("id"),
                    "created_at": item.get("created_time"),
                    "permalink": item.get("permalink_url"),
                    "hidden": hidden if isinstance(hidden, bool) else False,
                }, where=f"page {self.page.key}: comment on post {post_id}"))
            except DataError as error:
                batch.errors.append(str(error))
                complete = False
        if complete:
            batch.complete_posts.add(post_id)

    def set_hidden(self, comment_id: str, hidden: bool) -> None:
        """Hide or unhide one comment (``is_hidden``); raises SourceError."""
        what = f"{'hiding' if hidden else 'unhiding'} comment {comment_id}"
        result = self.client.request(comment_id, what,
                                     post_args={"is_hidden": "true" if hidden else "false"})
        if result.get("success") is not True:
            raise SourceError(f"page {self.page.key}: {what}: the API did not confirm it",
                              kind="transient")

    def close(self) -> None:
        self.client.close()


def connect(page: Page, config: Config) -> FacebookSource:
    return FacebookSource(page, config)
