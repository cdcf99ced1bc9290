"""Keyword and pattern matching: the agency's own rules, and a small stand-in model.

:class:`RuleMatcher` scores 1.0 for a rule whose published keywords or patterns match.
:class:`KeywordModel` is the transparent fallback for the model rules: a short word list per
rule, used in tests and when no trained artifact is available.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderator.classify import History, RuleScore, Scores
from moderator.comments import Comment
from moderator.config import RuleBook


def _pattern(keywords: Sequence[str], patterns: Sequence[str]) -> re.Pattern[str] | None:
    parts = [r"(?<!\w)" + re.escape(k) + r"(?!\w)" for k in keywords] + [f"(?:{p})"
                                                                           for p in patterns]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _evidence(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in pattern.finditer(text):
        word = match.group(0)[:80]
        if word and word not in found:
            found.append(word)
        if len(found) == 5:
            break
    return tuple(found)


class RuleMatcher:
    """Scores each rule that publishes keywords or patterns: 1.0 on a match, else nothing.

    A keyword can only match when it occurs in the lower-cased text, so one search for every
    rule's keywords as plain substrings (fast) guards the word-boundary regular expressions
    (slow) that confirm them.
    """

    history_seconds = 0.0

    def __init__(self, rules: RuleBook) -> None:
        self.rules: list[tuple[str, tuple[str, ...], re.Pattern[str] | None,
                               re.Pattern[str] | None]] = []
        for rule in rules:
            if rule.keywords or rule.patterns:
                self.rules.append((rule.id, tuple(k.lower() for k in rule.keywords),
                                   _pattern(rule.keywords, ()), _pattern((), rule.patterns)))
        words = sorted({w for _, ws, _, _ in self.rules for w in ws})
        self.screen = re.compile("|".join(map(re.escape, words))) if words else None

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        results: list[Scores] = []
        for comment in comments:
            scores: Scores = {}
            lowered = comment.text.lower() if self.screen is not None else ""
            some_word = self.screen is not None and self.screen.search(lowered) is not None
            for rule_id, words, by_word, by_pattern in self.rules:
                evidence: tuple[str, ...] = ()
                if some_word and by_word is not None and any(w in lowered for w in words):
                    evidence = _evidence(by_word, comment.text)
                if by_pattern is not None and by_pattern.search(comment.text):
                    evidence += _evidence(by_pattern, comment.text)
                if evidence:
                    scores[rule_id] = RuleScore(1.0, evidence[:5])
            results.append(scores)
        return results


STAND_IN_WORDS: dict[str, tuple[str, ...]] = {
    "profanity": ("fuck", "fucking", "shit", "bullshit", "asshole", "damn"),
    "threat": ("kill you", "i will hurt", "burn down", "shoot", "you will pay", "watch your back"),
    "harassment": ("idiot", "moron", "stupid", "loser", "pathetic"),
    "hate": ("vermin", "subhuman", "go back to your country"),
    "sexual": ("nudes", "sexy", "porn"),
    "spam": ("buy now", "click here", "free money", "crypto", "subscribe to my"),
    "personal_info": ("home address is", "social security number", "his phone number is"),
}


class KeywordModel:
    """A transparent keyword model: 0.9 for a rule when one of its words appears, else 0."""

    kind = "keywords"
    version = "keywords-1"

    def __init__(self, words: dict[str, tuple[str, ...]] | None = None) -> None:
        self.patterns = {rule: _pattern(ws, ()) for rule, ws in (words or STAND_IN_WORDS).items()}

    def score_texts(self, texts: Sequence[str]) -> list[Scores]:
        results: list[Scores] = []
        for text in texts:
            scores: Scores = {}
            for rule, pattern in self.patterns.items():
                evidence = _evidence(pattern, text) if pattern else ()
                scores[rule] = RuleScore(0.9 if evidence else 0.0, evidence)
            results.append(scores)
        return results
