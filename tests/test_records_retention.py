"""Retention: what is due goes, what a hold covers stays, and the archive still verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, comment, write_config
from records_data import OLD, hide_under, ingest, rowid

from moderator import audit
from moderator.archive import Archive
from moderator.config import load_config
from moderator.errors import ArchiveError, ConfigError
from moderator.records.disposition import removed_from_record, removed_sha256
from moderator.records.holds import add_hold, release_hold
from moderator.records.retention import due, run_retention, run_scheduled
from moderator.records.schedule import Schedule, load_schedule, schedule_from_table
from moderator.records.search import make_filters, search

NOW = "2025-06-01T00:00:00Z"
RECENT = "2025-03-01T00:00:00Z"


def schedule(tmp_path: Path, *series: dict) -> Schedule:
    return schedule_from_table({"transfer_dir": "transfers", "series": list(series)},
                               tmp_path / "moderator.toml")


COMMENTS_2Y = {"name": "comments", "period": "2y", "disposition": "destroy"}


@pytest.fixture
def archive(fresh_db: Archive) -> Archive:
    ingest(fresh_db, comment("old1", "Old complaint about the pool", author_name="Ann Old"),
           comment("old2", "Old praise for the library", author_id="a-held"),
           comment("old3", "I will hurt the engineer, watch your back"), at=OLD)
    ingest(fresh_db, comment("new1", "Recent question about the pool"), at=RECENT)
    return fresh_db


def run(archive: Archive, plan: Schedule, now: str = NOW, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return run_retention(archive, plan, actor="records-officer", agency="City", dry_run=dry_run,
                         now=now)


def texts(archive: Archive) -> dict[str, str | None]:
    return {r["comment_id"]: r["text"] for r in archive.query("SELECT * FROM comments")}


def test_it_disposes_exactly_what_is_due_and_nothing_held(archive: Archive,
                                                          tmp_path: Path) -> None:
    hide_under(archive, "old3", "threat")
    add_hold(archive, kind="legal", reference="CV-1", reason="suit",
             scope=make_filters(author="a-held"), actor="counsel")
    report = run(archive, schedule(tmp_path, COMMENTS_2Y))
    assert (report.due, report.held, report.disposed) == (3, 1, 2)
    assert texts(archive) == {"old1": None, "old2": "Old praise for the library", "old3": None,
                              "new1": "Recent question about the pool"}
    gone = archive.find_comment("facebook", "old1")
    assert (gone["author_name"], gone["author_id"], gone["permalink"]) == (None, None, None)
    assert [v["text"] for v in archive.versions(gone["id"])] == [None]
    evidence = archive.query("SELECT evidence FROM scores")
    assert evidence == [{"evidence": None}]
    assert search(archive, make_filters(text="complaint")).total == 0
    assert search(archive, make_filters(text="Ann Old")).total == 0
    assert archive.db.execute("SELECT count(*) FROM comments_fts WHERE comments_fts MATCH "
                              "'engineer'").fetchone()[0] == 0


def test_a_disposition_row_keeps_ids_dates_series_and_the_removed_hash(archive: Archive,
                                                                       tmp_path: Path) -> None:
    run(archive, schedule(tmp_path, COMMENTS_2Y))
    row = archive.one("SELECT * FROM disposition_log WHERE comment_id = 'old1'")
    assert row["series"] == "comments" and row["disposition"] == "destroy"
    assert row["captured_at"] == OLD and row["due_at"] == "2025-01-10T09:00:00Z"
    assert row["actor"] == "records-officer" and len(row["removed_sha256"]) == 64
    assert json.loads(row["versions"])[0][0] == 1
    anchor = archive.one("SELECT * FROM audit_log WHERE action = 'records.dispose' AND "
                         "subject = ?", [f"comment:{row['comment']}"])
    assert json.loads(anchor["details"])["hash"] == row["hash"]


def test_a_hold_placed_after_the_dry_run_still_protects_at_the_real_run(archive: Archive,
                                                                        tmp_path: Path) -> None:
    plan = schedule(tmp_path, COMMENTS_2Y)
    dry = run(archive, plan, dry_run=True)
    assert (dry.due, dry.held) == (3, 0)
    assert texts(archive)["old1"] == "Old complaint about the pool"
    add_hold(archive, kind="request", reference="PRR-2025-9", reason="request about the pool",
             scope=make_filters(text="pool"), actor="clerk")
    report = run(archive, plan)
    assert (report.held, report.disposed) == (1, 2)
    assert texts(archive)["old1"] == "Old complaint about the pool"


def test_a_released_hold_no_longer_protects(archive: Archive, tmp_path: Path) -> None:
    hold = add_hold(archive, kind="request", reference="PRR-1", reason="r",
                    scope=make_filters(page="city"), actor="clerk")
    assert run(archive, schedule(tmp_path, COMMENTS_2Y)).disposed == 0
    release_hold(archive, hold.id, actor="clerk", note="answered")
    assert run(archive, schedule(tmp_path, COMMENTS_2Y)).disposed == 3


def test_the_longest_period_wins_where_series_overlap(archive: Archive, tmp_path: Path) -> None:
    hide_under(archive, "old3", "threat")
    moderated = {"name": "moderated", "period": "6y", "decision": "act",
                 "disposition": "transfer"}
    plan = schedule(tmp_path, COMMENTS_2Y, moderated)
    assert run(archive, plan).disposed == 2
    assert texts(archive)["old3"] is not None
    later = run(archive, plan, now="2030-01-01T00:00:00Z")
    assert later.disposed == 2 and later.transferred == 1
    assert texts(archive)["old3"] is None and later.package is not None


def test_a_transfer_package_holds_what_was_removed_and_its_hash(archive: Archive,
                                                                tmp_path: Path) -> None:
    hide_under(archive, "old3", "threat")
    plan = schedule(tmp_path, {"name": "all", "period": "1y", "disposition": "transfer"})
    report = run(archive, plan)
    assert report.package is not None and report.package.parent == tmp_path / "transfers"
    from moderator.export import verify_package

    assert verify_package(report.package).ok
    lines = (report.package / "data" / "comments.jsonl").read_text(encoding="utf-8")
    records = {json.loads(line)["comment_id"]: json.loads(line) for line in lines.splitlines()}
    assert records["old3"]["text"] == "I will hurt the engineer, watch your back"
    row = archive.one("SELECT * FROM disposition_log WHERE comment_id = 'old3'")
    assert removed_sha256(removed_from_record(records["old3"])) == row["removed_sha256"]
    assert row["package"] == report.package.name


def test_two_runs_in_the_same_second_do_not_share_a_package(archive: Archive,
                                                             tmp_path: Path) -> None:
    """The second said "already exists; give a new folder for the package", naming a folder
    nobody had chosen."""
    plan = schedule(tmp_path, {"name": "all", "period": "1y", "disposition": "transfer"})
    (tmp_path / "transfers" / "transfer-20250601T000000Z").mkdir(parents=True)
    before = texts(archive)
    with pytest.raises(ArchiveError, match="another retention run made this transfer package in "
                       "the same second; nothing was disposed by this one: run it again"):
        run(archive, plan)
    assert texts(archive) == before


def test_from_last_action_counts_from_the_latest_event(archive: Archive, tmp_path: Path) -> None:
    archive.record_decision(rowid(archive, "old1"), 1, "keep", None, actor_kind="user",
                            actor="mod", at="2024-12-01T00:00:00Z")
    plan = schedule(tmp_path, {"name": "c", "period": "1y", "from": "last_action",
                               "disposition": "destroy"})
    found = {d.comment: d for d in due(archive, plan, NOW)}
    assert rowid(archive, "old1") not in found
    assert found[rowid(archive, "old2")].basis_at == OLD
    later = {d.comment for d in due(archive, plan, "2025-12-02T00:00:00Z")}
    assert rowid(archive, "old1") in later


def test_verify_still_passes_after_disposal_and_catches_tampering(archive: Archive,
                                                                  tmp_path: Path) -> None:
    run(archive, schedule(tmp_path, COMMENTS_2Y))
    report = audit.verify(archive)
    assert report.ok, report.problems
    assert report.dispositions == 3
    archive.db.execute("UPDATE comment_versions SET text = 'forged' WHERE comment = ?",
                       [rowid(archive, "old1")])
    problems = [str(p) for p in audit.verify(archive).problems]
    assert any("disposed of but has text again" in p for p in problems)


def test_verify_catches_a_rewritten_disposition_log(archive: Archive, tmp_path: Path) -> None:
    run(archive, schedule(tmp_path, COMMENTS_2Y))
    archive.db.execute("DROP TRIGGER disposition_log_no_update")
    archive.db.execute("UPDATE disposition_log SET series = 'other' WHERE id = 2")
    problems = audit.verify(archive).problems
    assert problems and problems[0].table == "disposition_log" and problems[0].row == 2


def test_a_second_run_finds_nothing_more_to_do(archive: Archive, tmp_path: Path) -> None:
    plan = schedule(tmp_path, COMMENTS_2Y)
    assert run(archive, plan).disposed == 3
    again = run(archive, plan)
    assert (again.due, again.disposed) == (0, 0)


@pytest.mark.parametrize("table, message", [
    ({"series": [{"name": "c", "period": "2 years", "disposition": "destroy"}]},
     "retention.series[0] (c).period"),
    ({"series": [{"name": "c", "period": "0d", "disposition": "destroy"}]},
     "(c).period: '0d' keeps nothing at all; a period is at least 1"),
    ({"series": [{"name": "c", "period": "2y", "disposition": "shred"}]}, ".disposition"),
    ({"series": [{"name": "c", "period": "2y", "from": "birth", "disposition": "destroy"}]},
     ".from"),
    ({"series": [{"name": "c", "period": "2y", "disposition": "transfer"}]}, "transfer_dir"),
    ({"series": [{"name": "c", "period": "2y", "disposition": "destroy", "colour": "red"}]},
     ".colour: unknown key"),
    ({"series": [{"name": "c", "period": "2y", "disposition": "destroy", "hidden": "yes"}]},
     ".hidden: must be true or false"),
    ({"nightly": "yes"}, "retention.nightly"),
    ({"run_at": "3am"}, "retention.run_at"),
    ({"series": [COMMENTS_2Y, COMMENTS_2Y]}, "used twice"),
])
def test_a_bad_retention_table_is_refused_naming_file_and_key(tmp_path: Path, table: dict,
                                                              message: str) -> None:
    with pytest.raises(ConfigError) as error:
        schedule_from_table(table, tmp_path / "moderator.toml")
    assert str(error.value).startswith(f"{tmp_path / 'moderator.toml'}: retention")
    assert message in str(error.value)


def test_a_typo_in_a_series_scope_is_refused_before_anything_is_disposed(
        archive: Archive, tmp_path: Path) -> None:
    """A "moderated" series kept 6 years, scoped with a typo, covered nothing: its comments fell
    to the 2-year series and were destroyed four years early, and every check passed."""
    hide_under(archive, "old3", "threat")
    longer = {"name": "moderated", "period": "6y", "disposition": "destroy"}
    with pytest.raises(ConfigError, match=r"\(moderated\): decision: 'acted' must be an outcome"):
        schedule(tmp_path, COMMENTS_2Y, {**longer, "decision": "acted"})
    extra = ('[retention]\n[[retention.series]]\nname = "moderated"\nperiod = "6y"\n'
             'disposition = "destroy"\nrule = "threats"\n')
    with pytest.raises(ConfigError, match=r"retention.series\[0\] \(moderated\).rule: 'threats' "
                       r"is not a rule in conduct-rules.toml \(.*threat.*\); check the spelling"):
        load_schedule(load_config(write_config(tmp_path, extra=extra)))
    before = texts(archive)
    for dry_run in (True, False):
        with pytest.raises(ConfigError, match="page 'cty' is not a page in the archive"):
            run(archive, schedule(tmp_path, COMMENTS_2Y, {**longer, "page": "cty"}),
                dry_run=dry_run)
    assert texts(archive) == before
    report = run(archive, schedule(tmp_path, COMMENTS_2Y, {**longer, "decision": "act:threat"}))
    assert report.disposed == 2 and texts(archive)["old3"] is not None


def test_the_example_configuration_has_a_valid_schedule() -> None:
    plan = load_schedule(load_config(ROOT / "config" / "moderator.example.toml"))
    assert {s.name for s in plan.series} >= {"comments", "moderated"}
    assert plan.transfer_dir is not None and plan.nightly is False


def test_the_nightly_job_runs_the_configured_schedule(tmp_path: Path) -> None:
    extra = ('[retention]\nnightly = true\n[[retention.series]]\nname = "comments"\n'
             'period = "1d"\ndisposition = "destroy"\n')
    config = load_config(write_config(tmp_path, extra=extra))
    with Archive.open(config.archive) as archive:
        archive.register_page("city", "facebook", "city")
        ingest(archive, comment("c1", "An old comment"), at=OLD)
    report = run_scheduled(config)
    assert report is not None and report.disposed == 1
    with Archive.open(config.archive) as archive:
        entry = archive.one("SELECT * FROM audit_log WHERE action = 'retention.run'")
        assert entry["actor"] == "system:retention"
