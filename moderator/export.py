"""Exports for public-records requests: CSV, JSON Lines and BagIt packages, and their check.

Every writer streams: comments are read ``CHUNK`` at a time by archive id and written out, so
memory stays flat however many comments match. A selection is either a
:class:`~moderator.records.search.Filters` or an iterable of archive-id chunks (retention
transfers the comments it is about to dispose of).

- CSV: one row per comment (current text; :data:`CSV_COLUMNS`). A cell that starts with ``=``,
  ``+``, ``-``, ``@``, tab or carriage return gets a leading apostrophe, so a spreadsheet shows
  it as text instead of running it as a formula (CSV/formula injection). UTF-8 with a BOM, so
  spreadsheets read it as UTF-8.
- JSON Lines: one object per comment with every version, score, decision, action, review item
  and disposition (:func:`record`).
- BagIt (RFC 8493, written by the ``bagit`` library): ``data/comments.jsonl`` plus
  ``data/index.html``, a human-readable index in which every value is HTML-escaped and a
  Content-Security-Policy forbids scripts; SHA-256 and SHA-512 manifests; ``bag-info.txt``
  with the agency, query, date range, count, exporter and time.

:func:`export` does one of these and writes the audit-log entry (who, query, count, SHA-256 of
the manifest, or of the file for CSV and JSON Lines, which get a ``.sha256`` file beside them).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import shutil
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import bagit

from moderator import __version__, audit
from moderator.archive import Archive
from moderator.comments import utcnow
from moderator.errors import DataError
from moderator.records.search import Filters, iter_ids

CHUNK = 500
FORMATS = ("csv", "jsonl", "bag")
CHECKSUMS = ("sha256", "sha512")
CSV_COLUMNS = ("archive_id", "platform", "page_key", "page_id", "post_id", "comment_id",
               "parent_id", "author_id", "author_name", "text", "created_at", "edited_at",
               "captured_at", "last_seen_at", "visibility", "deleted_at", "version_count",
               "decision", "permalink", "attachment")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_JSON_COLUMNS = {"evidence", "reasons", "versions"}
#: bagit.make_bag changes the process's working directory while it runs; one bag at a time.
_BAG_LOCK = threading.Lock()

Selection = Filters | Iterable[Sequence[int]]


def _chunks(archive: Archive, selection: Selection) -> Iterator[Sequence[int]]:
    if isinstance(selection, Filters):
        yield from iter_ids(archive, selection, CHUNK)
    else:
        yield from selection


def _in(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _json(value: Any) -> Any:
    if value == "[]":  # most score evidence: skip the parser
        return []
    return json.loads(value) if isinstance(value, str) else value


def _grouped(archive: Archive, table: str, ids: Sequence[int], order: str
             ) -> dict[int, list[dict[str, Any]]]:
    cursor = archive.db.conn.execute(
        f"SELECT * FROM {table} WHERE comment IN ({_in(ids)}) "  # noqa: S608
        f"ORDER BY comment, {order}", list(ids))
    names = [column[0] for column in cursor.description]
    owner_at = names.index("comment")
    keep = [i for i in range(len(names)) if i != owner_at]
    parsed = {i for i in keep if names[i] in _JSON_COLUMNS}
    groups: dict[int, list[dict[str, Any]]] = {}
    for row in cursor:
        item = {names[i]: (_json(row[i]) if i in parsed else row[i]) for i in keep}
        groups.setdefault(row[owner_at], []).append(item)
    return groups


def full_records(archive: Archive, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The full record of each comment in ``ids`` (archive ids), in id order."""
    rows = archive.query(f"SELECT * FROM comments WHERE id IN ({_in(ids)}) "  # noqa: S608
                         "ORDER BY id", list(ids))
    related = {name: _grouped(archive, table, ids, order) for name, table, order in (
        ("versions", "comment_versions", "version"), ("scores", "scores", "version, rule, id"),
        ("decisions", "decisions", "id"), ("actions", "actions", "id"),
        ("review_items", "review_items", "id"), ("dispositions", "disposition_log", "id"))}
    out = []
    for row in rows:
        rowid = row.pop("id")
        row["version_count"] = row.pop("versions")
        item = {"archive_id": rowid, **row}
        for name, groups in related.items():
            item[name] = groups.get(rowid, [])
        out.append(item)
    return out


