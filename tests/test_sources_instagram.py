"""A city's Instagram account read through facebook-sdk over real HTTP from the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_city import CityOnline, city_online


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)


def test_it_archives_media_comments_and_every_reply_across_pages(online: CityOnline,
                                                                 keyword_scorer) -> None:
    media = online.box.add_post(online.account("city-ig"), "Summer festival is back!")
    question = online.box.add_comment(media, "Is there parking?", author_id="17850001",
                                      author_name="ann.b")
    for n in range(40):
        online.box.add_comment(media, f"Answer {n}: use the shuttle", author_id="17850002",
                               author_name="bo.k", parent=question)
    online.box.add_comment(media, "Love it", author_id="17850003", author_name="cy")
    config = online.config("city-ig")
    report = online.poll(config, "city-ig", keyword_scorer, page_size=10)
    assert (report.error, report.new) == (None, 42)
    rows = online.rows(config, "SELECT parent_id, count(*) AS n FROM comments GROUP BY "
                               "parent_id ORDER BY n")
    assert rows == [{"parent_id": None, "n": 2}, {"parent_id": question, "n": 40}]
    routes = online.box.stats()["route"]
    assert routes["GET /{version}/{id}/replies"] == 2


def test_a_hidden_or_deleted_instagram_comment_becomes_a_version(online: CityOnline,
                                                                 keyword_scorer) -> None:
    media = online.box.add_post(online.account("city-ig"), "New bike lane on Grant Ave")
    first = online.box.add_comment(media, "Finally!", author_id="1", author_name="ann")
    second = online.box.add_comment(media, "Where do I park now?", author_id="2",
                                    author_name="bo")
    config = online.config("city-ig")
    online.poll(config, "city-ig", keyword_scorer)
    online.box.hide(first)
    online.box.delete(second)
    report = online.poll(config, "city-ig", keyword_scorer)
    assert (report.visibility, report.deleted) == (1, 1)
    assert {r["comment_id"]: r["visibility"] for r in online.rows(
        config, "SELECT comment_id, visibility FROM comments")} == {first: "hidden",
                                                                    second: "deleted"}


def test_hiding_an_instagram_comment_uses_hide_and_changes_the_platform(
        online: CityOnline, keyword_scorer) -> None:
    media = online.box.add_post(online.account("city-ig"), "Fireworks on Saturday")
    spam = online.box.add_comment(media, "HUGE SALE buy now cheap-pills.example.com free "
                                         "shipping click here", author_id="9",
                                  author_name="dealz")
    config = online.config("city-ig")
    source = online.source(config, "city-ig")
    source.set_hidden(spam, True)
    assert online.box.comment(spam)["hidden"] is True
    source.set_hidden(spam, False)
    assert online.box.comment(spam)["hidden"] is False
    source.close()
