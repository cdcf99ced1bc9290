"""Viewpoint neutrality of the shipped model: civil criticism and identity mentions stay allowed;
and spam as an agency page sees it, next to residents' links that are not spam.

tests/data/viewpoint.jsonl was written for the project (not taken from any data set and not
used in training): sharp, civil criticism of an agency, its officials and its policies, and
sentences that only mention who someone is. models/README.md reports the same set per identity
term.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import Scorer, make_scorer
from moderator.comments import Comment
from moderator.config import load_rules

CASES = [json.loads(line) for line in
         (ROOT / "tests" / "data" / "viewpoint.jsonl").read_text(encoding="utf-8").splitlines()]
CRITICISM = [c["text"] for c in CASES if c["kind"] == "criticism"]
IDENTITY = [c["text"] for c in CASES if c["kind"] == "identity"]


@cache
def shipped_scorer() -> Scorer:
    return make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))


@cache
def scored(text: str) -> dict[str, float]:
    comment = Comment("facebook", "city", "p1", "c1", text)
    return {rule: s.score for rule, s in shipped_scorer().score([comment])[0].items()}


@pytest.mark.parametrize("text", CRITICISM)
def test_civil_criticism_of_the_agency_stays_below_every_review_threshold(text: str) -> None:
    rules = shipped_scorer().rules
    over = {r: round(s, 3) for r, s in scored(text).items() if s >= rules[r].review}
    assert not over, f"{text!r} would go to review for {over}"


@pytest.mark.parametrize("text", IDENTITY)
def test_mentioning_an_identity_stays_below_the_hate_review_threshold(text: str) -> None:
    hate = shipped_scorer().rules["hate"]
    assert scored(text)["hate"] < hate.review, f"{text!r} scores {scored(text)['hate']:.3f}"


def test_the_set_is_big_enough_to_mean_something() -> None:
    assert len(CRITICISM) >= 40 and len(IDENTITY) >= 150
    assert len({c["term"] for c in CASES if c["kind"] == "identity"}) >= 25


def _lines(name: str) -> list[str]:
    """A test file's sentences, one per line; lines starting with # say where they came from."""
    text = (ROOT / "tests" / "data" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


HARSH = _lines("harsh-civil.txt")


def _reaching_review(texts: list[str]) -> dict[str, dict[str, float]]:
    """Each text that reaches some rule's review threshold, with the rules it reaches."""
    rules = shipped_scorer().rules
    over = {text: {r: round(s, 3) for r, s in scored(text).items() if s >= rules[r].review}
            for text in texts}
    return {text: found for text, found in over.items() if found}


def test_harsh_words_aimed_at_decisions_and_services_rarely_reach_review() -> None:
    """'Pathetic service', 'a garbage plan', 'the council keeps lying': rude about the work, not
    an attack on a person. A moderator may see the odd one, never more than 2 in 30."""
    over = _reaching_review(HARSH)
    assert len(HARSH) == 30
    assert len(over) <= 2, f"{len(over)} of {len(HARSH)} would go to review: {over}"


OFFICIALS = _lines("official-criticism.txt")


def test_calling_an_official_a_liar_or_a_disgrace_is_criticism_not_harassment() -> None:
    """The public sets label "X is a liar" an offensive tweet; on a government page it is
    criticism of an official's public conduct, which the harassment rule excludes in its own
    words. Release 2026.11.2 sent 12 of these 30 to review; never more than 2."""
    over = _reaching_review(OFFICIALS)
    assert len(OFFICIALS) == 30
    assert len(over) <= 2, f"{len(over)} of {len(OFFICIALS)} would go to review: {over}"


AGENCY_SPAM = _lines("agency-spam.txt")
RESIDENT_LINKS = _lines("resident-links.txt")


def test_spam_written_for_an_agency_page_reaches_review() -> None:
    """Get-rich offers, fake prizes, follower sales: the spam sets are text messages and YouTube
    comments, and release 2026.11.3, trained on them alone, sent 4 of these 15 to review."""
    over = _reaching_review(AGENCY_SPAM)
    assert len(AGENCY_SPAM) == 15
    assert len(over) >= 12, f"only {len(over)} of 15 reach review: " + ", ".join(
        repr(text) for text in AGENCY_SPAM if text not in over)


def test_residents_citing_sources_and_passing_on_services_mostly_stay_allowed() -> None:
    """A link to a report or a news story is how residents argue on a public page. Releases
    2026.11.4 and 2026.11.5 send 4 of these 15 to review ("Subscribe to the library newsletter",
    a YouTube link to a hearing, a county dashboard link, a link to an unlisted news site); never
    more."""
    over = _reaching_review(RESIDENT_LINKS)
    assert len(RESIDENT_LINKS) == 15
    assert len(over) <= 4, f"{len(over)} of 15 would go to review: {over}"


SHORT_REPLIES = _lines("short-replies.txt")


def test_short_replies_about_officials_and_parties_mostly_stay_allowed() -> None:
    """"He is wrong", "He did nothing", "Trump", "Shame!": in a short text every word weighs a
    lot, and in the offensive-tweet set such words sit in personal attacks on politicians.
    Release 2026.11.4 sent 16 of these 80 to review, 14 of them in the first 40; 2026.12.2
    sends 4, and 3 since a politician's name alone is read as no attack ("Trump" was one);
    never more than 6."""
    over = _reaching_review(SHORT_REPLIES)
    assert len(SHORT_REPLIES) == 80
    assert len(over) <= 6, f"{len(over)} of 80 would go to review: {over}"


SHORT_REACTIONS = _lines("short-reactions.txt")


def test_short_reactions_to_posts_and_news_mostly_stay_allowed() -> None:
    """"Such a disgrace", "Liars, all of them", "Throw the book at him", "Shared to my page": in
    one to five words a single word carries the whole score. A blind probe of short comments
    found "Thank you for your service" and "Shared" at spam review. Of these 50 (written after
    release 2026.12.10's short training lines, and sharing words with them: a regression check,
    not a blind one), 2026.12.9 hid one ("Shared to my page", spam 0.56) and 2026.12.10 sends it
    to review; never more than 2, and none hidden."""
    over = _reaching_review(SHORT_REACTIONS)
    assert len(SHORT_REACTIONS) == 50
    assert len(over) <= 2, f"{len(over)} of 50 would go to review: {over}"
    rules = shipped_scorer().rules
    assert not [text for text in SHORT_REACTIONS
                if any(score >= rules[rule].act for rule, score in scored(text).items())]


PUBLIC_AFFAIRS = _lines("public-affairs.txt")


def test_residents_discussing_crime_violence_and_sex_as_public_affairs_stay_allowed() -> None:
    """"The suspect threatened to kill his neighbour", "a swastika on the synagogue wall", "the
    strip club zoning change": a resident reporting or debating such things is not doing them.
    Release 2026.11.7 sent 7 of these 80 to review: 5 for a single everyday word on the
    sexual-content list ("nude" beach, "lingerie" shop) and 1 for the example rules' keyword
    "bomb threat" in a report of a hoax. Releases 2026.11.9 and 2026.12.2 send 2 (2026.12.2's
    first artifact, with a harassment review threshold of 0.172, sent 3: a report of a man
    exposing himself at a park, 0.177); never more than 3."""
    over = _reaching_review(PUBLIC_AFFAIRS)
    assert len(PUBLIC_AFFAIRS) == 80
    assert len(over) <= 3, f"{len(over)} of 80 would go to review: {over}"


PLAIN = _lines("plain-descriptions.txt")
INSULTS = _lines("personal-insults.txt")


def test_saying_what_someone_does_for_a_living_stays_allowed() -> None:
    """"He is a lawyer", "She is a mother", "My wife is a paramedic": in the offensive-tweet set
    "he is a" mostly ends in an insult, and release 2026.11.10 sent 22 of these 60 to harassment
    review. Release 2026.12.2 learned plain descriptions and sends 1 ("He is a liberal"); 2026.12.5
    also "She is a liberal" (0.205, at its lower threshold of 0.194); since political labels
    alone are read as no attack, only "He is a judge". Never more than 6."""
    over = _reaching_review(PLAIN)
    assert len(PLAIN) == 60
    assert len(over) <= 6, f"{len(over)} of 60 would go to review: {over}"


def test_an_insult_in_the_same_words_still_reaches_harassment_review() -> None:
    """The other side of the test above: "He is a moron", "You're a fat slob". Release 2026.11.10
    sends 34 of these 40 to harassment review at its threshold of 0.206; 2026.12.2 sends 31 at
    its 0.214 (33 at 0.172). Both miss rare insults after a role ("The chief is a buffoon");
    2026.12.5, trained on name-calling aimed at officials, sends 39. Never fewer than 30."""
    rules = shipped_scorer().rules
    reached = [text for text in INSULTS if scored(text)["harassment"] >= rules["harassment"].review]
    assert len(INSULTS) == 40
    assert len(reached) >= 30, f"only {len(reached)} of 40: missed " + ", ".join(
        repr(text) for text in INSULTS if text not in reached)


NAME_CALLING = _lines("name-calling.txt")
ANGRY_CRITICISM = _lines("angry-criticism.txt")


def test_calling_officials_and_neighbours_names_reaches_harassment_review() -> None:
    """"The council members are morons", "The assessor is a fat useless slug": the project's
    civil lines name the same councils and neighbours, and taught release 2026.12.4 that those
    words make a comment civil, so it sent 15 of these 40 to harassment review. 2026.12.5,
    trained on other such lines, sends 30; never fewer than 28."""
    rules = shipped_scorer().rules
    reached = [text for text in NAME_CALLING
               if scored(text)["harassment"] >= rules["harassment"].review]
    assert len(NAME_CALLING) == 40
    assert len(reached) >= 28, f"only {len(reached)} of 40: missed " + ", ".join(
        repr(text) for text in NAME_CALLING if text not in reached)


def test_the_same_anger_aimed_at_decisions_stays_allowed() -> None:
    """The civil twin of each line above: "This budget is a ridiculous waste of money",
    "Councilman Webb, you should resign over the contract scandal". Catching the names must not
    cost the criticism: none of the 40 reaches review; never more than 2."""
    over = _reaching_review(ANGRY_CRITICISM)
    assert len(ANGRY_CRITICISM) == 40
    assert len(over) <= 2, f"{len(over)} of 40 would go to review: {over}"


POLITICAL = _lines("political-labels.txt")
ADVOCACY = _lines("identity-advocacy.txt")


def test_naming_an_identity_in_advocacy_does_not_read_as_hate() -> None:
    """"Muslims should feel safe walking downtown at night", "The city should hire more
    lesbians for leadership roles": 24 groups in five frames a viewpoint probe used. The
    identity sentences of viewpoint.jsonl say who someone is, never what they should have, and
    release 2026.12.7 sent 20 of these 120 to hate review, none of them naming Christians,
    veterans or parents: whichever side of a debate names those groups, its civil speech went to
    a moderator more often. 2026.12.8 trained on such advocacy in other frames and sends none;
    never more than 3."""
    over = _reaching_review(ADVOCACY)
    assert len(ADVOCACY) == 120
    assert len(over) <= 3, f"{len(over)} of 120 would go to review: {over}"


def test_the_lefts_and_the_rights_labels_fare_alike() -> None:
    """"I think he is a liberal", "My uncle is a Tea Party member, and he comes to every meeting":
    ten labels from each side in the same four frames. Saying which side someone is on attacks
    nobody, and a public forum must not treat one side's labels as more suspect. Release
    2026.11.10 sent 12 of the left's 40 and 9 of the right's 40 to review, most in "I think he is
    a ...", a frame the offensive-tweet set fills with insults; 2026.12.2, trained on that frame
    with roles and jobs (never these labels), sends 3 and 0, and 2026.12.13 3 ("liberal",
    "leftist", "feminist") and 1 ("libertarian"). Since the scorer weighs a harassment score
    again without the labels' share, 1 ("Yes, he's a feminist", hate) and 0; never more than 1
    a side, and the sides within 1 of each other."""
    assert len(POLITICAL) == 80
    left = _reaching_review(POLITICAL[:40])
    right = _reaching_review(POLITICAL[40:])
    assert len(left) <= 1 and len(right) <= 1, (left, right)
    assert abs(len(left) - len(right)) <= 1, (left, right)


@pytest.mark.parametrize("text", [
    "He is a liberal.", "I think he is a liberal.", "I think he is a leftist.", "Trump",
    "Trump Trump Trump MAGA MAGA.", "You look happy .MAGA", "He is a Trump supporter.",
    "He is a patriot.",
])
def test_a_political_label_or_a_politicians_name_does_not_make_an_attack(text: str) -> None:
    """The model alone sent each of these to harassment review (0.18 to 0.62), and not "I think
    he is a conservative" or "Biden": the offensive-tweet sets put these words in insults."""
    assert scored(text)["harassment"] < shipped_scorer().rules["harassment"].review


POLITICIANS = ["Trump", "Biden", "Obama", "Pelosi", "Romney", "DeSantis"]


def test_civil_sentences_about_national_politicians_stay_allowed() -> None:
    """"Romney did a great job", "I voted for Trump": 2026.12.13 sent 2 of these 36 to harassment
    review on the name ("Trump is a good leader", "Romney is a good leader"). The scorer now
    weighs a score again without the names only where they are all its shown words, so
    "Romney is a good leader" (shown: "romney", "leader") still goes; never more than 1."""
    texts = [frame.format(name) for name in POLITICIANS for frame in (
        "{} did a great job.", "{} spoke at the fair.", "I voted for {}.",
        "{} is a good leader.", "Thank you {}.", "{} should resign.")]
    over = _reaching_review(texts)
    assert len(over) <= 1, over


@pytest.mark.parametrize("text", [
    "Shut up you stupid liberal", "Typical leftist moron", "Trump is a moron", "Biden is a moron",
    "MAGA morons everywhere", "Dumb conservatives", "You libtards are pathetic",
    "Trump is a pervert.", "He is a fascist.",
])
def test_an_insult_beside_a_political_label_still_reaches_harassment_review(text: str) -> None:
    """The other side: an insult reaches review on its own weight, about a politician as about
    anyone ("fascist" is a label people use as an insult, and is not read as a plain label)."""
    assert scored(text)["harassment"] >= shipped_scorer().rules["harassment"].review


@pytest.mark.parametrize("text", ["Feminist trannies.", "Feminist Muslimas.",
                                  "Every feminist is trash."])
def test_hate_after_a_political_label_still_reaches_hate_review(text: str) -> None:
    """A code review: a first version also read hate scores without the labels, and "feminist",
    which weighs for hate, carried slurs after it below review."""
    assert scored(text)["hate"] >= shipped_scorer().rules["hate"].review


HARSH_ABOUT_THINGS = _lines("harsh-about-things.txt")
HARSH_ABOUT_PEOPLE = _lines("harsh-about-people.txt")


def _at_harassment_review(texts: list[str]) -> list[str]:
    review = shipped_scorer().rules["harassment"].review
    return [text for text in texts if scored(text)["harassment"] >= review]


def test_harsh_words_said_of_a_decision_are_not_a_personal_attack() -> None:
    """"This policy is stupid.", "What a dumb idea.", "lol what a dumb rule": the published rule
    says criticism of the City's decisions and services is not harassment, but the public sets
    aim these words at people. Release 2026.12.13 sent 11 of these 60 (written blind) to
    harassment review; the scorer now reads the words said of a thing and weighs the rest of
    the comment, and sends 4 ("Idiotic. Just idiotic." names no thing, "brain-dead" is not
    read); never more than 5. One reaches profanity review ("Dumb. Dumb dumb dumb. Who puts a
    stop sign ...", which names no thing either); never more than 1."""
    assert len(HARSH_ABOUT_THINGS) == 60
    over = _at_harassment_review(HARSH_ABOUT_THINGS)
    assert len(over) <= 5, f"{len(over)} of 60 at harassment review: {over}"
    profanity = shipped_scorer().rules["profanity"].review
    sworn = [t for t in HARSH_ABOUT_THINGS if scored(t)["profanity"] >= profanity]
    assert len(sworn) <= 1, sworn


def test_the_same_harsh_words_said_of_people_still_reach_review() -> None:
    """The twin set: "The mayor is stupid.", "Your plan is dumb and so are you", "This policy is
    garbage and the mayor is an even bigger idiot for pushing it". Release 2026.12.13 sends 47
    of these 60 to harassment review, and reading words said of things must not lose one (the
    13 it misses are insults the model does not know: "Mayor Thompson is trash.")."""
    assert len(HARSH_ABOUT_PEOPLE) == 60
    assert len(_at_harassment_review(HARSH_ABOUT_PEOPLE)) >= 47


HARSH_ADVERSARIAL = [line.replace("\\n", "\n") for line in
                     _lines("harsh-adversarial.txt") + _lines("harsh-adversarial-2.txt")
                     + _lines("harsh-adversarial-3.txt") + _lines("harsh-adversarial-4.txt")
                     + _lines("harsh-adversarial-5.txt")]


def test_attacks_written_against_the_reading_of_things_still_reach_review() -> None:
    """Five code reviews wrote 626 attacks that a version of the reading lowered below review
    ("That is a stupid man.", "Muslims on this page are stupid.", "This policy is stupid, like
    the mayor."; "This plan is stupid. Jenkins is a cow.", "Stupid post, magat.", "Women's
    ideas are stupid."; "This plan is stupid and jenkins is a cow.", "Another stupid plan from
    the cow."; "What a stupid lot.", "Stupid bILL."; "The law are stupid."); every one reaches
    harassment review again."""
    assert len(HARSH_ADVERSARIAL) == 124 + 172 + 193 + 65 + 72
    below = [t for t in HARSH_ADVERSARIAL if t not in _at_harassment_review(HARSH_ADVERSARIAL)]
    assert not below, below


def test_this_is_stupid_in_a_reply_to_a_comment_still_reaches_review() -> None:
    """In a reply, "This is stupid." may answer the comment's writer; under the post it is said
    of the post's news."""
    review = shipped_scorer().rules["harassment"].review
    post = Comment("facebook", "city", "p1", "c1", "This is stupid.")
    reply = Comment("facebook", "city", "p1", "c2", "This is stupid.", parent_id="c0")
    under_post, under_comment = shipped_scorer().score([post, reply])
    assert under_post["harassment"].score < review <= under_comment["harassment"].score


def test_harsh_words_about_a_thing_are_read_before_profanity_is_capped() -> None:
    """The profanity cap adds "no vulgar word: a moderator decides" to the evidence of a score
    at act, which no harsh word matches: read after it, "What a dumb dumb idea lol" would keep
    profanity 0.41, at review (a code review)."""
    rules = shipped_scorer().rules
    found = scored("What a dumb dumb idea lol")
    assert found["profanity"] < rules["profanity"].review
    assert found["harassment"] < rules["harassment"].review


@pytest.mark.parametrize("text", [
    "This policy is stupid.", "What a stupid idea.", "This decision is disgusting.",
    "That's stupid.", "The tax increase is stupid.", "It's a stupid law.",
])
def test_a_harsh_word_about_a_thing_says_why_it_was_weighed_again(text: str) -> None:
    comment = Comment("facebook", "city", "p1", "c1", text)
    found = shipped_scorer().score([comment])[0]["harassment"]
    assert found.score < shipped_scorer().rules["harassment"].review
    assert "harsh words said of a decision or a thing, not a person" in found.evidence


@pytest.mark.parametrize("text", [
    "The mayor is stupid.", "This plan is stupid and so are you.",
    "Your plan is dumb, just like you.", "Stupid policy from a stupid mayor.",
    "Anyone who supports this is stupid.", "The people who voted for this are stupid.",
    "This council is stupid.", "What a stupid idea, you moron.", "Dumb as a rock, this mayor.",
])
def test_a_harsh_word_about_a_person_beside_a_thing_still_reaches_review(text: str) -> None:
    assert scored(text)["harassment"] >= shipped_scorer().rules["harassment"].review


SHARED_LINKS = [
    "check this out https://www.npr.org/2026/03/02/lead-pipes-other-cities",
    "Full meeting video: https://www.youtube.com/watch?v=k3j4h5g6",
    "https://apnews.com/article/state-budget-cuts-towns",
    "The Tribune story: https://www.chicagotribune.com/2026/03/01/audit-findings/",
    "Watch from 1:42:00 https://youtu.be/abc123XYZ",
]


@pytest.mark.parametrize("text", SHARED_LINKS)
def test_a_link_shared_with_a_few_words_is_never_hidden_by_the_model_alone(text: str) -> None:
    """A blind probe found bare news and video links hidden as spam (0.88 to 0.99): the public
    spam sets are full of "check this out <link>". A moderator decides instead."""
    from moderator.policy import decide

    found = scored(text)
    assert shipped_scorer().rules["spam"].review <= found["spam"] < shipped_scorer().rules[
        "spam"].act, found["spam"]
    assert decide(found, shipped_scorer().rules).outcome == "review"


@pytest.mark.parametrize("text", ["Thanks! More info at https://www.cdc.gov/flu",
                                  "see https://www.usa.gov/benefits",
                                  "Agenda: https://springfield.example.org/council/agenda"])
def test_a_few_words_with_a_link_the_agency_allows_are_not_spam(text: str) -> None:
    """The docs say links to allowed domains, and any .gov, are fine; with a few words around
    them they went to spam review as bare links (a docs walkthrough found three)."""
    from moderator.classify import make_scorer
    from moderator.policy import decide

    scorer = make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"), None,
                         {"allow_domains": ["springfield.example.org"]})
    [found] = scorer.score([Comment("facebook", "city", "p1", "c1", text)])
    assert found["spam"].score < scorer.rules["spam"].review, found["spam"]
    assert decide({r: s.score for r, s in found.items()}, scorer.rules).outcome == "allow"


