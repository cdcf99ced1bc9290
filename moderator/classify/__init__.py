"""Scoring comments against the conduct rules: a model, exact detectors and the agency's own rules.

:class:`Scorer` is built once at the edge (from configuration and a loaded model) and is pure
afterwards: comments in, one :class:`RuleScore` per published rule out. Each score carries the
evidence that drove it (words with the largest contributions, or the detector's match) so a
moderator can see why.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple, Protocol

from moderator.comments import Comment
from moderator.config import RuleBook


class RuleScore(NamedTuple):
    """A rule's score for one comment and the words or matches behind it. A named tuple, not a
    frozen dataclass: a batch of 1,000 comments makes about 8,000 of these, and a tuple is made
    in about two-thirds of the time (2 µs a comment less in the model alone)."""

    score: float
    evidence: tuple[str, ...] = ()


Scores = dict[str, RuleScore]
ZERO = RuleScore(0.0)
#: Recent archived comments by author, keyed by (platform, author_id); includes the comments
#: being scored (the pipeline archives before it scores).
History = Mapping[tuple[str, str], Sequence[Comment]]


class Model(Protocol):
    """Anything that scores texts for some rule ids."""

    version: str
    kind: str

    def score_texts(self, texts: Sequence[str]) -> list[Scores]: ...


class Detector(Protocol):
    """An exact detector: may look at the whole comment (author, time) and at recent history.

    ``history_seconds`` says how far back it wants to see each author's comments (0: none).
    """

    history_seconds: float

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]: ...


def merge(into: Scores, other: Scores) -> None:
    """Keep the higher score per rule; evidence of both when both fire."""
    for rule, found in other.items():
        current = into.get(rule)
        if current is None or found.score > current.score:
            evidence = found.evidence + tuple(e for e in (current.evidence if current else ())
                                              if e not in found.evidence)
            into[rule] = RuleScore(found.score, evidence[:8])
        elif found.score > 0 and found.evidence:
            extra = tuple(e for e in found.evidence if e not in current.evidence)
            into[rule] = RuleScore(current.score, (current.evidence + extra)[:8])


#: An @handle: letters, digits and underscores, and dots inside on Instagram; not "@bit.ly/x" or
#: "@Site.COM", which are links with an "@" in front, ending as the model reads a link's domain
#: (features._TLDS; a code review: read as handles, 15 of 30 such spam comments were allowed).
_HANDLE_TEXT = (r"@(?![\w.]*\.(?i:com|net|org|ly|co|io|biz|info|us|uk|me|tv|gl|gov)(?![\w-]))"
                r"\w+(?:\.\w+)*")
#: The @handles a reply on X or Instagram opens with: the account it answers, which the
#: platform writes in, not the resident.
_OPENING_HANDLES = re.compile(r"^(?:\s*" + _HANDLE_TEXT + r"[:,]?)+\s*")


def without_opening_handles(text: str) -> str:
    """``text`` without the @handles it opens with. The training sets' tweets open with them and
    their other sources' comments do not, so the model learned a handle as a sign of a tweet:
    "@CityHall she is back!" went to harassment review (0.29; 0.05 as a Facebook comment) and
    "@MayorJones deserves a bullet" scored threat 0.0003 (0.99 as a comment). The scorer reads
    a reply without them, so the same words get the same scores on every platform. A handle
    later in the text is the resident's own words (see :func:`for_the_model`)."""
    if isinstance(text, str) and (text[:1] == "@" or text[:1].isspace()):
        return _OPENING_HANDLES.sub("", text)
    return text


#: A handle anywhere: a person or an account, the model's "@user" (features.normalise).
_HANDLE = re.compile(r"(?<!\w)" + _HANDLE_TEXT)


def for_the_model(text: str) -> str:
    """``text`` as the scorer gives it to the model: without its opening handles, and any other
    handle read as "them". The model reads a handle as "@user", which only the tweets taught
    it, so a handle inside a comment was a sign of a tweet too: "Hey @CityHall, <a threat or
    an insult>" let 58 of the 380 violations of the tests' probe sets through (235 at review;
    278 read with "them", 293 without the greeting), and a handle at the end sent 13 more of
    680 civil lines to review. "Them" is a word every source uses, and keeps the sentence's
    shape ("I hope @MayorJones dies"). The resident's text is archived as written; only the
    model reads it so."""
    text = without_opening_handles(text)
    if isinstance(text, str) and "@" in text:
        return _HANDLE.sub("them", text)
    return text


#: A hashtag as X links one: a word with a letter in it ("#1" and "#12" are numbers, not tags).
_HASHTAG = r"#\w*[^\W\d_]\w*"
#: The link X writes after a tweet's text for its photo or video (and for any link).
_MEDIA_LINK = r"https?://t\.co/\w+"
#: The words of a comment's closing tags: a hashtag, a handle or X's media link, with punctuation
#: after it; an emoji or punctuation alone only after the last ("#Springfield @CityHall!! 🙄").
_CLOSING_WORD = re.compile(r"(" + _HASHTAG + "|" + _HANDLE_TEXT + "|" + _MEDIA_LINK + r")[^\w#@]*")
_NO_WORD = re.compile(r"[^\w#@]+")
#: An opening tag, with the punctuation that sets it apart from the sentence ("#Springfield:").
_OPENING_WORD = re.compile(_HASHTAG + r"([^\w#@]*)")
_TAGS = re.compile(_HASHTAG + "|" + _HANDLE_TEXT)
#: What may follow a comment's last "#" when it begins the closing tags, or its last link.
_LAST_TAG = re.compile(r"(?:" + _HASHTAG + "|" + _MEDIA_LINK + r")(?:\s+(?:" + _HANDLE_TEXT + "|"
                       + _MEDIA_LINK + r"))*[^\w#@]*$")
_TOKEN = re.compile(r"\S+")
#: Punctuation that stands between tags ("#Springfield | #Parks", "#a • #b", "#a / #b"); not an
#: emoji, which says something ("You are all idiots 🖕 #Springfield").
_BETWEEN_TAGS = re.compile(r"[|/\\•·∙⋅・\-–—~:;,.!?*+=>»«]+")
#: A hashtag written straight after punctuation ("... a disgrace.#Springfield"): X links it as
#: a tag. Not after "&" (an HTML entity, "&#39;") or "/" (a link's "/#section").
_GLUED_TAG = re.compile(r"#(?<=[^\w\s#@&/]#)(?=\w*[^\W\d_])")  # the literal first: a fast scan


