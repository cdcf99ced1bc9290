"""A records officer answers a public-records request from the browser: find, read the whole
history, export a package that validates, and put the request on hold."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote

from conftest import CityPage

from moderator.archive import Archive
from moderator.export import verify_package
from moderator.scheduler import poll_once


def test_search_finds_hidden_and_deleted_comments_of_a_page(web, city: CityPage,  # type: ignore[no-untyped-def]
                                                            keyword_scorer) -> None:
    city.hide("c3")
    city.delete("c1")
    poll_once(web.state.config, keyword_scorer, listeners=())
    rita = web.state.staff("rita")
    found = rita.get("/api/records/search?page=city&since=2026-11-01&until=2026-11-30").json()
    assert found["total"] == 10
    states = {c["comment_id"]: c["visibility"] for c in found["comments"]}
    assert states["c1"] == "deleted" and states["c3"] == "hidden"
    page = rita.get("/records?page=city&deleted=yes").text
    assert "1 comment</small>" in page and "When will the Main Street repairs finish?" in page


def test_a_comment_page_shows_its_whole_history(web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    city.edit("q1", "You are a pathetic idiot, go away. Edited.")
    poll_once(web.state.config, keyword_scorer, listeners=())
    rita = web.state.staff("rita")
    [hit] = rita.get("/api/records/search?text=Edited").json()["comments"]
    page = rita.get(f"/records/comments/{hit['id']}").text
    assert "Versions (2)" in page
    assert "You are a pathetic idiot, go away</blockquote>" in page
    assert "harassment" in page and "decision" in page
    record = rita.get(f"/api/records/comments/{hit['id']}").json()
    assert [v["version"] for v in record["versions"]] == [1, 2]


def test_a_records_officer_exports_a_bagit_package_that_validates(web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rita = web.state.staff("rita")
    response = rita.post("/records/export", {"page": "city", "format": "bag"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    count = int(response.headers["x-moderator-count"])
    assert count == 10
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    result = verify_package(tmp_path / "records-export")
    assert result.ok and result.count == "10"
    with Archive.open(web.state.config.archive) as archive:
        entry = archive.one("SELECT actor, action, details FROM audit_log ORDER BY id DESC")
    assert (entry["actor"], entry["action"]) == ("rita", "export")
    assert json.loads(entry["details"])["sha256"] == response.headers["x-moderator-sha256"]


def test_csv_exports_neutralise_formulas(web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    from conftest import comment

    city.post(comment("f1", "=HYPERLINK(\"https://evil.example\",\"click\")"))
    poll_once(web.state.config, keyword_scorer, listeners=())
    rita = web.state.staff("rita")
    csv_text = rita.post("/records/export", {"text": "HYPERLINK", "format": "csv"}).content
    assert b"'=HYPERLINK" in csv_text and b",=HYPERLINK" not in csv_text


def test_a_hold_placed_from_a_search_covers_its_comments(web) -> None:  # type: ignore[no-untyped-def]
    rita = web.state.staff("rita")
    placed = rita.post("/records/holds", {"text": "idiot", "kind": "request",
                                          "reference": "PRR-2026-114", "reason": "request"})
    assert placed.status_code == 303
    assert "covers 2 comment(s)" in unquote(placed.headers["location"])
    holds = rita.get("/api/holds").json()["holds"]
    assert [h["reference"] for h in holds] == ["PRR-2026-114"]
    assert rita.get("/api/records/search?held=yes").json()["total"] == 2
    assert "text: <code>idiot</code>" in rita.get("/records/holds").text  # not a Python dict
    released = rita.post(f"/records/holds/{holds[0]['id']}/release", {"note": "request closed"})
    assert released.status_code == 303
    assert rita.get("/api/holds").json()["holds"] == []


def test_the_retention_page_is_a_dry_run(web) -> None:  # type: ignore[no-untyped-def]
    page = web.state.staff("rita").get("/records/retention")
    assert page.status_code == 200 and "every record is kept" in page.text


def test_a_moderator_cannot_export_or_search_records(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    assert mia.post("/records/export", {"format": "csv"}).status_code == 403
    assert mia.get("/api/records/search").status_code == 403
    assert mia.get("/records").status_code == 403


def test_a_filter_the_api_does_not_know_is_an_error_not_everything(web) -> None:  # type: ignore[no-untyped-def]
    """{"query": "water"} (the CLI's word; the API's is "text") and {"deleted": 1} exported the
    whole archive, and ?hidden=maybe searched all of it."""
    rita = web.state.staff("rita")
    with Archive.open(web.state.config.archive) as archive:
        audited = archive.count("audit_log")
    for filters, message in (({"query": "water"}, "filters.query: unknown; use text, since"),
                             ({"deleted": 1}, "filters.deleted: 1 must be true or false"),
                             ({"hidden": "maybe"}, "hidden: 'maybe'; use yes or no")):
        answer = rita.api("/api/records/exports", {"format": "csv", "filters": filters})
        assert answer.status_code == 400, (filters, answer.status_code)
        assert message in answer.json()["error"]["message"]
    assert rita.get("/api/records/search?hidden=maybe").status_code == 400
    with Archive.open(web.state.config.archive) as archive:
        assert archive.count("audit_log") == audited  # nothing was exported
    # in dry run nothing is hidden on the platform: a filter applied finds none of the 10
    hidden = rita.api("/api/records/exports", {"format": "csv", "filters": {"hidden": True}})
    assert hidden.status_code == 200 and hidden.headers["x-moderator-count"] == "0"
    assert rita.get("/api/records/search?hidden=true").json()["total"] == 0
    assert rita.get("/api/records/search").json()["total"] == 10
    held = rita.api("/api/holds", {"kind": "legal", "reference": "CV-3", "reason": "suit",
                                   "scope": {"query": "fire"}})
    assert held.status_code == 400 and "scope.query: unknown" in held.json()["error"]["message"]


def test_a_bad_date_on_the_records_page_keeps_the_search_and_says_400(web) -> None:  # type: ignore[no-untyped-def]
    page = web.state.staff("rita").get("/records?text=water&since=bad")
    assert page.status_code == 400
    assert "since: expected an ISO 8601 time" in page.text
    assert 'name="text" value="water"' in page.text
