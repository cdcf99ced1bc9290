"""Finding comments: a full-text query plus filters, as SQL with every user value bound.

:class:`Filters` is the one description of "which comments" shared by search, export, holds
(a hold's scope is a Filters) and retention series (a series' scope is one too). It is built
by :func:`make_filters`, which validates and normalises what a person typed.

The text query matches any substring of any version's text or of the author's name, in any
script (see :mod:`moderator.records.schema` for why). A query is split into terms at spaces;
``"double quotes"`` keep a phrase together; every term must appear. Terms are always passed to
SQLite as quoted FTS5 strings, so AND, OR, NEAR, ``*``, ``^`` and stray quotes are plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from moderator.archive import Archive
from moderator.comments import PLATFORMS, parse_time
from moderator.errors import DataError

#: Every outcome a decision row can have: the system's allow, review and act; a moderator's
#: keep, hide and escalate, undo and unhide; an admin's confirm and reverse of an automatic act.
#: A filter with any other outcome would silently match nothing.
OUTCOMES = ("allow", "review", "act", "keep", "hide", "escalate", "undo", "unhide", "confirm",
            "reverse")
MAX_QUERY = 1000
MAX_TERMS = 32
MAX_VALUE = 256
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_RULE = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Columns of a search result, in order.
_HIT_COLUMNS = ("id", "platform", "page_key", "post_id", "comment_id", "parent_id", "author_id",
                "author_name", "text", "created_at", "captured_at", "visibility", "versions",
                "decision", "permalink")


@dataclass(frozen=True)
class Filters:
    """Which comments. Every field is optional; an empty Filters means every comment.

    ``since`` and ``until`` bound the comment's creation time on the platform (its capture
    time when the platform gave none); both are inclusive, as dates (``2026-11-20``) or times.
    ``decision`` is an outcome any decision on the comment had (``act``, ``review``, ...) or
    ``act:<rule>``; ``rule`` matches a rule cited by a decision, action, review item or score.
    """

    text: str = ""
    since: str | None = None
    until: str | None = None
    platform: str | None = None
    page: str | None = None
    post: str | None = None
    author: str | None = None
    rule: str | None = None
    decision: str | None = None
    hidden: bool | None = None
    deleted: bool | None = None
    held: bool | None = None
    disposed: bool | None = None

    def describe(self) -> dict[str, Any]:
        """The fields that are set, for audit entries, bag-info.txt and page titles."""
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    @property
    def empty(self) -> bool:
        return not self.describe()


def _bound(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    value = value.strip()
    if _DATE.match(value):
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            raise DataError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None
        return value
    return parse_time(value, field_name=name)


def _short(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if len(value) > MAX_VALUE or _CONTROL.search(value):
        raise DataError(f"{name}: too long or contains control characters")
    return value


def make_filters(*, text: str = "", since: str | None = None, until: str | None = None,
                 platform: str | None = None, page: str | None = None, post: str | None = None,
                 author: str | None = None, rule: str | None = None,
                 decision: str | None = None, hidden: bool | None = None,
                 deleted: bool | None = None, held: bool | None = None,
                 disposed: bool | None = None) -> Filters:
    """Validate what a person typed into :class:`Filters`; raises DataError naming the field."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY:
        raise DataError(f"query: longer than {MAX_QUERY} characters; shorten it")
    if len(terms(text)) > MAX_TERMS:
        raise DataError(f"query: more than {MAX_TERMS} terms; use fewer words")
    if platform and platform not in PLATFORMS:
        raise DataError(f"platform: {platform!r} must be one of {', '.join(PLATFORMS)}")
    if rule and not _RULE.match(rule):
        raise DataError(f"rule: {rule!r} is not a rule id (lower-case letters, digits, _)")
    if decision:
        outcome, _, cited = decision.partition(":")
        if outcome not in OUTCOMES or (cited and not _RULE.match(cited)):
            raise DataError(f"decision: {decision!r} must be an outcome ({', '.join(OUTCOMES)}), "
                            "or one with the rule it cited, such as act:threat")
    filters = Filters(text=text, since=_bound(since, "since"), until=_bound(until, "until"),
                      platform=platform or None, page=_short(page, "page"),
                      post=_short(post, "post"), author=_short(author, "author"),
                      rule=rule or None, decision=decision or None, hidden=hidden,
                      deleted=deleted, held=held, disposed=disposed)
    low, high = _range(filters)
    if low and high and low >= high:
        raise DataError(f"since {filters.since} is after until {filters.until}; swap them")
    return filters


def filters_from_dict(data: dict[str, Any]) -> Filters:
    """Filters back from :meth:`Filters.describe` (stored holds, saved queries)."""
    known = {k: v for k, v in data.items() if k in Filters.__dataclass_fields__}
    return make_filters(**known)


