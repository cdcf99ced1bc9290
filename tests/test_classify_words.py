"""Listed swear words and slurs: written out in a comment, they reach review whatever the rest of
the comment says, and words that only look like them, or have an everyday meaning, do not.

The model learns profanity mostly from short tweets, so on its own it let a listed word in a
longer comment through. The list lives in moderator/classify/lexicon.py and travels inside the
shipped artifact; each story below is scored by the shipped model, and where it matters also by
the same model with its list taken out, to show what the list adds. Every sentence was written
for this test.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT, shipped_without

from moderator.classify import lexicon, model
from moderator.config import load_rules

RULES = load_rules(ROOT / "config" / "conduct-rules.toml")


@cache
def shipped() -> model.ConductModel:
    return model.load(None)


def without_list() -> model.ConductModel:
    return shipped_without("listed_words")  # type: ignore[no-any-return]


@pytest.mark.parametrize(("text", "rule", "word"), [
    ("fuck this city and its parking rules", "profanity", "fuck"),
    ("The council are a bunch of assholes and everyone on Oak Street knows it", "profanity",
     "assholes"),
    ("Three calls about the pothole on Elm and the city still has not done shit about it",
     "profanity", "shit"),
    ("the mayor's plan for the waterfront is utter shite", "profanity", "shite"),
    ("We waited two hours at the DMV for this bullshit appointment system", "profanity",
     "bullshit"),
    ("The lifeguard heard him call my son a nigger at the public pool and did nothing", "hate",
     "nigger"),
    ("my neighbour keeps calling my brother a faggot at the bus stop", "hate", "faggot"),
    # as they are often typed (release 2026.12.3)
    ("this fkn city never plows my street until noon", "profanity", "fkn"),
    ("fukin parking meters ate my quarters again", "profanity", "fukin"),
    ("what a shitshow the budget hearing was last night, three hours of nothing", "profanity",
     "shitshow"),
    ("the permit office is run by a bunch of asshats", "profanity", "asshats"),
    ("the council is a bunch of dumbasses who can't even fix a road", "profanity", "dumbasses"),
    ("goddamn potholes on Elm again, I lost a hubcap this morning", "profanity", "goddamn"),
    # Spanish, and slurs the probe found unlisted (release 2026.12.6)
    ("El concejal Ortega es un pendejo y todo el barrio lo sabe", "profanity", "pendejo"),
    ("Esa inspectora es una puta mentirosa, no vino nunca", "profanity", "puta"),
    ("too many spics moving onto the east side now", "hate", "spics"),
    # release 2026.12.9
    ("El comisionado chupa verga y todo el pueblo lo sabe", "profanity", "verga"),
])
def test_a_listed_word_in_a_longer_comment_goes_to_review_citing_the_word(
        text: str, rule: str, word: str) -> None:
    before = without_list().score_texts([text])[0][rule].score
    found = shipped().score_texts([text])[0][rule]
    assert before < RULES[rule].review, "the model alone already catches this one"
    assert RULES[rule].review <= found.score < RULES[rule].act
    assert found.score == lexicon.LISTED_SCORE
    assert found.evidence == (word,)


@pytest.mark.parametrize(("text", "word"), [
    ("'Fuck tha police' like the song says, this department is trash", "fuck"),
    ("somebody spray painted ‘shitty parking’ on the garage wall", "shitty"),
    ("my kid came home saying 'bullshit' after the assembly", "bullshit"),
    ("the sign by the dog park just says 'assholes' now", "assholes"),
])
def test_a_listed_word_in_single_quotes_is_read_as_the_word(text: str, word: str) -> None:
    """A quotation mark typed with the apostrophe key stays on the word's token ("'fuck"), a
    word the model never learned: a blind probe's "'Fuck tha police'" scored 0.096."""
    found = shipped().score_texts([text])[0]["profanity"]
    assert RULES["profanity"].review <= found.score
    assert word in found.evidence


@pytest.mark.parametrize("text", [
    "don't close the pool, y'all, it's the only one on the east side",
    "the 'fine' print on the ticket says 'shall' twice",
    "they're calling it the 'rock 'n' roll' festival",
])
def test_words_with_apostrophes_and_civil_words_in_quotes_stay_as_they_were(text: str) -> None:
    assert shipped().score_texts([text])[0] == without_list().score_texts([text])[0]


