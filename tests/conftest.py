"""Scenario data shared by the tests: a city's pages, posts, comments and staff."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from moderator.archive import Archive
from moderator.classify import Scorer
from moderator.classify.keywords import KeywordModel
from moderator.config import Config, load_config, load_rules

ROOT = Path(__file__).resolve().parent.parent
#: The spine tests' rules: the shipped rules with fixed thresholds (tests/data/conduct-rules.toml);
#: tests of the shipped model use config/conduct-rules.toml itself.
RULES = ROOT / "tests" / "data" / "conduct-rules.toml"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No MODERATOR_* variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("MODERATOR_"):
            monkeypatch.delenv(name)


@pytest.fixture
def fresh_db(tmp_path: Path) -> Archive:
    archive = Archive.open(tmp_path / "archive.db")
    archive.register_page("city", "facebook", "city", "City of Springfield")
    yield archive
    archive.close()


@pytest.fixture
def rules():  # type: ignore[no-untyped-def]
    return load_rules(RULES)


@pytest.fixture
def keyword_scorer(rules) -> Scorer:  # type: ignore[no-untyped-def]
    return Scorer(rules, KeywordModel())


def comment(comment_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A comment on the city's road-repair post, as a jsonl source line."""
    line = {"platform": "facebook", "page_id": "city", "post_id": "roads",
            "comment_id": comment_id, "text": text, "author_id": f"a-{comment_id}",
            "author_name": f"Resident {comment_id}", "created_at": "2026-11-20T10:00:00Z"}
    line.update(extra)
    return line


CITY_COMMENTS = [
    comment("c1", "When will the Main Street repairs finish? The detour adds 20 minutes."),
    comment("c2", "The council wasted our money on this plan and should be ashamed of it."),
    comment("c3", "Thanks to the crews working overnight, much appreciated!"),
    comment("c4", "This is bullshit, fix the damn road", author_name="Angry Driver"),
    comment("c5", "I will hurt the engineer who approved this, watch your back"),
    comment("c6", "You are a pathetic idiot, nobody asked you", parent_id="c1"),
]


class CityPage:
    """A city's Facebook page backed by a jsonl file the test edits like the platform would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "city.jsonl"
        self.comments: dict[str, dict[str, Any]] = {}

    def post(self, *lines: dict[str, Any]) -> None:
        for line in lines:
            self.comments[line["comment_id"]] = dict(line)
        self.flush()

    def edit(self, comment_id: str, text: str) -> None:
        self.comments[comment_id]["text"] = text
        self.flush()

    def hide(self, comment_id: str) -> None:
        self.comments[comment_id]["hidden"] = True
        self.flush()

    def delete(self, comment_id: str) -> None:
        del self.comments[comment_id]
        self.flush()

    def flush(self) -> None:
        with open(self.file, "w", encoding="utf-8") as handle:
            for line in self.comments.values():
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def write_config(folder: Path, *, dry_run: bool = True, extra: str = "",
                 pages: str | None = None) -> Path:
    """A moderator.toml for the city's jsonl page, next to a copy of the shipped rules."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conduct-rules.toml").write_text(RULES.read_text(encoding="utf-8"),
                                                encoding="utf-8")
    if pages is None:
        pages = ('[[pages]]\nkey = "city"\nplatform = "facebook"\naccount_id = "city"\n'
                 'source = "jsonl"\npath = "city.jsonl"\n')
    path = folder / "moderator.toml"
    path.write_text(f'agency = "City of Springfield"\narchive = "archive.db"\n'
                    f'dry_run = {"true" if dry_run else "false"}\n{extra}\n{pages}',
                    encoding="utf-8")
    return path


@pytest.fixture
def city(tmp_path: Path) -> CityPage:
    page = CityPage(tmp_path)
    page.flush()
    return page


@pytest.fixture
def city_config(tmp_path: Path, city: CityPage) -> Config:
    return load_config(write_config(tmp_path))