class EdgeTags(NamedTuple):
    """A comment read without the hashtags that open or close it (see
    :meth:`Scorer._read_hashtags_at_the_edges_apart`)."""

    #: the words without the tags (X's links kept), for the spam rules to count
    words: str
    #: what the model reads: a closing tag the sentence runs into read as "it" ("Vote no and
    #: kill #Prop12" is read "Vote no and kill it", not "Vote no and kill")
    read: str


#: Fewer words than this left without the tags are no sentence to read alone: "Please
#: #SaveOurLibrary" read "Please it" was spam, and "Free #Ukraine" too (a code review).
EDGE_TAGS_MIN_WORDS = 3
_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def edge_tags(text: str) -> EdgeTags | None:
    """``text`` without the hashtags that open or close it, and any handles among the closing
    ones or the "https://t.co/..." link X writes after a tweet with a photo (it let 124 of the
    tests' 293 violations at review through; the spam rules still count the link); None when
    it has none, when fewer than :data:`EDGE_TAGS_MIN_WORDS` words are left, or when the tags
    are under a twentieth of a long text (they hardly weigh there, and reading it twice costs).
    As X links them, a tag may be written with a full-width "＃" or straight after punctuation
    ("... a disgrace.#Springfield"), and punctuation between tags ("#a | #b", "#a • #b") is
    theirs: each of those shapes let 16 to 46 more of the tests' 380 violations through.
    Word by word from each end, not one regular expression: "<a word> <a thousand tags> <a
    word> #tag" took a pattern that could match the closing tags in many ways 19 seconds to
    reject."""
    if "\uff03" in text:  # X links a tag written with a full-width "＃" as with "#"
        text = text.replace("\uff03", "#")
    if "#" not in text and "t.co/" not in text:
        return None
    if "#" in text and _GLUED_TAG.search(text):
        text = _GLUED_TAG.sub(" #", text)
    text = text.strip()
    # most texts with a "#" hold it in an HTML entity or inside: only a text that opens with a
    # tag or whose last "#" or link begins its closing tags is read word by word
    last = max(text.rfind("#"), text.rfind("http"))
    closes = last > 0 and text[last - 1].isspace() and _LAST_TAG.match(text, last) is not None
    if text[:1] != "#" and not closes:
        return None
    start = 0  # where the words begin, after the opening tags ("#Springfield, #Parks: ...")
    if text[:1] == "#":
        for token in _TOKEN.finditer(text):
            # punctuation between tags is theirs ("#Springfield | #Parks | ...")
            if _OPENING_WORD.fullmatch(token.group()) is None and \
                    _BETWEEN_TAGS.fullmatch(token.group()) is None:
                break
            start = token.end()
    stop = len(text)  # where the words end, before the closing tags
    links: list[str] = []
    runs_into = ""  # the word a closing tag the sentence runs into is read as
    if closes:
        # the closing tags are read from the end; a run of tags longer than this is hostile,
        # and the part of it before these characters stays among the words
        tokens = list(_TOKEN.finditer(text, max(start, len(text) - 4000)))
        end = len(tokens)
        while end and _NO_WORD.fullmatch(tokens[end - 1].group()):
            end -= 1
        marks = 0
        at = end
        while at and ((found := _CLOSING_WORD.fullmatch(tokens[at - 1].group()))
                      or _BETWEEN_TAGS.fullmatch(tokens[at - 1].group())):
            at -= 1
            if found is None:  # punctuation between tags is theirs ("... | #Springfield | #Parks")
                continue
            mark = found.group(1)
            marks += mark[0] == "#" or mark[0] == "h"
            if mark[0] == "h":
                links.insert(0, mark)
            end = at
        if marks and _BETWEEN_TAGS.fullmatch(tokens[at].group()):
            end = at  # and so is punctuation before them
        if not marks or end == 0:
            links = []
        else:
            stop = tokens[end].start()
            # a closing tag the sentence runs into, with no punctuation, emoji or line break
            # between, may be what it is about: read as "it"
            between = text[tokens[end - 1].end():stop]
            # ... a handle as "them", as the model reads one inside a comment (a code review:
            # "Those cops should all be killed @MayorJones | #Springfield" read "... killed
            # it" was allowed)
            if not (any(mark in between for mark in _LINE_BREAKS)
                    or not _WORD.fullmatch(tokens[end - 1].group()[-1])):
                runs_into = {"#": "it", "@": "them"}.get(tokens[end].group()[0], "")
    said = text[start:stop].strip()
    if ((start == 0 and stop == len(text)) or (len(text) - len(said)) * 20 < len(text)
            or len(_WORD.findall(_TAGS.sub(" ", said))) < EDGE_TAGS_MIN_WORDS):
        return None
    return EdgeTags(" ".join((said, *links)), f"{said} {runs_into}" if runs_into else said)


def without_edge_tags(text: str) -> str:
    """``text`` without the hashtags that open or close it, or "" when it has none."""
    found = edge_tags(text)
    return found.words if found else ""


#: A handle with what addresses it ("Hey @MayorJones, ", "cc @CityHall"): the second reading
#: takes both, since "Hey , I'll kill u" reads milder than "I'll kill u" (a code review).
_ADDRESSED_HANDLE = re.compile(r"(?:\b(?i:cc|hey|hi|hello|yo|attn|attention|dear)\b\W{0,3})?"
                               r"(?<!\w)" + _HANDLE_TEXT + r"[,:]?")


def _without_handles(text: str) -> str:
    return _ADDRESSED_HANDLE.sub("", text).lstrip(" ,.:;!-")


def _as_said(comment: Comment) -> Comment:
    text = without_opening_handles(comment.text)
    return comment if text is comment.text else replace(comment, text=text)


