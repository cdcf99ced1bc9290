"""Telling staff when something needs them: e-mail through an SMTP relay, and signed webhooks.

What is alerted: a comment at or above the review threshold of an urgent rule (by default
``threat``), a page that needs re-authorisation, a page failing for longer than
``page_failing_minutes``, and a review queue whose oldest item is older than ``queue_age_hours``.
Each occurrence is one row in ``alerts`` with a unique key, so it is sent once however often it
is noticed; sending is retried until every channel took it, and each send is audited.

Webhook requests are JSON, signed with HMAC-SHA256 over the raw body with the channel's secret:
``X-Moderator-Signature: sha256=<hex>``. The body carries ``sent_at`` so a receiver can refuse
replays.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import requests
from sqlite_utils import Database, Migrations

from moderator import audit
from moderator.archive import Archive
from moderator.comments import utcnow
from moderator.config import Config, read_secret
from moderator.errors import ConfigError

logger = logging.getLogger(__name__)

KINDS = ("urgent_comment", "page_reauth", "page_failing", "queue_age")
MAX_ATTEMPTS = 10

migrations = Migrations("moderator.alerts")


@migrations()
def m001_alerts(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            subject TEXT,
            summary TEXT NOT NULL,
            details TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            channels_done TEXT NOT NULL DEFAULT '[]',
            last_error TEXT
        );
        CREATE INDEX alerts_unsent ON alerts(sent_at);
        """
    )


@dataclass(frozen=True)
class Email:
    host: str
    port: int = 587
    starttls: bool = True
    username: str = ""
    password: str | None = field(default=None, repr=False)
    sender: str = ""
    to: tuple[str, ...] = ()
    ca_file: str = ""
    timeout: float = 30


@dataclass(frozen=True)
class Webhook:
    url: str
    secret: str | None = field(default=None, repr=False)
    timeout: float = 10


@dataclass(frozen=True)
class AlertSettings:
    email: Email | None = None
    webhooks: tuple[Webhook, ...] = ()
    page_failing_minutes: float = 60
    queue_age_hours: float = 24

    @property
    def channels(self) -> list[str]:
        names = ["email"] if self.email else []
        return names + [f"webhook:{n}" for n in range(len(self.webhooks))]


def _fail(config: Config, key: str, problem: str) -> ConfigError:
    return ConfigError(f"{config.path}: alerts.{key}: {problem}")


def settings(config: Config) -> AlertSettings:
    """Read and check the [alerts] table at start-up; raises ConfigError naming the key."""
    raw = dict(config.sections.get("alerts") or {})
    known = {"email", "webhooks", "page_failing_minutes", "queue_age_hours"}
    for key in raw:
        if key not in known:
            raise _fail(config, key, f"unknown setting; use {', '.join(sorted(known))}")
    numbers = {}
    for key, default in (("page_failing_minutes", 60), ("queue_age_hours", 24)):
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise _fail(config, key, f"{value!r} must be a positive number")
        numbers[key] = float(value)
    email = None
    if "email" in raw:
        data = raw["email"]
        if not isinstance(data, dict):
            raise _fail(config, "email", "must be a table [alerts.email]")
        allowed = {"host", "port", "starttls", "username", "password_env", "password_file",
                   "from", "to", "ca_file"}
        for key in data:
            if key not in allowed:
                raise _fail(config, f"email.{key}", "unknown setting")
        if not isinstance(data.get("host"), str) or not data["host"]:
            raise _fail(config, "email.host", "missing; the SMTP relay's host name")
        to = data.get("to", [])
        if not isinstance(to, list) or not to or not all(isinstance(a, str) and "@" in a
                                                         for a in to):
            raise _fail(config, "email.to", "must be a list of e-mail addresses")
        password = None
        if data.get("username"):
            password = read_secret(str(data.get("password_env", "")),
                                   str(data.get("password_file", "")), base=config.path.parent)
            if password is None:
                raise _fail(config, "email.password_env", "no password found for the SMTP "
                            "login; set the variable it names (or password_file)")
        email = Email(host=data["host"], port=int(data.get("port", 587)),
                      starttls=bool(data.get("starttls", True)),
                      username=str(data.get("username", "")), password=password,
                      sender=str(data.get("from") or f"moderator@{data['host']}"), to=tuple(to),
                      ca_file=str(data.get("ca_file", "")), timeout=config.api_timeout)
    hooks = []
    for n, data in enumerate(raw.get("webhooks", [])):
        where = f"webhooks[{n}]"
        if not isinstance(data, dict) or not str(data.get("url", "")).startswith(("http://",
                                                                                 "https://")):
            raise _fail(config, f"{where}.url", "must be an http(s) URL")
        secret = read_secret(str(data.get("secret_env", "")), str(data.get("secret_file", "")),
                             base=config.path.parent)
        if secret is None:
            raise _fail(config, f"{where}.secret_env", "no signing secret found; set the "
                        "variable it names (or secret_file)")
        hooks.append(Webhook(url=data["url"], secret=secret, timeout=min(config.api_timeout, 30)))
    return AlertSettings(email=email, webhooks=tuple(hooks), **numbers)


