"""The archive's database locked by another process, or its disk full: the poll cycle fails
cleanly (rolled back, one line in the log, the page's state says so), and a later cycle archives
everything exactly once."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_city import CityOnline, city_online

from moderator import audit
from moderator.archive import Archive
from moderator.pipeline import poll_page, prepare

LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")  # the write lock, as a long write by another process holds it
print("locked", flush=True)
sys.stdin.readline()
db.execute("ROLLBACK")
"""


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)


def snapshot(config) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with Archive.open(config.archive) as archive:
        return {"comments": archive.count("comments"),
                "versions": archive.count("comment_versions"),
                "audit": archive.count("audit_log"), "actions": archive.count("actions"),
                "cursor": archive.get_cursor("city-fb")}


def busy_page(online: CityOnline, config, scorer) -> list[str]:  # type: ignore[no-untyped-def]
    """A page archived once, then changed: three new comments, an edit and a deletion."""
    _, ids = online.post_with_comments("city-fb", 6)
    assert online.poll(config, "city-fb", scorer).new == 6
    change(online, ids)
    return ids


def change(online: CityOnline, ids: list[str]) -> None:
    online.post_with_comments("city-fb", 3)
    online.box.edit(ids[0], "Question 0, edited: when does the detour end?")
    online.box.delete(ids[1])


def assert_exactly_once(config) -> None:  # type: ignore[no-untyped-def]
    with Archive.open(config.archive) as archive:
        assert archive.scalar("SELECT count(*) - count(DISTINCT comment_id) FROM comments") == 0
        assert archive.count("comments") == 9
        states = archive.query("SELECT visibility, versions, count(*) AS n FROM comments "
                               "GROUP BY visibility, versions ORDER BY visibility, versions")
        assert states == [{"visibility": "deleted", "versions": 2, "n": 1},
                          {"visibility": "visible", "versions": 1, "n": 7},
                          {"visibility": "visible", "versions": 2, "n": 1}]
        assert audit.verify(archive).ok


def poll(config, scorer):  # type: ignore[no-untyped-def]
    with Archive.open(config.archive, timeout=config.busy_timeout) as archive:
        return poll_page(archive, config, config.page("city-fb"), scorer)


def page_row(config) -> dict:  # type: ignore[no-untyped-def]
    with Archive.open(config.archive) as archive:
        return archive.page_state("city-fb") or {}


def until_due(config) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while page_row(config)["backoff_until"] > time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                            time.gmtime()):
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_a_database_locked_by_another_process_fails_the_cycle_cleanly(
        online: CityOnline, keyword_scorer, caplog: pytest.LogCaptureFixture) -> None:
    config = online.config("city-fb", extra="api_timeout = 2\nbusy_timeout = 2\n"
                                              "max_backoff = 1")
    busy_page(online, config, keyword_scorer)
    before = snapshot(config)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(config.archive)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert locker.stdout.readline().strip() == "locked"
    fetch = online.box.stats()["requests"] + 1 + len(online.box.dump()["posts"])

    def release_once_the_cycle_gave_up() -> None:
        while online.box.stats()["requests"] < fetch:  # the fetch is done ...
            time.sleep(0.01)
        time.sleep(3)  # ... its write waited 2 s in vain; the failure's record is waiting
        locker.communicate("go\n", timeout=10)

    releaser = threading.Thread(target=release_once_the_cycle_gave_up)
    releaser.start()
    with caplog.at_level(logging.INFO):
        report = poll(config, keyword_scorer)
    releaser.join(timeout=15)
    assert report.error_kind == "archive" and "database is locked" in report.error
    assert "could not be recorded" not in report.error
    assert snapshot(config) == before  # nothing half-written
    row = page_row(config)
    assert (row["status"], row["last_error_kind"]) == ("failing", "archive")
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    until_due(config)
    assert poll(config, keyword_scorer).error is None
    assert_exactly_once(config)
    assert page_row(config)["status"] == "ok"


def test_a_full_disk_fails_the_cycle_cleanly_and_a_later_one_archives_everything_once(
        online: CityOnline, keyword_scorer) -> None:
    """The full disk is SQLite's own limit on the database's size (PRAGMA max_page_count) set
    to its present size on the cycle's connection: every write that needs a new page fails
    with SQLITE_FULL, "database or disk is full", the error a full file system gives."""
    config = online.config("city-fb", extra="api_timeout = 2\nmax_backoff = 1")
    busy_page(online, config, keyword_scorer)
    before = snapshot(config)
    with Archive.open(config.archive) as archive:
        prepare(archive, config, keyword_scorer)
        pages = archive.scalar("PRAGMA page_count")
        archive.db.execute(f"PRAGMA max_page_count = {pages}")
        report = poll_page(archive, config, config.page("city-fb"), keyword_scorer)
        assert report.error_kind == "archive" and "full" in report.error
        assert snapshot(config) == before
        assert page_row(config)["last_error_kind"] == "archive"
        archive.db.execute("PRAGMA max_page_count = 1073741823")  # space was freed
        until_due(config)
        assert poll_page(archive, config, config.page("city-fb"), keyword_scorer).error is None
    assert_exactly_once(config)


