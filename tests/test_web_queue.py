"""A moderator's day in the review queue, and what each decision leaves in the archive."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from conftest import CityPage, comment
from fastapi.testclient import TestClient

from moderator import audit
from moderator.archive import Archive
from moderator.scheduler import poll_once


def archive_of(web) -> Archive:  # type: ignore[no-untyped-def]
    return Archive.open(web.state.config.archive)


def item_for(web, comment_id: str) -> int:  # type: ignore[no-untyped-def]
    with archive_of(web) as archive:
        return archive.scalar("SELECT r.id FROM review_items r JOIN comments c ON "
                              "c.id = r.comment WHERE c.comment_id = ?", [comment_id])


def test_the_queue_shows_each_item_with_its_context_and_evidence(web) -> None:  # type: ignore[no-untyped-def]
    page = web.state.staff("mia").get("/queue").text
    assert "Review queue <small>5 pending</small>" in page
    assert "<mark>pathetic</mark>" in page and "<mark>idiot</mark>" in page
    assert "Personal attacks and harassment" in page
    assert "Criticism of the City&#39;s decisions" in page  # the rule's public wording
    assert "In reply to <b dir=\"auto\">Resident c1</b>" in page  # the parent comment
    assert "The author's earlier comments (1)" in page  # Troll posted twice


def test_the_queue_lists_oldest_first_and_by_score_on_request(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    oldest = [i["id"] for i in mia.get("/api/queue").json()["items"]]
    assert oldest == sorted(oldest)
    newest = [i["id"] for i in mia.get("/api/queue?sort=newest").json()["items"]]
    assert newest == sorted(oldest, reverse=True)


@pytest.mark.parametrize("query, expected", [
    ("platform=facebook", 5), ("platform=x", 0), ("page=city", 5), ("page=other", 0),
    ("post=roads", 5), ("rule=harassment", 5), ("rule=threat", 0),
    ("older_than_hours=1", 0), ("status=escalated", 0),
])
def test_the_queue_filters(web, query: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    assert web.state.staff("mia").get(f"/api/queue?{query}").json()["total"] == expected


def test_keeping_a_comment_records_a_label_and_an_audit_entry(web) -> None:  # type: ignore[no-untyped-def]
    item = item_for(web, "q3")
    response = web.state.staff("mia").api(f"/api/queue/{item}/decision", {"decision": "keep"})
    assert response.json()["message"] == "kept visible"
    with archive_of(web) as archive:
        [decision] = archive.query("SELECT outcome, rule, actor_kind, actor FROM decisions WHERE "
                                   "actor_kind = 'user'")
        assert decision == {"outcome": "keep", "rule": None, "actor_kind": "user", "actor": "mia"}
        entry = archive.one("SELECT actor, action, details FROM audit_log ORDER BY id DESC")
        details = json.loads(entry["details"])
        assert (entry["actor"], entry["action"]) == ("mia", "review.keep")
        assert details["model_version"] == "keywords-1" and details["scores"]["harassment"] == 0.9
        assert archive.count("actions") == 2  # only the daemon's two automatic hides
        assert audit.verify(archive).ok


def test_hiding_must_cite_a_published_rule(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    item = item_for(web, "q1")
    for body in ({"decision": "hide"}, {"decision": "hide", "rule": "disagrees_with_mayor"}):
        response = mia.api(f"/api/queue/{item}/decision", body)
        assert response.status_code == 400
        assert response.json()["error"]["message"] == "hide must cite one of the published rules"
    hidden = mia.api(f"/api/queue/{item}/decision", {"decision": "hide", "rule": "harassment",
                                                     "note": "second insult today"})
    assert hidden.json()["message"] == "would hide (dry run), citing harassment"
    with archive_of(web) as archive:
        action = archive.one("SELECT kind, rule, status, requested_by FROM actions ORDER BY id "
                             "DESC")
        assert action == {"kind": "hide", "rule": "harassment", "status": "would",
                          "requested_by": "mia"}


def test_escalating_needs_a_note_and_then_only_an_admin_decides(web) -> None:  # type: ignore[no-untyped-def]
    mia, ada = web.state.staff("mia"), web.state.staff("ada")
    item = item_for(web, "q4")
    assert mia.api(f"/api/queue/{item}/decision", {"decision": "escalate"}).status_code == 400
    assert mia.api(f"/api/queue/{item}/decision",
                   {"decision": "escalate", "note": "Is this about a councillor?"}).json()["ok"]
    refused = mia.api(f"/api/queue/{item}/decision", {"decision": "keep"})
    assert refused.status_code == 403  # not hers to decide, however long she waits
    assert refused.json()["message"] == f"item {item} is escalated: an admin decides it"
    assert ada.get("/api/queue?status=escalated").json()["total"] == 1
    assert ada.api(f"/api/queue/{item}/decision", {"decision": "keep"}).json()["ok"]


def test_two_moderators_never_decide_the_same_item(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    item = item_for(web, "q2")
    assert mia.get(f"/queue/{item}").status_code == 200  # opening an item claims it
    listed = theo.get("/queue").text
    assert "held by mia" in listed
    refused = theo.api(f"/api/queue/{item}/decision", {"decision": "keep"})
    assert refused.status_code == 409 and refused.json()["message"] == f"item {item} is held by mia"
    assert mia.api(f"/api/queue/{item}/decision", {"decision": "hide",
                                                   "rule": "harassment"}).json()["ok"]
    late = theo.api(f"/api/queue/{item}/decision", {"decision": "keep"})
    assert late.json()["message"] == f"item {item} was already decided by mia"
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM decisions WHERE review_item = ?", [item]) == 1


def test_a_claim_is_a_conditional_update_only_one_can_win(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    item = item_for(web, "q1")
    assert mia.api(f"/api/queue/{item}/claim").json() == {"ok": True, "holder": "mia",
                                                          "status": None}
    lost = theo.api(f"/api/queue/{item}/claim")
    assert lost.status_code == 409 and lost.json()["holder"] == "mia"


def test_undo_unhides_and_puts_the_item_back_in_the_queue(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    item = item_for(web, "q1")
    mia.api(f"/api/queue/{item}/decision", {"decision": "hide", "rule": "harassment"})
    undone = mia.api(f"/api/queue/{item}/undo")
    assert undone.json()["message"] == "undone; would unhide (dry run)"  # a dry-run office
    with archive_of(web) as archive:
        outcomes = [r["outcome"] for r in archive.query(
            "SELECT outcome FROM decisions WHERE review_item = ? ORDER BY id", [item])]
        assert outcomes == ["hide", "unhide"]
        kinds = [r["kind"] for r in archive.query(
            "SELECT kind FROM actions WHERE requested_by = 'mia' ORDER BY id")]
        assert kinds == ["hide", "unhide"]
        assert archive.scalar("SELECT status FROM review_items WHERE id = ?", [item]) == "pending"
    assert mia.api(f"/api/queue/{item}/undo").json()["message"] == \
        f"item {item} has no decision to undo"


def test_an_undone_item_is_held_by_its_undoer_only_for_a_claims_time(web) -> None:  # type: ignore[no-untyped-def]
    """Undo left claimed_by set and claimed_until empty: a claim that never lapsed, and the
    item stuck for everyone, admins included."""
    mia, theo, ada = web.state.staff("mia"), web.state.staff("theo"), web.state.staff("ada")
    item = item_for(web, "q1")
    mia.api(f"/api/queue/{item}/decision", {"decision": "keep"})
    assert mia.api(f"/api/queue/{item}/undo").json()["ok"]
    assert theo.api(f"/api/queue/{item}/claim").status_code == 409  # mia's, for now
    with archive_of(web) as archive:
        held = archive.one("SELECT claimed_by, claimed_until FROM review_items WHERE id = ?",
                           [item])
        assert held["claimed_by"] == "mia" and held["claimed_until"]
        archive.db.execute("UPDATE review_items SET claimed_until = '2000-01-01T00:00:00Z' "
                           "WHERE id = ?", [item])
    assert theo.api(f"/api/queue/{item}/claim").json()["ok"]
    with archive_of(web) as archive:  # an archive that an older release left stuck
        archive.db.execute("UPDATE review_items SET claimed_by = 'mia', claimed_until = NULL "
                           "WHERE id = ?", [item])
    assert ada.api(f"/api/queue/{item}/decision", {"decision": "keep"}).json()["ok"]


def test_a_moderator_opening_an_escalated_item_does_not_lock_the_admin_out(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo, ada = web.state.staff("mia"), web.state.staff("theo"), web.state.staff("ada")
    item = item_for(web, "q4")
    mia.api(f"/api/queue/{item}/decision", {"decision": "escalate", "note": "councillor?"})
    assert theo.get(f"/queue/{item}").status_code == 200
    assert theo.api(f"/api/queue/{item}/claim").status_code == 409
    assert ada.api(f"/api/queue/{item}/decision", {"decision": "hide",
                                                   "rule": "harassment"}).json()["ok"]


def test_a_link_on_another_site_opens_an_item_without_claiming_it(web) -> None:  # type: ignore[no-untyped-def]
    """The session cookie follows a link from another site, and opening an item claimed it:
    a hostile page could lock moderators out of items (a security review)."""
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    item = item_for(web, "q4")
    page = mia.get(f"/queue/{item}", headers={"Sec-Fetch-Site": "cross-site"})
    assert page.status_code == 200 and "not claimed: opened from a link on another site" in \
        page.text
    assert theo.api(f"/api/queue/{item}/claim").status_code == 200
    assert theo.api(f"/api/queue/{item}/decision", {"decision": "keep"}).json()["ok"]
    other = item_for(web, "q3")
    assert "you hold this item" in mia.get(f"/queue/{other}",
                                           headers={"Sec-Fetch-Site": "same-origin"}).text


def test_over_plain_http_a_referer_from_another_site_opens_an_item_without_claiming_it(web) -> None:  # type: ignore[no-untyped-def]
    """Browsers send Sec-Fetch-Site only to HTTPS sites and localhost (a code review)."""
    mia = web.state.staff("mia")
    item = item_for(web, "q4")
    page = mia.get(f"/queue/{item}", headers={"Referer": "http://evil.example/page"})
    assert "not claimed: opened from a link on another site" in page.text
    page = mia.get(f"/queue/{item}", headers={"Referer": "http://testserver/queue?page=2"})
    assert "you hold this item" in page.text


@pytest.mark.parametrize("name", ["system", "cli", "conduct-2026.12.5-953ba761", "keywords-1",
                                  "systemd"])
def test_no_account_can_take_a_name_the_archive_uses_for_the_system(web, name: str) -> None:  # type: ignore[no-untyped-def]
    """An account named "system" had its hides listed as the daemon's automatic actions."""
    answer = web.state.staff("ada").api("/api/users", {"username": name, "role": "admin",
                                                       "password": "a long enough password"})
    assert answer.status_code == 400
    assert "is how the archive names the system itself" in answer.json()["error"]["message"]


