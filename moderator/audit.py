"""The append-only, hash-chained audit log, and `moderator verify`.

Each entry's hash is SHA-256 over the JSON array
``[prev_hash, id, at, actor, action, subject, details]`` (UTF-8, no spaces, ``details`` as the
stored JSON text), and ``prev_hash`` is the hash of the entry before (64 zeros for the first).
Anyone can recompute the chain from a copy of the table; docs/archive.md spells it out.

`moderator verify` also covers retention: a version whose text was disposed of cannot be
rehashed, so it is checked against the hash the disposition log recorded for it, and the
disposition log's own chain and audit anchors are checked (:mod:`moderator.records.disposition`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from moderator.archive import GENESIS, Archive, version_hash
from moderator.comments import utcnow


def entry_hash(prev_hash: str, entry_id: int, at: str, actor: str, action: str,
               subject: str | None, details: str) -> str:
    payload = json.dumps([prev_hash, entry_id, at, actor, action, subject, details],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    actor: str
    action: str
    subject: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def append(archive: Archive, actor: str, action: str, subject: str | None = None,
           details: dict[str, Any] | None = None, *, at: str | None = None) -> int:
    """Append one entry and return its id."""
    return append_many(archive, [Entry(actor, action, subject, details or {})], at=at)[-1]


def append_many(archive: Archive, entries: Iterable[Entry], *, at: str | None = None) -> list[int]:
    """Append entries in order inside one transaction; the write lock keeps the chain linear."""
    at = at or utcnow()
    ids: list[int] = []
    with archive.write() as db:
        row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        last_id, prev = (row[0], row[1]) if row else (0, GENESIS)
        rows = []
        for entry in entries:
            last_id += 1
            details = json.dumps(entry.details, ensure_ascii=False, sort_keys=True,
                                 separators=(",", ":"), default=str)
            digest = entry_hash(prev, last_id, at, entry.actor, entry.action, entry.subject,
                                details)
            rows.append((last_id, at, entry.actor, entry.action, entry.subject, details, prev,
                         digest))
            prev = digest
            ids.append(last_id)
        db.conn.executemany(
            "INSERT INTO audit_log (id, at, actor, action, subject, details, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return ids


@dataclass
class Problem:
    table: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.table} row {self.row}: {self.message}"


@dataclass
class Report:
    audit_entries: int = 0
    versions: int = 0
    comments: int = 0
    dispositions: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _audit_problems(archive: Archive) -> Iterator[Problem]:
    prev = GENESIS
    expected_id: int | None = None
    for row in archive.db.execute(
        "SELECT id, at, actor, action, subject, details, prev_hash, hash FROM audit_log "
        "ORDER BY id"
    ):
        entry_id, at, actor, action, subject, details, prev_hash, digest = row
        if expected_id is not None and entry_id != expected_id:
            yield Problem("audit_log", entry_id, f"entries {expected_id}..{entry_id - 1} are "
                          "missing")
        if prev_hash != prev:
            yield Problem("audit_log", entry_id, "prev_hash does not match the entry before")
        if entry_hash(prev_hash, entry_id, at, actor, action, subject, details) != digest:
            yield Problem("audit_log", entry_id, "content does not match its hash")
        prev = digest
        expected_id = entry_id + 1


def _disposed(archive: Archive) -> Iterator[tuple[int, int, str]]:
    from moderator.records.disposition import disposed_versions

    return disposed_versions(archive)


def _version_problems(archive: Archive) -> Iterator[Problem]:
    current: dict[str, Any] | None = None
    prev = GENESIS
    number = 0
    disposed = _disposed(archive)
    pending = next(disposed, None)
    for row in archive.db.query(
        "SELECT v.id, v.comment, v.version, v.text, v.visibility, v.edited_at, v.seen_at, "
        "v.prev_hash, v.hash, v.attachment, c.platform, c.comment_id FROM comment_versions v "
        "JOIN comments c ON c.id = v.comment ORDER BY v.comment, v.version"
    ):
        if current is None or row["comment"] != current["comment"]:
            prev, number = GENESIS, 0
        current = row
        number += 1
        if row["version"] != number:
            yield Problem("comment_versions", row["id"], f"comment {row['comment']} skips from "
                          f"version {number - 1} to {row['version']}")
            number = row["version"]
        if row["prev_hash"] != prev:
            yield Problem("comment_versions", row["id"], "prev_hash does not match the version "
                          "before")
        key = (row["comment"], row["version"])
        while pending is not None and pending[:2] < key:
            pending = next(disposed, None)
        if pending is not None and pending[:2] == key:
            yield from _disposed_version_problems(row, pending[2])
        else:
            digest = version_hash(row["prev_hash"], row["platform"], row["comment_id"],
                                  row["version"], row["text"], row["visibility"],
                                  row["edited_at"], row["seen_at"], row["attachment"])
            if digest != row["hash"]:
                yield Problem("comment_versions", row["id"], f"comment {row['comment']} version "
                              f"{row['version']} does not match its hash")
        prev = row["hash"]


def _disposed_version_problems(row: dict[str, Any], recorded: str) -> Iterator[Problem]:
    """A disposed version: its text is gone, so its hash must be the one recorded at disposal."""
    if row["hash"] != recorded:
        yield Problem("comment_versions", row["id"], f"comment {row['comment']} version "
                      f"{row['version']} differs from the hash the disposition log recorded")
    if row["text"] is not None or row["attachment"] is not None:
        yield Problem("comment_versions", row["id"], f"comment {row['comment']} version "
                      f"{row['version']} was disposed of but has text again")


def _disposition_problems(archive: Archive) -> Iterator[Problem]:
    from moderator.records.disposition import log_problems

    for problem in log_problems(archive):
        yield Problem("disposition_log", problem.row, problem.message)


def _comment_problems(archive: Archive) -> Iterator[Problem]:
    for row in archive.db.query(
        "SELECT c.id, c.text, c.visibility, c.versions, v.text AS v_text, "
        "v.visibility AS v_visibility, v.version FROM comments c LEFT JOIN comment_versions v "
        "ON v.comment = c.id AND v.version = c.versions"
    ):
        if row["version"] is None:
            yield Problem("comments", row["id"], f"its latest version {row['versions']} is "
                          "missing from comment_versions")
        elif row["text"] != row["v_text"] or row["visibility"] != row["v_visibility"]:
            yield Problem("comments", row["id"], "text or visibility differs from its latest "
                          "version")


def verify(archive: Archive) -> Report:
    """Recompute the audit chain, every version hash (disposed versions against the disposition
    log) and the disposition log's chain; list every mismatch, first first."""
    report = Report()
    report.problems.extend(_audit_problems(archive))
    report.problems.extend(_version_problems(archive))
    report.problems.extend(_comment_problems(archive))
    report.problems.extend(_disposition_problems(archive))
    report.audit_entries = archive.count("audit_log")
    report.versions = archive.count("comment_versions")
    report.comments = archive.count("comments")
    if "disposition_log" in archive.db.table_names():
        report.dispositions = archive.count("disposition_log")
    return report


