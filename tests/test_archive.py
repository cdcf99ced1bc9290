"""A records officer can trust the archive: each comment once, every version, tampering seen."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CITY_COMMENTS, CityPage, comment

from moderator import audit
from moderator.archive import Archive
from moderator.cli import cli
from moderator.comments import Batch, make_comment
from moderator.config import Config
from moderator.errors import DataError
from moderator.scheduler import poll_once


def batch_of(*lines: dict) -> Batch:
    return Batch(comments=[make_comment(line) for line in lines], cursor={"n": len(lines)})


def test_reingesting_the_same_page_adds_nothing(fresh_db: Archive) -> None:
    first = fresh_db.ingest("city", batch_of(*CITY_COMMENTS))
    again = fresh_db.ingest("city", batch_of(*CITY_COMMENTS))
    assert len(first.new) == 6
    assert (again.new, again.edited, again.unchanged) == ([], [], 6)
    assert fresh_db.count("comments") == 6
    assert fresh_db.count("comment_versions") == 6


def test_an_edit_adds_a_version_and_keeps_the_old_text(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(comment("c1", "Potholes on Elm again")))
    result = fresh_db.ingest("city", batch_of(comment("c1", "Potholes on Elm AND Oak again")))
    assert [c.kind for c in result.edited] == ["edited"]
    row = fresh_db.find_comment("facebook", "c1")
    assert row["text"] == "Potholes on Elm AND Oak again" and row["versions"] == 2
    texts = [v["text"] for v in fresh_db.versions(row["id"])]
    assert texts == ["Potholes on Elm again", "Potholes on Elm AND Oak again"]


def test_a_hide_on_the_platform_adds_a_visibility_version(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(comment("c1", "text")))
    result = fresh_db.ingest("city", batch_of(comment("c1", "text", hidden=True)))
    assert len(result.visibility) == 1
    row = fresh_db.find_comment("facebook", "c1")
    assert [v["visibility"] for v in fresh_db.versions(row["id"])] == ["visible", "hidden"]


def test_a_comment_deleted_on_the_platform_is_marked_and_kept(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(comment("c1", "first"), comment("c2", "second")))
    gone = Batch(comments=[make_comment(comment("c1", "first"))], complete_posts={"roads"})
    result = fresh_db.ingest("city", gone, seen_at="2026-11-21T08:00:00Z")
    assert [c.comment.comment_id for c in result.deleted] == ["c2"]
    row = fresh_db.find_comment("facebook", "c2")
    assert row["text"] == "second"
    assert row["visibility"] == "deleted" and row["deleted_at"] == "2026-11-21T08:00:00Z"
    assert [v["visibility"] for v in fresh_db.versions(row["id"])] == ["visible", "deleted"]
    again = fresh_db.ingest("city", gone)
    assert again.deleted == []


def test_comments_on_posts_not_rechecked_are_not_marked_deleted(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(comment("c1", "old post"), comment("c2", "new", post_id="p2")))
    result = fresh_db.ingest("city", Batch(comments=[], complete_posts={"p2"}))
    assert [c.comment.comment_id for c in result.deleted] == ["c2"]
    assert fresh_db.find_comment("facebook", "c1")["visibility"] == "visible"


def test_verify_passes_on_an_untouched_archive(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(*CITY_COMMENTS))
    audit.append(fresh_db, "system", "poll", "page:city", {"new": 6})
    report = audit.verify(fresh_db)
    assert report.ok and report.versions == 6 and report.audit_entries == 1


def test_a_version_changed_with_raw_sql_makes_verify_fail_and_name_it(tmp_path: Path,
                                                                      city: CityPage,
                                                                      city_config: Config,
                                                                      keyword_scorer) -> None:
    city.post(*CITY_COMMENTS)
    poll_once(city_config, keyword_scorer)
    conn = sqlite3.connect(city_config.archive)
    version_id = conn.execute("SELECT id FROM comment_versions WHERE text LIKE 'Thanks%'"
                              ).fetchone()[0]
    conn.execute("UPDATE comment_versions SET text = 'Thanks for nothing' WHERE id = ?",
                 [version_id])
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["verify", "--config", str(city_config.path)])
    assert result.exit_code == 1
    assert f"first: comment_versions row {version_id}: comment 3 version 1 does not match its " \
           "hash" in result.output


def test_an_audit_entry_rewritten_behind_the_triggers_back_is_named(fresh_db: Archive) -> None:
    for n in range(3):
        audit.append(fresh_db, "system", "poll", "page:city", {"n": n})
    fresh_db.db.execute("DROP TRIGGER audit_log_no_update")
    fresh_db.db.execute("UPDATE audit_log SET details = '{\"n\":9}' WHERE id = 2")
    report = audit.verify(fresh_db)
    assert str(report.problems[0]) == "audit_log row 2: content does not match its hash"


def test_the_audit_log_refuses_updates_and_deletes(fresh_db: Archive) -> None:
    audit.append(fresh_db, "system", "poll", "page:city", {})
    for sql in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        try:
            fresh_db.db.execute(sql)
        except sqlite3.IntegrityError as error:
            assert "append-only" in str(error)
        else:
            raise AssertionError(f"{sql} was allowed")


def test_a_deleted_audit_entry_breaks_the_chain(fresh_db: Archive) -> None:
    for n in range(3):
        audit.append(fresh_db, "system", "poll", None, {"n": n})
    fresh_db.db.execute("DROP TRIGGER audit_log_no_delete")
    fresh_db.db.execute("DELETE FROM audit_log WHERE id = 2")
    problems = [str(p) for p in audit.verify(fresh_db).problems]
    assert problems[0] == "audit_log row 3: entries 2..2 are missing"


def test_full_text_search_finds_comments_by_words(fresh_db: Archive) -> None:
    fresh_db.ingest("city", batch_of(*CITY_COMMENTS, comment("c9", "¿Cuándo abrirá la piscina?")))
    found = list(fresh_db.db["comments"].search("overnight crews"))
    assert [r["comment_id"] for r in found] == ["c3"]
    assert [r["comment_id"] for r in fresh_db.db["comments"].search("piscina")] == ["c9"]


def test_the_archive_is_a_plain_sqlite_file_with_the_documented_tables(fresh_db: Archive) -> None:
    conn = sqlite3.connect(fresh_db.path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"comments", "comment_versions", "posts", "pages", "scores", "decisions", "actions",
            "review_items", "audit_log", "model_versions", "cursors"} <= tables
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_changed_attachment_is_a_new_version(fresh_db: Archive) -> None:
    photo = {"type": "photo", "url": "https://example.org/a.jpg"}
    fresh_db.ingest("city", batch_of(comment("c1", "look", attachment=photo)))
    result = fresh_db.ingest("city", batch_of(comment("c1", "look", attachment={
        "type": "photo", "url": "https://example.org/b.jpg"})))
    assert len(result.edited) == 1
    row = fresh_db.find_comment("facebook", "c1")
    assert [json.loads(v["attachment"])["url"] for v in fresh_db.versions(row["id"])] == [
        "https://example.org/a.jpg", "https://example.org/b.jpg"]
    assert audit.verify(fresh_db).ok


def test_an_attachment_that_is_not_an_object_is_refused_clearly() -> None:
    with pytest.raises(DataError, match="'attachment' must be an object, got list"):
        make_comment(comment("c1", "x", attachment=["a"]))
