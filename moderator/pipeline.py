"""One poll cycle for one page: fetch, archive, score, decide, queue, act.

Everything a cycle learns is written in one transaction together with the cursor that covers
it, so a crash at any point leaves either the whole cycle or none of it; the next cycle fetches
the same comments again and ingest, being idempotent, stores each exactly once. Platform
requests for actions happen after that commit (see :mod:`moderator.actions`).
"""

from __future__ import annotations

import hashlib
import logging
import random
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta

from moderator import actions, audit, queue
from moderator.archive import Archive
from moderator.classify import Scorer
from moderator.comments import Comment, utcnow
from moderator.config import Config, Page, read_secret
from moderator.errors import ArchiveError, SourceError
from moderator.policy import decide
from moderator.sources import Source, connect, http

logger = logging.getLogger(__name__)


@dataclass
class CycleReport:
    """What one cycle did, for the log line, the CLI summary and metrics."""

    page: str
    fetched: int = 0
    new: int = 0
    edited: int = 0
    visibility: int = 0
    deleted: int = 0
    allowed: int = 0
    queued: int = 0
    acted: int = 0
    sent: int = 0
    failed_actions: int = 0
    bad_records: int = 0
    skipped: str | None = None
    error: str | None = None
    error_kind: str | None = None
    usage: float | None = None
    seconds: float = 0.0
    urgent: list[int] = field(default_factory=list)
    by_rule: dict[tuple[str, str], int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def run_cycle(archive: Archive, page: Page, source: Source, scorer: Scorer, *, dry_run: bool,
              now: str | None = None, lease: float = actions.DEFAULT_LEASE) -> CycleReport:
    """Fetch since the saved cursor and store everything; raises SourceError from the fetch.

    ``lease``: how long an action marked ``sending`` is left to its sender (see
    :mod:`moderator.actions`).
    """
    started = time.monotonic()
    report = CycleReport(page.key)
    batch = source.fetch(archive.get_cursor(page.key))
    now = now or utcnow()
    if not batch.visibility_known:
        batch.comments = keep_archived_visibility(archive, batch.comments)
    report.fetched = len(batch.comments)
    report.usage = batch.usage
    report.bad_records = len(batch.errors)
    for problem in batch.errors:
        logger.warning("page %s: skipped a record: %s", page.key, problem)
    for note in batch.notes[:20]:
        logger.warning("page %s: %s", page.key, note)
    if len(batch.notes) > 20:
        logger.warning("page %s: %d more records archived without a field they should have "
                       "had", page.key, len(batch.notes) - 20)
    with archive.write():
        ingested = archive.ingest(page.key, batch, now)
        report.new, report.edited = len(ingested.new), len(ingested.edited)
        report.visibility, report.deleted = len(ingested.visibility), len(ingested.deleted)
        captured = ingested.to_score
        comments = [c.comment for c in captured]
        history = archive.recent_by_authors(comments, scorer.history_seconds)
        all_scores = scorer.score(comments, history)
        archive.record_scores(
            ((c.rowid, c.version, rule, s.score, list(s.evidence))
             for c, scores in zip(captured, all_scores, strict=True) for rule, s in scores.items()),
            scorer.version, now)
        entries: list[audit.Entry] = [
            audit.Entry("system", "review.closed", f"comment:{comment}",
                        {"item": item_id, "reason": "deleted on the platform"})
            for item_id, comment in queue.close_deleted(
                archive, [c.rowid for c in ingested.deleted], now)]
        urgent_rules = {r.id: r.review for r in scorer.rules if r.urgent}
        for item, scores in zip(captured, all_scores, strict=True):
            decision = decide({rule: s.score for rule, s in scores.items()}, scorer.rules)
            decision_id = archive.record_decision(item.rowid, item.version, decision.outcome,
                                                  decision.rule, actor_kind="system",
                                                  actor=scorer.version, at=now)
            details: dict[str, object] = {
                "version": item.version, "decision": decision.label,
                "model_version": scorer.version,
                "scores": {r: round(s.score, 4) for r, s in scores.items() if s.score > 0},
            }
            key = (decision.outcome, decision.rule or "")
            report.by_rule[key] = report.by_rule.get(key, 0) + 1
            if decision.outcome == "allow":
                report.allowed += 1
            elif decision.outcome == "review":
                item_id, _ = queue.open_item(archive, item.rowid, item.version, page.key,
                                             decision, scores, now)
                details["review_item"] = item_id
                report.queued += 1
            else:
                report.acted += 1
                if not item.comment.hidden:  # one open hide per comment is enough
                    details["action"] = actions.open_action(archive, item.rowid, "hide") or \
                        actions.request(archive, item.rowid, "hide", rule=decision.rule,
                                        dry_run=dry_run, requested_by="system", at=now,
                                        decision=decision_id)
            if any(scores[r].score >= threshold for r, threshold in urgent_rules.items()):
                report.urgent.append(item.rowid)
            entries.append(audit.Entry("system", "decision", f"comment:{item.rowid}", details))
        summary = {k: v for k, v in report.as_dict().items()
                   if k in ("fetched", "new", "edited", "visibility", "deleted", "allowed",
                            "queued", "acted", "bad_records")}
        entries.append(audit.Entry("system", "poll", f"page:{page.key}", summary))
        audit.append_many(archive, entries, at=now)
        archive.save_cursor(page.key, batch.cursor, now)
    if not dry_run:
        sent = actions.run_pending(archive, source, page.key, lease=lease)
        report.sent, report.failed_actions = sent.done, sent.failed
    report.seconds = round(time.monotonic() - started, 3)
    return report


def keep_archived_visibility(archive: Archive, comments: Sequence[Comment]) -> list[Comment]:
    """``comments`` with the visibility the archive last recorded, for platforms that do not
    report it (X): a hide we made must not read as an unhide on the next poll."""
    hidden: set[tuple[str, str]] = set()
    keys = sorted({(c.platform, c.comment_id) for c in comments})
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        where = " OR ".join("(platform = ? AND comment_id = ?)" for _ in chunk)
        rows = archive.query(f"SELECT platform, comment_id FROM comments WHERE ({where}) "  # noqa: S608
                             "AND visibility = 'hidden'", [v for key in chunk for v in key])
        hidden.update((row["platform"], row["comment_id"]) for row in rows)
    return [replace(c, hidden=(c.platform, c.comment_id) in hidden) for c in comments]


def slowdown_seconds(usage: float, threshold: float, interval: float, maximum: float) -> float:
    """How long to hold a page back when the platform reports ``usage`` (0..1) of its limit:
    one extra poll interval at the threshold, growing to five at 100%."""
    over = min(1.0, max(0.0, (usage - threshold) / max(1e-9, 1.0 - threshold)))
    return min(maximum, interval * (1 + 4 * over))


def with_current_token(config: Config, page: Page) -> Page:
    """``page`` with its token re-read from the environment or token file, so a rotated token
    is picked up by a running daemon (and ends a needs_reauth pause) without a restart."""
    if not page.token_env and not page.token_file:
        return page
    token = read_secret(page.token_env, page.token_file, base=config.path.parent)
    return replace(page, token=token) if token and token != page.token else page


def fingerprint(token: str | None) -> str | None:
    """A short hash that tells whether a page's token changed, without storing the token."""
    return hashlib.sha256(token.encode()).hexdigest()[:12] if token else None


def _later(seconds: float) -> str:
    moment = datetime.now(UTC) + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def backoff_seconds(failures: int, maximum: float, base: float = 30.0) -> float:
    """Capped exponential backoff with jitter: 30 s, 60 s, 120 s ... up to ``maximum``."""
    ceiling = min(maximum, base * 2 ** max(failures - 1, 0))
    return ceiling * random.uniform(0.5, 1.0)


def poll_page(archive: Archive, config: Config, page: Page, scorer: Scorer,
              source: Source | None = None) -> CycleReport:
    """Run one cycle unless the page is backing off or waits for a new token; record how it went.

    Never raises for platform or archive trouble: the report says what happened, the page's
    row in ``pages`` says when to try again.
    """
    state = archive.page_state(page.key) or {}
    now = utcnow()
    page = with_current_token(config, page)
    token_id = fingerprint(page.token)
    if state.get("status") == "needs_reauth":
        if state.get("token_fingerprint") == token_id:
            return CycleReport(page.key, skipped="waiting for a new token (re-authorise the page)")
        archive.update_page(page.key, status="ok", failures=0, backoff_until=None)
        audit.append(archive, "system", "page.token_changed", f"page:{page.key}", {})
    if state.get("backoff_until") and state["backoff_until"] > now:
        return CycleReport(page.key, skipped=f"backing off until {state['backoff_until']}")
    own_source = source is None
    try:
        source = source or connect(page, config)
        report = run_cycle(archive, page, source, scorer, dry_run=config.dry_run, now=now,
                           lease=actions.lease_seconds(config.api_timeout))
    except SourceError as error:
        if http.STOP.is_set():  # cut short so the daemon stops in time: not the page's fault
            return CycleReport(page.key, error="interrupted: moderator is stopping",
                               error_kind="interrupted")
        report = CycleReport(page.key, error=str(error), error_kind=error.kind)
        _record_failure(archive, config, page, state, error, token_id, now)
        return report
    except (sqlite3.Error, ArchiveError) as error:  # locked by another writer, disk full...
        recorded = _record_archive_failure(archive, config, page, state, error, now)
        return CycleReport(page.key, error_kind="archive", error=(
            f"archive: {error}; the cycle was rolled back and will be retried" +
            ("" if recorded else " (its failure could not be recorded in the page's state)")))
    except Exception as error:  # an answer no check foresaw, or a bug: the page must say so
        logger.exception("page %s: unexpected %s in a poll cycle", page.key,
                         type(error).__name__)
        failed = SourceError(f"page {page.key}: the cycle stopped on an unexpected "
                             f"{type(error).__name__} (see the daemon's log); nothing from it "
                             "was archived and it will be retried", kind="transient")
        _record_failure(archive, config, page, state, failed, token_id, now)
        return CycleReport(page.key, error=str(failed), error_kind=failed.kind)
    finally:
        if own_source and source is not None:
            source.close()
    fields: dict[str, object] = {"status": "ok", "backoff_until": None}
    if report.usage is not None and report.usage > config.usage_slowdown:
        wait = slowdown_seconds(report.usage, config.usage_slowdown, page.poll_interval,
                                config.max_backoff)
        fields = {"status": "slowed", "backoff_until": _later(wait)}
        logger.warning("page %s: the platform reports %.0f%% of its rate limit used (slow-down "
                       "above %.0f%%); next poll in %.0f s", page.key, report.usage * 100,
                       config.usage_slowdown * 100, wait)
    archive.update_page(page.key, failures=0, last_poll_at=now, last_success_at=now,
                        token_fingerprint=token_id, **fields)
    return report


def _without_page(error: Exception, page: Page) -> str:
    """The error's message without the "page KEY: " the connectors put in front (the log line
    names the page already)."""
    return str(error).removeprefix(f"page {page.key}: ")


def _record_failure(archive: Archive, config: Config, page: Page, state: dict, error: SourceError,
                    token_id: str | None, now: str) -> None:
    failures = int(state.get("failures") or 0) + 1
    fields: dict[str, object] = {"failures": failures, "last_poll_at": now,
                                 "last_error": str(error), "last_error_kind": error.kind,
                                 "last_error_at": now}
    if error.kind == "auth":
        fields.update(status="needs_reauth", token_fingerprint=token_id, backoff_until=None)
        logger.error("page %s needs re-authorisation: %s", page.key, _without_page(error, page))
    else:
        if error.kind == "throttled" and error.retry_after is not None:
            wait = min(float(error.retry_after), config.max_backoff)
        else:
            wait = backoff_seconds(failures, config.max_backoff)
        fields.update(status="throttled" if error.kind == "throttled" else "failing",
                      backoff_until=_later(wait))
        logger.warning("page %s: %s (%s); next try in %.0f s", page.key,
                       _without_page(error, page), error.kind, wait)
    archive.update_page(page.key, **fields)
    if error.kind == "auth" and state.get("status") != "needs_reauth":
        audit.append(archive, "system", "page.needs_reauth", f"page:{page.key}",
                     {"error": str(error)})


def _record_archive_failure(archive: Archive, config: Config, page: Page, state: dict,
                            error: Exception, now: str) -> bool:
    """Note in the page's row that its cycle failed on the archive, and when to retry; False
    when even that cannot be written (the archive is still locked or full)."""
    failures = int(state.get("failures") or 0) + 1
    try:
        archive.update_page(page.key, status="failing", failures=failures, last_poll_at=now,
                            last_error=f"archive: {error}"[:500], last_error_kind="archive",
                            last_error_at=now,
                            backoff_until=_later(backoff_seconds(failures, config.max_backoff)))
    except (sqlite3.Error, ArchiveError):
        return False
    return True


def prepare(archive: Archive, config: Config, scorer: Scorer) -> None:
    """Give every configured page its row and record the model version in use."""
    for page in config.pages:
        archive.register_page(page.key, page.platform, page.account_id, page.name)
    archive.register_model(scorer.version, scorer.model.kind,
                           getattr(scorer.model, "sha256", None))
