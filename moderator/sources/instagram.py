"""An Instagram professional account's comments, through facebook-sdk's ``GraphAPI``.

The Instagram Graph API (host graph.facebook.com, Facebook Login tokens): the account's media
(``/{ig-user-id}/media`` with ``comments_count``, the change signal), each media's top-level
comments (``/{media-id}/comments``) with their first replies inline (``replies{...}``), and the
rest of the replies from ``/{comment-id}/replies``. Which media are read on each poll is decided
in :mod:`.feed`, as for Facebook. Hiding sets ``hide``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from moderator.comments import Batch, Post, clean_text, make_comment
from moderator.errors import DataError, SourceError
from moderator.sources.feed import FeedSource
from moderator.sources.graph import next_cursor
from moderator.sources.http import obj

if TYPE_CHECKING:
    from moderator.config import Config, Page

logger = logging.getLogger(__name__)

MEDIA_FIELDS = "id,caption,timestamp,permalink,comments_count"
REPLY_FIELDS = "id,text,timestamp,username,from,hidden,parent_id"
COMMENT_FIELDS = f"{REPLY_FIELDS},replies{{{REPLY_FIELDS}}}"


class InstagramSource(FeedSource):
    """Reads one professional account; ``fetch`` returns a whole batch or raises SourceError."""

    platform = "instagram"
    cursor_key = "media"

    def list_posts(self, whole_history: bool, recent_since: str) -> list[dict[str, Any]]:
        listed: list[dict[str, Any]] = []
        for item in self.client.edge(f"{self.page.account_id}/media", "listing media",
                                     fields=MEDIA_FIELDS):
            fields = self.post_fields(item, "timestamp", "listing media")
            if fields is None:
                continue
            media_id, created, item = fields
            caption = clean_text(item["caption"]) if isinstance(item.get("caption"), str) \
                else None
            link = clean_text(item["permalink"]) if isinstance(item.get("permalink"), str) \
                else None
            count = item.get("comments_count")
            listed.append({"id": media_id, "c": created,
                           "memory": {"c": created,
                                      "n": count if isinstance(count, int) else None},
                           "record": Post(self.platform, self.page.account_id, media_id,
                                          caption, created or None, link)})
            if self.enough(listed, whole_history, created, recent_since):
                break
        return listed

    def read_comments(self, media_id: str, batch: Batch) -> None:
        complete = True
        what = f"reading comments of media {media_id}"
        for item in self.client.edge(f"{media_id}/comments", what, fields=COMMENT_FIELDS):
            complete &= self._add(item, media_id, None, batch)
            if not isinstance(item, dict):
                continue
            replies = obj(item.get("replies"))
            inline = replies.get("data")
            for reply in inline if isinstance(inline, list) else []:
                complete &= self._add(reply, media_id, item.get("id"), batch)
            after = next_cursor(replies.get("paging"))
            if after is not None and item.get("id"):
                more = self.client.edge(f"{item['id']}/replies", f"reading replies in {what}",
                                        fields=REPLY_FIELDS, after=after)
                for reply in more:
                    complete &= self._add(reply, media_id, item.get("id"), batch)
        if complete:
            batch.complete_posts.add(media_id)

    def _add(self, item: Any, media_id: str, parent: Any, batch: Batch) -> bool:
        if not isinstance(item, dict):
            batch.errors.append(f"page {self.page.key}: a comment on media {media_id} is not "
                                "an object")
            return False
        author = obj(item.get("from"))
        hidden = item.get("hidden", False)
        try:
            batch.comments.append(make_comment({
                "platform": self.platform, "page_id": self.page.account_id, "post_id": media_id,
                "comment_id": item.get("id"), "text": item.get("text"),
                "author_id": author.get("id"),
                "author_name": item.get("username") or author.get("username"),
                "parent_id": item.get("parent_id") or parent,
                "created_at": item.get("timestamp"),
                "hidden": hidden if isinstance(hidden, bool) else False,
            }, where=f"page {self.page.key}: comment on media {media_id}", notes=batch.notes))
        except DataError as error:
            batch.errors.append(str(error))
            return False
        return True

    def set_hidden(self, comment_id: str, hidden: bool) -> None:
        """Hide or unhide one comment (``hide``); raises SourceError."""
        what = f"{'hiding' if hidden else 'unhiding'} comment {comment_id}"
        result = self.client.request(comment_id, what,
                                     post_args={"hide": "true" if hidden else "false"})
        if result.get("success") is not True:
            raise SourceError(f"page {self.page.key}: {what}: the API did not confirm it",
                              kind="transient")


def connect(page: Page, config: Config) -> InstagramSource:
    return InstagramSource(page, config)
