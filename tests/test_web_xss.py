"""Sixty-four XSS payloads (HTML body, attribute, URL, CSS, script and template contexts, CSV
formulas) in comment text, author names, post text, links, notes, holds and staff names render
as inert text on every page, in the BagIt package's index and in the CSV export; reflected in a
filter or a flash message they stay inert too. Checked by parsing each page as a browser would
(tests/inert.py); tests/test_browser.py runs a sample in Chromium."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import quote

from conftest import CityPage
from inert import INDEX_TAGS, active_parts
from markupsafe import escape
from xss_data import PAYLOADS, note_everything, seed

from moderator.archive import Archive
from moderator.export import FORMULA_STARTS


def pages_of(staff, url: str, step: int, total: int) -> list[str]:  # type: ignore[no-untyped-def]
    joiner = "&" if "?" in url else "?"
    return [staff.get(f"{url}{joiner}offset={offset}").text for offset in range(0, total, step)]


def assert_inert(pages: list[str]) -> None:
    for page in pages:
        assert "Error 500" not in page
        problems = active_parts(page)
        assert problems == [], problems[:5]


def test_every_payload_renders_inert_on_every_page(web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    seed(web, city, keyword_scorer)
    mia, rita, ada = (web.state.staff(n) for n in ("mia", "rita", "ada"))
    with Archive.open(web.state.config.archive) as archive:
        items = [r["id"] for r in archive.query("SELECT id FROM review_items")]
        comments = {r["comment_id"]: r["id"] for r in archive.query(
            "SELECT id, comment_id FROM comments WHERE comment_id LIKE 'x%'")}
    assert len(comments) == len(PAYLOADS) == 64
    pending = pages_of(mia, "/queue?sort=newest", 20, len(items))
    records = [rita.get(f"/records/comments/{comments[f'x{n}']}").text
               for n in range(len(PAYLOADS))]
    assert_inert(pending + [mia.get(f"/queue/{i}").text for i in items] + records +
                 pages_of(mia, "/auto-actions", 50, 64) + [mia.get("/dashboard").text] +
                 pages_of(rita, "/records?text=idiot", 50, 64) +
                 [rita.get("/records?text=damn").text, rita.get("/records/holds").text,
                  ada.get("/admin/users").text])
    for n, payload in enumerate(PAYLOADS):  # shown, as text
        assert str(escape(payload)) in records[n]
    note_everything(web)
    assert_inert(pages_of(mia, "/queue?status=decided&sort=newest", 20, len(items)) +
                 pages_of(ada, "/audit", 100, 400))


def test_payloads_reflected_in_filters_and_messages_stay_inert(web) -> None:  # type: ignore[no-untyped-def]
    mia, rita, ada = (web.state.staff(n) for n in ("mia", "rita", "ada"))
    pages = []
    for payload in PAYLOADS:
        value = quote(payload, safe="")
        pages += [mia.get(f"/queue?post={value}&platform={value}").text,
                  mia.get(f"/queue?flash={value}").text,
                  rita.get(f"/records?author={value}&text={value}&decision={value}").text,
                  ada.get(f"/audit?actor={value}&action={value}&subject={value}").text,
                  ada.client.get(f"/login?next=/queue?post={value}").text,
                  rita.get(f"/records/comments/{value}").text]  # an error page
    placed = rita.post("/records/holds", {"kind": "legal", "reference": PAYLOADS[0],
                                          "reason": PAYLOADS[1], "text": "idiot"})
    pages.append(rita.get(placed.headers["location"]).text)  # the flash names the reference
    assert_inert(pages)
    assert str(escape(PAYLOADS[0])) in pages[-1]


def test_the_package_index_and_the_csv_export_are_inert(web, city: CityPage,  # type: ignore[no-untyped-def]
                                                         keyword_scorer) -> None:
    seed(web, city, keyword_scorer)
    rita = web.state.staff("rita")
    bag = rita.post("/records/export", {"text": "idiot", "format": "bag"})
    index = zipfile.ZipFile(io.BytesIO(bag.content)).read("records-export/data/index.html")
    assert active_parts(index.decode("utf-8"), INDEX_TAGS) == []
    table = rita.post("/records/export", {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(table, newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]  # every formula quoted
    for payload in PAYLOADS:
        shown = "'" + payload if payload.startswith(FORMULA_STARTS) else payload
        assert shown in cells  # the author name, as text
