"""Records commands: search, show, export, holds, retention, audit-log export."""

from __future__ import annotations

import getpass
import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click

from moderator.archive import BUSY_TIMEOUT, Archive
from moderator.cli import cli, config_option
from moderator.comments import parse_time
from moderator.config import Config, load_config
from moderator.errors import ConfigError
from moderator.records.search import Filters, make_filters

F = TypeVar("F", bound=Callable[..., Any])
# bagit logs every file it moves and every mismatch it finds; we print our own summary.
logging.getLogger("bagit").setLevel(logging.ERROR)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(value: object, width: int = 0) -> str:
    """Hostile text made safe for a terminal: no control or bidi characters, optionally cut."""
    text = _UNPRINTABLE.sub(" ", "" if value is None else str(value))
    return text if not width or len(text) <= width else text[:width - 1] + "…"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


#: An archive row id as SQLite can hold it (a larger number is an error, not a traceback).
ARCHIVE_ID = click.IntRange(1, 2**63 - 1)


def archive_option(func: F) -> F:
    return click.option("--archive", "archive_path", type=click.Path(dir_okay=False,
                        exists=True), help="Archive file (instead of the one in the config).")(func)


def by_option(func: F) -> F:
    return click.option("--by", "actor", default=_user, show_default="the OS user",
                        help="Who does this (written into the audit log).")(func)


def _load(config_path: str, archive_path: str | None, need_config: bool = False
          ) -> tuple[Path, Config | None]:
    if archive_path and not need_config and not Path(config_path).exists():
        return Path(archive_path), None
    config = load_config(config_path)
    from moderator.records.schedule import load_schedule

    load_schedule(config)  # a bad [retention] table is reported at start-up, by every command
    return (Path(archive_path) if archive_path else config.archive), config


def _busy(config: Config | None) -> float:
    """The configured busy timeout, or the default when only an archive file was named."""
    return config.busy_timeout if config else BUSY_TIMEOUT


