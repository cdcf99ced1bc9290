"""The daemon: one APScheduler job per page, a clean stop on SIGTERM or SIGINT.

Jobs run in APScheduler's worker threads; each run opens its own archive connection (a SQLite
connection belongs to the thread that uses it). ``max_instances=1`` keeps two polls of one page
from overlapping, ``coalesce`` folds missed runs into one, and a page that keeps failing is
skipped until its ``backoff_until`` (see :func:`moderator.pipeline.poll_page`).
"""

from __future__ import annotations

import gc
import logging
import signal
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from moderator import alerts
from moderator.alerts import AlertSettings
from moderator.archive import Archive
from moderator.classify import Scorer
from moderator.config import Config, Page
from moderator.errors import ArchiveError
from moderator.pipeline import CycleReport, poll_page, prepare
from moderator.records.retention import run_scheduled
from moderator.records.schedule import load_schedule
from moderator.sources import http

logger = logging.getLogger(__name__)

Listener = Callable[[CycleReport], None]


def log_report(report: CycleReport) -> None:
    """One line per cycle: counts and duration (never a URL, never a token)."""
    if report.skipped:
        logger.info("page %s: skipped, %s", report.page, report.skipped)
    elif report.error:
        logger.warning("page %s: poll failed (%s): %s", report.page, report.error_kind,
                       report.error)
    else:
        logger.info(
            "page %s: fetched %d, new %d, edited %d, visibility %d, deleted %d; allowed %d, "
            "queued %d, acted %d; sent %d in %.2fs", report.page, report.fetched, report.new,
            report.edited, report.visibility, report.deleted, report.allowed, report.queued,
            report.acted, report.sent, report.seconds)


def poll_once(config: Config, scorer: Scorer, pages: list[Page] | None = None,
              listeners: tuple[Listener, ...] = (log_report,)) -> list[CycleReport]:
    """Poll each page once, in order, in this thread."""
    reports = []
    with Archive.open(config.archive, timeout=config.busy_timeout) as archive:
        prepare(archive, config, scorer)
        for page in pages or list(config.pages):
            report = poll_page(archive, config, page, scorer)
            for listener in listeners:
                listener(report)
            reports.append(report)
    return reports


