"""An operator's view: health, metrics, status, and the deployment files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_config
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from moderator.archive import Archive
from moderator.cli import cli
from moderator.config import load_config
from moderator.metrics import Metrics
from moderator.pipeline import CycleReport
from moderator.web import create_app


def test_healthz_reports_each_page_without_a_login(web) -> None:  # type: ignore[no-untyped-def]
    response = TestClient(web).get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    [page] = report["pages"]
    assert page["key"] == "city" and page["status"] == "ok" and page["last_success_at"]
    assert report["queue"]["pending"] == 5 and report["daemon"]["running"] is False


def test_healthz_says_degraded_when_a_page_needs_a_new_token(web) -> None:  # type: ignore[no-untyped-def]
    with Archive.open(web.state.config.archive) as archive:
        archive.update_page("city", status="needs_reauth", last_error_kind="auth")
    assert TestClient(web).get("/healthz").json()["status"] == "degraded"


def test_before_the_first_poll_every_configured_page_reads_never_polled(tmp_path: Path) -> None:
    """`status` printed "ok" over an empty table before the first poll (a docs walkthrough)."""
    config = load_config(write_config(tmp_path))
    with Archive.open(config.archive):
        pass
    result = CliRunner().invoke(cli, ["status", "--config", str(config.path)],
                                terminal_width=120)
    assert result.exit_code == 0
    assert f"{config.agency}: starting" in result.stdout
    assert re.search(r"city\s+│\s+facebook\s+│\s+never polled\s+│\s+never", result.stdout)
    report = TestClient(create_app(config)).get("/healthz").json()
    assert report["status"] == "starting" and report["pages"][0]["status"] == "never polled"


def test_metrics_parse_with_the_prometheus_parser(city_queue) -> None:  # type: ignore[no-untyped-def]
    metrics = Metrics(city_queue.archive)
    metrics.observe(CycleReport("city", fetched=9, allowed=3, queued=5, acted=1, seconds=0.4,
                                by_rule={("allow", ""): 3, ("review", "harassment"): 5,
                                         ("act", "threat"): 1}))
    metrics.observe(CycleReport("city", error="Graph 4", error_kind="throttled"))
    text = TestClient(create_app(city_queue, metrics=metrics)).get("/metrics").text
    families = {f.name: f for f in text_string_to_metric_families(text)}
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for f in families.values() for s in f.samples}
    assert samples[("moderator_comments_fetched_total", (("page", "city"),))] == 9
    assert samples[("moderator_decisions_total", (("outcome", "review"),
                                                  ("rule", "harassment")))] == 5
    assert samples[("moderator_decisions_total", (("outcome", "act"), ("rule", "threat")))] == 1
    assert samples[("moderator_api_errors_total", (("kind", "throttled"), ("page", "city")))] == 1
    assert samples[("moderator_queue_depth", (("status", "pending"),))] == 5
    assert samples[("moderator_page_status", (("page", "city"), ("status", "ok")))] == 1
    assert samples[("moderator_poll_duration_seconds_count", (("page", "city"),))] == 1
    build = next(s for s in families["moderator_build_info"].samples)
    assert build.labels["model_version"] == "keywords-1"


def test_status_prints_a_table_of_pages(city_queue) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["status", "--config", str(city_queue.path)],
                                terminal_width=120)
    assert result.exit_code == 0
    assert re.search(r"city\s+│\s+facebook\s+│\s+ok", result.stdout)
    assert "Review queue: 5 pending" in result.stdout
    problem = ("page city: the platform's token for this page has expired; re-authorise the "
               "account and update its token")
    with Archive.open(city_queue.archive) as archive:
        archive.update_page("city", status="needs_reauth", last_error_kind="auth",
                            last_error=problem)
    narrow = CliRunner().invoke(cli, ["status", "--config", str(city_queue.path)],
                                terminal_width=80)
    assert f"city: auth: {problem}" in narrow.stdout  # whole, on its own line


def dockerfile() -> list[str]:
    text = (ROOT / "Dockerfile").read_text()
    return [line.strip() for line in text.replace("\\\n", " ").splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_the_dockerfile_is_multi_stage_non_root_with_a_healthcheck() -> None:
    lines = dockerfile()
    stages = [line for line in lines if line.startswith("FROM ")]
    assert len(stages) >= 2 and " AS " in stages[0]
    assert any(line.startswith("COPY --from=") for line in lines)
    users = [line for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in ("USER root", "USER 0")
    assert 'VOLUME ["/data"]' in lines
    health = next(line for line in lines if line.startswith("HEALTHCHECK"))
    assert "/healthz" in health
    assert lines[-1] == 'CMD ["moderator", "run", "--web", "--host", "0.0.0.0"]'
    assert any("MODERATOR_CONFIG=/data/moderator.toml" in line for line in lines)


def test_the_systemd_unit_runs_the_daemon_hardened() -> None:
    unit = (ROOT / "deploy" / "moderator.service").read_text()
    for option in ("NoNewPrivileges=true", "ProtectSystem=strict", "ProtectHome=true",
                   "PrivateTmp=true", "ReadWritePaths=/var/lib/moderator",
                   "ExecStart=/opt/moderator/.venv/bin/moderator run --web", "User=moderator",
                   "KillSignal=SIGTERM", "TimeoutStopSec=20"):
        assert option in unit, option


def test_a_token_that_slips_into_a_log_message_is_blanked(tmp_path, monkeypatch,  # type: ignore[no-untyped-def]
                                                          capsys) -> None:
    import logging

    from conftest import write_config

    from moderator.cli import setup_logging
    from moderator.config import load_config

    token = "EAAG-very-secret-page-token-42"
    monkeypatch.setenv("MODERATOR_TEST_FB_TOKEN", token)
    load_config(write_config(tmp_path, pages='[[pages]]\nkey = "fb"\nplatform = "facebook"\n'
                             'account_id = "1"\ntoken_env = "MODERATOR_TEST_FB_TOKEN"\n'))
    for fmt in ("text", "json"):
        setup_logging("INFO", fmt)
        logging.getLogger("moderator.test").warning("GET /v21.0/1/posts?access_token=%s", token)
        try:
            raise RuntimeError(f"request failed: {token}")
        except RuntimeError:
            logging.getLogger("moderator.test").exception("oops")
    logged = capsys.readouterr().err
    assert token not in logged and logged.count("[redacted]") == 4


@pytest.mark.parametrize("command", [["run", "--web"], ["serve"]])
def test_a_port_already_taken_stops_at_start_in_one_line(tmp_path: Path,
                                                         command: list[str]) -> None:
    """`run --web` on a taken port went on polling with no queue, /healthz or /metrics, and
    `serve` printed "Serving on ..." before failing."""
    import socket

    config = write_config(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
        result = subprocess.run([sys.executable, "-m", "moderator", *command, "--port", port,
                                 "--config", str(config)], capture_output=True, text=True,
                                timeout=60, cwd=ROOT, env=env)
    assert result.returncode == 2, result.stderr
    assert f"Error: cannot serve on 127.0.0.1:{port}" in result.stderr
    assert "Serving on" not in result.stdout and "daemon started" not in result.stderr


def test_token_shaped_text_is_blanked_but_the_platforms_own_words_are_kept() -> None:
    """The OAuth 1 pattern ate everything after "OAuth ", so Facebook's "Invalid OAuth access
    token - Cannot parse access token" reached the operator as "Invalid OAuth [redacted]"; and
    it stopped at the first quote, so an OAuth 1 header kept its quoted values."""
    from moderator.sources.http import redact

    message = "Graph API error 190 (OAuthException): Invalid OAuth access token - Cannot parse"
    assert redact(message) == message
    header = "{'Authorization': 'OAuth oauth_consumer_key=\"ck\", oauth_token=\"12-tok\"'}"
    assert redact(header) == "{'Authorization': 'OAuth [redacted]"
    assert redact("GET /me?access_token=EAAG42&fields=id") == \
        "GET /me?access_token=[redacted]&fields=id"
