"""Every search and filter parameter of the queue, audit and records pages and APIs takes quotes,
SQL fragments, LIKE wildcards, NUL, huge numbers and very long strings as plain values: the
answer is a page or a clean 4xx, never a 500, and the archive is unchanged afterwards."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from moderator.archive import Archive

NASTY = ["' OR 1=1 --", '"; DROP TABLE comments; --', "%", "_", "\x00", "x" * 8000,
         "' UNION SELECT password_hash, 1 FROM users --", "\\", "*", 'NEAR("a" "b")', '"',
         "1e308", "nan", "inf", "-1", "99999999999999999999999", "comment:1' OR '1'='1",
         "2026-11-20'; DELETE FROM audit_log; --", "act:threat' --", "\u202e", "\ud800"]
QUEUE = ("status", "platform", "page", "post", "rule", "older_than_hours", "sort", "offset")
AUDIT = ("actor", "action", "subject", "since", "until", "offset")
RECORDS = ("text", "since", "until", "platform", "page", "post", "author", "rule", "decision",
           "hidden", "deleted", "held", "offset")
GETS = {"mia": [("/queue", QUEUE), ("/api/queue", (*QUEUE, "limit")),
                ("/auto-actions", ("reviewed", "offset")),
                ("/api/auto-actions", ("reviewed", "offset", "limit"))],
        "ada": [("/audit", AUDIT), ("/api/audit", (*AUDIT, "limit")), ("/audit.csv", AUDIT[:-1])],
        "rita": [("/records", RECORDS), ("/api/records/search", (*RECORDS, "limit")),
                 ("/records/holds", ("released",)), ("/api/holds", ("released",))]}
IDS = {"mia": ["/queue/{}", "/api/queue/{}"], "rita": ["/records/comments/{}",
                                                       "/api/records/comments/{}"]}
POST_IDS = {"mia": ["/queue/{}/claim", "/api/queue/{}/claim", "/queue/{}/undo",
                    "/api/queue/{}/undo", "/auto-actions/{}"],
            "rita": ["/records/holds/{}/release"]}
CONTENT = ("comments", "comment_versions", "posts", "scores", "decisions", "actions",
           "review_items", "users", "pages", "cursors")


def fingerprint(web) -> str:  # type: ignore[no-untyped-def]
    """A digest of every content table and of the schema."""
    digest = hashlib.sha256()
    with Archive.open(web.state.config.archive) as archive:
        for table in CONTENT:
            for row in archive.db.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):  # noqa: S608
                digest.update(repr(row).encode("utf-8", "surrogatepass"))
        for row in archive.db.execute("SELECT sql FROM sqlite_master ORDER BY name"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def clean(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code < 500


def test_every_filter_takes_sql_and_junk_as_plain_values(web) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint(web)
    failures = []
    for who, pages in GETS.items():
        staff = web.state.staff(who)
        for url, names in pages:
            for name in names:
                for value in NASTY:
                    raw = quote(value.encode("utf-8", "surrogatepass"), safe="")
                    response = staff.get(f"{url}?{name}={raw}")
                    if not clean(response):
                        failures.append((url, name, value[:30], response.status_code))
    assert failures == [], failures
    assert fingerprint(web) == before


def test_ids_in_urls_take_junk_as_a_clean_not_found(web) -> None:  # type: ignore[no-untyped-def]
    before = fingerprint(web)
    failures = []
    for who, urls in IDS.items():
        staff = web.state.staff(who)
        for url in urls:
            for value in ["0", "-1", "99999999999999999999999", "1 OR 1=1", "1;DROP TABLE x",
                          "%27", "1e9"]:
                response = staff.get(url.format(quote(value, safe="")))
                if not clean(response):
                    failures.append((url, value, response.status_code))
    for who, urls in POST_IDS.items():
        staff = web.state.staff(who)
        for url in urls:
            for value in ["99999999999999999999999", "-1"]:
                response = staff.post(url.format(value), {"verdict": "confirm",
                                                          "note": "x"})
                if not clean(response):
                    failures.append((url, value, response.status_code))
    bulk = web.state.staff("mia").post("/queue/bulk", {"item": ["99999999999999999999999", "1"],
                                                       "decision": "keep"})
    assert clean(bulk), bulk.status_code
    assert failures == [], failures
    assert fingerprint(web) == before


def test_exports_and_holds_take_sql_in_their_filters_as_data(web) -> None:  # type: ignore[no-untyped-def]
    rita = web.state.staff("rita")
    before = fingerprint(web)
    for value in [*(v for v in NASTY if v != "\ud800"), "y" * 100_000]:  # a form can't carry it
        for fmt in ("csv", "jsonl"):
            assert clean(rita.post("/records/export", {"author": value, "format": fmt}))
            assert clean(rita.api("/api/records/exports", {"format": fmt,
                                                           "filters": {"text": value}}))
        placed = rita.post("/records/holds", {"kind": "request", "reference": value[:200],
                                              "reason": value, "text": value[:1000]})
        assert clean(placed), (value[:30], placed.status_code)
        assert clean(rita.api("/api/holds", {"kind": "legal", "reference": "R-1",
                                             "reason": value, "scope": {"author": value}}))
    assert fingerprint(web) == before
    holds = rita.get("/api/holds").json()["holds"]
    assert "' OR 1=1 --" in {h["reference"] for h in holds}  # stored as text, nothing else
