"""The sandbox's HTTP server: API requests (with faults) and the ``/_sandbox/`` control API."""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from moderator.errors import DataError
from moderator.sources.sandbox.faults import Fault, Faults, Stats, fault_reply
from moderator.sources.sandbox.graph import GraphApi
from moderator.sources.sandbox.state import GRAPH_PLATFORMS, World
from moderator.sources.sandbox.wire import Reply, json_reply
from moderator.sources.sandbox.xapi import XApi

logger = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "moderator-sandbox"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines carry access tokens in their query strings."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.app.serve(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.server.app.serve(self, "POST")

    def do_PUT(self) -> None:  # noqa: N802
        self.server.app.serve(self, "PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self.server.app.serve(self, "DELETE")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    app: App

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (a killed daemon) is normal here; anything
        else is logged, never printed."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            logger.exception("sandbox: error answering %s", client_address)


class App:
    """Routes one request: control API, or a platform API behind the fault injector."""

    def __init__(self, world: World, faults: Faults, stats: Stats, base_url: Any) -> None:
        self.world, self.faults, self.stats = world, faults, stats
        self.graph = GraphApi(world, base_url)
        self.x = XApi(world)
        self.control = Control(self)

    def serve(self, handler: _Handler, method: str) -> None:
        url = urlsplit(handler.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        length = int(handler.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(handler, json_reply(413, {"error": "body too large"}))
            return
        body = handler.rfile.read(length) if length else b""
        self.stats.note("requests")
        if url.path.startswith("/_sandbox"):
            self.stats.note("control")
            self._send(handler, self.control.handle(method, url.path, body))
            return
        api = "x" if url.path.startswith("/2/") else "graph"
        authorization = handler.headers.get("Authorization", "")
        if api == "graph" and handler.headers.get("Content-Type", "").startswith(
                "application/x-www-form-urlencoded"):
            params.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        token = params.get("access_token") if api == "graph" else authorization[7:]
        account = self.world.by_token(token, ("x",) if api == "x" else GRAPH_PLATFORMS)
        self.stats.note(f"api:{api}", f"route:{self.stats.route(method, url.path)}",
                        f"account:{account.id if account else '(unknown token)'}")
        fault = self.faults.pick(api, url.path, method)
        if fault is not None and fault.kind != "slow" and account is not None:
            self.world.journal.trouble(account.id)
        if fault is not None:
            self.stats.note(f"fault:{fault.kind}")
            if fault.delay_ms:
                time.sleep(fault.delay_ms / 1000)
            if fault.kind == "disconnect":
                handler.close_connection = True
                return
            if fault.kind not in ("slow", "truncated"):
                self._send(handler, fault_reply(fault, api))
                return
        truncate = fault is not None and fault.kind == "truncated"
        with self.world.lock:  # one consistent state per answer, even while tests mutate it
            noted = len(self.world.journal.hide_requests)
            if api == "graph":
                reply = self.graph.handle(method, url.path, params)
            else:
                reply = self.x.handle(method, url.path, params, body, authorization)
            if reply.status >= 400 and account is not None:
                self.world.journal.trouble(account.id)
            if truncate:
                self.world.journal.answer_lost(noted)
        self._send(handler, reply, truncate=truncate)

    def _send(self, handler: _Handler, reply: Reply, truncate: bool = False) -> None:
        self.stats.note(f"status:{reply.status}")
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", reply.content_type)
            extra = 64 if truncate else 0
            handler.send_header("Content-Length", str(len(reply.body) + extra))
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(reply.body[:len(reply.body) // 2] if truncate else reply.body)
            handler.wfile.flush()
        except OSError:
            pass
        if truncate:
            handler.close_connection = True


class Control:
    """``/_sandbox/...``: JSON in, JSON out; see the package docstring for the routes."""

    def __init__(self, app: App) -> None:
        self.app = app

    def handle(self, method: str, path: str, body: bytes) -> Reply:
        try:
            data = json.loads(body) if body.strip() else {}
            if not isinstance(data, dict):
                raise DataError("the request body must be a JSON object")
            return json_reply(200, self._route(method, path.rstrip("/"), data))
        except (DataError, ValueError, TypeError, KeyError) as error:
            return json_reply(400, {"error": str(error)})
        except LookupError as error:
            return json_reply(404, {"error": str(error)})

    def _route(self, method: str, path: str, data: dict[str, Any]) -> Any:
        world, app = self.app.world, self.app
        match = re.fullmatch(r"/_sandbox/(\w+)(?:/([^/]+))?(?:/(\w+))?", path)
        if path == "/_sandbox" and method == "GET":
            return {"routes": ROUTES}
        if not match:
            raise LookupError(f"no control route {method} {path}")
        what, key, verb = match.groups()
        if method == "GET" and (what, key) == ("state", None):
            return world.dump()
        if method == "GET" and (what, key) == ("log", None):
            return world.journal.snapshot()
        if method == "GET" and (what, key) == ("stats", None):
            return app.stats.snapshot()
        if method == "GET" and (what, key) == ("faults", None):
            return {"faults": app.faults.listing()}
        if method == "DELETE" and (what, key) == ("faults", None):
            app.faults.clear()
            return {"faults": []}
        if method != "POST":
            raise LookupError(f"no control route {method} {path}")
        if (what, key) == ("stats", "reset"):
            app.stats.reset()
            return app.stats.snapshot()
        if (what, key) == ("faults", "clear"):
            app.faults.clear()
            return {"faults": []}
        if (what, key) == ("faults", None):
            seed = data.pop("seed", None)
            return app.faults.add(Fault(**data), seed=seed).as_dict()
        if (what, key) == ("advance", None):
            return {"applied": world.advance(int(data["cycle"])), "cycle": world.cycle}
        if (what, key) == ("accounts", None):
            account = world.add_account(data["platform"], str(data["id"]), data.get("token"),
                                        name=data.get("name", ""),
                                        username=data.get("username", ""))
            return {"id": account.id, "platform": account.platform, "token": account.token}
        if what == "accounts" and key and verb:
            return self._account(key, verb, data)
        if (what, key) == ("posts", None):
            return world.add_post(str(data["account"]), data.get("text", ""),
                                  created=data.get("created"), alias=data.get("alias")).as_dict()
        if (what, key) == ("comments", None):
            return world.add_comment(str(data["post"]), data.get("text", ""),
                                     author_id=str(data.get("author_id", "")),
                                     author_name=str(data.get("author_name", "")),
                                     parent=data.get("parent"),
                                     hidden=bool(data.get("hidden", False)),
                                     created=data.get("created"),
                                     alias=data.get("alias")).as_dict()
        if what in ("comments", "posts") and key and verb:
            if verb == "edit":
                return world.edit(key, str(data["text"])).as_dict()
            if verb == "hide":
                return world.hide(key, bool(data.get("hidden", True))).as_dict()
            if verb == "delete":
                return world.delete(key).as_dict()
        raise LookupError(f"no control route {method} {path}")

    def _account(self, key: str, verb: str, data: dict[str, Any]) -> Any:
        world = self.app.world
        if verb == "expire":
            world.expire_token(key)
        elif verb == "token":
            world.set_token(key, str(data["token"]))
        elif verb == "rate_limit":
            limit = data.get("limit")
            world.set_rate_limit(key, int(limit) if limit else None,
                                 float(data.get("window", 3600)))
        else:
            raise LookupError(f"no account action {verb!r}")
        return {"id": key, "ok": True}


ROUTES = [
    "GET /_sandbox/state", "GET /_sandbox/log", "GET /_sandbox/stats",
    "POST /_sandbox/stats/reset",
    "POST /_sandbox/advance {cycle}", "POST /_sandbox/accounts {platform,id,token,name,username}",
    "POST /_sandbox/accounts/<id>/expire", "POST /_sandbox/accounts/<id>/token {token}",
    "POST /_sandbox/accounts/<id>/rate_limit {limit,window}",
    "POST /_sandbox/posts {account,text,created,alias}",
    "POST /_sandbox/comments {post,text,author_id,author_name,parent,hidden,created,alias}",
    "POST /_sandbox/comments/<id>/edit {text}", "POST /_sandbox/comments/<id>/hide {hidden}",
    "POST /_sandbox/comments/<id>/delete", "POST /_sandbox/posts/<id>/delete",
    "GET /_sandbox/faults", "POST /_sandbox/faults {kind,rate,count,burst,delay_ms,path,method,"
    "api,code,retry_after,after,seed}", "POST /_sandbox/faults/clear", "DELETE /_sandbox/faults",
]


def start_server(app: App, host: str, port: int) -> tuple[_Server, threading.Thread]:
    server = _Server((host, port), _Handler)
    server.app = app
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="sandbox", daemon=True)
    thread.start()
    return server, thread
