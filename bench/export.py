"""Benchmark: full-text search and export on an archive of 1,000,000 comments.

    python bench/export.py [--comments 1000000] [--cache /tmp/moderator-bench]

Builds the archive once through the real schema (Archive.open runs every migration, so the
triggers fill both full-text indexes) with bulk INSERTs, and keeps it in the cache folder for
later runs. Every comment has a decision and seven rule scores per version, one in ten has a
second (edited) version, one in fifty a hide action. Then it prints:

- the median time of :func:`moderator.records.search.search` (first page of 50 and the total)
  for several queries, five runs each;
- export throughput (comments per second) and peak memory (the exporting process's maximum
  resident set) for JSON Lines and BagIt, for a tenth of the archive and for all of it; each
  export runs in its own process so the peaks are its own;
- on a copy of the archive: how long merging the full-text indexes takes and the throughput of a
  retention run that disposes about 2% of the comments.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.archive import GENESIS, Archive, version_hash  # noqa: E402
from moderator.config import MODEL_RULES  # noqa: E402

WORDS = ("road repair budget council park library water bus police fire tax school street "
         "bridge permit noise trash snow festival parking meeting mayor vote plan thanks "
         "question when why please fix broken light crossing dog playground").split()
EXTRA = ("我觉得市政府应该修路", "市役所の対応が遅い", "متى سيتم إصلاح الطريق",
         "Когда откроют бассейн", "great job 🎉", "why?? 😡", 'he said "we will fix it"',
         "café au lait ☕")
PAGES = ("city-facebook", "city-instagram", "city-x")
PLATFORMS = ("facebook", "instagram", "x")


def build(path: Path, count: int) -> None:
    """Bulk-insert ``count`` comments through the real schema (triggers included)."""
    rng = random.Random(6)
    started = time.monotonic()
    archive = Archive.open(path)
    for key, platform in zip(PAGES, PLATFORMS, strict=True):
        archive.register_page(key, platform, f"acct-{key}", key)
    archive.register_model("keywords-1", "keywords")
    db = archive.db.conn
    db.execute("PRAGMA synchronous = OFF")
    chunk = 20_000
    for start in range(1, count + 1, chunk):
        comments, versions, scores, decisions, actions = [], [], [], [], []
        for rowid in range(start, min(start + chunk, count + 1)):
            page = rowid % 3
            day = rowid * 730 // count
            created = f"{2024 + day // 365}-{1 + (day % 365) // 31:02d}-" \
                      f"{1 + (day % 365) % 31 % 28:02d}T{rowid % 24:02d}:00:00Z"
            words = rng.choices(WORDS, k=rng.randint(5, 25))
            if rowid % 13 == 0:
                words.append(rng.choice(EXTRA))
            text = " ".join(words)
            cid = f"c{rowid}"
            edited = rowid % 10 == 0
            texts = [text, text + " (edited)"] if edited else [text]
            comments.append((rowid, PLATFORMS[page], PAGES[page], f"acct-{PAGES[page]}",
                             f"post{rowid // 200}", cid, f"u{rowid % 50_000}",
                             f"Resident {rowid % 50_000}", texts[-1], created, created,
                             created, len(texts), "allow"))
            prev = GENESIS
            for number, body in enumerate(texts, start=1):
                digest = version_hash(prev, PLATFORMS[page], cid, number, body, "visible", None,
                                      created)
                versions.append((rowid, number, body, "visible", None, created, prev, digest))
                prev = digest
                scores += [(rowid, number, rule, 0.01, "[]", "keywords-1", created)
                           for rule in MODEL_RULES]
                decisions.append((rowid, number, "allow", None, "system", "keywords-1",
                                  created))
            if rowid % 50 == 0:
                actions.append((rowid, "hide", "profanity", "would", 1, "system", created))
        with archive.write():
            db.executemany(
                "INSERT INTO comments (id, platform, page_key, page_id, post_id, comment_id, "
                "author_id, author_name, text, created_at, captured_at, last_seen_at, "
                "versions, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                comments)
            db.executemany(
                "INSERT INTO comment_versions (comment, version, text, visibility, edited_at, "
                "seen_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", versions)
            db.executemany(
                "INSERT INTO scores (comment, version, rule, score, evidence, model_version, "
                "scored_at) VALUES (?, ?, ?, ?, ?, ?, ?)", scores)
            db.executemany(
                "INSERT INTO decisions (comment, version, outcome, rule, actor_kind, actor, "
                "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)", decisions)
            db.executemany(
                "INSERT INTO actions (comment, kind, rule, status, dry_run, requested_by, "
                "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)", actions)
        print(f"  built {min(start + chunk - 1, count):,} comments "
              f"({time.monotonic() - started:.0f} s)", flush=True)
    archive.db.execute("ANALYZE")
    archive.close()


QUERIES = [
    ("one common word", {"text": "budget"}),
    ("two words", {"text": "broken light"}),
    ("phrase", {"text": '"we will fix it"'}),
    ("Chinese substring", {"text": "市政府"}),
    ("Cyrillic word", {"text": "бассейн"}),
    ("emoji (short term, LIKE scan)", {"text": "😡"}),
    ("rare word + page + month", {"text": "festival", "page": "city-x",
                                  "since": "2025-03-01", "until": "2025-03-31"}),
    ("no text, page + month", {"page": "city-facebook", "since": "2024-06-01",
                               "until": "2024-06-30"}),
    ("author", {"author": "Resident 4242"}),
]


def bench_search(path: Path) -> None:
    from moderator.records.search import make_filters, search

    print("\nsearch (first page of 50 plus the total; median of 5 runs):")
    medians = []
    with Archive.open(path) as archive:
        for label, filters in QUERIES:
            made = make_filters(**filters)
            times, total = [], 0
            for _ in range(5):
                started = time.perf_counter()
                total = search(archive, made, limit=50).total
                times.append(time.perf_counter() - started)
            medians.append(statistics.median(times))
            print(f"  {label:<34} {statistics.median(times) * 1000:8.1f} ms  "
                  f"({total:,} matches)")
    print(f"  median over the queries: {statistics.median(medians) * 1000:.1f} ms")


def worker(path: Path, fmt: str, since: str | None, target: Path) -> None:
    from moderator.export import export
    from moderator.records.search import make_filters

    with Archive.open(path) as archive:
        started = time.perf_counter()
        done = export(archive, make_filters(since=since), fmt, target, agency="Bench City",
                      exporter="bench")
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"count": done.count, "seconds": seconds, "peak_mb": peak_mb}))


def bench_export(path: Path, cache: Path) -> None:
    print("\nexport (each in its own process; peak = maximum resident set size):")
    for fmt in ("jsonl", "bag"):
        for label, since in (("a tenth", "2025-10-20"), ("everything", None)):
            target = cache / f"out-{fmt}-{label.replace(' ', '-')}"
            subprocess.run(["rm", "-rf", str(target), f"{target}.sha256"], check=True)
            output = subprocess.run(
                [sys.executable, __file__, "--worker", fmt, "--since", since or "",
                 "--db", str(path), "--target", str(target)],
                check=True, capture_output=True, text=True).stdout
            result = json.loads(output.strip().splitlines()[-1])
            size = sum(p.stat().st_size for p in target.rglob("*")) if target.is_dir() \
                else target.stat().st_size
            print(f"  {fmt:<5} {label:<10} {result['count']:>9,} comments in "
                  f"{result['seconds']:7.1f} s = {result['count'] / result['seconds']:8,.0f} "
                  f"comments/s; peak {result['peak_mb']:6.0f} MB; {size / 1e6:,.0f} MB written")
            subprocess.run(["rm", "-rf", str(target), f"{target}.sha256"], check=True)


def bench_retention(path: Path, cache: Path) -> None:
    """On a copy: merging the full-text indexes, then a retention run that disposes ~2%."""
    import shutil

    from moderator.records.retention import merge_index, run_retention
    from moderator.records.schedule import schedule_from_table

    copy = cache / "retention-copy.db"
    shutil.copyfile(path, copy)
    print("\nretention (on a copy of the archive):")
    with Archive.open(copy) as archive:
        for table in ("records_fts", "comments_fts"):
            started = time.perf_counter()
            merge_index(archive, table)
            print(f"  merge {table:<13} {time.perf_counter() - started:6.1f} s in total "
                  "(the merge a run does after disposing, in short steps)")
        plan = schedule_from_table({"series": [{"name": "comments", "period": "2y",
                                                "disposition": "destroy"}]}, copy)
        started = time.perf_counter()
        report = run_retention(archive, plan, actor="bench", agency="Bench City",
                               now="2026-01-15T00:00:00Z")
        seconds = time.perf_counter() - started
        print(f"  run: {report.disposed:,} disposed in {seconds:.1f} s "
              f"({report.disposed / seconds:,.0f} comments/s, merges included)")
    for leftover in cache.glob("retention-copy.db*"):
        leftover.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/moderator-bench"))
    parser.add_argument("--worker")
    parser.add_argument("--since")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--target", type=Path)
    args = parser.parse_args()
    if args.worker:
        worker(args.db, args.worker, args.since or None, args.target)
        return
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.cache / f"records-{args.comments}.db"
    if not path.exists():
        print(f"building {path} ({args.comments:,} comments; cached for later runs)")
        partial = path.with_suffix(".partial")
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink()
        build(partial, args.comments)
        partial.rename(path)
    with Archive.open(path) as archive:
        print(f"archive {path}: {archive.count('comments'):,} comments, "
              f"{archive.count('comment_versions'):,} versions, "
              f"{archive.count('scores'):,} scores, {path.stat().st_size / 1e9:.2f} GB")
    bench_search(path)
    bench_export(path, args.cache)
    bench_retention(path, args.cache)


if __name__ == "__main__":
    main()
