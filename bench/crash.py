"""Crash test: kill the daemon with SIGKILL at random moments while its page keeps changing, then
prove that nothing was lost or doubled.

    python bench/crash.py [--kills 50] [--seed 1] [--keep FOLDER]

A sandbox platform runs in this process (it survives every kill); a driver thread keeps the
City's Facebook page busy through the sandbox's HTTP control API (new posts and comments,
edits, staff hides and unhides, deletions). ``moderator run`` polls the page every 0.4 s, not
in dry run: comments matching the "advertising" rule are hidden through the API. Some requests
are slowed down so that kills land inside fetches and between an action's "sending" mark and
its answer. After each SIGKILL the daemon is started again. At the end the driver stops, the
daemon runs until its queue of actions is empty and stops with SIGTERM, and the archive is
compared with the sandbox's journal (bench/harness.py). Prints the counts; exits 1 on any
problem.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Run as a script, this folder comes first on sys.path: put the project root there instead, so
# that `bench.harness` and `moderator` import as packages.
if sys.path[0] == str(Path(__file__).resolve().parent):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

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
from moderator.archive import Archive  # noqa: E402
from moderator.comments import utcnow  # noqa: E402
from moderator.sources.sandbox import Sandbox  # noqa: E402

ACCOUNT, TOKEN = "104857600123456", "EAAG-crash-test-Zq81"


@dataclass
class Run:
    """One crash run: its settings, the daemon windows, and what the kills left behind."""

    kills: int
    seed: int
    poll_interval: float = 0.4
    windows: list[Window] = field(default_factory=list)
    landed: Counter[str] = field(default_factory=Counter)


def kill_once(run: Run, box: Sandbox, config: Path, log: Path, rng: random.Random) -> None:
    """Start the daemon, wait a random moment, SIGKILL it, note what it left unfinished."""
    window = Window(time.time())
    run.windows.append(window)
    fetches = len(box.world.journal.fetches)
    process = daemon(config, log)
    try:
        if rng.random() < 0.15:
            time.sleep(rng.uniform(0.05, 0.8))  # during start-up, migrations or a first cycle
            run.landed["during start-up"] += 1
        else:
            deadline = time.monotonic() + 30
            while len(box.world.journal.fetches) == fetches and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 3.0))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        window.end = time.time()
    with Archive.open(config.parent / "archive.db", migrate=False) as archive:
        if "actions" not in archive.db.table_names():
            run.landed["came before the archive had its tables"] += 1
            return
        for status in ("sending", "pending"):
            if archive.scalar("SELECT count(*) FROM actions WHERE status = ?", [status]):
                run.landed[f"left an action {status}"] += 1


def settle(run: Run, box: Sandbox, config: Path, log: Path, timeout: float = 120) -> None:
    """Run the daemon until a poll that started after the final state has succeeded and every
    action is sent; SIGTERM. Two fetches alone are not enough on a loaded machine: the first
    can fail and the second be cut by the stop and rolled back."""
    window = Window(time.time(), killed=False)
    run.windows.append(window)
    fetches = len(box.world.journal.fetches)
    since = utcnow()
    process = daemon(config, log)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            time.sleep(0.5)
            if len(box.world.journal.fetches) < fetches + 2:
                continue
            with Archive.open(config.parent / "archive.db", migrate=False) as archive:
                open_actions = archive.scalar("SELECT count(*) FROM actions WHERE status IN "
                                              "('pending', 'sending')")
                polled = archive.scalar("SELECT count(*) FROM pages WHERE last_success_at >= ?",
                                        [since])
            if polled and not open_actions:
                break
    finally:
        code = stop_gracefully(process)
        window.end = time.time()
    if code != 0:
        raise RuntimeError(f"the daemon exited {code} on SIGTERM; see {log}")


def run_crash(folder: Path, *, kills: int, seed: int, echo: Any = print) -> Findings:
    """The whole crash test in ``folder``; returns the findings (counts and problems)."""
    run = Run(kills, seed)
    rng = random.Random(seed)
    log = folder / "daemon.log"
    with Sandbox(seed=seed) as box:
        box.add_account("facebook", ACCOUNT, TOKEN, name="City of Springfield")
        control = Control(box.url)
        config = write_office(folder, [{"key": "city", "platform": "facebook",
                                        "account": ACCOUNT, "token": TOKEN, "url": box.url,
                                        "poll_interval": str(run.poll_interval)}],
                              extra="api_timeout = 5\nmax_backoff = 2")
        control.post("faults", kind="slow", delay_ms=100, rate=0.3, method="GET", seed=seed)
        control.post("faults", kind="slow", delay_ms=150, method="POST")
        driver = Driver(control, ACCOUNT, seed=seed)
        driver.start()
        started = time.monotonic()
        for number in range(1, kills + 1):
            kill_once(run, box, config, log, rng)
            if number % 10 == 0:
                echo(f"  {number} kills, {time.monotonic() - started:.0f} s")
        driver.stop()
        settle(run, box, config, log)
        state, journal = control.get("state"), control.get("log")
    save(folder, state, journal)
    untouched = {c for c, family in driver.family.items() if family == "moderated"}
    findings = check(folder / "archive.db", state, journal, run.windows, ACCOUNT,
                     untouched=untouched)
    findings.counts = {"kills (SIGKILL)": kills, "kills that": dict(run.landed),
                       "driver": dict(driver.counts), **findings.counts,
                       "failed polls in the daemon log": failed_polls(log),
                       "tracebacks in the daemon log": tracebacks(log),
                       "seconds": round(time.monotonic() - started, 1)}
    if findings.counts["tracebacks in the daemon log"]:
        findings.problems.append(f"tracebacks in the daemon log {log}")
    return findings


def failed_polls(log: Path) -> int:
    return sum(1 for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
               if "poll failed" in line)


def tracebacks(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Traceback")


def report(findings: Findings, echo: Any = print) -> None:
    for key, value in findings.counts.items():
        echo(f"{key}: {value}")
    for problem in findings.problems:
        echo(f"PROBLEM: {problem}")
    echo("OK: 0 lost, 0 duplicated" if findings.ok else f"FAILED: {len(findings.problems)} "
         "problem(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Copy the archive and daemon log here.")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {args.kills} kills, seed {args.seed}")
    with tempfile.TemporaryDirectory(prefix="moderator-crash-") as folder:
        findings = run_crash(Path(folder), kills=args.kills, seed=args.seed)
        copy_for_inspection(Path(folder), args.keep)
    report(findings)
    raise SystemExit(0 if findings.ok else 1)


if __name__ == "__main__":
    main()
