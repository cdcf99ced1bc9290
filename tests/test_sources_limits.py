"""Rate limits and tokens: one page's trouble never stops the others, and no token leaks."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_city import CityOnline, city_online

from moderator.archive import Archive
from moderator.scheduler import poll_once


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)

ROOT = Path(__file__).resolve().parent.parent


def requests_from(online: CityOnline, key: str) -> int:
    return online.box.stats()["account"].get(online.account(key), 0)


def test_a_throttled_page_backs_off_while_another_page_goes_on(online: CityOnline,
                                                               keyword_scorer) -> None:
    online.post_with_comments("city-fb", 5)
    online.post_with_comments("parks-fb", 5)
    config = online.config("city-fb", "parks-fb")
    online.box.add_fault("throttle", code=80001, retry_after=600,
                         path=f"/{online.account('city-fb')}")
    city, parks = poll_once(config, keyword_scorer, listeners=())
    assert (city.error_kind, parks.error, parks.new) == ("throttled", None, 5)
    online.box.clear_faults()
    online.box.reset_stats()
    city, parks = poll_once(config, keyword_scorer, listeners=())
    assert city.skipped and city.skipped.startswith("backing off until")
    assert parks.error is None
    assert requests_from(online, "city-fb") == 0


def test_usage_above_the_slowdown_share_holds_the_page_back(online: CityOnline,
                                                            keyword_scorer) -> None:
    online.post_with_comments("city-fb", 3)
    online.box.set_rate_limit(online.account("city-fb"), limit=4, window=3600)
    config = online.config("city-fb", extra="usage_slowdown = 0.4")
    report = online.poll(config, "city-fb", keyword_scorer)
    assert report.error is None and report.usage == 0.5
    [page] = online.rows(config, "SELECT status, backoff_until FROM pages")
    assert page["status"] == "slowed" and page["backoff_until"]


def test_a_platform_at_its_limit_throttles_before_it_fails(online: CityOnline,
                                                           keyword_scorer) -> None:
    for _ in range(3):
        online.post_with_comments("city-fb", 2)
    online.box.set_rate_limit(online.account("city-fb"), limit=2, window=120)
    report = online.poll(online.config("city-fb"), "city-fb", keyword_scorer)
    assert (report.error_kind, report.new) == ("throttled", 0)
    assert "100%" in report.error
    assert online.box.stats()["status"] == {"200": 2}


def test_an_expired_token_pauses_the_page_once_until_the_token_changes(
        online: CityOnline, keyword_scorer) -> None:
    online.post_with_comments("city-fb", 2)
    online.post_with_comments("city-x", 2)
    config = online.config("city-fb", "city-x")
    online.box.expire_token(online.account("city-fb"))
    for _ in range(3):
        city, x = poll_once(config, keyword_scorer, listeners=())
        assert x.error is None
    assert city.skipped == "waiting for a new token (re-authorise the page)"
    assert requests_from(online, "city-fb") == 1
    entries = online.rows(config, "SELECT action FROM audit_log WHERE action LIKE 'page.%'")
    assert entries == [{"action": "page.needs_reauth"}]
    online.box.set_token(online.account("city-fb"), "EAAG-city-fb-renewed-Vb90")
    (online.folder / "city-fb.token").write_text("EAAG-city-fb-renewed-Vb90\n")
    city, _ = poll_once(config, keyword_scorer, listeners=())
    assert (city.error, city.new) == (None, 2)
    assert online.rows(config, "SELECT status FROM pages WHERE key = 'city-fb'") == [
        {"status": "ok"}]


def test_a_missing_token_file_is_named_and_poll_once_exits_1_until_it_is_there(
        online: CityOnline) -> None:
    """The error said "set the page's token_env or token_file" when token_file was set, and
    later polls printed "skipped" and exited 0, so cron saw nothing wrong."""
    online.post_with_comments("city-fb", 2)
    config = online.config("city-fb")
    (online.folder / "city-fb.token").unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "moderator", "poll", "--once", "--config",
                                 str(config.path)], capture_output=True, text=True, timeout=120,
                                cwd=ROOT, env=env)
        assert result.returncode == 1, result.stdout + result.stderr
    first_and_later = result.stdout
    assert "waiting for a new token" in first_and_later
    with Archive.open(config.archive) as archive:
        error = archive.page_state("city-fb")["last_error"]
    assert error == ("page city-fb: no access token in the file city-fb.token; put the page's "
                     "token there (a file must exist and not be empty)")
    (online.folder / "city-fb.token").write_text(online.token("city-fb"), encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "moderator", "poll", "--once", "--config",
                            str(config.path)], capture_output=True, text=True, timeout=120,
                           cwd=ROOT, env=env)
    assert again.returncode == 0 and "city-fb: fetched 2, new 2" in again.stdout, again.stdout


def test_no_token_reaches_the_logs_errors_or_archive(online: CityOnline, keyword_scorer,
                                                     caplog) -> None:
    for name in ("", "urllib3", "tweepy"):  # the CLI tests quieten these loggers globally
        caplog.set_level(logging.DEBUG, logger=name or None)
    online.post_with_comments("city-fb", 3)
    online.post_with_comments("city-x", 3)
    config = online.config("city-fb", "city-x", dry_run=False)
    for fault in ("server_error", "html", "throttle", "expired_token", "disconnect"):
        online.box.add_fault(fault)
        for key in ("city-fb", "city-x"):
            report = online.poll(config, key, keyword_scorer)
            assert report.error and online.token(key) not in report.error
            with Archive.open(config.archive) as archive:
                archive.update_page(key, status="ok", backoff_until=None)
        online.box.clear_faults()
    online.box.expire_token(online.account("city-fb"))
    reports = poll_once(config, keyword_scorer, listeners=())
    assert reports[0].error_kind == "auth"
    text = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "GET /v21.0/" in text and "access_token=[redacted]" in text
    failures = [r.getMessage() for r in caplog.records if r.name == "moderator.pipeline"]
    assert failures and not [m for m in failures if "page city-fb: page city-fb" in m
                             or "page city-x: page city-x" in m], failures
    for key in ("city-fb", "city-x"):
        assert online.token(key) not in text
        assert online.token(key).encode() not in config.archive.read_bytes()


def test_the_cli_never_prints_a_token_even_at_debug_level(online: CityOnline) -> None:
    online.post_with_comments("city-fb", 2)
    config = online.config("city-fb", "city-x")
    online.box.add_fault("server_error", count=1, api="graph")
    online.box.add_fault("expired_token", api="x")
    result = subprocess.run([sys.executable, "-m", "moderator", "--log-level", "DEBUG", "poll",
                             "--once", "--config", str(config.path)], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert "city-fb: fetched 2, new 2" in result.stdout
    assert "city-x: failed (auth)" in result.stdout
    output = result.stdout + result.stderr
    assert "needs re-authorisation" in output
    for key in ("city-fb", "city-x"):
        assert online.token(key) not in output