class Scorer:
    """The model plus detectors plus the agency's keyword and pattern rules."""

    def __init__(self, rules: RuleBook, model: Model, detectors: Sequence[Detector] = ()) -> None:
        from moderator.classify.keywords import RuleMatcher

        self.rules = rules
        self.model = model
        self.detectors = list(detectors)
        self.matcher = RuleMatcher(rules)

    @property
    def version(self) -> str:
        return self.model.version

    @property
    def history_seconds(self) -> float:
        """How far back the detectors want each author's archived comments."""
        return max((d.history_seconds for d in self.detectors), default=0.0)

    def score(self, comments: Sequence[Comment], history: History | None = None) -> list[Scores]:
        """One score per published rule for each comment (0.0 where nothing fired)."""
        if not comments:
            return []
        read = [_as_said(c) for c in comments]
        results = self._read([c.text for c in read])
        self._leave_a_hide_read_from_a_handle_to_moderators(read, results)
        self._leave_doubtful_spam_to_moderators(read, results)
        self._read_free_said_of_someone_as_no_spam(read, results)
        self._leave_kisses_to_moderators(read, results)
        self._leave_dog_breeding_to_moderators(read, results)
        # before the next: a harsh word said of a thing is no vulgar word for a moderator either.
        # As written: a handle is no word its reading knows, and one can hold the insult
        # ("@CityHall @jenkins_fat_cow what a stupid plan.", a code review)
        self._read_harsh_words_about_things_as_no_attack(comments, results)
        self._leave_profanity_without_a_vulgar_word_said_to_moderators(read, results)
        self._read_political_labels_as_no_attack(read, results)
        for detector in (*self.detectors, self.matcher):
            found_all = detector.detect(comments, history or {})
            for scores, found in zip(results, found_all, strict=True):
                if found:
                    merge(scores, found)
        ids = self.rules.ids
        zeros = dict.fromkeys(ids, ZERO)
        published = zeros.keys()
        # in the rules' order, ZERO where nothing fired, and nothing for a rule not published
        return [zeros | scores if scores.keys() <= published
                else {rule: scores.get(rule, ZERO) for rule in ids} for scores in results]

    def _read(self, texts: Sequence[str]) -> list[Scores]:
        """The model's scores for comments' texts as said (:func:`for_the_model`), with the
        hashtags at their edges read apart; the spam rules' second readings read so too (a
        blind probe: a phishing comment whose words alone were read with "#MetaSupport" after
        them fell under review and kept no hide)."""
        again = [(index, tags) for index, text in enumerate(texts)
                 if (tags := edge_tags(text)) is not None]
        # one call to the model for both readings: a second call cost 2 µs a comment more
        results = self.model.score_texts([for_the_model(text) for text in texts]
                                         + [for_the_model(tags.read) for _, tags in again])
        if again:
            self._read_hashtags_at_the_edges_apart(again, results[len(texts):],
                                                   results[:len(texts)])
        return results[:len(texts)]

    def _read_hashtags_at_the_edges_apart(self, again: list[tuple[int, EdgeTags]],
                                          alone: list[Scores], results: list[Scores]) -> None:
        """Hashtags after a comment (or before it) tag it; they are not more of what it says.
        The model reads a comment whole, so each word added weighs less of it, and "<an insult
        or a threat> #FixOurRoads #Springfield #Budget2026" took 73 of the tests' 380
        violations out of review (293 -> 220) and 25 of their 26 hides. The text is read again
        without its tags (:func:`edge_tags`), and each rule keeps the higher of the two
        readings; a tag the model knows is still read where it stands ("nice park #hoes").
        The reading without the tags is one the scorer makes up, and two code reviews found it
        hiding civil comments: a tag can be what the sentence is about ("Kill #Prop12",
        "#Prop12: should be killed"), and one or two words alone are no sentence ("Please
        #SaveOurLibrary" read "Please it" was spam; such a comment is not read again). So under
        a rule about people (threat, hate; harassment where an agency hides it) it never
        hides a comment on its own: what only it puts at act goes to a moderator, with a
        threat's urgent alert; and a closing tag the sentence runs into is read as "it". The
        spam and profanity rules have their own checks before a hide. The model reads a tag
        as one word, so "#KillTheMayor" says nothing to it; reading tags as their words was
        tried and sent "#LockHerUp <a civil comment>" to review, a side's slogan read as an
        attack."""
        about_people = {rule.id for rule in self.rules if rule.on_match == "hide"}.intersection(
            _ABOUT_PEOPLE)
        for (index, _), without in zip(again, alone, strict=True):
            scores = results[index]
            for rule, found in without.items():
                written = scores.get(rule, ZERO)
                if found.score <= written.score:
                    continue
                if rule in about_people and found.score >= (act := self.rules[rule].act) \
                        and written.score < act:
                    found = _for_review(self.rules[rule].review, act, found,
                                        "read without its tags: a moderator decides")
                scores[rule] = found if found.score > written.score else written

    def _leave_a_hide_read_from_a_handle_to_moderators(self, comments: Sequence[Comment],
                                                       results: list[Scores]) -> None:
        """A handle read as "them" is a person to the model, and an account is not always one:
        "Kill @CityHall noise ordinance" was hidden as a threat (0.73) and "Go kill it
        @CityMarathon" too (0.95; a code review). Read without the handle, neither is. Where
        the model would hide a comment with a handle inside it under a rule about people, it
        reads the text again without its handles; a rule that reading does not put at act goes
        to a moderator (a threat still raises its urgent alert): "I'm going to shoot
        @MayorJones" is reviewed, not hidden."""
        # the rules about people that hide: threat and hate, and harassment where an agency
        # publishes it with on_match = "hide"
        rules = [rule for rule in _ABOUT_PEOPLE
                 if rule in self.rules and self.rules[rule].on_match == "hide"]
        # the words without their closing tags, as the tags' reading reads them
        again = [(index, _without_handles(without_edge_tags(comment.text) or comment.text))
                 for index, comment in enumerate(comments)
                 if "@" in comment.text and _HANDLE.search(comment.text)
                 and any(results[index][rule].score >= self.rules[rule].act for rule in rules
                         if rule in results[index])]
        if not again:
            return
        alone = self.model.score_texts([text for _, text in again])
        for (index, _), without in zip(again, alone, strict=True):
            for rule in rules:
                found = results[index].get(rule)
                if found is None or found.score < (act := self.rules[rule].act):
                    continue
                if without.get(rule, found).score < act:
                    results[index][rule] = _for_review(
                        self.rules[rule].review, act, found,
                        "a handle read as a person: a moderator decides")

    def _leave_doubtful_spam_to_moderators(self, comments: Sequence[Comment],
                                           results: list[Scores]) -> None:
        """The model's spam score alone does not hide comments residents write that the public
        spam sets taught it to hide: a link with a few words around it ("Full meeting video:
        <link>"; the sets are full of "check this out <link>"); a complaint about a bill, fee,
        fine or tax that quotes amounts and account numbers but gives no way to reach anyone
        ("Refund check #10293 for $84.50 never arrived" scored 0.99); a comment whose only
        contact is an e-mail address ("My email is j.r@outlook.com if someone can follow up"
        scored 0.92); and a community notice that asks to be shared, with no way to reach
        anyone ("Free school supplies Saturday at Lincoln Park!! Please share" scored 0.75); and
        a comment that sells nothing and sends the reader nowhere, with no link, number, price,
        handle, selling word or place to go (a channel, a video, "my page", "message me"):
        YouTube spam taught the model "check" and "subscribe", and "Please check." (0.94) and
        "Check with your doctor." (0.81) were hidden. Such a comment goes to review; a
        deny-listed domain still hides it (the link detector, merged after this). A few words
        with links only to allowed domains (the agency's ``allow_domains``, any ``.gov``) are
        not spam at all; a longer comment whose links all go there is not hidden by the model
        alone ("More info on permits at www.example.gov/permits or call 311" scored 0.71)."""
        from moderator.classify.detectors import LinkDetector, extract_urls

        if "spam" not in self.rules:
            return
        rule = self.rules["spam"]
        links = next((d for d in self.detectors if isinstance(d, LinkDetector)), None)
        own = links.settings.region if links else "US"
        regions = tuple(dict.fromkeys((own, "US", "GB")))  # the SMS spam sets are British
        linked: list[tuple[Scores, str]] = []
        helped: list[tuple[Scores, str]] = []
        for comment, scores in zip(comments, results, strict=True):
            found = scores.get("spam")
            if found is None or found.score < rule.review or not comment.text:
                continue
            # a link written with an "@" in front ("@bit.ly/x") is a link here too
            text = _AT_LINK.sub("", comment.text) if "@" in comment.text else comment.text
            # the tags at its edges are no words of it: "Click here for the agenda <link>
            # #Springfield" is a link with few words (a code review: hidden with three tags)
            text = without_edge_tags(text) or text
            urls = extract_urls(text)
            bare = False
            if urls:
                rest = text
                for url in urls:
                    rest = rest.replace(url, " ")
                bare = len(_WORD.findall(rest)) <= BARE_LINK_WORDS
                if bare and links and all(_vouched(links, url) for url in urls):
                    # the agency's own pages, any .gov: links the agency vouches for
                    scores["spam"] = RuleScore(min(found.score, round(rule.review / 2, 4)), (
                        *found.evidence[:7], "links only to allowed domains"))
                    continue
            if found.score < rule.act:
                continue
            why = None
            if _HELP_LINES.search(text) and not urls and not (
                    _CONTACT_NUMBER.search(other := _HELP_LINES.sub(" ", text))
                    or _phone_number(other, regions)):
                helped.append((scores, " ".join(
                    part for part in _SENTENCES.split(text) if not _HELP_LINES.search(part))))
            elif bare:
                why = "a link with few words: a moderator decides"
            elif urls and links and all(_vouched(links, url) for url in urls):
                why = "links only to allowed domains: a moderator decides"
            elif urls:
                linked.append((scores, rest))
            else:
                # the comment as said: an X reply's opening @handles are gone
                phoned = _CONTACT_NUMBER.search(text) or _phone_number(text, regions)
                # a handle is no way to reach anyone the scorer can tell from a tag ("...
                # never arrived, @WaterDept?", "please share. Follow @CityTraffic"): so spam
                # that gives a handle goes to a moderator here too (two code reviews)
                reached = "@" in text and _EMAIL.search(text)
                if _CHARGES.search(text) and not reached and not phoned:
                    why = "about a bill or fee, with no way to reach anyone: a moderator decides"
                elif "@" in text and _EMAIL.search(text) and not phoned:
                    why = "an e-mail address and no link: a moderator decides"
                elif not phoned and not reached and _SHARE.search(text):
                    why = "asks to share, with no way to reach anyone: a moderator decides"
                elif not phoned and "@" not in text and not _sells_or_sends(text):
                    why = "nothing sold and nowhere to go: a moderator decides"
            if why:
                scores["spam"] = _for_review(rule.review, rule.act, found, why)
        # a public help line: hidden only if the rest, without the help line's sentences, is
        # spam by itself ("If someone is in crisis please call or text 988" was hidden; "<any
        # spam> Don't call 911." must not be spared: a code review)
        if helped:
            words = self._read([rest for _, rest in helped])
            for (scores, rest), alone in zip(helped, words, strict=True):
                if alone["spam"].score < rule.act or len(_WORD.findall(rest)) <= BARE_LINK_WORDS:
                    scores["spam"] = _for_review(rule.review, rule.act, scores["spam"],
                                                 "a public help line: a moderator decides")
        # a sentence with a link: hidden only if its words, read without the link, are spam
        # too or sell ("Local news has more info than this press release: <link to a local
        # station>" scored 0.98, its words alone 0.02; a blind probe of city threads)
        linked = [(scores, rest) for scores, rest in linked if not _SELLING.search(rest)]
        if linked:
            words = self._read([rest for _, rest in linked])
            for (scores, _), alone in zip(linked, words, strict=True):
                if alone["spam"].score < rule.review:
                    scores["spam"] = _for_review(
                        rule.review, rule.act, scores["spam"],
                        "the link, not the words, reads as spam: a moderator decides")

    def _leave_kisses_to_moderators(self, comments: Sequence[Comment],
                                    results: list[Scores]) -> None:
        """"xxx" is a published sexual term (porn sites and spam use it), and it is also how
        people in Britain, Ireland and Australia sign off with kisses: "Thanks for the help
        xxx" and "Love you mum xxx" were hidden as sexual content (4 of the SMS set's 796 clean
        validation messages). Where "xxx" is the only evidence and each of at most five closes
        a line or the comment, after no word that sells it ("free xxx", "hot xxx"), in a
        comment that gives no link, handle or number to reach anyone ("+44... lovely girl talk
        to me xxx"), a moderator decides: a code review wrote solicitation that signs off so
        ("Come to my room tonight, you know what I want xxx"), which words cannot tell apart."""
        if "sexual" not in self.rules:
            return
        rule = self.rules["sexual"]
        for comment, scores in zip(comments, results, strict=True):
            found = scores.get("sexual")
            if (found is None or found.score < rule.act or not found.evidence
                    or any(word.lower() != "xxx" for word in found.evidence)):
                continue
            text = comment.text
            marks = list(itertools.islice(_XXX.finditer(text), 6))
            if 0 < len(marks) <= 5 and not _REACHABLE.search(text) and all(
                    _closes_a_line(text, mark.end())
                    and not _XXX_SOLD.search(text, max(0, mark.start() - 40), mark.start())
                    for mark in marks):
                scores["sexual"] = _for_review(rule.review, rule.act, found,
                                               "'xxx' closing a line, as kisses do: a "
                                               "moderator decides")

    def _read_free_said_of_someone_as_no_spam(self, comments: Sequence[Comment],
                                              results: list[Scores]) -> None:
        """"Free" is the spam sets' commonest word, and the model read political slogans by
        it: "Free Palestine" was hidden as spam (0.61), "Palestine will be free" and "Free
        Ukraine", "Free Israel" or "Free Britney" went to spam review, while "Free the
        hostages" was allowed (a code review). A public forum must not hide one side's
        slogan. A short comment (at most six words) that says "free" with no link, number,
        handle, price, call to act or thing to get ("Free iPhone", "free money", "claim your
        free gift" stay spam) is not spam, whoever or wherever it would free."""
        if "spam" not in self.rules:
            return
        review = self.rules["spam"].review
        for comment, scores in zip(comments, results, strict=True):
            found = scores.get("spam")
            if found is None or found.score < review or not _FREE.search(comment.text):
                continue
            text = without_edge_tags(comment.text) or comment.text
            if (len(_WORD.findall(text)) > 6 or _NOT_A_SLOGAN.search(text)
                    or _SELLING.search(_FREE.sub(" ", text))):
                continue
            scores["spam"] = RuleScore(min(found.score, round(review / 2, 4)), (
                *found.evidence[:7], "'free' said of someone or somewhere, nothing to get"))

    def _leave_dog_breeding_to_moderators(self, comments: Sequence[Comment],
                                          results: list[Scores]) -> None:
        """"Bitch" is also a female dog, as animal shelters and breeders write it ("the
        shelter's bitch had a litter of eight"): the public sets taught the model only the
        insult, and a blind probe's three such comments were hidden. Where it is the only word
        behind a profanity score and the comment speaks of dogs, litters or puppies, the comment
        goes to review instead: a moderator tells the kennel from the insult. Said of a person
        ("is a bitch", "you stupid bitch", "hey bitch,"), it is the insult whatever the kennel."""
        if "profanity" not in self.rules:
            return
        rule = self.rules["profanity"]
        for comment, scores in zip(comments, results, strict=True):
            found = scores.get("profanity")
            if (found is None or found.score < rule.act or not found.evidence
                    or not all(word.lower() in _BITCH for word in found.evidence)
                    or not _DOGS.search(comment.text) or _CALLED.search(comment.text)):
                continue
            scores["profanity"] = _for_review(rule.review, rule.act, found,
                                              "said beside dogs or litters: a moderator decides")

    def _leave_profanity_without_a_vulgar_word_said_to_moderators(
            self, comments: Sequence[Comment], results: list[Scores]) -> None:
        """The published rule hides obscene, profane or vulgar language. A profanity score at
        act hides a comment only when a vulgar word (lexicon.VULGAR) or a masked swear word or
        slur is in it, and not only as what someone else said; otherwise a moderator decides:
        - the model learned profanity from tweets that also call people stupid, dumb or
          witches, so on its own it hid "Stupid", "Dumb", "Sucks", "Witch" and "Damn right" (a
          blind probe of short comments): mild words and insults without a vulgar word go to
          review, where the harassment rule covers insults;
        - a resident reporting what was said to them ("Kids at the bus stop keep calling my
          daughter a bitch, can the school district do something?", "A man yelled "faggot" at
          my brother") uses the word on no one and asks the agency for help: eight such reports
          written for a check had four hidden. Where every vulgar word follows "called /
          calling / yelled / said / wrote ..." said of someone other than "you", review. "I'll
          call you a bitch" is not a report."""
        from moderator.classify.lexicon import VULGAR

        if "profanity" not in self.rules:
            return
        rule = self.rules["profanity"]
        for comment, scores in zip(comments, results, strict=True):
            found = scores.get("profanity")
            if found is None or found.score < rule.act or not comment.text:
                continue
            text = unicodedata.normalize("NFKC", comment.text).lower()
            # the words behind the score are read first (most often one of them is the vulgar
            # word; not those that need the words around them), then the text
            if not (any(VULGAR.search(word) for word in found.evidence
                        if word not in _IN_CONTEXT) or _vulgar(comment.text)):
                why = "no vulgar word: a moderator decides"
            elif _REPORTING.search(text) and (words := list(VULGAR.finditer(text))) and all(
                    _reported(text, word.start()) for word in words):
                why = "a word reported, not said to anyone: a moderator decides"
            else:
                continue
            scores["profanity"] = _for_review(rule.review, rule.act, found, why)

    def _read_political_labels_as_no_attack(self, comments: Sequence[Comment],
                                            results: list[Scores]) -> None:
        """Saying which side someone is on, or naming a national politician, attacks nobody.
        The offensive-tweet sets fill "he is a liberal", "MAGA" and "Trump" with insults, so
        the model alone sent "He is a leftist" (harassment 0.51), "He is a liberal" (0.31), a
        bare "Trump" (0.41) and "You look happy .MAGA" (0.62) to review, and not "He is a
        conservative" or "Biden": a public forum must not treat one side's words as more
        suspect. Where every word behind a harassment score is such a word, the score is
        weighed again without those words' share of it (model.without_words), in the same
        context, and where the rest does not reach review, that is its score. The words shown
        are only those within a quarter of the strongest, so an insult can hide behind a heavy
        name: "Trump is a pervert" shows only "trump", and reaches review on "pervert" alone.
        One the model does not know is missed for everyone alike ("Trump is vermin" reached
        review on "trump" alone; "Smith is vermin" never did). Not hate: "feminist" weighs for
        hate, and "Feminist trannies" must still reach a moderator (a code review of a first
        version, which lowered any score whose shown words were all political)."""
        without_words = getattr(self.model, "without_words", None)
        if without_words is None:
            return
        self._weigh_again_without(comments, results, [_Reading(
            "harassment", _POLITICAL, lambda comment: True,
            "a political label or a politician's name only")],
            lambda texts: [{"harassment": score}
                           for score in without_words([for_the_model(without_edge_tags(t) or t)
                                                       for t in texts],
                                                      "harassment", _POLITICAL)])

    def _read_harsh_words_about_things_as_no_attack(self, comments: Sequence[Comment],
                                                    results: list[Scores]) -> None:
        """The published rule says criticism of the City's decisions and services is not
        harassment, but the public sets aim "stupid", "dumb" and "disgusting" at people, so the
        model alone sent "This policy is stupid." (0.77), "What a stupid idea." (0.92) and
        "This decision is disgusting." (0.52) to review. Where every word behind a harassment
        score is such a word and the comment is only criticism of things, every word of it one
        targets.said_of_things knows (by the sentence's shape and closed lists, never its
        side), the text is scored again without those words, and where the rest does not reach
        review, that is its score. Without them, not without their share in context as for
        political labels: "a dumb" carries "dumb" into the next word's pair ("What a dumb
        idea." kept 0.27 of 1.0 that way; "What a idea." scores 0.02). Three code reviews broke
        readings that looked at a harsh word's neighbours only: the model does not know every
        insult ("This plan is stupid and jenkins is a cow."). Adding civic lines to the training
        data was tried first: it cost insults in the same words ("The mayor is stupid.") more
        than it saved criticism. The model learned "dumb" and "stupid" as profanity from the
        same tweets ("lol what a dumb rule" 0.65), and the published profanity rule is for
        vulgar words: a text without one is read the same way for profanity."""
        from moderator.classify.targets import HARSH, said_of_things, without_harsh_words

        def rest(texts: list[str]) -> list[dict[str, float]]:
            return [{rule: found.score for rule, found in scores.items()} for scores in
                    self.model.score_texts([for_the_model(without_harsh_words(text))
                                            for text in texts])]

        # a vulgar word, even masked ("Mayor is a d!ck"), is read by no model: never beside one.
        # With its tags: a tag can hold the insult ("This plan is stupid. #JenkinsTheCow", a
        # code review), so harsh words beside tags still go to a moderator
        def applies(comment: Comment) -> bool:
            return (said_of_things(comment.text, reply=comment.parent_id is not None)
                    and not _vulgar(comment.text))

        self._weigh_again_without(comments, results, [
            _Reading("harassment", HARSH, applies,
                     "harsh words said of a decision or a thing, not a person"),
            _Reading("profanity", HARSH, applies,
                     "harsh words said of a decision or a thing, not vulgar words")], rest)

    def _weigh_again_without(self, comments: Sequence[Comment], results: list[Scores],
                             readings: Sequence[_Reading],
                             rest: Callable[[list[str]], list[dict[str, float]]]) -> None:
        """Where a reading's rule reaches review, every evidence word behind it is one of the
        reading's words, and the reading applies to the comment, ``rest`` scores the
        text again without those words (once for all readings: each call costs most of a
        millisecond); where that does not reach review, it is the rule's score, and the
        reading's ``why`` joins the evidence. The words shown are only those within a quarter
        of the strongest, so an insult can hide behind a heavy word: the rest of the text,
        weighed, still finds one the model knows. One it does not know it never found, and
        only the reading's ``text_applies`` can keep such a comment out (code reviews of the
        harsh-word reading: "This plan is stupid and jenkins is a cow.")."""
        from moderator.classify.features import MAX_CHARS
        from moderator.classify.model import as_read

        chosen: dict[int, list[_Reading]] = {}
        for reading in readings:
            if reading.rule not in self.rules:
                continue
            review = self.rules[reading.rule].review
            for index, (comment, scores) in enumerate(zip(comments, results, strict=True)):
                found = scores.get(reading.rule)
                if (found is None or found.score < review or not found.evidence
                        # most comments fail on their first word, the strongest
                        or found.evidence[0].lower() not in reading.words
                        or not all(word.lower() in reading.words for word in found.evidence)
                        # a comment read in pieces keeps its score
                        or len(as_read(comment.text)) > MAX_CHARS
                        or not reading.text_applies(comment)):
                    continue
                chosen.setdefault(index, []).append(reading)
        if not chosen:
            return
        alone = rest([comments[index].text for index in chosen])
        for (index, applied), rescored in zip(chosen.items(), alone, strict=True):
            for reading in applied:
                score = rescored.get(reading.rule, 1.0)
                if score < self.rules[reading.rule].review:
                    found = results[index][reading.rule]
                    results[index][reading.rule] = RuleScore(score, (*found.evidence[:7],
                                                                     reading.why))


