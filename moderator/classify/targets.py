"""What a harsh word is said of: a decision or a thing, or a person.

The published harassment rule covers attacks on people and says that criticism of the City's
decisions and services is not harassment. The public sets aim "stupid", "dumb" and
"disgusting" at people, so the model alone sent "This policy is stupid." (0.77), "What a
stupid idea." (0.92) and "This decision is disgusting." (0.52) to harassment review.

This module reads only the shape of a sentence, never its side, and it abstains whenever it
is unsure, since a missed insult stays up while criticism at review costs a moderator a
second. A harsh word is said of a thing when it is
- the predicate of a thing or of "this/that/it" at a clause's start, and nothing follows it
  but the clause's end ("This policy is stupid.", "It's dumb to build a stadium ..."); or
- before a thing that ends its noun phrase ("What a dumb idea", "Stupid plan."), and, where a
  verb "to be" comes before it, that verb's subject is a thing too ("This is a stupid law";
  not "That is a stupid man", "The mayor is a disgusting mess").

A subject needs a determiner ("the bill is", not "Bill is"), and no preposition inside it
("Muslims on this page are ..." names people, not the page). A comment that names or points at
a person anywhere else, other than as the owner of the thing ("the mayor's budget"), or
compares someone with it ("like the mayor", "the mayor too"), is not read at all: a code review
of the first version found 124 attacks in such shapes lowered below review.
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

#: Harsh words that are nouns: said as a predicate after an article ("The fee is a total joke").
_NOUNS = frozenset("nonsense garbage trash joke disgrace".split())
#: A harsh word as a word of its own: not part of "dumb-as-rocks" or "super-stupid", which are
#: neither read nor taken out.
_HARSH_WORD = re.compile(
    r"(?<![\w'@-])(?:" + "|".join(sorted(HARSH, key=len, reverse=True)) + r")(?![\w'-])",
    re.IGNORECASE)

#: Things residents criticise: decisions, rules, plans, money, roads and the agency's own pages.
#: Not bodies of people ("council", "board", "staff", "crew"): calling them stupid is
#: name-calling, which a moderator weighs. Not words that name a person as easily as a thing
#: ("that thing in the hijab", "a waste of skin", "a disgusting excuse for a father"), nor what
#: a commenter says ("Stupid post, ...", "Stupid answer. ..."): a second code review.
_THINGS = (
    r"polic(?:y|ies)|plans?|ideas?|decisions?|rules?|laws?|ordinances?|proposals?|budgets?|"
    r"projects?|programs?|programmes?|schedules?|designs?|process(?:es)?|systems?|votes?|"
    r"rulings?|changes?|tax(?:es)?|fees?|fines?|tickets?|levy|levies|bonds?|bills?|measures?|"
    r"regulations?|restrictions?|requirements?|mandates?|bans?|increases?|hikes?|cuts?|"
    r"closures?|closings?|timing|websites?|site|apps?|page|forms?|surveys?|"
    r"responses?|statements?|approach|moves?|choices?|priorit(?:y|ies)|"
    r"spending|contracts?|deals?|situation|"
    r"meetings?|hearings?|roundabouts?|intersections?|lights?|roads?|lanes?|parking|signs?|"
    r"signage|detours?|layout|services?|permits?|zoning|codes?|stadium|buildings?|"
    r"construction|announcement|press release|letters?|reports?|study|studies|"
    r"(?:waste|use) of (?:(?:taxpayer|taxpayers'|our|my|public|federal|state|city|county) )?"
    r"(?:money|funds|dollars|time|resources|land)|thing to (?:do|say|spend \w+ on|build)|"
    r"meters?|bumps?|fences?|curfews?|cameras?|location|crosswalks?|sidewalks?|logo|hours|"
    r"rates?|prices?|renovations?|control|training|moratorium|sweeps?|raids?|evictions?|"
    r"events?|shows?|parades?|displays?|enforcement|crackdown|reform|initiative|act|"
    r"ordinance|funding|grants?|route|routes|pickup|collection|planning|handling|"
    r"management|priorities|agenda|map|maps|idea|bathrooms?|shelters?|arrests?|removals?|"
    r"wars?|prayers?|acknowledge?ments?|cooperation|legislation|festival|celebrations?|"
    r"memorials?|statues?|monuments?|flags?|murals?|clinics?|vaccines?|requirements?")
_THING = rf"(?:{_THINGS})"
#: Words that point at people. A comment with one of these, other than as a thing's owner, is
#: not read (see the module's docstring).
_PEOPLE = (
    r"you|u(?!\.)|ya|ye|you're|youre|your|ur|yourself|yourselves|y'all|yall|ppl|"
    r"he|she|him|hers|her|they|them|their|his|who|whom|whoever|he's|she's|they're|"
    r"man|men|woman|women|guy|guys|lady|ladies|girl|girls|boy|boys|kid|kids|child|person|"
    r"people|persons|folks?|everyone|everybody|anyone|anybody|someone|somebody|"
    r"mayors?|council(?:man|men|woman|women|member|members|ors?|lors?)?|commissioners?|"
    r"aldermen|alderman|alderwoman|board|staff|crew|team|chief|directors?|managers?|clerks?|"
    r"officials?|officers?|cops?|sheriff|deputy|governor|senators?|reps?|representatives?|"
    r"judges?|attorneys?|superintendent|admins?|administrators?|moderators?|mods?|authors?|"
    r"designers?|engineers?|developers?|collectors?|attendants?|workers?|employees?|"
    r"residents?|neighbou?rs?|commenters?|posters?|trolls?|chair|chairman|chairwoman|lead|"
    r"president|secretary|supervisors?|candidates?|politicians?|leaders?|members?|"
    r"idiots?|morons?|fools?|clowns?|losers?|imbeciles?|dimwits?|nitwits?|halfwits?|jerks?|"
    r"buffoons?|karens?|liberals?|conservatives?|democrats?|republicans?|libs|"
    r"mr|mrs|ms|miss|dr|sir|madam|yu|thou|thee|yo|councilperson|treasurer|librarian|"
    r"spokes(?:man|woman|person)|counse?lors?|mayoress")
_PERSON = re.compile(rf"\b(?:{_PEOPLE})\b")
#: Someone compared with the thing, or the same said of them after it.
_COMPARED = re.compile(
    r"\b(?:like|likewise|ditto|same (?:goes|for|as|with)|more so|even more|so(?:'s| is| are| was| "
    r"were)|as (?:is|are|was|were)|(?:just|much) as|similar to|match(?:es|ing)?|plus|x ?2)\b|"
    r"\b(?:too|also|as well)\s*(?:$|[.!?\u2026,;])")
_PREPOSITION = r"(?:on|in|at|from|of|for|about|with|by|to|into|over|under|near|around|than)"
_ARTICLE = r"(?:a|an|the|such|such a|such an|one|quite a|quite an)"
_ADVERB = (r"(?:so|really|just|plain|simply|totally|completely|utterly|absolutely|pretty|very|"
           r"beyond|truly|incredibly|frankly|honestly|downright|too|kinda|kind of|sort of|"
           r"super|most|not only|also|still|now|all|getting|becoming|even more)")
_COPULA = (r"(?:'s|s(?=\s)|\s+(?:is|are|was|were|seems|seem|looks|look|sounds|sound|feels|feel|"
           r"remains|remain|gets|get|got|became|becomes|has been|have been|had been|will be|"
           r"would be|is being))")
#: Whose a thing can be: the agency, its offices and its officials ("the city's", "the parks
#: director's", "Councilwoman Patel's"), not anyone ("That rat's plan is stupid.", "Women's
#: ideas are stupid.": a second code review).
_OWNERS = (
    r"city|town|village|county|state|council|board|commission|committee|department|dept|agency|"
    r"office|district|authority|government|administration|legislature|senate|congress|court|"
    r"mayor|governor|council(?:man|woman|member|person|lor|or)|alder(?:man|woman)|commissioner|"
    r"director|manager|chief|sheriff|superintendent|clerk|assessor|treasurer|attorney|judge|"
    r"president|senator|rep|representative|police|school|library|parks|transit|utility|utilities|"
    r"dmv|hoa|city hall|staff")
_OWNER = (rf"(?:(?:(?!(?:{_PEOPLE})\b)[a-z][\w.-]*\s+)?(?:{_OWNERS})(?:\s+[a-z][\w.-]*)?"
          r"(?:'s|s'))")
#: A word inside a noun phrase before its head: not a preposition, an article, a person or a
#: verb "to be"; or an owner's ("the mayor's budget").
_MODIFIER = (
    rf"(?:{_OWNER}|(?!(?:{_PREPOSITION}|{_ARTICLE}|{_PEOPLE}|and|or|but|is|are|was|"
    rf"were|be|been)\b)[a-z0-9][\w.-]*)")
_DETERMINER = (r"(?:this|that|these|those|the|our|its|my|every|each|"
               r"all (?:the|these|those)|"
               rf"{_OWNER})")
#: Where a clause begins: a subject after this is the clause's own, not the object of a verb
#: before it ("Anyone who supports this is stupid" is said of a person).
_CLAUSE = (r"(?:^|[.!?;:,()\u2026\n-]\s*|\b(?:but|so|because|honestly|seriously|frankly|sorry|"
           r"lol|omg|wow|yes|yeah|no|ok|okay|sigh|imo|imho)\s+)")
_SUBJECT = (
    rf"(?:(?:this|that|it|these|those)(?:\s+(?:whole|entire|new))?|"
    rf"{_DETERMINER}\s+(?:{_MODIFIER}\s+){{0,4}}{_THING}"
    rf"(?:\s+{_PREPOSITION}\s+(?:{_ARTICLE}\s+)?(?:{_MODIFIER}\s+){{0,2}}{_MODIFIER})?"
    r"(?:\s+(?:this|last|next) (?:week|month|year|time|night|weekend|summer|winter|spring|fall|"
    r"session))?)")
#: Before a harsh word said as a predicate: the subject, a verb "to be", adverbs.
_PREDICATE_BEFORE = re.compile(rf"{_CLAUSE}{_SUBJECT}{_COPULA}\s+(?:{_ADVERB}\s+)*$")
#: Before a harsh noun said as a predicate: also an article and a word or two ("a total").
_NOUN_PREDICATE_BEFORE = re.compile(
    rf"{_CLAUSE}{_SUBJECT}{_COPULA}\s+(?:{_ADVERB}\s+)*(?:an?|the|such a|one)\s+"
    rf"(?:(?!(?:{_PEOPLE})\b)[a-z][\w-]*\s+){{0,2}}$")
#: "Ridiculous that the pool is closed", "Crazy how this passed": said of what follows.
_EXTRAPOSED = re.compile(r"^\s*,?\s*(?:that|how)\s")
#: Before a harsh word before a noun: a verb "to be" and an article ("is a", "was the") ...
_COPULA_ARTICLE = re.compile(
    rf"(?:'s|\bs|\b(?:is|are|was|were|seems|looks|sounds|remains|became|been|be))\s+"
    rf"(?:{_ADVERB}\s+)*(?:{_ARTICLE}\s+)?(?:{_ADVERB}\s+)*$")
#: ... and then that verb's subject must be a thing.
_ATTRIBUTE_BEFORE = re.compile(
    rf"{_CLAUSE}{_SUBJECT}{_COPULA}\s+(?:{_ADVERB}\s+)*(?:{_ARTICLE}\s+)?(?:{_ADVERB}\s+)*$")
#: After a harsh word said as a predicate: the clause ends.
_PREDICATE_END = re.compile(
    r"^\s*(?:$|[^\w\s'-]|(?:and|or|but|to|lol|lmao|imo|af|honestly|if|when|because|as hell|"
    r"compared to|next to)\b)")
#: After a harsh word before a noun: other adjectives, then a thing that ends the noun phrase
#: ("stupid permit clerk" is a clerk; in "a dumb man's plan" the word is said of the man).
_ATTRIBUTIVE = re.compile(
    rf"^(?:\s*,\s*[a-z][\w-]*|\s+and\s+[a-z][\w-]*)*\s+(?:(?![\w.-]*'s?\b){_MODIFIER}\s+){{0,2}}{_THING}"
    r"(?=\s*(?:$|[^\w\s'-]|(?:and|or|but|is|are|was|were|that|which|to|for|in|on|at|of|from|by|"
    r"with|ever|i|i've|ive|we|this|these|the|again|so|lol|lmao|imo|if|when|because|as|has|"
    r"have|had|will|would|should|could|can|just|really|it|its|it's|in|yet|by far|i've)\b))")
#: The owner of a thing: "the mayor's budget", "Councilwoman Patel's stupid proposal", "our
#: plan"; not "the mayor's a disgusting mess" (an article: "'s" is "is"). Not "your", "his",
#: "their": "Your logic is stupid" is said to the person who argued it, and "Their parade is
#: disgusting" may be said of a people.
_OWNED = re.compile(
    rf"(?:\b{_OWNER}|\b(?:its|our))"
    rf"\s+(?:(?!(?:{_PREPOSITION}|{_ARTICLE}|{_PEOPLE}|and|or|but|is|are|was|were)\b)"
    rf"[a-z][\w.-]*\s+){{0,2}}{_THING}\b", re.IGNORECASE)
_HANDLE = re.compile(r"@\w+")
_SENTENCES = re.compile(r"[^.!?\u2026\n]*[^\W_][^.!?\u2026\n]*")
#: A form of address after the thing: "Stupid post, magat.", "Stupid question, sweetie."
_VOCATIVE = re.compile(
    r",\s*(?!(?:honestly|seriously|lol|lmao|imo|imho|tbh|though|again|period|really|smh|sigh|"
    r"ugh|frankly|anyway|truly|clearly|obviously|and|but|or|just|so|" + "|".join(sorted(HARSH))
    + r")\b)[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s*$")
#: Hashtags, "=" and emoji other than a few of exasperation: "#FatJenkins", "Jenkins = 🐷".
_MARKS = re.compile(
    "[#=]|[^\\x00-\\u206f\\u20a0-\\u20cf\\u2640\\u2642\\ufe0f\\U0001F3FB-\\U0001F3FF"
    "\\U0001F602\\U0001F611\\U0001F612\\U0001F620\\U0001F621\\U0001F624\\U0001F629\\U0001F644"
    "\\U0001F44E\\U0001F914\\U0001F923\\U0001F926\\U0001F92C\\U0001F937]")
#: Peoples and the words used for them, anywhere in a comment: "Women's ideas are stupid.",
#: "Stupid female logic.", "The gays' parade is disgusting." (a second code review), and
#: forms of address ("sweetie", "bro", "magat").
_GROUP = re.compile(
    r"\b(?:muslims?|moslems?|islamic|jews?|jewish|christians?|catholics?|mormons?|atheists?|"
    r"hindus?|sikhs?|arabs?|blacks?|whites?|asians?|mexicans?|hispanics?|latin[oax]s?|"
    r"africans?|somalis?|haitians?|chinese|indians?|gypsy|gypsies|gays?|homos?|homosexuals?|"
    r"queers?|lesbians?|trans|tranny|trannies|transgenders?|lgbtq?\+?|females?|males?|chicks?|"
    r"blondes?|boomers?|millennials?|zoomers?|elderly|seniors|disabled|autistic|retard\w*|"
    r"cripples?|immigrants?|migrants?|refugees?|illegals?|aliens?|foreign\w*|ghetto|rednecks?|"
    r"hicks?|hood|third world|hijab\w*|burqa|mosque|synagogue|drag queens?|couples?|dudes?|"
    r"children|mom|moms|mother|father|dad|wife|husband|sweetie|honey|hun|bro|bruh|dude|pal|"
    r"women|men|girls|boys|ladies|kids|old people|young people|youth|teens?|teenagers?|"
    r"buddy|champ|sis|mate|doc|gramps|grandma|grandpa|princess|cupcake|snowflakes?|incels?|"
    r"simps?|magats?|commies?|groomers?|libtards?|trumpers?|leftists?|woke|feminists?|human|"
    r"humans|adults?|mama|junkies?|addicts?|homeless|bums?|thugs?|ladies|gentlemen|"
    r"nationals?|natives?|tribe|tribes|race|races|culture|religion)\b")
_CLAUSE_START = re.compile(r"(?:^|[.!?;:\u2026\n]\s*)$")
_THANKS = re.compile(r"\bthanks? (?:you|u|ya)\b|\b(?:everyone|everybody) knows\b")
#: Capitalised words that name places and times, not people.
_NOT_NAMES = frozenset(
    "i i'm i've i'd city county town state street st avenue ave road rd park main downtown "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split())
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:'s)?\b")
_NAMES_A_THING = re.compile(rf"(?:\s+[A-Z][a-z]+)?\s+(?:{_THINGS})\b")


def _names_someone(text: str) -> bool:
    """A capitalised word inside a sentence (not a place, a month or "I"): a name, "Bill" or
    "Dave"."""
    for match in _CAPITALISED.finditer(text):
        word = match.group().lower().removesuffix("'s")
        before = text[max(0, match.start() - 20):match.start()].rstrip()
        if (word in _NOT_NAMES or not before or before[-1] in ".!?\u2026\n:\"("
                # the name of a thing's kind: "this Pride event", "the Ten Commandments display"
                or _NAMES_A_THING.match(text, match.end())):
            continue
        return True
    return False


def _read(text: str) -> str:
    """The text with its disguises undone ("yοu" with a Greek letter), as both functions below
    read it: the words one checks are the words the other takes out."""
    return plain(unicodedata.normalize("NFKC", text).replace("\u2019", "'"))


def said_of_things(text: str) -> bool:
    """True when every harsh word in ``text`` is said of a decision or a thing, and no person
    is named, spoken to or compared with it (see the module's docstring)."""
    cased = _HANDLE.sub(" ", _read(text))  # a reply's addressee is not what is called stupid
    lowered = cased.lower()
    harsh = list(_HARSH_WORD.finditer(lowered))
    if (not harsh or _COMPARED.search(lowered) or _GROUP.search(lowered)
            or _MARKS.search(cased)):
        return False
    # a sentence without a harsh word is read by no one here, and the model does not know
    # every insult ("This plan is stupid. Jenkins is a cow."; "... Hang jenkins.")
    for sentence in _SENTENCES.findall(lowered):
        if not _HARSH_WORD.search(sentence) or _VOCATIVE.search(sentence):
            return False
    unowned = _OWNED.sub(" thing ", cased)
    if _names_someone(unowned) or _PERSON.search(_THANKS.sub(" ", unowned.lower())):
        return False
    for match in harsh:
        start = match.start()
        # a clause cut off by the window does not begin where the window does
        before = lowered[:start] if start <= 160 else "\x00" + lowered[start - 160:start]
        after = lowered[match.end():match.end() + 80]
        if _ATTRIBUTIVE.match(after):
            if _COPULA_ARTICLE.search(before) and not _ATTRIBUTE_BEFORE.search(before):
                return False
        elif _EXTRAPOSED.match(after):
            if not _CLAUSE_START.search(before):
                return False
        elif not (_PREDICATE_END.match(after) and (
                _PREDICATE_BEFORE.search(before)
                or match.group() in _NOUNS and _NOUN_PREDICATE_BEFORE.search(before))):
            return False
    return True


def without_harsh_words(text: str) -> str:
    """``text`` with its harsh words taken out, as :func:`said_of_things` found them: what the
    rest of it says."""
    return _HARSH_WORD.sub("", _read(text))
