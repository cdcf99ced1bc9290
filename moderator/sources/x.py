"""Replies to an X account's recent posts, through ``tweepy.Client``.

The token is an OAuth 2.0 user-context access token (Authorization Code with PKCE, scopes
``tweet.read users.read tweet.moderate.write``), passed to tweepy as ``bearer_token``; that is
why hide/unhide calls use ``user_auth=False`` (tweepy's default would sign with OAuth 1.0a keys
we do not have). tweepy's session is replaced by an
:class:`~moderator.sources.http.ApiSession` (base URL, timeout, retries) and
``wait_on_rate_limit`` stays False: a 429 becomes a throttled SourceError with X's reset time.

Each fetch lists the account's own posts of the last seven days (``/2/users/:id/tweets``, what
recent search can reach), then searches each conversation
(``conversation_id:<id> is:reply``, ``next_token`` paging):

- conversations started within ``recheck_hours`` are read whole and named complete, so the
  archive sees deletions (and edits, which X publishes as a new version id whose
  ``edit_history_tweet_ids`` starts with the original: the original id is the comment id);
- older conversations are searched only for replies newer than the cursor's ``since_id``
  (minus :data:`OVERLAP_SECONDS`, so a reply indexed late is not skipped).

Text is kept as people read it on X, not as the API encodes it: each ``https://t.co/...`` link
that ``entities.urls`` expands becomes the link the author wrote (so the link detector and the
agency's allow and deny lists see the real domain, and the archive keeps where it pointed), a
photo's or video's link becomes the comment's attachment, ``&amp;``, ``&lt;`` and ``&gt;``
become ``&``, ``<`` and ``>``, and a post longer than 280 characters is read whole from
``note_tweet`` (``text`` holds only its start).

X's API does not say whether a reply is hidden, so batches say ``visibility_known = False`` and
the archive keeps the visibility it last recorded (our own hides, confirmed by the API).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import TYPE_CHECKING, Any

import requests
import tweepy

from moderator.comments import Batch, Post, clean_text, make_comment, parse_time, to_iso
from moderator.errors import DataError, SourceError
from moderator.sources.http import ApiSession, ResponseRejected, Retry, items, obj, redact

if TYPE_CHECKING:
    from moderator.config import Config, Page

X_URL = "https://api.twitter.com"
TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "in_reply_to_user_id",
                "referenced_tweets", "edit_history_tweet_ids", "entities", "note_tweet"]
SEARCH_WINDOW = dt.timedelta(days=7) - dt.timedelta(minutes=10)
OVERLAP_SECONDS = 600
DEFAULT_THROTTLE_SECONDS = 900.0
TWEPOCH_MS = 1288834974657
MAX_PAGES = 10_000
#: The longest expanded link taken from ``entities``; a longer one stays a t.co link.
MAX_LINK = 2048
_T_CO = r"https://t\.co/\w{1,30}"
_WRAPPED = re.compile(_T_CO)
_EXPANDED = re.compile(r"https?://[^\s\x00-\x1f\x7f]+")
#: What one pass over the API's text replaces: t.co links and the three escaped characters.
_ENCODED = re.compile(_T_CO + r"(?!\w)|&(?:amp|lt|gt);")
_UNESCAPED = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}


def readable(item: dict[str, Any]) -> tuple[Any, dict[str, str] | None]:
    """A post's or reply's text as X shows it (see the module docstring), and its photo or
    video as an attachment: X puts a t.co link to the media at the end of the text (its entity
    has a ``media_key``) and shows the picture instead, so the link leaves the text.

    A post longer than 280 characters comes with ``text`` cut short and the whole of it in
    ``note_tweet``, with its own entities: the whole text is the one kept. One pass over the
    text, so nothing is replaced twice. A link entity that is not a t.co link with a plain
    http(s) expansion of at most MAX_LINK characters is left as the API sent it."""
    note = obj(item.get("note_tweet"))
    text = note["text"] if isinstance(note.get("text"), str) else item.get("text")
    if not isinstance(text, str):
        return text, None
    links = [obj(item.get("entities")).get("urls"), obj(note.get("entities")).get("urls")]
    expanded = dict(_UNESCAPED)
    media: dict[str, str] | None = None
    for link in [link for found in links if isinstance(found, list) for link in found]:
        short, long = obj(link).get("url"), obj(link).get("expanded_url")
        if not (isinstance(short, str) and _WRAPPED.fullmatch(short) and isinstance(long, str)
                and len(long) <= MAX_LINK and _EXPANDED.fullmatch(long)):
            continue
        if isinstance(obj(link).get("media_key"), str):
            expanded[short] = ""
            media = media or {"type": "media", "url": long}
        elif short not in expanded:
            expanded[short] = long
    text = _ENCODED.sub(lambda match: expanded.get(match.group(), match.group()), text)
    return (text.rstrip() if media else text), media


def snowflake_time(tweet_id: int) -> dt.datetime:
    """When an X id was minted (ids are Twitter snowflakes: milliseconds in the high bits)."""
    return dt.datetime.fromtimestamp(((tweet_id >> 22) + TWEPOCH_MS) / 1000, dt.UTC)


def _int_id(value: Any) -> int | None:
    if isinstance(value, str) and value.isdigit() and len(value) <= 20:
        return int(value)
    return None


class XSource:
    """Reads one X account's conversations; ``fetch`` returns a whole batch or raises."""

    platform = "x"

    def __init__(self, page: Page, config: Config, *, retry: Retry | None = None,
                 page_size: int = 100) -> None:
        self.page = page
        self.recheck = dt.timedelta(hours=config.recheck_hours)
        self.page_size = max(10, min(100, page_size))
        self.session = ApiSession(X_URL, page.api_base_url, config.api_timeout,
                                  page_key=page.key, retry=retry, secret=page.token)
        self.client = tweepy.Client(bearer_token=page.token, return_type=dict,
                                    wait_on_rate_limit=False)
        self.client.session = self.session

    def fetch(self, cursor: dict[str, Any] | None) -> Batch:
        """Replies new or changed since ``cursor``; raises SourceError, never half a batch."""
        self.session.reset_usage()
        now = dt.datetime.now(dt.UTC)
        recent_since = to_iso(now - self.recheck)
        since_id = _int_id((cursor or {}).get("since_id"))
        newest = since_id or 0
        batch = Batch(visibility_known=False)
        for post in self._own_posts(now, batch):
            batch.posts.append(post)
            whole = since_id is None or (post.created_at or "") >= recent_since
            problems = len(batch.errors)
            found = self._conversation(post.post_id, None if whole else since_id, now, batch)
            newest = max(newest, found)
            if whole and len(batch.errors) == problems:
                batch.complete_posts.add(post.post_id)
        batch.cursor = {"v": 1, "since_id": str(newest) if newest else None,
                        "polled_at": to_iso(now)}
        batch.usage = self.session.usage
        return batch

    def _call(self, what: str, method: Any, *args: Any, **params: Any) -> dict[str, Any]:
        if not self.page.token:
            raise SourceError(f"page {self.page.key}: {self.page.missing_token()}",
                              kind="auth")
        if self.session.usage is not None and self.session.usage >= 1.0:
            raise SourceError(f"page {self.page.key}: {what}: X reports the rate limit used up",
                              kind="throttled",
                              retry_after=self.session.regain_seconds or DEFAULT_THROTTLE_SECONDS)
        try:
            result = method(*args, **params)
        except tweepy.TweepyException as error:
            raise x_error(error, self.page.key, what) from None
        except ResponseRejected as error:
            raise SourceError(f"page {self.page.key}: {what}: X sent {error}",
                              kind="transient") from None
        except requests.RequestException as error:
            raise SourceError(f"page {self.page.key}: {what}: {type(error).__name__} after "
                              f"{self.session.retry.attempts} tries", kind="transient") from None
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SourceError(f"page {self.page.key}: {what}: X sent a response that is not "
                              "the JSON it should be", kind="transient") from None
        if not isinstance(result, dict):
            raise SourceError(f"page {self.page.key}: {what}: expected a JSON object",
                              kind="transient")
        return result

    def _pages(self, what: str, method: Any, *args: Any, token_name: str,
               **params: Any) -> Any:
        token: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            result = self._call(what, method, *args, **params,
                                **({token_name: token} if token else {}))
            if not isinstance(result.get("data", []), list):
                raise SourceError(f"page {self.page.key}: {what}: the answer's data is not a "
                                  "list", kind="transient")
            yield result
            meta = obj(result.get("meta"))
            token = meta.get("next_token") if isinstance(meta.get("next_token"), str) else None
            if not token:
                return
            if token in seen:
                raise SourceError(f"page {self.page.key}: {what}: X repeats a next_token",
                                  kind="transient")
            seen.add(token)

    def _own_posts(self, now: dt.datetime, batch: Batch) -> list[Post]:
        """The account's posts of the last seven days; one without a usable id is reported
        and left out (its replies are not read, so none is inferred deleted)."""
        posts: list[Post] = []
        where = f"page {self.page.key}: listing the account's posts"
        for result in self._pages("listing the account's posts", self.client.get_users_tweets,
                                  self.page.account_id, token_name="pagination_token",
                                  exclude=["replies", "retweets"],
                                  max_results=self.page_size, start_time=now - SEARCH_WINDOW,
                                  tweet_fields=["created_at", "conversation_id", "entities",
                                                "note_tweet"]):
            for item in items(result.get("data")):
                if not isinstance(item, dict) or _int_id(item.get("id")) is None:
                    batch.errors.append(f"{where}: a post without a usable id")
                    continue
                try:
                    created = parse_time(item.get("created_at"))
                except DataError as error:
                    batch.notes.append(f"{where}: {error}; archived without it")
                    created = None
                text, _ = readable(item)
                text = clean_text(text) if isinstance(text, str) else None
                posts.append(Post(self.platform, self.page.account_id, item["id"], text,
                                  created, f"https://x.com/i/web/status/{item['id']}"))
        return posts

    def _conversation(self, conversation: str, since_id: int | None, now: dt.datetime,
                      batch: Batch) -> int:
        """Add the conversation's replies (newest version of each) to ``batch``; returns the
        highest id seen."""
        params: dict[str, Any] = {}
        if since_id is not None:
            floor = since_id - (OVERLAP_SECONDS * 1000 << 22)
            if floor > 0 and snowflake_time(floor) > now - SEARCH_WINDOW:
                params["since_id"] = str(floor)
        newest = 0
        latest: dict[str, tuple[int, dict[str, Any]]] = {}
        users: dict[str, str] = {}
        what = f"searching conversation {conversation}"
        for result in self._pages(what, self.client.search_recent_tweets,
                                  f"conversation_id:{conversation} is:reply",
                                  token_name="next_token", max_results=self.page_size,
                                  tweet_fields=TWEET_FIELDS, expansions=["author_id"],
                                  user_fields=["username"], **params):
            includes = obj(result.get("includes"))
            for user in items(includes.get("users")):
                if isinstance(user, dict) and isinstance(user.get("username"), str):
                    users[str(user.get("id"))] = user["username"]
            for item in items(result.get("data")):
                number = _int_id(item.get("id")) if isinstance(item, dict) else None
                if number is None:
                    batch.errors.append(f"page {self.page.key}: a reply in conversation "
                                        f"{conversation} has no usable id")
                    continue
                newest = max(newest, number)
                history = item.get("edit_history_tweet_ids")
                original = history[0] if isinstance(history, list) and history and \
                    _int_id(history[0]) is not None else item["id"]
                if original == conversation:
                    continue
                if original not in latest or latest[original][0] < number:
                    latest[original] = (number, item)
        for original, (_, item) in latest.items():
            self._add(conversation, original, item, users, batch)
        return newest

    def _add(self, conversation: str, original: str, item: dict[str, Any],
             users: dict[str, str], batch: Batch) -> None:
        parent = None
        for ref in items(item.get("referenced_tweets")):
            if isinstance(ref, dict) and ref.get("type") == "replied_to":
                parent = ref.get("id")
        text, media = readable(item)
        try:
            batch.comments.append(make_comment({
                "platform": self.platform, "page_id": self.page.account_id,
                "post_id": conversation, "comment_id": original, "text": text,
                "attachment": media,
                "author_id": item.get("author_id"),
                "author_name": users.get(str(item.get("author_id"))),
                "parent_id": None if parent == conversation else parent,
                "created_at": item.get("created_at"),
                "edited_at": item.get("created_at") if item["id"] != original else None,
                "permalink": f"https://x.com/i/web/status/{item['id']}",
            }, where=f"page {self.page.key}: reply in conversation {conversation}",
                notes=batch.notes))
        except DataError as error:
            batch.errors.append(str(error))

    def set_hidden(self, comment_id: str, hidden: bool) -> None:
        """Hide or unhide one reply (OAuth 2.0 user token: ``user_auth=False``)."""
        what = f"{'hiding' if hidden else 'unhiding'} reply {comment_id}"
        method = self.client.hide_reply if hidden else self.client.unhide_reply
        result = self._call(what, method, comment_id, user_auth=False)
        data = obj(result.get("data"))
        if data.get("hidden") is not hidden:
            raise SourceError(f"page {self.page.key}: {what}: X did not confirm it",
                              kind="transient")

    def close(self) -> None:
        self.session.close()


