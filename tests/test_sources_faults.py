"""Whatever the platform does mid-read, nothing half-read is archived and the cursor stays put."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sandbox_city import CONNECTORS, FAST, CityOnline, city_online

from moderator.archive import Archive
from moderator.errors import SourceError
from moderator.pipeline import prepare, run_cycle


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)

FAULTS: list[tuple[dict[str, Any], str]] = [
    ({"kind": "server_error"}, "transient"),
    ({"kind": "html"}, "transient"),
    ({"kind": "malformed"}, "transient"),
    ({"kind": "truncated"}, "transient"),
    ({"kind": "disconnect"}, "transient"),
    ({"kind": "slow", "delay_ms": 1500}, "transient"),
    ({"kind": "throttle", "retry_after": 120}, "throttled"),
    ({"kind": "expired_token"}, "auth"),
]
CASES = [(key, fault, kind) for key in ("city-fb", "city-x") for fault, kind in FAULTS] + [
    ("city-fb", {"kind": "throttle", "code": code, "retry_after": 120}, "throttled")
    for code in (17, 32, 613, 80001)]


def seconds_until(moment: str) -> float:
    until = dt.datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return (until - dt.datetime.now(dt.UTC)).total_seconds()


def cursor(online: CityOnline, config: Any, key: str) -> str | None:
    rows = online.rows(config, "SELECT cursor FROM cursors WHERE page_key = ?", (key,))
    return rows[0]["cursor"] if rows else None


@pytest.mark.parametrize(("key", "fault", "kind"), CASES,
                         ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v.values())))
def test_a_fault_mid_read_archives_nothing_and_keeps_the_cursor(
        online: CityOnline, keyword_scorer, key: str, fault: dict[str, Any], kind: str) -> None:
    online.post_with_comments(key, 12)
    config = online.config(key, extra="api_timeout = 0.5")
    assert online.poll(config, key, keyword_scorer, page_size=10).new == 12
    before = cursor(online, config, key)
    online.post_with_comments(key, 25)
    online.box.add_fault(**fault, after=2)
    report = online.poll(config, key, keyword_scorer, page_size=10)
    assert (report.error_kind, report.new) == (kind, 0), report.error
    assert cursor(online, config, key) == before
    assert online.rows(config, "SELECT count(*) AS n FROM comments") == [{"n": 12}]
    [page] = online.rows(config, "SELECT status, backoff_until FROM pages WHERE key = ?", (key,))
    if kind == "throttled":
        assert page["status"] == "throttled" and 100 < seconds_until(page["backoff_until"]) <= 120
    elif kind == "auth":
        assert page["status"] == "needs_reauth"
    online.box.clear_faults()
    with Archive.open(config.archive) as archive:
        again = run_cycle(archive, config.page(key), online.source(config, key), keyword_scorer,
                          dry_run=True)
    assert (again.new, again.edited, again.deleted) == (25, 0, 0)
    assert online.rows(config, "SELECT count(*) AS n, count(DISTINCT comment_id) AS ids FROM "
                               "comments") == [{"n": 37, "ids": 37}]


@pytest.mark.parametrize("key", ["city-fb", "city-ig", "city-x"])
def test_a_short_burst_of_server_errors_is_absorbed_by_retries(online: CityOnline,
                                                               keyword_scorer, key: str) -> None:
    online.post_with_comments(key, 15)
    online.box.add_fault("server_error", count=2, after=1)
    online.box.add_fault("html", count=1, after=2)
    report = online.poll(online.config(key), key, keyword_scorer, page_size=10)
    assert (report.error, report.new) == (None, 15)
    assert online.box.stats()["fault"] == {"html": 1, "server_error": 2}


def test_a_fault_storm_ends_with_every_comment_archived_once(online: CityOnline,
                                                             keyword_scorer) -> None:
    for _ in range(4):
        online.post_with_comments("city-fb", 30, replies_every=5)
    config = online.config("city-fb")
    online.box.add_fault("server_error", rate=0.35, seed=11)
    online.box.add_fault("malformed", rate=0.05)
    source = online.source(config, "city-fb", page_size=7)
    failures = 0
    with Archive.open(config.archive) as archive:
        prepare(archive, config, keyword_scorer)
        for _ in range(30):
            try:
                run_cycle(archive, config.page("city-fb"), source, keyword_scorer, dry_run=True)
                break
            except SourceError as error:
                assert error.kind == "transient"
                failures += 1
        source.close()
        assert archive.count("comments") == 120 and archive.count("comment_versions") == 120
        archived = {r["comment_id"] for r in archive.query("SELECT comment_id FROM comments")}
    assert failures > 0
    assert archived == {c["id"] for c in online.box.dump()["comments"]}


def test_a_post_deleted_while_the_poll_reads_the_page_fails_nothing_else(
        online: CityOnline, keyword_scorer) -> None:
    doomed, _ = online.post_with_comments("city-fb", 4)
    online.post_with_comments("city-fb", 5)
    config = online.config("city-fb")
    assert online.poll(config, "city-fb", keyword_scorer).new == 9
    online.post_with_comments("city-fb", 3)
    online.box.add_fault("slow", path=f"{doomed}/comments", delay_ms=600, count=1)
    threading.Timer(0.2, online.box.delete, args=[doomed]).start()  # staff delete it mid-read
    report = online.poll(config, "city-fb", keyword_scorer)
    assert (report.error, report.new, report.deleted) == (None, 3, 0)
    assert online.poll(config, "city-fb", keyword_scorer).deleted == 4  # then it is seen gone


def test_when_no_post_of_the_page_can_be_read_the_poll_fails_instead_of_finding_nothing(
        online: CityOnline, keyword_scorer) -> None:
    post, _ = online.post_with_comments("city-fb", 4)
    config = online.config("city-fb")
    slow = online.box.add_fault("slow", path="/comments", delay_ms=400, count=1)

    def delete_once_its_comments_are_being_read() -> None:
        # not after a fixed time: opening a new archive can take longer than that on a slow
        # machine, and a post deleted before the poll lists it is simply not there
        deadline = time.monotonic() + 30
        while not slow.fired and time.monotonic() < deadline:
            time.sleep(0.005)
        online.box.delete(post)

    threading.Thread(target=delete_once_its_comments_are_being_read, daemon=True).start()
    report = online.poll(config, "city-fb", keyword_scorer)
    assert report.error_kind == "permanent" and report.new == 0


@pytest.mark.parametrize(("key", "wrong", "hint"), [
    ("city-fb", "104857600000000", "check account_id of page city-fb in moderator.toml: the "
                                   "numeric id of the Facebook page"),
    ("city-ig", "17841400000000999", "check account_id of page city-ig in moderator.toml"),
    ("city-x", "@SpringfieldCity", "check account_id of page city-x in moderator.toml: X needs "
                                   "the account's numeric user id, not its @handle"),
])
def test_a_wrong_account_id_says_which_setting_to_check(online: CityOnline, key: str,
                                                        wrong: str, hint: str) -> None:
    """A docs walkthrough: a page id the platform does not know gave only the platform's words
    ("X API HTTP 404: The requested resource could not be found")."""
    config = online.config(key)
    page = replace(config.page(key), account_id=wrong)
    source = CONNECTORS[page.platform](page, config, retry=FAST)
    try:
        with pytest.raises(SourceError) as error:
            source.fetch(None)
    finally:
        source.close()
    assert hint in str(error.value), str(error.value)
    assert error.value.kind == "permanent"
