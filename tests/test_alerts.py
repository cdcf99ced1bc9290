"""Staff hear at once about a threat, a page that needs them, or a queue left waiting: by e-mail
through a real SMTP relay on 127.0.0.1, and by signed webhooks to a real HTTP receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from conftest import CityPage, Receiver, comment, free_port, write_config

from moderator import alerts
from moderator.archive import Archive
from moderator.config import Config, load_config
from moderator.errors import ConfigError
from moderator.scheduler import Daemon, poll_once

SMTP_PASSWORD = "relay-password-123"
HOOK_SECRET = "webhook-signing-secret"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    ca = trustme.CA()
    folder = tmp_path_factory.mktemp("ca")
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    return ca, folder / "ca.pem"


@pytest.fixture
def relay(certificates) -> Iterator[tuple[Inbox, int]]:  # type: ignore[no-untyped-def]
    """An SMTP relay on 127.0.0.1 that requires STARTTLS and a login."""
    ca, _ = certificates
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    inbox = Inbox()

    def authenticate(server, session, envelope, mechanism, data):  # type: ignore[no-untyped-def]
        ok = isinstance(data, LoginPassword) and data.password == SMTP_PASSWORD.encode()
        if ok:
            inbox.logins.append(data.login.decode())
        return AuthResult(success=ok)

    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context,
                            require_starttls=True, authenticator=authenticate,
                            auth_require_tls=True, auth_required=True)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def alerting_city(tmp_path: Path, city: CityPage, relay, receiver, certificates,  # type: ignore[no-untyped-def]
                  monkeypatch: pytest.MonkeyPatch) -> Config:
    _, port = relay
    monkeypatch.setenv("MODERATOR_SMTP_PASSWORD", SMTP_PASSWORD)
    monkeypatch.setenv("MODERATOR_HOOK_SECRET", HOOK_SECRET)
    extra = f"""
[alerts]
queue_age_hours = 1
[alerts.email]
host = "127.0.0.1"
port = {port}
username = "moderator@city.example"
password_env = "MODERATOR_SMTP_PASSWORD"
from = "moderator@city.example"
to = ["pio-duty@city.example"]
ca_file = "{certificates[1]}"
[[alerts.webhooks]]
url = "http://127.0.0.1:{receiver}/hooks/moderator"
secret_env = "MODERATOR_HOOK_SECRET"
"""
    return load_config(write_config(tmp_path, extra=extra))


def test_an_urgent_threat_is_mailed_and_posted_once(alerting_city: Config, city: CityPage,  # type: ignore[no-untyped-def]
                                                    keyword_scorer, relay) -> None:
    inbox, _ = relay
    city.post(comment("t1", "I will hurt the engineer who approved this, watch your back"),
              comment("t2", "When does the detour end?"))
    daemon = Daemon(alerting_city, keyword_scorer, listeners=())
    with Archive.open(alerting_city.archive) as archive:
        from moderator.pipeline import prepare
        prepare(archive, alerting_city, keyword_scorer)
    daemon.poll("city")
    daemon.send_alerts()
    daemon.poll("city")
    daemon.send_alerts()
    assert len(inbox.messages) == 1 and inbox.logins == ["moderator@city.example"]
    mail = inbox.messages[0].content.decode()
    assert "Subject: [moderator] Urgent: threat 0.90 on city" in mail
    assert "watch your back" in mail and inbox.messages[0].rcpt_tos == ["pio-duty@city.example"]
    [(headers, body)] = Receiver.received
    expected = "sha256=" + hmac.new(HOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Moderator-Signature"] == expected
    payload = json.loads(body)
    assert payload["kind"] == "urgent_comment" and payload["details"]["scores"] == ["threat 0.90"]
    with Archive.open(alerting_city.archive) as archive:
        actions = [r["action"] for r in archive.query(
            "SELECT action FROM audit_log WHERE action LIKE 'alert.%' ORDER BY id")]
    assert actions == ["alert.urgent_comment", "alert.sent"]


def test_a_webhook_that_fails_is_retried_until_it_takes_the_alert(alerting_city: Config,  # type: ignore[no-untyped-def]
                                                                  city: CityPage,
                                                                  keyword_scorer) -> None:
    Receiver.failures_left = 3  # more than one delivery round's retries
    city.post(comment("t1", "I will hurt you, watch your back"))
    poll_once(alerting_city, keyword_scorer, listeners=())
    settings = alerts.settings(alerting_city)
    with Archive.open(alerting_city.archive) as archive:
        assert alerts.notice(archive, alerting_city, settings, [1]) == 1
        assert alerts.deliver(archive, settings, "City") == 0
        row = archive.one("SELECT sent_at, channels_done, last_error FROM alerts")
        assert row["sent_at"] is None and json.loads(row["channels_done"]) == ["email"]
        assert "webhook:0: OSError: webhook did not take the alert (HTTP 503)" in row["last_error"]
        assert alerts.deliver(archive, settings, "City") == 1
    assert len(Receiver.received) == 1


def test_a_page_needing_a_new_token_and_an_old_queue_alert_once(alerting_city: Config,  # type: ignore[no-untyped-def]
                                                                relay, keyword_scorer) -> None:
    inbox, _ = relay
    with Archive.open(alerting_city.archive) as archive:
        from moderator.pipeline import prepare
        prepare(archive, alerting_city, keyword_scorer)
        archive.update_page("city", status="needs_reauth", last_error="Graph 190: token expired",
                            last_error_at="2026-11-21T08:00:00Z")
        settings = alerts.settings(alerting_city)
        assert alerts.notice(archive, alerting_city, settings) == 1
        assert alerts.notice(archive, alerting_city, settings) == 0
        alerts.deliver(archive, settings, "City")
    assert "needs re-authorisation" in inbox.messages[0].content.decode()


@pytest.mark.parametrize("extra, key", [
    ("[alerts]\nqueue_age_hours = -1", "alerts.queue_age_hours"),
    ("[alerts.email]\nhost = \"relay\"\nto = []", "alerts.email.to"),
    ("[alerts.email]\nhost = \"relay\"\nto = [\"a@b.c\"]\nusername = \"u\"\n"
     "password_env = \"MODERATOR_NOPE\"", "alerts.email.password_env"),
    ("[[alerts.webhooks]]\nurl = \"ftp://x\"", "alerts.webhooks[0].url"),
    ("[[alerts.webhooks]]\nurl = \"https://x\"\nsecret_env = \"MODERATOR_NOPE\"",
     "alerts.webhooks[0].secret_env"),
])
def test_bad_alert_settings_are_reported_at_start_up(tmp_path: Path, extra: str, key: str) -> None:
    config = load_config(write_config(tmp_path, extra=extra))
    with pytest.raises(ConfigError, match=re.escape(f"moderator.toml: {key}")):
        alerts.settings(config)
