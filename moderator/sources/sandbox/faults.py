"""Faults the sandbox injects on demand, and its request counters.

A :class:`Fault` rule matches requests by API (``graph``, ``x`` or both), HTTP ``method`` and
path substring, fires with probability ``rate`` (drawn from one seeded generator, so a storm
replays exactly), at most ``count`` times if given, only after letting ``after`` matching
requests through (to fail in the middle of a paginated read), after ``delay_ms``. Once it fires,
the next ``burst - 1`` matching requests fire too, without a draw (a burst of 429s). Kinds:

==============  ==================================================================
``throttle``    Graph error ``code`` (4, 17, 32, 613, 80001...) with usage at 100%;
                X 429 with ``x-rate-limit-reset`` ``retry_after`` seconds ahead
``server_error`` Graph 500 ``{"error": {"code": 2, "is_transient": true}}``; X 503
``html``        a 502 HTML error page
``slow``        answers normally after ``delay_ms``
``malformed``   200 with a JSON content type and a body that is not JSON
``truncated``   200 whose body stops short of its Content-Length, then the socket closes
``disconnect``  the socket closes with no answer at all
``expired_token`` Graph 190/463 or X 401, once (``Sandbox.expire_token`` is lasting)
==============  ==================================================================
"""

from __future__ import annotations

import math
import random
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from moderator.sources.sandbox.wire import Reply, json_reply

KINDS = ("throttle", "server_error", "html", "slow", "malformed", "truncated", "disconnect",
         "expired_token")
HTML = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad " \
       b"Gateway</h1><p>The server returned an invalid or incomplete response.</p></body></html>"


@dataclass
class Fault:
    kind: str
    rate: float = 1.0
    count: int | None = None
    delay_ms: int = 0
    path: str = ""
    api: str = ""
    code: int = 4
    retry_after: int = 60
    after: int = 0
    method: str = ""
    burst: int = 1
    fired: int = 0
    bursting: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; use one of {', '.join(KINDS)}")
        if not 0 <= self.rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        if self.api not in ("", "graph", "x"):
            raise ValueError("api must be graph, x or empty (both)")
        if self.method not in ("", "GET", "POST", "PUT", "DELETE"):
            raise ValueError("method must be GET, POST, PUT, DELETE or empty (any)")
        if self.burst < 1:
            raise ValueError("burst must be 1 or more")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Faults:
    """The active fault rules; thread-safe, seeded."""

    def __init__(self, seed: int = 0) -> None:
        self.lock = threading.Lock()
        self.rules: list[Fault] = []
        self.rng = random.Random(seed)

    def add(self, fault: Fault, seed: int | None = None) -> Fault:
        with self.lock:
            if seed is not None:
                self.rng.seed(seed)
            self.rules.append(fault)
            return fault

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()

    def pick(self, api: str, path: str, method: str = "GET") -> Fault | None:
        with self.lock:
            for rule in list(self.rules):
                if (rule.api and rule.api != api) or (rule.path and rule.path not in path) or \
                        (rule.method and rule.method != method):
                    continue
                if rule.after > 0:
                    rule.after -= 1
                    continue
                if rule.bursting > 0:
                    rule.bursting -= 1
                elif rule.rate < 1 and self.rng.random() >= rule.rate:
                    continue
                else:
                    rule.bursting = rule.burst - 1
                rule.fired += 1
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self.rules.remove(rule)
                return rule
            return None

    def listing(self) -> list[dict[str, Any]]:
        with self.lock:
            return [rule.as_dict() for rule in self.rules]


def fault_reply(fault: Fault, api: str) -> Reply:
    """The answer a fault gives instead of the real one (``slow`` and the socket faults are
    handled by the server)."""
    if fault.kind == "html":
        return Reply(502, HTML, "text/html; charset=utf-8")
    if fault.kind == "malformed":
        return Reply(200, b'{"data":[{"id":"1","message":"unterminated', "application/json")
    if api == "graph":
        trace = "A" + secrets.token_hex(10)
        if fault.kind == "throttle":
            minutes = max(1, math.ceil(fault.retry_after / 60))
            usage = {"X-App-Usage": '{"call_count":100,"total_cputime":40,"total_time":40}',
                     "X-Business-Use-Case-Usage": '{"0":[{"type":"pages","call_count":100,'
                     '"total_cputime":40,"total_time":40,"estimated_time_to_regain_access":'
                     f'{minutes}}}]}}'}
            return json_reply(400, {"error": {"message": f"(#{fault.code}) Application request "
                                              "limit reached", "type": "OAuthException",
                                              "is_transient": True, "code": fault.code,
                                              "fbtrace_id": trace}}, usage)
        if fault.kind == "expired_token":
            return json_reply(400, {"error": {"message": "Error validating access token: "
                                              "Session has expired.", "type": "OAuthException",
                                              "code": 190, "error_subcode": 463,
                                              "fbtrace_id": trace}})
        return json_reply(500, {"error": {"message": "An unexpected error has occurred. Please "
                                          "retry your request later.", "type": "OAuthException",
                                          "is_transient": True, "code": 2, "fbtrace_id": trace}})
    if fault.kind == "throttle":
        reset = str(int(time.time()) + fault.retry_after)
        return json_reply(429, {"title": "Too Many Requests", "detail": "Too Many Requests",
                                "type": "about:blank", "status": 429},
                          {"x-rate-limit-limit": "450", "x-rate-limit-remaining": "0",
                           "x-rate-limit-reset": reset})
    if fault.kind == "expired_token":
        return json_reply(401, {"title": "Unauthorized", "type": "about:blank", "status": 401,
                                "detail": "Unauthorized"})
    return json_reply(503, {"title": "Service Unavailable", "detail": "Service Unavailable",
                            "type": "about:blank", "status": 503})


_ID_SEGMENT = re.compile(r"^(v\d+\.\d+|\d[\d_]{2,})$")


class Stats:
    """Request counters, for tests that bound how many requests a run may make: in all, per
    API, per account (by the token sent, faulted requests included), per answer status, per
    route (ids replaced by ``{id}``) and per injected fault kind."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()

    def note(self, *keys: str) -> None:
        with self.lock:
            self.counts.update(keys)

    def route(self, method: str, path: str) -> str:
        parts = ["{version}" if p.startswith("v") and _ID_SEGMENT.match(p) else
                 "{id}" if _ID_SEGMENT.match(p) else p for p in path.split("/")]
        return f"{method} {'/'.join(parts)}"

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            counts = dict(self.counts)
        out: dict[str, Any] = {"requests": counts.get("requests", 0),
                               "control": counts.get("control", 0)}
        for group in ("api", "account", "status", "route", "fault"):
            out[group] = {k.split(":", 1)[1]: v for k, v in sorted(counts.items())
                          if k.startswith(group + ":")}
        return out

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()
