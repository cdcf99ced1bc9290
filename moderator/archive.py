"""The archive: one SQLite file, readable by any SQLite tool, that never loses a version.

This module owns the connection and the core schema (see docs/archive.md for every table).
Writes go through :meth:`Archive.write`, a ``BEGIN IMMEDIATE`` transaction, so the daemon and
the web app serialise on SQLite's lock instead of failing half-way. The schema changes only
through sqlite-utils migrations; other modules that add tables register their own migration
set in :data:`SCHEMA_MODULES`.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from moderator.comments import Batch, Comment, to_iso, utcnow
from moderator.errors import ArchiveError

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
#: Seconds a write waits for another writer by default (the ``busy_timeout`` setting).
BUSY_TIMEOUT = 30.0
#: Modules whose ``migrations`` set is applied after the core one, in this order.
SCHEMA_MODULES: tuple[str, ...] = ("moderator.users", "moderator.moderation",
                                   "moderator.alerts", "moderator.records")

migrations = Migrations("moderator.archive")


@migrations()
def m001_core(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE pages (
            key TEXT PRIMARY KEY,
            platform TEXT NOT NULL,
            account_id TEXT NOT NULL,
            name TEXT,
            status TEXT NOT NULL DEFAULT 'ok',
            last_poll_at TEXT,
            last_success_at TEXT,
            last_error TEXT,
            last_error_kind TEXT,
            last_error_at TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            backoff_until TEXT,
            token_fingerprint TEXT
        );
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            post_id TEXT NOT NULL,
            page_key TEXT NOT NULL REFERENCES pages(key),
            page_id TEXT NOT NULL,
            text TEXT,
            created_at TEXT,
            permalink TEXT,
            captured_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX posts_platform_post ON posts(platform, post_id);
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            page_key TEXT NOT NULL REFERENCES pages(key),
            page_id TEXT NOT NULL,
            post_id TEXT NOT NULL,
            comment_id TEXT NOT NULL,
            parent_id TEXT,
            author_id TEXT,
            author_name TEXT,
            text TEXT,
            created_at TEXT,
            edited_at TEXT,
            captured_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            visibility TEXT NOT NULL DEFAULT 'visible',
            deleted_at TEXT,
            permalink TEXT,
            versions INTEGER NOT NULL DEFAULT 1,
            decision TEXT
        );
        CREATE UNIQUE INDEX comments_platform_comment ON comments(platform, comment_id);
        CREATE INDEX comments_page_post ON comments(page_key, post_id);
        CREATE INDEX comments_author ON comments(platform, author_id, created_at);
        CREATE INDEX comments_created ON comments(created_at);
        CREATE INDEX comments_captured ON comments(captured_at);
        CREATE TABLE comment_versions (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            version INTEGER NOT NULL,
            text TEXT,
            visibility TEXT NOT NULL,
            edited_at TEXT,
            seen_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE UNIQUE INDEX comment_versions_comment_version ON comment_versions(comment, version);
        CREATE TABLE model_versions (
            version TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            sha256 TEXT,
            first_used_at TEXT NOT NULL,
            details TEXT
        );
        CREATE TABLE scores (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            version INTEGER NOT NULL,
            rule TEXT NOT NULL,
            score REAL NOT NULL,
            evidence TEXT,
            model_version TEXT NOT NULL REFERENCES model_versions(version),
            scored_at TEXT NOT NULL
        );
        CREATE INDEX scores_comment ON scores(comment, version);
        CREATE TABLE review_items (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            version INTEGER NOT NULL,
            page_key TEXT NOT NULL,
            rule TEXT,
            score REAL,
            reasons TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            created_at TEXT NOT NULL,
            claimed_by TEXT,
            claimed_until TEXT,
            decided_by TEXT,
            decided_at TEXT,
            decision TEXT,
            note TEXT
        );
        CREATE UNIQUE INDEX review_items_open ON review_items(comment)
            WHERE status IN ('pending', 'escalated');
        CREATE INDEX review_items_status_created ON review_items(status, created_at);
        CREATE INDEX review_items_status_score ON review_items(status, score);
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            version INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            rule TEXT,
            actor_kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT,
            review_item INTEGER REFERENCES review_items(id),
            decided_at TEXT NOT NULL
        );
        CREATE INDEX decisions_comment ON decisions(comment);
        CREATE INDEX decisions_outcome ON decisions(outcome, rule);
        CREATE INDEX decisions_decided ON decisions(decided_at);
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            comment INTEGER NOT NULL REFERENCES comments(id),
            decision INTEGER REFERENCES decisions(id),
            kind TEXT NOT NULL,
            rule TEXT,
            status TEXT NOT NULL,
            dry_run INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            sent_at TEXT,
            completed_at TEXT,
            error TEXT
        );
        CREATE INDEX actions_status ON actions(status);
        CREATE INDEX actions_comment ON actions(comment);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TABLE cursors (
            page_key TEXT PRIMARY KEY REFERENCES pages(key),
            cursor TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )
    db.table("comments").enable_fts(["text", "author_name"], fts_version="FTS5",
                                    create_triggers=True, tokenize="unicode61 remove_diacritics 2")


@migrations()
def m002_attachments(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        ALTER TABLE comments ADD COLUMN attachment TEXT;
        ALTER TABLE comment_versions ADD COLUMN attachment TEXT;
        """
    )


