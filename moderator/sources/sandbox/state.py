"""The sandbox's world: accounts with tokens, posts, comments and replies, and a timeline.

Everything here is plain data behind one lock; the wire formats live in :mod:`.graph` and
:mod:`.xapi`. Ids look like the platforms' own: Facebook ``{page}_{n}`` posts and
``{post}_{n}`` comments, Instagram 17-digit numbers, X snowflakes (time in the high bits, so
``since_id`` works). A corpus entry's own id (``fb-c001``) is kept as an alias: every
operation accepts either.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from moderator.errors import DataError
from moderator.sources.sandbox.journal import Journal

TWEPOCH_MS = 1288834974657
GRAPH_PLATFORMS = ("facebook", "instagram")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Account:
    platform: str
    id: str
    token: str
    name: str = ""
    username: str = ""
    expired: bool = False
    limit: int | None = None
    window: float = 3600.0
    calls: deque[float] = field(default_factory=deque)


@dataclass
class Item:
    """A post (``post`` is None) or a comment/reply on the sandbox."""

    platform: str
    id: str
    account: str
    text: str
    created: dt.datetime
    post: str | None = None
    parent: str | None = None
    author_id: str = ""
    author_name: str = ""
    hidden: bool = False
    deleted: bool = False
    alias: str | None = None
    seq: int = 0
    versions: list[str] = field(default_factory=list)
    edited: dt.datetime | None = None
    updated: dt.datetime | None = None
    attachment: dict[str, Any] | None = None
    revision: int = 0

    @property
    def latest_id(self) -> str:
        return self.versions[-1] if self.versions else self.id

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"platform": self.platform, "id": self.id, "alias": self.alias,
               "account": self.account, "text": self.text, "created": iso(self.created),
               "deleted": self.deleted}
        if self.post is not None:
            out.update(post=self.post, parent=self.parent, author_id=self.author_id,
                       author_name=self.author_name, hidden=self.hidden,
                       versions=list(self.versions) or [self.id],
                       edited=iso(self.edited) if self.edited else None)
        return out


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    text = str(value).replace("Z", "+00:00")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise DataError(f"not an ISO 8601 time: {str(value)[:40]!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class World:
    """The sandbox's state. Every public method takes the lock."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.accounts: dict[str, Account] = {}
        self.items: dict[str, Item] = {}
        self.aliases: dict[str, str] = {}
        self.by_version: dict[str, str] = {}
        self.numbers = itertools.count(1)
        self.last_snowflake = 0
        self.x_users: dict[str, str] = {}
        self.timeline: list[tuple[int, int, int, dict[str, Any]]] = []
        self.cycle = 0
        self.journal = Journal()

    # accounts ----------------------------------------------------------------------------------

    def add_account(self, platform: str, account_id: str, token: str | None = None, *,
                    name: str = "", username: str = "") -> Account:
        with self.lock:
            account = Account(platform, account_id, token or secrets.token_urlsafe(24), name,
                              username or re.sub(r"\W", "", name) or f"user{account_id}")
            self.accounts[account_id] = account
            return account

    def account(self, account_id: str) -> Account:
        with self.lock:
            try:
                return self.accounts[account_id]
            except KeyError:
                raise DataError(f"no sandbox account {account_id!r}") from None

    def by_token(self, token: str | None, platforms: tuple[str, ...]) -> Account | None:
        with self.lock:
            for account in self.accounts.values():
                if token and account.token == token and account.platform in platforms:
                    return account
            return None

    def set_token(self, account_id: str, token: str) -> None:
        with self.lock:
            account = self.account(account_id)
            account.token, account.expired = token, False

    def expire_token(self, account_id: str) -> None:
        with self.lock:
            self.account(account_id).expired = True

    def set_rate_limit(self, account_id: str, limit: int | None, window: float = 3600) -> None:
        with self.lock:
            account = self.account(account_id)
            account.limit, account.window = limit, float(window)
            account.calls.clear()

    def note_call(self, account: Account, at: float) -> tuple[float, float]:
        """Count one call; (share of the limit used 0..1+, seconds until the window frees)."""
        with self.lock:
            while account.calls and account.calls[0] <= at - account.window:
                account.calls.popleft()
            account.calls.append(at)
            if not account.limit:
                return 0.0, 0.0
            regain = account.calls[0] + account.window - at
            return len(account.calls) / account.limit, max(regain, 0.0)

    # ids ---------------------------------------------------------------------------------------

    def _new_id(self, platform: str, account: str, post: str | None, at: dt.datetime) -> str:
        number = next(self.numbers)
        if platform == "facebook":
            return f"{account}_{100000000000000 + number}" if post is None \
                else f"{post.rsplit('_', 1)[-1]}_{200000000000000 + number}"
        if platform == "instagram":
            return str(17900000000000000 + number)
        flake = max(int(at.timestamp() * 1000) - TWEPOCH_MS, 0) << 22
        flake = max(flake, self.last_snowflake + 1)
        self.last_snowflake = flake
        return str(flake)

    def x_user(self, author_id: str) -> str:
        """A numeric X user id for a corpus author id such as ``u101``."""
        if author_id.isdigit():
            return author_id
        return self.x_users.setdefault(author_id, str(900000000 + len(self.x_users) + 1))

    # items -------------------------------------------------------------------------------------

    def resolve(self, key: str) -> Item:
        with self.lock:
            real = self.aliases.get(key) or self.by_version.get(key) or key
            try:
                return self.items[real]
            except KeyError:
                raise DataError(f"no sandbox post or comment {key!r}") from None

    def add_post(self, account_id: str, text: str, *, created: Any = None,
                 alias: str | None = None) -> Item:
        with self.lock:
            account = self.account(account_id)
            at = parse_moment(created) or now_utc()
            item = Item(account.platform, self._new_id(account.platform, account.id, None, at),
                        account.id, text, at, alias=alias, seq=next(self.numbers), updated=at)
            return self._store(item)

    def add_comment(self, post: str, text: str, *, author_id: str = "", author_name: str = "",
                    parent: str | None = None, hidden: bool = False, created: Any = None,
                    alias: str | None = None, attachment: dict[str, Any] | None = None) -> Item:
        with self.lock:
            target = self.resolve(post)
            if target.post is not None:
                raise DataError(f"{post!r} is a comment, not a post")
            at = parse_moment(created) or now_utc()
            parent_item = self.resolve(parent) if parent else None
            parent_id = parent_item.id if parent_item else None
            if target.platform == "x":
                parent_id = parent_item.latest_id if parent_item else target.id
                author_id = self.x_user(author_id or "anonymous")
            item = Item(target.platform, self._new_id(target.platform, target.account,
                                                      target.id, at),
                        target.account, text, at, post=target.id, parent=parent_id,
                        author_id=author_id or "0", author_name=author_name, hidden=hidden,
                        alias=alias, seq=next(self.numbers), attachment=attachment)
            if target.platform == "x":
                item.versions = [item.id]
            target.updated = max(target.updated or at, at)
            return self._store(item)

    def _store(self, item: Item) -> Item:
        self.items[item.id] = item
        self.by_version[item.id] = item.id
        if item.alias:
            self.aliases[item.alias] = item.id
        self._revise(item, "control")
        return item

    def _revise(self, item: Item, by: str) -> None:
        """A comment took a new state: note it in the journal (posts are not journalled)."""
        if item.post is not None:
            item.revision += 1
            self.journal.revision(item.id, item.revision, item.text, item.hidden, item.deleted,
                                  by)

    def edit(self, key: str, text: str, *, at: Any = None) -> Item:
        with self.lock:
            item = self.resolve(key)
            moment = parse_moment(at) or now_utc()
            changed = item.text != text
            item.text, item.edited = text, moment
            if item.platform == "x" and item.post is not None:
                version = self._new_id("x", item.account, item.post, moment)
                item.versions.append(version)
                self.by_version[version] = item.id
            if changed:
                self._revise(item, "control")
            return item

    def hide(self, key: str, hidden: bool = True, *, by: str = "control") -> Item:
        """Hide or unhide; ``by="api"`` when a connector asked (journalled per request)."""
        with self.lock:
            item = self.resolve(key)
            if by == "api":
                self.journal.hide_request(item.account, item.id, hidden)
            if item.hidden != hidden:
                item.hidden = hidden
                self._revise(item, by)
            return item

    def delete(self, key: str) -> Item:
        """Delete an item; on Facebook and Instagram its comments and replies go with it."""
        with self.lock:
            item = self.resolve(key)
            gone = [item]
            if item.platform in GRAPH_PLATFORMS:
                gone += [other for other in self.items.values()
                         if other.post is not None and (other.parent == item.id or (
                             item.post is None and other.post == item.id))]
            for each in gone:
                if not each.deleted:
                    each.deleted = True
                    self._revise(each, "control")
            return item

    def posts_of(self, account_id: str) -> list[Item]:
        with self.lock:
            return [i for i in self.items.values()
                    if i.account == account_id and i.post is None and not i.deleted]

    def comments_of(self, post_id: str) -> list[Item]:
        with self.lock:
            return [i for i in self.items.values() if i.post == post_id and not i.deleted]

    def dump(self) -> dict[str, Any]:
        """The whole state as JSON-ready data (tokens left out)."""
        with self.lock:
            accounts = [{"platform": a.platform, "id": a.id, "name": a.name,
                         "username": a.username, "token_expired": a.expired,
                         "rate_limit": a.limit, "window": a.window}
                        for a in self.accounts.values()]
            ordered = sorted(self.items.values(), key=lambda i: i.seq)
            return {"cycle": self.cycle, "accounts": accounts,
                    "posts": [i.as_dict() for i in ordered if i.post is None],
                    "comments": [i.as_dict() for i in ordered if i.post is not None]}

    # the corpus timeline -----------------------------------------------------------------------

    def load_corpus(self, entries: list[dict[str, Any]], accounts: dict[str, str]) -> int:
        """Queue a demo-corpus timeline; ``accounts`` maps platform -> sandbox account id.

        Returns the number of events queued; :meth:`advance` applies them.
        """
        with self.lock:
            order = itertools.count()
            for entry in entries:
                if entry.get("platform") not in accounts:
                    continue
                cycle = int(entry.get("cycle", 1))
                if entry.get("kind") == "post":
                    self.timeline.append((cycle, 0, next(order), {"do": "post", **entry}))
                    continue
                self.timeline.append((cycle, 1, next(order), {"do": "comment", **entry}))
                if isinstance(entry.get("edit"), dict):
                    self.timeline.append((int(entry["edit"]["cycle"]), 2, next(order),
                                          {"do": "edit", "id": entry["id"],
                                           "text": entry["edit"]["text"]}))
                for action, rank in (("hide", 3), ("delete", 4)):
                    if action in entry:
                        self.timeline.append((int(entry[action]), rank, next(order),
                                              {"do": action, "id": entry["id"]}))
            self.timeline.sort(key=lambda event: event[:3])
            self.corpus_accounts = dict(accounts)
            return len(self.timeline)

    def advance(self, cycle: int) -> int:
        """Apply every queued event up to ``cycle``; returns how many were applied."""
        with self.lock:
            applied = 0
            while self.timeline and self.timeline[0][0] <= cycle:
                _, _, _, event = self.timeline.pop(0)
                self._apply(event)
                applied += 1
            self.cycle = max(self.cycle, cycle)
            return applied

    def _apply(self, event: dict[str, Any]) -> None:
        action = event["do"]
        if action == "post":
            self.add_post(self.corpus_accounts[event["platform"]], event.get("text", ""),
                          alias=event["post"])
        elif action == "comment":
            self.add_comment(event["post"], event.get("text", ""),
                             author_id=str(event.get("author_id") or ""),
                             author_name=str(event.get("author") or ""),
                             parent=event.get("reply_to"), alias=event["id"])
        elif action == "edit":
            self.edit(event["id"], event["text"])
        elif action == "hide":
            self.hide(event["id"], True)
        elif action == "delete":
            self.delete(event["id"])