def record(archive: Archive, comment: int) -> dict[str, Any]:
    """One comment's full record, as a JSON Lines export writes it."""
    found = full_records(archive, [comment])
    if not found:
        from moderator.errors import NotFound

        raise NotFound(f"comment {comment}: no such archive id")
    return found[0]


#: Line breaks other than "\n" that JSON leaves unescaped and many line readers split at
#: (Python's str.splitlines, older JavaScript): escaped, so every record stays one line.
_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_line(item: dict[str, Any]) -> bytes:
    line = json.dumps(item, ensure_ascii=False, separators=(",", ":")).translate(_BREAKS)
    return (line + "\n").encode("utf-8")


class _Hashing(io.RawIOBase):
    """Pass-through writer that hashes what it writes (so we never re-read a big export)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.out.write(data)
        self.sha256.update(data)
        self.size += len(data)
        return len(data)


def write_jsonl(archive: Archive, selection: Selection, out: IO[bytes]) -> int:
    """Write one JSON object per comment to the binary file ``out``; returns the count."""
    count = 0
    for ids in _chunks(archive, selection):
        for item in full_records(archive, ids):
            out.write(_json_line(item))
            count += 1
    return count


def neutralise(value: object) -> str:
    """A CSV cell that a spreadsheet cannot run as a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(archive: Archive, selection: Selection, out: IO[str]) -> int:
    """Write a header and one row per comment to the text file ``out``; returns the count."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    columns = ", ".join(["id AS archive_id", *[f"[{c}]" for c in CSV_COLUMNS[1:-4]],
                         "versions AS version_count", "decision", "permalink", "attachment"])
    count = 0
    for ids in _chunks(archive, selection):
        for row in archive.db.execute(f"SELECT {columns} FROM comments "  # noqa: S608
                                      f"WHERE id IN ({_in(ids)}) ORDER BY id", list(ids)):
            writer.writerow([neutralise(value) for value in row])
            count += 1
    return count


_HTML_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}}
td.text{{white-space:pre-wrap;max-width:50em}}</style></head><body>
<h1>{title}</h1>
<dl>{meta}</dl>
<p>Every comment with every version, score, decision and action is in
<code>comments.jsonl</code> (one JSON object per line). This index shows each comment's current
text with its earlier versions under it; the SHA-256 and SHA-512 manifests beside the
<code>data</code> folder prove that nothing changed.</p>
<table><thead><tr><th>archive id</th><th>platform / page</th><th>post</th><th>comment id</th>
<th>created</th><th>author</th><th>visibility</th><th>versions</th><th>decision</th>
<th>text</th></tr></thead><tbody>
"""


