"""A reply on X or Instagram opens with the @handle of the account it answers: the platform puts
it there, not the resident. The training sets' tweets open with handles and their other
sources do not, so the model had learned a handle as a sign of a tweet: the same words went to
harassment review as an X reply and were allowed as a Facebook comment, and a threat as an X
reply scored near zero. The scorer now gives the model a reply without its opening handles, so
the same words get the same decision on every platform."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import Scorer, for_the_model, make_scorer, without_opening_handles
from moderator.comments import Comment
from moderator.config import load_rules
from moderator.policy import decide

#: Written for this test: replies a resident might send the City's account, civil and not.
REPLIES = [
    "she is back !",
    "He is still new at this job",
    "Go home, the meeting is over",
    "Is the pool open on Sunday?",
    "Thanks for fixing the light on 5th, took long enough.",
    "The new bus schedule is a mess and you know it.",
    "deserves a bullet",
    "I know where you live and I will come for you",
    "You are a pathetic clown",
    "Call me at 555 201 3344 about the puppies, cash only",
]


@cache
def scorer() -> Scorer:
    return make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))


def scores(platform: str, text: str) -> dict[str, float]:
    comment = Comment(platform, "city", "p1", "c1", text, author_id="a1")
    return {rule: round(s.score, 6) for rule, s in scorer().score([comment])[0].items()}


def test_the_scorer_reads_a_reply_without_the_handles_it_opens_with() -> None:
    read = without_opening_handles
    assert read("@CityHall @MayorJones When will the pool open?") == "When will the pool open?"
    assert read("  @city_hall: thanks!") == "thanks!"
    # a handle inside the text is what the resident wrote: it stays
    assert read("Thanks @CityHall for the update") == "Thanks @CityHall for the update"
    assert read("email me at a@b.org") == "email me at a@b.org"
    assert read("@") == "@"
    assert read("@CityHall") == ""
    # the model reads any other handle as a pronoun every source uses, not as a tweet's "@user"
    assert for_the_model("@CityHall I hope @MayorJones dies") == "I hope them dies"
    assert for_the_model("email me at a@b.org") == "email me at a@b.org"
    # an Instagram handle may hold dots; a sentence's full stop is not part of a handle
    assert for_the_model("@ruth.g.42 DM @crypto.queen.trades now") == "DM them now"
    assert for_the_model("Thanks @CityHall.") == "Thanks them."


@pytest.mark.parametrize("text", REPLIES)
@pytest.mark.parametrize("handles", ["@CityHall ", "@CityHall @MayorJones ", "@springfield_gov: "])
def test_the_same_words_score_the_same_as_an_x_reply_and_as_a_facebook_comment(
        text: str, handles: str) -> None:
    assert scores("x", handles + text) == scores("facebook", text)


def test_a_short_civil_reply_is_not_sent_to_harassment_review_for_its_handle() -> None:
    rules = load_rules(ROOT / "config" / "conduct-rules.toml")
    # 0.29 before: over harassment review only because of "@CityHall"
    assert scores("x", "@CityHall she is back !")["harassment"] < rules["harassment"].review


def test_a_threat_sent_as_a_reply_is_hidden_as_it_would_be_in_a_comment() -> None:
    rules = load_rules(ROOT / "config" / "conduct-rules.toml")
    comment = Comment("x", "city", "p1", "c1", "@CityHall @MayorJones deserves a bullet")
    scored = scorer().score([comment])[0]
    # threat 0.0003 from the model before, raised only to review by a published phrase
    assert scored["threat"].score >= rules["threat"].act
    assert scored["threat"].evidence == ("bullet",)
    assert decide({rule: s.score for rule, s in scored.items()}, rules).label == "act:threat"


def _lines(name: str) -> list[str]:
    text = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")
    return [line.replace("\\n", "\n") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def test_an_insult_in_a_handle_is_not_read_as_criticism_of_a_thing() -> None:
    """The model never read a handle's name (every handle is "@user" to it), but the reading of
    harsh words said of things reads every word, and a handle is no word it knows: a reply
    opening with handles is not read, so "@CityHall @jenkins_fat_cow what a stupid plan."
    keeps its review, and so does every attack of the six code reviews sent as an X reply.
    The cost: "@CityHall This policy is stupid." reaches review where the comment does not."""
    review = scorer().rules["harassment"].review
    attacks = [line for n in ("", "-2", "-3", "-4", "-5")
               for line in _lines(f"harsh-adversarial{n}.txt")]
    assert len(attacks) == 626
    replies = scorer().score([Comment("x", "city", "p1", f"c{i}", "@CityHall " + text)
                              for i, text in enumerate(attacks)])
    below = [text for text, s in zip(attacks, replies, strict=True)
             if s["harassment"].score < review]
    assert not below, below
    assert scores("x", "@CityHall @jenkins_fat_cow what a stupid plan.")["harassment"] >= review
    assert scores("facebook", "What a stupid plan.")["harassment"] < review


def _probe(names: tuple[str, ...]) -> list[str]:
    return [line for name in names for line in _lines(f"{name}.txt")]


CIVIL = _probe(("public-affairs", "official-criticism", "angry-criticism", "short-replies",
                "short-reactions", "plain-descriptions", "identity-advocacy", "violent-civil"))
VIOLATIONS = _probe(("personal-insults", "name-calling", "threats-written",
                     "harsh-about-people"))


def _at_review(texts: list[str]) -> int:
    rules = scorer().rules
    found = scorer().score([Comment("x", "city", "p1", f"c{i}", text)
                            for i, text in enumerate(texts)])
    return sum(any(s.score >= rules[rule].review for rule, s in scores.items())
               for scores in found)


def test_a_handle_inside_a_comment_is_no_sign_of_a_tweet_either() -> None:
    """Read as "@user", a handle anywhere made the model read a tweet: "Hey @MayorJones, <the
    tests' violations>" reached review 235 times in 380 (293 without the greeting), and civil
    lines ending with "@CityHall" 30 times in 680 (17 without it). Read as "them": 278 and 16."""
    assert (len(CIVIL), len(VIOLATIONS)) == (680, 380)
    assert _at_review(["Hey @MayorJones, " + text for text in VIOLATIONS]) >= 270
    assert _at_review([text + " @CityHall" for text in CIVIL]) <= 20


def _decision(text: str) -> str:
    comment = Comment("x", "city", "p1", "c1", text)
    found = scorer().score([comment])[0]
    return decide({rule: s.score for rule, s in found.items()}, scorer().rules).label


@pytest.mark.parametrize("text", [
    "Kill @CityHall noise ordinance", "Go kill it @CityMarathon",
    "Gas @CityHall vehicles with the cheaper fuel"])
def test_an_account_read_as_a_person_is_not_hidden_on_that_alone(text: str) -> None:
    """Read as "them", an account became a person: the first two were hidden as threats (0.73
    and 0.95; a code review). Read without the handle they are not, so a moderator decides."""
    assert _decision(text) != "act:threat"


def test_a_threat_at_a_handle_still_reaches_review_with_its_alert() -> None:
    comment = Comment("x", "city", "p1", "c1", "I'm going to shoot @MayorJones")
    found = scorer().score([comment])[0]["threat"]
    assert found.score >= scorer().rules["threat"].review
    assert "a handle read as a person: a moderator decides" in found.evidence


@pytest.mark.parametrize("text", [
    "Free school supplies Saturday at Lincoln Park!! Please share @CityHall",
    "Refund check #10293 for $84.50 never arrived, @WaterDept?",
    "Road closures for the marathon Sunday, please share. Follow @CityTraffic for live updates",
    "FREE iPhone 15 giveaway!! Please share and DM @promo_king to claim"])
def test_a_handle_is_no_way_to_reach_anyone_that_the_scorer_can_tell_from_a_tag(
        text: str) -> None:
    """Asking to share, or quoting a bill, with no way to reach anyone, goes to a moderator. A
    handle may tag the office asked or be a spammer's contact, and the scorer cannot tell
    which: two code reviews found notices and bills hidden as spam when any handle counted,
    and spam let off when only "DM @x" and its kin did. A moderator decides both."""
    assert _decision(text) == "review"


@pytest.mark.parametrize("text", ["check this out @bit.ly/3xYz9",
                                  "Want free followers? Go to @followboost.net/promo",
                                  "hot pics @OnlyFans.COM"])
def test_a_link_written_with_an_at_sign_is_read_as_the_link(text: str) -> None:
    """Read as a handle, "@followboost.net/promo" lost its link (a code review: 15 of 30 such
    spam comments were allowed); the model and the spam rules read it as the same link
    written without the "@"."""
    assert for_the_model(text) == text
    assert _decision(text) == _decision(text.replace("@", "")) != "allow"


@pytest.mark.parametrize("text", [
    "Hey @MayorJones, i'll kill u if u tow my car again",
    "Next time I'm bringing a gun to the hearing. cc @MayorJones @CityHall",
    "I will kill @MayorJones/"])
def test_a_threat_that_addresses_a_handle_is_hidden_as_without_it(text: str) -> None:
    """The second reading takes the handle with its "Hey" or "cc": "Hey , i'll kill u ..."
    read milder than "i'll kill u ..." and lost its hide (a second code review); a "/" after a
    handle made it a link."""
    assert _decision(text) == "act:threat"


def test_every_ending_the_model_reads_as_a_link_is_a_link_after_an_at_sign() -> None:
    """The handle reading keeps its own copy of the link endings (the package does not import
    the model's features to score nothing): the two must agree."""
    from moderator.classify.features import _TLDS

    for ending in _TLDS:
        assert for_the_model(f"see @site.{ending}/page") == f"see @site.{ending}/page"
        assert for_the_model(f"see @Site.{ending.upper()}") == f"see @Site.{ending.upper()}"
    assert for_the_model("see @site.trades") == "see them"