def terms(text: str) -> list[str]:
    """The query's terms: quoted phrases whole, other words split at spaces."""
    found = []
    for match in _TERM.finditer(text or ""):
        term = _CONTROL.sub(" ", match.group(1) if match.group(1) is not None
                            else match.group(2)).strip()
        if term:
            found.append(term)
    return found


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(text: str) -> tuple[str, list[Any]]:
    words = terms(text)
    if not words:
        return "", []
    long = [t for t in words if len(t) >= 3]
    short = [t for t in words if len(t) < 3]
    params: list[Any] = []
    if long:
        # Trigram FTS5: each term a quoted string (internal quotes doubled), all required.
        clauses = ["records_fts MATCH ?"]
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long))
        # `|| ''` keeps SQLite from handing a short LIKE to the trigram index (finds nothing).
        for term in short:
            clauses.append("((f.text || '') LIKE ? ESCAPE '\\' OR "
                           "(f.author_name || '') LIKE ? ESCAPE '\\')")
            params += [_like(term), _like(term)]
        joined = " AND ".join(clauses)
        sql = ("c.id IN (SELECT v.comment FROM records_fts f JOIN comment_versions v "  # noqa: S608
               f"ON v.id = f.rowid WHERE {joined})")
        return sql, params
    clauses = []
    for term in short:
        clauses.append("(v.text LIKE ? ESCAPE '\\' OR a.author_name LIKE ? ESCAPE '\\')")
        params += [_like(term), _like(term)]
    joined = " AND ".join(clauses)
    sql = ("c.id IN (SELECT v.comment FROM comment_versions v JOIN comments a "  # noqa: S608
           f"ON a.id = v.comment WHERE {joined})")
    return sql, params


