"""Fault storm: the platform misbehaves on purpose while the daemon polls two busy pages; after
the storm the archive must match the platform exactly, with a bounded number of requests.

    python bench/storm.py [--seconds 60] [--seed 1] [--keep FOLDER]

The sandbox (in this process) serves the City's Facebook page and X account. Drivers keep both
busy through the control API. During the storm the sandbox answers about 20% of API requests
with a server error (Graph 500 code 2, X 503), about 10% with throttling in bursts of three
(Graph code 4 at 100% usage, X 429), and some with slow, truncated or malformed bodies; the
Facebook token expires a third of the way in and is replaced (the token file rewritten, as an
office re-authorising a page would) at two thirds. ``moderator run`` polls both pages every
0.5 s, not in dry run. Then the faults stop, the drivers stop, the daemon catches up and is
stopped with SIGTERM, and the archive is compared with the sandbox (bench/harness.py).

The request bound printed at the end. A cycle lists posts once (fewer than 100 posts: one
page), reads each post's comments (ceil(most comments a post ever had / 100) pages each) and
sends open actions; an action is tried at most ``actions.MAX_ATTEMPTS`` times over all cycles,
except after throttling or an expired token, which end the cycle (at most one such try per
cycle). Each of these logical requests is tried at most ``Retry.attempts`` times in a row
(moderator/sources/http.py). So, per page,

    requests <= attempts x (cycles x (1 + posts x pages_per_post + 1) + actions x MAX_ATTEMPTS)

with cycles either the most APScheduler can start (ceil(duration / poll_interval) + 1) or the
fetches the sandbox saw. A retry loop would blow through both.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if sys.path[0] == str(Path(__file__).resolve().parent):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # import bench.harness, moderator

from bench.harness import (  # noqa: E402
    Control,
    Driver,
    Findings,
    Window,
    check,
    copy_for_inspection,
    daemon,
    save,
    stop_gracefully,
    write_office,
)
from moderator.actions import MAX_ATTEMPTS  # noqa: E402
from moderator.archive import Archive  # noqa: E402
from moderator.sources.http import Retry  # noqa: E402
from moderator.sources.sandbox import Sandbox  # noqa: E402

PAGES = {"city-fb": ("facebook", "104857600123456", "EAAG-storm-fb-Qp02"),
         "city-x": ("x", "1500000000000000001", "xoauth2-storm-x-Lv93")}
POLL_INTERVAL = 0.5
STORM = (  # (fault, options): the first rule that fires answers the request
    ("server_error", {"rate": 0.2}),
    ("throttle", {"rate": 0.045, "burst": 3, "retry_after": 1}),
    ("truncated", {"rate": 0.04}),
    ("malformed", {"rate": 0.04}),
    ("slow", {"rate": 0.05, "delay_ms": 600}),
)


def storm_on(control: Control, seed: int) -> None:
    for number, (kind, options) in enumerate(STORM):
        control.post("faults", kind=kind, seed=seed + number, **options)


def expire_and_replace(control: Control, folder: Path, seconds: float) -> dict[str, Any]:
    """Expire the Facebook token a third of the way in, replace it at two thirds; the API
    requests made with the dead token in between."""
    _, account, token = PAGES["city-fb"]
    time.sleep(seconds / 3)
    before = control.get("stats")["account"].get(account, 0)
    control.post(f"accounts/{account}/expire")
    time.sleep(seconds / 3)
    during = control.get("stats")["account"].get(account, 0) - before
    control.post(f"accounts/{account}/token", token=token + "-renewed")
    (folder / "city-fb.token").write_text(token + "-renewed", encoding="utf-8")
    time.sleep(seconds / 3)
    return {"requests with the expired token": during}


def settle(box: Sandbox, config: Path, process: Any, timeout: float = 120) -> None:
    """After the storm: wait for two clean fetches of each page and no open action."""
    marks = {a: len([f for f in box.world.journal.fetches if f["account"] == a])
             for _, a, _ in PAGES.values()}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.5)
        fetched = {a: len([f for f in box.world.journal.fetches if f["account"] == a])
                   for a in marks}
        if any(fetched[a] < marks[a] + 2 for a in marks):
            continue
        with Archive.open(config.parent / "archive.db", migrate=False) as archive:
            if not archive.scalar("SELECT count(*) FROM actions WHERE status IN ('pending', "
                                  "'sending')"):
                return
    raise RuntimeError("the daemon did not catch up after the storm")


def bound(state: dict[str, Any], journal: dict[str, Any], actions: dict[str, int],
          seconds: float) -> dict[str, int]:
    """The request bounds of the module docstring, from the schedule and from the cycles run."""
    most_cycles = math.ceil(seconds / POLL_INTERVAL) + 1
    attempts = Retry().attempts
    schedule = ran = 0
    for _, account, _ in PAGES.values():
        posts = [p["id"] for p in state["posts"] if p["account"] == account]
        per_post = max((sum(1 for c in state["comments"] if c["post"] == p) for p in posts),
                       default=0)
        reads = 1 + len(posts) * max(1, math.ceil(per_post / 100)) + 1
        fetches = sum(1 for f in journal["fetches"] if f["account"] == account)
        sends = actions.get(account, 0) * MAX_ATTEMPTS
        schedule += attempts * (most_cycles * reads + sends)
        ran += attempts * (fetches * reads + sends)
    return {"cycles per page at most": most_cycles,
            "request bound (from the schedule)": schedule,
            "request bound (from the cycles run)": ran}


def run_storm(folder: Path, *, seconds: float, seed: int, echo: Any = print) -> Findings:
    """The storm in ``folder``; returns the findings (counts and problems)."""
    with Sandbox(seed=seed) as box:
        control = Control(box.url)
        pages = []
        for key, (platform_name, account, token) in PAGES.items():
            control.post("accounts", platform=platform_name, id=account, token=token,
                         name=f"City {key}")
            pages.append({"key": key, "platform": platform_name, "account": account,
                          "token": token, "url": box.url, "poll_interval": str(POLL_INTERVAL)})
        config = write_office(folder, pages, extra="api_timeout = 2\nmax_backoff = 2")
        drivers = [Driver(control, account, seed=seed + n, every=0.15, most=120,
                          platform=platform_name)
                   for n, (platform_name, account, _) in enumerate(PAGES.values())]
        for driver in drivers:
            driver.start()
        log = folder / "daemon.log"
        started = time.time()
        window = Window(started, killed=False)
        process = daemon(config, log)
        storm_on(control, seed)
        token = expire_and_replace(control, folder, seconds)
        control.post("faults/clear")
        for driver in drivers:
            driver.stop()
        storm = control.get("stats")
        settle(box, config, process)
        code = stop_gracefully(process)
        window.end = time.time()
        state, journal, stats = control.get("state"), control.get("log"), control.get("stats")
    save(folder, state, journal)
    findings = Findings(counts={"storm seconds": seconds})
    for key, (platform_name, account, _) in PAGES.items():
        page = check(folder / "archive.db", state, journal, [window], account,
                     untouched={c for c, f in drivers[0 if platform_name == "facebook" else 1]
                                .family.items() if f == "moderated"})
        findings.counts[key] = page.counts
        findings.problems += [f"{key}: {p}" for p in page.problems]
    api = sum(stats["api"].values())
    with Archive.open(folder / "archive.db", migrate=False) as archive:
        actions = {r["page_id"]: r["n"] for r in archive.query(
            "SELECT c.page_id, count(*) AS n FROM actions a JOIN comments c ON c.id = a.comment "
            "WHERE a.dry_run = 0 GROUP BY c.page_id")}
    limits = bound(state, journal, actions, window.end - window.start)
    findings.counts.update({
        "faults injected": storm["fault"],
        "share of API requests faulted during the storm": {
            kind: f"{100 * n / max(1, sum(storm['api'].values())):.0f}%"
            for kind, n in storm["fault"].items()},
        **token, "API requests": api, **limits,
        "daemon exit status": code,
        "tracebacks in the daemon log": log.read_text(encoding="utf-8", errors="replace")
        .count("Traceback")})
    for name, limit in limits.items():
        if name.startswith("request bound") and api > limit:
            findings.problems.append(f"{api} API requests, above the {name}: {limit}")
    if token["requests with the expired token"] > Retry().attempts * 2:
        findings.problems.append("the page kept calling the API with an expired token")
    if code != 0 or findings.counts["tracebacks in the daemon log"]:
        findings.problems.append(f"the daemon exited {code} or logged a traceback; see {log}")
    return findings


def report(findings: Findings, echo: Any = print) -> None:
    for key, value in findings.counts.items():
        if isinstance(value, dict) and key.startswith("city"):
            echo(f"{key}:")
            for name, figure in value.items():
                echo(f"  {name}: {figure}")
        else:
            echo(f"{key}: {value}")
    for problem in findings.problems:
        echo(f"PROBLEM: {problem}")
    echo("OK: 0 lost, 0 duplicated, requests within the bound" if findings.ok else
         f"FAILED: {len(findings.problems)} problem(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Copy the archive and daemon log here.")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {args.seconds:.0f} s storm, seed {args.seed}")
    with tempfile.TemporaryDirectory(prefix="moderator-storm-") as folder:
        findings = run_storm(Path(folder), seconds=args.seconds, seed=args.seed)
        copy_for_inspection(Path(folder), args.keep)
    report(findings)
    raise SystemExit(0 if findings.ok else 1)


if __name__ == "__main__":
    main()
