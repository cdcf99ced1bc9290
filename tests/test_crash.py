"""The daemon killed with SIGKILL at random moments while its page keeps changing loses nothing
and doubles nothing: the short version of bench/crash.py (which kills it 50 times)."""

from __future__ import annotations

from pathlib import Path

from bench.crash import run_crash


def test_a_daemon_killed_at_random_moments_loses_and_doubles_nothing(tmp_path: Path) -> None:
    findings = run_crash(tmp_path, kills=6, seed=8, echo=lambda *_: None)
    counts = findings.counts
    assert findings.problems == []
    assert (counts["lost"], counts["duplicated"], counts["versions missing"]) == (0, 0, 0)
    assert (counts["actions sent twice"], counts["actions lost"]) == (0, 0)
    assert (counts["review items lost"], counts["review items doubled"]) == (0, 0)
    assert counts["verify"].startswith("OK") and counts["cursor consistency"] == "OK"
    assert counts["archived"] >= counts["served to a committed fetch"] > 20
    assert counts["actions"].get("done", 0) > 0  # hides really went to the platform

