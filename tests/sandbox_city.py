"""The city's pages on the sandbox platform: a running sandbox, its accounts, configs and polls.

Shared by tests/test_sources_*.py and tests/test_sandbox*.py. Tokens are distinctive so a
test can prove they never leak into logs, errors, the archive or exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import write_config

from moderator.archive import Archive
from moderator.classify import Scorer
from moderator.config import Config, load_config
from moderator.pipeline import CycleReport, poll_page, prepare
from moderator.sources.facebook import FacebookSource
from moderator.sources.http import Retry
from moderator.sources.instagram import InstagramSource
from moderator.sources.sandbox import Sandbox
from moderator.sources.x import XSource

FAST = Retry(attempts=3, base=0.001, cap=0.005)
ACCOUNTS = {
    "city-fb": ("facebook", "104857600123456", "EAAG-city-fb-Zx81qPw3"),
    "parks-fb": ("facebook", "104857600999999", "EAAG-parks-fb-Lm27Tq4k"),
    "city-ig": ("instagram", "17841400000000001", "IGQV-city-ig-Ra55wQe1"),
    "city-x": ("x", "1500000000000000001", "xoauth2-city-x-Hh71Ks0p"),
}
CONNECTORS = {"facebook": FacebookSource, "instagram": InstagramSource, "x": XSource}


class CityOnline:
    """The city's accounts on a running sandbox, and configs whose pages point at it."""

    def __init__(self, box: Sandbox, folder: Path) -> None:
        self.box = box
        self.folder = folder
        for key, (platform, account, token) in ACCOUNTS.items():
            box.add_account(platform, account, token, name=f"City {key}",
                            username=key.replace("-", "_"))

    def token(self, key: str) -> str:
        return ACCOUNTS[key][2]

    def account(self, key: str) -> str:
        return ACCOUNTS[key][1]

    def config(self, *keys: str, dry_run: bool = True, extra: str = "api_timeout = 2") -> Config:
        pages = ""
        for key in keys or ("city-fb",):
            platform, account, token = ACCOUNTS[key]
            token_file = self.folder / f"{key}.token"
            if not token_file.exists():
                token_file.write_text(token, encoding="utf-8")
            pages += (f'[[pages]]\nkey = "{key}"\nplatform = "{platform}"\n'
                      f'account_id = "{account}"\ntoken_file = "{key}.token"\n'
                      f'api_base_url = "{self.box.url}"\n\n')
        return load_config(write_config(self.folder, dry_run=dry_run, extra=extra, pages=pages))

    def source(self, config: Config, key: str, **options: Any) -> Any:
        page = config.page(key)
        options.setdefault("retry", FAST)
        return CONNECTORS[page.platform](page, config, **options)

    def poll(self, config: Config, key: str, scorer: Scorer, **options: Any) -> CycleReport:
        """One poll of one page through its real connector (fast retries, given page size)."""
        source = self.source(config, key, **options)
        try:
            with Archive.open(config.archive) as archive:
                prepare(archive, config, scorer)
                return poll_page(archive, config, config.page(key), scorer, source=source)
        finally:
            source.close()

    def rows(self, config: Config, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        with Archive.open(config.archive) as archive:
            return archive.query(sql, list(params))

    def post_with_comments(self, key: str, count: int, *, created: Any = None,
                           replies_every: int = 0) -> tuple[str, list[str]]:
        """A post on ``key`` with ``count`` comments (every n-th a reply to the one before)."""
        post = self.box.add_post(self.account(key), "Road repairs on Main Street start Monday",
                                 created=created)
        ids: list[str] = []
        top: str | None = None
        for n in range(count):
            parent = top if replies_every and n % replies_every == replies_every - 1 else None
            ids.append(self.box.add_comment(post, f"Question {n} about the detour",
                                            author_id=f"u{n % 97}",
                                            author_name=f"Resident {n % 97}", parent=parent))
            top = top if parent else ids[-1]
        return post, ids


def city_online(tmp_path: Path) -> Iterator[CityOnline]:
    """The body of each test module's ``online`` fixture: a sandbox for one test."""
    with Sandbox() as box:
        yield CityOnline(box, tmp_path)