def test_a_longer_comment_whose_links_the_agency_allows_is_never_hidden_as_spam() -> None:
    """"More info on permits at www.example.gov/permits or call 311." was hidden as spam (0.71
    for "httplink", "call", "info"; a probe of residents' languages): the words of the spam sets,
    around a link to a government site. A moderator decides such a comment."""
    from moderator.policy import decide

    for text in ("For more info on the rebate visit www.energy.gov/rebates or call 311",
                 "Info on free tax help at www.irs.gov/vita, or call 211 for a site near you"):
        found = scored(text)
        assert decide(found, shipped_scorer().rules).outcome == "review", (text, found)


@pytest.mark.parametrize("text", [
    "Local news has more info than this press release: "
    "https://www.channel8news.com/2026/05/juniper-ave-standoff",
    "The Bee has the full story, with the council's own emails: "
    "https://www.sacbee.com/news/local/article-council-emails.html",
    "Here's the news article with the actual timeline of the standoff "
    "https://www.kgwnews.com/article/news/local/standoff-timeline",
])
def test_a_sentence_sharing_a_news_link_is_never_hidden_as_spam(text: str) -> None:
    """A blind probe of city threads found a resident's news link, posted against the city's
    own press release, hidden as spam (0.98: "httplink", "com", "info"); its words alone score
    0.11. A comment with a link is hidden only when its words, read without the link, are spam
    too; otherwise a moderator decides."""
    from moderator.policy import decide

    found = scored(text)
    assert decide(found, shipped_scorer().rules).outcome == "review", found["spam"]