@pytest.mark.parametrize("text", [
    "𝐟𝐮𝐜𝐤 this city and its parking rules",
    "f u c k this city and its parking rules",
    "The council are a bunch of a$$holes",
    "The budget office keeps saying the numbers add up but the report is sh1t from page one",
])
def test_a_disguised_listed_word_is_read_as_the_word(text: str) -> None:
    assert without_list().score_texts([text])[0]["profanity"].score < RULES["profanity"].review
    assert shipped().score_texts([text])[0]["profanity"].score == lexicon.LISTED_SCORE


@pytest.mark.parametrize("text", [
    "Councilman Dick Smith voted no on the levy",
    "That vote was a chink in the armour of the budget",
    "Kike Hernandez spoke at the meeting about the library",
    "my tranny went out on Route 9 right by the new roundabout",
    "Scunthorpe sent a delegation to the twinning ceremony",
    "shiitake mushrooms are back at the farmers market",
    "Cockburn Street is closed for repaving",
    "Dickens Avenue repaving starts Monday",
    "the cocktail bar on Main wants a later licence",
    "The new parking fee pinches small businesses on Main Street",
    # release 2026.12.9: read as one word, and a slur's other meanings with a determiner
    "The pussy willows along Mill Creek are out early this year",
    "A chink of light came through the boarded-up windows of the old depot",
    "Our hens are fine but the neighbour's cocks crow at four every morning",
    "Did you see Kike Hernandez hit that homer last night?",
    "That Kike Hernandez catch was the play of the year",
    "There is a small chink between the new sidewalk slabs where water gets in",
    # release 2026.12.10: a car's tranny, a trip home, a flame retardant
    "The tranny went out on my truck right after the city towed it",
    "I need a rebuilt tranny for my F150, any shop near the depot?",
    "That tranny needs a rebuild before winter, says the fleet manager",
    "Some tranny shops on 5th charge twice what the county garage does",
    "You can go back to Mexico and re-enter once the new visa is approved",
    "If your visa expires you must go back to your home country to renew it",
    "Go back to China for the Lunar New Year? The passport office says six weeks",
    "The new buses break down every week. Ship them back to China.",
    "Local Jews run the interfaith food drive every December",
    "Jews own several businesses downtown and they sponsor Little League",
    "This tranny won't shift since I hit the pothole on Elm",
    "I want to go back to Mexico for Christmas but the passport office is closed",
    "Send them back to the planning department until the plans are finished",
])
def test_everyday_words_and_words_that_contain_a_listed_one_are_left_alone(text: str) -> None:
    scores = shipped().score_texts([text])[0]
    for rule in ("profanity", "hate"):
        assert scores[rule].score < RULES[rule].review, (rule, scores[rule])


@pytest.mark.parametrize(("text", "slur"), [
    ("Those kikes on the zoning board raised our taxes again", "those kikes"),
    ("Get off the council, you kike", "you kike"),
    ("A dirty chink opened a shop next to the library", "dirty chink"),
    # blind probes of short comments and of dialects (release 2026.12.10)
    ("the new councilwoman is a tranny freak, vote her out", "is a tranny"),
    ("Go back to Mexico and take the new clerk with you", "go back to mexico"),
    ("They should go back to their own country", "they should go back to their own country"),
    ("Deport them back where they came from", "deport them back where they came from"),
    ("jews run city hall and the zoning board", "jews run city"),
    ("She's a tranny, vote her out", "she's a tranny"),
    ("Go back where you came from.", "go back where you came from"),
    ("Go back to Guatemala, nobody wants you on the council", "go back to guatemala"),
])
def test_a_slur_with_an_everyday_meaning_is_read_where_a_person_is_called_one(
        text: str, slur: str) -> None:
    found = shipped().score_texts([text])[0]["hate"]
    assert RULES["hate"].review <= found.score < RULES["hate"].act
    assert found.evidence == (slur,)


def test_a_listed_word_never_hides_a_comment_alone_and_the_model_may_score_higher() -> None:
    assert lexicon.LISTED_SCORE < min(RULES[rule].act for rule in lexicon.LISTED)
    text = "Tell the parks director to stop being a cunt about the dog park hours"
    found = shipped().score_texts([text])[0]["profanity"]
    assert found.score == without_list().score_texts([text])[0]["profanity"].score
    assert found.score > lexicon.LISTED_SCORE


