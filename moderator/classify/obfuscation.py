"""Undoing the disguises people use to slip a word past a filter.

"ｆｕｃｋ", "fuсk" with a Cyrillic "с", "fu\u200bck" with an invisible space, "f u c k",
"f.u.c.k", "k1ll" and "sh1t" read the same to a person and differently to a model of character
n-grams, which then scores them like an unknown word. :func:`plain` rewrites these disguises to
the word they stand for, in training and in scoring alike, so the model learns and scores the
word itself. Each step is narrow, so that ordinary text keeps its meaning:

- typographic apostrophes and quotation marks become plain ones: a phone's keyboard writes
  "you’re" where a computer's writes "you're", and both mean the same word;
- letters and digits drawn in another style (full-width, mathematical bold, circled,
  superscript) become plain ones (their Unicode NFKC form), and invisible format characters
  are dropped; other characters are left as they are ("…" is not "...");
- Cyrillic and Greek letters that look like Latin ones become Latin, but only inside a word
  that also has a Latin letter, so Russian or Greek text is left alone;
- four or more single letters split by the same one character ("f u c k", "f.u.c.k") join up;
- digits and symbols standing for letters (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, @ a, $ s) become the
  letters, but only in a word with at least two letters that switches between letters and the
  rest at least twice, or has a $ next to a letter: a number before or after a word
  ("covid19", "4th", "150p", "mp3", "$190billion") stays as it is.

The text is expected in lower case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

#: Letters of other scripts drawn like Latin lower-case ones (Unicode's confusables, the subset
#: that shows up in disguised words).
_CONFUSABLE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ո": "n",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u",
    "τ": "t", "χ": "x",
})
#: Format characters that draw nothing: zero-width space and joiners, word joiner, soft hyphen,
#: byte-order mark, Mongolian vowel separator, combining grapheme joiner.
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
#: Blocks of letters and digits drawn in another style (full-width, mathematical bold or script,
#: circled, superscript): each becomes the plain letter it is compatible with (NFKC).
_STYLED = re.compile("[\u1d2c-\u1dbf\u2070-\u209c\u2100-\u214f\u2160-\u217f\u2460-\u24ff"
                     "\uff10-\uff5a\U0001d400-\U0001d7ff\U0001f100-\U0001f189]")
#: Apostrophes and quotation marks set by phones and word processors ("you’re", “quoted”),
#: read as plain ones (the review queue marks evidence across APOSTROPHES too).
APOSTROPHES = "\u2019\u2018\u02bc\u201b\u2032\u00b4"
_TYPOGRAPHIC = tuple({**dict.fromkeys(APOSTROPHES, "'"),
                      **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"')}.items())
#: (``str.translate`` with a table looks each character of a text up in a dictionary: 6.6 µs for
#: a non-ASCII comment of the shared data, against well under one for a search and a few
#: replacements, and most such comments have no typographic mark at all)
_ANY_TYPOGRAPHIC = re.compile("[" + "".join(mark for mark, _ in _TYPOGRAPHIC) + "]")
_ANY_LOOKALIKE = "[" + "".join(chr(key) for key in _CONFUSABLE) + "]"
_LOOKALIKE = re.compile(_ANY_LOOKALIKE)
#: A word with a lookalike letter in it (started only where a word starts).
_LOOKALIKE_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]*{_ANY_LOOKALIKE}[^\W\d_]*")
_SPACED = re.compile(r"(?<!\w)[a-z]([ ._*~+\-])(?:[a-z]\1){2,}[a-z](?!\w)")
_DOLLAR = re.compile(r"[a-z]\$|\$[a-z]")
_LEET_PAIR = re.compile(r"[a-z][013457@$]|[013457@$][a-z]")
_LEET_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$")
_SWITCH = re.compile(r"[a-z](?=[^a-z])|[^a-z](?=[a-z])")
_LEET = str.maketrans("013457@$", "oieastas")


def _latin(match: re.Match[str]) -> str:
    word = match.group()
    return word.translate(_CONFUSABLE) if re.search("[a-z]", word) else word


def _plain_letter(match: re.Match[str]) -> str:
    letter = unicodedata.normalize("NFKC", match.group())
    return letter.lower() if len(letter) == 1 and letter.isascii() and letter.isalnum() \
        else match.group()


def _unicode(text: str) -> str:
    """Typographic quotes, styled letters and digits, invisible characters; lookalike letters in
    Latin words."""
    if _ANY_TYPOGRAPHIC.search(text):
        for mark, plain_mark in _TYPOGRAPHIC:
            if mark in text:
                text = text.replace(mark, plain_mark)
    text = _INVISIBLE.sub("", _STYLED.sub(_plain_letter, text))
    if _LOOKALIKE.search(text):
        text = _LOOKALIKE_WORD.sub(_latin, text)
    return text


def _join(match: re.Match[str]) -> str:
    letters = match.group()[::2]
    if match.group(1) == " " and letters[0] in "ai" and len(letters) >= 5:
        return letters[0] + " " + letters[1:]  # "a s t u p i d": the article stays a word
    return letters


def _spaced(text: str) -> str:
    return _SPACED.sub(_join, text)


def _leet(text: str) -> str:
    """Words (runs of letters, digits, @ and $) with a letter next to a digit or symbol,
    rewritten when they switch between letters and the rest at least twice ("k1ll", "1d10t";
    not "covid19", "4th" or "$190billion") or have a $ next to a letter ("$hit")."""
    pieces, done, seen = [], 0, 0  # each word is looked at once, however many pairs it has
    for pair in _LEET_PAIR.finditer(text):
        start, end = pair.span()
        if start < seen:
            continue
        while start > seen and text[start - 1] in _LEET_CHARS:
            start -= 1
        while end < len(text) and text[end] in _LEET_CHARS:
            end += 1
        seen = end
        word = text[start:end]
        outside = (start and (text[start - 1].isalnum() or text[start - 1] == "_")) or (
            end < len(text) and (text[end].isalnum() or text[end] == "_"))
        if (outside or word[0] == "@"  # "@user": a mention
                or sum(c.isalpha() for c in word) < 2
                or (len(_SWITCH.findall(word)) < 2 and not _DOLLAR.search(word))):
            continue
        pieces += [text[done:start], word.translate(_LEET)]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def plain(text: str) -> str:
    """``text`` (lower case) with its disguised words written plainly."""
    if not text.isascii():
        text = _unicode(text)
    return _leet(_spaced(text))


def _table(characters: str) -> np.ndarray:
    table = np.zeros(128, dtype=bool)
    table[[ord(c) for c in characters]] = True
    return table


_IS_LETTER, _IS_DOLLAR, _IS_SEPARATOR, _IN_WORD = (
    _table("abcdefghijklmnopqrstuvwxyz"), _table("$"), _table(" ._*~+-"),
    _table("abcdefghijklmnopqrstuvwxyz0123456789@$"))


def plain_batch(texts: Sequence[str]) -> list[str]:
    """``[plain(t) for t in texts]``, faster: after the Unicode step (texts that are not ASCII),
    one numpy pass over the whole batch finds the texts where each other step could change
    something, and only those go through it: single letters split by one character; words that
    switch between letters and the rest twice ("k1ll", not "covid19") or have a $ next to a
    letter."""
    out = [_unicode(text) if not text.isascii() else text for text in texts]
    codes = np.frombuffer("\x00".join(out).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) < 2:
        return out
    ascii_codes = np.where(codes < 128, codes, 0)
    letter, dollar, separator, in_word = (
        table[ascii_codes] for table in (_IS_LETTER, _IS_DOLLAR, _IS_SEPARATOR, _IN_WORD))
    ends = np.cumsum([len(t) + 1 for t in out])

    def docs(positions: np.ndarray) -> set[int]:
        return set(np.unique(np.searchsorted(ends, positions, side="right")).tolist())

    spaced: set[int] = set()
    if len(codes) >= 7:
        spaced = docs(np.flatnonzero(
            letter[:-6] & separator[1:-5] & letter[2:-4] & (codes[3:-3] == codes[1:-5])
            & letter[4:-2] & (codes[5:-1] == codes[1:-5]) & letter[6:]))
    word = np.cumsum(in_word & ~np.r_[False, in_word[:-1]])  # word number at each position
    switch = np.flatnonzero(in_word[:-1] & in_word[1:] & (letter[:-1] != letter[1:]))
    twice = np.flatnonzero(np.bincount(word[switch], minlength=word[-1] + 1) >= 2)
    leetish = docs(np.concatenate([
        switch[np.isin(word[switch], twice)],
        np.flatnonzero((letter[:-1] & dollar[1:]) | (dollar[:-1] & letter[1:]))]))
    for doc in spaced:
        out[doc] = _spaced(out[doc])
    for doc in leetish:
        out[doc] = _leet(out[doc])
    return out