class _Reading(NamedTuple):
    """A rule's score read again without some words (see Scorer._weigh_again_without)."""

    rule: str
    words: frozenset[str]  # lower case
    text_applies: Callable[[Comment], bool]
    why: str


#: The rules about people: a reading the scorer makes up (an account read as "them", a comment
#: read without its tags) does not hide a comment under them on its own.
_ABOUT_PEOPLE = ("threat", "harassment", "hate")


def _vulgar(text: str) -> bool:
    """A vulgar word (lexicon.VULGAR) in the text, in the text with its disguises undone, or
    among its masked words."""
    from moderator.classify import masked
    from moderator.classify.features import normalise
    from moderator.classify.lexicon import VULGAR

    return bool(VULGAR.search(unicodedata.normalize("NFKC", text).lower())
                or VULGAR.search(normalise(text))
                or any(rule in masked.VULGAR_RULES for rule in masked.findings(text)))


def _reported(text: str, start: int) -> bool:
    """A reporting verb said of someone other than "you" comes at most five words before the
    word at ``start`` (quotes alone are not enough: a retweet is a quote)."""
    return bool(_REPORTED_BEFORE.search(text[max(0, start - 80):start]))


#: Words that report speech or writing: a comment without one is never a report.
_REPORTING = re.compile(
    r"\b(?:call(?:ed|ing|s)?|yell(?:ed|ing|s)?|scream(?:ed|ing|s)?|shout(?:ed|ing|s)?|said|says|"
    r"wrote|writes|painted|texted|messaged|named|word|reads)\b")
