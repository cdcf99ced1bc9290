"""The HTTP session every platform connector uses: base URL, timeout, retries, usage, secrecy.

Neither facebook-sdk nor tweepy lets us set a base URL or a default timeout, but both accept
(or expose) a ``requests.Session``. :class:`ApiSession` is that session. It

- rewrites the library's hard-coded host (``https://graph.facebook.com/``,
  ``https://api.twitter.com``) to the page's ``api_base_url``, so the same connector talks to
  the platform, to the sandbox, or to any server speaking the wire format;
- gives every request a timeout;
- retries what a retry can fix (connection errors, timeouts, 5xx, HTML error pages, bodies
  that are not the JSON they claim to be) a few times with capped exponential backoff and
  jitter, then hands the last answer (or exception) to the library, which raises;
- reads the platform's usage headers, so the pipeline can slow down before it is throttled;
- refuses an answer larger than MAX_RESPONSE_BYTES or nested too deeply for a JSON parser
  (:class:`ResponseRejected`), before any library parses it.

Graph API requests carry the token in the query string and tweepy logs its headers at DEBUG, so
this module also installs a logging filter that blanks every registered token, ``access_token=``
value and ``Bearer`` credential in the records of the libraries below us. Our own messages never
contain a URL.
"""

from __future__ import annotations

import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({500, 502, 503, 504})
#: The largest answer read from a platform. A page of 100 comments of 8,000 characters with all
#: their fields is about 2 MB; a bigger body comes from a broken or hostile server, and parsing
#: it would take about twelve times its size in memory.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024


class ResponseRejected(requests.RequestException):
    """An answer no retry will fix and no library should parse: too big or nested too deep.
    A ``requests`` exception, so every connector already reports it as a failed fetch."""

#: Set by the daemon when its stop grace period is over: retry waits end at once and no new
#: request starts, so the cycle in flight fails before it commits (its cursor does not move,
#: nothing is lost) and the process can exit in time.
STOP = threading.Event()


def interruptible_sleep(seconds: float) -> None:
    STOP.wait(seconds)


@dataclass(frozen=True)
class Retry:
    """In-request retries: ``attempts`` tries in all, waits ``base * 2**n`` capped at ``cap``,
    each scaled by a random factor in [0.5, 1] so that many clients do not retry in step."""

    attempts: int = 4
    base: float = 0.5
    cap: float = 8.0

    def wait(self, failures: int) -> float:
        return min(self.cap, self.base * 2 ** max(failures - 1, 0)) * random.uniform(0.5, 1.0)


class ApiSession(requests.Session):
    """A ``requests.Session`` bound to one page's API base URL, timeout and retry policy."""

    def __init__(self, real_base: str, base_url: str, timeout: float, *, page_key: str = "",
                 retry: Retry | None = None, secret: str | None = None,
                 sleep: Callable[[float], None] = interruptible_sleep) -> None:
        super().__init__()
        self.real_base = real_base.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.page_key = page_key
        self.retry = retry or Retry()
        self.sleep = sleep
        self.usage: float | None = None
        self.regain_seconds: float | None = None
        self.requests_sent = 0
        if secret:
            remember_secret(secret)

    def request(self, method: str | bytes, url: str | bytes, *args: Any,
                **kwargs: Any) -> requests.Response:
        """Send with the page's base URL and timeout, retrying transient failures."""
        method = method.decode() if isinstance(method, bytes) else method
        url = url.decode() if isinstance(url, bytes) else url
        if url.startswith(self.real_base):
            url = self.base_url + url[len(self.real_base):]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        kwargs["stream"] = True  # the body is read here, with a cap (see _read_capped)
        failures = 0
        while True:
            problem: str
            if STOP.is_set():
                raise requests.ConnectionError("moderator is stopping")
            try:
                self.requests_sent += 1
                response = super().request(method, url, *args, **kwargs)
                _read_capped(response)
            except ResponseRejected:
                raise
            except requests.RequestException as error:
                failures += 1
                if failures >= self.retry.attempts:
                    raise
                problem = type(error).__name__
            else:
                self.observe(response.headers)
                problem = _bad_response(response)
                if not problem:
                    return response
                failures += 1
                if failures >= self.retry.attempts:
                    return response
            wait = self.retry.wait(failures)
            logger.info("page %s: %s from the API, try %d of %d in %.2f s", self.page_key,
                        problem, failures + 1, self.retry.attempts, wait)
            self.sleep(wait)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Keep the highest usage (0..1) any response of this fetch reported."""
        usage, regain = usage_from_headers(headers)
        if usage is not None:
            self.usage = usage if self.usage is None else max(self.usage, usage)
        if regain is not None:
            self.regain_seconds = max(self.regain_seconds or 0.0, regain)

    def reset_usage(self) -> None:
        self.usage = None
        self.regain_seconds = None


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one: API payloads are hostile input."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one: API payloads are hostile input."""
    return value if isinstance(value, list) else []


