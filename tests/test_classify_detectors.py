"""Exact detectors: personal information, links, floods and masked words, and the [detectors]
settings."""

from __future__ import annotations

import pytest
from conftest import ROOT

from moderator.classify import Scorer, detector_config, make_scorer
from moderator.classify.detectors import build, extract_urls
from moderator.classify.keywords import KeywordModel
from moderator.comments import Comment
from moderator.config import load_rules
from moderator.errors import ConfigError
from moderator.policy import decide

CITY = {"agency_phones": ["217-555-0100"], "agency_addresses": ["410 Harmon Street"],
        "agency_emails": ["planning@springfield.example.org"],
        "allow_domains": ["springfield.example.org"], "deny_domains": ["bestdealz.example.com"]}


def scores(text: str, rules, table=CITY, *, author="a1", at="2026-11-20T10:00:00Z",  # type: ignore[no-untyped-def]
           history=None):
    detectors = build(detector_config.load(table), rules)
    comment = Comment("facebook", "city", "p1", "c1", text, author_id=author, created_at=at)
    found: dict = {}
    for detector in detectors:
        for rule, score in detector.detect([comment], history or {})[0].items():
            found[rule] = score
    return found


def level(found, rule, rules):  # type: ignore[no-untyped-def]
    score = found.get(rule)
    if score is None:
        return "none"
    return "act" if score.score >= rules[rule].act else "review" if \
        score.score >= rules[rule].review else "below"


