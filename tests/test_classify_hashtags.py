"""On X and Instagram a comment often ends (or opens) with hashtags that tag its topic:
"<text> #FixOurRoads #Springfield". The model reads a comment whole, so every word added
weighs the rest less, and a troll could append a few tags to a threat to have it allowed. The
scorer reads such a comment again without its tags, and each rule keeps the higher of the two
readings: the same words get the same decision with or without tags."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ROOT

from moderator.classify import EdgeTags, Scorer, edge_tags, make_scorer, without_edge_tags
from moderator.comments import Comment
from moderator.config import load_rules
from moderator.policy import decide


@cache
def scorer() -> Scorer:
    return make_scorer(load_rules(ROOT / "config" / "conduct-rules.toml"))


def _lines(*names: str) -> list[str]:
    found = []
    for name in names:
        text = (ROOT / "tests" / "data" / f"{name}.txt").read_text(encoding="utf-8")
        found += [line for line in text.splitlines() if line.strip() and line[0] != "#"]
    return found


CIVIL = _lines("public-affairs", "official-criticism", "angry-criticism", "short-replies",
               "short-reactions", "plain-descriptions", "identity-advocacy", "violent-civil")
VIOLATIONS = _lines("personal-insults", "name-calling", "threats-written", "harsh-about-people")


def decisions(texts: list[str], platform: str = "x") -> list[str]:
    found = scorer().score([Comment(platform, "city", "p1", f"c{i}", text)
                            for i, text in enumerate(texts)])
    return [decide({rule: s.score for rule, s in scores.items()}, scorer().rules).label
            for scores in found]


def test_the_tags_that_open_or_close_a_comment_are_what_is_read_apart() -> None:
    read = without_edge_tags
    assert read("You are a clown #FixOurRoads #Springfield") == "You are a clown"
    assert read("#Springfield you are a clown") == "you are a clown"
    assert read("you are a clown\n\n#springfield #citycouncil") == "you are a clown"
    # handles among the closing tags, and punctuation or an emoji after them
    assert read("you are a clown #Springfield @CityHall!! 🙄") == "you are a clown"
    # a tag inside a sentence is one of its words; an HTML entity is no tag
    assert read("I love #Springfield parks") == ""
    assert read("Mayor said &#8220;no&#8221;") == ""
    # a comment that is only tags (and handles) is read as written
    assert read("#RecallTheMayor #Springfield") == ""
    assert read("#a @CityHall #b") == ""
    assert read("no tags at all") == ""
    # an emoji is one of the words unless it comes after the tags
    assert read("This roundabout is insane 🤦 #a #b") == "This roundabout is insane 🤦"


def test_a_tag_the_sentence_runs_into_is_read_as_it() -> None:
    """No punctuation, emoji or new line between them: the tag may be what the sentence is
    about, and the model reads "it" in its place ("Kill it" is read "defeat it")."""
    assert edge_tags("Kill #Prop12") == EdgeTags("Kill", "Kill it", attached=True)
    assert edge_tags("#Prop12 should be killed") == EdgeTags(
        "should be killed", "should be killed", attached=True)
    assert edge_tags("You are a clown. #a #b") == EdgeTags(
        "You are a clown.", "You are a clown.", attached=False)
    assert edge_tags("you clown\n\n#a #b") == EdgeTags("you clown", "you clown", attached=False)
    assert edge_tags("#Springfield: you clown") == EdgeTags(
        "you clown", "you clown", attached=False)
    assert edge_tags("clown 🔥 #a") == EdgeTags("clown 🔥", "clown 🔥", attached=False)


def test_a_comment_built_of_thousands_of_tags_is_read_word_by_word() -> None:
    """One regular expression for the closing tags could match them in many ways: "<a word>
    <a thousand tags> <a word> #tag" took it 19 seconds (a hostile comment would have stalled
    the daemon's cycle). Read word by word from each end, a 300,000-character comment of tags
    is read at once."""
    tags = " #a" * 100_000
    assert without_edge_tags("y" + tags + " y #b") == "y" + tags + " y"
    # closing tags are read from the end, over the last 4,000 characters at most
    handles = without_edge_tags("y" + " @a" * 100_000 + " #b")
    assert handles.startswith("y @a @a") and handles.endswith("@a")
    assert without_edge_tags("y" + " @a" * 100 + " #b") == "y"
    assert decisions(["y" + tags + " y #b", "#x" + tags]) == ["allow", "allow"]


def test_the_link_x_writes_after_a_tweet_with_a_photo_closes_it_like_a_tag() -> None:
    """X writes "https://t.co/..." after the text of a tweet with a photo: it let 124 of the
    tests' 293 violations at review through, and 225 with a tag before it. The model reads the
    words without it; the spam rules still count it."""
    assert edge_tags("You clown https://t.co/AbC12") == EdgeTags(
        "You clown https://t.co/AbC12", "You clown", attached=False)
    assert edge_tags("Kill #Prop12 https://t.co/x") == EdgeTags(
        "Kill https://t.co/x", "Kill it", attached=True)
    assert edge_tags("see https://t.co/a and more") is None
    assert edge_tags("https://t.co/a") is None
    assert edge_tags("read https://example.com/x") is None
    for shape in ("{} https://t.co/AbC123xYz", "{}\n#Springfield https://t.co/AbC123xYz"):
        plain = decisions(VIOLATIONS)
        linked = decisions([shape.format(text) for text in VIOLATIONS])
        assert [text for text, was, now in zip(VIOLATIONS, plain, linked, strict=True)
                if was != "allow" and now == "allow"] == []
        assert sum(now.startswith("act:") for now in linked) >= 25


SET_APART = ["{}\n\n#springfield #citycouncil #localnews", "#Springfield: {}",
             "{}\n#FixOurRoads #Springfield"]
RUN_INTO = ["{} #FixOurRoads #Springfield #Budget2026", "#Springfield {}"]


@pytest.mark.parametrize("tags", SET_APART)
def test_tags_set_apart_do_not_change_the_decision_on_the_tests_lines(tags: str) -> None:
    """Before, " #FixOurRoads #Springfield #Budget2026" after each of the 380 violations took
    73 of them out of review and 25 of their 26 hides."""
    assert (len(CIVIL), len(VIOLATIONS)) == (680, 380)
    for texts in (VIOLATIONS, CIVIL):
        plain = decisions(texts)
        tagged = decisions([tags.format(text) for text in texts])
        assert [(text, was, now) for text, was, now in zip(texts, plain, tagged, strict=True)
                if was != now] == []
    assert sum(label.startswith("act:") for label in plain) == 0
    assert sum(label.startswith("act:") for label in decisions(VIOLATIONS)) >= 20


@pytest.mark.parametrize("tags", RUN_INTO)
def test_tags_the_sentence_runs_into_let_no_violation_through(tags: str) -> None:
    """A hide that only the reading without such a tag gives goes to a moderator: 1 of the
    violations' 26 hides with closing tags (the lines that end without punctuation), 14 with
    an opening tag; none is allowed, and no civil line is raised."""
    plain = decisions(VIOLATIONS)
    tagged = decisions([tags.format(text) for text in VIOLATIONS])
    assert [text for text, was, now in zip(VIOLATIONS, plain, tagged, strict=True)
            if was != "allow" and now == "allow"] == []
    assert sum(now.startswith("act:") for now in tagged) >= 12
    plain = decisions(CIVIL)
    tagged = decisions([tags.format(text) for text in CIVIL])
    assert [text for text, was, now in zip(CIVIL, plain, tagged, strict=True)
            if now != "allow" and was == "allow"] == []


def test_a_threat_with_tags_is_hidden_when_they_are_set_apart_and_reviewed_otherwise() -> None:
    text = "I'm going to shoot the mayor"
    assert decisions([text], "facebook") == ["act:threat"]
    assert decisions([f"@CityHall {text}. #Springfield #CityCouncil",
                      f"@CityHall {text}\n#Springfield"]) == ["act:threat"] * 2
    # "#Springfield" may be whom the sentence is about: a moderator decides, alerted
    assert decisions([f"@CityHall {text} #Springfield #CityCouncil"]) == ["review"]
    assert decisions(["i'll kill u if u tow my car again",
                      "i'll kill u if u tow my car again #Springfield"]) == ["act:threat", "review"]


@pytest.mark.parametrize("text", ["Kill #Prop12", "Vote no and kill #Prop12", "Bury #HB1234",
                                  "I would die for #Springfield", "#Prop12 should be killed",
                                  "#Prop12 should burn", "Time to kill #HB2"])
def test_a_tag_that_is_what_the_sentence_is_about_is_not_read_away(text: str) -> None:
    """A code review: read without the tag, each was a bare violent verb, and hidden as a
    threat (with its urgent alert). Neither was hidden before tags were read apart."""
    assert not decisions([text])[0].startswith("act:")


@pytest.mark.parametrize("text", ["Hey @MayorJones, I will kill you",
                                  "@MayorJones deserves a bullet"])
def test_a_threat_at_a_handle_is_read_again_without_its_handles_and_its_tags(text: str) -> None:
    """The second reading of a hide beside a handle reads the words without their tags too:
    with the tags, "Hey @MayorJones, I will kill you\n#Springfield" lost its hide."""
    assert decisions([text]) == ["act:threat"]
    assert decisions([f"{text}\n#Springfield", f"#Springfield: {text}"]) == ["act:threat"] * 2
    assert decisions(["Kill @CityHall noise ordinance\n#Springfield"]) == ["review"]


def test_spam_whose_words_alone_are_read_again_is_read_without_its_tags_too() -> None:
    """A link hides a comment only where its words, read without the link, are spam too; that
    reading kept the closing tag, and a blind probe's phishing comment lost its hide to it."""
    text = ("Your account has been flagged for violation. Verify here to avoid suspension: "
            "meta-support-verify.com")
    assert decisions([text, text + " #MetaSupport", text + " #Springfield #CityCouncil"]) \
        == ["act:spam"] * 3