@pytest.mark.parametrize("text", [
    "If someone is in crisis please call or text 988. It's free and 24/7.",
    "Domestic violence hotline 1-800-799-7233, or text START to 88788. Please share.",
])
def test_a_post_sharing_a_public_help_line_is_never_hidden_as_spam(text: str) -> None:
    """A blind probe of personal information found both hidden as spam (0.95, 0.89): "text ...
    to 88788" and "free, 24/7" are what the text-message spam set sells with."""
    from moderator.policy import decide

    found = scored(text)
    assert decide(found, shipped_scorer().rules).outcome == "review", found["spam"]


def test_a_help_line_does_not_launder_spam() -> None:
    """A code review: any spam ending "Not an emergency? Don't call 911." went to review. The
    help line spares a comment only when the rest of it, without the help line's sentence, is
    not spam, and no other number or link is given."""
    from moderator.policy import decide

    found = scored("WINNER!! As a valued network customer you have been selected to receive a "
                   "900 pound prize reward! To claim call 09061701461. Claim code KL341. Valid "
                   "12 hours only. Not an emergency? Don't call 911.")
    assert decide(found, shipped_scorer().rules).label == "act:spam", found["spam"]


def test_words_that_sell_or_a_denied_domain_still_hide_a_link() -> None:
    from moderator.classify import make_scorer
    from moderator.policy import decide

    rules = shipped_scorer().rules
    sold = scored("Make 500 dollars a day from home, no experience needed, sign up at "
                  "https://cash-fast.example/join")
    assert decide(sold, rules).label == "act:spam"
    denied = make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"), None,
                         {"deny_domains": ["cash-fast.example"]})
    [bare] = denied.score([Comment("facebook", "city", "p1", "c1",
                                   "https://cash-fast.example/join")])
    assert decide({r: s.score for r, s in bare.items()}, rules).label == "act:spam"


