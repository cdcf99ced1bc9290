"""Spam as it reaches agency pages now: investment "testimonies", fund-recovery hackers, prizes
and grants in the platform's name, "check my bio" bots, follower sellers, spell casters and
tickets paid by app. The public spam sets (text messages and YouTube comments of 2011-2015) barely
show it, and a blind probe found a third of it allowed. Published spam phrases
(moderator/classify/lexicon.py, travelling in the shipped artifact) send it to review, never to
a hide by themselves, and leave alone what residents write about grants, tickets, hacked accounts
and money. Every sentence here was written for this test.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT, shipped_without

from moderator.classify import lexicon, make_scorer, model
from moderator.comments import Comment
from moderator.config import load_rules

RULES = load_rules(ROOT / "config" / "conduct-rules.toml")

SPAM = [
    "All thanks to Mr. Daniel Brooks, my investment returns came in on time, he is the best",
    "Contact her via Telegram @SophiaTradesFX and thank me later",
    "My brother got every dollar back from a fake broker thanks to a funds recovery specialist",
    "Is anyone looking for a certified hacker? He got back my hacked account in one day",
    "I received my 15,000 dollars through the Zuckerberg grant last week, thank you agent Mary",
    "So lonely tonight... hot singles in your area are waiting",
    "Dr. Okuta the great spell caster brought my husband back in 48 hours",
    "Herbal medicine cured my diabetes, contact the herbalist on whatsapp +234 803 555 0199",
    "Taylor Swift tickets for Saturday, 2 left, inbox me for the price",
    "Two floor seats for the playoff game, Zelle or Cash App only, first come first served",
    "Dear admin, I can boost your page's engagement for a small fee",
    "Hi dear, I sent you a friend request, please accept so we can talk",
    "My strategy pays 15% returns every week, ask me how",
    "I lost 30 pounds with these keto gummies and I feel amazing",
    # forms a first version missed: contractions and words outside its trigger lists
    "Congrats!! You're the lucky winner of this week's draw, contact the agent",
    "He is the best at recovering your lost funds from fake brokers",
    "Contact the great spellcaster Dr. Okuta, he brought my husband back",
    "Shoutout to Mr. Daniel Brooks, my investment returns came in on time",
]

CIVIL = [
    "Congratulations to the winners of the youth art contest, the murals look great",
    "Thank you to Dr. Patel and the county clinic staff for the free flu shots",
    "Does the federal grant for lead pipe replacement cover renters too?",
    "Can city staff work from home on snow days or do they have to come in?",
    "I lost 20 pounds walking the new river trail this year, thank you Parks!",
    "My Facebook account got hacked last month so I missed the notice about the water shutoff",
    "How do residents claim the property tax rebate? The form on the website is broken",
    "Bus drivers make $18 an hour and the council wonders why nobody applies",
    "I have two spare tickets to the symphony in the park, happy to give them to a neighbor",
    "The library helped me make a resume and I got the job!",
    "Physical therapy at the rec center helped me recover after my knee surgery",
    "Paul is an expert on zoning, he should be on the planning board",
    "The crypto mining facility will use as much power as the whole town",
    "Beware: a fake account is offering Facebook grants in the city's name, do not answer it",
    "You're wearing the city marathon shirt in your snapchat story, love it",
    "The permit link in bio just goes to a blank page",
    "Thanks to the storm recovery team for clearing Elm Street overnight",
    "Thank you to Mr. Diaz at the library for helping me file my tax returns",
    "Congrats Maria, you were chosen for the youth council!",
    "Should the city let gas stations sell CBD gummies next to the high school?",
    "The Trader Joe's on Main needs a crosswalk before someone gets hurt",
    "Hi admin, can you promote the blood drive on Saturday?",
    "Please accept my request to speak at Tuesday's meeting",
    "Fix the traffic signal @SpringfieldDOT, it has been out for a week",
    "Thanks to Dr. Patel I recovered quickly after my surgery at County General",
    # a code review's civil lines that a first version of the phrases matched
    "Can I pay my parking ticket with PayPal or Venmo?",
    "I make $18 per hour as a city bus driver and cannot afford rent here",
    "Hi admin, how can I reach the water department after hours?",
    "Our nonprofit received a Meta grant for the digital literacy classes at the library",
    "Take Oak Street instead of the detour, thank me later",
    "The school district is on Telegram @SpringfieldSchools if you want closure alerts",
    "Warning: a fake profile of the mayor is out there, do not accept a friend request from it",
    "The health department warns that weight loss pills sold online can be dangerous",
    # a second check written to break the narrowed list: 82 of its 128 civil lines matched, 48
    # still do (warnings that quote the spam, neighbours' WhatsApp groups); these no longer do
    "The trusted trader program at the Better Business Bureau lists local contractors",
    "Thank you to Ms. Greene at the library for the free class on protecting my investments",
    "Hi admin, could you share our lost dog post so it gets more reach? He's a brown lab.",
    "I dropped 15 pounds this spring biking to work, with a protein shake after most rides.",
    "The clerk said to check my profile on the permit portal but it just shows an error.",
    "Congrats Jayden, you have been selected for the All-City honor band!",
    "We need more addiction recovery experts at the downtown shelter, not more police.",
    "Another powerful spell of thunderstorms tonight, check your sump pumps.",
    "I make $120 a day driving for DoorDash and the new parking fees eat half of it.",
    "The crypto investment scam seminar at the library is Tuesday at 7 pm.",
    "The pension fund reported 7% returns last year, a month later the mayor wants to cut it.",
]


@cache
def shipped() -> model.ConductModel:
    return model.load(None)


def without_phrases() -> model.ConductModel:
    return shipped_without("spam_phrases")  # type: ignore[no-any-return]


@pytest.mark.parametrize("text", SPAM)
def test_spam_written_as_conversation_reaches_review_citing_its_phrase(text: str) -> None:
    before = without_phrases().score_texts([text])[0]["spam"].score
    found = shipped().score_texts([text])[0]["spam"]
    assert before < RULES["spam"].review, "the model alone already catches this one"
    assert found.score == lexicon.SPAM_PHRASE_SCORE >= RULES["spam"].review
    assert found.evidence, "a moderator must see what matched"


@pytest.mark.parametrize("text", CIVIL)
def test_what_residents_write_about_grants_tickets_and_money_stays_below_review(text: str
                                                                               ) -> None:
    found = shipped().score_texts([text])[0]["spam"]
    assert found.score < RULES["spam"].review, (found.score, found.evidence)


def test_a_phrase_alone_never_hides_a_comment_and_the_artifact_carries_them() -> None:
    assert lexicon.SPAM_PHRASE_SCORE < RULES["spam"].act
    assert shipped().meta["spam_phrases"] == [list(p) for p in lexicon.SPAM_PHRASES]
    scorer = make_scorer(RULES)
    [scores] = scorer.score([Comment("facebook", "p", "p", "c1", SPAM[0])])
    assert RULES["spam"].review <= scores["spam"].score < RULES["spam"].act