@pytest.mark.parametrize("tags", ["", " #Springfield", " #Springfield #Parks #Community"])
def test_a_link_with_few_words_and_tags_is_left_to_a_moderator(tags: str) -> None:
    """The tags are no words of it: with three tags such a notice counted more than five
    words, and was hidden as spam (a code review)."""
    notices = [f"{words} {link}{tags}" for words in (
        "Click here for the agenda", "Free flu shots:", "Download the permit form")
        for link in ("https://www.springfield.example.com/agenda", "https://bit.ly/3xYzAb")]
    assert decisions(notices) == ["review"] * len(notices)


@pytest.mark.parametrize("names", [("agency-spam", "resident-links"), ("disguised",)])
def test_spam_links_and_disguised_words_keep_their_decision_with_tags_set_apart(
        names: tuple[str, ...]) -> None:
    texts = _lines(*names)
    plain = decisions(texts)
    for tags in SET_APART:
        tagged = decisions([tags.format(text) for text in texts])
        assert [(t, was, now) for t, was, now in zip(texts, plain, tagged, strict=True)
                if was != now] == []
    tagged = decisions([RUN_INTO[0].format(text) for text in texts])
    assert [t for t, was, now in zip(texts, plain, tagged, strict=True)
            if was != "allow" and now == "allow"] == []


def test_a_tag_is_still_read_where_it_stands() -> None:
    """Each rule keeps the higher reading: a vulgar tag still counts, and a comment that is
    only tags is read as written."""
    assert decisions(["nice park #hoes"]) == ["act:profanity"]
    assert decisions(["#hoes"]) == decisions(["hoes"])
    comment = Comment("x", "city", "p1", "c1", "nice park #hoes")
    assert scorer().score([comment])[0]["profanity"].evidence[:1] == ("hoes",)
