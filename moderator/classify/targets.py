"""What a harsh word is said of: a decision or a thing, or a person.

The published harassment rule covers attacks on people and says that criticism of the City's
decisions and services is not harassment. The public sets aim "stupid", "dumb" and
"disgusting" at people, so the model alone sent "This policy is stupid." (0.77), "What a
stupid idea." (0.92) and "This decision is disgusting." (0.52) to harassment review.

A comment is read as said of things only when **every word of it** is one this module knows:
each sentence is "<a thing> is <harsh>" ("This policy is stupid.", "The new parking rules are
idiotic") or "<harsh> <thing>" ("What a dumb idea", "Stupid plan."), built from a closed list
of things residents criticise, the civic words that name them ("parking", "stormwater", "the
city's"), harsh words, adverbs and a few interjections ("lol", "honestly"). Anything else (a
name, a person, a people, a word this module does not know) keeps the model's score.

Three code reviews wrote comments to slip past earlier versions that read each harsh word by
its neighbours: 124, then 172, then 193 attacks were lowered below review, nearly all by words
the model does not know as insults beside an approved phrase ("This plan is stupid and
jenkins is a cow."; "jenkins is a cow." alone scores 0.09). A closed vocabulary leaves no such
word anywhere: a missed insult stays up, while criticism at review costs a moderator a second.
Three more reviews turned the lists' own words against people ("What a stupid lot.", "The law
are stupid."), which the rules below answer.
"""

from __future__ import annotations

import re
import unicodedata

from moderator.classify.obfuscation import plain

#: Words that call something foolish, shameful or worthless, and that the public sets taught
#: the model as insults: a comment's score is looked at again only when every word behind it
#: is one of these.
HARSH = frozenset(
    "stupid stupider stupidest dumb dumber dumbest idiotic moronic asinine ridiculous absurd "
    "ludicrous laughable silly foolish pathetic disgusting disgraceful shameful embarrassing "
    "insane crazy nonsense garbage trash joke disgrace terrible awful horrible".split())
#: Harsh words that are nouns: said after an article ("The fee is a total joke").
_NOUNS = frozenset("nonsense garbage trash joke disgrace".split())
_ADJECTIVES = HARSH - _NOUNS
#: ... and what may follow "is" alone ("The fee is garbage", not "The fee is joke").
_PREDICATES = _ADJECTIVES | {"garbage", "trash", "nonsense"}

#: A harsh word as a word of its own: not part of "dumb-as-rocks" or "super-stupid", which are
#: neither read nor taken out.
_HARSH_WORD = re.compile(
    r"(?<![\w'@-])(?:" + "|".join(sorted(HARSH, key=len, reverse=True)) + r")(?![\w'-])",
    re.IGNORECASE)

