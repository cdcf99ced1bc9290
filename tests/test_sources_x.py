"""Replies to a city's X posts read through tweepy over real HTTP from the sandbox platform."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_city import CityOnline, city_online

from moderator.archive import Archive
from moderator.errors import SourceError


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)


def days_ago(days: float) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_it_archives_replies_with_authors_and_threads_across_pages(online: CityOnline,
                                                                   keyword_scorer) -> None:
    post, ids = online.post_with_comments("city-x", 45, replies_every=3)
    config = online.config("city-x")
    first = online.poll(config, "city-x", keyword_scorer, page_size=10)
    again = online.poll(config, "city-x", keyword_scorer, page_size=10)
    assert (first.error, first.new, again.new) == (None, 45, 0)
    rows = online.rows(config, "SELECT comment_id, post_id, parent_id, author_name FROM comments "
                               "ORDER BY comment_id")
    assert [r["comment_id"] for r in rows] == sorted(ids)
    assert {r["post_id"] for r in rows} == {post}
    assert rows[0]["author_name"] == "Resident0" and rows[2]["parent_id"] == ids[1]


def test_an_edited_reply_is_a_new_version_of_the_same_comment(online: CityOnline,
                                                               keyword_scorer) -> None:
    post, (edited, deleted) = online.post_with_comments("city-x", 2)
    config = online.config("city-x")
    online.poll(config, "city-x", keyword_scorer)
    online.box.edit(edited, "Question about the detour, with a typo fixed")
    online.box.delete(deleted)
    report = online.poll(config, "city-x", keyword_scorer)
    assert (report.new, report.edited, report.deleted) == (0, 1, 1)
    [row] = online.rows(config, "SELECT text, versions, edited_at FROM comments WHERE "
                                "comment_id = ?", (edited,))
    assert row["versions"] == 2 and row["text"].endswith("typo fixed") and row["edited_at"]
    assert len(online.box.comment(edited)["versions"]) == 2


def test_older_conversations_are_searched_only_for_new_replies(online: CityOnline,
                                                               keyword_scorer) -> None:
    old = online.box.add_post(online.account("city-x"), "Plows are out", created=days_ago(5))
    for n in range(3):
        online.box.add_comment(old, f"My street {n} is not plowed", author_id=f"u{n}",
                               created=days_ago(4 - n))
    config = online.config("city-x")
    online.poll(config, "city-x", keyword_scorer)
    online.box.add_comment(old, "Still waiting for the plow", author_id="u5")
    report = online.poll(config, "city-x", keyword_scorer)
    assert (report.fetched, report.new) == (2, 1)  # the newest known reply is in the overlap


def test_a_hidden_reply_stays_hidden_in_the_archive_though_x_does_not_report_it(
        online: CityOnline, keyword_scorer) -> None:
    post = online.box.add_post(online.account("city-x"), "Snow emergency tonight")
    threat = online.box.add_comment(post, "I will hurt the engineer who approved this, watch "
                                          "your back", author_id="u1", author_name="angry")
    config = online.config("city-x", dry_run=False)
    first = online.poll(config, "city-x", keyword_scorer)
    again = online.poll(config, "city-x", keyword_scorer)
    assert first.sent == 1 and online.box.comment(threat)["hidden"] is True
    assert again.visibility == 0
    with Archive.open(config.archive) as archive:
        assert archive.find_comment("x", threat)["visibility"] == "hidden"


def test_x_refuses_to_hide_a_reply_in_someone_elses_conversation(online: CityOnline) -> None:
    online.box.add_account("x", "1600000000000000002", "other-token-Aq12", username="elsewhere")
    post = online.box.add_post("1600000000000000002", "Not the city's post")
    reply = online.box.add_comment(post, "A reply", author_id="u1")
    source = online.source(online.config("city-x"), "city-x")
    with pytest.raises(SourceError) as refused:
        source.set_hidden(reply, True)
    source.close()
    assert refused.value.kind == "permanent" and "403" in str(refused.value)
    assert online.box.comment(reply)["hidden"] is False