@pytest.mark.parametrize(("text", "expected"), [
    ("The foreman lives at 1187 Birchwood Lane, his cell is 217-555-0187", "act"),
    ("Wade Pruitt, SSN 123-45-6789. Found it on a pay stub", "act"),
    ("here's the card 4111 1111 1111 1111 exp 09/27", "act"),
    ("Call the shop at 217-555-0199 for a quote", "review"),
    ("write to gary.lind@example.com about it", "review"),
    ("Call Public Works at 217-555-0100 with questions", "none"),
    ("Water is free at Fire Station 3, 410 Harmon St.", "none"),
    ("Written comments go to planning@springfield.example.org", "none"),
    ("card 4111 1111 1111 1112 does not pass Luhn", "none"),
    ("The budget grew 4.5% to $212,000,000 in 2026", "none"),
    ("Meet at 5520 Old Mill Rd if you want to help", "below"),  # a place, no one's home
    ("42 plows and my street hasn't seen one", "none"),
    ("we waited 3 hours on Main Street", "none"),
    ("He lives on 40 acres outside town and still pays the city sewer fee", "none"),
    ("Our team took 1st place, and 2 1st place ribbons went to the Elm Street school", "none"),
    ("Where is the chief during the flood? She's at 2 Rivers Casino, per her own post", "none"),
    ("The ducks live at 3 Rivers Park, please don't feed them bread", "none"),
    ("Seniors living on 2 Incomes can't pay this tax", "none"),
    ("My sister lives on 5th Street and the plow never comes", "none"),
    ("The vandal edits all came from 203.92.84.161 again", "none"),  # an IP address
    ("his cell is 217.555.0187", "act"),
    ("Saints win % since the trade: 0.0000000000000", "none"),  # zeros pass Luhn
    ("pics: https://m.facebook.com/story.php?story_fbid=1&id=754989901225153", "none"),
    # seven-digit local numbers, read only as a number to call
    ("Her cell is 555-0187, tell her what you think of the vote", "act"),
    ("his number: 867 5309", "act"),
    ("my number is 555-0187, please have someone call me back", "review"),
    ("Permit number 555-0187 was denied twice", "none"),
    ("call 555-0100 for sandbag pickup times", "none"),  # the agency's, without its area code
    ("the no 555 1234 bus is late again", "none"),
    ("Fines for illegal dumping can reach $250-1000 and rents reach 900-1200 a month", "none"),
    ("Call $250-1000 a fair fine? I don't", "none"),
    # a lost pet's owner is no disclosure; a visit to someone's door is
    ("LOST DOG near Elm and 3rd, please call 217-555-0147 if you see her", "review"),
    ("Inspector Voss is at 1187 Birchwood Lane, let's go see him tonight", "act"),
])
def test_it_finds_personal_information_but_not_the_agencys_own(text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    assert level(scores(text, rules), "personal_info", rules) == expected


@pytest.mark.parametrize("text", [
    "The pothole in front of 412 Oak Street has been there for months",
    "The mayor said in her speech that the new library at 200 Oak Street opens in May",
    "Our family home is near the park, but the crosswalk at 1400 Lincoln Ave is dangerous",
    "Their office at 300 Main Street was closed again today",
    "My kids walk past 800 Pine Road every day and the sidewalk is broken",
    "The detour runs from 100 Main Street to 400 Main Street until June",
    "Meet at 5520 Old Mill Dr if you want to help",  # "Dr" is the street's, not a doctor
])
def test_a_resident_naming_a_place_by_its_address_is_not_disclosing_anything(
        text, rules) -> None:  # type: ignore[no-untyped-def]
    found = scores(text, rules)
    assert level(found, "personal_info", rules) == "below", "noted, not reviewed or hidden"
    assert found["personal_info"].evidence[0].startswith("street address ")


@pytest.mark.parametrize(("text", "expected"), [
    ("Here is where the building inspector lives: 1187 Birchwood Lane", "act"),
    ("Councilman Ortiz's home address is 1187 Birchwood Lane", "act"),
    ("Pay her a visit at 22 Cedar Court, she deserves it", "act"),
    ("your ex's number is 217-555-0135 and she's at 14 Quarry Rd apt 2 now", "act"),
    ("Commissioner Reyes: 1187 Birchwood Lane. You know what to do.", "review"),
    ("Dave Lind, 1187 Birchwood Lane, 217-555-0187", "review"),
    # a street with no street word, said as where someone lives (a blind probe of city threads)
    ("Dale Whitmore lives on 18 Pine Knoll, go tell him what you think", "act"),
    ("The building inspector lives at 42 Willow Bend with his family", "act"),
    ("I live at 18 Pine Knoll and my street has not been plowed in four days", "review"),
    # a numbered street or a direction before the name (a second blind probe)
    ("he lives at 1602 E Reynolds. Go talk to him.", "act"),
    ("She lives in apt 4B at 1200 S 2nd St. Ring her bell.", "act"),
    ("Her home is at 2214 S Glenwood, her kids go to Butler Elementary", "act"),
    ("His SSN is 482-09-2024, look him up", "act"),
    # a code review: real SSNs after a generic word, doxxing said with "you" or "they"
    ("Wade Pruitt's number: 123-45-6789. Found it on a pay stub", "act"),
    ("Dave Lind, ID no. 123-45-6789, go ruin his credit", "act"),
    ("We know where you live, 1187 Birchwood Lane. See you soon.", "act"),
    ("The Hendersons? They live at 41 Oak Lane. Go tell them what you think", "act"),
    ("His personal email is daveslind@mail.ab.us, spam him", "act"),
])
def test_an_address_tied_to_a_person_still_goes_to_a_moderator_or_is_hidden(
        text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    assert level(scores(text, rules), "personal_info", rules) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Tony's Pizza at 300 Elm Street is feeding the crews, go see them and say thanks!",
     "below"),
    ("The food bank moved, their new place is 45 Mill Road.", "below"),
    ("The pantry is open Saturdays, go visit them at 14 Church St.", "below"),
    ("The shelter is at 22 Pine St, you can find them next to the fire station.", "below"),
    ("The county office is at 100 Court St, show up at 9 when they open.", "below"),
    ("For the cooling center, the library at 31 Library Lane is open until 9pm. Their number "
     "is (217) 410-2200.", "review"),
    ("Go show up at his house, 12 Oak Lane, and tell him what you think", "act"),
    ("Pay them a visit at 12 Oak Lane tonight", "act"),
    ("Joe's House of Pancakes at 12 Main St opens at 6", "below"),
    # and what the probe found only reviewed: a home phone, someone's house, "pay a visit"
    ("Councilman Hughes' home phone is (217) 483-3412. Flood it.", "act"),
    ("Found the zoning director's house: 77 Birchwood Lane.", "act"),
    ("Councilman Hughes: 1187 Sycamore Drive. Pay a visit.", "act"),
])
def test_a_business_or_public_place_is_not_someones_home(text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    """"their number", "go see them" and "show up at" said of a shop, a food bank or an office
    hid these comments as personal information (a blind probe found five)."""
    assert level(scores(text, rules), "personal_info", rules) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("My cell is 773-304-9921, please have someone from Public Works call me about the sinkhole.",
     "review"),
    ("I live at 52 Harbor View Road and the storm drain in front of my house overflows.",
     "review"),
    ("My mother is 84 and lives alone at 77 Elm Court. Her ramp request is pending since June.",
     "review"),
    ("We live at 9 Alder Way and the hydrant has leaked for a week.", "review"),
    # the same words about someone else, or with a visit in mind, still hide
    ("The inspector lives at 52 Harbor View Road, his cell is 773-304-9921.", "act"),
    ("I know where she lives: 52 Harbor View Road.", "act"),
    ("We should pay him a visit at 9 Alder Way.", "act"),
    ("I live near the clerk, her house is 9 Alder Way.", "act"),
    # someone else's details behind a first-person word (a review of the rule above)
    ("Our mayor lives at 14 Elm Street, everyone should know that", "act"),
    ("We know his home address is 9 Alder Way", "act"),
    ("I have her cell number: 202-555-0187. Call her and tell her what you think", "act"),
    ("Our inspector's cell is 202-555-0187", "act"),
    ("My neighbour Dave Miller lives at 41 Oak Lane and he steals packages", "act"),
    ("We currently live at 9 Alder Way; the sidewalk there is broken.", "review"),
    ("Please call me, my home phone is 202-555-0187.", "review"),
    # a second blind probe of personal information: "you live" is anyone, "I'm her son" the
    # writer's own tie
    ("Our block captain is me, Angie, 217-565-3090. Call me if you live on the 2400 block.",
     "review"),
    ("My mother at 1300 S State St has no heat. I'm her son, call me at 217-408-2615.",
     "review"),
])
def test_a_residents_own_contact_details_go_to_a_moderator_not_to_a_hide(
        text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    """A blind probe: residents asking for a callback ("my cell is", "I live at") were hidden
    automatically, and with them their service request. A moderator decides, and may hide it
    to protect the writer once the request is answered."""
    assert level(scores(text, rules), "personal_info", rules) == expected


@pytest.mark.parametrize("text", [
    "For anyone asking: the non-emergency police line is 312-746-6000.",
    "Utility billing questions: call the billing office at 312-744-4426 Monday to Friday.",
    "The domestic violence hotline is 1-800-799-7233 and it's open 24/7.",
    "Call 1-888-555-0142 for the state's tax help line.",
    "Report illegal dumping at (773) 482-3000 or online. They came the next day.",
    "Questions go to billing@cityofexample.gov or the billing line: 312-744-4426, weekdays.",
    "Written comments go to zoning@cityofexample.gov or planning.board@county.example.gov",
    "Police report #2024-115902 for my stolen bike. Still no update.",
    "My permit number is BLD-2024-003817 and it's been in plan review since January.",
    "Case 2024-118233 is still open after five months.",
    # a second blind probe: a resolution's number in an SSN's shape was hidden as an SSN, a
    # city's .il.us address went to review
    "Resolution No. 482-09-2024 passed 8-2 last night.",
    "Parcel 482 09 2024 was rezoned without a hearing",
    "Email the clerk at cityclerk@springfield.il.us, she answered me the same day",
])
def test_public_lines_government_addresses_and_case_numbers_are_nobodys_private_details(
        text, rules) -> None:  # type: ignore[no-untyped-def]
    """Hotlines and an office's line went to review as private phone numbers, and case and
    permit numbers ("2024-115902") were read as phone numbers (a blind probe found 14)."""
    assert level(scores(text, rules), "personal_info", rules) == "none"


def test_an_office_word_somewhere_before_a_number_does_not_make_it_public(rules) -> None:  # type: ignore[no-untyped-def]
    text = "Forget the county, call Dave Miller directly at 202-555-0187"
    assert level(scores(text, rules), "personal_info", rules) == "review"


def test_evidence_masks_the_numbers_it_found(rules) -> None:  # type: ignore[no-untyped-def]
    found = scores("SSN 123-45-6789 and cell 217-555-0187 at home", rules)["personal_info"]
    assert "SSN-like number ending 6789" in found.evidence
    assert "phone number ending 0187" in found.evidence
    assert not any("123-45" in e for e in found.evidence)


@pytest.mark.parametrize(("text", "expected"), [
    ("&#128514;&#128514; her cell is 312-555-0187", "act"),
    ("her cell is&#32;312&#32;555&#32;0187", "act"),
    ("Dave Miller's number 312 555 0187&#128514;&#128514;", "review"),
    ("&#127814;&#127814;&#127814;&#127814;&#127814; lol", "none"),
    ("&#8220;@user: the game starts at 7 &#128514;&#128514;&#8221;", "none"),
])
def test_character_references_are_characters_and_the_numbers_beside_them_are_read(
        text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    """Tweets in one data set keep their emoji as "&#128514;": one character, not six digits
    (read as digits, the phone-number matcher spent half its time on them). A number written
    among them is still read."""
    assert level(scores(text, rules), "personal_info", rules) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("HUGE SALE at bestdealz.example.com/tires today", "act"),
    ("HUGE SALE at https://bestdealz.example.com#tires today", "act"),
    ("HUGE SALE at https://bestdealz.example.com\\tires today", "act"),
    ("I made $3,200 this week, see bit.ly/snowcash22", "review"),
    ("read this https://some-blog.example.net/post", "review"),
    ("agenda at https://www.springfield.example.org/council", "none"),
    ("the state's page: https://www.dot.state.example.gov/roads", "none"),
    ("no links here, just an opinion.", "none"),
])
def test_it_flags_links_by_domain(text, expected, rules) -> None:  # type: ignore[no-untyped-def]
    assert level(scores(text, rules), "spam", rules) == expected


