"""Disposing of one comment: remove its text and author details, keep a provable trace.

What is removed: the comment's ``text``, ``author_id``, ``author_name`` and ``permalink`` (an X
permalink names the author), the ``text`` of every version, and what was derived from the text:
score ``evidence`` words, review items' ``reasons`` and ``note``, decisions' ``note``, and the
full-text index rows (by trigger). What stays: identifiers, dates, visibility, scores,
decisions, actions, and every version's ``hash`` and ``prev_hash``.

The ``disposition_log`` row keeps the identifiers, dates, series, the SHA-256 of what was removed
(:func:`removed_payload`) and the hash of every version at the moment of disposal; the rows are
hash-chained (:func:`row_hash`) and each one is anchored by a ``records.dispose`` audit entry
carrying its hash. ``moderator verify`` checks disposed versions against these recorded hashes
instead of recomputing them from text that no longer exists (docs/archive.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from moderator import audit
from moderator.archive import GENESIS, Archive

COLUMNS = ("id", "comment", "platform", "comment_id", "page_key", "post_id", "created_at",
           "captured_at", "last_version", "series", "disposition", "basis", "basis_at", "period",
           "due_at", "disposed_at", "actor", "removed_sha256", "versions", "package",
           "package_sha256")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _parsed(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def row_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """SHA-256 of ``[prev_hash, id, comment, ..., package_sha256]`` (the columns in
    :data:`COLUMNS` order; ``versions`` as its stored JSON text)."""
    return hashlib.sha256(_canonical([prev_hash, *[row[c] for c in COLUMNS]])).hexdigest()


def removed_payload(archive: Archive, comment: int) -> dict[str, Any]:
    """Everything disposal removes from one comment (JSON columns parsed).

    Its canonical JSON (UTF-8, sorted keys, no spaces) is what ``removed_sha256`` hashes, so
    whoever holds a transferred copy can recompute it from the package's record
    (:func:`removed_from_record`).
    """
    row = archive.one("SELECT text, author_id, author_name, permalink FROM comments "
                      "WHERE id = ?", [comment]) or {}
    return {
        "comment": [row.get("text"), row.get("author_id"), row.get("author_name"),
                    row.get("permalink")],
        "versions": [list(r) for r in archive.db.execute(
            "SELECT version, text FROM comment_versions WHERE comment = ? ORDER BY version",
            [comment])],
        "scores": [[r[0], _parsed(r[1])] for r in archive.db.execute(
            "SELECT id, evidence FROM scores WHERE comment = ? AND evidence IS NOT NULL "
            "ORDER BY id", [comment])],
        "review_items": [[r[0], _parsed(r[1]), r[2]] for r in archive.db.execute(
            "SELECT id, reasons, note FROM review_items WHERE comment = ? ORDER BY id",
            [comment])],
        "decisions": [list(r) for r in archive.db.execute(
            "SELECT id, note FROM decisions WHERE comment = ? AND note IS NOT NULL ORDER BY id",
            [comment])],
        "attachments": [list(r) for r in archive.db.execute(
            "SELECT version, attachment FROM comment_versions WHERE comment = ? AND attachment "
            "IS NOT NULL ORDER BY version", [comment])],
    }


def removed_from_record(item: dict[str, Any]) -> dict[str, Any]:
    """:func:`removed_payload` rebuilt from a JSON Lines export record made before disposal."""
    return {
        "comment": [item["text"], item["author_id"], item["author_name"], item["permalink"]],
        "versions": [[v["version"], v["text"]] for v in item["versions"]],
        "scores": sorted([s["id"], s["evidence"]] for s in item["scores"]
                         if s["evidence"] is not None),
        "review_items": [[r["id"], r["reasons"], r["note"]] for r in item["review_items"]],
        "decisions": [[d["id"], d["note"]] for d in item["decisions"] if d["note"] is not None],
        "attachments": [[v["version"], v["attachment"]] for v in item["versions"]
                        if v.get("attachment") is not None],
    }


def removed_sha256(payload: dict[str, Any]) -> str:
    """The SHA-256 a disposition row records for ``payload``."""
    return hashlib.sha256(_canonical(payload)).hexdigest()


@dataclass(frozen=True)
class Target:
    """A comment to dispose of, with the series that decided it and why it is due."""

    comment: int
    series: str
    disposition: str
    basis: str
    basis_at: str
    period: str
    due_at: str


def dispose(archive: Archive, target: Target, *, actor: str, at: str,
            package: str | None = None, package_sha256: str | None = None) -> dict[str, Any]:
    """Dispose of one comment inside the caller's write transaction; returns the log row.

    The caller has checked that no hold covers it, inside the same transaction.
    """
    db = archive.db
    comment = archive.one("SELECT id, platform, comment_id, page_key, post_id, created_at, "
                          "captured_at, versions FROM comments WHERE id = ?", [target.comment])
    if comment is None:
        raise ValueError(target.comment)
    removed = removed_sha256(removed_payload(archive, target.comment))
    versions = json.dumps([list(r) for r in db.execute(
        "SELECT version, hash FROM comment_versions WHERE comment = ? ORDER BY version",
        [target.comment])], separators=(",", ":"))
    last = db.execute("SELECT id, hash FROM disposition_log ORDER BY id DESC LIMIT 1").fetchone()
    last_id, prev = (last[0], last[1]) if last else (0, GENESIS)
    row = {"id": last_id + 1, "comment": target.comment, "platform": comment["platform"],
           "comment_id": comment["comment_id"], "page_key": comment["page_key"],
           "post_id": comment["post_id"], "created_at": comment["created_at"],
           "captured_at": comment["captured_at"], "last_version": comment["versions"],
           "series": target.series, "disposition": target.disposition, "basis": target.basis,
           "basis_at": target.basis_at, "period": target.period, "due_at": target.due_at,
           "disposed_at": at, "actor": actor, "removed_sha256": removed, "versions": versions,
           "package": package, "package_sha256": package_sha256}
    row["prev_hash"] = prev
    row["hash"] = row_hash(prev, row)
    names = [*COLUMNS, "prev_hash", "hash"]
    db.execute(f"INSERT INTO disposition_log ({', '.join(names)}) "  # noqa: S608
               f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
    db.execute("UPDATE comments SET text = NULL, author_id = NULL, author_name = NULL, "
               "permalink = NULL, attachment = NULL WHERE id = ?", [target.comment])
    db.execute("UPDATE comment_versions SET text = NULL, attachment = NULL WHERE comment = ? "
               "AND (text IS NOT NULL OR attachment IS NOT NULL)", [target.comment])
    db.execute("UPDATE scores SET evidence = NULL WHERE comment = ? AND evidence IS NOT NULL",
               [target.comment])
    db.execute("UPDATE review_items SET reasons = NULL, note = NULL WHERE comment = ?",
               [target.comment])
    db.execute("UPDATE decisions SET note = NULL WHERE comment = ? AND note IS NOT NULL",
               [target.comment])
    return row


def anchor(row: dict[str, Any]) -> audit.Entry:
    """The audit entry that anchors a disposition row in the audit chain."""
    return audit.Entry(row["actor"], "records.dispose", f"comment:{row['comment']}",
                       {"disposition": row["id"], "hash": row["hash"], "series": row["series"],
                        "kind": row["disposition"], "package": row["package"]})


def has_log(archive: Archive) -> bool:
    return bool(archive.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'disposition_log'"))


def disposed_versions(archive: Archive) -> Iterator[tuple[int, int, str]]:
    """(comment, version, hash recorded at disposal) for every disposed version, ordered by
    comment then version; the first disposal of a version is the one that counts."""
    if not has_log(archive):
        return
    current: int | None = None
    recorded: dict[int, str] = {}
    for comment, versions in archive.db.execute(
            "SELECT comment, versions FROM disposition_log ORDER BY comment, id"):
        if comment != current:
            yield from ((current, v, h) for v, h in sorted(recorded.items()) if current)
            current, recorded = comment, {}
        for version, digest in json.loads(versions):
            recorded.setdefault(int(version), digest)
    if current is not None:
        yield from ((current, v, h) for v, h in sorted(recorded.items()))


@dataclass
class LogProblem:
    row: int
    message: str


def log_problems(archive: Archive) -> Iterator[LogProblem]:
    """Breaks in the disposition log's hash chain, and rows without their audit anchor."""
    if not has_log(archive):
        return
    prev, expected = GENESIS, None
    anchors = archive.db.execute(
        "SELECT json_extract(details, '$.disposition'), json_extract(details, '$.hash') "
        "FROM audit_log WHERE action = 'records.dispose' ORDER BY id")
    names = ", ".join([*COLUMNS, "prev_hash", "hash"])
    for row in archive.db.query(f"SELECT {names} FROM disposition_log ORDER BY id"):  # noqa: S608
        if expected is not None and row["id"] != expected:
            yield LogProblem(row["id"], f"rows {expected}..{row['id'] - 1} are missing")
        if row["prev_hash"] != prev:
            yield LogProblem(row["id"], "prev_hash does not match the row before")
        if row_hash(row["prev_hash"], row) != row["hash"]:
            yield LogProblem(row["id"], "content does not match its hash")
        found = anchors.fetchone()
        if found is None or found[0] != row["id"] or found[1] != row["hash"]:
            yield LogProblem(row["id"], "no matching records.dispose entry in the audit log")
        prev, expected = row["hash"], row["id"] + 1
