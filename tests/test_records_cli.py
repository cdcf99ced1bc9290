"""A records officer's day at the command line: find, show, hold, export, retain, prove."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import CITY_COMMENTS, ROOT, comment, write_config
from records_data import OLD, hide_under, ingest

from moderator.archive import Archive
from moderator.cli import cli

RETENTION = ('[retention]\ntransfer_dir = "transfers"\n[[retention.series]]\n'
             'name = "comments"\nperiod = "2y"\ndisposition = "destroy"\n')


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = write_config(tmp_path, extra=RETENTION)
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.register_page("city", "facebook", "city")
        ingest(archive, *CITY_COMMENTS[:3], at=OLD)
        ingest(archive, comment("esc", "Evil \x1b[2J\x1b[31mred\u202e text"), at=OLD)
        ingest(archive, *CITY_COMMENTS[3:], at="2099-01-01T00:00:00Z")
        hide_under(archive, "c5", "threat")
    return path


def moderator(config: Path, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, [*args, "--config", str(config)], input=input)


def test_search_lists_matches_with_their_archive_ids(config: Path) -> None:
    result = moderator(config, "records", "search", "repairs")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 comment(s) match; showing 1-1")
    assert "When will the Main Street repairs finish?" in result.output
    listed = moderator(config, "records", "search", "--json", "--rule", "threat")
    assert [json.loads(line)["comment_id"] for line in listed.output.splitlines()] == ["c5"]


def test_hostile_control_characters_never_reach_the_terminal(config: Path) -> None:
    result = moderator(config, "records", "search", "Evil")
    assert "Evil" in result.output and "\x1b" not in result.output
    assert "\u202e" not in result.output


def test_show_gives_the_full_history(config: Path) -> None:
    rowid = json.loads(moderator(config, "records", "search", "--json", "engineer").output)["id"]
    result = moderator(config, "records", "show", str(rowid))
    assert result.exit_code == 0, result.output
    assert "v1 " in result.output and "act:threat by keywords-1" in result.output
    assert "hide (threat) would" in result.output
    assert moderator(config, "records", "show", "999").exit_code == 2


def test_export_writes_a_package_that_verifies_until_a_byte_changes(config: Path,
                                                                    tmp_path: Path) -> None:
    target = tmp_path / "request-114"
    result = moderator(config, "export", "--format", "bag", "-o", str(target), "--since",
                       "2023-01-01", "--exporter", "Pat Records")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Exported 7 comment(s) to")
    ok = CliRunner().invoke(cli, ["export", "verify", str(target)])
    assert ok.exit_code == 0 and "valid BagIt package (7 comments)" in ok.output
    index = target / "data" / "index.html"
    index.write_bytes(index.read_bytes().replace(b"Main Street", b"Main Stre3t"))
    bad = CliRunner().invoke(cli, ["export", "verify", str(target)])
    assert bad.exit_code == 1 and "changed: data/index.html" in bad.output


def test_an_export_changed_with_its_checksum_file_fails_against_the_audit_log(
        config: Path, tmp_path: Path) -> None:
    """The .sha256 file travels with the export: whoever edits the CSV can edit it too. The
    archive's audit log recorded the checksum when the export was made."""
    target = tmp_path / "request-115.csv"
    assert moderator(config, "export", "--format", "csv", "-o", str(target)).exit_code == 0
    ok = moderator(config, "export", "verify", str(target))
    assert ok.exit_code == 0 and "as recorded by the archive (archive.db, entry" in ok.output
    text = target.read_text(encoding="utf-8-sig").replace("Main Street", "Elm Street")
    target.write_text(text, encoding="utf-8-sig")
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    Path(f"{target}.sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    alone = CliRunner().invoke(cli, ["export", "verify", str(target)])
    assert alone.exit_code == 0 and "not checked against the archive's audit log" in alone.output
    bad = moderator(config, "export", "verify", str(target))
    assert bad.exit_code == 1
    assert f"{target.name}: its SHA-256 {digest} is not the one the archive recorded" in \
        bad.output
    stranger = tmp_path / "other.csv"
    stranger.write_text("archive_id\n", encoding="utf-8")
    Path(f"{stranger}.sha256").write_text(
        f"{hashlib.sha256(stranger.read_bytes()).hexdigest()}  other.csv\n", encoding="utf-8")
    unknown = moderator(config, "export", "verify", str(stranger))
    assert unknown.exit_code == 1 and "records no export or transfer of that name" in \
        unknown.output


def test_holds_are_placed_listed_and_released(config: Path) -> None:
    added = moderator(config, "hold", "add", "--kind", "request", "--reference", "PRR-114",
                      "--reason", "Request about repairs", "-q", "repairs", "--by", "Pat")
    assert added.exit_code == 0, added.output
    assert "Hold 1 placed (request, PRR-114); it covers 1 comment(s)" in added.output
    assert "PRR-114" in moderator(config, "hold", "list").output
    released = moderator(config, "hold", "release", "1", "--note", "answered", "--by", "Pat")
    assert released.exit_code == 0 and "released by Pat" in released.output
    assert moderator(config, "hold", "list").output.strip() == "No active holds."
    assert "released" in moderator(config, "hold", "list", "--all").output
    assert "by Pat (answered)" in moderator(config, "hold", "list", "--all").output
    assert moderator(config, "hold", "add", "--kind", "legal", "--reference", "X",
                     "--reason", "y").exit_code == 2
    blank = moderator(config, "hold", "add", "--kind", "legal", "--reference", " ",
                      "--reason", "suit", "-q", "crews")
    assert blank.exit_code == 2 and "reference: required; give the case or request number" \
        in blank.output
    unsaid = moderator(config, "hold", "release", "1", "--note", "")
    assert unsaid.exit_code == 2 and "note: required; say why the hold is released" in \
        unsaid.output


def test_retention_dry_run_lists_and_the_real_run_disposes_what_no_hold_covers(
        config: Path) -> None:
    moderator(config, "hold", "add", "--kind", "legal", "--reference", "CV-1", "--reason",
              "suit", "-q", "crews")
    dry = moderator(config, "retention", "run", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "4 comment(s) due, 1 of them held; 3 would be disposed" in dry.output
    assert "HELD, kept" in dry.output
    refused = moderator(config, "retention", "run", input="n\n")
    assert refused.exit_code == 1
    done = moderator(config, "retention", "run", "--yes")
    assert done.exit_code == 0, done.output
    assert "4 due, 1 held and kept, 3 disposed" in done.output
    assert "OK:" in moderator(config, "verify").output


def test_the_audit_log_export_checks_with_the_stdlib_checker(config: Path,
                                                             tmp_path: Path) -> None:
    moderator(config, "hold", "add", "--kind", "legal", "--reference", "CV-1", "--reason",
              "suit", "--page", "city")
    moderator(config, "export", "--format", "jsonl", "-o", str(tmp_path / "all.jsonl"))
    target = tmp_path / "audit.jsonl"
    result = moderator(config, "audit", "export", "-o", str(target))
    assert result.exit_code == 0, result.output
    checker = [sys.executable, "-I", "-S", str(ROOT / "docs" / "check_audit_export.py")]
    ok = subprocess.run([*checker, str(target)], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 2 entries, chain intact")
    lines = target.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1])
    entry["actor"] = "someone else"
    lines[1] = json.dumps(entry)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = subprocess.run([*checker, str(target)], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "entry 1: content does not match its hash" in bad.stdout


def test_a_bad_retention_table_stops_every_records_command_at_start(tmp_path: Path) -> None:
    path = write_config(tmp_path, extra='[retention]\n[[retention.series]]\nname = "c"\n'
                                        'period = "forever"\ndisposition = "destroy"\n')
    result = moderator(path, "records", "search", "x")
    assert result.exit_code == 2
    assert "retention.series[0] (c).period: 'forever'" in result.output


def test_a_mistyped_archive_path_is_an_error_not_an_empty_archive(tmp_path: Path) -> None:
    """With `archive = "moderatr.db"` every records command used to create a new, empty
    archive and report "0 comment(s) match": a records request answered with "no responsive
    records", or a hold placed in the wrong file."""
    path = write_config(tmp_path)
    text = path.read_text(encoding="utf-8").replace('archive.db"', 'archvie.db"')
    path.write_text(text, encoding="utf-8")
    for args in (("records", "search", "water"), ("verify",), ("status",),
                 ("export", "--format", "csv", "-o", str(tmp_path / "out.csv")),
                 ("hold", "add", "--kind", "legal", "--reference", "CV-1", "--reason", "suit")):
        result = moderator(path, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "archvie.db: no archive there; check `archive` in moderator.toml" in result.output
    assert not (tmp_path / "archvie.db").exists() and not (tmp_path / "out.csv").exists()


def test_a_filter_or_hold_that_cannot_match_says_so(config: Path) -> None:
    """An outcome no decision has, or a hold whose page key has a typo, used to match nothing
    in silence."""
    result = moderator(config, "records", "search", "--decision", "acted", "pool")
    assert result.exit_code == 2
    assert "decision: 'acted' must be an outcome (allow, review, act, keep, hide" in result.output
    placed = CliRunner().invoke(cli, ["hold", "add", "--kind", "legal", "--reference", "CV-9",
                                      "--reason", "suit", "--page", "cty", "--config",
                                      str(config)])
    assert placed.exit_code == 0 and "covers 0 comment(s)" in placed.stdout
    assert "Warning: the hold covers no comment yet" in placed.stderr
    right = moderator(config, "hold", "add", "--kind", "legal", "--reference", "CV-9",
                      "--reason", "suit", "--page", "city")
    assert right.exit_code == 0 and "Warning" not in right.output


def test_an_unwritable_output_or_an_impossible_id_is_one_line_not_a_traceback(
        config: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = moderator(config, "export", "--format", "csv", "-o",
                       str(tmp_path / "a-file" / "out.csv"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {tmp_path / 'a-file'}"), result.output
    assert "check the path, its permissions and free disk space" in result.output
    for args in (("records", "show", "99999999999999999999999"),
                 ("hold", "release", "99999999999999999999999", "--note", "done")):
        huge = moderator(config, *args)
        assert huge.exit_code == 2 and "is not in the range" in huge.output, huge.output


def test_an_export_that_matched_nothing_or_names_no_agency_says_so(config: Path,
                                                                   tmp_path: Path) -> None:
    empty = CliRunner().invoke(cli, ["export", "--format", "csv", "-q", "xylophone", "-o",
                                     str(tmp_path / "none.csv"), "--config", str(config)])
    assert empty.exit_code == 0 and "Exported 0 comment(s)" in empty.stdout
    assert "Warning: no comment matched" in empty.stderr
    bare = CliRunner().invoke(cli, ["export", "--format", "csv", "-o", str(tmp_path / "a.csv"),
                                    "--archive", str(tmp_path / "archive.db"), "--config",
                                    str(tmp_path / "absent.toml")])
    assert bare.exit_code == 0 and "Warning: no moderator.toml" in bare.stderr
