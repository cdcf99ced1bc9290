"""A small Graph-API-shaped server that answers whatever a test tells it to, byte for byte.

The sandbox writes only well-formed answers (and encodes JSON as UTF-8, so it cannot send a lone
surrogate); this one sends what a broken or malicious server might: any JSON at all, escaped
with ``ensure_ascii`` so lone surrogates arrive as ``\\udXXX`` escapes, as they can on the wire.
A page's posts are at ``/{version}/{page}/posts``, each post's comments at
``/{version}/{post}/comments``; hides are answered ``{"success": true}``. An answer given as
bytes is sent as it is (a body no JSON encoder would write). X's paths work the same way
(``users/{id}/tweets``, ``tweets/search/recent``): :func:`hostile_x_config` points an X page here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from conftest import write_config

from moderator.config import Config, load_config

PAGE = "9000"
TOKEN = "hostile-token-Pp12"


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    #: path suffix ("9000/posts", "9000_1/comments") -> the JSON value to answer with
    answers: dict[str, Any]


class _Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        path = self.path.split("?", 1)[0].strip("/")
        key = path.split("/", 1)[1] if "/" in path else path
        if self.command == "POST":
            body: Any = {"success": True}
        else:
            body = self.server.answers.get(key, {"data": []})
        raw = body if isinstance(body, bytes) else \
            json.dumps(body, ensure_ascii=True, allow_nan=True).encode("ascii")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = _answer  # noqa: N815


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer(("127.0.0.1", 0), _Handler)
    server.answers = {}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def hostile_config(folder: Path, server: HostileServer, *, dry_run: bool = True) -> Config:
    (folder / "hostile.token").write_text(TOKEN, encoding="utf-8")
    return load_config(write_config(folder, dry_run=dry_run, extra="api_timeout = 5", pages=(
        f'[[pages]]\nkey = "odd"\nplatform = "facebook"\naccount_id = "{PAGE}"\n'
        f'token_file = "hostile.token"\n'
        f'api_base_url = "http://127.0.0.1:{server.server_address[1]}"\n')))


X_ACCOUNT = "1500000000000000077"


def hostile_x_config(folder: Path, server: HostileServer) -> Config:
    (folder / "hostile-x.token").write_text(TOKEN, encoding="utf-8")
    return load_config(write_config(folder, dry_run=True, extra="api_timeout = 5", pages=(
        f'[[pages]]\nkey = "odd-x"\nplatform = "x"\naccount_id = "{X_ACCOUNT}"\n'
        f'token_file = "hostile-x.token"\n'
        f'api_base_url = "http://127.0.0.1:{server.server_address[1]}"\n')))
