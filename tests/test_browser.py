"""A moderator works the queue in a real browser (Debian's Chromium, headless) with the keyboard."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from conftest import PASSWORD, CityPage, comment, free_port
from playwright.sync_api import Browser, Page, expect, sync_playwright

from moderator.archive import Archive
from moderator.scheduler import poll_once

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def server(web) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The web app on a real port on 127.0.0.1."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(web, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert shutil.which(CHROMIUM), "Chromium is missing: apt-get install chromium (see .ci/run)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a page opened a dialog: {dialog.message}"))
    yield page
    context.close()


def log_in(page: Page, server: str, username: str = "mia") -> None:
    page.goto(f"{server}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{server}/queue")


def test_a_double_click_on_log_in_sends_one_try(server: str, page: Page, web) -> None:  # type: ignore[no-untyped-def]
    """A try is counted as a failure until its password is checked (so parallel guesses meet the
    throttle); a double click sent two, and after four typos the second was throttled."""
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "mia")
    page.fill("input[name=password]", PASSWORD)
    page.dblclick("button[type=submit]")
    expect(page).to_have_url(f"{server}/queue")
    with Archive.open(web.state.config.archive) as archive:
        assert archive.scalar("SELECT count(*) FROM login_attempts WHERE username = 'mia'") == 1


def result_of(page: Page, index: int):  # type: ignore[no-untyped-def]
    return page.locator("article.item").nth(index).locator(".result")


def test_a_moderator_works_the_queue_with_the_keyboard(server: str, page: Page, web) -> None:  # type: ignore[no-untyped-def]
    log_in(page, server)
    expect(page.locator("article.item")).to_have_count(5)
    page.keyboard.press("?")
    expect(page.locator("dialog#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("dialog#help")).to_be_hidden()
    page.wait_for_function("() => document.activeElement === document.body")  # focus is back
    page.keyboard.press("j")                                   # to the first item
    page.keyboard.press("f")                                   # item 1: keep visible
    expect(result_of(page, 0)).to_have_text("kept visible")
    page.keyboard.press("d")                                   # item 2: hide (harassment)
    expect(result_of(page, 1)).to_have_text("would hide (dry run), citing harassment")
    page.keyboard.press("e")                                   # item 3: escalate with a note
    page.keyboard.type("Names a council member; please check")
    page.keyboard.press("Enter")
    expect(result_of(page, 2)).to_have_text("escalated to an admin")
    page.keyboard.press("k")
    page.keyboard.press("k")
    page.keyboard.press("u")                                   # undo item 2's hide
    expect(result_of(page, 1)).to_have_text("undone; would unhide (dry run)")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")                                   # select items 4 and 5
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.select_option("form#bulk select[name=decision]", "hide")
    page.select_option("form#bulk select[name=rule]", "harassment")
    page.click("form#bulk button[type=submit]")
    expect(page.locator(".flash")).to_have_text("hide: 2 of 2 items")
    expect(page.locator("article.item")).to_have_count(1)      # the undone item is back
    with Archive.open(web.state.config.archive) as archive:
        rows = archive.query("SELECT d.outcome, d.rule, r.status FROM decisions d JOIN "
                             "review_items r ON r.id = d.review_item WHERE d.actor = 'mia' "
                             "ORDER BY d.id")
        assert [(r["outcome"], r["rule"]) for r in rows] == [
            ("keep", None), ("hide", "harassment"), ("escalate", None), ("unhide", None),
            ("hide", "harassment"), ("hide", "harassment")]
        statuses = archive.query("SELECT status, count(*) AS n FROM review_items GROUP BY status")
        assert {r["status"]: r["n"] for r in statuses} == {"decided": 3, "escalated": 1,
                                                           "pending": 1}
        kinds = archive.query("SELECT kind, status FROM actions WHERE requested_by = 'mia' "
                              "ORDER BY id")
        assert [(a["kind"], a["status"]) for a in kinds] == [
            ("hide", "would"), ("unhide", "would"), ("hide", "would"), ("hide", "would")]


def test_shortcuts_act_only_on_a_focused_item_never_behind_the_help_and_can_be_turned_off(
        server: str, page: Page, web) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.1.4: "d" pressed on the Dashboard link hid a comment, "f" behind the open help
    dialog kept one, and screen readers use these letters for their own navigation."""
    log_in(page, server)
    page.focus("header.top a[href='/dashboard']")
    page.keyboard.press("d")                                   # on a link: nothing happens
    page.keyboard.press("?")
    expect(page.locator("dialog#help")).to_be_visible()
    page.keyboard.press("?")                                   # "?" closes it as it opened it
    expect(page.locator("dialog#help")).to_be_hidden()
    page.keyboard.press("?")
    expect(page.locator("dialog#help")).to_be_visible()
    page.keyboard.press("f")                                   # behind the dialog: nothing
    page.uncheck("#shortcuts-on")                              # turned off, in this browser
    page.keyboard.press("Escape")
    expect(page.locator("dialog#help")).to_be_hidden()
    page.focus("article.item >> nth=0")
    page.keyboard.press("f")
    expect(result_of(page, 0)).to_have_text("")
    page.reload()
    page.focus("article.item >> nth=0")
    page.keyboard.press("f")                                   # still off after a reload
    expect(page).to_have_url(f"{server}/queue")
    with Archive.open(web.state.config.archive) as archive:
        assert archive.scalar("SELECT count(*) FROM decisions WHERE actor = 'mia'") == 0
    page.click("button.show-help")
    page.check("#shortcuts-on")
    page.keyboard.press("Escape")
    expect(page.locator("dialog#help")).to_be_hidden()
    page.focus("article.item >> nth=0")
    page.keyboard.press("f")                                   # on again
    expect(result_of(page, 0)).to_have_text("kept visible")
    page.goto(f"{server}/queue/{page.locator('article.item').nth(1).get_attribute('data-id')}")
    expect(page.locator("button.show-help")).to_be_visible()   # the switch on an item's page