def filter_options(func: F) -> F:
    """The search filters shared by `records search` and `export`."""
    options = [
        click.option("--since", help="Created on or after (YYYY-MM-DD or a UTC time)."),
        click.option("--until", help="Created on or before (YYYY-MM-DD or a UTC time)."),
        click.option("--platform", type=click.Choice(["facebook", "instagram", "x"])),
        click.option("--page", help="Page key."),
        click.option("--post", help="The platform's post id."),
        click.option("--author", help="Author id or exact name."),
        click.option("--rule", help="Rule cited by a decision, action, review item or score."),
        click.option("--decision", help="Any decision with this outcome (act, review, allow, "
                     "act:<rule>...)."),
        click.option("--hidden", is_flag=True, default=None, help="Only comments hidden now."),
        click.option("--deleted", is_flag=True, default=None,
                     help="Only comments deleted on the platform."),
        click.option("--held", is_flag=True, default=None, help="Only comments under a hold."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(text: str, **values: Any) -> Filters:
    return make_filters(text=text or "", **values)


@cli.group()
def records() -> None:
    """Search the archive and show a comment's full history.

    Example:

        \b
        moderator records search "main street" --page city-facebook --since 2026-01-01
    """


@records.command("search")
@click.argument("query", required=False, default="")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result.")
@config_option
@archive_option
def search_command(query: str, limit: int, offset: int, as_json: bool, config_path: str,
                   archive_path: str | None, **filters: Any) -> None:
    """Find comments by text (any script, any substring of 3+ characters) and filters.

    Quoted "phrases" stay together; every term must appear in some version's text or the
    author's name. Hidden, deleted and disposed comments are included.

    Example:

        \b
        moderator records search "repairs" --page city-facebook --since 2026-11-01 --hidden
    """
    from moderator.records.search import search

    path, config = _load(config_path, archive_path)
    with Archive.existing(path, timeout=_busy(config)) as archive:
        found = search(archive, _filters(query, **filters), limit=limit, offset=offset)
    if as_json:
        for hit in found.rows:
            click.echo(json.dumps(asdict(hit), ensure_ascii=False))
        return
    shown = f"{offset + 1}-{offset + len(found.rows)}" if found.rows else "none"
    click.echo(f"{found.total} comment(s) match; showing {shown}")
    for hit in found.rows:
        flags = "".join(f" [{name}]" for name, on in (("held", hit.held),
                                                       ("disposed", hit.disposed)) if on)
        click.echo(f"{hit.id:>8}  {hit.created_at or '-':<20}  {plain(hit.page_key, 16):<16}  "
                   f"{plain(hit.author_name or hit.author_id or '-', 18):<18}  "
                   f"{hit.visibility:<8} {plain(hit.decision or '-', 14):<14} "
                   f"{plain(hit.text if hit.text is not None else '(disposed of)', 60)}{flags}")
    if found.next_offset is not None:
        click.echo(f"more: --offset {found.next_offset}")


@records.command("show")
@click.argument("comment_id", type=ARCHIVE_ID, metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="The whole history as one JSON object.")
@config_option
@archive_option
def show_command(comment_id: int, as_json: bool, config_path: str,
                 archive_path: str | None) -> None:
    """Show one comment's full history by archive id: versions, scores, decisions, actions,
    review items, audit entries, holds and disposition.

    Example:

        \b
        moderator records show 42
    """
    from moderator.records.history import history

    path, config = _load(config_path, archive_path)
    with Archive.existing(path, timeout=_busy(config)) as archive:
        found = history(archive, comment_id)
    if as_json:
        click.echo(json.dumps(asdict(found), ensure_ascii=False, indent=2, default=str))
        return
    c = found.comment
    click.echo(f"comment {c['id']}: {c['platform']} {plain(c['comment_id'])} on page "
               f"{plain(c['page_key'])}, post {plain(c['post_id'])}")
    click.echo(f"  author {plain(c['author_name'] or '-')} ({plain(c['author_id'] or '-')}); "
               f"created {c['created_at']}; captured {c['captured_at']}; now {c['visibility']}")
    sections: list[tuple[str, list[str]]] = [
        ("versions", [f"v{v['version']} {v['seen_at']} {v['visibility']}: "
                      f"{plain(v['text'] if v['text'] is not None else '(disposed of)', 200)}"
                      for v in found.versions]),
        ("scores", [f"v{s['version']} {s['rule']} {s['score']:.3f} {plain(s['evidence'], 80)}"
                    for s in found.scores if s["score"] > 0]),
        ("decisions", [f"{d['decided_at']} v{d['version']} {d['outcome']}"
                       f"{':' + d['rule'] if d['rule'] else ''} by {plain(d['actor'])}"
                       for d in found.decisions]),
        ("actions", [f"{a['requested_at']} {a['kind']}"
                     f"{' (' + a['rule'] + ')' if a['rule'] else ''} {a['status']}"
                     for a in found.actions]),
        ("review items", [f"{r['created_at']} {r['status']} {r['rule']} "
                          f"{plain(r['decision'] or '')}" for r in found.review_items]),
        ("audit", [f"#{e['id']} {e['at']} {plain(e['actor'])} {e['action']}"
                   for e in found.audit]),
        ("holds", [f"hold {h.id} ({h.kind}, {plain(h.reference)})" for h in found.holds]),
        ("disposition", [f"#{d['id']} {d['disposed_at']} {d['disposition']} (series "
                         f"{d['series']}, due {d['due_at']}) removed sha256 "
                         f"{d['removed_sha256']}" for d in found.dispositions]),
    ]
    for title, lines in sections:
        click.echo(f"{title}:" + ("" if lines else " none"))
        for line in lines:
            click.echo(f"  {line}")


@cli.group(invoke_without_command=True)
@click.option("-q", "--query", default="", help="Text to search for (as in records search).")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "bag"]), default="bag",
              show_default=True, help="CSV file, JSON Lines file or BagIt package folder.")
