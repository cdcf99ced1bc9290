"""Nobody without the right role sees or changes anything; sessions and CSRF hold."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from conftest import PASSWORD, login
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from moderator.archive import Archive
from moderator.users import MAX_FAILURES_PER_USER, disable_user

PUBLIC = {"/login", "/static", "/healthz", "/metrics", "/favicon.ico"}


def routes(app) -> list[tuple[str, str, APIRoute]]:  # type: ignore[no-untyped-def]
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path not in PUBLIC:
            for method in route.methods:
                found.append((method, route.path, route))
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_but_login_declares_a_role_check(web) -> None:  # type: ignore[no-untyped-def]
    for method, path, route in routes(web):
        checks = [d for d in route.dependant.dependencies if hasattr(d.call, "roles")]
        assert checks, f"{method} {path} has no role check"


def test_anonymous_requests_get_401_or_the_login_page(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    for method, path, _ in routes(web):
        response = client.request(method, concrete(path), follow_redirects=False)
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
            assert response.json() == {"error": {"status": 401, "message": "log in first"}}
        else:
            assert response.status_code == 303, (method, path)
            assert response.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("who, url, allowed", [
    ("mia", "/queue", True), ("mia", "/api/queue", True), ("mia", "/dashboard", True),
    ("mia", "/auto-actions", True), ("mia", "/audit", False), ("mia", "/api/audit", False),
    ("mia", "/admin/users", False), ("mia", "/api/users", False), ("mia", "/audit.csv", False),
    ("rita", "/queue", False), ("rita", "/api/queue", False), ("rita", "/auto-actions", False),
    ("rita", "/admin/users", False), ("rita", "/audit", False),
    ("ada", "/queue", True), ("ada", "/audit", True), ("ada", "/admin/users", True),
    ("ada", "/api/users", True), ("ada", "/audit.csv", True),
])
def test_each_role_reaches_only_its_pages(web, who: str, url: str,  # type: ignore[no-untyped-def]
                                          allowed: bool) -> None:
    response = web.state.staff(who).get(url, follow_redirects=False)
    assert response.status_code == (200 if allowed else 403), (who, url, response.text[:200])


def test_a_records_officer_cannot_decide_review_items(web) -> None:  # type: ignore[no-untyped-def]
    rita = web.state.staff("rita")
    response = rita.api("/api/queue/1/decision", {"decision": "keep"})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "your role (records) cannot do this"
    assert rita.post("/queue/1/decide", {"decision": "keep"}).status_code == 403


def test_a_moderator_cannot_add_users(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    response = mia.api("/api/users", {"username": "eve", "role": "admin", "password": "x" * 12})
    assert response.status_code == 403
    form = mia.post("/admin/users", {"username": "eve", "role": "admin", "password": "x" * 12})
    assert form.status_code == 403


def test_an_admin_adding_a_user_who_exists_keeps_the_form_and_reads_why(web) -> None:  # type: ignore[no-untyped-def]
    """It was an "Error 400" page: what was typed was lost and its Back link led to the queue."""
    ada = web.state.staff("ada")
    page = ada.post("/admin/users", {"username": "theo", "display_name": "Theo Again",
                                     "role": "records", "password": "x" * 12})
    assert page.status_code == 400
    assert 'role="alert" id="adduser-error">user &#39;theo&#39; already exists' in page.text
    assert 'value="theo" aria-invalid="true" aria-describedby="adduser-error"' in page.text
    assert 'value="Theo Again"' in page.text and "<option selected>records</option>" in page.text
    assert "x" * 12 not in page.text  # never the password


def test_a_post_without_the_csrf_token_is_refused(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    for method, path, _ in routes(web):
        if method != "POST":
            continue
        response = mia.client.post(concrete(path), data={"decision": "keep"},
                                   follow_redirects=False)
        assert response.status_code == 403, path
        wrong = mia.client.post(concrete(path), json={}, headers={"X-CSRF-Token": "forged"})
        assert wrong.status_code == 403, path
    with Archive.open(web.state.config.archive) as archive:
        assert archive.scalar("SELECT count(*) FROM decisions WHERE actor_kind = 'user'") == 0


def test_session_cookies_are_httponly_and_samesite(web) -> None:  # type: ignore[no-untyped-def]
    response = login(TestClient(web), "mia")
    cookie = response.headers["set-cookie"]
    assert "moderator_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1


def test_cookies_are_secure_behind_tls(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web, base_url="https://moderator.example.gov")
    cookie = login(client, "mia").headers["set-cookie"]
    assert "Secure" in cookie


def test_a_planted_session_id_is_replaced_at_login(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    client.cookies.set("moderator_session", "attacker-chosen-value", domain="testserver.local")
    login(client, "mia")
    assert client.cookies.get("moderator_session") != "attacker-chosen-value"
    attacker = TestClient(web)
    attacker.cookies.set("moderator_session", "attacker-chosen-value")
    assert attacker.get("/api/me").status_code == 401


def test_logging_in_twice_gives_a_new_session_and_ends_the_old(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    login(client, "mia")
    first = client.cookies.get("moderator_session")
    login(client, "mia")
    assert client.cookies.get("moderator_session") != first
    stale = TestClient(web)
    stale.cookies.set("moderator_session", first)
    assert stale.get("/api/me").status_code == 401


def test_logout_ends_the_session(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    token = mia.client.cookies.get("moderator_session")
    assert mia.post("/logout").status_code == 303
    replay = TestClient(web)
    replay.cookies.set("moderator_session", token)
    assert replay.get("/api/me").status_code == 401


def test_disabling_a_user_ends_their_sessions(web) -> None:  # type: ignore[no-untyped-def]
    theo = web.state.staff("theo")
    with Archive.open(web.state.config.archive) as archive:
        disable_user(archive, "theo")
    assert theo.get("/api/me").status_code == 401
    assert login(TestClient(web), "theo").status_code == 401


def test_failed_logins_are_throttled(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    for _ in range(MAX_FAILURES_PER_USER):
        assert login(client, "mia", "wrong password!").status_code == 401
    throttled = login(client, "mia", PASSWORD)
    assert throttled.status_code == 429
    assert "Too many failed logins" in throttled.text
    assert "moderator_session" not in throttled.headers.get("set-cookie", "")


def test_guesses_sent_in_parallel_are_throttled_like_guesses_in_a_row(web) -> None:  # type: ignore[no-untyped-def]
    """Failures were counted before the password check and recorded after it, so 40 guesses
    sent at once had 36 passwords checked against a limit of 5 (a security review)."""
    from concurrent.futures import ThreadPoolExecutor

    from moderator.users import LoginThrottled, authenticate

    def guess(_: int) -> str:
        with Archive.open(web.state.config.archive, migrate=False, timeout=30) as archive:
            try:
                assert authenticate(archive, "mia", "wrong password!", "203.0.113.9") is None
                return "checked"
            except LoginThrottled:
                return "throttled"

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(guess, range(24)))
    assert outcomes.count("checked") == MAX_FAILURES_PER_USER, outcomes
    assert login(TestClient(web), "mia", PASSWORD).status_code == 429


def test_a_login_without_the_form_token_is_refused(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    response = client.post("/login", data={"username": "mia", "password": PASSWORD},
                           follow_redirects=False)
    assert response.status_code == 403


def test_login_redirects_only_to_local_pages(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    token = client.get("/login").text.split('name="csrf_token" value="', 1)[1].split('"')[0]
    response = client.post("/login", data={"username": "mia", "password": PASSWORD,
                                           "csrf_token": token, "next": "//evil.example/"},
                           follow_redirects=False)
    assert response.headers["location"] == "/queue"


def test_errors_have_one_shape(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    missing = mia.get("/api/queue/999999")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message":
                                        "review item 999999 does not exist"}}
    gone = mia.api("/api/queue/999999/decision", {"decision": "keep"})
    assert gone.status_code == 404 and gone.json()["message"] == "item 999999 does not exist"
    bad = mia.api("/api/queue/1/decision", {"decision": "delete"})
    assert bad.status_code == 422 and set(bad.json()) == {"error"}
    page = mia.get("/queue/999999")
    assert page.status_code == 404 and "review item 999999 does not exist" in page.text


def test_every_response_forbids_inline_script(web) -> None:  # type: ignore[no-untyped-def]
    response = web.state.staff("mia").get("/queue")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_api_is_described_by_openapi_to_staff_only(web) -> None:  # type: ignore[no-untyped-def]
    assert TestClient(web).get("/api/openapi.json").status_code == 401
    assert TestClient(web).get("/favicon.ico").status_code == 204  # open, and empty
    schema = web.state.staff("rita").get("/api/openapi.json").json()
    assert "/api/openapi.json" not in schema["paths"]
    assert {"/api/queue", "/api/queue/{item_id}/decision", "/api/queue/bulk",
            "/api/auto-actions", "/api/dashboard", "/api/audit"} <= set(schema["paths"])


# Escalation by editing URLs and forms -----------------------------------------------------------

def archive_of(web) -> Archive:  # type: ignore[no-untyped-def]
    return Archive.open(web.state.config.archive)


def test_a_moderator_cannot_reach_admin_or_records_actions_by_typing_their_urls(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    forms = {"/admin/users/mia/password": {"password": "a new long password"},
             "/admin/users/ada/disable": {}, "/admin/users/theo/password": {"password": "x" * 12},
             "/records/export": {"format": "csv"}, "/records/holds/1/release": {"note": "x"},
             "/records/holds": {"kind": "legal", "reference": "R", "reason": "x", "text": "x"}}
    for url, data in forms.items():
        assert mia.post(url, data).status_code == 403, url
    for url, body in {"/api/users": {"username": "eve", "role": "admin", "password": "x" * 12},
                      "/api/holds": {"kind": "legal", "reference": "R", "reason": "x",
                                     "scope": {"text": "x"}},
                      "/api/holds/1/release": {"note": "x"},
                      "/api/records/exports": {"format": "csv"}}.items():
        assert mia.api(url, body).status_code == 403, url
    for url in ("/records/comments/1", "/api/records/comments/1", "/records/holds", "/api/holds",
                "/records/retention"):
        assert mia.get(url).status_code == 403, url
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL") == 0
        assert archive.scalar("SELECT count(*) FROM holds") == 0
        assert archive.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'user.%' AND "
                              "action != 'user.login' AND actor != 'cli'") == 0


def test_a_records_officer_cannot_claim_undo_or_review_automatic_hides(web) -> None:  # type: ignore[no-untyped-def]
    rita = web.state.staff("rita")
    for url, data in {"/queue/1/claim": {}, "/queue/1/undo": {},
                      "/queue/bulk": {"item": ["1", "2"], "decision": "keep"},
                      "/auto-actions/1": {"verdict": "reverse"},
                      "/admin/users": {"username": "rita2", "role": "admin",
                                       "password": "x" * 12}}.items():
        assert rita.post(url, data).status_code == 403, url
    for url in ("/api/queue/1/claim", "/api/queue/1/undo", "/api/auto-actions/1"):
        assert rita.api(url, {"verdict": "reverse"}).status_code == 403, url
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM review_items WHERE claimed_by IS NOT "
                              "NULL") == 0
        assert archive.scalar("SELECT count(*) FROM actions WHERE review IS NOT NULL") == 0


def test_a_user_name_in_an_admin_url_names_exactly_that_user(web) -> None:  # type: ignore[no-untyped-def]
    ada = web.state.staff("ada")
    for name in ("mia%2F..%2Ftheo", "..%2Fmia", "mia%00", "MIA", "mia%20", "*", "%25"):
        response = ada.post(f"/admin/users/{name}/disable")
        assert response.status_code == 404, (name, response.status_code)
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL") == 0


def test_a_moderator_cannot_undo_anothers_decision_through_the_form(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    with archive_of(web) as archive:
        item = archive.scalar("SELECT min(id) FROM review_items")
    assert mia.api(f"/api/queue/{item}/decision", {"decision": "keep"}).json()["ok"]
    refused = theo.post(f"/queue/{item}/undo", {"back": "/queue"})
    assert "only%20mia%20or%20an%20admin%20can%20undo%20this" in refused.headers["location"]
    with archive_of(web) as archive:
        assert archive.scalar("SELECT status FROM review_items WHERE id = ?", [item]) == \
            "decided"


def test_only_the_daemons_own_hides_can_be_confirmed_or_reversed(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    with archive_of(web) as archive:
        item = archive.scalar("SELECT min(id) FROM review_items")
    hidden = mia.api(f"/api/queue/{item}/decision", {"decision": "hide", "rule": "harassment"})
    own = hidden.json()["action"]
    assert mia.api(f"/api/auto-actions/{own}", {"verdict": "reverse"}).status_code == 404
    assert mia.post(f"/auto-actions/{own}", {"verdict": "reverse"}).status_code == 404
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM actions WHERE kind = 'unhide'") == 0


# CSRF and sessions -------------------------------------------------------------------------------

def test_a_csrf_token_works_only_with_its_own_session_and_only_where_it_belongs(web) -> None:  # type: ignore[no-untyped-def]
    mia, theo = web.state.staff("mia"), web.state.staff("theo")
    with archive_of(web) as archive:
        item = archive.scalar("SELECT min(id) FROM review_items")
    url = f"/api/queue/{item}/decision"
    attempts = [
        mia.client.post(url, json={"decision": "keep"}, headers={"X-CSRF-Token": theo.csrf}),
        mia.client.post(f"{url}?csrf_token={mia.csrf}", json={"decision": "keep"}),
        mia.client.post(url, json={"decision": "keep", "csrf_token": mia.csrf}),
        mia.client.post(f"/queue/{item}/decide", data={"decision": "keep",
                                                      "csrf_token": theo.csrf}),
        mia.client.post(f"/queue/{item}/decide", data={"decision": "keep"},
                        headers={"X-CSRF-Token": ""}),
    ]
    assert [a.status_code for a in attempts] == [403] * 5
    with archive_of(web) as archive:
        assert archive.scalar("SELECT count(*) FROM decisions WHERE actor_kind = 'user'") == 0


def test_a_new_password_ends_every_session_of_that_user(web) -> None:  # type: ignore[no-untyped-def]
    theo = web.state.staff("theo")
    ada = web.state.staff("ada")
    assert ada.post("/admin/users/theo/password", {"password": "a brand new passphrase"}
                    ).status_code == 303
    assert theo.get("/api/me").status_code == 401
    assert login(TestClient(web), "theo").status_code == 401  # the old password is gone


# Login throttling --------------------------------------------------------------------------------

def test_failed_logins_from_one_address_are_throttled_whatever_the_names(web) -> None:  # type: ignore[no-untyped-def]
    from moderator.users import MAX_FAILURES_PER_ADDRESS

    client = TestClient(web)
    for n in range(MAX_FAILURES_PER_ADDRESS):
        assert login(client, f"guess{n}", "wrong password!").status_code == 401
    assert login(client, "theo", PASSWORD).status_code == 429  # even with the right password


def test_changing_the_case_or_spacing_of_a_name_does_not_dodge_the_throttle(web) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(web)
    for name in ("mia", "MIA", " mia", "Mia ", "mIa"):
        assert login(client, name, "wrong password!").status_code == 401
    assert login(client, "mia", PASSWORD).status_code == 429


# Redirects ---------------------------------------------------------------------------------------

FORGED = ["//evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
          "/\t/evil.example", "/\n/evil.example", " //evil.example", "javascript:alert(1)",
          "/%2F/evil.example", "/.//evil.example", "http:evil.example", "/\\/evil.example",
          "\x00//evil.example", "//evil.example@testserver/", "/queue\r\nSet-Cookie: x=1"]


def lands_on(location: str) -> str:
    """Where a browser goes for this Location: tabs and newlines dropped, backslashes read as
    slashes (the WHATWG URL parser does both for http URLs)."""
    from urllib.parse import urljoin, urlsplit

    cleaned = location.replace("\t", "").replace("\n", "").replace("\r", "")
    cleaned = cleaned.strip("\x00 ").replace("\\", "/")
    return urlsplit(urljoin("http://testserver/queue", cleaned)).hostname or ""


def test_forged_back_and_next_targets_never_leave_the_site(web) -> None:  # type: ignore[no-untyped-def]
    mia = web.state.staff("mia")
    with archive_of(web) as archive:
        items = [r["id"] for r in archive.query("SELECT id FROM review_items ORDER BY id")]
    for back in FORGED:
        for url, data in ((f"/queue/{items[0]}/claim", {}),
                          (f"/queue/{items[1]}/decide", {"decision": "escalate"}),
                          (f"/queue/{items[2]}/undo", {}),
                          ("/queue/bulk", {"item": [str(items[3])], "decision": "keep"})):
            response = mia.post(url, {**data, "back": back})
            assert response.status_code in (303, 400, 422), (url, back, response.status_code)
            if response.status_code == 303:
                assert lands_on(response.headers["location"]) == "testserver", (url, back)
                assert "\n" not in response.headers["location"]
        client = TestClient(web)
        token = client.get("/login").text.split('name="csrf_token" value="', 1)[1].split('"')[0]
        answer = client.post("/login", data={"username": "mia", "password": PASSWORD,
                                             "csrf_token": token, "next": back},
                             follow_redirects=False)
        assert lands_on(answer.headers["location"]) == "testserver", back


def test_a_decision_sent_after_the_session_ended_comes_back_to_its_page(web) -> None:  # type: ignore[no-untyped-def]
    """The form's POST was sent to the login page as next=/queue/N/decide; after logging in the
    browser asked GET /queue/N/decide, got 405, and the decision was gone without a word."""
    mia = web.state.staff("mia")
    with Archive.open(web.state.config.archive) as archive:
        item = archive.one("SELECT id FROM review_items ORDER BY id LIMIT 1")["id"]
        archive.db.execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'")
    page = f"http://testserver/queue/{item}?sort=oldest"
    sent = mia.post(f"/queue/{item}/decide", {"decision": "keep"}, headers={"referer": page})
    assert sent.status_code == 303
    target = sent.headers["location"]
    assert target.startswith("/login?next=")
    after = login(mia.client, "mia")  # the login form keeps next; here it is followed by hand
    assert after.status_code == 303
    back = unquote(target.removeprefix("/login?next="))
    assert back.startswith(f"/queue/{item}?sort=oldest&flash=Your%20session%20had%20ended")
    shown = mia.get(back)
    assert shown.status_code == 200 and "so that was not saved" in shown.text
    with Archive.open(web.state.config.archive) as archive:
        assert archive.one("SELECT count(*) AS n FROM decisions WHERE actor_kind = 'user'"
                           )["n"] == 0
    stranger = TestClient(web)
    elsewhere = stranger.post(f"/queue/{item}/decide", data={"decision": "keep"},
                              headers={"referer": "https://evil.example/x"},
                              follow_redirects=False)
    assert unquote(elsewhere.headers["location"]).startswith("/login?next=/queue?flash=")
