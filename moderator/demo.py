"""`moderator demo`: the whole system on the embedded default, with nothing to configure.

The demo corpus (moderator/data/demo-corpus.jsonl, written for the project) is a timeline of a
city's pages: posts and comments that appear, are edited, hidden by staff or deleted at given
cycles. The demo serves it from the sandbox platform (:mod:`moderator.sources.sandbox`) on
127.0.0.1, writes a config whose three pages point their ``api_base_url`` at it, and each demo
cycle advances the sandbox's timeline and polls every page through the real connectors
(facebook-sdk for Facebook and Instagram, tweepy for X).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from moderator import audit
from moderator.archive import Archive
from moderator.classify import Scorer, build_scorer
from moderator.config import Config, load_config
from moderator.errors import DataError
from moderator.paths import data, shipped
from moderator.pipeline import CycleReport
from moderator.sources.sandbox import Sandbox

Echo = Callable[[str], None]
DEMO_PAGES = (
    ("demo-facebook", "facebook", "100000000000001", "City of Springfield (demo)"),
    ("demo-instagram", "instagram", "17841400000000001", "@springfield.demo"),
    ("demo-x", "x", "1500000000000000001", "@SpringfieldDemo"),
)


#: The demo city's own phone numbers, address and web site: quoting them is not personal
#: information or spam.
DETECTORS = ('\n[detectors]\nagency_phones = ["217-555-0100", "217-555-0122"]\n'
             'agency_addresses = ["410 Harmon St"]\nallow_domains = ["springfield.example.org"]\n')


def load_corpus(path: Path | None = None) -> list[dict[str, Any]]:
    with open(path or data("demo-corpus.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def seed_sandbox(box: Sandbox, corpus: list[dict[str, Any]]) -> dict[str, str]:
    """Add the demo pages to ``box`` and queue the corpus timeline; returns key -> token."""
    tokens = {}
    for key, platform, account, name in DEMO_PAGES:
        tokens[key] = box.add_account(platform, account, name=name, username=name.lstrip("@"))
    box.load_corpus(corpus, {platform: account for _, platform, account, _ in DEMO_PAGES})
    return tokens


def write_secret(path: Path, secret: str) -> None:
    """Write a token file readable by its owner only (mode 0600, also when it existed)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    os.chmod(path, 0o600)


def write_config(folder: Path, api_base_url: str, tokens: dict[str, str]) -> Path:
    """A demo moderator.toml pointing every page at ``api_base_url``, its token files, and a
    copy of the shipped conduct rules, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shipped("config/conduct-rules.toml"), folder / "conduct-rules.toml")
    pages = ""
    for key, platform, account, name in DEMO_PAGES:
        write_secret(folder / f"{key}.token", tokens[key])
        pages += (f'\n[[pages]]\nkey = "{key}"\nplatform = "{platform}"\n'
                  f'account_id = "{account}"\nname = "{name}"\ntoken_file = "{key}.token"\n'
                  f'api_base_url = "{api_base_url}"\npoll_interval = 30\n')
    config = folder / "moderator.toml"
    config.write_text(
        'agency = "City of Springfield (demo)"\narchive = "moderator.db"\n'
        'rules = "conduct-rules.toml"\ndry_run = true\napi_timeout = 10\n' + DETECTORS + pages,
        encoding="utf-8")
    return config


def summarise(reports: list[CycleReport]) -> dict[str, int]:
    keys = ("fetched", "new", "edited", "visibility", "deleted", "allowed", "queued", "acted")
    return {key: sum(int(getattr(r, key)) for r in reports) for key in keys}


def run_demo(folder: Path | None, *, cycles: int, web: bool, host: str, port: int,
             echo: Echo = print) -> dict[str, int]:
    """Run ``cycles`` poll cycles on the demo pages, print what happened, optionally serve."""
    if folder is not None and folder.is_dir() and any(folder.iterdir()):
        # each demo seeds a new sandbox: polling it into an old archive would record every old
        # comment as deleted and archive the X replies again under new ids
        raise DataError(f"{folder}: not empty; give the demo a new or empty folder (--dir), "
                        "or leave --dir out for a temporary one")
    folder = folder or Path(tempfile.mkdtemp(prefix="moderator-demo-"))
    with Sandbox() as box:
        tokens = seed_sandbox(box, load_corpus())
        config: Config = load_config(write_config(folder, box.url, tokens))
        scorer = build_scorer(config)
        echo(f"Demo folder: {folder} (config, archive); sandbox platform at {box.url}; model "
             f"{scorer.version}; dry run: actions are recorded as 'would hide', nothing is sent")
        totals = _cycles(box, config, scorer, cycles, echo)
        if web:
            serve_demo(config, scorer, host, port, echo)
    return totals


def _cycles(box: Sandbox, config: Config, scorer: Scorer, cycles: int,
            echo: Echo) -> dict[str, int]:
    from moderator.scheduler import poll_once

    everything: list[CycleReport] = []
    for cycle in range(1, cycles + 1):
        box.advance(cycle)
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


def serve_demo(config: Config, scorer: Scorer, host: str, port: int, echo: Echo) -> None:
    """Serve the review queue on the demo archive, with the daemon polling the sandbox, until
    Ctrl-C."""
    import uvicorn

    from moderator.metrics import Metrics
    from moderator.scheduler import Daemon, log_report
    from moderator.web import create_app

    logins = demo_logins(config)
    metrics = Metrics(config.archive)
    daemon = Daemon(config, scorer, listeners=(log_report, metrics.observe))
    daemon.start()
    echo(f"Review queue: http://{host}:{port}/  (the daemon keeps polling the sandbox; Ctrl-C "
         "to stop)")
    for username, (role, password) in logins.items():
        echo(f"  log in as {username:<10} password {password}   ({role})")
    try:
        uvicorn.run(create_app(config, metrics=metrics, daemon=daemon), host=host, port=port,
                    log_level="warning", server_header=False)
    finally:
        daemon.stop()