def test_it_extracts_links_with_and_without_a_scheme() -> None:
    assert extract_urls("see bit.ly/x1, and https://a.example.org/p?q=1.") == [
        "bit.ly/x1", "https://a.example.org/p?q=1"]


def test_a_link_written_with_its_scheme_counts_whatever_the_domain_ends_in() -> None:
    assert extract_urls("Grow fast at https://cheap-followers.example/buy today") == [
        "https://cheap-followers.example/buy"]
    assert extract_urls("FREE gift http://claim.prize/now!!") == ["http://claim.prize/now"]
    assert extract_urls("We meet at 5.30 at the library") == []


def test_an_e_mail_address_is_not_a_link(rules) -> None:  # type: ignore[no-untyped-def]
    assert extract_urls("write to tips@metro-news.example.com or ask.me@x.org") == []
    found = scores("Ask the editor, tips@metro-news.example.com, she covered it", rules)
    assert "spam" not in found and level(found, "personal_info", rules) == "review"
    assert level(scores("tips at metro-news.example.com", rules), "spam", rules) == "review"


@pytest.mark.parametrize("text", ["RT @wxnews: Storm warning for the county http://t.&#8230;",
                                  "more at http://t.\u2026", "see http://intranet/admin. Thanks"])
def test_a_link_cut_short_or_to_no_domain_is_no_spam_sign(text, rules) -> None:  # type: ignore[no-untyped-def]
    assert "spam" not in scores(text, rules)