def version_hash(prev_hash: str, platform: str, comment_id: str, version: int,
                 text: str | None, visibility: str, edited_at: str | None, seen_at: str,
                 attachment: str | None = None) -> str:
    """SHA-256 of one version, chained to the one before (docs/archive.md gives the algorithm).

    A version with an attachment has it as a ninth element; one without has eight, as before
    attachments were archived, so older hashes stay valid.
    """
    fields: list[object] = [prev_hash, platform, comment_id, version, text, visibility,
                            edited_at, seen_at]
    if attachment is not None:
        fields.append(attachment)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_EXISTING_SQL = ("SELECT id, platform, comment_id, text, visibility, versions, attachment "
                 "FROM comments "
                 "WHERE platform = ? AND comment_id IN ({marks})")
_COLUMNS = ("id, platform, page_id, post_id, comment_id, parent_id, author_id, author_name, "
            "text, created_at, edited_at, permalink, visibility, versions, attachment")


def _row_comment(row: dict[str, Any]) -> Comment:
    return Comment(
        platform=row["platform"], page_id=row["page_id"], post_id=row["post_id"],
        comment_id=row["comment_id"], text=row["text"] or "", author_id=row["author_id"],
        author_name=row["author_name"], parent_id=row["parent_id"], created_at=row["created_at"],
        edited_at=row["edited_at"], permalink=row["permalink"],
        hidden=row["visibility"] == "hidden", attachment=row["attachment"])


@dataclass(frozen=True, slots=True)
class Captured:
    """A comment version the archive just stored."""

    rowid: int
    version: int
    comment: Comment
    kind: str  # new | edited | visibility | deleted


@dataclass
class IngestResult:
    new: list[Captured] = field(default_factory=list)
    edited: list[Captured] = field(default_factory=list)
    visibility: list[Captured] = field(default_factory=list)
    deleted: list[Captured] = field(default_factory=list)
    unchanged: int = 0

    @property
    def to_score(self) -> list[Captured]:
        """Versions with new text: the only ones that need scoring."""
        return self.new + self.edited


