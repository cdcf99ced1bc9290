"""On X and Instagram a comment often ends (or opens) with hashtags that tag its topic:
"<text> #FixOurRoads #Springfield". The model reads a comment whole, so every word added
weighs the rest less, and a troll could append a few tags to a threat to have it allowed. The
scorer reads such a comment again without its tags and each rule keeps the higher reading; a
reading the scorer makes up never hides a comment under a rule about people on its own (two
code reviews found it hiding civil comments), so a violation with tags reaches at least the
review it reaches without them."""

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
    # punctuation between tags is theirs; a full-width "＃" and a tag glued to the sentence
    # are tags, as X links them (before, each let 22 to 46 of the 380 violations through)
    assert read("you are a clown | #Springfield | #CityCouncil") == "you are a clown"
    assert read("#Springfield / #CityCouncil / you are a clown") == "you are a clown"
    assert read("you are a clown \uff03Springfield \uff03CityCouncil") == "you are a clown"
    assert read("you are a clown.#Springfield") == "you are a clown."
    # not an HTML entity's "#", nor a link's
    assert read("I said &#8220;no&#8221; #Springfield") == "I said &#8220;no&#8221;"
    assert read("see https://example.org/#/agenda at 7") == ""
    # a number is no tag, as X links none ("#1" is a ranking, "#12" a measure's number)
    assert read("The parks crew did it again, we are #1") == ""
    assert read("Vote yes on Prop #12") == ""


def test_a_tag_the_sentence_runs_into_is_read_as_it() -> None:
    """No punctuation, emoji or line break between them: the tag may be what the sentence is
    about, and the model reads "it" in its place ("kill it" is read "defeat it")."""
    assert edge_tags("Vote no and kill #Prop12") == EdgeTags(
        "Vote no and kill", "Vote no and kill it")
    assert edge_tags("Vote no and kill!\n#Prop12") == EdgeTags(
        "Vote no and kill!", "Vote no and kill!")
    assert edge_tags("Vote no and kill\r#Prop12") == EdgeTags(
        "Vote no and kill", "Vote no and kill")
    assert edge_tags("#Prop12 should be killed") == EdgeTags(
        "should be killed", "should be killed")
    # opening tags up to the words, whatever sets them apart
    assert edge_tags("#Springfield, #CityCouncil: you are a clown") == EdgeTags(
        "you are a clown", "you are a clown")


def test_a_handle_the_sentence_runs_into_is_read_as_them() -> None:
    """As the model reads a handle inside a comment. Read as "it", "Those cops should all be
    killed @MayorJones | #Springfield" was "... killed it", which the model reads as "defeat
    it", and was allowed (a code review: 4 of 1,059 violations per shape)."""
    assert edge_tags("Those cops should all be killed @MayorJones | #Springfield") == EdgeTags(
        "Those cops should all be killed", "Those cops should all be killed them")
    assert decisions(["Those cops should all be killed @MayorJones | #Springfield"]) == [
        "review"]


def test_one_or_two_words_left_without_the_tags_are_not_read_alone() -> None:
    """"Please #SaveOurLibrary" read "Please it" was spam, and hidden (a code review)."""
    assert edge_tags("Please #SaveOurLibrary") is None
    assert edge_tags("Free #Ukraine #Springfield") is None
    assert decisions(["Please #SaveOurLibrary"]) == ["allow"]


def test_tags_under_a_twentieth_of_a_long_comment_are_not_read_twice() -> None:
    long = "The council should fund the library. " * 10
    assert edge_tags(long + "#Springfield") is None
    assert edge_tags("The council should fund the library. #Springfield") is not None


def test_a_comment_built_of_thousands_of_tags_is_read_word_by_word() -> None:
    """One regular expression for the closing tags could match them in many ways: "<a word>
    <a thousand tags> <a word> #tag" took it 19 seconds (a hostile comment would have stalled
    the daemon's cycle). Read word by word from each end, a 300,000-character comment of tags
    is read at once."""
    tags = " #a" * 100_000
    # one closing tag is under a twentieth of the text; a closing run is read from the end,
    # over the last 4,000 characters at most
    assert without_edge_tags("y" + tags + " y #b") == ""
    assert without_edge_tags("you are a clown" + tags) == ""
    assert without_edge_tags("you are a clown" + " @a" * 100_000 + " #b") == ""
    assert without_edge_tags("you are a clown" + " @a" * 100 + " #b") == "you are a clown"
    assert decisions(["y" + tags + " y #b", "#x" + tags]) == ["allow", "allow"]


def test_the_link_x_writes_after_a_tweet_with_a_photo_closes_it_like_a_tag() -> None:
    """X writes "https://t.co/..." after the text of a tweet with a photo: it let 124 of the
    tests' 293 violations at review through, and 225 with a tag before it. The model reads the
    words without it too; the spam rules still count it."""
    assert edge_tags("You are a clown https://t.co/AbC12") == EdgeTags(
        "You are a clown https://t.co/AbC12", "You are a clown")
    assert edge_tags("Vote no and kill #Prop12 https://t.co/x") == EdgeTags(
        "Vote no and kill https://t.co/x", "Vote no and kill it")
    assert edge_tags("see https://t.co/a and more") is None
    assert edge_tags("https://t.co/a") is None
    assert edge_tags("read https://example.com/x") is None
    # one or two words are not read alone ("Idiot. https://t.co/..." is allowed)
    sentences = [text for text in VIOLATIONS if len(text.split()) >= 3]
    plain = decisions(sentences)
    for shape in ("{} https://t.co/AbC123xYz", "{}\n#Springfield https://t.co/AbC123xYz"):
        linked = decisions([shape.format(text) for text in sentences])
        assert [text for text, was, now in zip(sentences, plain, linked, strict=True)
                if was != "allow" and now == "allow"] == []