def test_only_the_decider_or_an_admin_undoes(web) -> None:  # type: ignore[no-untyped-def]
    item = item_for(web, "q3")
    web.state.staff("mia").api(f"/api/queue/{item}/decision", {"decision": "keep"})
    refused = web.state.staff("theo").api(f"/api/queue/{item}/undo")
    assert refused.status_code == 403 and not refused.json()["ok"]
    assert refused.json()["message"] == "only mia or an admin can undo this"
    assert web.state.staff("ada").api(f"/api/queue/{item}/undo").json()["ok"]


def test_a_bulk_decision_applies_to_each_selected_item(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    items = [item_for(web, c) for c in ("q1", "q2", "q3")]
    theo.api(f"/api/queue/{items[2]}/claim")
    response = mia.post("/queue/bulk", {"item": items, "decision": "hide", "rule": "harassment"})
    assert response.status_code == 303
    assert unquote(response.headers["location"]) == \
        f"/queue?flash=hide: 2 of 3 items; item {items[2]} is held by theo"
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM actions WHERE requested_by = 'mia'") == 2


def test_a_form_post_without_javascript_redirects_back_with_a_message(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    item = item_for(web, "q3")
    response = mia.post(f"/queue/{item}/decide", {"decision": "keep",
                                                   "back": "/queue?sort=score"})
    assert response.headers["location"] == "/queue?sort=score&flash=kept%20visible"
    assert "kept visible" in mia.get(response.headers["location"]).text


def test_automatic_hides_can_be_confirmed_or_reversed(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    actions = mia.get("/api/auto-actions").json()
    assert actions["total"] == 2
    profanity, threat = sorted(actions["actions"], key=lambda a: a["rule"])
    assert mia.api(f"/api/auto-actions/{threat['id']}", {"verdict": "confirm"}).json()["ok"]
    reverse = mia.api(f"/api/auto-actions/{profanity['id']}",
                      {"verdict": "reverse", "note": "quoting a song"})
    assert reverse.json()["message"] == "reversed; would unhide (dry run)"
    assert mia.get("/api/auto-actions").json()["total"] == 0
    with archive_of(web) as archive:
        labels = archive.query("SELECT outcome, rule, note FROM decisions WHERE actor_kind = "
                               "'user' ORDER BY id")
        assert labels == [{"outcome": "confirm", "rule": "threat", "note": None},
                          {"outcome": "reverse", "rule": None, "note": "quoting a song"}]
    again = mia.api(f"/api/auto-actions/{threat['id']}", {"verdict": "reverse"})
    assert again.status_code == 409 and again.json()["message"] == "already reviewed by mia"


def test_the_dashboard_counts_the_queue_and_the_agreement(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    mia.api(f"/api/queue/{item_for(web, 'q1')}/decision", {"decision": "hide",
                                                           "rule": "harassment"})
    mia.api(f"/api/queue/{item_for(web, 'q3')}/decision", {"decision": "keep"})
    stats = mia.get("/api/dashboard").json()
    assert stats["pending"] == 3 and stats["oldest_pending_hours"] is not None
    assert stats["agreement"] == {"judged": 2, "agreed": 1, "rate": 0.5}
    assert stats["decisions_per_day"][0]["actor"] == "mia"
    assert stats["decisions_per_day"][0]["decisions"] == 2
    assert {r["rule"] for r in stats["auto_actions"]} == {"profanity", "threat"}
    assert "agreement between the model and moderators (1 of 2)" in mia.get("/dashboard").text
    # a decision taken back is not counted, nor is the undo; no review yet is 0, not null
    item = item_for(web, "q2")
    mia.api(f"/api/queue/{item}/decision", {"decision": "hide", "rule": "harassment"})
    mia.api(f"/api/queue/{item}/undo")
    mia.api(f"/api/queue/{item}/decision", {"decision": "keep"})
    stats = mia.get("/api/dashboard").json()
    assert stats["agreement"] == {"judged": 3, "agreed": 1, "rate": 0.333}
    assert stats["decisions_per_day"][0]["decisions"] == 4
    assert all(r["confirmed"] == 0 and r["reversed"] == 0 for r in stats["auto_actions"])
    assert "None" not in mia.get("/dashboard").text


def test_the_audit_log_filters_and_downloads_as_csv(web) -> None:  # type: ignore[no-untyped-def]
    ada = web.state.staff("ada")
    ada.api(f"/api/queue/{item_for(web, 'q3')}/decision", {"decision": "keep",
                                                           "note": "=HYPERLINK(\"x\")"})
    page = ada.get("/audit?actor=ada&action=review.").text
    assert "review.keep" in page and "1 entries" in page
    csv_text = ada.get("/audit.csv?action=review.").text
    lines = csv_text.splitlines()
    assert lines[0] == "id,at,actor,action,subject,details,prev_hash,hash"
    assert len(lines) == 2 and ",ada,review.keep," in lines[1]
    with archive_of(web) as archive:
        assert archive.one("SELECT action FROM audit_log ORDER BY id DESC")["action"] == \
            "audit.download"


def test_a_bad_date_in_the_audit_log_filters_is_an_error_not_an_empty_log(web) -> None:  # type: ignore[no-untyped-def]
    """since=notadate listed "0 entries", downloaded an empty CSV (audited as a download) and
    answered the API with total 0."""
    ada = web.state.staff("ada")
    with archive_of(web) as archive:
        before = archive.count("audit_log")
    for url in ("/audit?since=notadate", "/audit.csv?since=notadate",
                "/api/audit?until=2026-02-30"):
        answer = ada.get(url)
        assert answer.status_code == 400, (url, answer.status_code)
        assert "expected an ISO 8601 time" in answer.text or "is not a date" in answer.text
    with archive_of(web) as archive:
        assert archive.count("audit_log") == before
    assert ada.get("/api/audit?since=2020-01-01").json()["total"] == before


def test_an_edit_after_polling_keeps_the_item_and_shows_the_new_text(web, city: CityPage,  # type: ignore[no-untyped-def]
                                                                      keyword_scorer) -> None:
    city.edit("q2", "What a moron take on the bridge, and a stupid one")
    poll_once(web.state.config, keyword_scorer, listeners=())
    page = web.state.staff("mia").get(f"/queue/{item_for(web, 'q2')}").text
    assert "and a <mark>stupid</mark> one" in page



def test_a_masked_swear_word_reaches_the_queue_marked_as_written(web, city: CityPage,  # type: ignore[no-untyped-def]
                                                                 keyword_scorer) -> None:
    from moderator.classify import Scorer, detector_config, detectors

    rules = keyword_scorer.rules
    scorer = Scorer(rules, keyword_scorer.model, detectors.build(detector_config.load({}), rules))
    city.post(comment("m1", "F**K the parking office and its fines", author_name="Driver"))
    poll_once(web.state.config, scorer, listeners=())
    page = web.state.staff("mia").get(f"/queue/{item_for(web, 'm1')}").text
    assert "<mark>F**K</mark> the parking office" in page
    assert "Obscene or profane language" in page

HOSTILE = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "{{ 7*7 }} {% raw %}",
    "\u202eevil right-to-left override",
    "مرحبا بالعالم هذا تعليق طويل " * 400,
]


def test_hostile_text_and_names_render_inert(web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    for n, payload in enumerate(HOSTILE):
        city.post(comment(f"h{n}", f"idiot {payload}", author_name=payload[:200],
                          permalink="javascript:alert(document.cookie)"))
    poll_once(web.state.config, keyword_scorer, listeners=())
    mia = web.state.staff("mia")
    pages = [mia.get("/queue?sort=newest").text] + [
        mia.get(f"/queue/{item_for(web, f'h{n}')}").text for n in range(len(HOSTILE))]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "<svg onload" not in page and "javascript:alert" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in pages[0]
    assert "{{ 7*7 }}" in pages[4]
    assert "characters; the archive keeps the whole text" in pages[0]  # clipped in the list
    assert HOSTILE[5][:2000] in pages[6]  # whole on its own page
    with archive_of(web) as archive:
        whole = archive.scalar("SELECT text FROM comments WHERE comment_id = 'h5'")
    assert whole == f"idiot {HOSTILE[5]}"


def test_the_login_page_works_without_a_session(web) -> None:  # type: ignore[no-untyped-def]
    page = TestClient(web).get("/login")
    assert page.status_code == 200 and 'name="password"' in page.text


def test_an_attachment_is_shown_as_a_safe_link(web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    city.post(comment("a1", "idiot, see this", attachment={
        "type": "photo", "title": "<b>proof</b>", "url": "javascript:alert(1)",
        "media": {"image": {"src": "https://cdn.example/proof.jpg"}}}))
    poll_once(web.state.config, keyword_scorer, listeners=())
    page = web.state.staff("mia").get(f"/queue/{item_for(web, 'a1')}").text
    assert "Attachment: photo “<span dir=\"auto\">&lt;b&gt;proof&lt;/b&gt;</span>”" in page
    assert 'href="https://cdn.example/proof.jpg"' in page and "javascript:alert" not in page


def test_every_published_rule_score_is_on_the_item(web) -> None:  # type: ignore[no-untyped-def]
    page = web.state.staff("mia").get(f"/queue/{item_for(web, 'q1')}").text
    for rule in web.state.config.rules:
        assert rule.title in page, rule.id
    assert "Every other rule (" in page


def test_evidence_read_with_a_plain_apostrophe_marks_the_phones_typographic_one() -> None:
    """The model reads "you’re" as "you're", so its evidence has the plain apostrophe; the
    moderator must still see the words marked as the citizen typed them."""
    from moderator.web.queue import highlight

    shown = highlight("Oh you\u2019re dead, clerk. YOU'RE DEAD", ["you're dead"], 1000)
    assert [s for s, marked in shown["segments"] if marked] == ["you\u2019re dead", "YOU'RE DEAD"]


def test_a_queue_filter_the_api_does_not_know_is_refused_and_the_audit_log_pages_both_ways(
        web) -> None:  # type: ignore[no-untyped-def]
    """status=bogus and sort=bogus fell back to pending and oldest without a word; the audit
    page had an "older" link and no way back."""
    mia, ada = web.state.staff("mia"), web.state.staff("ada")
    assert mia.get("/api/queue?status=bogus").status_code == 422
    assert mia.get("/api/queue?sort=bogus").status_code == 422
    assert mia.get("/api/queue?status=decided&sort=score").status_code == 200
    page = ada.get("/audit?actor=ada&offset=200").text
    assert 'href="?actor=ada&amp;offset=100">← newer</a>' in page