@click.option("-o", "--output", type=click.Path(), help="File (csv, jsonl) or new folder (bag).")
@click.option("--exporter", "--by", "actor", default=_user, show_default="the OS user",
              help="Who exports (written into bag-info.txt and the audit log).")
@config_option
@archive_option
@click.pass_context
def export(ctx: click.Context, query: str, fmt: str, output: str | None, actor: str,
           config_path: str, archive_path: str | None, **filters: Any) -> None:
    """Export the comments matching a search (or all in a date range) for a records request.

    A BagIt package holds data/comments.jsonl (every version, score, decision and action) and
    data/index.html, with SHA-256 and SHA-512 manifests. Each export is an audit-log entry.

    Example:

        \b
        moderator export --format bag --since 2026-01-01 --until 2026-06-30 -o request-114
    """
    if ctx.invoked_subcommand is not None:
        return
    from moderator.export import export as run_export

    if not output:
        raise click.UsageError("give --output (a file for csv/jsonl, a new folder for bag)")
    path, config = _load(config_path, archive_path)
    agency = config.agency if config else "(agency not configured)"
    with Archive.existing(path, timeout=_busy(config)) as archive:
        done = run_export(archive, _filters(query, **filters), fmt, output, agency=agency,
                          exporter=actor)
    click.echo(f"Exported {done.count} comment(s) to {done.path} ({fmt}); "
               f"{'manifest ' if fmt == 'bag' else ''}SHA-256 {done.sha256}; "
               f"audit entry {done.audit_id}")
    if not done.count:
        click.echo("Warning: no comment matched; if some should have, check the query, the "
                   "dates and the filters", err=True)
    if config is None:
        click.echo("Warning: no moderator.toml, so the package names no agency; give --config "
                   "to name it", err=True)


@export.command("verify")
@click.argument("path", type=click.Path())
@config_option
@archive_option
def export_verify(path: str, config_path: str, archive_path: str | None) -> None:
    """Check an export: every manifest of a BagIt package, or a file against its .sha256; and,
    with the archive at hand (--config or --archive), against the checksum its audit log
    recorded when the export was made.

    Exits 1 and names each file whose bytes changed.

    Example:

        \b
        moderator export verify request-114 --archive moderator.db
    """
    from moderator.export import check_audited, verify_package

    result = verify_package(path)
    if result.ok:
        count = f" ({result.count} comments)" if result.count else ""
        kind = "BagIt package" if result.kind == "bag" else "export file"
        if not archive_path and not Path(config_path).exists():
            click.echo(f"OK: {path} is a valid {kind}{count} (not checked against the archive's "
                       "audit log: give --archive or --config)")
            return
        archive_file, config = _load(config_path, archive_path)
        with Archive.existing(archive_file, timeout=_busy(config)) as archive:
            entry, problem = check_audited(archive, path)
        if entry is not None:
            click.echo(f"OK: {path} is a valid {kind}{count}, as recorded by the archive "
                       f"({archive_file.name}, entry {entry})")
            return
        result.problems.append(problem)
    changed = f"; changed: {', '.join(result.files)}" if result.files else ""
    click.echo(f"FAILED: {path}{changed}", err=True)
    for problem in result.problems[:20]:
        click.echo(f"  {plain(problem)}", err=True)
    raise SystemExit(1)


@cli.group()
def hold() -> None:
    """Legal holds and open public-records requests: what they cover is never disposed.

    Example:

        \b
        moderator hold add --kind request --reference PRR-2026-114 --reason "request" --page city
    """


@hold.command("add")
@click.option("--kind", type=click.Choice(["legal", "request"]), required=True,
              help="legal: litigation; request: an open public-records request.")