def test_a_screen_reader_can_find_each_item_and_hears_each_result(
        server: str, page: Page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, server)
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()             # first stop: skip the header
    titles = page.locator("article.item h2")
    expect(titles).to_have_count(5)
    expect(titles.nth(0)).to_have_text(re.compile(r"^Item \d+: comment by "))
    keep = page.get_by_role("button", name=re.compile(r"^Keep visible item \d+"))
    expect(keep).to_have_count(5)
    status = page.locator("article.item >> nth=0").get_by_role("status")
    expect(status).to_have_count(1)                            # in the tree before it speaks
    assert status.is_visible() or status.bounding_box() is not None
    keep.nth(0).click()
    expect(status).to_have_text("kept visible")
    page.set_viewport_size({"width": 360, "height": 740})       # a phone: no sideways scroll
    page.goto(f"{server}/queue/{page.locator('article.item').nth(1).get_attribute('data-id')}")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Item \d+$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_decision_after_the_session_ended_says_nothing_was_saved(
        server: str, page: Page, web) -> None:  # type: ignore[no-untyped-def]
    log_in(page, server)
    page.context.clear_cookies()
    page.keyboard.press("j")
    page.keyboard.press("f")
    expect(result_of(page, 0)).to_have_text(
        "Your session has ended: nothing was saved. Log in again")
    with Archive.open(web.state.config.archive) as archive:
        assert archive.scalar("SELECT count(*) FROM decisions WHERE actor = 'mia'") == 0


def test_hostile_comments_stay_inert_in_the_browser(server: str, page: Page, web,  # type: ignore[no-untyped-def]
                                                    city: CityPage, keyword_scorer) -> None:
    city.post(comment("x1", "idiot <script>window.pwned = 1; alert(1)</script>",
                      author_name="<img src=x onerror=\"window.pwned = 2\">"),
              comment("x2", "stupid <a href=\"javascript:window.pwned=3\">click</a>",
                      permalink="javascript:window.pwned=4"),
              comment("x3", "idiot \u202egnol " + "تعليق " * 3000, author_name="\u202eRTL"))
    poll_once(web.state.config, keyword_scorer, listeners=())
    log_in(page, server)
    page.goto(f"{server}/queue?sort=newest")
    expect(page.locator("article.item", has_text="<script>window.pwned = 1;")).to_have_count(1)
    expect(page.locator("article.item", has_text="<img src=x onerror=")).to_have_count(1)
    for link in page.locator("article.item a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript"), href
    page.locator("article.item a[target=_blank]").first.click(modifiers=[])
    assert page.evaluate("window.pwned") is None
    assert page.locator("script").count() == 1
    assert page.locator("main img").count() == 0


def test_a_comment_with_an_endless_word_does_not_stretch_any_page(
        server: str, page: Page, web, city: CityPage, keyword_scorer) -> None:  # type: ignore[no-untyped-def]
    """A browser QA pass: one 3,000-character word made the records search 4,331 pixels wide and
    its history page 36,335, at a 1280-pixel window."""
    city.post(comment("w1", "idiot " + "a" * 3000, author_name="b" * 300))
    poll_once(web.state.config, keyword_scorer, listeners=())
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, server, "ada")
    with Archive.open(web.state.config.archive) as archive:
        row = archive.scalar("SELECT id FROM comments WHERE comment_id = 'w1'")
    for url in ["/queue?sort=newest", "/records?text=idiot", f"/records/comments/{row}"]:
        page.goto(f"{server}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, url


ACTIVE = """() => Array.from(document.querySelectorAll('*')).filter(e =>
  Array.from(e.attributes).some(a => /^on/i.test(a.name) || a.name === 'style' ||
    (/^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name) &&
     /^[\\s\\x00-\\x20]*(javascript|data|vbscript):/i.test(a.value)))).length"""


def test_xss_payloads_run_nowhere_in_chromium(server: str, page: Page, web, city: CityPage,  # type: ignore[no-untyped-def]
                                              keyword_scorer, tmp_path) -> None:
    import io
    import zipfile
    from urllib.parse import quote

    from xss_data import PAYLOADS, seed

    seed(web, city, keyword_scorer)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    with Archive.open(web.state.config.archive) as archive:
        item = archive.scalar("SELECT r.id FROM review_items r JOIN comments c ON "
                              "c.id = r.comment WHERE c.comment_id = 'x1'")
        record = archive.scalar("SELECT id FROM comments WHERE comment_id = 'x3'")
    log_in(page, server, "ada")
    for url in ["/queue?sort=newest", f"/queue/{item}", "/auto-actions", "/records?text=idiot",
                f"/records/comments/{record}", "/records/holds", "/admin/users", "/audit",
                f"/queue?flash={quote(PAYLOADS[0])}", f"/records?author={quote(PAYLOADS[4])}"]:
        page.goto(f"{server}{url}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, url
        assert page.evaluate("document.scripts.length") == 1, url  # /static/app.js alone
        assert page.evaluate(ACTIVE) == 0, url
    bag = web.state.staff("rita").post("/records/export", {"text": "idiot", "format": "bag"})
    index = tmp_path / "index.html"
    index.write_bytes(zipfile.ZipFile(io.BytesIO(bag.content)).read(
        "records-export/data/index.html"))
    page.goto(index.as_uri())
    assert page.evaluate("window.__xss") is None and page.evaluate("document.scripts.length") == 0
    assert page.evaluate(ACTIVE) == 0
    assert refused == []  # not even an inline script for the CSP to block