def _read_capped(response: requests.Response) -> None:
    """Read a streamed body into the response, refusing one over MAX_RESPONSE_BYTES."""
    limit = MAX_RESPONSE_BYTES
    declared = response.headers.get("content-length", "")
    body = bytearray()
    try:
        if declared.isdigit() and int(declared) > limit:
            raise ResponseRejected(f"an answer of {int(declared):,} bytes, more than the "
                                   f"{limit:,} read from a platform")
        for chunk in response.iter_content(1 << 16):
            body += chunk
            if len(body) > limit:
                raise ResponseRejected(f"an answer of more than the {limit:,} bytes read from "
                                       "a platform")
    except ResponseRejected:
        response.close()
        raise
    response._content = bytes(body)
    response._content_consumed = True


def _bad_response(response: requests.Response) -> str:
    """Why a response deserves a retry, or '' if it is an answer (even an error answer)."""
    if response.status_code in RETRY_STATUSES:
        return f"HTTP {response.status_code}"
    content_type = response.headers.get("content-type", "")
    if response.status_code == 429 or response.status_code == 204:
        return ""
    if "json" not in content_type:
        return f"HTTP {response.status_code} with a {content_type or 'missing'} content type"
    try:
        json.loads(response.content)
    except ValueError:
        return f"HTTP {response.status_code} with a malformed JSON body"
    except RecursionError:
        raise ResponseRejected("an answer nested too deeply to read") from None
    return ""


def _percent(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return max(0.0, float(value)) / 100.0


def usage_from_headers(headers: Mapping[str, str]) -> tuple[float | None, float | None]:
    """(share of the rate limit used, seconds until access returns) from a response's headers.

    Graph API: ``X-App-Usage`` and ``X-Business-Use-Case-Usage`` (JSON, percentages; the second
    also gives ``estimated_time_to_regain_access`` in minutes). X API: ``x-rate-limit-limit``,
    ``x-rate-limit-remaining`` and ``x-rate-limit-reset`` (epoch seconds). Unparseable headers
    are ignored: they are hints, never a reason to fail.
    """
    shares: list[float] = []
    regain: float | None = None
    for name in ("x-app-usage", "x-page-usage", "x-business-use-case-usage"):
        raw = headers.get(name)
        if not raw or len(raw) > 65536:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        entries: list[Any] = []
        if name == "x-business-use-case-usage" and isinstance(data, dict):
            for value in data.values():
                entries += value if isinstance(value, list) else []
        else:
            entries.append(data)
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            for key in ("call_count", "total_time", "total_cputime"):
                share = _percent(entry.get(key))
                if share is not None:
                    shares.append(share)
            minutes = entry.get("estimated_time_to_regain_access")
            if isinstance(minutes, int | float) and not isinstance(minutes, bool) and minutes > 0:
                regain = max(regain or 0.0, float(minutes) * 60)
    try:
        limit = int(headers.get("x-rate-limit-limit", ""))
        remaining = int(headers.get("x-rate-limit-remaining", ""))
        if limit > 0:
            shares.append(min(1.0, max(0.0, 1 - remaining / limit)))
            if remaining <= 0:
                reset = int(headers.get("x-rate-limit-reset", ""))
                regain = max(regain or 0.0, float(reset - time.time()))
    except ValueError:
        pass
    return (max(shares) if shares else None), regain


# secrecy -------------------------------------------------------------------------------------

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
#: Token-shaped text blanked in anything logged: a URL's access_token, a Bearer header, and an
#: OAuth 1 header's parameters (only those: "Invalid OAuth access token" is Facebook's message).
_PATTERNS = re.compile(r"(access_token=)[^&\s'\"]+|(Bearer )[^\s'\",}]+|"
                       r"(OAuth )(?=(?:realm|oauth_)[\w-]*=)[^\n]+", re.IGNORECASE)
#: Loggers of the libraries under the connectors; any of them may log a URL or a header.
LIBRARY_LOGGERS = ("tweepy", "tweepy.client", "urllib3", "urllib3.connectionpool", "requests",
                   "requests_oauthlib", "requests_oauthlib.oauth1_auth",
                   "requests_oauthlib.oauth2_session", "oauthlib", "oauthlib.oauth1.rfc5849",
                   "facebook")


def remember_secret(secret: str) -> None:
    """Register a token so the logging filter blanks it wherever it appears."""
    if len(secret) >= 6:
        with _LOCK:
            _SECRETS.add(secret)


def redact(text: str) -> str:
    """``text`` with every registered token and credential-looking value replaced."""
    with _LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    return _PATTERNS.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + "[redacted]", text)


class RedactingFilter(logging.Filter):
    """Rewrites a library's log record so no token survives formatting."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the library's problem, not a reason to leak
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactingFilter()
for _name in LIBRARY_LOGGERS:
    logging.getLogger(_name).addFilter(_FILTER)