def _range(filters: Filters) -> tuple[str | None, str | None]:
    """SQL bounds: since inclusive, until exclusive (a day after a date, a second after a time)."""
    low = high = None
    if filters.since:
        low = filters.since + ("T00:00:00Z" if _DATE.match(filters.since) else "")
    if filters.until:
        if _DATE.match(filters.until):
            day = datetime.strptime(filters.until, "%Y-%m-%d") + timedelta(days=1)
            high = day.strftime("%Y-%m-%dT00:00:00Z")
        else:
            moment = datetime.strptime(filters.until, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            high = (moment + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return low, high


def where(archive: Archive, filters: Filters) -> tuple[str, list[Any]]:
    """A WHERE expression over ``comments c`` selecting ``filters``, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    text_sql, text_params = _text_condition(filters.text)
    if text_sql:
        add(text_sql, *text_params)
    low, high = _range(filters)
    if low or high:
        parts = [p for p in ("{col} >= ?" if low else "", "{col} < ?" if high else "") if p]
        bounds = [b for b in (low, high) if b]
        created = " AND ".join(p.format(col="c.created_at") for p in parts)
        captured = " AND ".join(p.format(col="c.captured_at") for p in parts)
        add(f"(({created}) OR (c.created_at IS NULL AND {captured}))", *bounds, *bounds)
    for column, value in (("platform", filters.platform), ("page_key", filters.page),
                          ("post_id", filters.post)):
        if value:
            add(f"c.{column} = ?", value)
    if filters.author:
        add("(c.author_id = ? OR c.author_name = ? COLLATE NOCASE)", filters.author,
            filters.author)
    if filters.rule:
        add("c.id IN (SELECT comment FROM decisions WHERE rule = ? "
            "UNION SELECT comment FROM actions WHERE rule = ? "
            "UNION SELECT comment FROM review_items WHERE rule = ? "
            "UNION SELECT comment FROM scores WHERE rule = ? AND evidence IS NOT NULL "
            "AND evidence != '[]')", *([filters.rule] * 4))
    if filters.decision:
        outcome, _, cited = filters.decision.partition(":")
        if cited:
            add("c.id IN (SELECT comment FROM decisions WHERE outcome = ? AND rule = ?)",
                outcome, cited)
        else:
            add("c.id IN (SELECT comment FROM decisions WHERE outcome = ?)", outcome)
    for flag, state in ((filters.hidden, "hidden"), (filters.deleted, "deleted")):
        if flag is not None:
            add(f"c.visibility {'=' if flag else '!='} ?", state)
    if filters.disposed is not None:
        negate = "" if filters.disposed else "NOT "
        add(f"c.id {negate}IN (SELECT comment FROM disposition_log)")  # noqa: S608
    if filters.held is not None:
        held_sql, held_params = held_condition(archive)
        add(f"{'' if filters.held else 'NOT '}({held_sql})", *held_params)
    return (" AND ".join(clauses) or "1"), params


def held_condition(archive: Archive) -> tuple[str, list[Any]]:
    """SQL over ``comments c`` true for comments some active hold covers (``0`` if none)."""
    from moderator.records.holds import active_holds

    clauses: list[str] = []
    params: list[Any] = []
    for hold in active_holds(archive):
        sql, values = where(archive, hold.scope)
        clauses.append(f"({sql})")
        params += values
    return (" OR ".join(clauses) or "0"), params


@dataclass(frozen=True)
class Hit:
    """One comment in a result page; ``id`` is its archive id (``moderator records show ID``)."""

    id: int
    platform: str
    page_key: str
    post_id: str
    comment_id: str
    parent_id: str | None
    author_id: str | None
    author_name: str | None
    text: str | None
    created_at: str | None
    captured_at: str
    visibility: str
    versions: int
    decision: str | None
    permalink: str | None
    held: bool = False
    disposed: bool = False


@dataclass
class Results:
    """One page of results and the total number of matching comments."""

    rows: list[Hit]
    total: int
    limit: int
    offset: int
    filters: Filters = field(default_factory=Filters)

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(self.offset - self.limit, 0) if self.offset > 0 else None


def _materialised(archive: Archive, filters: Filters) -> tuple[str, list[Any]]:
    """:func:`where`, with the text match computed once into a temporary table.

    The count and the page would otherwise each run the full-text query, the costly part.
    """
    text_sql, text_params = _text_condition(filters.text)
    if not text_sql:
        return where(archive, filters)
    db = archive.db.conn
    db.execute("CREATE TEMP TABLE IF NOT EXISTS search_matches (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.search_matches")
    db.execute(f"INSERT INTO temp.search_matches SELECT c.id FROM comments c "  # noqa: S608
               f"WHERE {text_sql}", text_params)
    rest, params = where(archive, replace(filters, text=""))
    return f"c.id IN (SELECT id FROM temp.search_matches) AND {rest}", params  # noqa: S608


def search(archive: Archive, filters: Filters, *, limit: int = 50, offset: int = 0) -> Results:
    """The comments matching ``filters``, newest first, ``limit`` from ``offset``, and the total."""
    if not 1 <= limit <= 1000 or offset < 0:
        raise DataError("limit must be 1-1000 and offset 0 or more")
    sql, params = _materialised(archive, filters)
    total = int(archive.scalar(f"SELECT count(*) FROM comments c WHERE {sql}",  # noqa: S608
                               params))
    columns = ", ".join(f"c.{name}" for name in _HIT_COLUMNS)
    rows = archive.query(
        f"SELECT {columns} FROM comments c WHERE {sql} "  # noqa: S608
        "ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    ids = [row["id"] for row in rows]
    held = held_ids(archive, ids)
    disposed = disposed_ids(archive, ids)
    hits = [Hit(**row, held=row["id"] in held, disposed=row["id"] in disposed) for row in rows]
    return Results(hits, total, limit, offset, filters)


def iter_ids(archive: Archive, filters: Filters, chunk: int = 500) -> Iterator[list[int]]:
    """Matching archive ids in ascending order, ``chunk`` at a time, from one streaming query.

    Memory stays flat however many comments match; the caller may run other reads between
    chunks on the same archive.
    """
    sql, params = where(archive, filters)
    cursor = archive.db.conn.execute(
        f"SELECT c.id FROM comments c WHERE {sql} ORDER BY c.id", params)  # noqa: S608
    try:
        while batch := cursor.fetchmany(chunk):
            yield [row[0] for row in batch]
    finally:
        cursor.close()


def count(archive: Archive, filters: Filters) -> int:
    sql, params = where(archive, filters)
    return int(archive.scalar(f"SELECT count(*) FROM comments c WHERE {sql}",  # noqa: S608
                              params))


def _subset(archive: Archive, ids: Sequence[int], condition: str,
            params: Sequence[Any]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        part = list(ids[start:start + 500])
        marks = ",".join("?" * len(part))
        found.update(row[0] for row in archive.db.execute(
            f"SELECT c.id FROM comments c WHERE c.id IN ({marks}) "  # noqa: S608
            f"AND ({condition})", [*part, *params]))
    return found


def held_ids(archive: Archive, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` an active hold covers."""
    if not ids:
        return set()
    sql, params = held_condition(archive)
    return set() if sql == "0" else _subset(archive, ids, sql, params)


def disposed_ids(archive: Archive, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` have been disposed of (text and author removed)."""
    if not ids:
        return set()
    return _subset(archive, ids, "c.id IN (SELECT comment FROM disposition_log)", [])


def matches(archive: Archive, filters: Filters, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` match ``filters`` (used for retention series scopes)."""
    sql, params = where(archive, filters)
    return _subset(archive, ids, sql, params) if ids else set()