def test_an_x_link_wrapper_is_no_spam_sign_but_an_agency_may_list_it(rules) -> None:  # type: ignore[no-untyped-def]
    tweet = "Road closed on Elm until Friday https://t.co/Xa81Bc2dQe"
    assert "spam" not in scores(tweet, rules)
    assert level(scores("Free followers https://bit.ly/3xYz", rules), "spam", rules) == "review"
    strict = dict(CITY, shorteners=["t.co", "bit.ly"])
    assert scores(tweet, rules, strict)["spam"].evidence == ("link shortener t.co",)


def _history(texts_and_times, author="a1"):  # type: ignore[no-untyped-def]
    comments = [Comment("facebook", "city", "p1", f"h{i}", text, author_id=author, created_at=at)
                for i, (text, at) in enumerate(texts_and_times)]
    return {("facebook", author): comments}


def test_it_flags_a_flood_of_near_identical_comments_by_one_author(rules) -> None:  # type: ignore[no-untyped-def]
    history = _history([("HUGE SALE tires 70% OFF today only!!", "2026-11-20T09:55:00Z"),
                        ("HUGE SALE!! tires 70% OFF today only", "2026-11-20T09:58:00Z")])
    found = scores("huge sale tires 70% off TODAY ONLY!!!", rules, history=history)
    assert level(found, "spam", rules) == "act"
    assert "3 near-identical comments" in found["spam"].evidence[0]