SHAPES = ["{}\n\n#springfield #citycouncil #localnews", "#Springfield: {}",
          "{}\n#FixOurRoads #Springfield", "{} #FixOurRoads #Springfield #Budget2026",
          "#Springfield {}", "#Springfield, #CityCouncil, {}",
          # punctuation between the tags, and X's full-width tag sign
          "{} | #Springfield | #CityCouncil", "#Springfield | #CityCouncil | {}",
          "{} #Springfield \u2022 #CityCouncil \u2022 #Budget2026",
          "{} \uff03FixOurRoads \uff03Springfield"]


@pytest.mark.parametrize("tags", SHAPES)
def test_tags_let_no_violation_through_and_raise_no_civil_line(tags: str) -> None:
    """Before, " #FixOurRoads #Springfield #Budget2026" after each of the 380 violations took
    73 of them out of review and 25 of their 26 hides. Now every violation reaches at least
    its review without tags; a hide that only the reading without them gives goes to a
    moderator (a threat with its urgent alert)."""
    assert (len(CIVIL), len(VIOLATIONS)) == (680, 380)
    plain = decisions(VIOLATIONS)
    tagged = decisions([tags.format(text) for text in VIOLATIONS])
    assert [text for text, was, now in zip(VIOLATIONS, plain, tagged, strict=True)
            if was != "allow" and now == "allow"] == []
    # 293 before release 2026.12.14 read "We should hang the whole school board and start over."
    assert sum(now != "allow" for now in tagged) == sum(was != "allow" for was in plain) == 294
    plain = decisions(CIVIL)
    tagged = decisions([tags.format(text) for text in CIVIL])
    assert [text for text, was, now in zip(CIVIL, plain, tagged, strict=True)
            if now != "allow" and was == "allow"] == []


def test_a_threat_read_without_its_tags_goes_to_a_moderator_not_hidden() -> None:
    text = "We will drag the mayor out of his house and hang him."
    tagged = f"{text}\n\n#Springfield #CityCouncil #Budget2026"
    assert decisions([text, f"@CityHall {text} #Springfield", tagged]) == [
        "act:threat", "review", "review"]
    threat = scorer().score([Comment("x", "city", "p1", "c1", tagged)])[0]["threat"]
    assert threat.evidence[-1] == "read without its tags: a moderator decides", threat


@pytest.mark.parametrize("text", ["Kill #Prop12", "Vote no and kill #Prop12", "Bury #HB1234",
                                  "I would die for #Springfield", "#Prop12 should be killed",
                                  "#Prop12 should burn", "Time to kill #HB2"])
def test_a_tag_that_is_what_the_sentence_is_about_is_not_read_away(text: str) -> None:
    """A code review: read without the tag, each was a bare violent verb, and hidden as a
    threat (with its urgent alert). Neither was hidden before tags were read apart."""
    assert not decisions([text])[0].startswith("act:")


@pytest.mark.parametrize("text", ["Hey @MayorJones, I will kill you",
                                  "@MayorJones deserves a bullet"])
def test_a_threat_at_a_handle_with_tags_is_not_let_through(text: str) -> None:
    """The second reading of a hide beside a handle reads the words without their tags too."""
    assert decisions([text]) == ["act:threat"]
    assert "allow" not in decisions([f"{text}\n#Springfield", f"#Springfield: {text}"])
    assert decisions(["Kill @CityHall noise ordinance\n#Springfield"]) == ["review"]


def test_spam_whose_words_alone_are_read_again_is_read_without_its_tags_too() -> None:
    """A link hides a comment only where its words, read without the link, are spam too; that
    reading kept the closing tag, and a blind probe's phishing comment lost its hide to it."""
    text = ("Your account has been flagged for violation. Verify here to avoid suspension: "
            "meta-support-verify.com")
    assert decisions([text, text + " #MetaSupport"]) == ["act:spam"] * 2


@pytest.mark.parametrize("tags", ["", " #Springfield", " #Springfield #Parks #Community"])
def test_a_link_with_few_words_and_tags_is_left_to_a_moderator(tags: str) -> None:
    """The tags are no words of it: with three tags such a notice counted more than five
    words, and was hidden as spam (a code review)."""
    notices = [f"{words} {link}{tags}" for words in (
        "Click here for the agenda", "Free flu shots:", "Download the permit form")
        for link in ("https://www.springfield.example.com/agenda", "https://bit.ly/3xYzAb")]
    assert decisions(notices) == ["review"] * len(notices)


@pytest.mark.parametrize("names", [("agency-spam", "resident-links"), ("disguised",)])
def test_spam_links_and_disguised_words_are_not_let_through_with_tags(
        names: tuple[str, ...]) -> None:
    texts = _lines(*names)
    plain = decisions(texts)
    for tags in SHAPES:
        tagged = decisions([tags.format(text) for text in texts])
        assert [t for t, was, now in zip(texts, plain, tagged, strict=True)
                if (was != "allow") != (now != "allow")] == []


def test_a_tag_is_still_read_where_it_stands() -> None:
    """Each rule keeps the higher reading: a vulgar tag still counts, and a comment that is
    only tags is read as written."""
    assert decisions(["nice park #hoes"]) == ["act:profanity"]
    assert decisions(["#hoes"]) == decisions(["hoes"])
    comment = Comment("x", "city", "p1", "c1", "nice park #hoes")
    assert scorer().score([comment])[0]["profanity"].evidence[:1] == ("hoes",)
