"""A city's Facebook Page read through facebook-sdk over real HTTP from the sandbox platform."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import write_config
from sandbox_city import CityOnline, city_online

from moderator import actions, audit
from moderator.archive import Archive
from moderator.config import load_config
from moderator.scheduler import poll_once


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)


def days_ago(days: float) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_it_archives_thousands_of_comments_across_many_pages_exactly_once(
        online: CityOnline, keyword_scorer) -> None:
    for _ in range(3):
        online.post_with_comments("city-fb", 1000, replies_every=4)
    config = online.config("city-fb")
    first = online.poll(config, "city-fb", keyword_scorer, page_size=25)
    again = online.poll(config, "city-fb", keyword_scorer, page_size=25)
    assert (first.error, first.fetched, first.new) == (None, 3000, 3000)
    assert (again.fetched, again.new, again.edited, again.deleted) == (3000, 0, 0, 0)
    [counts] = online.rows(config, "SELECT count(*) AS comments, count(DISTINCT comment_id) AS "
                                   "ids, sum(versions) AS versions, count(parent_id) AS replies "
                                   "FROM comments")
    assert counts == {"comments": 3000, "ids": 3000, "versions": 3000, "replies": 750}
    pages_read = online.box.stats()["route"]["GET /{version}/{id}/comments"]
    assert pages_read == 2 * 3 * 40


def test_the_archive_keeps_author_parent_time_and_permalink(online: CityOnline,
                                                            keyword_scorer) -> None:
    post = online.box.add_post(online.account("city-fb"), "Snow emergency tonight")
    asked = online.box.add_comment(post, "Is my street a snow route?", author_id="u7",
                                   author_name="Maria Lopez", created="2026-11-20T09:00:00Z")
    online.box.add_comment(post, "Yes, Elm St is.", author_id="u8", author_name="Tom Becker",
                           parent=asked)
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    rows = online.rows(config, "SELECT comment_id, post_id, parent_id, author_id, author_name, "
                               "created_at, permalink FROM comments ORDER BY id")
    assert rows[0]["comment_id"] == asked and rows[0]["post_id"] == post
    assert rows[0]["author_name"] == "Maria Lopez" and rows[0]["created_at"] == \
        "2026-11-20T09:00:00Z"
    assert rows[0]["permalink"].startswith("https://www.facebook.com/")
    assert rows[1]["parent_id"] == asked and rows[1]["author_id"] == "u8"


def test_edits_hides_and_deletions_on_the_page_become_versions(online: CityOnline,
                                                               keyword_scorer) -> None:
    post, (edited, hidden, deleted, kept) = online.post_with_comments("city-fb", 4)
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    online.box.edit(edited, "Question about the detour, corrected")
    online.box.hide(hidden)
    online.box.delete(deleted)
    report = online.poll(config, "city-fb", keyword_scorer)
    assert (report.edited, report.visibility, report.deleted) == (1, 1, 1)
    versions = online.rows(config, "SELECT c.comment_id, v.version, v.text, v.visibility FROM "
                                   "comment_versions v JOIN comments c ON c.id = v.comment "
                                   "WHERE v.version = 2")
    by_id = {row["comment_id"]: row for row in versions}
    assert by_id[edited]["text"] == "Question about the detour, corrected"
    assert by_id[hidden]["visibility"] == "hidden"
    assert by_id[deleted]["visibility"] == "deleted" and by_id[deleted]["text"].startswith(
        "Question 2")
    assert kept not in by_id


def test_a_threat_is_hidden_on_the_platform_and_a_moderator_can_unhide_it(
        online: CityOnline, keyword_scorer) -> None:
    post = online.box.add_post(online.account("city-fb"), "Council meeting tonight")
    threat = online.box.add_comment(post, "I will hurt the engineer who approved this, watch "
                                          "your back", author_id="u9", author_name="Angry")
    critic = online.box.add_comment(post, "The council wasted our money on this plan.",
                                    author_id="u10", author_name="Critic")
    config = online.config("city-fb", dry_run=False)
    report = online.poll(config, "city-fb", keyword_scorer)
    assert report.sent == 1
    assert online.box.comment(threat)["hidden"] and not online.box.comment(critic)["hidden"]
    with Archive.open(config.archive) as archive:
        row = archive.find_comment("facebook", threat)
        assert row["visibility"] == "hidden"
        actions.request(archive, row["id"], "unhide", rule=None, dry_run=False,
                        requested_by="moderator:ann", at="2026-11-21T10:00:00Z")
        source = online.source(config, "city-fb")
        assert actions.run_pending(archive, source, "city-fb").done == 1
        source.close()
        assert archive.find_comment("facebook", threat)["visibility"] == "visible"
    assert not online.box.comment(threat)["hidden"]


def test_an_old_post_is_read_again_only_when_the_platform_says_it_changed(
        online: CityOnline, keyword_scorer) -> None:
    old, _ = online.post_with_comments("city-fb", 3, created=days_ago(10))
    online.post_with_comments("city-fb", 2)
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    online.box.reset_stats()
    quiet = online.poll(config, "city-fb", keyword_scorer)
    assert quiet.fetched == 2
    assert online.box.stats()["route"]["GET /{version}/{id}/comments"] == 1
    online.box.add_comment(old, "Late question about the old post", author_id="u3")
    woken = online.poll(config, "city-fb", keyword_scorer)
    assert (woken.fetched, woken.new) == (6, 1)


def test_a_deleted_recent_post_takes_its_comments_with_it(online: CityOnline,
                                                          keyword_scorer) -> None:
    post, ids = online.post_with_comments("city-fb", 3)
    online.post_with_comments("city-fb", 1)
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    online.box.delete(post)
    report = online.poll(config, "city-fb", keyword_scorer)
    assert report.deleted == 3
    gone = online.rows(config, "SELECT comment_id FROM comments WHERE visibility = 'deleted'")
    assert sorted(r["comment_id"] for r in gone) == sorted(ids)


def test_deleting_the_oldest_recent_post_takes_its_comments_with_it_too(
        online: CityOnline, keyword_scorer) -> None:
    # the listing reached its end, so a recent post missing from it is gone, even when it is
    # older than every post still listed (the crash test's driver once deleted such a post)
    post, ids = online.post_with_comments("city-fb", 3, created=days_ago(0.2))
    online.post_with_comments("city-fb", 1, created=days_ago(0.1))
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    online.box.delete(post)
    assert online.poll(config, "city-fb", keyword_scorer).deleted == 3


def test_a_long_history_is_backfilled_over_several_short_polls(online: CityOnline,
                                                                keyword_scorer) -> None:
    for age in (30, 20, 10, 5):
        online.post_with_comments("city-fb", 10, created=days_ago(age))
    config = online.config("city-fb")
    polls = [online.poll(config, "city-fb", keyword_scorer, backfill_budget=15)
             for _ in range(3)]
    assert [p.new for p in polls] == [20, 20, 0]
    assert [p.deleted for p in polls] == [0, 0, 0]
    [cursor] = online.rows(config, "SELECT cursor FROM cursors")
    assert "backlog" not in cursor["cursor"]
    assert online.rows(config, "SELECT count(DISTINCT comment_id) AS n FROM comments") == [
        {"n": 40}]


class HostileGraph(BaseHTTPRequestHandler):
    """A server speaking the Graph API's shape with junk inside: the connector must cope."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if "/posts" in self.path:
            body = {"data": [{"id": "9_1", "created_time": "2026-11-20T09:00:00+0000"}]}
        else:
            body = {"data": [42, {"id": "9_1_a", "message": 7},
                             {"id": "9_1_b", "message": "<script>x</script>", "from": "nobody",
                              "parent": ["odd"], "is_hidden": "yes"}]}
        raw = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


