"""Retention schedules: which comments are due for disposition, and the run that disposes.

A schedule is a list of record series from ``[retention]`` in moderator.toml (see
:mod:`moderator.records.schedule`). A comment belongs to every series whose scope covers it;
each gives a due date (its basis time, capture or last action, plus the period) and the latest
due date wins ("longest wins"), with that series' disposition. A comment is due when the
winning date has passed, unless an active hold covers it: held comments are never disposed.

A real run first writes a BagIt package of everything due for transfer (and checks it), then
disposes in chunks, each chunk one transaction that re-checks the holds, so a hold placed at
any moment before a chunk commits protects its comments.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from moderator import audit
from moderator.archive import Archive
from moderator.comments import utcnow
from moderator.config import Config
from moderator.errors import ArchiveError, ConfigError
from moderator.records.disposition import Target, anchor, dispose
from moderator.records.schedule import Schedule, Series, add_period, cutoff, load_schedule
from moderator.records.search import held_ids, matches

logger = logging.getLogger(__name__)
CHUNK = 500


@dataclass(frozen=True)
class Due(Target):
    """A comment whose retention has run out; ``held`` if a hold keeps it anyway."""

    held: bool = False


_CANDIDATES = ("SELECT c.id, c.captured_at FROM comments c WHERE c.id > ? AND "
               "c.captured_at <= ? AND NOT EXISTS (SELECT 1 FROM disposition_log d WHERE "
               "d.comment = c.id AND d.last_version >= c.versions) ORDER BY c.id LIMIT ?")


def _last_actions(archive: Archive, ids: list[int]) -> dict[int, str]:
    """Latest event of each comment: a new version, a decision, an action or a review."""
    marks = ",".join("?" * len(ids))
    latest: dict[int, str] = {}
    for sql in ("SELECT comment, max(seen_at) FROM comment_versions WHERE comment IN ({m}) "
                "GROUP BY comment",
                "SELECT comment, max(decided_at) FROM decisions WHERE comment IN ({m}) "
                "GROUP BY comment",
                "SELECT comment, max(max(requested_at), coalesce(max(completed_at), '')) "
                "FROM actions WHERE comment IN ({m}) GROUP BY comment",
                "SELECT comment, max(decided_at) FROM review_items WHERE comment IN ({m}) "
                "AND decided_at IS NOT NULL GROUP BY comment"):
        for comment, moment in archive.db.execute(sql.format(m=marks), ids):
            if moment and moment > latest.get(comment, ""):
                latest[comment] = moment
    return latest


def _winner(covering: list[Series], captured: str, last_action: str | None
            ) -> tuple[Series, str, str]:
    best: tuple[Series, str, str] | None = None
    for series in covering:
        basis_at = captured if series.basis == "capture" else max(captured, last_action or "")
        due_at = add_period(basis_at, series.amount, series.unit)
        if best is None or due_at > best[2]:
            best = (series, basis_at, due_at)
    assert best is not None
    return best


def check_pages(archive: Archive, schedule: Schedule) -> None:
    """Raise ConfigError for a series scoped to a page the archive has never had. Such a
    series covers nothing, so what it should keep longer falls to a shorter series; pages
    retired from the config stay in the archive and remain valid scopes."""
    pages = [row[0] for row in archive.db.execute("SELECT key FROM pages ORDER BY key")]
    for series in schedule.series:
        page = series.scope.page
        if page and page not in pages:
            raise ConfigError(f"retention series {series.name!r}: page {page!r} is not a page "
                              f"in the archive ({', '.join(pages) or 'none yet'}); check the "
                              "spelling in [[retention.series]]")


def due(archive: Archive, schedule: Schedule, now: str | None = None) -> Iterator[Due]:
    """Every comment due for disposition at ``now``, in archive-id order, held ones flagged.

    Streams in chunks; nothing is changed.
    """
    if not schedule.series:
        return
    check_pages(archive, schedule)
    now = now or utcnow()
    latest_cutoff = max(cutoff(now, s.amount, s.unit) for s in schedule.series)
    last_id = 0
    while True:
        rows = archive.db.execute(_CANDIDATES, [last_id, latest_cutoff, CHUNK]).fetchall()
        if not rows:
            return
        last_id = rows[-1][0]
        ids = [row[0] for row in rows]
        members = {s.name: (set(ids) if s.scope.empty else matches(archive, s.scope, ids))
                   for s in schedule.series}
        actions = (_last_actions(archive, ids)
                   if any(s.basis == "last_action" for s in schedule.series) else {})
        found: list[Due] = []
        for rowid, captured in rows:
            covering = [s for s in schedule.series if rowid in members[s.name]]
            if not covering:
                continue
            series, basis_at, due_at = _winner(covering, captured, actions.get(rowid))
            if due_at <= now:
                found.append(Due(rowid, series.name, series.disposition, series.basis,
                                 basis_at, series.period, due_at))
        held = held_ids(archive, [d.comment for d in found])
        for item in found:
            yield Due(**{**item.__dict__, "held": item.comment in held})


@dataclass
class RunReport:
    """What a retention run found and did (a dry run changes nothing)."""

    now: str
    dry_run: bool
    due: int = 0
    held: int = 0
    disposed: int = 0
    transferred: int = 0
    by_series: dict[str, int] = field(default_factory=dict)
    package: Path | None = None
    skipped_new_holds: int = 0
    audit_id: int | None = None


def _stage(archive: Archive, schedule: Schedule, now: str, report: RunReport) -> None:
    db = archive.db
    db.execute("DROP TABLE IF EXISTS temp.retention_due")
    db.execute("CREATE TEMP TABLE retention_due (comment INTEGER PRIMARY KEY, series TEXT, "
               "disposition TEXT, basis TEXT, basis_at TEXT, period TEXT, due_at TEXT)")
    for item in due(archive, schedule, now):
        report.due += 1
        if item.held:
            report.held += 1
            continue
        db.execute("INSERT INTO temp.retention_due VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [item.comment, item.series, item.disposition, item.basis, item.basis_at,
                    item.period, item.due_at])
        report.by_series[item.series] = report.by_series.get(item.series, 0) + 1


def _staged(archive: Archive, disposition: str | None = None) -> Iterator[list[Target]]:
    last = 0
    condition = "AND disposition = ? " if disposition else ""
    while True:
        rows = archive.db.execute(
            f"SELECT * FROM temp.retention_due WHERE comment > ? {condition}"  # noqa: S608
            "ORDER BY comment LIMIT ?",
            [last, *([disposition] if disposition else []), CHUNK]).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        yield [Target(*row) for row in rows]


def _transfer(archive: Archive, schedule: Schedule, now: str, agency: str, actor: str
              ) -> tuple[Path, str] | None:
    from moderator.export import verify_package, write_bag

    if not archive.scalar("SELECT count(*) FROM temp.retention_due "
                          "WHERE disposition = 'transfer'"):
        return None
    assert schedule.transfer_dir is not None
    stamp = re.sub(r"[-:]", "", now)
    folder = schedule.transfer_dir / f"transfer-{stamp}"
    if folder.exists() or folder.with_name(f".{folder.name}.partial").exists():
        raise ArchiveError(f"{folder}: another retention run made this transfer package in "
                           "the same second; nothing was disposed by this one: run it again")
    ids = ([t.comment for t in chunk] for chunk in _staged(archive, "transfer"))
    package = write_bag(archive, ids, folder, agency=agency, exporter=actor,
                        query="retention transfer", date_range=f"due on or before {now}",
                        at=now)
    check = verify_package(package.path)
    if not check.ok:
        raise ArchiveError(f"{package.path}: the transfer package does not validate "
                           f"({check.problems[0]}); nothing was disposed")
    return package.path, package.manifest_sha256


def merge_index(archive: Archive, table: str, pages: int = 2000) -> None:
    """Merge a full-text index into one segment, so removed words leave the index's pages too.

    Done in steps of about ``pages`` pages, each its own short write transaction (FTS5's
    ``merge`` with a negative count), instead of one long ``optimize`` that would hold the write
    lock for a minute on a large archive. It stops when a step does no more work.
    """
    while True:
        before = archive.db.conn.total_changes
        with archive.write() as db:
            db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('merge', ?)",  # noqa: S608
                       [-pages])
        if archive.db.conn.total_changes - before < 2:
            return


def run_retention(archive: Archive, schedule: Schedule, *, actor: str, agency: str,
                  dry_run: bool = False, now: str | None = None) -> RunReport:
    """Dispose of every comment due at ``now`` that no hold covers; with ``dry_run`` only count.

    Transfers are packaged (and validated) before anything is disposed. Raises ArchiveError if
    the transfer package cannot be written or does not validate; nothing is disposed then.
    """
    now = now or utcnow()
    report = RunReport(now, dry_run)
    if dry_run:
        for item in due(archive, schedule, now):
            report.due += 1
            report.held += item.held
            if not item.held:
                report.by_series[item.series] = report.by_series.get(item.series, 0) + 1
        return report
    _stage(archive, schedule, now, report)
    try:
        transfer = _transfer(archive, schedule, now, agency, actor)
        report.package = transfer[0] if transfer else None
        archive.db.execute("PRAGMA secure_delete = ON")
        for chunk in _staged(archive):
            with archive.write():
                held = held_ids(archive, [t.comment for t in chunk])
                entries = []
                for target in chunk:
                    if target.comment in held:
                        report.skipped_new_holds += 1
                        continue
                    package = (str(transfer[0].name), transfer[1]) \
                        if transfer and target.disposition == "transfer" else (None, None)
                    row = dispose(archive, target, actor=actor, at=now, package=package[0],
                                  package_sha256=package[1])
                    entries.append(anchor(row))
                    report.disposed += 1
                    report.transferred += target.disposition == "transfer"
                audit.append_many(archive, entries, at=now)
        if report.disposed:
            for table in ("records_fts", "comments_fts"):
                merge_index(archive, table)
        report.audit_id = audit.append(
            archive, actor, "retention.run", None,
            {"due": report.due, "held": report.held, "disposed": report.disposed,
             "transferred": report.transferred, "by_series": report.by_series,
             "skipped_new_holds": report.skipped_new_holds,
             "package": report.package.name if report.package else None}, at=now)
    finally:
        archive.db.execute("DROP TABLE IF EXISTS temp.retention_due")
    if report.disposed:
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    logger.info("retention: %d due, %d held, %d disposed (%d transferred)", report.due,
                report.held, report.disposed, report.transferred)
    return report


def run_scheduled(config: Config) -> RunReport | None:
    """The nightly job: open the archive, load the schedule, run it as ``system:retention``.

    Returns None when the schedule has no series or ``nightly`` is off. Opens its own archive
    connection, so it can run in a scheduler worker thread.
    """
    schedule = load_schedule(config)
    if not schedule.series or not schedule.nightly:
        return None
    with Archive.open(config.archive, timeout=config.busy_timeout) as archive:
        return run_retention(archive, schedule, actor="system:retention", agency=config.agency,
                             now=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
