"""The sandbox platform: its wire formats, its control API, its CLI and the demo on top of it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import facebook
import pytest
import requests
from click.testing import CliRunner
from sandbox_city import CityOnline, city_online

from moderator.archive import Archive
from moderator.cli import cli
from moderator.demo import load_corpus, run_demo
from moderator.sources.http import usage_from_headers
from moderator.sources.sandbox import Sandbox


@pytest.fixture
def online(tmp_path: Path) -> Iterator[CityOnline]:
    yield from city_online(tmp_path)

ROOT = Path(__file__).resolve().parent.parent


def test_graph_next_links_carry_the_token_so_facebook_sdk_can_follow_them(
        online: CityOnline) -> None:
    post, ids = online.post_with_comments("city-fb", 7)
    graph = facebook.GraphAPI(access_token=online.token("city-fb"), timeout=5)
    graph.version = "v21.0"
    facebook.FACEBOOK_GRAPH_URL, real = online.box.url + "/", facebook.FACEBOOK_GRAPH_URL
    try:
        found = list(graph.get_all_connections(post, "comments", limit=2, filter="stream"))
    finally:
        facebook.FACEBOOK_GRAPH_URL = real
    assert [c["id"] for c in found] == ids


def test_graph_answers_look_like_the_platform(online: CityOnline) -> None:
    url = f"{online.box.url}/v21.0/{online.account('city-fb')}/posts"
    token = {"access_token": online.token("city-fb")}
    answer = requests.get(url, params={**token, "fields": "id,nonsense"}, timeout=5)
    assert answer.status_code == 400 and answer.headers["Content-Type"].startswith(
        "application/json")
    assert answer.json()["error"]["code"] == 100
    assert usage_from_headers(answer.headers) == (0.0, None)
    online.box.expire_token(online.account("city-fb"))
    expired = requests.get(url, params=token, timeout=5)
    error = expired.json()["error"]
    assert (error["code"], error["error_subcode"], error["type"]) == (190, 463, "OAuthException")
    assert "invalid_token" in expired.headers["WWW-Authenticate"]


def test_x_search_pages_by_next_token_and_respects_since_id(online: CityOnline) -> None:
    post, ids = online.post_with_comments("city-x", 15)
    url = f"{online.box.url}/2/tweets/search/recent"
    auth = {"Authorization": f"Bearer {online.token('city-x')}"}
    query = {"query": f"conversation_id:{post} is:reply", "max_results": "10"}
    first = requests.get(url, params=query, headers=auth, timeout=5).json()
    second = requests.get(url, params={**query, "next_token": first["meta"]["next_token"]},
                          headers=auth, timeout=5).json()
    assert [t["id"] for t in first["data"] + second["data"]] == ids[::-1]
    assert "next_token" not in second["meta"]
    newer = requests.get(url, params={**query, "since_id": ids[12]}, headers=auth, timeout=5)
    assert [t["id"] for t in newer.json()["data"]] == [ids[14], ids[13]]
    assert newer.headers["x-rate-limit-remaining"].isdigit()
    too_old = str((int((time.time() - 8 * 86400) * 1000) - 1288834974657) << 22)
    stale = requests.get(url, params={**query, "since_id": too_old}, headers=auth, timeout=5)
    assert stale.status_code == 400 and "since_id" in stale.json()["errors"][0]["parameters"]
    refused = requests.get(url, params=query, headers={"Authorization": "Bearer nope"},
                           timeout=5)
    assert refused.status_code == 401 and refused.json()["title"] == "Unauthorized"


def test_the_control_api_drives_the_sandbox_from_another_process() -> None:
    with Sandbox() as box:
        control = f"{box.url}/_sandbox"

        def post(path: str, **body: object) -> dict:
            answer = requests.post(f"{control}/{path}", json=body, timeout=5)
            assert answer.status_code == 200, answer.text
            return answer.json()

        post("accounts", platform="facebook", id="42", token="t-42-Qw9")
        made = post("posts", account="42", text="Library hours", alias="p1")
        first = post("comments", post="p1", text="Sundays?", author_id="u1", alias="c1")
        post("comments", post=made["id"], text="Yes please", parent="c1")
        post("comments/c1/edit", text="Open on Sundays?")
        post("comments/c1/hide", hidden=True)
        post(f"comments/{first['id']}/delete")
        post("faults", kind="server_error", rate=0.5, seed=3, api="graph")
        post("accounts/42/expire")
        state = requests.get(f"{control}/state", timeout=5).json()
        faults = requests.get(f"{control}/faults", timeout=5).json()["faults"]
        stats = requests.get(f"{control}/stats", timeout=5).json()
    comment = next(c for c in state["comments"] if c["alias"] == "c1")
    assert (comment["text"], comment["hidden"], comment["deleted"]) == ("Open on Sundays?",
                                                                       True, True)
    assert all(c["deleted"] for c in state["comments"])  # the reply went with its comment
    assert state["accounts"][0]["token_expired"] and "token" not in state["accounts"][0]
    assert faults[0]["kind"] == "server_error" and stats["control"] == 12


def test_the_corpus_timeline_plays_out_cycle_by_cycle() -> None:
    corpus = load_corpus()
    with Sandbox() as box:
        box.add_account("facebook", "1", "t1")
        box.load_corpus(corpus, {"facebook": "1"})
        box.advance(1)
        before = box.comment("fb-c017")
        box.advance(2)
        after = box.comment("fb-c017")
        gone = box.comment("fb-c002")
    assert before["text"].startswith("Where's the line item") and "Correction" in after["text"]
    assert gone["deleted"] is True


def test_poll_once_archives_every_comment_of_a_page_on_any_graph_server(
        online: CityOnline) -> None:
    online.post_with_comments("city-fb", 240, replies_every=6)
    online.post_with_comments("city-fb", 10)
    config = online.config("city-fb")
    result = CliRunner().invoke(cli, ["poll", "--once", "--config", str(config.path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("city-fb: fetched 250, new 250, edited 0, deleted 0")
    with Archive.open(config.archive) as archive:
        archived = {r["comment_id"] for r in archive.query("SELECT comment_id FROM comments")}
    assert archived == {c["id"] for c in online.box.dump()["comments"]}


def test_moderator_sandbox_serves_the_demo_pages_to_a_config_it_writes(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    server = subprocess.Popen([sys.executable, "-m", "moderator", "sandbox", "--port", "0",
                               "--cycle", "2", "--dir", str(tmp_path)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().split()[3]
        assert server.stdout.readline().strip() == f"Config: {tmp_path / 'moderator.toml'}"
        result = CliRunner().invoke(cli, ["poll", "--once", "--config",
                                          str(tmp_path / "moderator.toml")])
        state = requests.get(f"{url}/_sandbox/state", timeout=5).json()
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=10)
    assert result.exit_code == 0 and server.returncode == 0
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        "demo-facebook", "demo-instagram", "demo-x"]
    visible = {c["id"] for c in state["comments"] if not c["deleted"]}
    with Archive.open(tmp_path / "moderator.db") as archive:
        archived = {r["comment_id"] for r in archive.query("SELECT comment_id FROM comments")}
    x_ids = {c["id"] for c in state["comments"] if c["platform"] == "x"}
    assert archived == visible and x_ids <= archived
    assert oct((tmp_path / "demo-x.token").stat().st_mode & 0o777) == "0o600"


def test_the_demo_polls_the_sandbox_through_the_real_connectors(tmp_path: Path) -> None:
    lines: list[str] = []
    totals = run_demo(tmp_path, cycles=2, web=False, host="127.0.0.1", port=0,
                      echo=lines.append)
    assert "sandbox platform at http://127.0.0.1:" in lines[0]
    with Archive.open(tmp_path / "moderator.db") as archive:
        cursors = {r["page_key"]: json.loads(r["cursor"]) for r in archive.query(
            "SELECT page_key, cursor FROM cursors")}
        platforms = {r["platform"] for r in archive.query("SELECT platform FROM comments")}
    assert set(cursors["demo-facebook"]) >= {"posts"} and "media" in cursors["demo-instagram"]
    assert cursors["demo-x"]["since_id"].isdigit()
    assert platforms == {"facebook", "instagram", "x"} and totals["new"] > 100


def test_the_journal_says_which_state_each_fetch_served_and_counts_hide_requests(
        online: CityOnline, keyword_scorer) -> None:
    post, ids = online.post_with_comments("city-fb", 3)
    config = online.config("city-fb", dry_run=False)
    online.poll(config, "city-fb", keyword_scorer)
    online.box.edit(ids[0], "Question 0, now answered")
    online.box.edit(ids[1], "Question 1 about the detour")  # the same text: no new state
    online.box.hide(ids[2])
    source = online.source(config, "city-fb")
    source.fetch(None)
    source.set_hidden(ids[2], True)  # already hidden: still a request the journal counts
    source.close()
    log = requests.get(f"{online.box.url}/_sandbox/log", timeout=5).json()
    assert [f["n"] for f in log["fetches"]] == [1, 2]
    served = {(item, rev): fetches for item, rev, fetches in log["served"]}
    assert served[(ids[0], 1)] == [1] and served[(ids[0], 2)] == [2]
    assert served[(ids[1], 1)] == [1, 2] and (ids[1], 2) not in served
    assert [(r["rev"], r["hidden"], r["by"]) for r in log["revisions"] if r["id"] == ids[2]] == [
        (1, False, "control"), (2, True, "control")]
    assert [(h["id"], h["hidden"]) for h in log["hide_requests"]] == [(ids[2], True)]
    assert log == online.box.log()


def test_a_fault_can_target_one_method_and_fire_in_bursts() -> None:
    with Sandbox() as box:
        box.add_account("facebook", "1", "t1")
        box.add_fault("throttle", method="POST", rate=0.5, burst=3, seed=1)
        url = f"{box.url}/v21.0/1"
        gets = [requests.get(url, params={"access_token": "t1"}, timeout=5).status_code
                for _ in range(4)]
        posts = [requests.post(url, data={"access_token": "t1", "is_hidden": "true"},
                               timeout=5).json()["error"]["code"] for _ in range(12)]
        fired = box.stats()["fault"]["throttle"]
    assert gets == [200] * 4
    first = posts.index(4)  # the throttle's code; 100 is the page refusing the update
    assert posts[first:first + 3] == [4, 4, 4] and fired == posts.count(4) >= 3