#: Things residents criticise: decisions, rules, money, roads, the agency's services and pages.
#: Not bodies of people ("council", "board", "staff"); not words that name a person as easily
#: ("thing", "mess", "excuse", "show"), nor a people's feasts and symbols ("event", "parade",
#: "flag", "display"), nor what a commenter says ("post", "question").
_THINGS = frozenset("""
policy policies plan plans idea ideas decision decisions rule rules law laws ordinance
ordinances proposal proposals budget budgets project projects program programs schedule
schedules design designs process processes system systems vote votes ruling rulings change
changes tax taxes fee fees fine fines ticket tickets levy levies bond bonds bill bills measure
measures regulation regulations restriction restrictions requirement requirements mandate
mandates ban bans increase increases hike hikes cut cuts closure closures closing closings
timing website websites site app apps form forms survey surveys response statement approach
choice choices priorities spending contract contracts deal situation meeting meetings hearing
hearings roundabout roundabouts intersection intersections light lights road roads lane lanes
parking sign signs signage detour detours layout service services permit permits zoning code
codes stadium building construction announcement letter report study meter meters
fence fences curfew curfews camera cameras location crosswalk crosswalks sidewalk sidewalks
logo hours rate rates price prices renovation renovations moratorium enforcement reform
initiative funding grant grants route routes pickup collection planning handling
map maps bathrooms legislation repairs repair plowing removal removals pool pools
bridge bridges detour parks streets pothole potholes garage garages playground playgrounds
restroom restrooms
""".split())
#: What officials decide: the only things a person may own here ("the mayor's budget", not
#: "the mayor's bump"), and the only ones a word of a public debate may name ("the
#: immigration policy", not "the immigration pool").
_DECISIONS = frozenset("""
policy policies plan plans idea ideas decision decisions rule rules law laws ordinance
ordinances proposal proposals budget budgets project projects program programs schedule
schedules vote votes ruling rulings tax taxes fee fees fine fines levy levies bond bonds bill
bills measure measures regulation regulations restriction restrictions requirement
requirements mandate mandates ban bans hike hikes closure closures
response statement approach priorities spending contract contracts deal
announcement letter report initiative reform legislation moratorium enforcement funding
""".split())
_ONLY_BEFORE_DECISIONS = frozenset("""
camping holiday mayor's governor's gun climate sanctuary immigration abortion book voter id
surveillance
loitering equity diversity eviction control enforcement cooperation training moratorium ban
cuts
""".split())
#: Things that are also first names or surnames: read only right after a determiner ("the
#: bill is stupid"; "stupid bill" may be Bill).
_NAMES_TOO = frozenset("""
bill bills grant grants lane lanes bond bonds price prices levy law laws rule rules bridge
bridges pool pools parks streets
""".split())
#: Things that are also a haircut, a body, a team, a service of worship or a slate of
#: candidates ("What a stupid cut.", "The whole ticket is disgusting."): read only after a
#: civic word that names their kind ("the budget cut", "the parking ticket"; not "the whole",
#: "the evening": a fifth and a sixth code review).
_NEEDS_A_KIND = frozenset("""
cut cuts form forms change changes increase increases choice choices collection ticket tickets
pool pools service services hearing hearings enforcement
""".split())
#: A plural verb after a singular thing names people ("The law are stupid.", "The old bill
#: are ...": slang for the police; a fifth code review).
_PLURAL_VERBS = frozenset("are were seem look sound feel remain get".split())
_SINGULAR = frozenset("process bus news status".split())
_BEFORE_A_NAME = frozenset("the this that our its a an another".split())
#: Words that name a kind of thing or whose it is, the agency's own ("the city's", "our").
_CIVIC = frozenset("""
new old current proposed latest last next whole entire same public local downtown city
city's county county's town town's state state's council's mayor's board's department's
governor's commission's committee's district's village's our its parking traffic speed tax
water sewer trash recycling snow stormwater leaf meter permit zoning housing rent budget
school park parks library police fire transit bus bike road bridge street sidewalk noise dog
camping mask vaccine curfew camera toll property sales gas utility electric billing online 311
reservation pool construction detour lane signal stop sign fence pickup collection removal
plowing bag plastic late red light stoplight one-way crosswalk pothole 911 emergency
garbage trash bulk yard waste compost leaf-collection five-year 5-year ten-year 10-year
two-year 2-year annual monthly weekly daily summer winter spring fall holiday weekend night
fireworks leash
overnight morning evening new proposed revised updated final draft gun climate sanctuary
immigration abortion book voter id surveillance loitering stove control equity diversity
enforcement cooperation training eviction moratorium ban cuts
""".split())
#: Civic words that say nothing of a thing's kind: "the whole pool", "the latest choice" and
#: "the evening service" may still be people (a sixth code review); "the late bill" and "the
#: old bill" may be a man or the police.
_GENERIC = frozenset("""
new old current proposed latest last next whole entire same public local late annual monthly
weekly daily summer winter spring fall holiday weekend night overnight morning evening revised
updated final draft our its
""".split()) | {word for word in _CIVIC if word.endswith("'s")}
_ADVERBS = frozenset("""
so really just plain simply totally completely utterly absolutely pretty very beyond truly
incredibly downright too kinda super most beyond honestly frankly seriously literally
""".split())
#: Interjections and asides that may open or close a sentence.
_ASIDES = frozenset("""
lol lmao smh ugh sigh wow omg imo imho tbh honestly seriously frankly yeah yes no ok okay
again period af ever seriously sorry
""".split())
_SUBJECT_WORDS = frozenset("this that it".split())
_DETERMINERS = frozenset("this that these those the our its".split())
_COPULAS = frozenset("""
is are was were 's s seems seem looks look sounds sound feels feel remains remain gets got
became becomes
""".split())
_AFTER = frozenset("ever again yet".split())
#: Before a harsh noun: "a total joke", "a complete disgrace".
_BEFORE_A_NOUN = _ADVERBS | {"total", "complete", "big", "real", "absolute", "huge"}
#: Closing phrases of a superlative: "the stupidest proposal I have ever read".
_ENDINGS = [phrase.split() for phrase in (
    "i've ever seen", "i have ever seen", "i've seen", "i have seen", "i've ever read",
    "i have ever read", "i've read", "i have read", "in years", "in history", "of all time",
    "in this city", "in this town", "in the state", "of the year")]
