"""Word lists for the rule no public data set labels: sexual content.

None of the training sets labels sexual content (Jigsaw's ``obscene`` mixes it with profanity),
so the model does not pretend to learn it: these published terms, each with the probability it
contributes, are matched as whole words or word pairs. Several matches combine as independent
evidence (1 - product of (1 - weight)). Terms that are ordinary in civic talk ("sex offender",
"same-sex", "naked" corruption) are deliberately absent. models/README.md says how weak this is.
"""

from __future__ import annotations

#: Explicit terms: alone they reach the act threshold (0.9).
EXPLICIT = (
    "porn", "porno", "pornhub", "nudes", "send nudes", "nude pics", "naked pics", "horny",
    "blowjob", "handjob", "sexting", "sex chat", "sex tape", "onlyfans", "hot singles",
    "xxx", "dick pic", "dick pics", "masturbate", "masturbating", "orgasm", "milf", "camgirl",
    "hookup tonight", "private shows", "nsfw", "titties", "boobs", "booty call", "fuck me",
    "suck my", "sexy pics", "erotic", "escort service",
)
#: Suggestive terms: alone they send a comment to review (0.6); two of them reach 0.84.
SUGGESTIVE = (
    "sexy", "nude", "hookup", "kinky", "spicy link", "strip club", "lingerie", "seduce",
    "married guys", "🍑", "🍆",
)
#: Hints: not enough alone (0.35); with another hint or a suggestive term, review.
HINTS = ("💦", "😈", "😏", "💋", "babe", "discreet", "dm me", "my dms", "flirt", "no strings",
         "hook up", "spicy")
WEIGHTS = {**{term: 0.35 for term in HINTS}, **{term: 0.6 for term in SUGGESTIVE},
           **{term: 0.95 for term in EXPLICIT}}


def terms() -> dict[str, float]:
    """The sexual-content terms and their weights (stored in the artifact when it is trained)."""
    return dict(WEIGHTS)


#: Threat phrases: unambiguous ways of threatening a person, too rare in the public data for the
#: model to learn well. A match scores 0.49: always enough for review (and the urgent alert),
#: never enough to hide a comment by itself (act thresholds are at least 0.5).
THREAT_PHRASES = (
    r"\bwatch (?:your|ur|their|his|her) (?:back|six)\b",
    r"\b(?:i'?ll|i will|i'?m going to|i'?m gonna|gonna|we'?ll|we will) (?:hurt|kill|shoot|stab|"
    r"beat|murder|strangle|hang|find) (?:you|u|him|her|them|y'?all)\b",
    r"\bput (?:a|one|two) bullets? (?:in|through)\b",
    r"\b(?:you'?re|you are|ur) (?:dead|going to die|gonna die)\b",
    r"\bi know where (?:you|he|she|they) (?:live|lives|sleep|park)\b",
    r"\b(?:your|his|her) days are numbered\b",
)
THREAT_SCORE = 0.49
#: Words one of the phrases needs (as whole words): texts without any skip the expressions.
THREAT_TRIGGERS = ("back", "six", "hurt", "kill", "shoot", "stab", "beat", "murder", "strangle",
                   "hang", "find", "bullet", "bullets", "dead", "die", "where", "numbered")
