"""Text features for the conduct model: hashed character n-grams and word uni/bigrams.

Why not scikit-learn's vectorisers: their analyzers run a Python loop per character n-gram, which
caps scoring near 10,000 comments per second before the model does anything. Here every text of a
batch is laid end to end in one numpy array of code points and all n-grams are hashed at once,
so featurising costs a few microseconds per comment. :class:`HashedTextFeatures` is a
scikit-learn transformer (it fits only the inverse document frequencies), so the shipped model is
an ordinary ``Pipeline``.

A feature vector is ``sum over occurrences of idf[feature]``, divided by the square root of the
sum of ``idf**2`` over occurrences (an L2 norm that counts each occurrence once). Each occurrence
also knows which characters it covers, which is what explanations use.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from moderator.classify import obfuscation

#: Characters of a text the model reads at once (ConductModel.score_texts reads a longer comment
#: in overlapping pieces; the exact detectors read the whole text).
MAX_CHARS = 4000
_TLDS = ("com", "net", "org", "ly", "co", "io", "biz", "info", "us", "uk", "me", "tv", "gl", "gov")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.(?:" + "|".join(_TLDS)
                  + r")\b(?:/\S*)?")
_LINK_HINT = re.compile(r"\.(?:" + "|".join(_TLDS) + r")(?![a-z0-9-])")
# not "b@d"; the look-behind comes after the "@" so the engine scans for that literal first
_MENTION = re.compile(r"@(?<!\w@)\w{1,50}")


def _link(match: re.Match[str]) -> str:
    """A link as the token ``httplink`` plus its domain's words (``bit ly``): distinct from
    the literal word "URL" that one data set put in place of every link."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", match.group()).split("/", 1)[0]
    return " httplink " + host.replace(".", " ") + " "


_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_LETTERS = _UPPER + bytes(range(ord("a"), ord("z") + 1))
_DIGITS = b"0123456789"
_DIGIT_RUN = re.compile(r"\d{5}")
_REPEAT = re.compile(r"(.)\1{3,}")
_BREAK = re.compile(r"<br\s*/?>")
#: "Shoot me an e-mail": the violent verb of the commonest figure of speech on a public page,
#: read as what it means ("send me an e-mail"), so that the threat rule does not learn or score
#: "shoot you" from it. Only when a message word follows a pronoun or a short named object
#: ("shoot the parks office a note"): "I'm going to shoot you" is read as written.
_SHOOT_MESSAGE = re.compile(
    r"\b(shoot|shoots|shooting|shot)( (?:me|you|u|him|her|them|us|y'?all|everyone|everybody|"
    r"(?:the|your|our|my|their|his|her|this|that) (?:(?!(?:then|and|or|so|if|when|but|before|"
    r"after|because)\b)[\w'-]+ ?){1,2}?) (?:a |an |the |some |over )?"
    r"(?:quick |short |brief )?(?:e-?mails?|texts?|notes?|messages?|line|dms?|pms?|links?|"
    r"reminders?|photos?|pictures?|pics?|invites?|invitations?|questions?|updates?)\b)")
_SENT = {"shoot": "send", "shoots": "sends", "shooting": "sending", "shot": "sent"}


#: Names of a plant and a lizard that hold a listed word ("the pussy willows are blooming",
#: "the horny toad is the state reptile"), read as their other names (catkin willow, horned
#: toad), so neither the profanity rule nor the sexual word list sees the word inside them (a
#: blind probe: both were hidden; run together as one word, the character n-grams still read
#: "pussy").
_COMPOUND_NAMES = re.compile(r"\bpussy( willows?)\b|\bhorny( toads?| lizards?)\b")


def _compound_name(match: re.Match[str]) -> str:
    return ("catkin" + match.group(1)) if match.group(1) else ("horned" + match.group(2))


def _figures_of_speech(match: re.Match[str]) -> str:
    return _SENT[match.group(1)] + match.group(2)


#: The tokens :func:`_link` and :func:`_markers` write, as a person reads them: evidence shown
#: to moderators uses these ("httplink, zzdigits" meant nothing in the review queue).
READABLE = {"httplink": "a link", "zzcaps": "written in capitals", "zzdigits": "a long number",
            "zzmoney": "an amount of money"}


