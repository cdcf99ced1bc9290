"""Keyword and pattern matching: the agency's own rules, and a small stand-in model.

:class:`RuleMatcher` scores 1.0 for a rule whose published keywords or patterns match.
:class:`KeywordModel` is the transparent fallback for the model rules: a short word list per
rule, used in tests and when no trained artifact is available.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderator.classify import History, RuleScore, Scores, literals
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

    A keyword can only match where it occurs in the lower-cased text, and a pattern only where
    one of the strings each of its matches holds does (literals.screen): these quick tests for
    plain substrings guard the regular expressions (slow) that confirm them.
    """

    history_seconds = 0.0

    def __init__(self, rules: RuleBook) -> None:
        self.rules: list[tuple[str, tuple[str, ...], re.Pattern[str] | None,
                               re.Pattern[str] | None, literals.Screen | None]] = []
        for rule in rules:
            if rule.keywords or rule.patterns:
                by_pattern = _pattern((), rule.patterns)
                self.rules.append((rule.id, tuple(literals.fold(k) for k in rule.keywords),
                                   _pattern(rule.keywords, ()), by_pattern,
                                   literals.screen(by_pattern) if by_pattern else None))
        self.words = tuple(sorted({w for _, words, _, _, _ in self.rules for w in words}))
        self.patterned = [rule for rule in self.rules if rule[3] is not None]

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        results: list[Scores] = []
        for comment in comments:
            text = comment.text
            folded = literals.fold(text)
            some_word = literals.holds_one(folded, self.words)
            scores: Scores = {}
            for rule_id, words, by_word, by_pattern, screen in (
                    self.rules if some_word else self.patterned):
                evidence: tuple[str, ...] = ()
                if by_word is not None and literals.holds_one(folded, words):
                    evidence = _evidence(by_word, text)
                if by_pattern is not None and (screen is None or screen.admits(folded)) \
                        and by_pattern.search(text):
                    evidence += _evidence(by_pattern, text)
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
