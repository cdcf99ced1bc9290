"""Figures for the dashboard: the queue, the moderators' work, and how often they agree with the
model. Read-only queries over the archive."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from moderator.archive import Archive
from moderator.comments import to_iso


def _age_hours(moment: str | None) -> float | None:
    if not moment:
        return None
    then = datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return round((datetime.now(UTC) - then).total_seconds() / 3600, 1)


def stats(archive: Archive, days: int = 14) -> dict[str, Any]:
    """Queue size and age, decisions per day per moderator, automatic actions per rule, and
    agreement between the model and the moderators."""
    since = to_iso(datetime.now(UTC) - timedelta(days=days))
    oldest = archive.scalar("SELECT min(created_at) FROM review_items WHERE status = 'pending'")
    # decisions, not their undoing: an undo or unhide takes one back and is not a second one
    per_day = archive.query(
        "SELECT substr(decided_at, 1, 10) AS day, actor, count(*) AS decisions FROM decisions "
        "WHERE actor_kind = 'user' AND outcome IN ('keep', 'hide', 'escalate', 'confirm', "
        "'reverse') AND decided_at >= ? GROUP BY day, actor ORDER BY day DESC, actor", [since])
    auto = archive.query(
        "SELECT rule, count(*) AS actions, sum(status IS 'would') AS would, "
        "sum(status IS 'done') AS done, sum(review IS 'confirm') AS confirmed, "
        "sum(review IS 'reverse') AS reversed FROM actions WHERE requested_by = 'system' "
        "AND kind = 'hide' GROUP BY rule ORDER BY actions DESC")
    # Agreement: on items the model sent to review, a moderator agrees when hiding under the
    # rule the model ranked first; on automatic hides, when confirming them. Only the decision
    # that stands on a decided item counts, not one a moderator undid.
    reviewed = archive.query(
        "SELECT r.rule AS model_rule, d.outcome, d.rule FROM review_items r JOIN decisions d ON "
        "d.id = (SELECT max(id) FROM decisions WHERE review_item = r.id AND actor_kind = "
        "'user') WHERE r.status = 'decided' AND d.outcome IN ('keep', 'hide')")
    agree = sum(1 for r in reviewed if r["outcome"] == "hide" and r["rule"] == r["model_rule"])
    confirmed = sum(int(r["confirmed"] or 0) for r in auto)
    reversed_ = sum(int(r["reversed"] or 0) for r in auto)
    judged = len(reviewed) + confirmed + reversed_
    return {
        "pending": int(archive.scalar("SELECT count(*) FROM review_items WHERE status = "
                                      "'pending'")),
        "escalated": int(archive.scalar("SELECT count(*) FROM review_items WHERE status = "
                                        "'escalated'")),
        "oldest_pending_hours": _age_hours(oldest),
        "decisions_per_day": per_day,
        "auto_actions": auto,
        "agreement": {"judged": judged, "agreed": agree + confirmed,
                      "rate": round((agree + confirmed) / judged, 3) if judged else None},
        "days": days,
    }