_REPORTED_BEFORE = re.compile(
    r"\b(?:call(?:ed|ing|s)?|yell(?:ed|ing|s)?(?: out)?|scream(?:ed|ing|s)?|shout(?:ed|ing|s)?|"
    r"said|says|wrote|writes|(?:spray[- ]?)?painted|texted|messaged|named|the word|reads)"
    r"(?:\s+(?!you\b|u\b|ya\b|y'?all\b|yourself\b|your\b|ur\b|yo\b)[\w'-]+){0,5}\s*[:\"\u201c]?\s*$")


def _for_review(review: float, act: float, found: RuleScore, why: str) -> RuleScore:
    """The score of a comment the model alone would have acted on and a moderator decides
    instead: halfway between the rule's thresholds, with ``why`` after the model's evidence."""
    return RuleScore(round((review + act) / 2, 4), (*found.evidence[:7], why))


def _vouched(links: Any, url: str) -> bool:
    """A link to a domain the agency allows (or any .gov), to a host a browser could open; not
    X's t.co wrapper, which anyone can paste and which hides where it leads."""
    from moderator.classify.detectors import domain_of, reachable_host

    domain = domain_of(url)
    return (reachable_host(domain) and domain != "t.co" and not domain.endswith(".t.co")
            and bool(links.settings.allowed(domain)))


