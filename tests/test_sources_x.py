"""Replies to a city's X posts read through tweepy over real HTTP from the sandbox platform."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sandbox_city import CityOnline, city_online

from moderator.archive import Archive
from moderator.classify import build_scorer
from moderator.errors import SourceError
from moderator.sources.x import readable


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


MINUTES = ("The minutes are at https://www.springfield.gov/minutes?year=2026&page=2 & the "
           "agenda says <draft>, so which one counts?")


def test_a_reply_is_archived_as_people_read_it_on_x(online: CityOnline, keyword_scorer) -> None:
    """X's API wraps every link in t.co and writes & < > as HTML entities; the archive keeps
    what the resident wrote and the public saw, not the API's encoding."""
    post = online.box.add_post(online.account("city-x"), "Council meets Tuesday & Thursday")
    reply = online.box.add_comment(post, MINUTES, author_id="u1", author_name="Resident")
    served = requests.get(f"{online.box.url}/2/tweets/search/recent", timeout=5,
                          params={"query": f"conversation_id:{post} is:reply",
                                  "tweet.fields": "entities"},
                          headers={"Authorization": f"Bearer {online.token('city-x')}"}).json()
    [wire] = served["data"]
    assert "https://t.co/" in wire["text"] and "&amp;" in wire["text"]
    assert "springfield.gov" not in wire["text"] and "<draft>" not in wire["text"]
    assert wire["entities"]["urls"][0]["expanded_url"].startswith("https://www.springfield.gov/")

    config = online.config("city-x")
    assert online.poll(config, "city-x", keyword_scorer).new == 1
    [row] = online.rows(config, "SELECT text FROM comments WHERE comment_id = ?", (reply,))
    assert row["text"] == MINUTES
    [versions] = online.rows(config, "SELECT count(*) AS n FROM comment_versions")
    assert versions["n"] == 1
    [kept] = online.rows(config, "SELECT text FROM posts WHERE post_id = ?", (post,))
    assert kept["text"] == "Council meets Tuesday & Thursday"


def test_on_x_the_agency_link_lists_see_where_a_link_really_goes(online: CityOnline) -> None:
    """Every link on X arrives as a t.co link; read as written, a link to a government site
    stays up, one to a deny-listed domain is spam, and a shortener goes to review."""
    post = online.box.add_post(online.account("city-x"), "Where can I find the bus schedule?")
    replies = {
        "gov": "It is on https://www.springfield.gov/transit/schedules, page 2.",
        "denied": "Grow your page fast at https://cheap-followers.example/buy today",
        "shortened": "I found it here: https://bit.ly/3xYzQ9k",
    }
    ids = {key: online.box.add_comment(post, text, author_id=f"u-{key}")
           for key, text in replies.items()}
    config = online.config("city-x", extra='api_timeout = 2\n[detectors]\n'
                                            'deny_domains = ["cheap-followers.example"]')
    online.poll(config, "city-x", build_scorer(config))
    decided = {row["comment_id"]: row["decision"] for row in online.rows(
        config, "SELECT comment_id, decision FROM comments")}
    assert decided == {ids["gov"]: "allow", ids["denied"]: "act:spam",
                       ids["shortened"]: "review"}
    [evidence] = online.rows(config, "SELECT s.evidence FROM scores s JOIN comments c ON "
                                     "c.id = s.comment WHERE c.comment_id = ? AND s.rule = "
                                     "'spam'", (ids["shortened"],))
    assert "bit.ly" in evidence["evidence"] and "t.co" not in evidence["evidence"]


def test_a_photo_on_x_is_the_reply_s_attachment_not_a_link_in_its_text(online: CityOnline
                                                                       ) -> None:
    """X ends a reply with a photo with a t.co link to it and shows the photo instead; a photo
    is not a link to an unknown site, so it does not send the reply to review as spam."""
    post = online.box.add_post(online.account("city-x"), "Report potholes here")
    reply = online.box.add_comment(post, "Pothole on Elm & 4th, about a foot wide",
                                   author_id="u1", attachment={"type": "photo"})
    config = online.config("city-x")
    online.poll(config, "city-x", build_scorer(config))
    [row] = online.rows(config, "SELECT text, attachment, decision FROM comments WHERE "
                                "comment_id = ?", (reply,))
    assert row["text"] == "Pothole on Elm & 4th, about a foot wide"
    assert row["attachment"] == ('{"type": "media", "url": "https://x.com/i/web/status/'
                                 f'{reply}/photo/1"}}')
    assert row["decision"] == "allow"


def test_a_long_reply_is_archived_and_scored_whole(online: CityOnline) -> None:
    """A reply longer than 280 characters comes with ``text`` cut short and the whole of it in
    ``note_tweet``; the record keeps all of it, and what is said at the end is moderated."""
    post = online.box.add_post(online.account("city-x"), "Property reassessments are out")
    opening = ("My assessment went up forty percent this year and nothing about the house has "
               "changed. " * 4)
    whole = opening + "I know where the assessor lives and I will be waiting for him."
    reply = online.box.add_comment(post, whole, author_id="u1")
    served = requests.get(f"{online.box.url}/2/tweets/search/recent", timeout=5,
                          params={"query": f"conversation_id:{post} is:reply"},
                          headers={"Authorization": f"Bearer {online.token('city-x')}"}).json()
    assert "assessor" not in served["data"][0]["text"]

    config = online.config("city-x")
    online.poll(config, "city-x", build_scorer(config))
    [row] = online.rows(config, "SELECT text, decision FROM comments WHERE comment_id = ?",
                        (reply,))
    assert row["text"] == whole
    assert row["decision"] == "review"


def test_link_entities_that_cannot_be_trusted_leave_the_text_as_sent() -> None:
    sent = "see https://t.co/abc123 &amp;lt;b&amp;gt; and https://t.co/def456 https://t.co/zz"
    item = {"text": sent, "entities": {"urls": [
        {"url": "https://t.co/abc123", "expanded_url": "javascript:alert(1)"},
        {"url": "https://t.co/def456", "expanded_url": "https://spam.example/" + "a" * 3000},
        {"url": "https://t.co/zz", "expanded_url": "https://ok.example/a b"},
        "not an entity", {"url": 5, "expanded_url": None}]}}
    assert readable(item)[0] == ("see https://t.co/abc123 &lt;b&gt; and https://t.co/def456 "
                                   "https://t.co/zz")
    assert readable({"text": "https://t.co/abc", "entities": {"urls": "nothing"}}) == (
        "https://t.co/abc", None)
    assert readable({"text": 7}) == (7, None)
