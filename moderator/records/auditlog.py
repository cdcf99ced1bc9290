"""Exporting the audit log with its hash chain, so a third party can check it without moderator.

The export is JSON Lines (UTF-8): a header object, one object per entry in id order, and a
trailer::

    {"format": "moderator-audit-log", "version": 1, "agency": ..., "exported_at": ...,
     "exported_by": ..., "genesis": "000...0"}
    {"id": 1, "at": ..., "actor": ..., "action": ..., "subject": ..., "details": "<JSON text>",
     "prev_hash": ..., "hash": ...}
    ...
    {"end": true, "entries": N, "first_id": 1, "last_id": N, "last_hash": ...}

``details`` is the stored JSON *text*, exactly as hashed. Each entry's hash is SHA-256 of the
UTF-8 JSON array ``[prev_hash, id, at, actor, action, subject, details]`` written without spaces
and without ASCII escaping; ``prev_hash`` is the previous entry's hash, 64 zeros for the first.
docs/check_audit_export.py checks a file with the standard library only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import IO

from moderator import audit
from moderator.archive import GENESIS, Archive
from moderator.comments import utcnow

FORMAT = "moderator-audit-log"
_COLUMNS = ("id", "at", "actor", "action", "subject", "details", "prev_hash", "hash")


@dataclass
class AuditExport:
    entries: int
    first_id: int | None
    last_id: int | None
    last_hash: str
    sha256: str
    audit_id: int


def _line(value: dict[str, object]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def export_audit_log(archive: Archive, out: IO[bytes], *, agency: str, actor: str,
                     at: str | None = None) -> AuditExport:
    """Stream the whole audit log to ``out`` and record the export in the log (after it).

    The new ``audit.export`` entry names the last exported hash and the file's SHA-256, so a
    later export proves this one was a prefix of the same chain.
    """
    at = at or utcnow()
    digest = hashlib.sha256()

    def write(value: dict[str, object]) -> None:
        data = _line(value)
        digest.update(data)
        out.write(data)

    write({"format": FORMAT, "version": 1, "agency": agency, "exported_at": at,
           "exported_by": actor, "genesis": GENESIS})
    count, first, last, last_hash = 0, None, None, GENESIS
    cursor = archive.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM audit_log "  # noqa: S608
                                "ORDER BY id")
    while rows := cursor.fetchmany(1000):
        for row in rows:
            write(dict(zip(_COLUMNS, row, strict=True)))
            count += 1
            first = row[0] if first is None else first
            last, last_hash = row[0], row[7]
    write({"end": True, "entries": count, "first_id": first, "last_id": last,
           "last_hash": last_hash})
    entry = audit.append(archive, actor, "audit.export", None,
                         {"entries": count, "last_id": last, "last_hash": last_hash,
                          "sha256": digest.hexdigest()}, at=at)
    return AuditExport(count, first, last, last_hash, digest.hexdigest(), entry)