def _phone_number(text: str, regions: tuple[str, ...]) -> bool:
    """A phone number as the spam sets give them ("Claim now 09058094455"), not an account or
    citation number ("Account 4410-22819", "citation 8837261")."""
    import phonenumbers

    if not _DIGITS.search(text):
        return False
    return any(next(iter(phonenumbers.PhoneNumberMatcher(text, region)), None) is not None
               for region in regions)


#: Words that say which side of politics someone is on, and the national politicians' names
#: the offensive-tweet sets taught the model (see Scorer._read_political_labels_as_no_attack);
#: not the labels people use as insults ("fascist", "nazi", "communist", "libtard"), nor
#: everyday words ("left", "right", "independent", "moderate").
_POLITICAL = frozenset(
    "liberal liberals conservative conservatives leftist leftists rightist rightists libertarian "
    "libertarians democrat democrats democratic dems republican republicans gop progressive "
    "progressives socialist socialists centrist centrists leftwing rightwing winger wingers "
    "feminist feminists maga patriot patriots lib libs lefty leftie lefties trump biden obama "
    "clinton hillary pelosi romney cruz sanders bernie schumer mcconnell pence harris kamala "
    "kavanaugh desantis cuomo aoc".split())
#: Vulgar words that lexicon.VULGAR reads only with the words around them ("garden hoes").
_IN_CONTEXT = frozenset({"ho", "hoe", "hoes", "pussy", "pussies"})
_BITCH = frozenset({"bitch", "bitches"})
#: The word said of a person ("the mayor is a bitch", "you stupid bitch", "hey bitch"): then no
#: kennel word makes it a dog's (a code review: "The mayor is a bitch and her animal shelter
#: budget is a joke" had gone from a hide to review).
_CALLED = re.compile(
    r"\b(?:you|u|ur|your|yo|hey|stupid|dumb|lying|fat|crazy|ugly|dirty|fucking|little|old|"
    r"that|this|is a|are|was a|'s a|s a|what a|such a|real|total|these|those|them)\s+"
    r"bitch(?:es)?\b|\bbitch(?:es)?\s*[,!]", re.IGNORECASE)
