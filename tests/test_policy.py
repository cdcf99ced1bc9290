"""Only published rules decide; each outcome names its rule."""

from __future__ import annotations

import pytest

from moderator.policy import decide


@pytest.mark.parametrize("scores, label", [
    ({}, "allow"),
    ({"profanity": 0.49}, "allow"),
    ({"profanity": 0.5}, "review"),
    ({"profanity": 0.95}, "act:profanity"),
    ({"harassment": 0.99}, "review"),             # harassment is published as review-only
    ({"threat": 0.31}, "review"),
    ({"threat": 0.9, "profanity": 0.95}, "act:profanity"),  # the stronger act wins
    ({"harassment": 0.99, "spam": 0.91}, "act:spam"),
    ({"off_topic": 1.0}, "review"),
    ({"campaigning": 1.0, "threat": 0.2}, "review"),
])
def test_it_decides_from_scores_and_published_rules(rules, scores: dict, label: str) -> None:
    assert decide(scores, rules).label == label


def test_a_review_names_the_highest_scoring_rule(rules) -> None:
    decision = decide({"profanity": 0.6, "harassment": 0.8}, rules)
    assert decision.rule == "harassment"
    assert [h.rule for h in decision.hits] == ["harassment", "profanity"]


def test_rules_not_published_are_ignored(rules) -> None:
    assert decide({"rudeness": 1.0, "disagrees_with_mayor": 1.0}, rules).label == "allow"
