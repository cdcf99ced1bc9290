"""Whether a comment is only criticism of things, every word of it read
(moderator.classify.targets)."""

from __future__ import annotations

import pytest

from moderator.classify.targets import said_of_things, without_harsh_words


@pytest.mark.parametrize("text", [
    "This policy is stupid.", "What a dumb idea.", "Stupid plan.", "That's stupid.",
    "this whole process is so dumb", "The mayor's budget is stupid.",
    "The council's decision is disgusting.", "The city's new website is garbage.",
    "Idiotic plan, idiotic timing.", "lol what a dumb rule", "STUPID PLAN!!",
    "Honestly, this whole process is so dumb 🙄", "What a ridiculous waste of taxpayer money.",
    "The city's new parking rules are stupid.", "This bill is stupid.",
    "That plan is the stupidest proposal I have read.", "Stupidest policy ever.",
    "The roundabout design is stupid and dangerous.", "Stupid plan. Stupid fee.",
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
    # a word the reading does not know: every word must be one it knows
    "It is dumb to build a stadium we can't afford.", "Thank you for nothing, this rule is dumb.",
    "This plan is stupid and jenkins is a cow.", "Another stupid plan from the cow.",
    "The Ramadan event is disgusting.", "The parade of fruits is disgusting.",
    "Stupid Bill.", "STUPID BILL", "lol what a dumb rule, hope jenkins dies",
])
def test_harsh_words_said_of_a_person_or_of_nothing_named(text: str) -> None:
    assert not said_of_things(text)


@pytest.mark.parametrize("text", [
    "This plan is stupid. Jenkins is a cow.", "The policy is disgusting. Hang jenkins.",
    "Stupid plan. jenkins \U0001F437", "This plan is stupid #FatJenkins",
    "Stupid post, magat.", "Stupid question, sweetie.", "What a pathetic waste of space.",
    "Stupid female logic.", "Women's ideas are stupid.", "That rat's plan is stupid.",
    "Their parade is disgusting.", "THIS PLAN IS STUPID. Jenkins IS A COW.",
    "This plan is stupid. Same with jenkins.",
])
def test_a_second_code_reviews_shapes_are_not_read_as_about_things(text: str) -> None:
    """A sentence without a harsh word is read by no one here, and the model does not know
    every insult ("Jenkins is a cow." alone scores 0.09): every sentence must carry a harsh
    word said of a thing. Also: hashtags and emoji other than a few of exasperation, a form
    of address after the thing, "a waste of space", peoples anywhere, owners other than the
    agency and its officials."""
    assert not said_of_things(text)


def test_a_run_of_ands_is_read_in_one_way() -> None:
    """"and" was both a separator and part of a word: "stupid, andandand..." had 2**26 readings
    and a 4,000-character comment of them took 2.6 s to score (a second code review)."""
    assert not said_of_things("This plan is stupid, " + "and" * 40 + ".")
    assert not said_of_things("Stupid " + "and" * 40)


@pytest.mark.parametrize("text", [
    "The whole pool is stupid.", "The whole ticket is disgusting.",
    "What a disgusting evening service.", "ugh its whole form is disgusting",
    "the late bill is stupid", "The old bill is disgusting.", "THE PARKS ARE STUPID",
])
def test_a_thing_that_may_be_people_needs_a_word_of_its_kind(text: str) -> None:
    """"Pool", "ticket", "service", "form" read only after a word that names their kind, not
    "whole" or "evening"; "bill" and "grant" not after "late" or "old" (a sixth code review)."""
    assert not said_of_things(text)


@pytest.mark.parametrize("text", ["The budget cut is stupid.", "The parking ticket is stupid.",
                                  "The late fee is stupid.", "The bus service is pathetic."])
def test_a_thing_with_a_word_of_its_kind_is_read(text: str) -> None:
    assert said_of_things(text)


def test_in_a_reply_this_is_stupid_may_answer_the_writer() -> None:
    """Under a post, "This is stupid." is said of the post's news; in a reply to a comment it
    may be said of the comment's writer (a fourth code review): there the subject must be a
    thing."""
    assert said_of_things("This is stupid.")
    assert not said_of_things("This is stupid.", reply=True)
    assert said_of_things("This policy is stupid.", reply=True)


def test_a_skin_tone_or_a_sign_of_sex_is_read_only_in_a_face_palm() -> None:
    assert said_of_things("This roundabout is insane \U0001F926\u200d\u2640\ufe0f")
    assert not said_of_things("These rules are disgusting \U0001F3FF")
    assert not said_of_things("This is stupid \u2640")


def test_without_harsh_words_keeps_the_rest() -> None:
    text = "What a STUPID idea, stupidly done."
    assert without_harsh_words(text) == "What a  idea, stupidly done."


def _adversarial() -> list[str]:
    from conftest import ROOT

    lines = []
    for name in ("harsh-adversarial.txt", "harsh-adversarial-2.txt", "harsh-adversarial-3.txt",
                 "harsh-adversarial-4.txt", "harsh-adversarial-5.txt"):
        text = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")
        lines += [line.replace("\\n", "\n") for line in text.splitlines()
                  if line.strip() and not line.startswith("#")]
    return lines


ADVERSARIAL = _adversarial()


@pytest.mark.parametrize("text", ADVERSARIAL)
def test_attacks_written_to_slip_past_the_first_version_are_not_read_as_about_things(
        text: str) -> None:
    """"That is a stupid man." (an article after "is"), "Bill is stupid." (a name that is also
    a thing), "What a dumb permit clerk." (the thing is not the head), "Muslims on this page
    are stupid." (a preposition inside the subject), "This policy is stupid, like the
    mayor." (a comparison), "This plan is dumb. The mayor is dumb-as-rocks." (a hyphenated
    word): a code review's 124 attacks, each lowered below review by the first version, and a
    second review's 172 against the second (harsh-adversarial-2.txt), a third review's 193
    against the third, a fourth's 65 against the closed vocabulary ("What a stupid lot.",
    "Stupid bILL.", "The diversity increase is disgusting.") and a fifth's 72 ("The law are
    stupid.": a plural verb after a singular thing names people)."""
    assert not said_of_things(text)


def test_a_long_comment_is_not_read() -> None:
    """Criticism of a thing is said in a sentence or two; a comment over 1,000 characters is
    left to the model and its moderators, and is never read word by word."""
    assert said_of_things("This policy is stupid. " * 40)
    assert not said_of_things("This policy is stupid. " * 50)

