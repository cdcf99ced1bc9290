"""Every payload of tests/data/xss-payloads.txt placed wherever outside text reaches a page:
comment text, author names, post text, platform links, moderators' notes, hold references and
reasons, staff display names. Shared by tests/test_web_xss.py and tests/test_browser.py."""

from __future__ import annotations

from pathlib import Path

from conftest import PASSWORD, CityPage, comment

from moderator.archive import Archive
from moderator.scheduler import poll_once
from moderator.users import add_user

PAYLOADS = [line.rstrip("\n") for line in
            (Path(__file__).parent / "data" / "xss-payloads.txt").read_text(
                encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]


def seed(web, city: CityPage, scorer) -> None:  # type: ignore[no-untyped-def]
    """Put every payload everywhere; four in five comments go to the queue, one in five is
    hidden at once (so the acted-automatically page shows them too)."""
    for n, payload in enumerate(PAYLOADS):
        city.comments[f"post:{n}"] = {"kind": "post", "post_id": f"p{n}", "text": payload,
                                      "permalink": payload}
        word = "damn" if n % 5 == 0 else "idiot"
        city.comments[f"x{n}"] = comment(f"x{n}", f"{word} {payload}", post_id=f"p{n}",
                                         author_id=f"a{n}", author_name=payload,
                                         permalink=payload)
    city.flush()
    poll_once(web.state.config, scorer, listeners=())
    ada, rita = web.state.staff("ada"), web.state.staff("rita")
    names, name = [], ""
    for payload in PAYLOADS:
        if len(name) + len(payload) > 200:
            names.append(name)
            name = ""
        name += payload
    with Archive.open(web.state.config.archive) as archive:
        for n, display in enumerate([*names, name]):
            add_user(archive, f"staff{n}", "moderator", PASSWORD, display_name=display)
    for n, payload in enumerate(PAYLOADS[:16]):
        placed = rita.post("/records/holds", {"kind": "request", "reference": payload[:200],
                                              "reason": payload, "author": f"a{n}"})
        assert placed.status_code == 303, placed.text[:300]
    assert ada.get("/admin/users").status_code == 200


def note_everything(web) -> None:  # type: ignore[no-untyped-def]
    """A moderator keeps every queued payload comment with the payload as her note."""
    mia = web.state.staff("mia")
    with Archive.open(web.state.config.archive) as archive:
        items = archive.query("SELECT r.id, c.comment_id FROM review_items r JOIN comments c "
                              "ON c.id = r.comment WHERE c.comment_id LIKE 'x%'")
    for item in items:
        payload = PAYLOADS[int(item["comment_id"][1:])]
        answer = mia.api(f"/api/queue/{item['id']}/decision", {"decision": "keep",
                                                                "note": payload})
        assert answer.status_code == 200, answer.text
