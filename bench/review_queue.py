"""How fast moderators get their queue: the page and the JSON list over real HTTP.

    python bench/review_queue.py [--comments 1000000] [--pending 10000] [--requests 200]

Builds (once, cached under /tmp/moderator-bench) an archive with the real schema holding
--comments comments from 50,000 authors, every one scored, and --pending open review items; then
serves it with uvicorn on 127.0.0.1 and times requests from a logged-in client. Prints median
and p95 per URL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx2  # noqa: E402
import uvicorn  # noqa: E402

from moderator.archive import GENESIS, Archive, version_hash  # noqa: E402
from moderator.config import MODEL_RULES, load_config  # noqa: E402
from moderator.users import add_user  # noqa: E402
from moderator.web import create_app  # noqa: E402

CACHE = Path("/tmp/moderator-bench")
WORDS = ("road bridge budget council mayor library pool water park tax plan vote meeting "
         "street bus school police fire permit trash snow lights noise housing idiot").split()
PASSWORD = "benchmark password 1"


def build(path: Path, comments: int, pending: int) -> None:
    rng = random.Random(7)
    archive = Archive.open(path)
    archive.register_page("city-fb", "facebook", "100", "City")
    archive.register_model("bench-1", "bench")
    db = archive.db
    now = "2026-11-20T12:00:00Z"
    with archive.write():
        db.conn.executemany(
            "INSERT INTO posts (platform, post_id, page_key, page_id, text, created_at, "
            "captured_at) VALUES ('facebook', ?, 'city-fb', '100', ?, ?, ?)",
            [(f"p{n}", f"Post {n} about the {rng.choice(WORDS)}", now, now) for n in range(500)])
    batch = 50_000
    for start in range(0, comments, batch):
        rows, versions, scores = [], [], []
        for n in range(start, min(start + batch, comments)):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40)))
            created = f"2026-{1 + n * 11 // comments:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00Z"
            cid = f"c{n}"
            rows.append((n + 1, f"p{n % 500}", cid, f"a{n % 50_000}", f"Author {n % 50_000}",
                         text, created, now, now))
            versions.append((n + 1, text, now, GENESIS, version_hash(
                GENESIS, "facebook", cid, 1, text, "visible", None, now)))
            if n >= comments - pending:
                for rule in MODEL_RULES:
                    score = rng.random() * (0.9 if rule == "harassment" else 0.3)
                    scores.append((n + 1, rule, score, json.dumps(["idiot"])))
        with archive.write():
            db.conn.executemany(
                "INSERT INTO comments (id, platform, page_key, page_id, post_id, comment_id, "
                "author_id, author_name, text, created_at, captured_at, last_seen_at, "
                "visibility, versions, decision) VALUES (?, 'facebook', 'city-fb', '100', ?, ?, "
                "?, ?, ?, ?, ?, ?, 'visible', 1, 'allow')",
                rows)
            db.conn.executemany(
                "INSERT INTO comment_versions (comment, version, text, visibility, seen_at, "
                "prev_hash, hash) VALUES (?, 1, ?, 'visible', ?, ?, ?)", versions)
            db.conn.executemany(
                "INSERT INTO scores (comment, version, rule, score, evidence, model_version, "
                "scored_at) VALUES (?, 1, ?, ?, ?, 'bench-1', '2026-11-20T12:00:00Z')", scores)
        print(f"  built {min(start + batch, comments):,} comments", flush=True)
    with archive.write():
        db.conn.executemany(
            "INSERT INTO review_items (comment, version, page_key, rule, score, reasons, status, "
            "created_at) VALUES (?, 1, 'city-fb', 'harassment', ?, ?, 'pending', ?)",
            [(n + 1, 0.6 + (n % 100) / 400, json.dumps([{"rule": "harassment", "score": 0.7,
                                                         "threshold": "review",
                                                         "evidence": ["idiot"]}]),
              f"2026-11-{1 + n % 20:02d}T10:00:00Z") for n in range(comments - pending, comments)])
        db.execute("UPDATE comments SET decision = 'review' WHERE id > ?", [comments - pending])
    add_user(archive, "bench", "moderator", PASSWORD)
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    archive.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--pending", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"queue-{args.comments}-{args.pending}.db"
    cached.with_suffix(".tmp").unlink(missing_ok=True)
    if not cached.exists():
        print(f"building an archive of {args.comments:,} comments, {args.pending:,} pending "
              f"(cached at {cached})", flush=True)
        started = time.monotonic()
        build(cached.with_suffix(".tmp"), args.comments, args.pending)
        cached.with_suffix(".tmp").rename(cached)
        print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="moderator-bench-"))
    shutil.copyfile(cached, folder / "archive.db")
    shutil.copyfile(ROOT / "config" / "conduct-rules.toml", folder / "conduct-rules.toml")
    (folder / "moderator.toml").write_text('agency = "Bench City"\narchive = "archive.db"\n')
    config = load_config(folder / "moderator.toml")
    Archive.open(config.archive).close()  # as `moderator serve` does: apply new migrations
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port,
                                           log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    client = httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    token = client.get("/login").text.split('name="csrf_token" value="', 1)[1].split('"')[0]
    client.post("/login", data={"username": "bench", "password": PASSWORD, "csrf_token": token})
    print(f"{os.cpu_count()} cores; {args.comments:,} comments, {args.pending:,} pending items; "
          f"{args.requests} requests per URL over HTTP on 127.0.0.1")
    for url in ("/queue", "/api/queue", "/queue?sort=score", "/api/queue?rule=harassment",
                "/queue?offset=5000"):
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"  {url:<30} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    server.should_exit = True
    client.close()
    time.sleep(0.5)
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