def _markers(text: str) -> str:
    """Words standing for what lower-casing loses: shouting, long numbers, prices."""
    raw = text.encode("utf-8", "ignore")
    upper = len(raw) - len(raw.translate(None, _UPPER))
    # shouting is more than half of at least 12 letters: seven capitals at least
    found = " zzcaps" if upper >= 7 and (letters := len(raw) - len(
        raw.translate(None, _LETTERS))) >= 12 and upper * 2 > letters else ""
    # an ASCII text with fewer than five digits has no run of five (a quick count rules out most)
    if (not text.isascii() or len(raw) - len(raw.translate(None, _DIGITS)) >= 5) \
            and _DIGIT_RUN.search(text):
        found += " zzdigits"
    if "£" in text or "$" in text or "€" in text:
        found += " zzmoney"
    return found


def _prepare(text: str) -> str:
    """Every step of :func:`normalise` before runs are cut."""
    text = text[: MAX_CHARS * 2]
    text = text.lower() + _markers(text)
    if "&" in text:
        text = html.unescape(text)
    if "." in text and _LINK_HINT.search(text):
        text = _URL.sub(_link, text)
    if "@" in text:
        text = _MENTION.sub("@user", text)
    if "<br" in text:
        text = _BREAK.sub(" ", text)
    if "sho" in text:
        text = _SHOOT_MESSAGE.sub(_figures_of_speech, text)
    if "pussy w" in text or "horny " in text:
        text = _COMPOUND_NAMES.sub(_compound_name, text)
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text


#: A phrase of one to six words said three or more times in a row ("thank you! thank you! thank
#: you!", "lol lol lol lol", "@user @user @user"): each occurrence counts in a text's vector,
#: so twenty "thank you!"s scored like one "thank you!" with its weights times four and hid the
#: comment as spam. A run is read as the phrase said once.
_PHRASE_RUN = re.compile(r"(?<!\S)((?:\S+ ){1,6}?)\1{2,}")


def _finish(text: str) -> str:
    words = text.split()
    text = " ".join(words)
    # only a text whose words are mostly repeats can hold a run (a quick count rules out most)
    if len(words) >= 6 and len(set(words)) * 2 <= len(words):
        text = _PHRASE_RUN.sub(r"\1", text + " ").rstrip()
    return text[:MAX_CHARS]


def normalise(text: str) -> str:
    """The form the model reads: unescaped, lower case, links and @mentions as fixed tokens,
    "shoot me an e-mail" as "send me an e-mail", disguised words written plainly
    (:mod:`.obfuscation`), character runs cut to three, a phrase said three or more times in a
    row read once, plus marker words for shouting, long numbers and prices."""
    # "sooooo!!!!" reads "sooo!!!"
    return _finish(_REPEAT.sub(r"\1\1\1", obfuscation.plain(_prepare(text))))


