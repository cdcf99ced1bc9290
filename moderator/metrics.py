"""Prometheus metrics: what the daemon did (counters it keeps while running) and the state of the
archive (gauges read at scrape time, so `moderator serve` alone reports them too)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.registry import Collector

from moderator import __version__
from moderator.archive import Archive
from moderator.pipeline import CycleReport

PAGE_STATUSES = ("ok", "failing", "throttled", "needs_reauth")


class ArchiveCollector(Collector):
    """Queue depth and age, page status and the model in use, read from the archive."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def collect(self) -> Iterator[GaugeMetricFamily | InfoMetricFamily]:
        with Archive.open(self.path, migrate=False) as archive:
            depth = GaugeMetricFamily("moderator_queue_depth", "Open review items",
                                      labels=["status"])
            for status in ("pending", "escalated"):
                depth.add_metric([status], archive.scalar(
                    "SELECT count(*) FROM review_items WHERE status = ?", [status]))
            yield depth
            oldest = archive.scalar("SELECT min(created_at) FROM review_items WHERE "
                                    "status = 'pending'")
            age = 0.0
            if oldest:
                then = datetime.strptime(oldest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
                age = (datetime.now(UTC) - then).total_seconds()
            yield GaugeMetricFamily("moderator_queue_oldest_age_seconds",
                                    "Age of the oldest pending review item", value=age)
            pages = GaugeMetricFamily("moderator_page_status", "1 for the status each page is in",
                                      labels=["page", "status"])
            last = GaugeMetricFamily("moderator_page_last_success_timestamp_seconds",
                                     "When each page was last polled successfully",
                                     labels=["page"])
            for row in archive.query("SELECT key, status, last_success_at FROM pages"):
                for status in PAGE_STATUSES:
                    pages.add_metric([row["key"], status], float(row["status"] == status))
                if row["last_success_at"]:
                    moment = datetime.strptime(row["last_success_at"], "%Y-%m-%dT%H:%M:%SZ")
                    last.add_metric([row["key"]], moment.replace(tzinfo=UTC).timestamp())
            yield pages
            yield last
            model = archive.one("SELECT version, kind FROM model_versions ORDER BY "
                                "first_used_at DESC, rowid DESC LIMIT 1")
            info = InfoMetricFamily("moderator_build", "Version of moderator and of the model")
            info.add_metric([], {"version": __version__,
                                 "model_version": model["version"] if model else "",
                                 "model_kind": model["kind"] if model else ""})
            yield info


class Metrics:
    """One registry per process (tests make their own)."""

    def __init__(self, archive_path: Path | None = None) -> None:
        self.registry = CollectorRegistry()
        self.fetched = Counter("moderator_comments_fetched", "Comments fetched from platforms",
                               ["page"], registry=self.registry)
        self.decisions = Counter("moderator_decisions", "Decisions by the daemon, by outcome "
                                 "and the rule cited", ["outcome", "rule"],
                                 registry=self.registry)
        self.actions = Counter("moderator_platform_actions", "Platform actions sent",
                               ["result"], registry=self.registry)
        self.errors = Counter("moderator_api_errors", "Failed polls by kind of error",
                              ["page", "kind"], registry=self.registry)
        self.duration = Histogram("moderator_poll_duration_seconds", "Duration of poll cycles",
                                  ["page"], registry=self.registry,
                                  buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300))
        self.started = time.time()
        if archive_path is not None:
            self.registry.register(ArchiveCollector(archive_path))

    def observe(self, report: CycleReport) -> None:
        """A scheduler listener: count what one cycle did."""
        if report.skipped:
            return
        if report.error:
            self.errors.labels(report.page, report.error_kind or "unknown").inc()
            return
        self.fetched.labels(report.page).inc(report.fetched)
        for (outcome, rule), count in report.by_rule.items():
            self.decisions.labels(outcome, rule).inc(count)
        self.actions.labels("done").inc(report.sent)
        self.actions.labels("failed").inc(report.failed_actions)
        self.duration.labels(report.page).observe(report.seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
