"""Scenario data shared by the tests: a city's pages, posts, comments and staff."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from moderator.archive import Archive
from moderator.classify import Scorer
from moderator.classify.keywords import KeywordModel
from moderator.config import Config, load_config, load_rules

ROOT = Path(__file__).resolve().parent.parent
#: The spine tests' rules: the shipped rules with fixed thresholds (tests/data/conduct-rules.toml);
#: tests of the shipped model use config/conduct-rules.toml itself.
RULES = ROOT / "tests" / "data" / "conduct-rules.toml"


@cache
def shipped_without(meta_key: str):  # type: ignore[no-untyped-def]
    """The shipped model with one published list taken out of its metadata, to show what the
    list adds (a list the model has no part in: the weights are the same)."""
    from moderator.classify import model

    loaded = model.load(None)
    meta = {key: value for key, value in loaded.meta.items() if key != meta_key}
    return model.ConductModel(loaded.pipeline, loaded.lexicon, meta, loaded.sha256)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No MODERATOR_* variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("MODERATOR_"):
            monkeypatch.delenv(name)


@pytest.fixture
def fresh_db(tmp_path: Path) -> Archive:
    archive = Archive.open(tmp_path / "archive.db")
    archive.register_page("city", "facebook", "city", "City of Springfield")
    yield archive
    archive.close()


@pytest.fixture
def rules():  # type: ignore[no-untyped-def]
    return load_rules(RULES)


@pytest.fixture
def keyword_scorer(rules) -> Scorer:  # type: ignore[no-untyped-def]
    return Scorer(rules, KeywordModel())


def comment(comment_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A comment on the city's road-repair post, as a jsonl source line."""
    line = {"platform": "facebook", "page_id": "city", "post_id": "roads",
            "comment_id": comment_id, "text": text, "author_id": f"a-{comment_id}",
            "author_name": f"Resident {comment_id}", "created_at": "2026-11-20T10:00:00Z"}
    line.update(extra)
    return line


CITY_COMMENTS = [
    comment("c1", "When will the Main Street repairs finish? The detour adds 20 minutes."),
    comment("c2", "The council wasted our money on this plan and should be ashamed of it."),
    comment("c3", "Thanks to the crews working overnight, much appreciated!"),
    comment("c4", "This is bullshit, fix the damn road", author_name="Angry Driver"),
    comment("c5", "I will hurt the engineer who approved this, watch your back"),
    comment("c6", "You are a pathetic idiot, nobody asked you", parent_id="c1"),
]


class CityPage:
    """A city's Facebook page backed by a jsonl file the test edits like the platform would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "city.jsonl"
        self.comments: dict[str, dict[str, Any]] = {}

    def post(self, *lines: dict[str, Any]) -> None:
        for line in lines:
            self.comments[line["comment_id"]] = dict(line)
        self.flush()

    def edit(self, comment_id: str, text: str) -> None:
        self.comments[comment_id]["text"] = text
        self.flush()

    def hide(self, comment_id: str) -> None:
        self.comments[comment_id]["hidden"] = True
        self.flush()

    def delete(self, comment_id: str) -> None:
        del self.comments[comment_id]
        self.flush()

    def flush(self) -> None:
        with open(self.file, "w", encoding="utf-8") as handle:
            for line in self.comments.values():
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def write_config(folder: Path, *, dry_run: bool = True, extra: str = "",
                 pages: str | None = None) -> Path:
    """A moderator.toml for the city's jsonl page, next to a copy of the shipped rules."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conduct-rules.toml").write_text(RULES.read_text(encoding="utf-8"),
                                                encoding="utf-8")
    if pages is None:
        pages = ('[[pages]]\nkey = "city"\nplatform = "facebook"\naccount_id = "city"\n'
                 'source = "jsonl"\npath = "city.jsonl"\n')
    path = folder / "moderator.toml"
    path.write_text(f'agency = "City of Springfield"\narchive = "archive.db"\n'
                    f'dry_run = {"true" if dry_run else "false"}\n{extra}\n{pages}',
                    encoding="utf-8")
    return path


@pytest.fixture
def city(tmp_path: Path) -> CityPage:
    page = CityPage(tmp_path)
    page.flush()
    return page


@pytest.fixture
def city_config(tmp_path: Path, city: CityPage) -> Config:
    return load_config(write_config(tmp_path))


# The web app: a city's queue, its staff, and a logged-in browser-like client -----------------

QUEUE_COMMENTS = [
    comment("q1", "You are a pathetic idiot, go away", author_id="troll", author_name="Troll"),
    comment("q2", "What a moron take on the bridge", author_id="troll", author_name="Troll"),
    comment("q3", "Only a loser would defend this budget", author_name="Critic"),
    comment("q4", "Stupid plan, stupid council", author_name="Voter"),
    comment("q5", "The mayor's plan is pathetic", author_name="Neighbour"),
]
PASSWORD = "correct horse battery staple"
STAFF = {"mia": "moderator", "theo": "moderator", "rita": "records", "ada": "admin"}


@pytest.fixture(scope="session")
def queue_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (password hashing is slow on purpose): the city's archive after one poll,
    with its staff."""
    from moderator.scheduler import poll_once
    from moderator.users import add_user

    folder = tmp_path_factory.mktemp("queue-template")
    page = CityPage(folder)
    page.post(*CITY_COMMENTS, *QUEUE_COMMENTS[:4])
    config = load_config(write_config(folder))
    poll_once(config, Scorer(load_rules(RULES), KeywordModel()), listeners=())
    with Archive.open(config.archive) as archive:
        for name, role in STAFF.items():
            add_user(archive, name, role, PASSWORD)
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder


@pytest.fixture
def city_queue(queue_template: Path, city: CityPage, city_config: Config) -> Config:
    """The city's page after one poll: 5 review items (harassment), 2 automatic hides, 3
    comments allowed; staff mia and theo (moderators), rita (records), ada (admin)."""
    import shutil

    shutil.copyfile(queue_template / "archive.db", city_config.archive)
    city.post(*CITY_COMMENTS, *QUEUE_COMMENTS[:4])
    return city_config


def login(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """Log in like a browser does; returns the response and sets the session cookie."""
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token, "next": "/"},
                       follow_redirects=False)


class Staff:
    """A logged-in member of staff with their own client and CSRF token."""

    def __init__(self, app, username: str) -> None:  # type: ignore[no-untyped-def]
        from fastapi.testclient import TestClient

        self.client = TestClient(app, raise_server_exceptions=False)
        self.username = username
        response = login(self.client, username)
        assert response.status_code == 303, response.text
        self.csrf = self.client.get("/api/me").json()["csrf"]

    def get(self, url: str, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.get(url, **kw)

    def post(self, url: str, data: dict | None = None, **kw: Any):  # type: ignore[no-untyped-def]
        return self.client.post(url, data={**(data or {}), "csrf_token": self.csrf},
                                follow_redirects=False, **kw)

    def api(self, url: str, body: dict | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(url, json=body or {}, headers={"X-CSRF-Token": self.csrf})


@pytest.fixture
def web(city_queue: Config):  # type: ignore[no-untyped-def]
    """The web app for the city's archive, and a way to log staff in."""
    from moderator.web import create_app

    app = create_app(city_queue)
    app.state.staff = lambda name: Staff(app, name)
    return app


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Alert receivers -------------------------------------------------------------------------------

class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []
    failures_left = 0

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.failures_left:
            Receiver.failures_left -= 1
            self.send_response(503)
            self.end_headers()
            return
        Receiver.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[int]:
    Receiver.received = []
    Receiver.failures_left = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