BILL_COMPLAINTS = [
    "Refund check #20417 for $96.25 never arrived.",
    "My sewer bill jumped from $48.10 to $291.75 in one month. Account 5520-31877.",
    "Parking ticket 7731942 says $65 but the sign says the fine is $40.",
    "I was charged a $35 late fee on invoice 448120 even though I paid on the 3rd.",
    "Finally got my $600 heat pump rebate check today, it took about eight weeks.",
]


@pytest.mark.parametrize("text", BILL_COMPLAINTS)
def test_a_complaint_about_a_bill_is_never_hidden_as_spam(text: str) -> None:
    """A blind probe found billing complaints hidden as spam (0.55 to 0.99): SMS spam taught
    the model dollar amounts and long numbers. With no link, e-mail or number to call or text,
    the model alone does not hide them; a moderator sees the ones it still doubts."""
    from moderator.policy import decide

    assert decide(scored(text), shipped_scorer().rules).outcome != "act", scored(text)


@pytest.mark.parametrize("text", [
    "The church on Elm is giving out free Thanksgiving meals Thursday, no questions asked. "
    "Please share!",
    "FREE school supplies giveaway Saturday at Lincoln Park!! Please share",
])
def test_a_community_notice_asking_to_be_shared_is_never_hidden_as_spam(text: str) -> None:
    """"Please share" is what YouTube spam asks, and residents' notices of free meals and
    giveaways were hidden for it (a spam probe: "Free back-to-school backpacks ... Please
    share!" 0.80). With no link, e-mail or number to call, a moderator decides."""
    from moderator.policy import decide

    assert decide(scored(text), shipped_scorer().rules).outcome == "review", scored(text)


