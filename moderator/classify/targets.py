"""What a harsh word is said of: a decision or a thing, or a person.

The published harassment rule covers attacks on people and says that criticism of the City's
decisions and services is not harassment. The public sets aim "stupid", "dumb" and
"disgusting" at people, so the model alone sent "This policy is stupid." (0.77), "What a
stupid idea." (0.92) and "This decision is disgusting." (0.52) to harassment review. This
module reads only the shape of a sentence, never its side: "this <thing> is stupid", "a stupid
<thing>", "this is stupid" at a clause's start. A comment that also speaks to or of a person
in the same breath ("... and so are you", "like you") is not read as one about things.
"""

from __future__ import annotations

import re
import unicodedata

#: Words that call something foolish, shameful or worthless, and that the public sets taught
#: the model as insults: a comment's harassment score is looked at again only when every word
#: behind it is one of these.
HARSH = frozenset(
    "stupid stupidest dumb dumber dumbest idiotic moronic asinine ridiculous absurd ludicrous "
    "laughable silly foolish pathetic disgusting disgraceful shameful embarrassing insane crazy "
    "nonsense garbage trash joke disgrace terrible awful horrible".split())

#: Things residents criticise: decisions, rules, plans, money, roads and the agency's own
#: pages. Not bodies of people ("council", "board", "staff"): calling them stupid is
#: name-calling, which a moderator weighs.
_THINGS = (
    r"polic(?:y|ies)|plans?|ideas?|decisions?|rules?|laws?|ordinances?|proposals?|budgets?|"
    r"projects?|programs?|programmes?|schedules?|designs?|process(?:es)?|systems?|votes?|"
    r"rulings?|changes?|tax(?:es)?|fees?|levy|levies|bonds?|bills?|measures?|regulations?|"
    r"restrictions?|requirements?|mandates?|bans?|increases?|hikes?|cuts?|closures?|closings?|"
    r"timing|website|site|app|page|post|posts|form|survey|questions?|answers?|responses?|"
    r"excuses?|statements?|approach|move|moves|choices?|priorit(?:y|ies)|spending|contracts?|"
    r"deals?|arguments?|logic|reasoning|things?|situation|mess|meetings?|hearings?|"
    r"roundabouts?|intersections?|lights?|roads?|lanes?|parking|signs?|signage|detours?|"
    r"layout|services?|permits?|zoning|codes?|stadium|buildings?|construction|idea|"
    r"announcement|press release|letter|report|study|plan|policy|waste(?: of \w+)?|"
    r"use of \w+(?: \w+)?|way (?:the \w+ )?(?:handled|handles|is handling) (?:this|that|it)")
_THING = rf"(?:{_THINGS})"
_INTENSIFIERS = (r"(?:(?:so|really|just|plain|simply|totally|completely|utterly|absolutely|"
                 r"pretty|very|beyond|truly|incredibly|frankly|honestly|downright|such|most|"
                 r"an?|the|a complete|a total|an absolute)\s+)*")
_COPULA = r"(?:is|are|was|were|'s|s|seems|seem|looks|look|sounds|sound|feels|feel|remains)"
#: Where a clause begins: a pronoun or a noun phrase after this is the clause's subject, not
#: the object of something before it ("Anyone who supports this is stupid" is said of a
#: person).
_CLAUSE = (r"(?:^|[.!?;:,()\u2026-]\s*|\b(?:and|but|so|because|honestly|seriously|frankly|sorry|"
           r"lol|omg|wow|yes|yeah|no|ok|okay|man|sigh|imo|imho)\s+)")
#: Words a noun phrase may have before its head: articles, possessives, adjectives of time
#: and size ("the mayor's new parking", "this whole"), nothing that names a person by itself.
_MODIFIER = (r"(?!(?:who|whoever|whom|which|that|anyone|anybody|everyone|everybody|someone|"
             r"somebody|people|person|he|she|they|you|i|we)\b)"
             r"(?:[a-z][\w-]*'s|[a-z][\w-]*s'|[a-z][\w-]*)")
_PREDICATIVE = re.compile(
    rf"{_CLAUSE}(?:(?:this|that|it|these|those)(?:\s+(?:whole|entire|new))?\s*|"
    rf"(?:(?:this|that|these|those)\s+)?(?:{_MODIFIER}\s+){{0,3}}{_THING}(?:\s+(?:in|on|at|for|of|from|to)\s+"
    rf"(?:{_MODIFIER}\s+){{0,3}}?{_MODIFIER})?\s+)"
    rf"(?:{_COPULA}|(?:is|was)\s+(?:just|all|such))\s+(?:(?:not only|also|still|now)\s+)?"
    rf"{_INTENSIFIERS}$")
_ATTRIBUTIVE = re.compile(rf"^(?:\s+(?:and|,)\s+\w+)?\s+(?:\w+\s+)?{_THING}\b")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")
#: A person in the same breath: spoken to, or compared with the thing.
_PERSON = re.compile(
    r"\b(?:you|u|ya|ye|you're|youre|your|ur|yourself|yourselves|y'all|yall|ppl)\b(?!'s)|"
    r"\bexcuse for an?\b|"
    r"\b(?:so (?:are|is|was|were)|just like|same as|as (?:is|are) (?:the|his|her|their))\b|"
    r"\b(?:he|she|him|her|they|them|guy|man|woman|people|person|idiot|idiots|moron|morons|"
    r"fool|fools|clown|clowns|loser|losers)\s+(?:is|are|was|were|'s)\b|"
    r"\b(?:idiots?|morons?|fools?|clowns?|losers?|imbeciles?|dimwits?|nitwits?|halfwits?|"
    r"jerks?|buffoons?)\b")
#: "your" before a thing is the agency's plan, not a person spoken to.
_YOUR_THING = re.compile(rf"\byour\s+(?:{_MODIFIER}\s+){{0,2}}{_THING}\b")


def said_of_things(text: str) -> bool:
    """True when every harsh word in ``text`` is said of a decision or a thing (as the
    subject's predicate or before the noun), and nobody is spoken to or compared with it."""
    lowered = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    harsh = [m for m in _WORD.finditer(lowered) if m.group() in HARSH]
    if not harsh:
        return False
    if _PERSON.search(_YOUR_THING.sub(" ", lowered).replace("thank you", " ")):
        return False
    for match in harsh:
        # a clause cut off by the window does not begin where the window does
        start = match.start()
        before = lowered[:start] if start <= 120 else "\x00" + lowered[start - 120:start]
        after = lowered[match.end():match.end() + 60]
        if not (_PREDICATIVE.search(before) or _ATTRIBUTIVE.search(after)):
            return False
    return True


_HARSH_WORD = re.compile(r"\b(?:" + "|".join(sorted(HARSH, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)


def without_harsh_words(text: str) -> str:
    """``text`` with its harsh words taken out: what the rest of it says."""
    return _HARSH_WORD.sub("", text)
