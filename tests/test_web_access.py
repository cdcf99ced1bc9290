"""Nobody without the right role sees or changes anything; sessions and CSRF hold."""

from __future__ import annotations

import re

import pytest
from conftest import PASSWORD, login
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from moderator.archive import Archive
from moderator.users import MAX_FAILURES_PER_USER, disable_user

PUBLIC = {"/login", "/static", "/api/openapi.json", "/healthz", "/metrics"}


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
    bad = mia.api("/api/queue/1/decision", {"decision": "delete"})
    assert bad.status_code == 422 and set(bad.json()) == {"error"}
    page = mia.get("/queue/999999")
    assert page.status_code == 404 and "review item 999999 does not exist" in page.text


def test_every_response_forbids_inline_script(web) -> None:  # type: ignore[no-untyped-def]
    response = web.state.staff("mia").get("/queue")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_the_api_is_described_by_openapi(web) -> None:  # type: ignore[no-untyped-def]
    schema = TestClient(web).get("/api/openapi.json").json()
    assert {"/api/queue", "/api/queue/{item_id}/decision", "/api/queue/bulk",
            "/api/auto-actions", "/api/dashboard", "/api/audit"} <= set(schema["paths"])
