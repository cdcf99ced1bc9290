"""Hate without slurs: a people called vermin, said to be all one thing, kept out of office or of a
neighbourhood, blamed in a conspiracy, or named in a coded word goes to a moderator under the hate
rule, citing what was said; the same words in a rebuttal, a report, a policy opinion from either
side or everyday talk do not.

The model learns hate from tweets and learns the names of peoples more than what is said of them
("Muslims are vermin" 0.37, a twenty-word comment calling Muslims an infestation 0.07), so a blind
probe of 80 hateful comments found 48 allowed. The published phrases (moderator/classify/
lexicon.py) travel inside the shipped artifact. Every sentence was written for this test.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import lexicon, model
from moderator.config import load_rules

RULE = load_rules(ROOT / "config" / "conduct-rules.toml")["hate"]


@cache
def shipped() -> model.ConductModel:
    return model.load(None)


def hate(text: str) -> tuple[float, tuple[str, ...]]:
    found = shipped().score_texts([text])[0]["hate"]
    return found.score, found.evidence


@pytest.mark.parametrize(("text", "said"), [
    # called vermin, a disease, animals
    ("No more immigrants, they're vermin", "immigrants, they're vermin"),
    # in capitals (release 2026.12.14: the shouting marker had ended the text, allowed)
    ("NO MORE IMMIGRANTS, THEY'RE VERMIN", "immigrants, they're vermin"),
    ("THESE ILLEGALS ARE NOTHING BUT PARASITES", "these illegals are nothing but parasites"),
    ("Muslims are a cancer on this country and the council lets them in",
     "muslims are a cancer"),
    ("these illegals are nothing but parasites", "these illegals are nothing but parasites"),
    ("Lesbians are basically animals 🤮", "lesbians are basically animals"),
    ("The Somalis breed like rats over there", "the somalis breed like rats"),
    ("Old people are useless leeches, close the senior centre", "old people are useless leeches"),
    ("Trans people are groomers, keep them away from the library",
     "trans people are groomers"),
    ("Men are trash, every one of them on the council", "men are trash"),
    # all one thing
    ("Every Mexican is a criminal, look at the police blotter", "every mexican is a criminal"),
    ("Arabs are all terrorists and the mosque proves it", "arabs are all terrorists"),
    ("All immigrants are criminals, look at the police blotter", "all immigrants are criminals"),
    ("Jews only care about money, that's why the bank closed", "jews only care about money"),
    ("Women are too emotional to run the fire department", "women are too emotional to"),
    # kept out
    ("Ban Muslims from the school board, they cannot be trusted",
     "ban muslims from the school board"),
    ("Muslims should not be allowed to hold office in this town",
     "muslims should not be allowed to hold office"),
    ("Muslims shouldn't even be allowed to vote in city elections",
     "muslims shouldn't even be allowed to vote"),
    ("Haitians don't belong in our neighbourhood", "haitians don't belong in our neighbourhood"),
    ("Muslims have no place in our city", "muslims have no place in our city"),
    ("👉 Muslims should not be allowed to vote", "muslims should not be allowed to vote"),
    ("Bring back a whites only pool at Riverside", "bring back a whites only pool"),
    ("Send the Haitians back to their huts", "send the haitians back to their huts"),
    ("Refugees should be rounded up and put in camps outside town",
     "refugees should be rounded up and put in camps"),
    # a conspiracy or a coded word
    ("The Jews are behind the new housing plan", "the jews are behind"),
    ("It's the great replacement and the council is in on it", "it's the great replacement"),
    ("Day of the rope is coming for this council", "day of the rope"),
    # release 2026.12.13 (a blind probe of registers)
    ("Don't nobody want them dirty Mexicans moving on our block", "dirty mexicans"),
    ("them stinkin' illegals again", "stinkin' illegals"),
    ("Filthy immigrants everywhere downtown now", "filthy immigrants"),
    ("GET THESE MUSLIMS OUT OF OUR TOWN!!!", "get these muslims out of our town"),
    ("Time to run the Haitians out of town", "run the haitians out of town"),
])
def test_hate_without_a_slur_goes_to_review_citing_what_was_said(text: str, said: str) -> None:
    score, evidence = hate(text)
    assert RULE.review <= score < RULE.act and evidence == (said,), (score, evidence)


@pytest.mark.parametrize("text", [
    # a rebuttal, a report, what was said at a meeting
    "Stop saying immigrants are vermin, they are our neighbours",
    "Calling immigrants vermin is disgusting and the council should say so",
    "Councilman Pryor called immigrants vermin at Tuesday's meeting. He should apologise.",
    "Whoever wrote that Jews control the council: that's an antisemitic conspiracy theory",
    "Immigrants at the county jail are treated like animals, where is the oversight?",
    "To the Nazis, Jews were vermin. The museum exhibit shows how that ended.",
    "Not every immigrant is a criminal, but the ones who are should be prosecuted",
    "Not all immigrants are criminals, and most of my neighbours work two jobs",
    "Hate has no place in our city, and neither does this flyer",
    "Hatred toward Muslims is a cancer on this town",
    "Someone spray-painted 'gays don't belong here' on the library wall, please remove it",
    "Women are inferior? Not in this city, look at the fire chief.",
    # a policy opinion, from either side
    "I oppose the new migrant shelter on 5th Street, the city cannot afford it",
    "Refugees are welcome here and the city should say so on its website",
    # 2026.12.10 sent the first two to hate review (0.15, 0.19) and not the third: release
    # 2026.12.11's civic lines give both sides of the debate
    "Illegal immigrants should be deported, that is the law",
    "Immigrants who commit crimes should be deported",
    "Immigrants should be welcomed, not deported",
    "Seniors shouldn't be allowed to drive after 90 without a test, same as pilots",
    "Ban cars from Main Street on weekends, the shops would do better",
    "Women should be allowed to serve on the fire department's dive team",
    "Trans people shouldn't be allowed to serve in the military, I agree with the Pentagon",
    "Asylum seekers should be held in camps while their claims are processed",
    "We have no women on the city council and that has to change",
    # everyday words
    "Many immigrants here are dog owners too, so put the dog park on the east side",
    "Some of the women are cancer survivors and the clinic hours matter to them",
    "The rats in the park are vermin and the city should bring back the traps",
    "Tattoos on females are trash according to my grandmother, but the permit is fine",
    "Old people can't drive to the new clinic on the highway, add a bus",
    "The museum's whites only drinking fountain sign is a reminder of what this town did",
    "Limit public comment to 14 words? That is absurd.",
    "Our team won 13/50 in the trivia league",
    "The tribe always holds its powwow at the fairgrounds in June",
    "A paving mafia gets every contract in this county",
    "Those seniors are beasts on the pickleball court!",
    "The elderly could die if the cooling centres close this summer",
    "Our office moved to 1488 Maple Ave, same phone number",
    "Fill the chinks between the logs before winter, the cabin at the nature centre leaks",
    # a code review of the release
    "The Jews behind the interfaith food drive deserve a thank-you",
    "Seniors have no place in this town to go since the senior centre closed",
    "No women on the city council since 1998. That has to change.",
    "No men in the pool during the women's swim hour, says the sign",
    "How many seniors have to die before the council fixes the crosswalk?",
    "Seniors shouldn't be allowed to rent the e-scooters without a helmet",
    "The flyer claims every Mexican is a criminal. Shameful.",
    "Ordinance 1488 passed 6-1 and the fee goes up in March",
    # release 2026.12.13: laundry, a kitchen, a report, a question, the heat, a tournament
    "At the laundromat, wash the dirty whites separately or they go grey",
    "That dirty Chinese restaurant on 5th failed its inspection again",
    "He called them dirty Mexicans at the meeting and should resign",
    "Help get the seniors out of the heat: the cooling centre opens at noon",
    "Should we kick the Muslims out of our town? No. They are our neighbours.",
    "Our team will kick the Mexicans out of the tournament on Saturday",
    # a code review's civil lines close to the first version
    "Stop referring to our neighbors as dirty immigrants.",
    "My grandparents were treated like dirty immigrants when they arrived in 1952.",
    "It's racist to label them dirty immigrants, and the councilman knows it.",
    "The flyer with the words dirty immigrants was taken down by the library staff.",
    "Rising rents will drive Latinos out of the neighborhood.",
    "These abortion laws will force women out of the state to get care.",
    "In 1906 a mob tried to run the black people out of town; the plaque should say so.",
    "Please get the women out of the park before the fireworks start",
])
def test_the_same_words_in_a_rebuttal_a_policy_opinion_or_everyday_talk_are_left_alone(
        text: str) -> None:
    score, evidence = hate(text)
    assert score < RULE.review, (score, evidence)


def test_the_artifact_carries_the_published_phrases() -> None:
    assert shipped().meta["hate_phrases"] == [list(p) for p in lexicon.HATE_PHRASES]


def test_a_phrase_is_matched_whatever_the_case_of_the_comment() -> None:
    """The phrases are searched in the lower-cased text (faster than ignoring case), so a
    published phrase must not spell a letter in upper case; and the letters that lower-casing
    lengthens or keeps apart from "i" and "s" ("İ", "ı", "ſ": a code review) are read as those:
    230 of them before a phrase moved its search window past it."""
    for _, expression in (*lexicon.THREAT_PHRASES, *lexicon.SPAM_PHRASES,
                          *lexicon.HATE_PHRASES, *lexicon.SEXUAL_PHRASES):
        letters = re.sub(r"\\[A-Za-z]|\(\?P<\w+>", "", expression)
        assert letters == letters.lower(), expression
    assert hate("Muslıms are a cancer on this country")[1] == ("muslims are a cancer",)
    assert hate("&#304;" * 230 + " Muslims are a cancer on this country")[1] == (
        "muslims are a cancer",)