def test_the_daemon_rides_out_a_locked_archive_without_a_traceback(
        online: CityOnline, keyword_scorer) -> None:
    from test_daemon import start_daemon, stop

    config = online.config("city-fb", extra="api_timeout = 2\nbusy_timeout = 0.3\n"
                                              "max_backoff = 1")
    _, ids = online.post_with_comments("city-fb", 6)
    text = config.path.read_text(encoding="utf-8").replace("[[pages]]", "[[pages]]\n"
                                                           "poll_interval = 0.5", 1)
    config.path.write_text(text, encoding="utf-8")
    daemon = start_daemon(config.path)
    deadline = time.monotonic() + 30
    while snapshot(config)["comments"] < 6:
        assert time.monotonic() < deadline, "the daemon never polled"
        time.sleep(0.1)
    locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(config.archive)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert locker.stdout.readline().strip() == "locked"
    change(online, ids)
    requests = online.box.stats()["requests"]
    while online.box.stats()["requests"] < requests + 6:  # cycles fetch, and cannot store
        assert time.monotonic() < deadline
        time.sleep(0.05)
    locker.communicate("go\n", timeout=10)
    while snapshot(config)["comments"] < 9:
        assert time.monotonic() < deadline, "the daemon never archived after the lock"
        time.sleep(0.2)
    _, log = stop(daemon)
    assert daemon.returncode == 0
    assert "Traceback" not in log and "database is locked" in log
    assert_exactly_once(config)


@pytest.fixture
def locked():  # type: ignore[no-untyped-def]
    """Lock an archive (its path given to the returned function) until the test ends."""
    lockers: list[subprocess.Popen[str]] = []

    def lock(path: Path) -> None:
        locker = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        lockers.append(locker)
        assert locker.stdout.readline().strip() == "locked"

    yield lock
    for locker in lockers:
        locker.communicate("go\n", timeout=10)


def test_a_moderator_meets_a_busy_archive_with_a_clear_503(web, locked) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from conftest import Staff

    from moderator.web import create_app

    app = create_app(replace(web.state.config, busy_timeout=0.3))
    mia = Staff(app, "mia")
    locked(web.state.config.archive)
    answer = mia.api("/api/queue/1/decision", {"decision": "keep"})
    assert answer.status_code == 503
    assert answer.json()["error"]["message"].startswith("the archive is busy")
    assert mia.post("/queue/1/decide", {"decision": "keep"}).status_code == 503


def test_the_daemon_started_on_a_locked_archive_says_so_in_one_line(
        online: CityOnline, keyword_scorer, locked) -> None:
    config = online.config("city-fb", extra="busy_timeout = 0.3")
    online.poll(config, "city-fb", keyword_scorer)
    locked(config.archive)
    result = subprocess.run([sys.executable, "-m", "moderator", "run", "--config",
                             str(config.path)], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and "database is locked" in last


def test_an_export_that_cannot_be_audited_leaves_no_file(tmp_path: Path, locked) -> None:  # type: ignore[no-untyped-def]
    """Every export is an audit entry. With the archive locked past busy_timeout the audit
    append failed after the CSV and its .sha256 were written: a file that could be handed to a
    requester with no record of it, and a traceback."""
    from click.testing import CliRunner
    from conftest import comment, write_config
    from records_data import ingest

    from moderator.cli import cli

    config = write_config(tmp_path, extra="busy_timeout = 0.3")
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.register_page("city", "facebook", "city")
        ingest(archive, comment("c1", "When will the pool reopen?"))
    locked(tmp_path / "archive.db")
    for fmt, name in (("csv", "out.csv"), ("jsonl", "out.jsonl"), ("bag", "out-bag")):
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(tmp_path / name),
                                          "--config", str(config)])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("Error: the archive: database is locked; another "
                                        "moderator process is writing"), result.output
        assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "archive.db", "archive.db-shm", "archive.db-wal", "conduct-rules.toml", "moderator.toml"]