@dataclass
class AuditFilters:
    actor: str | None = None
    action: str | None = None
    subject: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("actor", self.actor), ("subject", self.subject)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.action:
            clauses.append("action LIKE ? ESCAPE '\\'")
            escaped = self.action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(escaped + "%")
        if self.since:
            clauses.append("at >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("at < ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def entries(archive: Archive, filters: AuditFilters, limit: int = 100, offset: int = 0
            ) -> tuple[list[dict[str, Any]], int]:
    """A page of audit entries, newest first, and the total matching."""
    where, params = filters.where()
    total = int(archive.scalar(f"SELECT count(*) FROM audit_log{where}", params))  # noqa: S608
    rows = archive.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC "  # noqa: S608
                         "LIMIT ? OFFSET ?", [*params, limit, offset])
    return rows, total


def iter_entries(archive: Archive, filters: AuditFilters, chunk: int = 1000
                 ) -> Iterator[dict[str, Any]]:
    """Every matching entry in chain order, read in chunks so memory stays flat."""
    where, params = filters.where()
    last = 0
    joiner = " AND " if where else " WHERE "
    while True:
        rows = archive.query(f"SELECT * FROM audit_log{where}{joiner}id > ? "  # noqa: S608
                             "ORDER BY id LIMIT ?", [*params, last, chunk])
        if not rows:
            return
        yield from rows
        last = rows[-1]["id"]