@click.option("--reference", required=True, help="Case or request number.")
@click.option("--reason", required=True, help="Why the records are held.")
@click.option("--page", help="Scope: page key.")
@click.option("--since", help="Scope: created on or after.")
@click.option("--until", help="Scope: created on or before.")
@click.option("--author", help="Scope: author id or exact name.")
@click.option("-q", "--query", default="", help="Scope: text search query.")
@by_option
@config_option
@archive_option
def hold_add(kind: str, reference: str, reason: str, page: str | None, since: str | None,
             until: str | None, author: str | None, query: str, actor: str, config_path: str,
             archive_path: str | None) -> None:
    """Place a hold scoped by page, date range, author and/or search query.

    Example:

        \b
        moderator hold add --kind legal --reference CV-2026-114 --reason "Smith v. City" \\
            --author 1029384756 --since 2026-01-01
    """
    from moderator.records.holds import add_hold, covered_count

    path, config = _load(config_path, archive_path)
    scope = make_filters(text=query, page=page, since=since, until=until, author=author)
    with Archive.existing(path, timeout=_busy(config)) as archive:
        placed = add_hold(archive, kind=kind, reference=reference, reason=reason, scope=scope,
                          actor=actor)
        covered = covered_count(archive, placed)
    click.echo(f"Hold {placed.id} placed ({kind}, {plain(reference)}); it covers {covered} "
               "comment(s) now and any later ones in its scope")
    if not covered and not scope.empty:
        click.echo("Warning: the hold covers no comment yet; if it should, check the page key, "
                   "the author (an id or the exact name) and the dates, and place it again",
                   err=True)


@hold.command("list")
@click.option("--all", "include_released", is_flag=True, help="Include released holds.")
@config_option
@archive_option
def hold_list(include_released: bool, config_path: str, archive_path: str | None) -> None:
    """List active holds (with --all, released ones too) and how many comments each covers.

    Example:

        \b
        moderator hold list --all
    """
    from moderator.records.holds import covered_count, list_holds

    path, config = _load(config_path, archive_path)
    with Archive.existing(path, timeout=_busy(config)) as archive:
        holds = [(h, covered_count(archive, h)) for h in
                 list_holds(archive, include_released=include_released)]
    if not holds:
        click.echo("No holds." if include_released else "No active holds.")
    for item, covered in holds:
        state = (f"released {item.released_at} by {plain(item.released_by)} "
                 f"({plain(item.release_note or '', 80)})" if item.released_at else "active")
        scope = json.dumps(item.scope.describe(), ensure_ascii=False)
        click.echo(f"{item.id:>4}  {item.kind:<7} {plain(item.reference, 24):<24} {state}; "
                   f"placed {item.created_at} by {plain(item.created_by)}; scope "
                   f"{plain(scope, 80)}; {covered} comment(s); reason: {plain(item.reason, 80)}")


@hold.command("release")
@click.argument("hold_id", type=ARCHIVE_ID, metavar="ID")
@click.option("--note", required=True, help="Why the hold ends (case closed, request answered).")
@by_option
@config_option
@archive_option
def hold_release(hold_id: int, note: str, actor: str, config_path: str,
                 archive_path: str | None) -> None:
    """Release a hold; the release is an audit-log entry and the hold stays on record.

    Example:

        \b
        moderator hold release 3 --note "request PRR-2026-114 answered on 2026-12-01"
    """
    from moderator.records.holds import release_hold

    path, config = _load(config_path, archive_path)
    with Archive.existing(path, timeout=_busy(config)) as archive:
        released = release_hold(archive, hold_id, actor=actor, note=note)
    click.echo(f"Hold {released.id} ({plain(released.reference)}) released by "
               f"{plain(released.released_by)} at {released.released_at}")


@cli.group()
def retention() -> None:
    """Apply the retention schedule of moderator.toml ([retention]).

    Example:

        \b
        moderator retention run --dry-run
    """


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="List what is due; change nothing.")
@click.option("--show", default=20, show_default=True, type=click.IntRange(0),
              help="With --dry-run: how many due comments to list.")
