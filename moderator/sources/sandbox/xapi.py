"""The subset of the X API v2 the X connector uses, in its wire format: ``/2/users/:id/tweets``,
``/2/tweets/search/recent`` (``conversation_id:`` and ``is:reply``), ``PUT
/2/tweets/:id/hidden``; ``tweet.fields``/``expansions``/``user.fields``, ``next_token`` paging,
``since_id``, problem-JSON errors and the ``x-rate-limit-*`` headers.

Text is served as X serves it: every link wrapped in a ``https://t.co/...`` link (the
``entities`` field names what each one expands to) and ``&``, ``<`` and ``>`` written as HTML
entities. A post longer than LONG_POST characters is cut short in ``text`` and whole in
``note_tweet``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from typing import Any

from moderator.errors import DataError
from moderator.sources.sandbox.state import TWEPOCH_MS, Account, Item, World, now_utc
from moderator.sources.sandbox.wire import Reply, decode_cursor, encode_cursor, json_reply

JSON = "application/json; charset=utf-8"
TWEET_FIELDS = {"id", "text", "edit_history_tweet_ids", "author_id", "created_at",
                "conversation_id", "in_reply_to_user_id", "referenced_tweets", "lang",
                "entities", "note_tweet"}
USER_FIELDS = {"id", "name", "username", "created_at"}
SEARCH_WINDOW = dt.timedelta(days=7)
QUERY_TERM = re.compile(r"^(conversation_id:\d{1,20}|is:reply|-is:retweet)$")
DEFAULT_LIMIT = 100_000
#: What X turns into a link: a URL with a scheme, or a bare domain with a common ending.
LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|"
                  r"edu|io|co|ly|us|info)\b(?:/[^\s<>\"]*)?", re.IGNORECASE)
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: A longer post is a "note tweet": ``text`` holds its first NOTE_CUT characters and
#: ``note_tweet`` (when asked for) the whole of it.
LONG_POST = 280
NOTE_CUT = 270


def t_co(url: str) -> str:
    """The t.co link X wraps ``url`` in (the same URL always gets the same one)."""
    digest = hashlib.sha256(url.encode("utf-8")).digest()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    return "https://t.co/" + "".join(alphabet[b % 62] for b in digest[:10])


def wire_text(text: str, media: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """``text`` as the API returns it, and its ``entities.urls``: each link becomes its t.co
    link, then ``&``, ``<`` and ``>`` become entities (offsets count code points). A reply
    with a photo (``media``: its tweet id) ends with a t.co link to it, whose entity has a
    ``media_key``."""
    out: list[str] = []
    urls: list[dict[str, Any]] = []
    size = 0
    at = 0
    for match in LINK.finditer(text):
        typed = match.group().rstrip(".,;:!?)'")
        before = "".join(ESCAPES.get(ch, ch) for ch in text[at:match.start()])
        out.append(before)
        size += len(before)
        expanded = typed if "://" in typed else "http://" + typed
        short = t_co(expanded)
        bare = re.sub(r"^https?://(?:www\.)?", "", expanded)
        urls.append({"start": size, "end": size + len(short), "url": short,
                     "expanded_url": expanded,
                     "display_url": bare if len(bare) <= 26 else bare[:25] + "\u2026"})
        out.append(short)
        size += len(short)
        at = match.start() + len(typed)
    out.append("".join(ESCAPES.get(ch, ch) for ch in text[at:]))
    body = "".join(out)
    if media is not None:
        body += " " if body else ""
        expanded = f"https://x.com/i/web/status/{media}/photo/1"
        short = t_co(expanded)
        urls.append({"start": len(body), "end": len(body) + len(short), "url": short,
                     "expanded_url": expanded, "display_url": f"pic.x.com/{short[-10:]}",
                     "media_key": f"3_{media}"})
        body += short
    return body, urls


class XError(Exception):
    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.extra = status, title, extra

    def reply(self, headers: dict[str, str]) -> Reply:
        body: dict[str, Any] = {"title": self.title, "detail": str(self), "type": "about:blank",
                "status": self.status, **self.extra}
        out = json_reply(self.status, body, headers)
        out.content_type = JSON
        return out


def invalid(name: str, value: str, message: str) -> XError:
    return XError(400, "Invalid Request", "One or more parameters to your request was invalid.",
                  errors=[{"parameters": {name: [value]}, "message": message}],
                  type="https://api.twitter.com/2/problems/invalid-request")


def x_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class XApi:
    """Answers X API v2 requests from the :class:`World`."""

    def __init__(self, world: World) -> None:
        self.world = world

    def handle(self, method: str, path: str, params: dict[str, str], body: bytes,
               authorization: str) -> Reply:
        headers: dict[str, str] = {}
        try:
            account = self._authorise(authorization)
            usage, regain = self.world.note_call(account, time.time())
            limit = account.limit or DEFAULT_LIMIT
            used = round(usage * limit)
            reset = int(time.time() + (regain or account.window))
            headers = {"x-rate-limit-limit": str(limit),
                       "x-rate-limit-remaining": str(max(0, limit - used)),
                       "x-rate-limit-reset": str(reset)}
            if usage > 1.0:
                raise XError(429, "Too Many Requests", "Too Many Requests")
            reply = json_reply(200, self._route(method, path, params, body, account), headers)
            reply.content_type = JSON
            return reply
        except XError as error:
            return error.reply(headers)

    def _authorise(self, authorization: str) -> Account:
        token = authorization[7:] if authorization.startswith("Bearer ") else None
        account = self.world.by_token(token, ("x",))
        if account is None or account.expired:
            raise XError(401, "Unauthorized", "Unauthorized")
        return account

    def _route(self, method: str, path: str, params: dict[str, str], body: bytes,
               account: Account) -> dict[str, Any]:
        users = re.fullmatch(r"/2/users/(\d{1,20})/tweets", path)
        hidden = re.fullmatch(r"/2/tweets/(\d{1,20})/hidden", path)
        if method == "GET" and users:
            return self._timeline(users.group(1), params)
        if method == "GET" and path == "/2/tweets/search/recent":
            return self._search(params)
        if method == "PUT" and hidden:
            return self._hide(hidden.group(1), body, account)
        raise XError(404, "Not Found Error", "The requested resource could not be found.")

    def _fields(self, params: dict[str, str]) -> tuple[set[str], bool]:
        fields = {f for f in params.get("tweet.fields", "").split(",") if f}
        for name in fields - TWEET_FIELDS:
            raise invalid("tweet.fields", name, f"The `tweet.fields` query parameter value "
                          f"[{name[:30]}] is not one of {sorted(TWEET_FIELDS)}")
        for name in {f for f in params.get("user.fields", "").split(",") if f} - USER_FIELDS:
            raise invalid("user.fields", name, "The `user.fields` query parameter value "
                          f"[{name[:30]}] is not one of {sorted(USER_FIELDS)}")
        expansions = {e for e in params.get("expansions", "").split(",") if e}
        if expansions - {"author_id"}:
            raise invalid("expansions", ",".join(sorted(expansions))[:30],
                          "Only the author_id expansion is available in the sandbox")
        return fields, "author_id" in expansions

    def _limit(self, params: dict[str, str], low: int) -> int:
        raw = params.get("max_results", "10")
        if not raw.isdigit() or not low <= int(raw) <= 100:
            raise invalid("max_results", raw[:10], f"The `max_results` query parameter value "
                          f"[{raw[:10]}] is not between {low} and 100")
        return int(raw)

    def _render(self, item: Item, fields: set[str]) -> dict[str, Any]:
        is_reply = item.post is not None
        media = item.latest_id if item.attachment else None
        long = len(item.text) > LONG_POST
        text, urls = wire_text(item.text[:NOTE_CUT] if long else item.text, media)
        out: dict[str, Any] = {"id": item.latest_id, "text": text,
                               "edit_history_tweet_ids": list(item.versions or [item.id])}
        if long and "note_tweet" in fields:
            whole, whole_urls = wire_text(item.text)
            out["note_tweet"] = {"text": whole, "entities": {"urls": whole_urls}}
        author = item.author_id if is_reply else item.account
        extra: dict[str, Any] = {
            "author_id": author,
            "created_at": x_time(item.edited or item.created),
            "conversation_id": item.post if is_reply else item.id,
            "lang": "en",
        }
        if urls:
            extra["entities"] = {"urls": urls}
        if is_reply and item.parent:
            parent = self.world.resolve(item.parent)
            extra["in_reply_to_user_id"] = parent.author_id if parent.post else parent.account
            extra["referenced_tweets"] = [{"type": "replied_to", "id": item.parent}]
        out.update({k: v for k, v in extra.items() if k in fields})
        return out

    def _page(self, items: list[Item], params: dict[str, str], token_name: str, low: int,
              ) -> tuple[list[Item], dict[str, Any]]:
        limit = self._limit(params, low)
        items.sort(key=lambda i: int(i.latest_id), reverse=True)
        if params.get(token_name):
            parts = decode_cursor(params[token_name])
            if not parts or not parts[0].isdigit():
                raise invalid(token_name, params[token_name][:20], f"Invalid {token_name}")
            items = [i for i in items if int(i.latest_id) < int(parts[0])]
        chosen = items[:limit]
        meta: dict[str, Any] = {"result_count": len(chosen)}
        if chosen:
            meta.update(newest_id=chosen[0].latest_id, oldest_id=chosen[-1].latest_id)
            if len(items) > limit:
                meta["next_token"] = encode_cursor(chosen[-1].latest_id)
        return chosen, meta

    def _answer(self, chosen: list[Item], meta: dict[str, Any], fields: set[str],
                expand: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if chosen:
            out["data"] = [self._render(i, fields) for i in chosen]
        if chosen and expand:
            users: dict[str, dict[str, str]] = {}
            for item in chosen:
                if item.post is None:
                    account = self.world.accounts[item.account]
                    users[account.id] = {"id": account.id, "name": account.name,
                                         "username": account.username}
                else:
                    name = re.sub(r"\W", "", item.author_name) or f"user{item.author_id}"
                    users[item.author_id] = {"id": item.author_id, "name": item.author_name,
                                             "username": name[:15]}
            out["includes"] = {"users": list(users.values())}
        out["meta"] = meta
        return out

    def _timeline(self, user_id: str, params: dict[str, str]) -> dict[str, Any]:
        fields, expand = self._fields(params)
        posts = [p for p in self.world.posts_of(user_id) if p.platform == "x"]
        if params.get("start_time"):
            try:
                since = dt.datetime.fromisoformat(params["start_time"].replace("Z", "+00:00"))
            except ValueError:
                raise invalid("start_time", params["start_time"][:30],
                              "Invalid start_time") from None
            posts = [p for p in posts if p.created >= since]
        chosen, meta = self._page(posts, params, "pagination_token", 5)
        if not params.get("pagination_token"):
            self.world.journal.start_fetch(user_id)
        return self._answer(chosen, meta, fields, expand)

    def _search(self, params: dict[str, str]) -> dict[str, Any]:
        fields, expand = self._fields(params)
        terms = params.get("query", "").split()
        for term in terms:
            if not QUERY_TERM.match(term):
                raise invalid("query", term[:30], f"There were errors processing your request: "
                              f"the sandbox does not know the operator [{term[:30]}]")
        conversations = [t.split(":", 1)[1] for t in terms if t.startswith("conversation_id:")]
        if not conversations:
            raise invalid("query", "", "The sandbox needs a conversation_id: operator")
        since_id = params.get("since_id", "0")
        if not since_id.isdigit():
            raise invalid("since_id", since_id[:20], "Invalid since_id")
        oldest = now_utc() - SEARCH_WINDOW
        minted = ((int(since_id) >> 22) + TWEPOCH_MS) / 1000
        if since_id != "0" and minted < oldest.timestamp():
            raise invalid("since_id", since_id, "Invalid 'since_id'; 'since_id' must be a "
                          "tweet id created after the start of the last seven days")
        found = []
        for conversation in conversations:
            for item in self.world.comments_of(conversation):
                if (item.edited or item.created) >= oldest and int(item.latest_id) > int(since_id):
                    found.append(item)
        chosen, meta = self._page(found, params, "next_token", 10)
        for item in chosen:
            self.world.journal.serve(item.account, item.id, item.revision)
        return self._answer(chosen, meta, fields, expand)

    def _hide(self, tweet_id: str, body: bytes, account: Account) -> dict[str, Any]:
        try:
            wanted = json.loads(body or b"{}").get("hidden")
        except (ValueError, AttributeError):
            wanted = None
        if not isinstance(wanted, bool):
            raise invalid("hidden", "", "The `hidden` field must be true or false")
        try:
            item = self.world.resolve(tweet_id)
        except DataError:
            raise XError(404, "Not Found Error", "Could not find tweet with id: "
                         f"[{tweet_id}].") from None
        if item.post is None or item.deleted or \
                self.world.resolve(item.post).account != account.id:
            raise XError(403, "Forbidden", "You can only hide or unhide replies to "
                         "conversations you started.")
        self.world.hide(item.id, wanted, by="api")
        return {"data": {"hidden": wanted}}