def test_the_artifact_carries_the_published_list() -> None:
    assert shipped().meta["listed_words"] == lexicon.listed_words()
    assert not lexicon.EVERYDAY & {w for words in lexicon.listed_words().values() for w in words}


@pytest.mark.parametrize(("text", "hidden"), [
    ("Our rescue's bitch just had a litter of six puppies, adoption day is Saturday", False),
    ("The shelter has a bitch and two neutered males ready for new homes", False),
    ("Tell that bitch at the permit counter to do her job", True),
    ("The mayor is a bitch and her animal shelter budget is a joke", True),
    ("Shut up you stupid bitch, nobody wants to adopt your housing plan", True),
])
def test_a_female_dog_is_left_to_a_moderator_and_the_insult_still_hides(text: str,
                                                                       hidden: bool) -> None:
    """A blind probe's shelter and breeder comments were hidden as profanity: the public sets
    know the word only as an insult."""
    from moderator.classify import make_scorer
    from moderator.comments import Comment

    [scores] = make_scorer(RULES).score([Comment("facebook", "p", "p", "c1", text)])
    profanity = scores["profanity"]
    assert (profanity.score >= RULES["profanity"].act) is hidden, profanity
    assert profanity.score >= RULES["profanity"].review


@pytest.mark.parametrize(("text", "hidden"), [
    # a resident's verdict on a decision: no vulgar word, so a moderator decides
    ("Stupid", False),
    ("Dumb", False),
    ("Sucks", False),
    ("Witch", False),
    ("Damn right", False),
    ("WTF", False),
    # words that only contain or resemble a vulgar one (a code review: all four were hidden)
    ("Damn, the fire retardant on the playground is peeling", False),
    ("Dumb niggling rules about fences", False),
    ("Damn right, Dick!", False),
    ("Damn, someone stole the garden hoes again", False),
    # a vulgar word, written out or disguised, still hides
    ("This shit is broken again", True),
    ("You're an asshat", True),
    ("You useless dumbass", True),
    ("this sh1t been broke for months", True),
])
def test_profanity_hides_only_a_vulgar_word_and_leaves_the_rest_to_a_moderator(
        text: str, hidden: bool) -> None:
    """A blind probe of short comments found one-word verdicts hidden as profanity: the model
    learned the word from tweets that use it beside swear words."""
    from moderator.classify import make_scorer
    from moderator.comments import Comment

    [scores] = make_scorer(RULES).score([Comment("facebook", "p", "p", "c1", text)])
    profanity = scores["profanity"]
    assert profanity.score >= RULES["profanity"].review, profanity
    assert (profanity.score >= RULES["profanity"].act) is hidden, profanity
    if not hidden:
        assert profanity.evidence[-1] == "no vulgar word: a moderator decides"


@pytest.mark.parametrize(("text", "hidden"), [
    # residents reporting what was said to them or written on a wall, and asking for help
    ("Kids at the bus stop keep calling my daughter a bitch, can the school district do "
     "something?", False),
    ('A man yelled "faggot" at my brother outside city hall. Is there a hate crime unit?', False),
    ("He called the clerk a stupid cunt at the counter and security did nothing", False),
    ("My tenant called me a dumb bitch and threatened me, which office handles this?", False),
    # the word said to someone, in the same verbs, still hides
    ("I will call you a bitch every day until you resign", True),
    ("Stop calling the mayor names, he is doing his best, you bitches", True),
    ("you stupid bitch", True),
])
def test_a_word_reported_rather_than_said_is_left_to_a_moderator(text: str,
                                                                 hidden: bool) -> None:
    """Eight reports of slurs and insults, written for a check of the vulgar-word rule, had four
    hidden: the resident asking for help was hidden with the abuse they reported."""
    from moderator.classify import make_scorer
    from moderator.comments import Comment

    [scores] = make_scorer(RULES).score([Comment("facebook", "p", "p", "c1", text)])
    profanity = scores["profanity"]
    assert profanity.score >= RULES["profanity"].review, profanity
    assert (profanity.score >= RULES["profanity"].act) is hidden, profanity
