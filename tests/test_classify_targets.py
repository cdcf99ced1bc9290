"""What a harsh word is said of, read from a sentence's shape (moderator.classify.targets)."""

from __future__ import annotations

import pytest

from moderator.classify.targets import said_of_things, without_harsh_words


@pytest.mark.parametrize("text", [
    "This policy is stupid.", "What a dumb idea.", "Stupid plan.", "That's stupid.",
    "this whole process is so dumb", "The mayor's budget is stupid.",
    "The council's decision is disgusting.", "The city's new website is garbage.",
    "It is dumb to build a stadium we can't afford.", "Idiotic plan, idiotic timing.",
    "That plan is the stupidest thing I have read.", "Stupidest policy ever.",
    "The roundabout design is stupid and dangerous.", "Thank you for nothing, this rule is dumb.",
])
def test_harsh_words_said_of_a_thing(text: str) -> None:
    assert said_of_things(text)


@pytest.mark.parametrize("text", [
    # said of a person, or of nothing named
    "The mayor is stupid.", "You are stupid.", "Stupid council members.", "What a stupid man.",
    "This council is stupid.", "Pathetic.", "Shut up, stupid.", "Dumb as a rock, this mayor.",
    # the subject is a person who did something to a thing
    "Anyone who supports this is stupid.", "The people who voted for this are stupid.",
    "Whoever approved this plan is stupid.",
    # a thing, and a person in the same breath
    "This plan is stupid and so are you.", "Your plan is dumb, just like you.",
    "Stupid policy from a stupid mayor.", "What a stupid idea, you moron.",
    "The plan is stupid and the mayor is an idiot.",
    "The council president is a pathetic excuse for a leader",
    # "your" is said to someone: "Your logic is stupid" answers a commenter
    "Your new website is garbage.", "Your questions are dumb.",
    # no harsh word at all
    "This policy is unfair.",
])
def test_harsh_words_said_of_a_person_or_of_nothing_named(text: str) -> None:
    assert not said_of_things(text)


def test_a_long_comment_is_read_only_near_each_word() -> None:
    """The clause before a harsh word is looked for within 120 characters: a cut-off window
    does not begin a clause, so the mayor far back is still the subject."""
    assert not said_of_things("The mayor " + "who never answers a single email " * 5 + "is stupid.")
    assert said_of_things("I read the whole thing twice. " * 6 + "This policy is stupid.")


def test_without_harsh_words_keeps_the_rest() -> None:
    text = "What a STUPID idea, stupidly done."
    assert without_harsh_words(text) == "What a  idea, stupidly done."


def _adversarial() -> list[str]:
    from conftest import ROOT

    text = (ROOT / "tests" / "data" / "harsh-adversarial.txt").read_text(encoding="utf-8")
    return [line.replace("\\n", "\n") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


ADVERSARIAL = _adversarial()


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_attacks_written_to_slip_past_the_first_version_are_not_read_as_about_things(
        text: str) -> None:
    """"That is a stupid man." (an article after "is"), "Bill is stupid." (a name that is also
    a thing), "What a dumb permit clerk." (the thing is not the head), "Muslims on this page
    are stupid." (a preposition inside the subject), "This policy is stupid, like the
    mayor." (a comparison), "This plan is dumb. The mayor is dumb-as-rocks." (a hyphenated
    word): a code review's 124 attacks, each lowered below review by the first version."""
    assert not said_of_things(text)


def test_the_window_before_a_harsh_word_does_not_begin_a_clause() -> None:
    """The subject is looked for within 160 characters before a harsh word. Where the window
    cuts a sentence, its first character is not a clause's start: here it falls on "the"
    after "Supporting", and "the ... plan is stupid" is not the sentence's own clause."""
    text = "Supporting the " + "x" * 147 + " plan is stupid."
    start = text.index("stupid")
    assert text[start - 160:].startswith("the x")
    assert not said_of_things(text)
    assert said_of_things(text.removeprefix("Supporting "))


def test_a_long_subject_is_read_whole() -> None:
    assert said_of_things("The mayor's brand-new downtown parking rules for the east side are "
                          "stupid.")