class Archive:
    """An open archive. Not shared between threads: open one per thread or job."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True,
             timeout: float = BUSY_TIMEOUT) -> Archive:
        """Open (creating the file if needed, not its folder) the archive at ``path``; raise
        ArchiveError if we cannot.

        ``timeout``: seconds a write waits while another connection writes, before SQLite
        gives up with "database is locked".
        """
        path = Path(path)
        if not path.parent.is_dir():
            # a typo in `archive` must not quietly build a new folder and archive there
            raise ArchiveError(f"{path}: the folder {path.parent} does not exist; create it, or "
                               "fix `archive` in moderator.toml")
        try:
            conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False)
            db = sqlite_utils.Database(conn)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.enable_wal()
            archive = cls(db, path)
            if migrate:
                archive.migrate()
            return archive
        except sqlite3.DatabaseError as error:
            raise ArchiveError(f"{path}: cannot open the archive ({error}); check the path, "
                               "its permissions and free disk space") from None
        except OSError as error:
            raise ArchiveError(f"{path}: cannot open the archive ({error.strerror})") from None

    @classmethod
    def existing(cls, path: str | Path, *, migrate: bool = True,
                 timeout: float = BUSY_TIMEOUT) -> Archive:
        """Open an archive that must already exist. Records commands read what the daemon
        wrote: a mistyped path must not create a new, empty archive and answer a records
        request with "no matching comments"."""
        path = Path(path)
        if not path.is_file():
            raise ArchiveError(f"{path}: no archive there; check `archive` in moderator.toml "
                               "or --archive (the daemon creates the archive on its first poll)")
        return cls.open(path, migrate=migrate, timeout=timeout)

    @classmethod
    def memory(cls) -> Archive:
        archive = cls(sqlite_utils.Database(memory=True))
        archive.db.execute("PRAGMA foreign_keys = ON")
        archive.migrate()
        return archive

    def migrate(self) -> None:
        migrations.apply(self.db)
        for name in SCHEMA_MODULES:
            importlib.import_module(name).migrations.apply(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; nested calls become savepoints of the outer one.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a reader that later writes cannot
        deadlock against another writer; SQLite waits up to the connection timeout for it.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            with self.db.atomic():
                yield self.db
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> dict[str, Any] | None:
        for row in self.db.query(sql, params):
            return row
        return None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # pages and cursors -------------------------------------------------------------------------

    def register_page(self, key: str, platform: str, account_id: str, name: str = "") -> None:
        """Make sure the page has a row; configuration may rename it but never re-key it."""
        with self.write() as db:
            db.execute(
                "INSERT INTO pages (key, platform, account_id, name) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET platform = excluded.platform, "
                "account_id = excluded.account_id, name = excluded.name",
                [key, platform, account_id, name],
            )

    def page_state(self, key: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM pages WHERE key = ?", [key])

    def update_page(self, key: str, **fields: Any) -> None:
        if not fields:
            return
        assignments = ", ".join(f"[{name}] = ?" for name in fields)
        with self.write() as db:
            db.execute(f"UPDATE pages SET {assignments} WHERE key = ?",  # noqa: S608
                       [*fields.values(), key])

    def get_cursor(self, page_key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT cursor FROM cursors WHERE page_key = ?",
                              [page_key]).fetchone()
        return None if row is None else json.loads(row[0])

    def save_cursor(self, page_key: str, cursor: dict[str, Any] | None, at: str) -> None:
        if cursor is None:
            return
        with self.write() as db:
            db.execute(
                "INSERT INTO cursors (page_key, cursor, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(page_key) DO UPDATE SET cursor = excluded.cursor, "
                "updated_at = excluded.updated_at",
                [page_key, json.dumps(cursor, sort_keys=True), at],
            )

    # ingest -----------------------------------------------------------------------------------

    def ingest(self, page_key: str, batch: Batch, seen_at: str | None = None) -> IngestResult:
        """Store a fetched batch: new comments, new versions of changed ones, deletions.

        Idempotent by (platform, comment id): the same batch twice adds nothing the second time.
        Nothing is overwritten: a changed text or visibility becomes a new version.
        """
        seen_at = seen_at or utcnow()
        result = IngestResult()
        with self.write() as db:
            for post in batch.posts:
                db.execute(
                    "INSERT INTO posts (platform, post_id, page_key, page_id, text, created_at, "
                    "permalink, captured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(platform, post_id) DO UPDATE SET text = excluded.text, "
                    "permalink = coalesce(excluded.permalink, posts.permalink)",
                    [post.platform, post.post_id, page_key, post.page_id, post.text,
                     post.created_at, post.permalink, seen_at],
                )
            unique: dict[tuple[str, str], Comment] = {}
            for comment in batch.comments:
                unique[(comment.platform, comment.comment_id)] = comment
            existing = self._existing(unique.values())
            for key, comment in unique.items():
                row = existing.get(key)
                if row is None:
                    result.new.append(self._insert(page_key, comment, seen_at))
                    continue
                changed_text = (row["text"] != comment.text
                                or row["attachment"] != comment.attachment)
                kind = "edited" if changed_text else "visibility"
                if changed_text or row["visibility"] != comment.visibility:
                    captured = self._new_version(row, comment, comment.text, comment.visibility,
                                                 seen_at, kind)
                    (result.edited if changed_text else result.visibility).append(captured)
                else:
                    db.execute("UPDATE comments SET last_seen_at = ? WHERE id = ?",
                               [seen_at, row["id"]])
                    result.unchanged += 1
            result.deleted = self._mark_deleted(page_key, batch, set(k[1] for k in unique),
                                                seen_at)
        return result

    def _existing(self, comments: Iterable[Comment]) -> dict[tuple[str, str], dict[str, Any]]:
        by_platform: dict[str, list[str]] = {}
        for comment in comments:
            by_platform.setdefault(comment.platform, []).append(comment.comment_id)
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for platform, ids in by_platform.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                marks = ",".join("?" * len(chunk))
                sql = _EXISTING_SQL.format(marks=marks)
                for row in self.db.query(sql, [platform, *chunk]):
                    found[(platform, row["comment_id"])] = row
        return found

    def _last_hash(self, rowid: int) -> str:
        row = self.db.execute(
            "SELECT hash FROM comment_versions WHERE comment = ? ORDER BY version DESC LIMIT 1",
            [rowid]).fetchone()
        return row[0] if row else GENESIS

    def _add_version(self, rowid: int, comment: Comment, version: int, text: str | None,
                     visibility: str, seen_at: str, prev_hash: str) -> None:
        digest = version_hash(prev_hash, comment.platform, comment.comment_id, version, text,
                              visibility, comment.edited_at, seen_at, comment.attachment)
        self.db.execute(
            "INSERT INTO comment_versions (comment, version, text, visibility, edited_at, "
            "seen_at, prev_hash, hash, attachment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rowid, version, text, visibility, comment.edited_at, seen_at, prev_hash, digest,
             comment.attachment],
        )

    def _insert(self, page_key: str, comment: Comment, seen_at: str) -> Captured:
        cursor = self.db.execute(
            "INSERT INTO comments (platform, page_key, page_id, post_id, comment_id, parent_id, "
            "author_id, author_name, text, created_at, edited_at, captured_at, last_seen_at, "
            "visibility, permalink, versions, attachment) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
            [comment.platform, page_key, comment.page_id, comment.post_id, comment.comment_id,
             comment.parent_id, comment.author_id, comment.author_name, comment.text,
             comment.created_at, comment.edited_at, seen_at, seen_at, comment.visibility,
             comment.permalink, comment.attachment],
        )
        rowid = int(cursor.lastrowid or 0)
        self._add_version(rowid, comment, 1, comment.text, comment.visibility, seen_at, GENESIS)
        return Captured(rowid, 1, comment, "new")

    def _new_version(self, row: dict[str, Any], comment: Comment, text: str | None,
                     visibility: str, seen_at: str, kind: str) -> Captured:
        version = int(row["versions"]) + 1
        self._add_version(row["id"], comment, version, text, visibility, seen_at,
                          self._last_hash(row["id"]))
        self.db.execute(
            "UPDATE comments SET text = ?, visibility = ?, edited_at = coalesce(?, edited_at), "
            "last_seen_at = ?, versions = ?, deleted_at = CASE WHEN ? = 'deleted' THEN ? "
            "ELSE NULL END, attachment = ?, permalink = coalesce(?, permalink) WHERE id = ?",
            [text, visibility, comment.edited_at, seen_at, version, visibility, seen_at,
             comment.attachment, comment.permalink, row["id"]],
        )
        return Captured(row["id"], version, comment, kind)

    def _mark_deleted(self, page_key: str, batch: Batch, present: set[str],
                      seen_at: str) -> list[Captured]:
        candidates: list[dict[str, Any]] = []
        columns = _COLUMNS
        if batch.complete_page:
            candidates = self.query(
                f"SELECT {columns} FROM comments WHERE page_key = ? "  # noqa: S608
                "AND visibility != 'deleted'", [page_key])
        else:
            for post_id in sorted(batch.complete_posts):
                candidates += self.query(
                    f"SELECT {columns} FROM comments WHERE page_key = ? "  # noqa: S608
                    "AND post_id = ? AND visibility != 'deleted'", [page_key, post_id])
        if batch.deleted:
            ids = sorted(batch.deleted)
            marks = ",".join("?" * len(ids))
            candidates += self.query(
                f"SELECT {columns} FROM comments WHERE page_key = ? "  # noqa: S608
                f"AND comment_id IN ({marks}) AND visibility != 'deleted'", [page_key, *ids])
            present = present - batch.deleted
        gone: list[Captured] = []
        done: set[int] = set()
        for row in candidates:
            if row["comment_id"] in present or row["id"] in done:
                continue
            done.add(row["id"])
            gone.append(self._new_version(row, _row_comment(row), row["text"], "deleted",
                                          seen_at, "deleted"))
        return gone

    def record_visibility(self, rowid: int, visibility: str, seen_at: str) -> Captured | None:
        """Store a visibility the platform confirmed (after our own hide or unhide)."""
        with self.write():
            row = self.one(f"SELECT {_COLUMNS} FROM comments WHERE id = ?", [rowid])  # noqa: S608
            if row is None or row["visibility"] in (visibility, "deleted"):
                return None
            return self._new_version(row, _row_comment(row), row["text"], visibility, seen_at,
                                     "visibility")

    # scores, decisions, model versions ---------------------------------------------------------

    def register_model(self, version: str, kind: str, sha256: str | None = None,
                       details: dict[str, Any] | None = None) -> None:
        with self.write() as db:
            db.execute(
                "INSERT INTO model_versions (version, kind, sha256, first_used_at, details) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(version) DO NOTHING",
                [version, kind, sha256, utcnow(), json.dumps(details or {}, sort_keys=True)],
            )

    def record_scores(self, rows: Iterable[tuple[int, int, str, float, list[str]]],
                      model_version: str, at: str) -> None:
        """Store (comment rowid, version, rule, score, evidence) rows."""
        with self.write() as db:
            db.conn.executemany(
                "INSERT INTO scores (comment, version, rule, score, evidence, model_version, "
                "scored_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c, v, rule, float(score), json.dumps(evidence, ensure_ascii=False),
                  model_version, at) for c, v, rule, score, evidence in rows],
            )

    def record_decision(self, comment: int, version: int, outcome: str, rule: str | None, *,
                        actor_kind: str, actor: str, at: str, note: str | None = None,
                        review_item: int | None = None) -> int:
        with self.write() as db:
            cursor = db.execute(
                "INSERT INTO decisions (comment, version, outcome, rule, actor_kind, actor, note, "
                "review_item, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [comment, version, outcome, rule, actor_kind, actor, note, review_item, at],
            )
            label = f"{outcome}:{rule}" if rule and outcome in ("act", "hide") else outcome
            db.execute("UPDATE comments SET decision = ? WHERE id = ?", [label, comment])
            return int(cursor.lastrowid or 0)

    # reading -----------------------------------------------------------------------------------

    def comment(self, rowid: int) -> dict[str, Any] | None:
        return self.one("SELECT * FROM comments WHERE id = ?", [rowid])

    def find_comment(self, platform: str, comment_id: str) -> dict[str, Any] | None:
        return self.one("SELECT * FROM comments WHERE platform = ? AND comment_id = ?",
                        [platform, comment_id])

    def versions(self, rowid: int) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM comment_versions WHERE comment = ? ORDER BY version",
                          [rowid])

    def recent_by_authors(self, comments: Sequence[Comment], seconds: float
                          ) -> dict[tuple[str, str], list[Comment]]:
        """Archived comments of these comments' authors created within ``seconds`` before the
        newest of them (what flood detection looks at)."""
        authors = sorted({(c.platform, c.author_id) for c in comments if c.author_id})
        history: dict[tuple[str, str], list[Comment]] = {}
        if not authors or seconds <= 0:
            return history
        newest = max((c.created_at for c in comments if c.created_at), default=None) or utcnow()
        since = to_iso(datetime.strptime(newest, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=UTC) - timedelta(seconds=seconds))
        for platform, author_id in authors:
            rows = self.query(
                f"SELECT {_COLUMNS} FROM comments WHERE platform = ? AND author_id = ? "  # noqa: S608
                "AND created_at >= ? ORDER BY created_at LIMIT 500", [platform, author_id, since])
            history[(platform, author_id)] = [_row_comment(row) for row in rows]
        return history

    def count(self, table: str) -> int:
        return int(self.db[table].count)
