"""A storm of platform faults (server errors, throttling bursts, slow, truncated and malformed
answers, a token expiring and replaced) ends with the archive matching the platform exactly,
within a stated number of requests: the short version of bench/storm.py."""

from __future__ import annotations

from pathlib import Path

from bench.storm import run_storm


def test_after_a_fault_storm_the_archive_matches_the_platform(tmp_path: Path) -> None:
    findings = run_storm(tmp_path, seconds=12, seed=3, echo=lambda *_: None)
    counts = findings.counts
    assert findings.problems == []
    for page in ("city-fb", "city-x"):
        assert (counts[page]["lost"], counts[page]["duplicated"]) == (0, 0)
        assert counts[page]["final state differs"] == 0
        assert counts[page]["verify"].startswith("OK")
    assert counts["API requests"] <= counts["request bound (from the cycles run)"]
    assert counts["API requests"] <= counts["request bound (from the schedule)"]
    assert set(counts["faults injected"]) >= {"server_error", "throttle"}
    assert counts["requests with the expired token"] <= 8
