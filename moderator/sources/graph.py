"""Graph API plumbing shared by the Facebook and Instagram connectors.

:class:`GraphClient` wraps facebook-sdk's ``GraphAPI`` (which refuses current API versions in
its constructor: the version is set as an attribute afterwards) over an
:class:`~moderator.sources.http.ApiSession`, pages through edges by their ``after`` cursor,
and turns every failure into a :class:`SourceError` whose message is built from the Graph
error's code, subcode and type, never from a URL (Graph URLs carry the page token):

==========================================  ===========
Graph error                                 kind
==========================================  ===========
190, 102 (token expired, revoked, invalid)  auth
4, 17, 32, 613, 80001-80014 (rate limits)   throttled
1, 2, ``is_transient``; HTML or no body     transient
connection errors, timeouts, bad JSON       transient
anything else (permissions, bad request)    permanent
==========================================  ===========
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import facebook
import requests

from moderator.errors import SourceError
from moderator.sources.http import ApiSession, ResponseRejected, Retry, obj, redact

if TYPE_CHECKING:
    from moderator.config import Config, Page

GRAPH_URL = "https://graph.facebook.com"
AUTH_CODES = frozenset({102, 190})
THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
TRANSIENT_CODES = frozenset({1, 2})
#: When a throttled answer does not say how long to wait (Graph's app limits do not).
DEFAULT_THROTTLE_SECONDS = 600.0
#: A loop guard: no edge we read has more pages than this.
MAX_PAGES = 100_000


class GraphClient:
    """One page's Graph API connection: GET/POST with error mapping, and edge paging."""

    def __init__(self, page: Page, config: Config, *, retry: Retry | None = None,
                 page_size: int = 100) -> None:
        self.page = page
        self.page_size = page_size
        self.session = ApiSession(GRAPH_URL, page.api_base_url, config.api_timeout,
                                  page_key=page.key, retry=retry, secret=page.token)
        self.graph = facebook.GraphAPI(access_token=page.token, timeout=config.api_timeout,
                                       session=self.session)
        self.graph.version = page.api_version if page.api_version.startswith("v") \
            else f"v{page.api_version}"

    def _check(self, what: str) -> None:
        if not self.page.token:
            raise SourceError(f"page {self.page.key}: {self.page.missing_token()}",
                              kind="auth")
        if self.session.usage is not None and self.session.usage >= 1.0:
            raise SourceError(f"page {self.page.key}: {what}: the platform reports 100% of its "
                              "rate limit used", kind="throttled",
                              retry_after=self.session.regain_seconds or DEFAULT_THROTTLE_SECONDS)

    def request(self, path: str, what: str, args: dict[str, Any] | None = None,
                post_args: dict[str, Any] | None = None) -> dict[str, Any]:
        """One Graph request (GET, or POST with ``post_args``); the JSON object it returned."""
        self._check(what)
        try:
            result = self.graph.request(f"{self.graph.version}/{path}", dict(args or {}),
                                        post_args=post_args)
        except facebook.GraphAPIError as error:
            raise graph_error(error, self, what) from None
        except ResponseRejected as error:
            raise SourceError(f"page {self.page.key}: {what}: the API sent {error}",
                              kind="transient") from None
        except requests.RequestException as error:
            raise SourceError(f"page {self.page.key}: {what}: {type(error).__name__} after "
                              f"{self.session.retry.attempts} tries", kind="transient") from None
        except (KeyError, ValueError, TypeError):
            raise SourceError(f"page {self.page.key}: {what}: the API sent a response that is "
                              "not the JSON it should be", kind="transient") from None
        if not isinstance(result, dict):
            raise SourceError(f"page {self.page.key}: {what}: expected a JSON object",
                              kind="transient")
        return result

    def edge(self, path: str, what: str, **args: Any) -> Iterator[Any]:
        """Every item of a paged edge, as sent (callers check each is an object); follows
        ``paging.cursors.after`` for as long as the answer has a ``paging.next`` link (we never
        follow the link itself, which carries the token)."""
        args.setdefault("limit", self.page_size)
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            result = self.request(path, what, args)
            data = result.get("data")
            if not isinstance(data, list):
                raise SourceError(f"page {self.page.key}: {what}: the answer has no data list",
                                  kind="transient")
            yield from data
            after = next_cursor(result.get("paging"))
            if after is None:
                return
            if after in seen:
                raise SourceError(f"page {self.page.key}: {what}: the API repeats a paging "
                                  "cursor", kind="transient")
            seen.add(after)
            args = {**args, "after": after}
        raise SourceError(f"page {self.page.key}: {what}: more than {MAX_PAGES} pages",
                          kind="permanent")

    def close(self) -> None:
        self.session.close()


def next_cursor(paging: Any) -> str | None:
    """The ``after`` cursor of a Graph answer that says more pages follow, else None."""
    if not obj(paging).get("next"):
        return None
    after = obj(obj(paging).get("cursors")).get("after")
    return after if isinstance(after, str) and after else None


def graph_error(error: facebook.GraphAPIError, client: GraphClient, what: str) -> SourceError:
    """Classify a GraphAPIError; the message holds codes and Graph's own words, never a URL."""
    key = client.page.key
    result = error.result if isinstance(error.result, dict) else {}
    body = obj(result.get("error"))
    code = error.code if isinstance(error.code, int) and not isinstance(error.code, bool) \
        else None
    if code is None:
        return SourceError(f"page {key}: {what}: no usable answer (an HTML error page or an "
                           f"empty body) after {client.session.retry.attempts} tries",
                           kind="transient")
    subcode = body.get("error_subcode")
    label = f"Graph API error {code}" + (f"/{subcode}" if isinstance(subcode, int) else "")
    error_type = str(body.get("type") or "")[:60]
    if error_type:
        label += f" ({error_type})"
    words = redact(str(body.get("message") or ""))[:200]
    message = f"page {key}: {what}: {label}" + (f": {words}" if words else "")
    if code == 100 and what.startswith("listing "):  # the account itself is unknown
        message += (f"; check account_id of page {key} in moderator.toml: the numeric id of "
                    "the Facebook page or Instagram business account, which its token can read")
    if code in AUTH_CODES:
        return SourceError(message + "; re-authorise the page and update its token",
                           kind="auth", code=str(code))
    if code in THROTTLE_CODES:
        wait = client.session.regain_seconds or DEFAULT_THROTTLE_SECONDS
        return SourceError(message, kind="throttled", retry_after=wait, code=str(code))
    if code in TRANSIENT_CODES or body.get("is_transient") is True:
        return SourceError(message, kind="transient", code=str(code))
    return SourceError(message, kind="permanent", code=str(code))
