"""A Facebook Page's comments through facebook-sdk's ``GraphAPI`` (see :mod:`.graph`).

Each fetch lists the Page's posts newest first (``/{page-id}/posts`` with ``updated_time`` and
``comments.limit(0).summary(true)``, the change signals) and reads comments, replies included
(``/{post-id}/comments?filter=stream``), following paging by cursor. Which posts are read on
each poll (the re-check window, change signals, backfill) is decided in :mod:`.feed`. Hiding
sets ``is_hidden``; nothing is ever deleted.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from moderator.comments import Batch, Post, clean_text, make_comment
from moderator.errors import DataError, SourceError
from moderator.sources.feed import FeedSource
from moderator.sources.http import obj

if TYPE_CHECKING:
    from moderator.config import Config, Page

logger = logging.getLogger(__name__)

POST_FIELDS = "id,message,created_time,updated_time,permalink_url,comments.limit(0).summary(true)"
COMMENT_FIELDS = "id,message,from,created_time,parent{id},attachment,permalink_url,is_hidden"


def _count(post: dict[str, Any]) -> int | None:
    total = obj(obj(post.get("comments")).get("summary")).get("total_count")
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return clean_text(value) if isinstance(value, str) else None


class FacebookSource(FeedSource):
    """Reads one Page; ``fetch`` returns a whole batch or raises SourceError."""

    platform = "facebook"
    cursor_key = "posts"

    def list_posts(self, whole_history: bool, recent_since: str) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = []
        for item in self.client.edge(f"{self.page.account_id}/posts", "listing posts",
                                     fields=POST_FIELDS):
            fields = self.post_fields(item, "created_time", "listing posts")
            if fields is None:
                continue
            post_id, created, item = fields
            updated = self.time(item.get("updated_time"), f"post {post_id}: updated_time")
            record = Post(self.platform, self.page.account_id, post_id, _text(item, "message"),
                          created or None, _text(item, "permalink_url"))
            listed.append({"id": post_id, "c": created, "record": record,
                           "memory": {"c": created, "u": updated, "n": _count(item)}})
            if self.enough(listed, whole_history, created, recent_since):
                break
        return listed

    def read_comments(self, post_id: str, batch: Batch) -> None:
        """Every comment and reply of one post, into ``batch``; the post is complete unless a
        record could not be used (then nothing on it may be inferred deleted)."""
        complete = True
        for item in self.client.edge(f"{post_id}/comments", f"reading comments of {post_id}",
                                     fields=COMMENT_FIELDS, filter="stream",
                                     order="chronological"):
            if not isinstance(item, dict):
                batch.errors.append(f"page {self.page.key}: a comment on post {post_id} is not "
                                    "an object")
                complete = False
                continue
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
                    "attachment": item.get("attachment"),
                }, where=f"page {self.page.key}: comment on post {post_id}", notes=batch.notes))
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


def connect(page: Page, config: Config) -> FacebookSource:
    return FacebookSource(page, config)
