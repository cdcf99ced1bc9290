"""Ingest benchmark: comments per second archived from the sandbox through the real connectors.

    python bench/ingest.py [--comments 10000] [--posts 10] [--page-size 100]

For Facebook (facebook-sdk) and X (tweepy) it seeds a sandbox page with ``--comments`` comments
over ``--posts`` posts, then measures on a fresh archive:

- fetch: the connector alone (HTTP paging, parsing, validation);
- cycle: one whole first poll (fetch, archive with versions, score, decide, audit);
- re-poll: the next poll, which re-reads the recent posts and finds nothing new.

Figures depend on the machine; the core count is printed with them.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.archive import Archive  # noqa: E402
from moderator.classify import build_scorer  # noqa: E402
from moderator.config import load_config  # noqa: E402
from moderator.pipeline import poll_page, prepare  # noqa: E402
from moderator.sources.facebook import FacebookSource  # noqa: E402
from moderator.sources.sandbox import Sandbox  # noqa: E402
from moderator.sources.x import XSource  # noqa: E402

PAGES = {"facebook": ("104857600123456", FacebookSource), "x": ("1500000000000000001", XSource)}
WORDS = ("When will the detour on Main Street end? The council should publish the schedule "
         "and answer residents' questions about parking near the bakery.").split()


def seed(box: Sandbox, platform_name: str, posts: int, comments: int) -> str:
    account, _ = PAGES[platform_name]
    token = box.add_account(platform_name, account, name="Bench City", username="benchcity")
    per_post = comments // posts
    for p in range(posts):
        post = box.add_post(account, f"Announcement {p}")
        top = None
        for n in range(per_post):
            text = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(12)) + f" #{p}-{n}"
            parent = top if n % 5 == 4 else None
            made = box.add_comment(post, text, author_id=f"u{n % 500}",
                                   author_name=f"Resident {n % 500}", parent=parent)
            top = top if parent else made
    return token


def write_config(folder: Path, platform_name: str, url: str, token: str) -> Path:
    account, _ = PAGES[platform_name]
    (folder / "page.token").write_text(token, encoding="utf-8")
    (folder / "conduct-rules.toml").write_text(
        (ROOT / "config" / "conduct-rules.toml").read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "moderator.toml"
    path.write_text(f'agency = "Bench City"\narchive = "bench.db"\n\n[[pages]]\nkey = "bench"\n'
                    f'platform = "{platform_name}"\naccount_id = "{account}"\n'
                    f'token_file = "page.token"\napi_base_url = "{url}"\n', encoding="utf-8")
    return path


def run(platform_name: str, posts: int, comments: int, page_size: int) -> dict[str, float]:
    _, connector = PAGES[platform_name]
    with Sandbox() as box, tempfile.TemporaryDirectory() as folder:
        token = seed(box, platform_name, posts, comments)
        config = load_config(write_config(Path(folder), platform_name, box.url, token))
        page = config.page("bench")
        scorer = build_scorer(config)
        source = connector(page, config, page_size=page_size)
        started = time.perf_counter()
        batch = source.fetch(None)
        fetch = time.perf_counter() - started
        assert len(batch.comments) == comments, (len(batch.comments), comments)
        with Archive.open(config.archive) as archive:
            prepare(archive, config, scorer)
            started = time.perf_counter()
            first = poll_page(archive, config, page, scorer, source=source)
            cycle = time.perf_counter() - started
            started = time.perf_counter()
            again = poll_page(archive, config, page, scorer, source=source)
            repoll = time.perf_counter() - started
            stored = archive.count("comments")
        source.close()
        assert first.new == comments == stored and again.new == 0, (first, again)
        requests = box.stats()["requests"]
    return {"fetch": comments / fetch, "cycle": comments / cycle, "repoll": comments / repoll,
            "requests": requests / 3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=10)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--platform", choices=sorted(PAGES), action="append")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {args.comments} comments over {args.posts} posts, "
          f"page size {args.page_size}; sandbox and moderator in one process")
    for name in args.platform or ["facebook", "x"]:
        figures = run(name, args.posts, args.comments, args.page_size)
        print(f"{name:<9} fetch {figures['fetch']:>8.0f} comments/s   first poll (fetch, "
              f"archive, score) {figures['cycle']:>7.0f} comments/s   re-poll "
              f"{figures['repoll']:>7.0f} comments/s   ~{figures['requests']:.0f} requests "
              "per read")


if __name__ == "__main__":
    main()
