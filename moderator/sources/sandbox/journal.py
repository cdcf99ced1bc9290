"""What the sandbox did and showed, for tests that check an archive against the platform.

A comment's *revision* counts the states it has had: it starts at 1 and grows by one whenever
its text, hidden flag or deletion changes (an edit to the same text is no new state). The
journal keeps

- every revision of every comment, and who made it (``control``: the Python or HTTP control
  API and the timeline; ``api``: a hide or unhide request from a connector);
- *fetches*: a fetch starts when a connector lists an account's posts (Graph ``/{id}/posts``,
  ``/published_posts``, ``/feed``, ``/media`` without a paging cursor; X ``/2/users/:id/tweets``
  without a pagination token), and each comment revision a fetch served, so a test can say
  "this state reached the connector during fetch 12";
- every hide or unhide request a connector sent, per comment (a request that changes nothing
  counts too: that is how a test sees an action sent twice), and whether its answer was lost
  on the way back (then the connector cannot know it worked, and may send it again);
- which fetches met trouble: an error answer or an injected fault (other than a slow answer)
  while they ran, so a test does not count on them having been archived.
"""

from __future__ import annotations

import threading
import time
from typing import Any


class Journal:
    """Thread-safe; times are ``time.time()`` so another process can compare them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.revisions: list[dict[str, Any]] = []
        self.fetches: list[dict[str, Any]] = []
        self.current: dict[str, int] = {}
        self.served: dict[tuple[str, int], list[int]] = {}
        self.hide_requests: list[dict[str, Any]] = []

    def revision(self, item_id: str, revision: int, text: str, hidden: bool, deleted: bool,
                 by: str) -> None:
        with self.lock:
            self.revisions.append({"id": item_id, "rev": revision, "text": text,
                                   "hidden": hidden, "deleted": deleted, "by": by,
                                   "at": time.time()})

    def start_fetch(self, account: str) -> int:
        with self.lock:
            number = len(self.fetches) + 1
            self.fetches.append({"n": number, "account": account, "at": time.time(),
                                 "trouble": False})
            self.current[account] = number
            return number

    def trouble(self, account: str) -> None:
        """The account's current fetch got an error answer or a fault."""
        with self.lock:
            number = self.current.get(account)
            if number:
                self.fetches[number - 1]["trouble"] = True

    def serve(self, account: str, item_id: str, revision: int) -> None:
        """Note that the account's current fetch showed this revision of a comment."""
        with self.lock:
            fetch = self.current.get(account, 0)
            seen = self.served.setdefault((item_id, revision), [])
            if not seen or seen[-1] != fetch:
                seen.append(fetch)

    def hide_request(self, account: str, item_id: str, hidden: bool) -> None:
        with self.lock:
            self.hide_requests.append({"id": item_id, "hidden": hidden, "account": account,
                                       "at": time.time(), "answer_lost": False})

    def answer_lost(self, since: int) -> None:
        """The hide requests noted after the first ``since`` were carried out, but their answer
        never reached the connector (a truncated answer): a retry of them is expected."""
        with self.lock:
            for request in self.hide_requests[since:]:
                request["answer_lost"] = True

    def snapshot(self) -> dict[str, Any]:
        """Everything, as JSON-ready data (``GET /_sandbox/log``)."""
        with self.lock:
            return {"revisions": [dict(r) for r in self.revisions],
                    "fetches": [dict(f) for f in self.fetches],
                    "served": [[item, rev, list(fetches)]
                               for (item, rev), fetches in self.served.items()],
                    "hide_requests": [dict(h) for h in self.hide_requests]}