def x_error(error: tweepy.TweepyException, key: str, what: str) -> SourceError:
    """Classify a tweepy error; the message holds the status and X's error titles."""
    if not isinstance(error, tweepy.HTTPException):
        return SourceError(f"page {key}: {what}: {type(error).__name__}", kind="transient")
    status = error.response.status_code
    detail = redact("; ".join(str(m) for m in error.api_messages if m))[:200]
    message = f"page {key}: {what}: X API HTTP {status}" + (f": {detail}" if detail else "")
    if status in (400, 404) and what == "listing the account's posts":
        message += (f"; check account_id of page {key} in moderator.toml: X needs the account's "
                    "numeric user id, not its @handle")
    if isinstance(error, tweepy.Unauthorized):
        return SourceError(message + "; re-authorise the account and update its token",
                           kind="auth", code=str(status))
    if isinstance(error, tweepy.TooManyRequests):
        wait = DEFAULT_THROTTLE_SECONDS
        if error.reset_time is not None:
            wait = max(1.0, error.reset_time - time.time())
        return SourceError(message, kind="throttled", retry_after=wait, code=str(status))
    if isinstance(error, tweepy.TwitterServerError):
        return SourceError(message, kind="transient", code=str(status))
    return SourceError(message, kind="permanent", code=str(status))


def connect(page: Page, config: Config) -> XSource:
    return XSource(page, config)