def test_junk_inside_a_well_formed_answer_is_reported_and_the_rest_archived(
        tmp_path: Path, keyword_scorer) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), HostileGraph)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (tmp_path / "t.token").write_text("hostile-token-Pp12")
    config = load_config(write_config(tmp_path, pages=(
        '[[pages]]\nkey = "odd"\nplatform = "facebook"\naccount_id = "9"\n'
        f'token_file = "t.token"\napi_base_url = "http://127.0.0.1:{server.server_port}"\n')))
    try:
        [report] = poll_once(config, keyword_scorer, listeners=())
    finally:
        server.shutdown()
        server.server_close()
    assert (report.error, report.new, report.bad_records) == (None, 2, 1)  # 42: no id at all
    with Archive.open(config.archive) as archive:
        rows = archive.query("SELECT comment_id, text, author_id, visibility FROM comments "
                             "ORDER BY comment_id")
    assert rows == [  # a message that is not text is kept as sent, never dropped
        {"comment_id": "9_1_a", "text": "7", "author_id": None, "visibility": "visible"},
        {"comment_id": "9_1_b", "text": "<script>x</script>", "author_id": None,
         "visibility": "visible"}]


def test_a_sticker_or_photo_comment_is_archived_with_its_attachment(online: CityOnline,
                                                                    keyword_scorer) -> None:
    post = online.box.add_post(online.account("city-fb"), "Pothole photos welcome")
    online.box.add_comment(post, "", author_id="u1", author_name="Resident", attachment={
        "type": "photo", "url": "https://www.facebook.com/photo/?fbid=1",
        "media": {"image": {"src": "https://scontent.example/p.jpg", "width": 720}},
        "target": {"id": "1", "url": "https://www.facebook.com/photo/?fbid=1"}})
    config = online.config("city-fb")
    online.poll(config, "city-fb", keyword_scorer)
    [row] = online.rows(config, "SELECT c.text, c.attachment, v.attachment AS archived "
                        "FROM comments c JOIN comment_versions v ON v.comment = c.id")
    assert row["text"] == "" and row["attachment"] == row["archived"]
    assert json.loads(row["attachment"]) == {
        "type": "photo", "url": "https://www.facebook.com/photo/?fbid=1",
        "media_url": "https://scontent.example/p.jpg",
        "target_url": "https://www.facebook.com/photo/?fbid=1"}
    with Archive.open(config.archive) as archive:
        assert audit.verify(archive).ok