#: Adjectives that may join a harsh word after "and": "stupid and dangerous".
_ALSO = frozenset("""
dangerous expensive wasteful unfair pointless useless confusing unsafe short-sighted
unnecessary bad wrong late slow broken costly unworkable outrageous insulting
""".split())
#: Emoji of exasperation, which may close a sentence; any other emoji or symbol keeps the score.
_EMOJI = "\U0001F602\U0001F611\U0001F612\U0001F620\U0001F621\U0001F624\U0001F629" \
         "\U0001F644\U0001F44E\U0001F914\U0001F923\U0001F926\U0001F937"
#: A skin tone or a sign of sex only as part of a face-palm or a shrug ("These are disgusting
#: \U0001F3FF" is said of people: a fourth code review).
_EMOJI_PARTS = re.compile(
    "([\U0001F926\U0001F937])[\U0001F3FB-\U0001F3FF]?(?:\u200d?[\u2640\u2642]\ufe0f?)?")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*|'s|[^\sa-z0-9]")
_SENTENCE_END = re.compile(r"[.!?\u2026\n]+")
_CAPITAL = re.compile(r"\b[A-Z][a-z]")
_LETTERS = re.compile(r"[^\W\d_]+")
#: A thing that is also a first name or a surname, written in capitals ("STUPID BILL").
_NAME_IN_CAPITALS = re.compile(r"\b(?:BILL|GRANT|LANE|BOND|PRICE|LAW|LEVY|RULE|PAGE|MARK|"
                               r"BRIDGE|PARK|STREET|POOL)S?\b")


def _named(text: str) -> bool:
    """A capital inside a sentence is a name ("Stupid Bill."), and so are the things above in
    capitals."""
    if any(not (word.islower() or word.isupper() or word[1:].islower())
           for word in _LETTERS.findall(text)):
        return True  # "bILL", "McKenzie"
    for match in _CAPITAL.finditer(text):
        before = text[max(0, match.start() - 40):match.start()].rstrip()
        if before[-1:] not in ("", ".", "!", "?", "\u2026", "\n") or (
                not before and match.start() > 40):
            return True
    return bool(_NAME_IN_CAPITALS.search(text))


def _thing(words: list[str], start: int, determined: bool) -> int:
    """Where a thing's noun phrase that begins at ``start`` ends (up to three civic words or
    things, then a thing, or "waste/use of (taxpayer) money/time"), or -1."""
    # the longest compound: "the new parking rules", not "the new parking"
    for civic in (3, 2, 1, 0):
        head = start + civic
        if head < len(words) and _heads(words[head], words[start:head], determined):
            return head + 1
    at = start
    if words[at:at + 2] in (["waste", "of"], ["use", "of"]):
        rest = words[at + 2:at + 4]
        if rest[:1] in (["money"], ["time"]):
            return at + 3
        if rest in (["taxpayer", "money"], ["our", "money"], ["public", "money"]):
            return at + 4
    return -1


def _heads(head: str, before: list[str], determined: bool) -> bool:
    """Whether ``head`` is a thing after the civic words ``before`` (see the lists above)."""
    if head not in _THINGS or not all(word in _CIVIC or word in _THINGS for word in before):
        return False
    if head not in _DECISIONS and any(word in _ONLY_BEFORE_DECISIONS for word in before):
        return False
    if head in _NAMES_TOO and (not determined or any(word in ("late", "old") for word in before)):
        return False
    return head not in _NEEDS_A_KIND or any(word not in _GENERIC for word in before)


def _harsh_run(words: list[str], at: int, kinds: frozenset[str]) -> int:
    """Where adverbs and harsh words of ``kinds`` that begin at ``at`` end, after the last
    harsh word ("so so stupid", "dumb, dumb", "stupid and idiotic"), or -1 without one."""
    seen = -1
    while at < len(words):
        if words[at] in kinds:
            seen = at = at + 1
        elif words[at] in _ADVERBS or words[at] in (",", "and") and seen >= 0 and (
                at + 1 < len(words) and (words[at + 1] in kinds or words[at + 1] in _ADVERBS)):
            at += 1
        else:
            break
    return seen


def _attributive(words: list[str], at: int) -> int:
    """ "(what/such) a <harsh> <thing>" from ``at``: where it ends, or -1."""
    if words[at:at + 2] in (["what", "a"], ["what", "an"], ["such", "a"], ["such", "an"]):
        at += 2
    elif at < len(words) and words[at] in ("a", "an", "the", "another", "one", "this", "that"):
        at += 1
    determined = at > 0 and words[at - 1] in _BEFORE_A_NAME
    end = _harsh_run(words, at, _ADJECTIVES)
    return _thing(words, end, determined) if end >= 0 else -1