def normalise_batch(texts: Sequence[str]) -> list[str]:
    """``[normalise(t) for t in texts]``, faster: one numpy pass finds the few texts with a
    run of four equal characters, and only those go through the regular expression."""
    prepared = obfuscation.plain_batch([_prepare(t if isinstance(t, str) else "") for t in texts])
    joined = "\x00".join(prepared)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) >= 4:
        runs = np.flatnonzero((codes[:-3] == codes[1:-2]) & (codes[1:-2] == codes[2:-1])
                              & (codes[2:-1] == codes[3:]))
        if len(runs):
            ends = np.cumsum([len(t) + 1 for t in prepared])
            for doc in np.unique(np.searchsorted(ends, runs, side="right")).tolist():
                prepared[doc] = _REPEAT.sub(r"\1\1\1", prepared[doc])
    return [_finish(t) for t in prepared]


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Per Basic-Multilingual-Plane code point: is it a word character, a symbol (emoji)."""
    chars = [chr(i) for i in range(65536)]
    word = np.fromiter((c.isalnum() for c in chars), dtype=bool, count=65536)
    word[[ord("'"), ord("\u2019"), ord("*")]] = True  # don't, f*ck: one token
    symbol = np.zeros(65536, dtype=bool)
    for start, end in ((0x2190, 0x2BFF), (0x2600, 0x27BF), (0x3200, 0x32FF)):
        symbol[start:end] = [unicodedata.category(chars[i]) == "So" for i in range(start, end)]
    return word, symbol


_WORD, _SYMBOL = _tables()


def _mix(values: np.ndarray, seed: int, bits: int) -> np.ndarray:
    """Fibonacci hashing of uint64 values into ``bits`` bits (wrapping arithmetic)."""
    mixed = (values ^ np.uint64(seed)) * np.uint64(0x9E3779B97F4A7C15)
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


@dataclass
class Occurrences:
    """Every feature occurrence of a batch: document, feature index, and character span.

    ``doc``, ``start``, ``end`` and ``token`` are 32-bit: widen them before arithmetic that can
    pass 2**31 (a document number times the feature count, say)."""

    texts: list[str]  # normalised
    doc: np.ndarray
    feature: np.ndarray
    start: np.ndarray  # offsets in the normalised text
    end: np.ndarray
    raw: np.ndarray  # the 64-bit hash before it was folded into a feature index
    blocks: dict[str, slice]  # "char2".."char5", "word", "bigram": rows of each kind, by doc
    token: np.ndarray  # the word (row of the "word" block) each occurrence belongs to, or -1

    def select(self, kinds: Sequence[str], doc: int | None = None) -> np.ndarray:
        """Row numbers of the given kinds (of one document, when ``doc`` is given)."""
        rows = []
        for kind in kinds:
            block = self.blocks.get(kind)
            if block is None:
                continue
            if doc is None:
                rows.append(np.arange(block.start, block.stop))
            else:
                docs = self.doc[block]
                low, high = np.searchsorted(docs, [doc, doc + 1])
                rows.append(np.arange(block.start + low, block.start + high))
        return np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)


def occurrences(texts: Sequence[str], *, bits: int, char_ngrams: tuple[int, int],
                word_ngrams: int) -> Occurrences:
    """All hashed n-gram occurrences of ``texts`` (already normalised)."""
    padded = [f" {t} " for t in texts]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=len(padded))
    offsets = np.concatenate(([0], np.cumsum(lengths + 1)))
    codes = np.frombuffer("\x00".join(padded).encode("utf-32-le", "surrogatepass"),
                          dtype=np.uint32)
    # 32-bit documents, offsets and tokens (a batch is far below 2**31 characters): they are
    # gathered and concatenated many times, and halving their bytes saves a quarter of the time
    doc_of = np.repeat(np.arange(len(padded), dtype=np.int32), lengths + 1)[: len(codes)]
    position = (np.arange(len(codes), dtype=np.int64) - offsets[doc_of]).astype(np.int32)
    parts: dict[str, tuple[Any, ...]] = {}
    wide = codes.astype(np.uint64)
    words, token_at, token_doc = _words(codes, wide, doc_of, position, word_ngrams)
    # the word each character is in or follows (-1 before a text's first word)
    if len(token_doc):
        token_at = np.where((token_at >= 0) & (token_doc[np.maximum(token_at, 0)] == doc_of),
                            token_at, -1)
    else:  # no text in the batch has a word ("!!!", "")
        token_at = np.full(len(codes), -1, dtype=np.int32)
    separator = codes == 0
    low, high = char_ngrams
    value, bad = wide, separator
    for n in range(1, high + 1):
        if len(codes) < n:
            break
        count = len(codes) - n + 1
        if n > 1:  # Horner's rule, one character longer than the (n-1)-grams
            value = value[:count] * np.uint64(0x100000001B3) + wide[n - 1:n - 1 + count]
            bad = bad[:count] | separator[n - 1:n - 1 + count]
        if n < low:
            continue
        at = np.flatnonzero(~bad)
        doc = doc_of[at]
        # an n-gram belongs to the word its last character is in (or follows)
        token = token_at[at + n - 1]
        start = position[at] - 1
        parts[f"char{n}"] = (doc, value[at], start, start + n, 1000 + n, token)
    parts.update(words)
    blocks, cursor = {}, 0
    for kind, part in parts.items():
        blocks[kind] = slice(cursor, cursor + len(part[0]))
        cursor += len(part[0])
    if not parts:
        empty = np.zeros(0, dtype=np.int32)
        return Occurrences(list(texts), empty, empty.astype(np.int64), empty, empty,
                           empty.astype(np.uint64), {}, empty)
    return Occurrences(
        list(texts), np.concatenate([p[0] for p in parts.values()]),
        np.concatenate([_mix(p[1], p[4], bits) for p in parts.values()]),
        np.concatenate([p[2] for p in parts.values()]),
        np.concatenate([p[3] for p in parts.values()]),
        np.concatenate([p[1] for p in parts.values()]), blocks,
        np.concatenate([p[5] for p in parts.values()]))


def _words(codes: np.ndarray, wide: np.ndarray, doc_of: np.ndarray, position: np.ndarray,
           word_ngrams: int) -> tuple[dict[str, tuple[Any, ...]], np.ndarray, np.ndarray]:
    """Word tokens (runs of letters/digits; each emoji alone) and their bigrams; also, for
    every character, the latest token begun at or before it, and each token's text."""
    bmp = codes < 65536
    clipped = np.where(bmp, codes, 0)
    is_word = _WORD[clipped] & bmp
    is_symbol = (_SYMBOL[clipped] & bmp) | ~bmp
    previous = np.concatenate(([False], is_word[:-1]))
    begins = (is_word & ~previous) | is_symbol
    in_token = is_word | is_symbol
    token_at = np.cumsum(begins, dtype=np.int32) - 1
    first = np.flatnonzero(begins)
    token_doc = doc_of[first]
    if not len(first):
        return {}, token_at, token_doc
    chars = np.flatnonzero(in_token)
    owner = token_at[chars]
    offset = chars - first[owner]
    powers = np.uint64(0x100000001B3) ** np.minimum(offset, 63).astype(np.uint64)
    # chars are in order, so each token's characters are one run: sum the runs
    token_hash = np.add.reduceat(wide[chars] * powers, np.searchsorted(chars, first))
    lengths = np.bincount(owner, minlength=len(first)).astype(np.int32)
    token_start = position[first] - 1
    token_end = token_start + lengths
    ids = np.arange(len(first), dtype=np.int32)
    found: dict[str, tuple[Any, ...]] = {
        "word": (token_doc, token_hash, token_start, token_end, 7, ids)}
    if word_ngrams >= 2 and len(first) > 1:
        same = token_doc[1:] == token_doc[:-1]
        found["bigram"] = (token_doc[:-1][same], bigram(token_hash[:-1], token_hash[1:])[same],
                           token_start[:-1][same], token_end[1:][same], 13, ids[:-1][same])
    return found, token_at, token_doc