def raise_alert(archive: Archive, kind: str, key: str, summary: str, subject: str | None = None,
                details: dict[str, Any] | None = None) -> bool:
    """Record an occurrence; returns False when this occurrence was already recorded."""
    if kind not in KINDS:
        raise ValueError(kind)
    with archive.write() as db:
        cursor = db.execute(
            "INSERT INTO alerts (key, kind, subject, summary, details, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
            [key, kind, subject, summary[:500],
             json.dumps(details or {}, ensure_ascii=False, default=str), utcnow()])
        created = cursor.rowcount == 1
        if created:
            audit.append(archive, "system", f"alert.{kind}", subject, {"key": key,
                                                                      "summary": summary[:500]})
    return created


def notice(archive: Archive, config: Config, alert_settings: AlertSettings,
           urgent_comments: Sequence[int] = ()) -> int:
    """Record every alert condition that holds now; returns how many are new."""
    new = 0
    rules = {r.id: r for r in config.rules if r.urgent}
    for rowid in urgent_comments:
        row = archive.one("SELECT c.platform, c.page_key, c.author_name, c.text, c.permalink, "
                          "c.versions FROM comments c WHERE c.id = ?", [rowid])
        if row is None:
            continue
        scores = {r["rule"]: r["score"] for r in archive.query(
            "SELECT rule, score FROM scores WHERE comment = ? AND version = ?",
            [rowid, row["versions"]])}
        hit = [f"{rule} {scores[rule]:.2f}" for rule in rules if scores.get(rule, 0) >=
               rules[rule].review and scores.get(rule, 0) > 0]
        if hit:
            new += raise_alert(
                archive, "urgent_comment", f"comment:{rowid}:v{row['versions']}",
                f"Urgent: {', '.join(hit)} on {row['page_key']}", f"comment:{rowid}",
                {"page": row["page_key"], "author": row["author_name"],
                 "text": (row["text"] or "")[:2000], "permalink": row["permalink"],
                 "scores": hit})
    for page in archive.query("SELECT * FROM pages"):
        if page["status"] == "needs_reauth":
            new += raise_alert(
                archive, "page_reauth", f"page:{page['key']}:reauth:{page['last_error_at']}",
                f"Page {page['key']} needs re-authorisation: polling stopped until its token is "
                "replaced", f"page:{page['key']}", {"error": page["last_error"]})
        elif page["status"] in ("failing", "throttled") and _older(
                page["last_success_at"] or page["last_error_at"],
                minutes=alert_settings.page_failing_minutes):
            new += raise_alert(
                archive, "page_failing",
                f"page:{page['key']}:failing:{page['last_success_at'] or 'never'}",
                f"Page {page['key']} has been failing for more than "
                f"{alert_settings.page_failing_minutes:g} minutes", f"page:{page['key']}",
                {"error": page["last_error"], "since": page["last_success_at"]})
    oldest = archive.one("SELECT id, created_at FROM review_items WHERE status = 'pending' "
                         "ORDER BY created_at, id LIMIT 1")
    if oldest and _older(oldest["created_at"], minutes=alert_settings.queue_age_hours * 60):
        new += raise_alert(
            archive, "queue_age", f"queue:oldest:{oldest['id']}",
            f"The review queue's oldest item has waited more than "
            f"{alert_settings.queue_age_hours:g} hours", "queue", {"item": oldest["id"]})
    return new


