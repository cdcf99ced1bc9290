"""A slow search is skipped only where it could not have matched.

The published phrases and an agency's patterns are searched only in texts that hold one of the
strings every match holds (moderator.classify.literals). These tests hold the screen to that:
every text an expression matches is admitted, and texts without the words are not.
"""

from __future__ import annotations

import re

import pytest

from moderator.classify import keywords, lexicon, literals
from moderator.comments import Comment
from moderator.config import Rule, RuleBook

TEXTS = [
    "Vote yes on Measure A, and re-elect Mayor Ortiz!",
    "VOTE   NO ON PROP 12",
    "Please reelect the council member who fixed our road",
    "We need a color-coded map of the snow routes",
    "the colour of the new buses is fine",
    "Kill the bill. Not kill the mayor.",
    "I will not kill anyone, calm down",
    "the zzz and the sss",
    "stop stop stop",
    "Budget hearing tonight at 6 in the council chambers",
    "caf\u00e9 on Main St is open late",
    "\u017ftolen goods at the flea market",
    "FAKE \u0130DS sold behind the library",
    "the \u212aing st bridge is closed",
    "",
]

EXPRESSIONS = [
    (r"\bvote\s+(yes|no)\s+on\s+(the\s+)?(measure|prop(osition)?)\b", re.IGNORECASE),
    (r"\b(re-?elect|vote\s+for)\s+(the\s+)?(council\s*member|mayor)\b", re.IGNORECASE),
    (r"colou?r", 0),
    (r"(?<!not )kill (?:the|this) (?:bill|mayor)", re.IGNORECASE),
    (r"\bz{2,3}\b|s{3}", 0),
    (r"(\w+) \1 \1", 0),
    (r"(kill)?(?(1) the bill|stop)", 0),
    (r"caf\u00e9", 0),
    (r"stolen goods|fake\s+ids?", re.IGNORECASE),
    (r"king st(reet)?", re.IGNORECASE),
    (r"[a-c]{2}", 0),
    (r".*", 0),
    (r"(?x) hearing \s+ tonight  # a verbose pattern", 0),
    (r"(?>atomic|group)s", 0),
    (r"(?:bud|)get", 0),
]


@pytest.mark.parametrize(("expression", "flags"), EXPRESSIONS)
def test_every_text_an_expression_matches_passes_its_screen(expression: str, flags: int) -> None:
    pattern = re.compile(expression, flags)
    screen = literals.screen(pattern)
    for text in TEXTS:
        if pattern.search(text):
            assert screen is None or screen.admits(literals.fold(text)), (expression, text)


def test_the_screen_names_the_words_a_match_needs_and_turns_other_texts_away() -> None:
    campaign = literals.screen(re.compile(EXPRESSIONS[1][0], re.IGNORECASE))
    assert campaign is not None
    assert set(campaign.strings) == {"council", "mayor"}
    assert not campaign.admits(literals.fold("Budget hearing tonight at 6"))
    assert campaign.admits(literals.fold("RE-ELECT THE MAYOR"))
    # a string every one of the strings holds is tested first
    threat = literals.screen(re.compile(r"(?:you|he) (?:won't|will not) make it home"))
    assert threat is not None and threat.common == "t make it home"


@pytest.mark.parametrize("expression", [r".*", r"\w+ \w+", r"(\w+) \1", r"[^x]{4}", r"ab|c",
                                        r"(?:bud)?ge"])
def test_an_expression_without_three_letters_every_match_needs_is_always_searched(
        expression: str) -> None:
    assert literals.screen(re.compile(expression)) is None


def test_folding_reads_the_letters_ignorecase_matches_to_ascii() -> None:
    """"ſ", "İ" and "ı" match s and i under re.IGNORECASE, and the Kelvin sign matches k; a
    lower-cased text must still show them as those letters, or a screen would turn away a
    text the expression matches."""
    for odd, plain in (("\u017f", "s"), ("\u0130", "i"), ("\u0131", "i"), ("\u212a", "k")):
        assert re.fullmatch(plain, odd, re.IGNORECASE)
        assert literals.fold(f"x{odd}y") == f"x{plain}y"


def test_every_published_phrase_has_a_screen_or_is_searched_where_its_words_are() -> None:
    """The phrases are long: most must get a screen, or the scorer's speed falls back."""
    phrases = [*lexicon.THREAT_PHRASES, *lexicon.HATE_PHRASES, *lexicon.SPAM_PHRASES,
               *lexicon.SEXUAL_PHRASES]
    screened = [literals.screen(re.compile(expression)) for _, expression in phrases]
    assert sum(s is not None for s in screened) >= 0.95 * len(phrases)


def test_an_agency_keyword_or_pattern_still_matches_a_text_written_with_odd_letters() -> None:
    rules = RuleBook((Rule("illegal_activity", "Illegal activity", "Selling illegal goods.",
                           keywords=("stolen goods",), patterns=(r"\bfake\s+ids?\b",)),
                      Rule("campaigning", "Campaigning", "Election ads.",
                           patterns=(EXPRESSIONS[0][0],))))
    matcher = keywords.RuleMatcher(rules)
    texts = ["\u017ftolen goods for sale", "FAKE \u0130DS behind the library",
             "VOTE YES ON MEASURE A", "Budget hearing tonight", "stolen goodness"]
    found = matcher.detect([Comment("facebook", "page", "post", f"c{i}", text)
                            for i, text in enumerate(texts)], {})
    assert [sorted(scores) for scores in found] == [
        ["illegal_activity"], ["illegal_activity"], ["campaigning"], [], []]



def test_a_keyword_written_with_a_dotless_i_or_a_long_s_still_matches() -> None:
    """The text is folded before the keyword test (ı and İ read as i, ſ as s): so must the
    keywords be, or "ırkçı" (a code review) would never match again."""
    rules = RuleBook((Rule("hate", "Hate", "Slurs.", keywords=("\u0131rk\u00e7\u0131",
                                                                "\u017fcum")),))
    matcher = keywords.RuleMatcher(rules)
    found = matcher.detect([Comment("facebook", "page", "post", f"c{i}", text) for i, text in
                            enumerate(["sen bir \u0131rk\u00e7\u0131 s\u0131n",
                                       "\u017fcum", "scum"])], {})
    assert [sorted(scores) for scores in found] == [["hate"], ["hate"], ["hate"]]