@pytest.mark.parametrize("text", [
    "Please check.", "Check with your doctor.", "Check it out.",
    "I subscribed to the newsletter", "Thumbs up if you agree",
])
def test_a_comment_with_nothing_sold_and_nowhere_to_go_is_never_hidden_as_spam(
        text: str) -> None:
    """YouTube spam taught the model "check", "subscribe" and "thumbs up", and a resident's
    "Please check." (0.94) or "Check with your doctor." (0.81) was hidden as spam. Spam sells
    something or sends the reader somewhere; with no link, number, price, handle, selling word
    or place to go (a channel, a video, "my page", "message me"), a moderator decides."""
    from moderator.policy import decide

    assert decide(scored(text), shipped_scorer().rules).label == "review", scored(text)


@pytest.mark.parametrize("text", [
    "Subscribe to my channel", "Check out my new song", "sub me if you like the song",
    "Follow me for more", "Check out this video on YouTube", "DM me for a free gift",
    "I am so awesome and smart!!! Sucscribe to me!", "watch?v=vtaRGgvGtWQ Check this out .",
    "Reply YES now to get your ringtone",
    # disguised or inflected selling words (a code review): "Fr\u0435\u0435" with Cyrillic e's
    "Fr\u0435\u0435 gift card for the first fifty people!",
    "E.a.r.n four hundred dollars a day from your phone with this simple app!",
    "Amazing news. you have won a brand new iPhone in our giveaways, claim your reward now.",
])
def test_spam_that_sends_the_reader_somewhere_is_still_hidden(text: str) -> None:
    from moderator.policy import decide

    assert decide(scored(text), shipped_scorer().rules).label == "act:spam", scored(text)