def _older(moment: str | None, *, minutes: float) -> bool:
    if not moment:
        return False
    then = datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return datetime.now(UTC) - then > timedelta(minutes=minutes)


def _body(alert: dict[str, Any], agency: str) -> dict[str, Any]:
    return {"agency": agency, "kind": alert["kind"], "summary": alert["summary"],
            "subject": alert["subject"], "created_at": alert["created_at"],
            "details": json.loads(alert["details"]), "sent_at": utcnow(), "id": alert["id"]}


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def send_webhook(hook: Webhook, payload: dict[str, Any], attempts: int = 3) -> None:
    """POST the signed payload; retries 5xx and network errors with backoff; raises on failure."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    headers = {"Content-Type": "application/json", "X-Moderator-Signature":
               sign(hook.secret or "", body), "User-Agent": "moderator-alerts"}
    error = ""
    for attempt in range(attempts):
        try:
            response = requests.post(hook.url, data=body, headers=headers, timeout=hook.timeout)
            if response.status_code < 300:
                return
            error = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break
        except requests.RequestException as failure:
            error = type(failure).__name__
        time.sleep(min(0.5 * 2 ** attempt, 5))
    raise OSError(f"webhook did not take the alert ({error})")


def send_email(email: Email, payload: dict[str, Any]) -> None:
    """Send through the relay with STARTTLS and login when configured; raises on failure."""
    message = EmailMessage()
    message["Subject"] = f"[moderator] {payload['summary']}"[:200]
    message["From"] = email.sender
    message["To"] = ", ".join(email.to)
    details = payload["details"]
    lines = [payload["summary"], "", f"Agency: {payload['agency']}",
             f"Noticed: {payload['created_at']}"]
    lines += [f"{key}: {value}" for key, value in details.items()]
    message.set_content("\n".join(lines))
    context = ssl.create_default_context(cafile=email.ca_file or None)
    with smtplib.SMTP(email.host, email.port, timeout=email.timeout) as smtp:
        if email.starttls:
            smtp.starttls(context=context)
        if email.username:
            smtp.login(email.username, email.password or "")
        smtp.send_message(message)


def deliver(archive: Archive, alert_settings: AlertSettings, agency: str) -> int:
    """Send every alert not yet sent on every channel; returns how many were completed."""
    completed = 0
    channels = alert_settings.channels
    if not channels:
        return 0
    for alert in archive.query("SELECT * FROM alerts WHERE sent_at IS NULL AND attempts < ? "
                               "ORDER BY id LIMIT 50", [MAX_ATTEMPTS]):
        done = set(json.loads(alert["channels_done"]))
        payload = _body(alert, agency)
        errors = []
        for channel in channels:
            if channel in done:
                continue
            try:
                if channel == "email":
                    assert alert_settings.email is not None
                    send_email(alert_settings.email, payload)
                else:
                    send_webhook(alert_settings.webhooks[int(channel.split(":")[1])], payload)
                done.add(channel)
            except (OSError, smtplib.SMTPException, ssl.SSLError) as error:
                errors.append(f"{channel}: {type(error).__name__}: {error}"[:300])
        finished = done >= set(channels)
        with archive.write() as db:
            db.execute("UPDATE alerts SET attempts = attempts + 1, channels_done = ?, "
                       "sent_at = ?, last_error = ? WHERE id = ?",
                       [json.dumps(sorted(done)), utcnow() if finished else None,
                        "; ".join(errors) or None, alert["id"]])
            audit.append(archive, "system", "alert.sent" if finished else "alert.retry",
                         alert["subject"], {"alert": alert["id"], "channels": sorted(done),
                                            "errors": errors})
        completed += finished
        if errors:
            logger.warning("alert %s not delivered everywhere yet: %s", alert["id"],
                           "; ".join(errors))
    return completed
