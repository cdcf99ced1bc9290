"""One poll cycle, end to end on a real SQLite file: fetch, archive, score, decide, queue, act."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import CITY_COMMENTS, QUEUE_COMMENTS, CityPage, comment

from moderator import audit, moderation, queue
from moderator.archive import Archive
from moderator.comments import Batch
from moderator.config import Config
from moderator.pipeline import poll_page, prepare, run_cycle
from moderator.scheduler import poll_once
from moderator.sources.jsonl import JsonlSource
from moderator.users import User


def rows(config: Config, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
    with Archive.open(config.archive) as archive:
        return archive.query(sql, list(params))


def test_a_cycle_archives_scores_decides_and_queues(city: CityPage, city_config: Config,
                                                    keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    [report] = poll_once(city_config, keyword_scorer)
    assert (report.fetched, report.new, report.allowed, report.queued, report.acted) == \
        (6, 6, 3, 1, 2)
    decisions = {r["comment_id"]: r["decision"] for r in
                 rows(city_config, "SELECT comment_id, decision FROM comments")}
    assert decisions == {"c1": "allow", "c2": "allow", "c3": "allow", "c4": "act:profanity",
                         "c5": "act:threat", "c6": "review"}


def test_criticism_of_the_council_is_allowed(city: CityPage, city_config: Config,
                                             keyword_scorer) -> None:
    city.post(comment("c2", "The council wasted our money and should be ashamed of it."))
    poll_once(city_config, keyword_scorer)
    assert rows(city_config, "SELECT decision FROM comments") == [{"decision": "allow"}]


def test_dry_run_records_would_hide_and_sends_nothing(city: CityPage, city_config: Config,
                                                      keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    poll_once(city_config, keyword_scorer)
    acted = rows(city_config, "SELECT a.kind, a.rule, a.status, a.dry_run, c.visibility "
                 "FROM actions a JOIN comments c ON c.id = a.comment ORDER BY a.id")
    assert acted == [
        {"kind": "hide", "rule": "profanity", "status": "would", "dry_run": 1,
         "visibility": "visible"},
        {"kind": "hide", "rule": "threat", "status": "would", "dry_run": 1,
         "visibility": "visible"},
    ]


def test_every_score_is_stored_with_its_evidence_and_model_version(city: CityPage,
                                                                   city_config: Config,
                                                                   keyword_scorer) -> None:
    city.post(comment("c4", "This is bullshit, fix the damn road"))
    poll_once(city_config, keyword_scorer)
    scores = rows(city_config, "SELECT rule, score, evidence, model_version FROM scores")
    assert {s["rule"] for s in scores} == set(city_config.rules.ids)
    profanity = next(s for s in scores if s["rule"] == "profanity")
    assert json.loads(profanity["evidence"]) == ["bullshit", "damn"]
    assert profanity["model_version"] == keyword_scorer.version


def test_a_review_item_carries_the_rule_and_evidence(city: CityPage, city_config: Config,
                                                     keyword_scorer) -> None:
    city.post(comment("c6", "You are a pathetic idiot, nobody asked you"))
    poll_once(city_config, keyword_scorer)
    with Archive.open(city_config.archive) as archive:
        [item] = queue.pending(archive)
    assert item["rule"] == "harassment" and item["text"].startswith("You are a pathetic")
    assert item["reasons"][0]["evidence"] == ["pathetic", "idiot"]


def test_an_edit_is_rescored_and_keeps_one_open_review_item(city: CityPage, city_config: Config,
                                                            keyword_scorer) -> None:
    city.post(comment("c6", "You are a pathetic idiot"))
    poll_once(city_config, keyword_scorer)
    city.edit("c6", "You are a pathetic idiot and a moron")
    poll_once(city_config, keyword_scorer)
    items = rows(city_config, "SELECT version, status FROM review_items")
    assert items == [{"version": 2, "status": "pending"}]
    assert len(rows(city_config, "SELECT id FROM decisions")) == 2


def test_each_decision_is_in_the_audit_chain(city: CityPage, city_config: Config,
                                             keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    poll_once(city_config, keyword_scorer)
    entries = rows(city_config, "SELECT action, subject, details FROM audit_log ORDER BY id")
    assert [e["action"] for e in entries] == ["decision"] * 6 + ["poll"]
    threat = json.loads(entries[4]["details"])
    assert threat["decision"] == "act:threat" and threat["model_version"] == "keywords-1"
    with Archive.open(city_config.archive) as archive:
        assert audit.verify(archive).ok


class CursorThatCannotBeSaved(JsonlSource):
    """A source whose cursor cannot be written: the cycle fails after archiving."""

    def fetch(self, cursor: dict | None) -> Batch:
        batch = super().fetch(cursor)
        batch.cursor = {"unsaveable": object()}
        return batch


def test_a_cycle_that_fails_before_saving_its_cursor_leaves_nothing_half_done(
        city: CityPage, city_config: Config, keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    page = city_config.pages[0]
    with Archive.open(city_config.archive) as archive:
        prepare(archive, city_config, keyword_scorer)
        with pytest.raises(TypeError):
            run_cycle(archive, page, CursorThatCannotBeSaved(page), keyword_scorer, dry_run=True)
        assert archive.count("comments") == 0 and archive.get_cursor("city") is None
        run_cycle(archive, page, JsonlSource(page), keyword_scorer, dry_run=True)
        again = run_cycle(archive, page, JsonlSource(page), keyword_scorer, dry_run=True)
        assert again.new == 0
        assert archive.count("comments") == 6 and archive.count("comment_versions") == 6
        assert archive.count("decisions") == 6 and archive.count("review_items") == 1


def test_comments_archived_by_a_cycle_that_died_before_its_cursor_are_not_doubled(
        city: CityPage, city_config: Config, keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    page = city_config.pages[0]
    with Archive.open(city_config.archive) as archive:
        prepare(archive, city_config, keyword_scorer)
        archive.ingest("city", JsonlSource(page).fetch(None))  # archived, cursor never saved
        report = run_cycle(archive, page, JsonlSource(page), keyword_scorer, dry_run=True)
        assert report.new == 0 and archive.count("comments") == 6
        assert archive.count("comment_versions") == 6
        assert archive.get_cursor("city") is not None


def test_a_bad_line_is_reported_and_the_rest_archived(city: CityPage, city_config: Config,
                                                      keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    with open(city.file, "a", encoding="utf-8") as handle:
        handle.write('{"comment_id": "c7", "post_id": "roads", "text": 5}\nnot json\n')
    [report] = poll_once(city_config, keyword_scorer)
    assert report.new == 6 and report.bad_records == 2


def test_a_deleted_comment_is_kept_after_a_cycle(city: CityPage, city_config: Config,
                                                 keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    poll_once(city_config, keyword_scorer)
    city.delete("c3")
    [report] = poll_once(city_config, keyword_scorer)
    assert report.deleted == 1
    [row] = rows(city_config, "SELECT text, visibility FROM comments WHERE comment_id = 'c3'")
    assert row == {"text": "Thanks to the crews working overnight, much appreciated!",
                   "visibility": "deleted"}


def test_a_queued_comment_its_author_deletes_leaves_the_queue_with_a_note(
        city: CityPage, city_config: Config, keyword_scorer) -> None:
    """Nothing is left to hide, and a stale item would hold the oldest-pending alert; an item a
    moderator escalated stays for the admin, and the comment itself stays in the archive."""
    city.post(*QUEUE_COMMENTS[:3])
    poll_once(city_config, keyword_scorer)
    with Archive.open(city_config.archive) as archive:
        items = {r["comment_id"]: r["id"] for r in archive.query(
            "SELECT r.id, c.comment_id FROM review_items r JOIN comments c ON c.id = r.comment "
            "WHERE r.status = 'pending'")}
        assert set(items) == {"q1", "q2", "q3"}
        mia = User(1, "mia", "moderator")
        assert moderation.decide(archive, city_config, items["q3"], mia, "escalate",
                                 note="Is this about the mayor?").ok
    city.delete("q2")
    city.delete("q3")
    [report] = poll_once(city_config, keyword_scorer)
    assert report.deleted == 2
    with Archive.open(city_config.archive) as archive:
        assert queue.pending_count(archive) == 1
        closed = archive.one("SELECT r.status, r.decided_by, r.decision, r.note, c.text, "
                             "c.visibility FROM review_items r JOIN comments c ON c.id = "
                             "r.comment WHERE r.id = ?", [items["q2"]])
        assert closed == {"status": "decided", "decided_by": "system", "decision": "closed",
                          "note": "deleted on the platform",
                          "text": "What a moron take on the bridge", "visibility": "deleted"}
        assert archive.scalar("SELECT status FROM review_items WHERE id = ?",
                              [items["q3"]]) == "escalated"
        entry = archive.one("SELECT actor, details FROM audit_log WHERE action = "
                            "'review.closed'")
        assert entry["actor"] == "system"
        assert json.loads(entry["details"]) == {"item": items["q2"],
                                                "reason": "deleted on the platform"}
        assert audit.verify(archive).ok
        late = moderation.decide(archive, city_config, items["q2"], mia, "hide", "harassment")
        assert not late.ok and late.message == f"item {items['q2']} was already decided by system"


def test_an_unreadable_source_backs_the_page_off(city: CityPage, city_config: Config,
                                                 keyword_scorer) -> None:
    city.file.unlink()
    with Archive.open(city_config.archive) as archive:
        prepare(archive, city_config, keyword_scorer)
        report = poll_page(archive, city_config, city_config.pages[0], keyword_scorer)
        assert report.error_kind == "transient" and "cannot read" in report.error
        state = archive.page_state("city")
        assert state["status"] == "failing" and state["failures"] == 1
        skipped = poll_page(archive, city_config, city_config.pages[0], keyword_scorer)
        assert skipped.skipped and skipped.skipped.startswith("backing off until")
