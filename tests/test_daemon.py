"""The daemon left to run: it stops cleanly on SIGTERM within 15 s, keeps polling the pages that
work, and tells staff once when a page needs a new token."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Receiver
from sandbox_city import CityOnline, city_online

from moderator.archive import Archive
from moderator.scheduler import Daemon


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)


STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def no_stray_daemons() -> Iterator[None]:
    """A failing test must not leave its daemon running."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.communicate()


def start_daemon(config_path: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    process = subprocess.Popen([sys.executable, "-m", "moderator", "run", "--config",
                                str(config_path)], cwd=ROOT, env=env, stderr=subprocess.PIPE,
                               text=True)
    STARTED.append(process)
    return process


def wait_for_requests(online: CityOnline, count: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while online.box.stats()["requests"] < count:
        assert time.monotonic() < deadline, "the daemon never reached the sandbox"
        time.sleep(0.05)


def stop(process: subprocess.Popen[str]) -> tuple[float, str]:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    return time.monotonic() - started, stderr


def test_sigterm_during_a_slow_cycle_lets_it_finish_and_commit(online: CityOnline) -> None:
    online.post_with_comments("city-fb", 30)
    config = online.config("city-fb")
    online.box.add_fault("slow", delay_ms=700)
    process = start_daemon(config.path)
    wait_for_requests(online, 1)
    seconds, stderr = stop(process)
    assert process.returncode == 0, stderr
    assert seconds < 15 and "received SIGTERM" in stderr and "daemon stopped" in stderr
    with Archive.open(config.archive) as archive:
        assert archive.count("comments") == 30
        assert archive.get_cursor("city-fb") is not None


def test_a_cycle_too_slow_for_the_grace_period_is_rolled_back_then_resumed(
        online: CityOnline, keyword_scorer) -> None:
    for _ in range(6):  # a request per post, each 2.5 s: longer than the 10 s grace period
        online.post_with_comments("city-fb", 5)
    config = online.config("city-fb", extra="api_timeout = 10")
    online.box.add_fault("slow", delay_ms=2500)
    process = start_daemon(config.path)
    wait_for_requests(online, 1)
    seconds, stderr = stop(process)
    assert process.returncode == 0, stderr
    assert seconds < 15
    with Archive.open(config.archive) as archive:
        assert archive.count("comments") == 0 and archive.get_cursor("city-fb") is None
    online.box.clear_faults()
    process = start_daemon(config.path)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with Archive.open(config.archive) as archive:
            if archive.get_cursor("city-fb") is not None:
                break
        time.sleep(0.2)
    stop(process)
    with Archive.open(config.archive) as archive:
        assert archive.count("comments") == 30 and archive.count("comment_versions") == 30


def test_an_expired_token_stops_its_page_and_alerts_once_while_others_go_on(
        online: CityOnline, keyword_scorer, receiver: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODERATOR_HOOK_SECRET", "hook-secret-for-tests")
    online.post_with_comments("city-fb", 3)
    online.post_with_comments("parks-fb", 3)
    config = online.config("city-fb", "parks-fb", extra=(
        f'api_timeout = 2\n[[alerts.webhooks]]\nurl = "http://127.0.0.1:{receiver}/"\n'
        'secret_env = "MODERATOR_HOOK_SECRET"'))
    online.box.expire_token(online.account("city-fb"))
    daemon = Daemon(config, keyword_scorer, listeners=())
    with Archive.open(config.archive) as archive:
        from moderator.pipeline import prepare
        prepare(archive, config, keyword_scorer)
    for round_ in range(3):
        online.post_with_comments("parks-fb", 2)
        online.box.reset_stats()
        daemon.poll("city-fb")
        daemon.poll("parks-fb")
        daemon.send_alerts()
        if round_ > 0:
            assert online.box.stats()["account"].get(online.account("city-fb"), 0) == 0
    alerts = [json.loads(body) for _, body in Receiver.received]
    assert [a["kind"] for a in alerts] == ["page_reauth"]
    assert alerts[0]["subject"] == "page:city-fb"
    assert online.token("city-fb") not in json.dumps(alerts)
    with Archive.open(config.archive) as archive:
        pages = {r["key"]: r["status"] for r in archive.query("SELECT key, status FROM pages")}
        assert pages == {"city-fb": "needs_reauth", "parks-fb": "ok"}
        parks = archive.scalar("SELECT count(*) FROM comments WHERE page_key = 'parks-fb'")
        assert parks == 3 + 2 * 3
        assert archive.scalar("SELECT count(*) FROM audit_log WHERE action = "
                              "'alert.page_reauth'") == 1


def test_the_daemon_schedules_the_nightly_retention_run(online: CityOnline,
                                                        keyword_scorer) -> None:
    config = online.config("city-fb", extra=(
        'api_timeout = 2\n[retention]\nnightly = true\nrun_at = "03:30"\n'
        '[[retention.series]]\nname = "comments"\nperiod = "2y"\nfrom = "capture"\n'
        'disposition = "destroy"'))
    daemon = Daemon(config, keyword_scorer, listeners=())
    daemon.start()
    try:
        jobs = daemon.status()
    finally:
        daemon.stop()
    assert jobs["retention"].endswith("T03:30:00Z")
    assert {"poll:city-fb", "alerts", "retention"} <= set(jobs)
