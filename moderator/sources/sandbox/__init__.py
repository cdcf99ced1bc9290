"""A local fake platform on 127.0.0.1 speaking the Graph API and X API v2 wire formats.

The real connectors (facebook-sdk, tweepy) talk to it through a page's ``api_base_url``; the
client libraries are never mocked. It keeps state (accounts and tokens, posts, comments,
replies; hides visible in later reads), follows a corpus timeline, counts requests and injects
faults on demand.

Python API (in-process tests)::

    with Sandbox() as box:                      # port 0: a free port; box.url
        page = box.add_account("facebook", "1001", "token-1", name="City")
        post = box.add_post("1001", "Road works", created="2026-11-20T09:00:00Z")
        cid = box.add_comment(post, "When?", author_id="u1", author_name="Ann")
        box.edit(cid, "When exactly?"); box.hide(cid); box.delete(cid)
        box.load_corpus(entries, {"facebook": "1001"}); box.advance(2)
        box.add_fault("server_error", rate=0.2, seed=7); box.clear_faults()
        box.expire_token("1001"); box.set_token("1001", "token-2")
        box.set_rate_limit("1001", limit=100, window=3600)
        box.dump(); box.log(); box.stats(); box.reset_stats()

HTTP control API (JSON bodies; for a sandbox in another process), under ``/_sandbox``:

- ``GET /_sandbox/state``: the whole state (accounts without tokens, posts, comments with
  ``id``, ``alias``, ``post``, ``parent``, ``text``, ``hidden``, ``deleted``, ``versions``);
- ``GET /_sandbox/log``: the journal (:mod:`.journal`): every comment revision, every fetch
  and which revisions it served, every hide or unhide request a connector sent;
- ``GET /_sandbox/stats``, ``POST /_sandbox/stats/reset``: request counters (total, per API,
  per status, per route, per fault kind);
- ``POST /_sandbox/advance {"cycle": n}``: apply the corpus timeline up to cycle n;
- ``POST /_sandbox/accounts {platform, id, token, name, username}``;
  ``POST /_sandbox/accounts/<id>/expire``; ``POST /_sandbox/accounts/<id>/token {token}``;
  ``POST /_sandbox/accounts/<id>/rate_limit {limit, window}``;
- ``POST /_sandbox/posts {account, text, created, alias}``;
  ``POST /_sandbox/comments {post, text, author_id, author_name, parent, hidden, created,
  alias}``; ``POST /_sandbox/comments/<id>/edit {text}``, ``.../hide {hidden}``,
  ``.../delete``; ``POST /_sandbox/posts/<id>/delete``;
- ``GET /_sandbox/faults``; ``POST /_sandbox/faults {kind, rate, count, burst, delay_ms, path,
  method, api, code, retry_after, after, seed}`` (kinds in :mod:`.faults`);
  ``POST /_sandbox/faults/clear``.
"""

from __future__ import annotations

import threading
from typing import Any

from moderator.sources.sandbox.faults import KINDS, Fault, Faults, Stats
from moderator.sources.sandbox.server import App, _Server, start_server
from moderator.sources.sandbox.state import World

__all__ = ["KINDS", "Sandbox"]


class Sandbox:
    """The fake platform; :meth:`start` serves it in a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, seed: int = 0) -> None:
        self.host, self.port = host, port
        self.world = World()
        self.faults = Faults(seed)
        self.counters = Stats()
        self.app = App(self.world, self.faults, self.counters, lambda: self.url)
        self.server: _Server | None = None
        self.thread: threading.Thread | None = None

    # serving -----------------------------------------------------------------------------------

    def start(self) -> Sandbox:
        self.server, self.thread = start_server(self.app, self.host, self.port)
        self.port = self.server.server_address[1]
        return self

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        if self.thread is not None:
            self.thread.join(timeout=5)
            self.thread = None

    def __enter__(self) -> Sandbox:
        return self.start() if self.server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # state -------------------------------------------------------------------------------------

    def add_account(self, platform: str, account_id: str, token: str | None = None, *,
                    name: str = "", username: str = "") -> str:
        """Add a page/account; returns its token (a random one unless given)."""
        return self.world.add_account(platform, account_id, token, name=name,
                                      username=username).token

    def add_post(self, account_id: str, text: str, *, created: Any = None,
                 alias: str | None = None) -> str:
        return self.world.add_post(account_id, text, created=created, alias=alias).id

    def add_comment(self, post: str, text: str, *, author_id: str = "", author_name: str = "",
                    parent: str | None = None, hidden: bool = False, created: Any = None,
                    alias: str | None = None, attachment: dict[str, Any] | None = None) -> str:
        return self.world.add_comment(post, text, author_id=author_id, author_name=author_name,
                                      parent=parent, hidden=hidden, created=created,
                                      alias=alias, attachment=attachment).id

    def edit(self, key: str, text: str) -> None:
        self.world.edit(key, text)

    def hide(self, key: str, hidden: bool = True) -> None:
        self.world.hide(key, hidden)

    def delete(self, key: str) -> None:
        self.world.delete(key)

    def comment(self, key: str) -> dict[str, Any]:
        """One post or comment as :meth:`dump` shows it (by id, version id or alias)."""
        with self.world.lock:
            return self.world.resolve(key).as_dict()

    def load_corpus(self, entries: list[dict[str, Any]], accounts: dict[str, str]) -> int:
        return self.world.load_corpus(entries, accounts)

    def advance(self, cycle: int) -> int:
        return self.world.advance(cycle)

    def expire_token(self, account_id: str) -> None:
        self.world.expire_token(account_id)

    def set_token(self, account_id: str, token: str) -> None:
        self.world.set_token(account_id, token)

    def set_rate_limit(self, account_id: str, limit: int | None, window: float = 3600) -> None:
        self.world.set_rate_limit(account_id, limit, window)

    def dump(self) -> dict[str, Any]:
        return self.world.dump()

    def log(self) -> dict[str, Any]:
        """The journal: revisions, fetches and what they served, hide requests."""
        return self.world.journal.snapshot()

    # faults and counters -----------------------------------------------------------------------

    def add_fault(self, kind: str, *, seed: int | None = None, **options: Any) -> Fault:
        return self.faults.add(Fault(kind, **options), seed=seed)

    def clear_faults(self) -> None:
        self.faults.clear()

    def stats(self) -> dict[str, Any]:
        return self.counters.snapshot()

    def reset_stats(self) -> None:
        self.counters.reset()