def bigram(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The raw hash of a word pair from its two word hashes."""
    return left * np.uint64(0xC2B2AE3D27D4EB4F) + right


class HashedTextFeatures(TransformerMixin, BaseEstimator):
    """Hashed char n-grams plus word uni/bigrams, idf-weighted and L2-normalised per text."""

    def __init__(self, bits: int = 20, char_ngrams: tuple[int, int] = (2, 5),
                 word_ngrams: int = 2, min_df: int = 2, word_weight: float = 1.0) -> None:
        self.bits = bits
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.min_df = min_df
        self.word_weight = word_weight

    def occurrences(self, texts: Sequence[str]) -> Occurrences:
        normalised = normalise_batch(texts)
        low, high = self.char_ngrams
        return occurrences(normalised, bits=self.bits, char_ngrams=(low, high),
                           word_ngrams=self.word_ngrams)

    def fit(self, texts: Sequence[str], y: object = None) -> HashedTextFeatures:
        found = self.occurrences(texts)
        size = 1 << self.bits
        pairs = np.unique(found.doc.astype(np.int64) * size + found.feature)
        df = np.bincount(pairs % size, minlength=size)
        idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
        idf[df < self.min_df] = 0.0  # too rare to learn from: ignored at scoring too
        self.idf_ = idf.astype(np.float32)
        return self

    def values(self, found: Occurrences) -> np.ndarray:
        """idf of each occurrence, times ``word_weight`` for words and word pairs (so a few
        words are not drowned by a text's hundreds of character n-grams)."""
        value = self.idf_[found.feature]
        if self.word_weight != 1.0:
            for name in ("word", "bigram"):
                if name in found.blocks:
                    value[found.blocks[name]] *= self.word_weight
        return value

    def weights(self, found: Occurrences) -> np.ndarray:
        """Each occurrence's value in its text's normalised vector."""
        value = self.values(found)
        norm = np.sqrt(np.bincount(found.doc, weights=value * value,
                                   minlength=len(found.texts))).astype(np.float32)
        norm[norm == 0] = 1.0
        return value / norm[found.doc]

    def matrix(self, found: Occurrences) -> sp.csr_matrix:
        weight = self.weights(found)
        shape = (len(found.texts), 1 << self.bits)
        matrix = sp.csr_matrix((weight.astype(np.float32), (found.doc, found.feature)),
                               shape=shape)
        matrix.sum_duplicates()
        matrix.eliminate_zeros()
        return matrix

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self.matrix(self.occurrences(texts))
