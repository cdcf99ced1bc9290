"""From scores to a decision: pure, and only ever about the published rules.

A rule scoring at or above its act threshold decides ``act:<rule>`` when the agency publishes
that a confident match is hidden (``on_match = "hide"``), otherwise it goes to review. A rule at
or above its review threshold sends the comment to review. Nothing else can hide a comment: no
rule, no action, which is what keeps moderation viewpoint-neutral.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from moderator.config import RuleBook

OUTCOMES = ("allow", "review", "act")


@dataclass(frozen=True, slots=True)
class Hit:
    rule: str
    score: float
    threshold: str  # "review" or "act"


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: str
    rule: str | None = None
    hits: tuple[Hit, ...] = ()

    @property
    def label(self) -> str:
        """``allow``, ``review`` or ``act:<rule id>`` (the score CSV's decision column)."""
        return f"act:{self.rule}" if self.outcome == "act" else self.outcome


def decide(scores: Mapping[str, float], rules: RuleBook) -> Decision:
    """The decision for one comment's scores; a rule missing from ``scores`` scores 0."""
    hits: list[Hit] = []
    for rule in rules:
        score = float(scores.get(rule.id, 0.0))
        if score >= rule.act and score > 0:
            hits.append(Hit(rule.id, score, "act"))
        elif score >= rule.review and score > 0:
            hits.append(Hit(rule.id, score, "review"))
    if not hits:
        return Decision("allow")
    ranked = sorted(hits, key=lambda h: (h.threshold == "act", h.score), reverse=True)
    acting = [h for h in ranked if h.threshold == "act" and rules[h.rule].on_match == "hide"]
    if acting:
        return Decision("act", acting[0].rule, tuple(ranked))
    return Decision("review", ranked[0].rule, tuple(ranked))
