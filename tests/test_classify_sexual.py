"""Sexual content: no public data set labels it, so a published word list scores it
(moderator/classify/lexicon.py). Solicitation goes to review or is hidden; a word that is also
part of civic life (a sewer hookup, a nude beach, strip club zoning) does not send a comment to
a moderator by itself. Every sentence was written for this test.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import lexicon, model
from moderator.config import load_rules

RULE = load_rules(ROOT / "config" / "conduct-rules.toml")["sexual"]


@cache
def shipped() -> model.ConductModel:
    return model.load()


def sexual(text: str) -> tuple[float, tuple[str, ...]]:
    found = shipped().score_texts([text])[0]["sexual"]
    return found.score, found.evidence


@pytest.mark.parametrize("text", [
    "The sewer hookup fee doubled this year and nobody explained why",
    "Where do I apply for a water hookup for the new house on Birch Lane?",
    "The proposed nude beach at the reservoir deserves a public hearing",
    "The lingerie shop on Main closed after 40 years, another empty storefront",
    "The strip club zoning variance was approved without notice to the neighbours",
    "Stop trying to seduce developers with tax breaks we cannot afford",
    "My daughter's kinky hair was cited in the school dress code. That policy is racist.",
    "Two married guys run the bakery on 5th and they deserve the small business award",
    "A generous man donated the bench by the pond in memory of his wife",
    "The signup link is in bio on the parks department's account",
    "Great tits and blue tits are nesting in the boxes at Riverside Park",
    "Horny toads are back in the county preserve after the drought",
    # release 2026.12.11: hints alone
    "The NSA grant paid for the new servers at the emergency operations centre",
    "Main Street lost its last full service gas station this spring",
    "The new sewer hookups on Route 9 were finished ahead of schedule",
    "The budget is an orgy of spending on consultants",
    "I hope the library renovation story has a happy ending",
    "My mother is in bed with the flu and missed the hearing",
])
def test_a_word_with_a_civic_meaning_does_not_send_a_comment_to_review_by_itself(text: str
                                                                                  ) -> None:
    score, evidence = sexual(text)
    assert score < RULE.review, f"{text!r} scores {score:.2f} for {evidence}"


@pytest.mark.parametrize(("text", "word"), [
    ("snowed in and horny, who wants to come warm me up", "horny"),
    ("library's closed but my DMs are open, looking for a discreet hookup", "discreet hookup"),
    ("bored? looking for a casual hookup, message me", "casual hookup"),
    ("hot singles in your town want to meet you", "hot singles"),
    # a blind probe of sexual comments (release 2026.12.11)
    ("Incall only tonight near the bus depot, ask for Candy", "incall"),
    ("who wants to sext? inbox me", "sext"),
])
def test_explicit_solicitation_reaches_the_act_threshold(text: str, word: str) -> None:
    score, evidence = sexual(text)
    assert score >= RULE.act and word in evidence, (score, evidence)


@pytest.mark.parametrize(("text", "words"), [
    ("dm me babe, looking for a hookup", {"dm me", "babe", "hookup"}),
    ("you look so sexy in that pic", {"sexy"}),
    ("nude modeling, discreet, my DMs are open", {"nude", "discreet", "my dms"}),
    ("strip club tonight 😈 flirt with me", {"strip club", "😈", "flirt"}),
    # release 2026.12.7, after a second blind probe
    ("Want to see me naked? 🔞 My private snap is in my profile", {"me naked", "🔞",
                                                                   "private snap"}),
    ("I'm 23 and looking for a generous man, my link is in bio 💕", {"generous man", "in bio"}),
    # remarks on a staff member's body (release 2026.12.9)
    ("The new receptionist at the permit office has nice tits", {"nice tits", "tits"}),
    # a blind probe of sexual comments (release 2026.12.11)
    ("I jerked off to the parks director's video", {"jerked off"}),
    ("Looking for NSA hookups downtown, m4f", {"nsa", "hookups", "m4f"}),
])
def test_suggestive_words_or_hints_together_go_to_review(text: str, words: set[str]) -> None:
    score, evidence = sexual(text)
    assert RULE.review <= score < RULE.act and set(evidence) == words, (score, evidence)


@pytest.mark.parametrize(("text", "said"), [
    ("Mayor can sit on my face anytime", "sit on my face"),
    ("I'd eat her out until she changed her vote", "eat her out"),
    ("The new clerk looks like she gives great head", "gives great head"),
    ("Spread your legs for the city budget honey lol", "spread your legs"),
    ("Strip for me councilor and I'll vote for you", "strip for me"),
    ("the new councilwoman is so hot I'd bend her over the desk", "bend her over"),
])
def test_a_sexual_remark_in_ordinary_words_goes_to_review(text: str, said: str) -> None:
    """A blind probe of sexual comments aimed at officials found these allowed: the word list
    reads words, not what they say together. A published phrase sends them to review."""
    score, evidence = sexual(text)
    assert RULE.review <= score < RULE.act and said in evidence, (score, evidence)


@pytest.mark.parametrize("text", [
    "The new program gives kids a head start on reading",
    "The council gave head of parks to Director Ruiz",
    "The budget gives good head room for raises next year",
    "The hospital gave good head injury care to my son after the crash",
    "We eat out every Friday at the diner on Main",
    "The motel on Route 9 was good in bed bugs, call the health department",
    "I hurt myself on the broken step at the library",
    # a code review of the release
    "These property taxes will eat you out of house and home",
    "Bend her ear at the town hall about the crosswalk",
    "What a jerk off move by the parking office",
    "The state has been the city's sugar daddy for years",
    "The traffic engineer has a fetish for roundabouts",
    "Great head-to-head matchups at the rec league tonight",
    "The tomatoes did great in bed 4 of the community garden",
])
def test_the_same_words_in_civic_talk_are_left_alone(text: str) -> None:
    score, evidence = sexual(text)
    assert score < RULE.review, (score, evidence)


def test_the_artifact_carries_the_published_list() -> None:
    assert shipped().meta["sexual_phrases"] == [list(p) for p in lexicon.SEXUAL_PHRASES]
    assert shipped().lexicon == lexicon.terms()
    assert all(lexicon.terms()[word] < RULE.review for word in
               ("hookup", "nude", "lingerie", "strip club", "seduce", "kinky"))


@cache
def scorer():  # type: ignore[no-untyped-def]
    from moderator.classify import make_scorer

    return make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))


def label(text: str) -> str:
    from moderator.comments import Comment
    from moderator.policy import decide

    found = scorer().score([Comment("facebook", "city", "p1", "c1", text)])[0]
    return decide({rule: s.score for rule, s in found.items()}, scorer().rules).label


@pytest.mark.parametrize("text", [
    "Thanks for the help xxx", "Love you mum xxx", "Great news, well done everyone xxx",
    "Thanks Sarah XXX!!", "Thanks Sarah xxxx", "See you at the fete\nJan xxx 😘",
])
def test_kisses_signing_off_a_message_are_not_hidden(text: str) -> None:
    """"xxx" is on the published list, and it is also how people in Britain, Ireland and
    Australia sign off: four of the SMS set's clean messages were hidden as sexual. Words
    cannot tell them from solicitation signed off so (a code review), so a moderator decides."""
    assert label(text) == "review"


def test_kisses_are_read_in_linear_time() -> None:
    """A first version's pattern took 19.6 s on "Thanks xxx" and 28 x's, and 300,000
    characters of "xxx" lines took 1,108 s (a code review)."""
    import time

    for text in ("Thanks xxx " + "x" * 40 + "y", "xxx\n" * 75_000, "Thanks xxx. " * 25_000):
        started = time.perf_counter()
        assert label(text) == "act:sexual"
        assert time.perf_counter() - started < 5


@pytest.mark.parametrize("text", [
    "watch free xxx", "Hot xxx videos here", "XXX-rated movies in the park?",
    "Free xxx videos, click now xxx", "#porn #xxx", "send nudes xxx",
    # a way to reach the one who wrote it: solicitation, not a sign-off
    "+447935454150 lovely girl talk to me xxx", "add me @hotgirl22 xxx",
])
def test_xxx_that_sells_is_still_hidden(text: str) -> None:
    assert label(text) == "act:sexual"


@pytest.mark.parametrize("text", ["thanks fam", "ain't nobody got time to wait at the DMV fam",
                                  "Thanks mam, see you Sunday", "wam bam, the park is done"])
def test_a_word_that_a_listed_term_disguises_is_not_that_term(text: str) -> None:
    """The model reads digits inside a word as the letters they disguise, so the listed "f4m"
    and "m4m" were read in "fam" and "mam": a blind probe's "... at the DMV fam" went to
    review as sexual, and so did "Thanks mam" (a dialect's word for mum)."""
    score, evidence = sexual(text)
    assert score < RULE.review, (score, evidence)


@pytest.mark.parametrize("text", ["looking for F4M tonight", "F\uff14M here", "F\U0001d7d2M here",
                                  "F\u200b4\u200bM here", "F\u00ad4\u00adM here"])
def test_a_listed_term_written_with_its_digit_is_still_read(text: str) -> None:
    """Styled digits and invisible characters are no way around it (a code review)."""
    assert sexual(text) == (0.6, ("f4m",))
