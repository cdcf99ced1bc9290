"""A file of comments, one JSON object a line: for backfilling from a platform's export.

Each line is a comment (``platform``, ``post_id``, ``comment_id``, ``text`` and optionally
``page_id``, ``parent_id``, ``author_id``, ``author_name``, ``created_at``, ``edited_at``,
``permalink``, ``hidden``) or a post (``"kind": "post"``, ``post_id``, ``text``, ...). The file
is the page's whole current state: a comment archived before and missing now was deleted. A
line that cannot be used is reported and skipped, and then no deletions are inferred.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from moderator.comments import Batch, Post, make_comment, parse_time
from moderator.errors import DataError, SourceError

if TYPE_CHECKING:
    from moderator.config import Config, Page

MAX_LINE = 8 * 1024 * 1024


class JsonlSource:
    def __init__(self, page: Page) -> None:
        self.page = page

    def fetch(self, cursor: dict[str, Any] | None) -> Batch:
        """Read the whole file; raises SourceError if it cannot be read at all."""
        batch = Batch(complete_page=True)
        digest = hashlib.sha256()
        try:
            with open(self.page.path, "rb") as handle:
                for number, raw in enumerate(handle, start=1):
                    digest.update(raw)
                    self._line(raw, number, batch)
        except OSError as error:
            raise SourceError(f"page {self.page.key}: cannot read {self.page.path} "
                              f"({error.strerror})", kind="transient") from None
        if batch.errors:
            batch.complete_page = False
        batch.cursor = {"sha256": digest.hexdigest(), "comments": len(batch.comments)}
        return batch

    def _line(self, raw: bytes, number: int, batch: Batch) -> None:
        where = f"{self.page.path}:{number}"
        if not raw.strip():
            return
        try:
            if len(raw) > MAX_LINE:
                raise DataError(f"{where}: line longer than {MAX_LINE} bytes")
            try:
                data = json.loads(raw)
            except (ValueError, UnicodeDecodeError) as error:
                raise DataError(f"{where}: not valid JSON ({error})") from None
            if not isinstance(data, dict):
                raise DataError(f"{where}: expected a JSON object")
            data.setdefault("platform", self.page.platform)
            data.setdefault("page_id", self.page.account_id)
            if data.get("kind") == "post":
                post = make_comment({**data, "comment_id": data.get("post_id")}, where=where)
                batch.posts.append(Post(post.platform, post.page_id, post.post_id, post.text,
                                        parse_time(data.get("created_at")), post.permalink))
            else:
                batch.comments.append(make_comment(data, where=where))
        except DataError as error:
            batch.errors.append(str(error))

    def set_hidden(self, comment_id: str, hidden: bool) -> None:
        raise SourceError(f"page {self.page.key}: a jsonl file cannot hide comments; use the "
                          "platform's connector, or keep dry_run = true", kind="permanent")

    def close(self) -> None:
        pass


def connect(page: Page, config: Config) -> JsonlSource:
    return JsonlSource(page)