def _predicative(words: list[str], reply: bool) -> int:
    """ "<this, or a thing> is <harsh>", "<...> is a <harsh> <thing>", "<...> is a joke":
    where it ends, or -1."""
    # "this is stupid" in a reply may answer the person (and "these are trash" be said of
    # people anywhere)
    pronoun = not reply and bool(words) and words[0] in _SUBJECT_WORDS
    if pronoun and len(words) > 1 and words[1] in _COPULAS - _PLURAL_VERBS:
        at = 2
    else:
        start = 1 if words and words[0] in _DETERMINERS else 0
        if start == 0 and not (words and words[0] in _CIVIC and words[0].endswith("'s")):
            return -1
        at = _thing(words, start, start == 1)
        if at < 0 or at >= len(words) or words[at] not in _COPULAS:
            return -1
        head = words[at - 1]
        if words[at] in _PLURAL_VERBS and (not head.endswith("s") or head in _SINGULAR):
            return -1
        at += 1
    end = _harsh_run(words, at, _PREDICATES)
    if end >= 0:
        if end + 1 < len(words) and words[end] == "and" and words[end + 1] in _ALSO:
            end += 2
        return end
    if words[at:at + 1] in (["a"], ["an"], ["the"], ["such"]):
        article = at + 1
        if words[at] == "such" and words[article:article + 1] in (["a"], ["an"]):
            article += 1
        nouns = article
        while nouns < len(words) and words[nouns] in _BEFORE_A_NOUN:
            nouns += 1
        if nouns < len(words) and words[nouns] in _NOUNS:
            return nouns + 1
        end = _attributive(words, at)
        return end
    return -1


def _sentence(words: list[str], reply: bool) -> bool:
    """One sentence, every word read: asides, then a predicate or one or more attributive
    phrases joined by commas, then "ever" or asides."""
    while words and words[0] in _ASIDES | {",", "and", "but", "so", "just"}:
        words = words[1:]
    while words and (words[-1] in _ASIDES | _AFTER or words[-1] in ",!?" or (
            len(words[-1]) == 1 and words[-1] in _EMOJI)):
        words = words[:-1]
    for ending in _ENDINGS:
        if words[-len(ending):] == ending and len(words) > len(ending):
            words = words[:-len(ending)]
            break
    if not words:
        return False
    end = _predicative(words, reply)
    if end < 0:
        end = 0
        while True:
            found = _attributive(words, end)
            if found < 0:
                return False
            end = found
            if end + 1 < len(words) and words[end] == ",":
                end += 1
                continue
            break
    return end == len(words)


def _read(text: str) -> str:
    """The text with its disguises undone ("yοu" with a Greek letter), as both functions below
    read it: the words one checks are the words the other takes out."""
    return plain(unicodedata.normalize("NFKC", text).replace("\u2019", "'"))


def said_of_things(text: str, reply: bool = False) -> bool:
    """True when ``text`` is only criticism of things, every word of it read (see the module's
    docstring). In a ``reply`` to a comment, "this is stupid" may answer its writer: the
    subject must be a thing."""
    if len(text) > 1000:  # before NFKC, which can make one character eighteen
        return False
    cased = _EMOJI_PARTS.sub(r"\1", _read(text))
    lowered = cased.lower()
    if not _HARSH_WORD.search(lowered) or len(lowered) > 1000 or _named(cased):
        return False
    sentences = [part for part in _SENTENCE_END.split(lowered) if part.strip()]
    for sentence in sentences:
        words = _TOKEN.findall(sentence)
        # "that's", "it's", "plan's": the verb is a word of its own
        split: list[str] = []
        for index, word in enumerate(words):
            if word.endswith("'s") and len(word) > 2 and word[:-2] in _SUBJECT_WORDS | _THINGS:
                split += [word[:-2], "'s"]
            elif word in ("thats", "its") and all(
                    earlier in _ASIDES or earlier == "," for earlier in words[:index]):
                split += [word[:-1], "s"]
            else:
                split.append(word)
        if not _sentence(split, reply):
            return False
    return True


def without_harsh_words(text: str) -> str:
    """``text`` with its harsh words taken out, as :func:`said_of_things` found them: what the
    rest of it says."""
    return _HARSH_WORD.sub("", _read(text))