class Daemon:
    """Polls every page on its interval, sends alerts, runs nightly jobs, until :meth:`stop`."""

    def __init__(self, config: Config, scorer: Scorer,
                 listeners: tuple[Listener, ...] = (log_report,),
                 alert_settings: AlertSettings | None = None) -> None:
        self.config = config
        self.scorer = scorer
        self.listeners = listeners
        self.alert_settings = alert_settings or alerts.settings(config)
        self.retention = load_schedule(config)
        self.stopping = threading.Event()
        self.scheduler = BackgroundScheduler(
            timezone="UTC",
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        )

    def poll(self, page_key: str) -> None:
        if self.stopping.is_set():
            return
        page = self.config.page(page_key)
        new = 0
        try:
            with self.archive() as archive:
                report = poll_page(archive, self.config, page, self.scorer)
                if report.error_kind != "archive":
                    new = alerts.notice(archive, self.config, self.alert_settings,
                                        report.urgent)
        except (sqlite3.Error, ArchiveError) as error:  # locked or full: one line, try later
            logger.error("page %s: the archive cannot be used now (%s); next poll tries again",
                         page_key, error)
            return
        except Exception:  # one poisoned cycle must not stop the daemon
            logger.exception("page %s: unexpected error in a poll cycle", page_key)
            return
        for listener in self.listeners:
            listener(report)
        if new and self.scheduler.running and not self.stopping.is_set():
            self.scheduler.modify_job("alerts", next_run_time=datetime.now(UTC))

    def archive(self) -> Archive:
        return Archive.open(self.config.archive, migrate=False, timeout=self.config.busy_timeout)

    def send_alerts(self) -> None:
        """Notice what needs staff now (failing pages, an old queue) and deliver what is due."""
        try:
            with self.archive() as archive:
                alerts.notice(archive, self.config, self.alert_settings)
                alerts.deliver(archive, self.alert_settings, self.config.agency)
        except (sqlite3.Error, ArchiveError) as error:
            logger.error("alerts: the archive cannot be used now (%s); will try again", error)
        except Exception:
            logger.exception("alerts: unexpected error; will try again")

    def run_retention(self) -> None:
        """The nightly retention run: disposes what is due, never what a hold covers."""
        try:
            report = run_scheduled(self.config)
            if report is not None:
                logger.info("retention: %s", report)
        except Exception:
            logger.exception("retention: the nightly run failed; it will run again tomorrow")

    def start(self) -> None:
        """Prepare the archive and start the jobs; raises ArchiveError (one line for the
        CLI) when the archive cannot be written, locked too long or full."""
        try:
            with Archive.open(self.config.archive, timeout=self.config.busy_timeout) as archive:
                prepare(archive, self.config, self.scorer)
        except sqlite3.Error as error:
            raise ArchiveError(f"{self.config.archive}: cannot prepare the archive ({error}); "
                               "check free disk space and whether another process holds it "
                               "locked") from None
        now = datetime.now(UTC)
        for page in self.config.pages:
            interval = float(page.poll_interval)
            self.scheduler.add_job(
                self.poll, IntervalTrigger(seconds=interval, jitter=min(interval * 0.1, 30)),
                args=[page.key], id=f"poll:{page.key}", name=f"poll {page.key}",
                next_run_time=now)
        self.scheduler.add_job(self.send_alerts, IntervalTrigger(seconds=60), id="alerts",
                               name="alerts", next_run_time=now)
        if self.retention.nightly and self.retention.series:
            hour, minute = (int(part) for part in self.retention.run_at.split(":"))
            self.scheduler.add_job(self.run_retention, CronTrigger(hour=hour, minute=minute),
                                   id="retention", name="nightly retention",
                                   misfire_grace_time=3600)
        self.scheduler.start()
        # The model and configuration live as long as the process: keep them out of the
        # collector's work so each cycle only pays for what it allocates.
        gc.freeze()
        logger.info("daemon started: %d page(s), dry_run=%s, model %s", len(self.config.pages),
                    self.config.dry_run, self.scorer.version)
        if not self.alert_settings.email and not self.alert_settings.webhooks:
            logger.warning("alerts have nowhere to go: urgent comments (threats) and pages that "
                           "need a new token are only counted in `moderator status` and /healthz; "
                           "add [alerts.email] or [[alerts.webhooks]] to %s", self.config.path)

    def stop(self, grace: float = 10.0) -> None:
        """Let cycles in flight finish and commit, then return.

        A cycle still running after ``grace`` seconds is cut short between two requests and
        rolled back (its cursor does not move, so the next start fetches it again).
        """
        self.stopping.set()
        timer = threading.Timer(grace, http.STOP.set)
        timer.daemon = True
        timer.start()
        try:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=True)
        finally:
            timer.cancel()
            http.STOP.clear()
        logger.info("daemon stopped")

    def status(self) -> dict[str, str | None]:
        """Next run time of each job, for /healthz."""
        if not self.scheduler.running:
            return {}
        return {job.id: job.next_run_time.strftime("%Y-%m-%dT%H:%M:%SZ")
                if job.next_run_time else None for job in self.scheduler.get_jobs()}

    def run_until_signal(self, also: Callable[[], Callable[[], None]] | None = None) -> None:
        """Start, then block until SIGTERM or SIGINT, then stop cleanly.

        ``also`` starts something alongside (the web server) and returns how to stop it.
        """
        requested = threading.Event()

        def handle(signum: int, frame: FrameType | None) -> None:
            logger.info("received %s, finishing the cycles in flight", signal.Signals(signum).name)
            requested.set()

        previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}
        stop_also: Callable[[], None] | None = None
        try:
            if also is not None:
                stop_also = also()  # first: a queue that cannot start stops everything
            self.start()
            while not requested.wait(0.5):
                pass
        finally:
            if stop_also is not None:
                stop_also()
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