def _cell(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _html_row(item: dict[str, Any]) -> str:
    cells = [item["archive_id"], f"{item['platform']} / {item['page_key']}", item["post_id"],
             item["comment_id"], item["created_at"], item["author_name"] or item["author_id"],
             item["visibility"], item["version_count"], item["decision"]]
    text = item["text"] if item["text"] is not None else "(disposed of)"
    return ("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells)
            + f'<td class="text">{_cell(text)}{_history(item)}</td></tr>\n')


def _history(item: dict[str, Any]) -> str:
    """Every earlier version (edited away, hidden, deleted), shown under the current text: a
    requester who opens only index.html must not take the last word for the whole record."""
    earlier = item.get("versions", [])[:-1]
    if not earlier:
        return ""
    rows = "".join(
        f"<li>version {_cell(v['version'])}, seen {_cell(v['seen_at'])}, "
        f"{_cell(v['visibility'])}: {_cell(v['text'] if v['text'] is not None else '')}</li>"
        for v in earlier)
    return (f"<details><summary>{len(earlier)} earlier version(s)</summary><ol>{rows}</ol>"
            "</details>")


@dataclass
class Package:
    """A finished BagIt package."""

    path: Path
    count: int
    manifest_sha256: str
    info: dict[str, str] = field(default_factory=dict)


def describe(filters: Filters | None) -> tuple[str, str]:
    """(query, date range) as written into bag-info.txt and the audit log."""
    if filters is None:
        return "selected by retention", "as selected"
    query = json.dumps(filters.describe(), ensure_ascii=False, sort_keys=True)
    return (query if not filters.empty else "all comments",
            f"{filters.since or 'earliest'} to {filters.until or 'latest'}")


def write_bag(archive: Archive, selection: Selection, folder: str | os.PathLike[str], *,
              agency: str, exporter: str, query: str, date_range: str,
              at: str | None = None) -> Package:
    """Write a BagIt package into the new folder ``folder``; returns it with its count.

    The payload is written into a hidden sibling folder first and renamed at the end, so a
    failed export never leaves something that looks like a package. Raises DataError if
    ``folder`` already exists.
    """
    target = Path(folder)
    if target.exists():
        raise DataError(f"{target}: already exists; give a new folder for the package")
    at = at or utcnow()
    staging = target.with_name(f".{target.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        title = f"{agency}: archived comments"
        meta = "".join(f"<dt>{_cell(k)}</dt><dd>{_cell(v)}</dd>" for k, v in (
            ("query", query), ("date range", date_range), ("exporter", exporter),
            ("exported at", at)))
        count = 0
        with open(staging / "comments.jsonl", "wb") as jsonl, \
                open(staging / "index.html", "w", encoding="utf-8") as index:
            index.write(_HTML_HEAD.format(title=_cell(title), meta=meta))
            for ids in _chunks(archive, selection):
                for item in full_records(archive, ids):
                    jsonl.write(_json_line(item))
                    index.write(_html_row(item))
                    count += 1
            index.write(f"</tbody></table>\n<p>{count} comment(s).</p>\n</body></html>\n")
        info = {"Source-Organization": agency, "Moderator-Query": query,
                "Moderator-Date-Range": date_range, "Moderator-Record-Count": str(count),
                "Moderator-Exporter": exporter, "Moderator-Export-Time": at,
                "External-Description": f"Comments archived by moderator for {agency}",
                "Bag-Software-Agent": f"moderator {__version__} (bagit.py)"}
        with _BAG_LOCK:
            bagit.make_bag(str(staging), dict(info), checksums=list(CHECKSUMS))
        digest = hashlib.sha256((staging / "manifest-sha256.txt").read_bytes()).hexdigest()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Package(target, count, digest, info)


@dataclass
class Exported:
    """What :func:`export` wrote: ``sha256`` is the manifest's (bag) or the file's."""

    path: Path
    format: str
    count: int
    sha256: str
    audit_id: int


def export(archive: Archive, filters: Filters, fmt: str, path: str | os.PathLike[str], *,
           agency: str, exporter: str, at: str | None = None) -> Exported:
    """Export the comments matching ``filters`` to ``path`` and record it in the audit log.

    ``fmt`` is csv, jsonl (files, each with a ``.sha256`` file beside it) or bag (a folder).
    Raises DataError for an unknown format or an existing target.
    """
    if fmt not in FORMATS:
        raise DataError(f"format: {fmt!r} must be one of {', '.join(FORMATS)}")
    target = Path(path)
    at = at or utcnow()
    query, date_range = describe(filters)
    if fmt == "bag":
        package = write_bag(archive, filters, target, agency=agency, exporter=exporter,
                            query=query, date_range=date_range, at=at)
        count, digest = package.count, package.manifest_sha256
    else:
        count, digest = _write_file(archive, filters, fmt, target)
    try:
        entry = audit.append(archive, exporter, "export", None,
                             {"format": fmt, "query": filters.describe(),
                              "date_range": date_range, "count": count, "sha256": digest,
                              "path": target.name}, at=at)
    except BaseException:
        # every export is in the audit log: one that cannot be recorded is taken back
        if fmt == "bag":
            shutil.rmtree(target, ignore_errors=True)
        else:
            for written in (target, Path(f"{target}.sha256")):
                written.unlink(missing_ok=True)
        raise
    return Exported(target, fmt, count, digest, entry)


def _write_file(archive: Archive, filters: Filters, fmt: str, target: Path) -> tuple[int, str]:
    """Write a CSV or JSON Lines export and its ``.sha256``; returns the count and digest.

    Both are written under temporary names and renamed at the end, so a full disk or a crash
    never leaves a cut-short file under the name a requester would be given.
    """
    if target.exists():
        raise DataError(f"{target}: already exists; give a new file name")
    if str(target) == "-" or target.suffix.lower() in (".gz", ".zip", ".bz2", ".xz"):
        raise DataError(f"{target}: an export is a plain {fmt} file with its .sha256 beside it; "
                        f"give a name such as export.{fmt} (compress it afterwards if needed)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    sidecar = Path(f"{partial}.sha256")
    moved = False
    try:
        with open(partial, "wb") as raw:
            hashing = _Hashing(raw)
            if fmt == "jsonl":
                count = write_jsonl(archive, filters, cast(IO[bytes], hashing))
            else:
                text = io.TextIOWrapper(cast(IO[bytes], hashing), encoding="utf-8-sig",
                                        newline="", write_through=True)
                count = write_csv(archive, filters, text)
                text.flush()
                text.detach()
        digest = hashing.sha256.hexdigest()
        sidecar.write_text(f"{digest}  {target.name}\n", encoding="utf-8")
        if target.exists():
            raise DataError(f"{target}: already exists; give a new file name")
        partial.rename(target)
        moved = True
        sidecar.rename(f"{target}.sha256")
    except BaseException:
        for leftover in (partial, sidecar, *((target,) if moved else ())):
            leftover.unlink(missing_ok=True)
        raise
    return count, digest


@dataclass
class Verification:
    ok: bool
    kind: str
    problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    count: str | None = None


def _bag_problems(error: bagit.BagError) -> tuple[list[str], list[str]]:
    details = getattr(error, "details", None) or []
    problems = [str(d) for d in details] or [str(error)]
    files = sorted({str(d.path) for d in details if hasattr(d, "path")})
    return problems, files


def verify_package(path: str | os.PathLike[str]) -> Verification:
    """Check a BagIt package (every manifest and tag manifest) or a CSV/JSON Lines export
    (against its ``.sha256`` file). Names every file whose bytes changed."""
    target = Path(path)
    if target.is_dir():
        try:
            bag = bagit.Bag(str(target))
        except bagit.BagError as error:
            return Verification(False, "bag", [f"not a readable BagIt package: {error}"])
        count = bag.info.get("Moderator-Record-Count")
        try:
            bag.validate()
            return Verification(True, "bag", count=count if isinstance(count, str) else None)
        except bagit.BagError as error:
            problems, files = _bag_problems(error)
        if not files:
            # The size check failed before any file was hashed: hash them to name the culprits.
            bag.info.pop("Payload-Oxum", None)
            try:
                bag.validate()
            except bagit.BagError as again:
                more, files = _bag_problems(again)
                problems += more
        return Verification(False, "bag", problems, files)
    sidecar = Path(f"{target}.sha256")
    if not target.is_file():
        return Verification(False, "missing", [f"{target}: no such file or folder"])
    if not sidecar.is_file():
        return Verification(False, "file", [f"{sidecar}: missing; a CSV or JSON Lines export "
                                            "is checked against the .sha256 file beside it"])
    expected = sidecar.read_text(encoding="utf-8").split()[0]
    digest = _digest(target)
    if digest != expected:
        return Verification(False, "file", [f"{target.name}: SHA-256 is {digest}, "
                                            f"expected {expected}"], [target.name])
    return Verification(True, "file")


def _digest(target: Path) -> str:
    """What the audit log records for an export: the file's SHA-256, or a bag's manifest's."""
    source = target / "manifest-sha256.txt" if target.is_dir() else target
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def check_audited(archive: Archive, path: str | os.PathLike[str]) -> tuple[int | None, str]:
    """Whether the archive's own records vouch for an export or a retention transfer package:
    (the audit entry's or disposition row's id, "") or (None, the problem).

    The ``.sha256`` file and a bag's manifests travel with the export, so whoever changes the
    export can change them too; the audit log's hash chain (`moderator verify`) they cannot.
    """
    target = Path(path)
    if not (target.is_file() or (target / "manifest-sha256.txt").is_file()):
        return None, f"{target}: nothing to check"
    digest = _digest(target)
    exports = archive.query("SELECT id, details FROM audit_log WHERE action = 'export' AND "
                            "json_extract(details, '$.path') = ? ORDER BY id", [target.name])
    for row in exports:
        if json.loads(row["details"]).get("sha256") == digest:
            return int(row["id"]), ""
    transfer = archive.one("SELECT id, package_sha256 FROM disposition_log WHERE package = ? "
                           "ORDER BY id LIMIT 1", [target.name])
    if transfer is not None and transfer["package_sha256"] == digest:
        return int(transfer["id"]), ""
    if exports or transfer is not None:
        return None, (f"{target.name}: its SHA-256 {digest} is not the one the archive recorded "
                      "for an export or transfer of that name: it was changed after it was made")
    return None, (f"{target.name}: the archive's audit log records no export or transfer of "
                  "that name")