#: Words of kennels and shelters, not "dog" alone (tweets call people dogs as often as bitches).
_DOGS = re.compile(r"\b(?:pupp(?:y|ies)|litters?|whelp\w*|kennels?|breed(?:er|ers|ing)?|"
                   r"spay\w*|neutered|sire|stud|shelter'?s?|rescue'?s?|adopt\w*|akc|"
                   r"female dog)\b", re.IGNORECASE)
#: At most this many words besides its links make a comment "a link" (see
#: :meth:`Scorer._leave_doubtful_spam_to_moderators`).
BARE_LINK_WORDS = 5
_WORD = re.compile(r"[^\W_]+")
#: The "@" in front of a dotted name: the link detector reads no domain after an "@" (an
#: e-mail's), so "@bit.ly/x" is read without it, and its domain's ending decides.
_AT_LINK = re.compile(r"(?<![\w@])@(?=[\w-]+\.[\w.-]*[A-Za-z])")
#: An e-mail address, as the personal-information detector reads one.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b")
#: What residents' complaints about money name (not "check" or "claim", the spam sets' verbs).
_CHARGES = re.compile(
    r"\b(?:bill(?:ed|ing|s)?|charged?|charges|overcharged|fees?|fined?|fines|refund(?:ed|s)?|"
    r"rebates?|"
    r"citation|invoice|tax(?:es)?|permit|assessment|account|payment|paid|meter|utility|water|"
    r"sewer|ticket|case|parcel|budget|costs?|rent|levy)\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(?:please|pls|plz|kindly) (?:re)?share\b|\bshare (?:widely|with (?:your |"
                    r"any )?(?:neighbou?rs|friends|famil(?:y|ies)|anyone|others))\b", re.IGNORECASE)
#: Words that sell, which the model, trained on text messages and YouTube comments, does not
#: read as spam without a link ("HUGE SALE Car parts & tires up to 70% OFF" scores 0.01).
_SELLING = re.compile(
    r"\d\s?%|%\s?off\b|[$£€]\s?\d|\b(?:sale|sales|discount|deals?|promo|coupons?|buy|cheap|"
    r"prices?|outlet|shop now|order now|save big|free|earn|income|profit|invest|crypto|bitcoin|"
    r"forex|subscribe|my channel|click|download|streaming|giveaway|win|winner|prize)\b",
    re.IGNORECASE)
_FREE = re.compile(r"\bfree\b", re.IGNORECASE)
#: "xxx" as the sexual word list reads it, a word of its own (see
#: Scorer._leave_kisses_to_moderators).
_XXX = re.compile(r"(?<![^\W_])xxx+(?![^\W_])", re.IGNORECASE)
#: A word character other than "x": after kisses, only punctuation, emoji and more x's.
_NOT_X = re.compile(r"[^\WxX]")


def _closes_a_line(text: str, end: int) -> bool:
    """Whether nothing but punctuation, emoji or x's follows ``end`` to the end of its line."""
    line_end = text.find("\n", end)
    return not _NOT_X.search(text, end, len(text) if line_end < 0 else line_end)


#: A link, handle, e-mail address or phone-like number: a way to reach the one who wrote it.
_REACHABLE = re.compile(r"https?:|www\.|@|\d(?:[\s().+-]{0,3}\d){6,}", re.IGNORECASE)
#: A word before "xxx" that sells it ("free xxx", "hot xxx", "#xxx").
_XXX_SOLD = re.compile(r"\b(?:free|hot|live|watch|best|real|amateur|teen|hardcore|porn|sex|"
                       r"videos?|movies?|pics?|cams?)\W*$|#\s*$", re.IGNORECASE)
