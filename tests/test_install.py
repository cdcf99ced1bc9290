"""The Dockerfile's steps, built for real in a fresh virtual environment (no Docker engine here):
a regular (non-editable) install finds its shipped rules and model, runs the demo from any
folder, and `moderator run --web` answers the HEALTHCHECK and stops on SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

from conftest import ROOT, free_port


def copy_checkout(target: Path) -> None:
    """What the Dockerfile copies into the build stage."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, target / name)
    for folder in ("moderator", "config", "models"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, target / folder,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def test_a_regular_install_runs_the_demo_and_the_daemon_anywhere(tmp_path: Path) -> None:
    source, venv, work = tmp_path / "src", tmp_path / "venv", tmp_path / "data"
    source.mkdir()
    work.mkdir()
    copy_checkout(source)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # Dependencies and pip come from this test run's environment (the build backend is fetched
    # as the Dockerfile's pip would): what is under test is our package and the files it
    # installs.
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "parent.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps",
                    str(source)], check=True, cwd=tmp_path)
    assert (venv / "share" / "moderator" / "config" / "conduct-rules.toml").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODERATOR_")}
    moderator = str(venv / "bin" / "moderator")
    demo = subprocess.run([moderator, "demo", "--cycles", "1", "--no-web", "--dir", str(work)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert demo.returncode == 0, demo.stderr
    assert "verify OK" in demo.stdout
    port = free_port()
    daemon = subprocess.Popen([moderator, "run", "--web", "--host", "127.0.0.1", "--port",
                               str(port)], cwd=work,
                              env={**env, "MODERATOR_CONFIG": str(work / "moderator.toml")},
                              stderr=subprocess.PIPE, text=True)
    try:
        status = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    status = r.status
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=20)
    assert daemon.returncode == 0, stderr
    assert "daemon stopped" in stderr
