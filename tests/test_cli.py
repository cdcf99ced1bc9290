"""The office's first commands: help, settings, a demo, a poll, the daemon and its clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CITY_COMMENTS, ROOT, CityPage, comment, write_config

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


def test_the_demo_will_not_reuse_a_folder_that_holds_something(tmp_path: Path) -> None:
    """Each demo seeds a new sandbox; run into an old demo's folder it overwrote the config and
    recorded the old comments as deleted and the X replies again under new ids."""
    (tmp_path / "moderator.toml").write_text('agency = "Mine"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--cycles", "1", "--no-web", "--dir",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert f"Error: {tmp_path}: not empty; give the demo a new or empty folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["moderator.toml"]
    assert (tmp_path / "moderator.toml").read_text(encoding="utf-8") == 'agency = "Mine"\n'


def test_poll_once_prints_a_line_per_page(tmp_path: Path) -> None:
    city = CityPage(tmp_path)
    city.post(*CITY_COMMENTS)
    result = CliRunner().invoke(cli, ["poll", "--once", "--config", str(write_config(tmp_path))])
    assert result.exit_code == 0
    # poll scores with the shipped model: the threat "I will hurt the engineer ..." goes to review
    assert result.stdout == ("city: fetched 6, new 6, edited 0, deleted 0; allowed 3, queued 2, "
                             "acted 1\n")


@pytest.mark.parametrize(("extra", "message"), [
    ("[alerts]\nsmtp_hots = 1\n", "alerts.smtp_hots: unknown setting"),
    ("[retention]\nfoo = 1\n", "retention.foo: unknown key"),
])
def test_poll_once_refuses_what_run_would_refuse(tmp_path: Path, extra: str,
                                                 message: str) -> None:
    """An office tried its config with `poll --once`, saw it pass, and then the daemon would
    not start."""
    CityPage(tmp_path).post(*CITY_COMMENTS)
    result = CliRunner().invoke(cli, ["poll", "--once", "--config",
                                      str(write_config(tmp_path, extra=extra))])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "archive.db").exists()


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
    # this config has no [alerts]: the office is told at start that alerts go nowhere
    assert "WARNING moderator.scheduler: alerts have nowhere to go" in stderr
    with Archive.open(tmp_path / "archive.db") as archive:
        assert archive.count("comments") == 6


def test_demo_serves_the_queue_with_a_printed_login(tmp_path: Path) -> None:
    import re

    import httpx2
    from conftest import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "moderator", "demo", "--cycles", "1", "--dir", str(tmp_path),
         "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.strip().startswith("log in as admin"):
                break
        text = "".join(lines)
        assert f"Review queue: http://127.0.0.1:{port}/" in text
        password = re.search(r"log in as moderator\s+password (\S+)", text).group(1)  # type: ignore[union-attr]
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(50):
                try:
                    login_page = client.get("/login")
                    break
                except httpx2.ConnectError:
                    time.sleep(0.1)
            token = login_page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            client.post("/login", data={"username": "moderator", "password": password,
                                        "csrf_token": token})
            queue = client.get("/api/queue").json()
        assert queue["total"] > 0 and queue["items"][0]["text"]
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=15)


def test_an_office_manages_staff_accounts_from_the_cli(tmp_path: Path) -> None:
    config = str(write_config(tmp_path))
    CityPage(tmp_path).flush()
    runner = CliRunner(env={"MODERATOR_NEW_PASSWORD": "a long enough password"})
    added = runner.invoke(cli, ["users", "add", "alice", "--role", "moderator", "-c", config])
    assert added.exit_code == 0 and added.stdout == "added alice (moderator)\n"
    duplicate = runner.invoke(cli, ["users", "add", "alice", "--role", "admin", "-c", config])
    assert duplicate.exit_code == 2
    assert "user 'alice' already exists; use set-password to change it" in duplicate.output
    weak = CliRunner(env={"MODERATOR_NEW_PASSWORD": "short"}).invoke(
        cli, ["users", "add", "bob", "--role", "records", "-c", config])
    assert weak.exit_code == 2 and "password too short" in weak.output
    assert runner.invoke(cli, ["users", "set-password", "alice", "-c", config]).exit_code == 0
    assert runner.invoke(cli, ["users", "disable", "alice", "-c", config]).exit_code == 0
    listed = runner.invoke(cli, ["users", "list", "-c", config]).stdout
    assert listed.startswith("alice                moderator  disabled 20")
    missing = runner.invoke(cli, ["users", "disable", "nobody", "-c", config])
    assert missing.exit_code == 2 and "no user named 'nobody'" in missing.output
    again = runner.invoke(cli, ["users", "disable", "alice", "-c", config])
    assert again.exit_code == 2 and "user 'alice' is already disabled (since 20" in again.output
    # a disabled account can come back, a role can change, and the audit log says who did it
    assert runner.invoke(cli, ["users", "enable", "alice", "--by", "it-desk", "-c",
                               config]).stdout == "enabled alice\n"
    moved = runner.invoke(cli, ["users", "set-role", "alice", "--role", "records", "--by",
                                "it-desk", "-c", config])
    assert moved.stdout == "alice is now records\n"
    named = runner.invoke(cli, ["users", "add", "carol", "--role", "admin", "--name",
                                "Carol <b>Diaz</b>", "-c", config])
    assert named.exit_code == 0
    listed = runner.invoke(cli, ["users", "list", "-c", config]).stdout.splitlines()
    assert listed[0].split() == ["alice", "records", "active"]
    assert listed[1].split()[:3] == ["carol", "admin", "active"]
    assert listed[1].endswith("Carol <b>Diaz</b>")
    with Archive.open(tmp_path / "archive.db") as archive:
        entries = archive.query("SELECT actor, action, details FROM audit_log WHERE action IN "
                                "('user.enable', 'user.set_role') ORDER BY id")
    assert [(e["actor"], e["action"]) for e in entries] == [("it-desk", "user.enable"),
                                                            ("it-desk", "user.set_role")]
    assert json.loads(entries[1]["details"]) == {"from": "moderator", "to": "records"}
    last = runner.invoke(cli, ["users", "disable", "carol", "-c", config])
    assert last.exit_code == 2 and "user 'carol' is the last active admin" in last.output
    demoted = runner.invoke(cli, ["users", "set-role", "carol", "--role", "records", "-c",
                                  config])
    assert demoted.exit_code == 2 and "user 'carol' is the last active admin" in demoted.output


def test_output_piped_into_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`moderator records show 1 | head` printed "Error: Broken pipe; check the path ..."."""
    city = CityPage(tmp_path)
    city.post(*[comment(f"n{i}", f"Comment {i} about the library hours") for i in range(2000)])
    config = write_config(tmp_path)
    assert CliRunner().invoke(cli, ["poll", "--once", "--config", str(config)]).exit_code == 0
    run = subprocess.run(f"{sys.executable} -m moderator records search library --limit 1000 "
                         f"--config {config} | head -1", shell=True, capture_output=True,
                         text=True, timeout=300)
    assert run.stdout == "2000 comment(s) match; showing 1-1000\n", run.stdout
    assert run.stderr == "", run.stderr


def test_score_writes_to_standard_output_with_a_dash(tmp_path: Path) -> None:
    """`--output -` wrote a file named "-"."""
    source = tmp_path / "in.csv"
    source.write_text("text\n" + "\n".join(f"Comment {i} about the bus" for i in range(3000))
                      + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "moderator", "score", str(source), "--output",
                          "-"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].endswith(",personal_info,decision")
    assert len(run.stdout.splitlines()) == 3001 and not (tmp_path / "-").exists()
    assert run.stderr.startswith("scored 3000 rows with ")
    piped = subprocess.run(f"{sys.executable} -m moderator score {source} --output - | head -1",
                           shell=True, capture_output=True, text=True, timeout=300)
    assert piped.stdout.startswith("text,") and piped.stderr == "", piped.stderr
