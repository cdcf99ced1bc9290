"""Masked swear words and slurs: "f**k", "sh!t", "a**hole", "n****r".

A person reads a masked word as the word it hides; the model reads an unknown word, because the
public data has barely thirty of them to learn from. Reading them back into the text before the
model sees it was tried and moved the model's thresholds the wrong way (models/README.md), so
this is an exact detector beside the model instead: a word made of letters and masks (* # @ $ %
and ! inside a word) is read as a listed word of the same length whose letters agree with every
letter shown. A finding always goes to review, never hides by itself: someone who masks a word
has chosen not to print it, and a moderator decides.

The first letter must be shown, or else at least two letters after one to four asterisks
("*uck", "****ing"). With only the first letter shown the word could be anything ("Councillor
D*** said", a redacted name), so only the f-word and "shit" are read from one letter, the way
nearly every reader reads "f***" and "s***". Four asterisks and nothing else are read only as the
f-word, and only before "you", "off", "this" and the like ("**** you"). Leading asterisks are
never "#" or "@" (a hashtag or a handle such as "#hit" is a word), never open an action or
emphasis that a later asterisk closes ("*hits blunt*", "*hit*"), and never stand for a word with
an everyday meaning (lexicon.EVERYDAY: "*ick").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from moderator.classify import History, RuleScore, Scores
from moderator.classify.lexicon import EVERYDAY, EXPLICIT, LISTED, SUGGESTIVE
from moderator.comments import Comment

#: Listed words per rule (lexicon.LISTED), and the explicit and suggestive sexual terms that are
#: one word, with "tits", a hint written out only because of birdwatchers ("p*rn", "f*ckable",
#: "t*ts": a blind probe of sexual comments; a hint such as "n*de" is not read, since a masked
#: word goes to review and the written one would not). Written out, they are the model's
#: business.
WORDS = {**LISTED, "sexual": " ".join(sorted(
    term for term in (*EXPLICIT, *SUGGESTIVE, "tits")
    if term.isalpha() and term.isascii() and term not in EVERYDAY and len(term) > 3))}
#: The rules whose masked words are vulgar in themselves (the profanity rule hides only those).
VULGAR_RULES = ("profanity", "hate")
#: Words that may be read when only their first letter is shown.
ONE_LETTER = frozenset("fuck fucks fucked fucker fuckers fucking fuckin shit".split())
MASKS = "*#@$%!"
#: A mask right after a letter; "!" and "@" only with a letter after them too ("sh!t", not "wow!"
#: or "me@home"). The character class comes first so that the engine scans for it quickly.
_MASK_AFTER_LETTER = re.compile(r"[*#$%!@](?<=[^\W\d_].)(?:(?<=[*#$%])|(?=[^\W\d_]))")
#: A run of letters and masks that starts with a letter.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[*#@$%!])+")
#: One to four asterisks, then at least two letters, not inside a word and not emphasis.
_LEADING = re.compile(r"(?<![\w*#@$%!])\*{1,4}[^\W\d_]{2,}(?![\w*#@$%!])")
#: The rest of an action or emphasis that an asterisk opened: "*hits blunt*", "*rolls eyes*".
_ACTION_END = re.compile(r"[^\n*]{0,60}?[^\W\d_]\*")
#: Four asterisks alone before a word the f-word takes ("**** you", "**** off").
_FOUR = re.compile(r"(?<![\w*#@$%!])\*{4}(?=\s+(?:you|u|ya|off|them|him|her|em|this|that|it|"
                   r"yourself|yourselves|everything|everyone)\b)", re.I)


def _index() -> dict[int, list[tuple[str, str]]]:
    by_length: dict[int, list[tuple[str, str]]] = {}
    for rule, words in WORDS.items():
        for word in words.split():
            by_length.setdefault(len(word), []).append((word, rule))
    return by_length


_BY_LENGTH = _index()


def reading(token: str) -> tuple[str, str] | None:
    """(listed word, rule) that a masked ``token`` hides, or None if it is not one."""
    token = token.lower().rstrip("!")
    shown = [c not in MASKS for c in token]
    if all(shown) or (not shown[0] and not _LEADING.fullmatch(token)):
        return None
    one_letter = sum(shown) == 1
    for word, rule in _BY_LENGTH.get(len(token), ()):
        if one_letter and word not in ONE_LETTER:
            continue
        if not shown[0] and word in EVERYDAY:  # "*ick" is as likely Rick, Nick or a kick
            continue
        if all(not s or c == w for c, w, s in zip(token, word, shown, strict=True)):
            return word, rule
    return None


def findings(text: str) -> dict[str, list[str]]:
    """The masked words in ``text`` as written, by the rule their reading falls under."""
    found: dict[str, list[str]] = {}
    end = 0
    for mask in _MASK_AFTER_LETTER.finditer(text):
        start = mask.start() - 1
        if start < end:
            continue
        while start > end and text[start - 1].isalpha():
            start -= 1
        word = _WORD.match(text, start)
        if word is None:
            continue
        end = word.end()
        _add(found, word.group().rstrip("!"), reading(word.group()))
    if "*" in text:
        for word in _LEADING.finditer(text):
            if not _ACTION_END.match(text, word.end()):
                _add(found, word.group(), reading(word.group()))
        for mask in _FOUR.finditer(text):
            _add(found, mask.group(), ("fuck", "profanity"))
    return found


def _add(found: dict[str, list[str]], shown: str, read: tuple[str, str] | None) -> None:
    if read is not None and shown not in found.setdefault(read[1], []):
        found[read[1]].append(shown)


class MaskedWordDetector:
    """Masked swear words (profanity), slurs (hate) and sexual terms, scored for review."""

    history_seconds = 0.0

    def __init__(self, review: dict[str, float]) -> None:
        self.review = review

    def detect(self, comments: Sequence[Comment], history: History) -> list[Scores]:
        results: list[Scores] = []
        for comment in comments:
            found = findings(comment.text or "")
            results.append({rule: RuleScore(self.review[rule], tuple(words[:8]))
                            for rule, words in found.items() if rule in self.review}
                           if found else {})
        return results
