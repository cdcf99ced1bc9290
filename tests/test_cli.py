"""The office's first commands: help, settings, a demo, a poll, the daemon and its clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import CITY_COMMENTS, ROOT, CityPage, write_config

from moderator.archive import Archive
from moderator.cli import cli


def test_help_lists_every_command_and_each_has_an_example() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in cli.commands:
        assert name in result.output
        sub = runner.invoke(cli, [name, "--help"])
        assert sub.exit_code == 0 and "Example:" in sub.output, name


def test_python_dash_m_moderator_is_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "moderator", "--version"], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    assert result.stdout.startswith("moderator, version")


def test_settings_prints_every_setting() -> None:
    result = CliRunner().invoke(cli, ["settings"])
    assert "dry_run" in result.output and "poll_interval" in result.output


def test_demo_runs_two_cycles_and_prints_what_it_did(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["demo", "--cycles", "2", "--no-web", "--dir",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("cycle 1: fetched ")
    assert lines[2].startswith("cycle 2: fetched ")
    total = lines[3]
    assert total.startswith("total: fetched ") and "verify OK" in total
    with Archive.open(tmp_path / "moderator.db") as archive:
        assert archive.count("comments") >= 120
        counts = {r["outcome"]: r["n"] for r in archive.query(
            "SELECT outcome, count(*) AS n FROM decisions GROUP BY outcome")}
    assert counts["allow"] > counts["review"] > 0 and counts["act"] > 0
    assert f"allowed {counts['allow']}, queued {counts['review']}, acted on {counts['act']}" \
        in total


def test_poll_once_prints_a_line_per_page(tmp_path: Path) -> None:
    city = CityPage(tmp_path)
    city.post(*CITY_COMMENTS)
    result = CliRunner().invoke(cli, ["poll", "--once", "--config", str(write_config(tmp_path))])
    assert result.exit_code == 0
    # poll scores with the shipped model: the threat "I will hurt the engineer ..." goes to review
    assert result.stdout == ("city: fetched 6, new 6, edited 0, deleted 0; allowed 3, queued 2, "
                             "acted 1\n")


def test_run_stops_cleanly_on_sigterm_after_committing_its_cycle(tmp_path: Path) -> None:
    city = CityPage(tmp_path)
    city.post(*CITY_COMMENTS)
    config = write_config(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    process = subprocess.Popen([sys.executable, "-m", "moderator", "run", "--config",
                                str(config)], cwd=ROOT, env=env, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if (tmp_path / "archive.db").exists():
            with Archive.open(tmp_path / "archive.db", migrate=False) as archive:
                if archive.db["cursors"].exists() and archive.count("cursors"):
                    break
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr
    assert "received SIGTERM" in stderr and "daemon stopped" in stderr
    with Archive.open(tmp_path / "archive.db") as archive:
        assert archive.count("comments") == 6
