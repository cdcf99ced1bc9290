"""`moderator demo`: the whole system on the embedded default, with nothing to configure.

The demo corpus (moderator/data/demo-corpus.jsonl, written for the project) is a timeline of a
city's pages: posts and comments that appear, are edited, hidden by staff or deleted at given
cycles. Each demo cycle shows the platform's state at that cycle and runs one poll of every page.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moderator import audit
from moderator.archive import Archive
from moderator.classify import build_scorer
from moderator.config import Config, load_config
from moderator.paths import data, shipped
from moderator.pipeline import CycleReport

Echo = Callable[[str], None]
DEMO_PAGES = (
    ("demo-facebook", "facebook", "100000000000001", "City of Springfield (demo)"),
    ("demo-instagram", "instagram", "17841400000000001", "@springfield.demo"),
    ("demo-x", "x", "1500000000000000001", "@SpringfieldDemo"),
)


def load_corpus(path: Path | None = None) -> list[dict[str, Any]]:
    with open(path or data("demo-corpus.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def state_at(corpus: list[dict[str, Any]], cycle: int, platform: str) -> list[dict[str, Any]]:
    """What the platform shows at ``cycle``: posts, and comments with their current text."""
    posts = {e["post"]: e for e in corpus if e["kind"] == "post" and e["platform"] == platform}
    lines: list[dict[str, Any]] = []
    for post in posts.values():
        if post.get("cycle", 1) <= cycle:
            lines.append({"kind": "post", "post_id": post["post"], "text": post["text"],
                          "platform": platform})
    for entry in corpus:
        if entry["kind"] != "comment" or entry["platform"] != platform:
            continue
        if entry.get("cycle", 1) > cycle or entry.get("delete", 10**6) <= cycle:
            continue
        edit = entry.get("edit")
        text = edit["text"] if edit and edit["cycle"] <= cycle else entry["text"]
        lines.append({
            "platform": platform, "post_id": entry["post"], "comment_id": entry["id"],
            "parent_id": entry.get("reply_to"), "author_id": entry.get("author_id"),
            "author_name": entry.get("author"), "text": text,
            "created_at": f"2026-11-0{min(entry.get('cycle', 1), 9)}T09:00:00Z",
            "hidden": entry.get("hide", 10**6) <= cycle,
        })
    return lines


def write_config(folder: Path) -> Path:
    """A demo moderator.toml and a copy of the shipped conduct rules in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shipped("config/conduct-rules.toml"), folder / "conduct-rules.toml")
    pages = "".join(
        f'\n[[pages]]\nkey = "{key}"\nplatform = "{platform}"\naccount_id = "{account}"\n'
        f'name = "{name}"\nsource = "jsonl"\npath = "{key}.jsonl"\npoll_interval = 30\n'
        for key, platform, account, name in DEMO_PAGES)
    config = folder / "moderator.toml"
    config.write_text(
        'agency = "City of Springfield (demo)"\narchive = "moderator.db"\n'
        'rules = "conduct-rules.toml"\ndry_run = true\n' + pages, encoding="utf-8")
    return config


def show_cycle(corpus: list[dict[str, Any]], folder: Path, cycle: int) -> None:
    for key, platform, _, _ in DEMO_PAGES:
        with open(folder / f"{key}.jsonl", "w", encoding="utf-8") as handle:
            for line in state_at(corpus, cycle, platform):
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def summarise(reports: list[CycleReport]) -> dict[str, int]:
    keys = ("fetched", "new", "edited", "visibility", "deleted", "allowed", "queued", "acted")
    return {key: sum(int(getattr(r, key)) for r in reports) for key in keys}


def run_demo(folder: Path | None, *, cycles: int, web: bool, host: str, port: int,
             echo: Echo = print) -> dict[str, int]:
    """Run ``cycles`` poll cycles on the demo pages, print what happened, optionally serve."""
    from moderator.scheduler import poll_once

    folder = folder or Path(tempfile.mkdtemp(prefix="moderator-demo-"))
    config_path = write_config(folder)
    config: Config = load_config(config_path)
    scorer = build_scorer(config)
    corpus = load_corpus()
    echo(f"Demo folder: {folder} (config, archive); model {scorer.version}; dry run: "
         "actions are recorded as 'would hide', nothing is sent")
    everything: list[CycleReport] = []
    for cycle in range(1, cycles + 1):
        show_cycle(corpus, folder, cycle)
        reports = poll_once(config, scorer, listeners=())
        everything += reports
        totals = summarise(reports)
        echo(f"cycle {cycle}: fetched {totals['fetched']} comments ({totals['new']} new, "
             f"{totals['edited']} edited, {totals['deleted']} deleted); allowed "
             f"{totals['allowed']}, queued {totals['queued']}, acted on {totals['acted']}")
        for report in reports:
            if report.error:
                echo(f"  {report.page}: failed ({report.error_kind}): {report.error}")
    totals = summarise(everything)
    with Archive.open(config.archive) as archive:
        check = audit.verify(archive)
        echo(f"total: fetched {totals['fetched']}, allowed {totals['allowed']}, queued "
             f"{totals['queued']}, acted on {totals['acted']}; archive {config.archive}: "
             f"{check.comments} comments, {check.versions} versions, {check.audit_entries} "
             f"audit entries, verify {'OK' if check.ok else 'FAILED'}")
    if web:
        serve_demo(config, host, port, echo)
    return totals


def demo_logins(config: Config) -> dict[str, tuple[str, str]]:
    """One account per role with a fresh random password: {username: (role, password)}."""
    from moderator.users import add_user, set_password

    logins = {"moderator": "moderator", "records": "records", "admin": "admin"}
    made: dict[str, tuple[str, str]] = {}
    with Archive.open(config.archive) as archive:
        for username, role in logins.items():
            password = secrets.token_urlsafe(12)
            exists = archive.one("SELECT 1 FROM users WHERE username = ?", [username])
            if exists:
                set_password(archive, username, password, by="demo")
            else:
                add_user(archive, username, role, password, by="demo")
            made[username] = (role, password)
    return made


def serve_demo(config: Config, host: str, port: int, echo: Echo) -> None:
    """Serve the review queue on the demo archive until Ctrl-C."""
    import uvicorn

    from moderator.web import create_app

    logins = demo_logins(config)
    echo(f"Review queue: http://{host}:{port}/  (Ctrl-C to stop)")
    for username, (role, password) in logins.items():
        echo(f"  log in as {username:<10} password {password}   ({role})")
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning",
                server_header=False)