def test_it_does_not_call_it_a_flood_outside_the_window_or_when_texts_differ(rules) -> None:  # type: ignore[no-untyped-def]
    old = _history([("Fix the road please", "2026-11-19T09:00:00Z"),
                    ("Fix the road please", "2026-11-19T09:05:00Z")])
    assert "spam" not in scores("Fix the road please", rules, history=old)
    varied = _history([("When does the pool open?", "2026-11-20T09:58:00Z"),
                       ("Thanks for the update on the budget", "2026-11-20T09:59:00Z")])
    assert "spam" not in scores("Fix the road please", rules, history=varied)


def test_the_flood_window_sets_how_much_history_is_asked_for() -> None:
    settings = detector_config.load({"flood_window_seconds": 900, "flood_count": 4})
    from moderator.config import load_rules
    from moderator.paths import shipped

    flood = build(settings, load_rules(shipped("config/conduct-rules.toml")))[2]
    assert flood.history_seconds == 900


@pytest.mark.parametrize(("text", "rule", "written"), [
    ("f**k the council", "profanity", "f**k"),
    ("what the f*** is this", "profanity", "f***"),
    ("You f*cking a**hole, answer the question", "profanity", "a**hole"),
    ("this budget is sh!t", "profanity", "sh!t"),
    ("B*TCH please", "profanity", "B*TCH"),
    ("F***!!! Another rate hike", "profanity", "F***"),
    ("he called my son a n****r at the pool", "hate", "n****r"),
    ("*uck the council and its parking rules", "profanity", "*uck"),
    ("**** you and your parking tickets", "profanity", "****"),
    ("these ****ing meters ate my quarters", "profanity", "****ing"),
    # a blind probe of sexual comments: sexual terms masked (release 2026.12.11's code)
    ("Nice t*ts on the lady reading the announcement", "sexual", "t*ts"),
    ("The receptionist at the permits office is very f*ckable", "sexual", "f*ckable"),
    ("free p*rn links in my bio", "sexual", "p*rn"),
])
def test_a_masked_swear_word_or_slur_goes_to_review_citing_it_as_written(
        text, rule, written, rules) -> None:  # type: ignore[no-untyped-def]
    found = scores(text, rules)
    assert level(found, rule, rules) == "review"
    assert written in found[rule].evidence


@pytest.mark.parametrize("text", [
    "*sighs* another delay",
    "Offer valid for residents* (*see terms)",
    "5*3 = 15 spaces, not 20",
    "**Important**: the meeting moved to Tuesday",
    "Councillor D*** said no to the audit",     # a redacted name: one letter could be any word
    "Mr. S**** voted against it",
    "Thanks!!! Great work on the park",
    "write to bob@mail.com",
    "*hits snooze* the meeting is at 7am?",       # an action the next asterisk closes
    "*hit* the road, said the sign at the detour",
    "#hit song of the summer at the band shell",  # a hashtag is a word
    "I rate the new library ****, lovely staff",
    "Thanks to *Rick* at public works",           # emphasis around a name
])
def test_asterisks_that_hide_no_listed_word_are_left_alone(text, rules) -> None:  # type: ignore[no-untyped-def]
    found = scores(text, rules)
    assert "profanity" not in found and "hate" not in found and "sexual" not in found


def test_a_masked_sexual_word_does_not_let_the_profanity_score_hide_a_comment() -> None:
    """"Damn right" scores profanity above act but has no vulgar word, so a moderator decides;
    a masked sexual word beside it is the sexual rule's business, not a vulgar word."""
    scorer = make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))
    [found] = scorer.score([Comment("facebook", "city", "p1", "c1", "Damn those t*ts")])
    assert scorer.model.score_texts(["Damn those t*ts"])[0]["profanity"].score >= \
        scorer.rules["profanity"].act
    assert decide({r: s.score for r, s in found.items()}, scorer.rules).outcome == "review"
    assert "no vulgar word: a moderator decides" in found["profanity"].evidence
    assert "t*ts" in found["sexual"].evidence