def test_a_resident_leaving_an_e_mail_address_for_a_reply_is_never_hidden_as_spam() -> None:
    """A blind probe: "My email is ... if someone can follow up" was hidden as spam (0.92)."""
    from moderator.policy import decide

    text = ("I sent my application twice and heard nothing. My email is "
            "r.okafor1981@outlook.com if someone can follow up.")
    assert decide(scored(text), shipped_scorer().rules).outcome == "review", scored(text)


@pytest.mark.parametrize("text", [
    "URGENT! Your account has won a $1000 prize. Call 09061701461 to claim now",
    "Cut your water bill in half!! Text SAVE to 80086 for a free quote",
    # a phone number with no "call" before it, an e-mail beside a number (a code review)
    "URGENT! Your mobile number has been awarded a 2000 pound prize GUARANTEED. Claim now "
    "09058094455 before it expires",
    "Congratulations! You won a free cruise. Your account is ready, just pay the 4.99 fee at "
    "0800 542 0825",
    "URGENT! Your account has won a $1000 prize. Call 09061701461 to claim now or email "
    "claims@prize-desk.example",
])
def test_money_with_a_number_to_call_or_text_is_still_hidden_as_spam(text: str) -> None:
    from moderator.policy import decide

    assert decide(scored(text), shipped_scorer().rules).label == "act:spam", scored(text)


