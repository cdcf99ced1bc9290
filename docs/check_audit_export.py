#!/usr/bin/env python3
"""Check an audit-log export of moderator without moderator: `python3 check_audit_export.py FILE`.

Standard library only. Recomputes every entry's SHA-256 and the chain linking each entry to the
one before, checks the ids are consecutive and that the trailer matches. Prints OK and the last
hash (compare it with the one the agency published or gave you), or the first problem; exits 0
when the file checks, 1 when it does not. The algorithm is in docs/archive.md.
"""

from __future__ import annotations

import hashlib
import json
import sys

GENESIS = "0" * 64


def entry_hash(entry: dict) -> str:
    payload = json.dumps([entry["prev_hash"], entry["id"], entry["at"], entry["actor"],
                          entry["action"], entry["subject"], entry["details"]],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def check(path: str) -> tuple[bool, str]:
    with open(path, encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    if not lines or lines[0].get("format") != "moderator-audit-log":
        return False, "line 1: not a moderator audit-log export (no header)"
    if len(lines) < 2 or lines[-1].get("end") is not True:
        return False, "the trailer is missing: the file was cut short"
    header, entries, trailer = lines[0], lines[1:-1], lines[-1]
    prev = header.get("genesis", GENESIS)
    expected_id = entries[0]["id"] if entries else None
    for number, entry in enumerate(entries, start=2):
        if entry["id"] != expected_id:
            return False, f"line {number}: entry {entry['id']} follows {expected_id - 1}; " \
                          "entries are missing or reordered"
        if entry["prev_hash"] != prev:
            return False, f"line {number}: entry {entry['id']}: prev_hash does not match the " \
                          "entry before"
        if entry_hash(entry) != entry["hash"]:
            return False, f"line {number}: entry {entry['id']}: content does not match its hash"
        prev, expected_id = entry["hash"], entry["id"] + 1
    if trailer.get("entries") != len(entries) or trailer.get("last_hash") != prev:
        return False, "the trailer's count or last hash does not match the entries"
    return True, f"{len(entries)} entries, chain intact, last hash {prev}"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: check_audit_export.py AUDIT-EXPORT.jsonl", file=sys.stderr)
        return 2
    try:
        ok, message = check(argv[1])
    except (OSError, ValueError, KeyError, TypeError) as error:
        ok, message = False, f"cannot read the export: {error}"
    print(("OK: " if ok else "FAILED: ") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
