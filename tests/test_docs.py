"""The README and the CLI reference say what the code does."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_the_generated_docs_are_current() -> None:
    spec = importlib.util.spec_from_file_location("docs_update", ROOT / "docs" / "update.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    stale = module.check()
    assert not stale, f"run `python docs/update.py`: {stale} are out of date"


def test_the_readme_gives_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("moderator demo")
    assert commands[1] == "bash .ci/run"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest" in ci