def test_a_masked_sexual_word_is_not_a_vulgar_word_for_the_profanity_rule() -> None:
    """The profanity rule hides only with a vulgar word (a swear word or slur); a masked sexual
    word sends the comment to review under the sexual rule and leaves profanity's hide alone."""
    from moderator.classify import masked

    assert set(masked.findings("nice t*ts and a f**k you")) == {"sexual", "profanity"}
    assert "sexual" not in masked.VULGAR_RULES
    assert not set(masked.WORDS["sexual"].split()) & set(
        " ".join(masked.WORDS[rule] for rule in masked.VULGAR_RULES).split())


def test_the_shipped_model_misses_a_masked_word_that_the_detector_sends_to_review() -> None:
    scorer = make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))
    comment = Comment("facebook", "city", "p1", "c1", "f**k the council and its parking rules")
    found = scorer.score([comment])[0]
    assert scorer.model.score_texts([comment.text])[0]["profanity"].score < 0.1
    decision = decide({rule: s.score for rule, s in found.items()}, scorer.rules)
    assert (decision.label, decision.rule) == ("review", "profanity")
    assert found["profanity"].evidence == ("f**k",)


@pytest.mark.parametrize(("table", "message"), [
    ({"agency_phone": ["1"]}, "detectors.agency_phone: unknown setting"),
    ({"agency_phones": ["call us"]}, "detectors.agency_phones: 'call us' is not a phone number"),
    ({"agency_phones": "217-555-0100"}, "detectors.agency_phones: must be a list"),
    ({"region": "Narnia"}, "detectors.region"),
    ({"deny_domains": ["bad domain.com"]}, "detectors.deny_domains"),
    ({"flood_count": 1}, "detectors.flood_count: must be a whole number of at least 2"),
    ({"flood_window_seconds": -5}, "detectors.flood_window_seconds"),
    ({"flood_similarity": 2}, "detectors.flood_similarity"),
])
def test_a_bad_detectors_table_names_the_file_and_key(table, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match=message) as error:
        detector_config.load(table, "/etc/moderator/moderator.toml")
    assert str(error.value).startswith("/etc/moderator/moderator.toml: detectors")


def test_a_score_names_every_published_rule_in_order_and_only_those() -> None:
    """A model may score rules an agency has not published (a scorer built in code, a stand-in
    model): they are left out, and a published rule nothing fired for scores zero."""
    from moderator.config import Rule, RuleBook

    book = RuleBook((Rule("off_topic", "Off topic", "Stay on topic."),
                     Rule("profanity", "Profanity", "No swearing.", "hide", 0.3, 0.5)))
    comments = [Comment("facebook", "city", "p1", "c1", "what the fuck, buy now"),
                Comment("facebook", "city", "p1", "c2", "Thank you for the update")]
    swearing, thanks = Scorer(book, KeywordModel()).score(comments)
    assert list(swearing) == list(thanks) == ["off_topic", "profanity"]
    assert swearing["profanity"].score == 0.9 and swearing["profanity"].evidence == ("fuck",)
    assert swearing["off_topic"].score == thanks["profanity"].score == 0.0


def test_the_agencys_published_keywords_and_patterns_match_whole_words_in_any_case(rules) -> None:  # type: ignore[no-untyped-def]
    scorer = Scorer(rules, KeywordModel({}))
    texts = {
        "c1": "DM me, I do Fake IDs and I'm also selling weed",  # two keywords of one rule
        "c2": "Somebody should DDoS the permit portal",            # another rule's keyword
        "c3": "Vote YES on Measure 4 and re-elect Mayor Diaz!",    # the campaigning patterns
        "c4": "my fake identity theft claim was closed; the ddosing story was fake news",
        "c5": "I vote for fixing the potholes before the new plaza",
    }
    comments = [Comment("facebook", "city", "p1", cid, text) for cid, text in texts.items()]
    found = {c.comment_id: {rule: s for rule, s in scores.items() if s.score}
             for c, scores in zip(comments, scorer.score(comments), strict=True)}
    assert found["c1"]["illegal_activity"].score == 1.0
    assert set(found["c1"]["illegal_activity"].evidence) == {"Fake IDs", "selling weed"}
    assert found["c2"] == {"security": found["c2"]["security"]}
    assert found["c2"]["security"].evidence == ("DDoS",)
    assert set(found["c3"]["campaigning"].evidence) == {"Vote YES on Measure", "re-elect Mayor"}
    assert found["c4"] == {} and found["c5"] == {}
