"""Commands of the daemon and the archive: settings, poll, run, verify, demo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from moderator import audit
from moderator.archive import Archive
from moderator.classify import build_scorer
from moderator.cli import cli, config_option
from moderator.config import load_config
from moderator.settings import PAGE_SETTINGS, SECTIONS, SETTINGS, toml_value


@cli.command()
def settings() -> None:
    """List every setting of moderator.toml with its default.

    Example:

        \b
        moderator settings
    """
    for title, table in (("moderator.toml", SETTINGS), ("[[pages]]", PAGE_SETTINGS)):
        click.echo(title)
        for setting in table:
            default = "(required)" if setting.required else toml_value(setting.default)
            click.echo(f"  {setting.name:<16} {default:<22} {setting.help}")
    click.echo("Optional tables (examples in config/moderator.example.toml)")
    for name, keys in SECTIONS:
        click.echo(f"  {name:<16} {keys}")


@cli.command()
@config_option
@click.option("--once", is_flag=True, required=True, help="Poll each page once and exit.")
@click.option("--page", "page_keys", multiple=True, help="Only this page key (repeatable).")
def poll(config_path: str, once: bool, page_keys: tuple[str, ...]) -> None:
    """Poll the configured pages once: fetch, archive, score, decide, queue, act.

    Example:

        \b
        moderator poll --once --config config/moderator.toml
    """
    from moderator import alerts
    from moderator.records.schedule import load_schedule
    from moderator.scheduler import poll_once

    config = load_config(config_path)
    # the checks `run` makes at start-up, so a config tried with `poll --once` also runs
    alerts.settings(config)
    load_schedule(config)
    pages = [config.page(key) for key in page_keys] or list(config.pages)
    reports = poll_once(config, build_scorer(config), pages, listeners=())
    for report in reports:
        if report.skipped:
            click.echo(f"{report.page}: skipped, {report.skipped}")
        elif report.error:
            click.echo(f"{report.page}: failed ({report.error_kind}): {report.error}")
        else:
            click.echo(f"{report.page}: fetched {report.fetched}, new {report.new}, edited "
                       f"{report.edited}, deleted {report.deleted}; allowed {report.allowed}, "
                       f"queued {report.queued}, acted {report.acted}")
    if reports and all(r.error or r.skipped for r in reports):
        raise SystemExit(1)  # nothing was polled: cron and monitoring must see it


@cli.command()
@config_option
@click.option("--web", is_flag=True, help="Also serve the review queue in this process.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Web server address.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Web server port.")
def run(config_path: str, web: bool, host: str, port: int) -> None:
    """Run the daemon: poll every page on its interval, send alerts, until SIGTERM or SIGINT.

    The cycle in flight finishes and commits before the process exits; a restart resumes from
    the saved cursors.

    Example:

        \b
        moderator run --web --config /etc/moderator/moderator.toml
    """
    from moderator.metrics import Metrics
    from moderator.scheduler import Daemon, log_report

    config = load_config(config_path)
    metrics = Metrics(config.archive)
    daemon = Daemon(config, build_scorer(config), listeners=(log_report, metrics.observe))
    also = None
    if web:
        from moderator.web import create_app
        from moderator.web.server import start_in_thread

        app = create_app(config, metrics=metrics, daemon=daemon)

        def also() -> Callable[[], None]:
            return start_in_thread(app, host, port)

    daemon.run_until_signal(also)


@cli.command()
@config_option
def status(config_path: str) -> None:
    """Show each page's polling status and the review queue, as a table.

    Example:

        \b
        moderator status --config /etc/moderator/moderator.toml
    """
    from rich.console import Console
    from rich.table import Table

    from moderator.health import health

    config = load_config(config_path)
    with Archive.existing(config.archive, timeout=config.busy_timeout) as archive:
        report = health(archive, config.pages)
    table = Table(title=f"{config.agency}: {report['status']}")
    table.add_column("page", no_wrap=True)
    table.add_column("platform")
    table.add_column("status", no_wrap=True)
    table.add_column("last success", no_wrap=True)
    problems = []
    for page in report["pages"]:
        if page["status"] not in ("ok", "never polled"):
            until = f"; retry after {page['backoff_until']}" if page["backoff_until"] else ""
            problems.append(f"{page['key']}: {page['last_error_kind'] or ''}: "
                            f"{(page['last_error'] or '')[:500]}{until}")
        table.add_row(page["key"], page["platform"], page["status"],
                      page["last_success_at"] or "never")
    console = Console()
    console.print(table)
    # whole sentences under the table, not folded a word per line into a narrow column
    for problem in problems:
        console.print(problem, markup=False, highlight=False, soft_wrap=True)
    queue = report["queue"]
    console.print(f"Review queue: {queue['pending']} pending, oldest since "
                  f"{queue['oldest'] or '-'}; unsent alerts: {report['unsent_alerts']}")


@cli.command()
@config_option
@click.option("--archive", "archive_path", type=click.Path(dir_okay=False, exists=True),
              help="Archive file to check (instead of the one in the config).")
def verify(config_path: str, archive_path: str | None) -> None:
    """Recompute the audit log's hash chain and every version hash.

    Exits 1 and names the first bad row when anything was changed behind moderator's back.

    Example:

        \b
        moderator verify --archive moderator.db
    """
    path = Path(archive_path) if archive_path else load_config(config_path).archive
    with Archive.existing(path, migrate=False) as archive:
        report = audit.verify(archive)
    if report.ok:
        click.echo(f"OK: {report.audit_entries} audit entries, {report.comments} comments, "
                   f"{report.versions} versions, {report.dispositions} dispositions verified")
        return
    click.echo(f"FAILED: {len(report.problems)} problem(s); first: {report.problems[0]}",
               err=True)
    for problem in report.problems[1:20]:
        click.echo(f"  {problem}", err=True)
    raise SystemExit(1)


@cli.command()
@click.option("--dir", "folder", type=click.Path(file_okay=False),
              help="Folder for the demo's config and archive (default: a new temporary one).")
@click.option("--cycles", default=3, show_default=True, type=click.IntRange(1, 100),
              help="Poll cycles to run.")
@click.option("--no-web", is_flag=True, help="Do not start the web review queue; exit after "
              "the cycles.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Web server address.")
@click.option("--port", default=8000, show_default=True, type=int, help="Web server port.")
def demo(folder: str | None, cycles: int, no_web: bool, host: str, port: int) -> None:
    """Run the whole system on the embedded demo: sample pages, shipped rules and model.

    Example:

        \b
        moderator demo --cycles 2 --no-web
    """
    from moderator.demo import run_demo

    run_demo(Path(folder) if folder else None, cycles=cycles, web=not no_web, host=host,
             port=port, echo=click.echo)
