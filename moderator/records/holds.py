"""Legal holds and open public-records requests: nothing they cover is ever disposed.

A hold's scope is a :class:`~moderator.records.search.Filters` limited to page, platform,
post, author, date range and search query. The scope is evaluated whenever retention runs, so
a hold placed after a dry run protects its records at the real run, and comments captured after
the hold was placed are covered too when they fall in its scope. Placing and releasing a hold
are audit-log entries; a released hold stays in the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderator import audit
from moderator.archive import Archive
from moderator.comments import utcnow
from moderator.errors import DataError, NotFound
from moderator.records.search import Filters, make_filters

KINDS = ("legal", "request")
#: Filters fields a hold may be scoped by, and their column in ``holds``.
SCOPE_COLUMNS = {"page": "page_key", "platform": "platform", "post": "post_id",
                 "author": "author", "since": "since", "until": "until", "text": "query"}
MAX_TEXT = 2000


@dataclass(frozen=True)
class Hold:
    id: int
    kind: str
    reference: str
    reason: str
    scope: Filters
    created_by: str
    created_at: str
    released_by: str | None = None
    released_at: str | None = None
    release_note: str | None = None

    @property
    def active(self) -> bool:
        return self.released_at is None


def _hold(row: dict) -> Hold:
    scope = Filters(**{field: row[column] for field, column in SCOPE_COLUMNS.items()
                       if row[column] is not None})
    return Hold(id=row["id"], kind=row["kind"], reference=row["reference"],
                reason=row["reason"], scope=scope, created_by=row["created_by"],
                created_at=row["created_at"], released_by=row["released_by"],
                released_at=row["released_at"], release_note=row["release_note"])


_WHAT = {"reference": "give the case or request number", "reason": "say what the hold is for",
         "note": "say why the hold is released"}


def _required(value: str, name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DataError(f"{name}: required; {_WHAT.get(name, 'give a value')}")
    if len(value) > MAX_TEXT:
        raise DataError(f"{name}: longer than {MAX_TEXT} characters")
    return value


def add_hold(archive: Archive, *, kind: str, reference: str, reason: str, scope: Filters,
             actor: str, at: str | None = None) -> Hold:
    """Place a hold; raises DataError for an unknown kind, a missing reason or reference, or a
    scope that names nothing (a hold must say what it covers)."""
    if kind not in KINDS:
        raise DataError(f"kind: {kind!r} must be legal (litigation) or request "
                        "(an open public-records request)")
    reference = _required(reference, "reference")
    reason = _required(reason, "reason")
    given = scope.describe()
    extra = sorted(set(given) - set(SCOPE_COLUMNS))
    if extra:
        raise DataError(f"a hold's scope cannot use {', '.join(extra)}; scope it by page, "
                        "platform, post, author, date range or search query")
    if not given:
        raise DataError("a hold needs a scope: a page, a date range, an author or a search "
                        "query (or several)")
    make_filters(**given)  # the same validation as a search
    at = at or utcnow()
    columns = [SCOPE_COLUMNS[name] for name in given]
    with archive.write() as db:
        cursor = db.execute(
            f"INSERT INTO holds (kind, reference, reason, created_by, created_at, "  # noqa: S608
            f"{', '.join(columns)}) VALUES (?, ?, ?, ?, ?{', ?' * len(columns)})",
            [kind, reference, reason, actor, at, *given.values()])
        hold_id = int(cursor.lastrowid or 0)
        audit.append(archive, actor, "hold.add", f"hold:{hold_id}",
                     {"kind": kind, "reference": reference, "reason": reason, "scope": given},
                     at=at)
    return get_hold(archive, hold_id)


def get_hold(archive: Archive, hold_id: int) -> Hold:
    row = archive.one("SELECT * FROM holds WHERE id = ?", [hold_id])
    if row is None:
        raise NotFound(f"hold {hold_id}: no such hold; `moderator hold list --all` lists them")
    return _hold(row)


def list_holds(archive: Archive, *, include_released: bool = False) -> list[Hold]:
    """Holds, newest first; only active ones unless ``include_released``."""
    condition = "" if include_released else "WHERE released_at IS NULL "
    return [_hold(row) for row in archive.query(
        f"SELECT * FROM holds {condition}ORDER BY id DESC")]  # noqa: S608


def active_holds(archive: Archive) -> list[Hold]:
    return list_holds(archive)


def release_hold(archive: Archive, hold_id: int, *, actor: str, note: str,
                 at: str | None = None) -> Hold:
    """Release an active hold (the litigation ended, the request was answered); audited.

    Raises NotFound for an unknown id and DataError for a hold already released.
    """
    note = _required(note, "note")
    at = at or utcnow()
    with archive.write() as db:
        hold = get_hold(archive, hold_id)
        if not hold.active:
            raise DataError(f"hold {hold_id} was already released on {hold.released_at} by "
                            f"{hold.released_by}")
        db.execute("UPDATE holds SET released_by = ?, released_at = ?, release_note = ? "
                   "WHERE id = ?", [actor, at, note, hold_id])
        audit.append(archive, actor, "hold.release", f"hold:{hold_id}",
                     {"reference": hold.reference, "note": note}, at=at)
    return get_hold(archive, hold_id)


def covered_count(archive: Archive, hold: Hold) -> int:
    """How many archived comments the hold's scope covers now."""
    from moderator.records.search import count

    return count(archive, hold.scope)