#: What makes "free ..." an offer: a link, number, handle or price, a call to act, or a thing
#: to get (see Scorer._read_free_said_of_someone_as_no_spam).
_NOT_A_SLOGAN = re.compile(
    r"\d|@|https?:|www\.|\.(?:com|net|org|ly|co|io|biz|info|xyz)\b|[$£€]|\b(?:claim|text|txt|"
    r"reply|call|visit|dm|inbox|message|msg|click|tap|link|bio|join|follow|sign up|register|"
    r"apply|order|send|get|grab|enter|collect|redeem)\b|\bfree\W+(?:\w+\W+)?(?:money|cash|"
    r"gifts?|iphones?|ipads?|phones?|trials?|shipping|delivery|followers|likes|subscribers|"
    r"views|tickets?|entry|entries|ringtones?|offers?|prizes?|samples?|stuff|downloads?|"
    r"bitcoin|crypto|coins?|vbucks|robux|gems|credits?|vouchers?|coupons?|cards?|sex|porn|"
    r"nudes|cams?|chat|dating|games?|spins?|bets?|bonus|loans?|quotes?|estimates?|"
    r"consultations?|lessons?|courses?|ebooks?|books?|vacations?|trips?|cruises?|holidays?|"
    r"laptops?|tablets?|tvs?|consoles?|ps5|xbox|airpods|watches)\b", re.IGNORECASE)
#: Where spam sends a reader without a link: a channel, page or song of the poster's, a video or
#: playlist, an inbox, the poster ("sub me", "message me", "subscribe", not "I subscribed"), a
#: number to text or call, a name to "check out" or search for, a number, a price (see
#: Scorer._leave_doubtful_spam_to_moderators).
_SOMEWHERE_TO_GO = re.compile(
    r"\d|[$£€]|watch\?v=|\b(?:www|http|com|youtube|videos?|playlists?|channels?|canal|inbox|"
    r"follow(?:ers)?|text|txt|reply|call|ring|sms|search)\b|\bsu\w{0,3}scri(?!bed\b)\w*|"
    r"\bcheck\s+out\b|\bshare\s+this\b|\b(?:check|sub|add|message|msg|dm|pm|contact|e-?mail|"
    r"text|txt|call|whatsapp|hit)\s+(?:out\s+|to\s+|up\s+)?(?:me|my|us)\b|"
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:page|vid|song|music|profile|account|blog|website|site|store|"
    r"shop|band|cover|album|mixtape|stream|app|group|business|company|product|book|podcast)s?\b",
    re.IGNORECASE)
#: Words of an offer or a scam beside _SELLING's, in any of their forms ("investing",
#: "giveaways", "claim your reward", "reach out to her on Telegram"; a code review).
_OFFERED = re.compile(
    r"\b(?:earn\w*|invest\w*|giveaways?|winners?|won|wins?|winning|crypto\w*|bitcoins?|rewards?|"
    r"prizes?|cash\w*|dollars?|money|iphones?|gifts?|deals?|offers?|telegram|whatsapp|signal|"
    r"paypal|venmo|zelle|loans?|guarantee\w*|profits?|income|followers|likes|reach out|contact|"
    r"dm|pm|apply|claim\w*|join|register|redeem|limited|opportunity|urgent\w*|congratulations)\b",
    re.IGNORECASE)


def _sells_or_sends(text: str) -> bool:
    """Whether a comment without a link sells something or sends the reader somewhere (see
    :data:`_SOMEWHERE_TO_GO`), as written or as the model reads it: a disguised word ("Frее"
    with a Cyrillic "е", "E.a.r.n") sells as much as the plain one (a code review)."""
    from moderator.classify.features import normalise

    for reading in (text, normalise(text)):
        if (_SOMEWHERE_TO_GO.search(reading) or _SELLING.search(reading)
                or _OFFERED.search(reading) or _NOT_A_SLOGAN.search(reading)):
            return True
    return False


#: Public help lines, which a post shares as spam shares a number to text ("If someone is in
#: crisis please call or text 988", "text START to 88788": a blind probe found both hidden as
#: spam): 988, 911, 211, 311, the Crisis Text Line, and the national hotlines for domestic
#: violence, suicide, sexual assault, poison, mental illness, LGBTQ youth, substance use and
#: disaster distress.
_HELP_LINES = re.compile(
    r"(?<![\d-])(?:988|911|211|311|741741|88788|(?:1[-. ]?)?\(?8(?:00|66)\)?[-. ]?(?:799[-. ]?"
    r"7233|273[-. ]?8255|656[-. ]?4673|222[-. ]?1222|950[-. ]?6264|488[-. ]?7386|662[-. ]?4357|"
    r"985[-. ]?5990))(?![\d-])")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_DIGITS = re.compile(r"\d(?:[\s().-]?\d){6}")
#: A number to call or text ("call 09066364349", "text WIN to 80086").
_CONTACT_NUMBER = re.compile(
    r"\b(?:call|ring|text|txt|dial|reply|sms|whats ?app|ph|tel|phone|mob|mobile|contact)\b"
    r"\W{0,3}(?:\w+\W+){0,2}\+?\d(?:[\s().-]?\d){4,}", re.IGNORECASE)


def make_scorer(rules: RuleBook, model_path: str | None = None, detectors_table: object = None,
                where: object = "moderator.toml") -> Scorer:
    """A scorer for ``rules``: the artifact at ``model_path`` (empty: the shipped one) and the
    detectors configured by a ``[detectors]`` table (None: defaults). Raises ConfigError."""
    from moderator.classify import detector_config, detectors, model

    settings = detector_config.load(detectors_table, str(where))
    loaded = model.load(model_path or None)
    loaded.explain_at({rule.id: rule.review for rule in rules})
    return Scorer(rules, loaded, detectors.build(settings, rules))


def build_scorer(config: object) -> Scorer:
    """The scorer the daemon uses for ``config``: the shipped model (or the artifact named by
    ``model``), the exact detectors configured by ``[detectors]``, and the published rules.

    Raises ConfigError for a missing or corrupt artifact or a bad ``[detectors]`` table.
    """
    from moderator.config import Config

    if not isinstance(config, Config):
        raise TypeError("build_scorer needs a moderator.config.Config")
    return make_scorer(config.rules, config.model, config.sections.get("detectors"), config.path)