def test_an_x_reply_about_a_bill_is_not_hidden_for_its_leading_mention() -> None:
    from moderator.policy import decide

    text = "@SpringfieldCity Refund check #20417 for $96.25 never arrived."
    assert decide(scored(text), shipped_scorer().rules).outcome != "act", scored(text)


@pytest.mark.parametrize("text", ["Claim your free prize now https://t.co/x9",
                                  "Claim your free prize now https://prizes.example#.gov",
                                  "Claim your free prize now https://prizes.example\\.gov"])
def test_a_link_that_only_looks_allowed_is_not_waved_through(text: str) -> None:
    """X's t.co wrapper hides where it leads, and a browser opens prizes.example for both of the
    others; they went from review to allowed as "links only to allowed domains"."""
    assert scored(text)["spam"] >= shipped_scorer().rules["spam"].review, scored(text)


#: Written for this test: "free ..." said of people and places on every side, and offers.
FREE_SLOGANS = ["Free Palestine", "FREE PALESTINE", "Free Israel", "Free Ukraine", "Free Gaza",
                "Free Tibet", "Free Iran", "Free Hong Kong", "Free Navalny", "Free Britney",
                "Free the hostages", "Palestine will be free", "Ceasefire now, free Palestine",
                "Free Julian Assange", "Free the J6 prisoners", "Free Cuba"]
FREE_OFFERS = ["Free iPhone", "Free money", "Claim your free gift", "FREE ringtones",
               "free followers, dm me", "Get free robux", "Free entry"]


@pytest.mark.parametrize("text", FREE_SLOGANS)
def test_free_said_of_someone_or_somewhere_is_no_spam_whatever_the_side(text: str) -> None:
    """"Free Palestine" was hidden as spam (0.61) and "Free Israel" went to spam review, while
    "Free the hostages" was allowed: the spam sets' "free" read a slogan as an offer."""
    assert scored(text)["spam"] < shipped_scorer().rules["spam"].review


@pytest.mark.parametrize("text", FREE_OFFERS)
def test_free_with_a_thing_to_get_or_a_way_to_get_it_is_still_spam(text: str) -> None:
    assert scored(text)["spam"] >= shipped_scorer().rules["spam"].act