@click.option("--as-of", help="With --dry-run: list what will be due at this UTC time or date "
              "(planning).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation before disposing.")
@by_option
@config_option
@archive_option
def retention_run(dry_run: bool, show: int, as_of: str | None, yes: bool, actor: str,
                  config_path: str, archive_path: str | None) -> None:
    """Dispose of what the schedule says is due, except what a hold covers.

    Text and author details are removed; the disposition log keeps identifiers, dates, series
    and the hash of what was removed. A transfer writes a BagIt package first.

    Example:

        \b
        moderator retention run --dry-run --show 50
    """
    from moderator.records.retention import due, run_retention
    from moderator.records.schedule import load_schedule

    if as_of and not dry_run:
        raise click.UsageError("--as-of only plans (with --dry-run); a real run uses the "
                               "current time")
    now = None
    if as_of:
        now = parse_time(as_of + ("T00:00:00Z" if len(as_of) == 10 else ""), field_name="--as-of")
    path, config = _load(config_path, archive_path, need_config=True)
    if config is None:
        raise ConfigError(f"{config_path}: retention needs the configuration's [retention] "
                          "table; pass --config")
    schedule = load_schedule(config)
    if not schedule.series:
        click.echo(f"No retention series in {config.path}; nothing is ever due "
                   "(add [[retention.series]] tables)")
        return
    with Archive.existing(path, timeout=_busy(config)) as archive:
        if dry_run:
            report = run_retention(archive, schedule, actor=actor, agency=config.agency,
                                   dry_run=True, now=now)
            for number, item in enumerate(due(archive, schedule, report.now)):
                if number >= show:
                    click.echo("  ...")
                    break
                mark = "HELD, kept" if item.held else item.disposition
                click.echo(f"  {item.comment:>8}  series {item.series:<16} due {item.due_at} "
                           f"({item.basis} {item.basis_at} + {item.period})  {mark}")
            click.echo(f"Dry run at {report.now}: {report.due} comment(s) due, {report.held} "
                       f"of them held; {report.due - report.held} would be disposed "
                       f"{json.dumps(report.by_series)}")
            return
        if not yes:
            click.confirm("Dispose of every comment due now (text and author details are "
                          "removed for good)?", abort=True)
        report = run_retention(archive, schedule, actor=actor, agency=config.agency)
    package = f"; transfer package {report.package}" if report.package else ""
    click.echo(f"Retention run at {report.now}: {report.due} due, {report.held} held and kept, "
               f"{report.disposed} disposed ({report.transferred} transferred){package}; "
               f"audit entry {report.audit_id}")


@cli.group("audit")
def audit_group() -> None:
    """The hash-chained audit log.

    Example:

        \b
        moderator audit export -o audit-2026-12-01.jsonl
    """


@audit_group.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="New JSON Lines file.")
@by_option
@config_option
@archive_option
def audit_export(output: str, actor: str, config_path: str, archive_path: str | None) -> None:
    """Export the whole audit log with its hash chain, for a third party to check.

    docs/check_audit_export.py checks the file with Python's standard library alone.

    Example:

        \b
        moderator audit export -o audit.jsonl && python3 docs/check_audit_export.py audit.jsonl
    """
    from moderator.records.auditlog import export_audit_log

    path, config = _load(config_path, archive_path)
    agency = config.agency if config else "(agency not configured)"
    target = Path(output)
    if target.exists():
        raise click.UsageError(f"{target} already exists; give a new file name")
    with Archive.existing(path, timeout=_busy(config)) as archive, open(target, "xb") as out:
        done = export_audit_log(archive, out, agency=agency, actor=actor)
    click.echo(f"Exported {done.entries} audit entries ({done.first_id}..{done.last_id}) to "
               f"{target}; last hash {done.last_hash}; file SHA-256 {done.sha256}")
