"""The shipped conduct model: load the skops artifact, score texts, explain scores.

The artifact (models/conduct.skops) holds a scikit-learn ``Pipeline`` of
:class:`~moderator.classify.features.HashedTextFeatures` and :class:`LinearHeads` (one logistic
regression per learned rule, Platt-calibrated, stored as one weight matrix so every rule is
scored by one pass), the sexual-content word list, the threat phrases, the listed swear words and
slurs, and the training metadata.
It is loaded with skops and an explicit list of trusted types: nothing in it is unpickled.

Scoring a batch is one sparse (words x features) by dense (features x rules) product, which
gives each word's share of every rule's score; a text's score is the sum of its words' shares.
Explanations rank those shares, only where a rule reaches its review threshold (see
:meth:`ConductModel.explain_at`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import skops.io as sio
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.pipeline import Pipeline

from moderator.classify import RuleScore, Scores, literals
from moderator.classify.features import (
    MAX_CHARS,
    READABLE,
    HashedTextFeatures,
    Occurrences,
    bigram,
    occurrences,
)
from moderator.classify.lexicon import (
    KILL_A_MEASURE,
    LISTED_SCORE,
    SEXUAL_PHRASE_SCORE,
    SPAM_PHRASE_SCORE,
    THREAT_SCORE,
)
from moderator.errors import ConfigError
from moderator.paths import shipped

SHIPPED = "models/conduct.skops"
#: The highest score a learned rule gives (see ``LinearHeads.calibrate``).
MAX_PROBABILITY = 1.0 - 1e-6
FORMAT = 1
#: Types the artifact may contain besides skops' defaults (numpy arrays, dicts, lists...).
TRUSTED = [
    "moderator.classify.features.HashedTextFeatures",
    "moderator.classify.model.LinearHeads",
    "sklearn.pipeline.Pipeline",
]
#: Scores at or above which a rule's evidence words are worked out, unless the scorer sets
#: :attr:`ConductModel.explain_from` to the rules' review thresholds.
EXPLAIN_FROM = 0.15
#: Words never shown as evidence: they carry weight in the model but explain nothing to a person.
STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i if in into is it its "
    "me my of on or our she so that the their them there they this to was we were what when "
    "which who will with would you your".split())
BATCH = 2048
#: How far from its trigger word a phrase may reach, in characters.
PHRASE_REACH = 200
#: The rules raised by published phrases: (rule, the artifact's meta key, the score a match gives).
PHRASE_RULES = (("threat", "threat_phrases", THREAT_SCORE),
                ("spam", "spam_phrases", SPAM_PHRASE_SCORE),
                ("hate", "hate_phrases", LISTED_SCORE))
_KILL_A_MEASURE = re.compile(KILL_A_MEASURE, re.IGNORECASE)
#: An apostrophe at a word's edge, where it is a quotation mark ("'fuck tha police'"); inside a
#: word ("don't", "y'all") it is part of the word.
_EDGE_QUOTE = re.compile(r"'(?:(?<![^\W_]')|(?![^\W_]))")  # the literal first: a fast scan
#: A long comment is read in pieces of MAX_CHARS characters that overlap by this much; the model
#: reads at most MAX_PIECES of them (64,000 characters: more than any platform allows).
PIECE_OVERLAP = 400
MAX_PIECES = 16


def as_read(text: str) -> str:
    """The text as the model reads it: "kill" said of a measure read as "defeat"
    (lexicon.KILL_A_MEASURE), since the model reads "kill" as violence whatever follows it.
    Scores and explanations both come from this reading."""
    if not isinstance(text, str) or "kill" not in literals.fold(text):  # as re.IGNORECASE reads
        return text
    return _KILL_A_MEASURE.sub("defeat", text)


def _with_its_digits(text: str) -> str:
    """``text`` lower-cased with styled letters and digits made plain and invisible characters
    dropped (``unicodedata`` NFKC, then format characters): "F４M" and "F\u00ad4\u00adM" are
    "f4m" as written."""
    plain = unicodedata.normalize("NFKC", text)
    return "".join(c for c in plain if unicodedata.category(c) != "Cf").lower() \
        if not plain.isascii() else plain.lower()


def _pieces(text: str) -> list[str]:
    """``text`` in pieces the model reads whole: MAX_CHARS characters, overlapping by
    PIECE_OVERLAP so a phrase cut by one piece is whole in the next, at most MAX_PIECES."""
    if not isinstance(text, str) or len(text) <= MAX_CHARS:
        return [text]
    step = MAX_CHARS - PIECE_OVERLAP
    starts = range(0, len(text) - PIECE_OVERLAP, step)
    return [text[start:start + MAX_CHARS] for start in starts[:MAX_PIECES]]


class HashSet:
    """A small set of 64-bit word hashes, tested against a whole batch's hashes at once.

    ``np.isin`` would sort the batch's hashes three times; a binary search per value is better,
    and better still is to rule almost every value out first by its low 16 bits in a 65,536-entry
    table (one lookup each) and search only for the few left.
    """

    _LOW = np.uint64(0xFFFF)

    def __init__(self, hashes: np.ndarray) -> None:
        self.sorted = np.sort(np.asarray(hashes, dtype=np.uint64))
        self._table = np.zeros(1 << 16, dtype=bool)
        self._table[(self.sorted & self._LOW).astype(np.intp)] = True

    def contains(self, values: np.ndarray) -> np.ndarray:
        """A boolean per value: is it in the set."""
        out = np.zeros(len(values), dtype=bool)
        maybe = np.flatnonzero(self._table[(values & self._LOW).astype(np.intp)])
        if len(maybe):
            candidates = values[maybe]
            at = np.searchsorted(self.sorted, candidates)
            at[at == len(self.sorted)] = 0
            out[maybe] = self.sorted[at] == candidates
        return out


def _merged(stretches: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping stretches joined, so a text full of one trigger word is searched once, not
    once per word (a code review: "pass X " repeated over 64,000 characters took 0.7 s)."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(stretches):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


@dataclass(frozen=True)
class Phrases:
    """One rule's published phrases, compiled, with the trigger words that call for each."""

    column: int
    score: float
    compiled: list[re.Pattern[str]]
    #: the trigger words' hashes, sorted; the phrases of ``words[k]`` are
    #: ``calls[starts[k]:starts[k + 1]]``
    words: np.ndarray
    starts: np.ndarray
    calls: np.ndarray
    everywhere: list[int]
    triggers: HashSet
    #: per phrase, the strings one of which every match holds (literals.screen), or None
    screens: list[literals.Screen | None]


class LinearHeads(ClassifierMixin, BaseEstimator):
    """Calibrated linear scores for several rules at once.

    ``coef_`` is (features x rules); a rule's probability is
    ``1 / (1 + exp(a * (x @ coef + intercept) + b))`` (Platt scaling fitted on held-out
    predictions). It is assembled from per-rule models by :mod:`moderator.classify.training`.
    """

    def __init__(self, rules: tuple[str, ...] = ()) -> None:
        self.rules = rules

    def set_fitted(self, coef: np.ndarray, intercept: np.ndarray, a: np.ndarray,
                   b: np.ndarray) -> LinearHeads:
        self.coef_ = np.ascontiguousarray(coef, dtype=np.float32)
        self.intercept_ = np.asarray(intercept, dtype=np.float64)
        self.calibration_a_ = np.asarray(a, dtype=np.float64)
        self.calibration_b_ = np.asarray(b, dtype=np.float64)
        self.classes_ = np.arange(len(self.rules))
        return self

    def fit(self, X: Any, y: Any = None) -> LinearHeads:  # noqa: N803
        raise NotImplementedError("LinearHeads is assembled by moderator.classify.training")

    def calibrate(self, margin: np.ndarray) -> np.ndarray:
        """Platt-scaled probabilities, never quite 1: an act threshold of 1.0 means "never"."""
        probs = 1.0 / (1.0 + np.exp(self.calibration_a_ * margin + self.calibration_b_))
        return np.minimum(probs, MAX_PROBABILITY)

    def predict_proba(self, X: Any) -> np.ndarray:  # noqa: N803
        """Probability per rule (columns in ``rules`` order) for a feature matrix."""
        return self.calibrate(np.asarray(X @ self.coef_, dtype=np.float64) + self.intercept_)


class ConductModel:
    """The loaded artifact; see the module docstring. Implements the ``Model`` protocol."""

    kind = "linear"

    def __init__(self, pipeline: Pipeline, lexicon: dict[str, float], meta: dict[str, Any],
                 sha256: str = "") -> None:
        self.pipeline = pipeline
        self.features: HashedTextFeatures = pipeline.named_steps["features"]
        self.heads: LinearHeads = pipeline.named_steps["heads"]
        self.rules = tuple(self.heads.rules)
        self.meta = meta
        self.sha256 = sha256
        self.version = f"conduct-{meta.get('release', 'dev')}-{sha256[:8] or 'unsaved'}"
        self.lexicon = dict(lexicon)
        self.explain_from = np.full(len(self.rules), EXPLAIN_FROM)
        self._lexicon_hashes, self._lexicon_weights, self._lexicon_terms = self._hash_lexicon()
        self._lexicon_set = HashSet(self._lexicon_hashes)
        self._digit_terms = frozenset(t for t in self._lexicon_terms if any(map(str.isdigit, t)))
        self._phrases = [self._compile_phrases(rule, score, meta.get(key, ()))
                         for rule, key, score in PHRASE_RULES if rule in self.rules]
        # sexual is scored from the word list, not a learned column: its phrases raise that score
        self._sexual_phrases = self._compile_phrases("sexual", SEXUAL_PHRASE_SCORE,
                                                     meta.get("sexual_phrases", ()))
        self._listed_hashes, self._listed_columns = self._hash_listed(
            meta.get("listed_words", {}))
        self._listed_set = HashSet(self._listed_hashes)
        stop = self.features.occurrences([" ".join(sorted(STOPWORDS))])
        self._stop_words = HashSet(stop.raw[stop.select(["word"])])

    def _hash_lexicon(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Each term's raw word or word-pair hash, computed with the feature code itself."""
        hashes, weights, terms = [], [], []
        for term, weight in sorted(self.lexicon.items()):
            found = self.features.occurrences([term])
            words = found.raw[found.select(["word"])]
            if len(words) == 1:
                hashes.append(words[0])
            elif len(words) == 2:
                hashes.append(bigram(words[:1], words[1:])[0])
            else:
                raise ConfigError(f"sexual-content term {term!r} must be one or two words")
            weights.append(weight)
            terms.append(term)
        order = np.argsort(np.array(hashes, dtype=np.uint64))
        return (np.array(hashes, dtype=np.uint64)[order], np.array(weights)[order],
                [terms[i] for i in order])

    def _hash_listed(self, listed: dict[str, list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Each listed word's raw word hash, sorted, and the column of the rule it raises
        (artifacts before release 2026.11.7 list none)."""
        pairs = []
        for rule, words in listed.items():
            if rule not in self.rules:
                continue
            for word in words:
                found = self.features.occurrences([word])
                raw = found.raw[found.select(["word"])].tolist()
                if len(raw) != 1:
                    raise ConfigError(f"listed {rule} word {word!r} must be one word")
                pairs.append((raw[0], self.rules.index(rule)))
        pairs.sort()
        return (np.array([h for h, _ in pairs], dtype=np.uint64),
                np.array([c for _, c in pairs], dtype=np.int64))

    # scoring -----------------------------------------------------------------------------------

    def linear(self, found: Occurrences, value: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """(texts x learned rules) calibrated probabilities, and (words x learned rules) each
        word token's share of the unnormalised linear score: its own features plus every
        character n-gram that ends in it or after it (before the next word).

        One sparse (words x features) by dense (features x rules) product gives both: a text's
        margin is the sum of its tokens' shares, plus n-grams before its first word, divided by
        its norm. Explanations then need no second look-up of the weights, which would cost as
        much as the first: the weight table is far larger than the processor's caches."""
        margin, shares, _ = self._margins(found, value)
        return self.heads.calibrate(margin + self.heads.intercept_), shares

    def _margins(self, found: Occurrences, value: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(texts x learned rules) linear scores before the intercept and calibration, (words x
        learned rules) each word's share before normalisation, and each text's norm (see
        :meth:`linear`)."""
        if value is None:
            value = self.features.values(found)
        texts = len(found.texts)
        norm = np.sqrt(np.bincount(found.doc, weights=value * value, minlength=texts))
        norm[norm == 0] = 1.0
        words = found.blocks.get("word", slice(0, 0))
        tokens = words.stop - words.start
        # rows before a text's first word are that text's own: keys after the last token
        key = np.where(found.token >= 0, found.token, tokens + found.doc)
        shape = (tokens + texts, self.heads.coef_.shape[0])
        shares = np.asarray(sp.coo_matrix((value, (key, found.feature)), shape=shape)
                            @ self.heads.coef_)
        owner = np.concatenate((found.doc[words], np.arange(texts, dtype=np.int32)))
        margin = np.column_stack([np.bincount(owner, weights=shares[:, column], minlength=texts)
                                  for column in range(shares.shape[1])])
        return margin / norm[:, None], shares[:tokens], norm

    def without_words(self, texts: Sequence[str], rule: str, words: frozenset[str]
                      ) -> list[float]:
        """``rule``'s probability for each text with the shares of ``words`` (lower case) taken
        out of its linear score: what the rest of the text says, in the same context. Each
        text is read whole, as the model reads one of at most MAX_CHARS characters."""
        column = self.rules.index(rule)
        found = self.features.occurrences([as_read(text) for text in texts])
        margin, shares, norm = self._margins(found)
        block = found.blocks.get("word")
        if block is not None:
            doc = found.doc[block]
            said = [found.texts[d][low:high].lower() in words for d, low, high in zip(
                doc.tolist(), found.start[block].tolist(), found.end[block].tolist(), strict=True)]
            drop = np.flatnonzero(said)
            margin[:, column] -= np.bincount(doc[drop], weights=shares[drop, column],
                                             minlength=len(texts)) / norm
        return self.heads.calibrate(margin + self.heads.intercept_)[:, column].tolist()

    def lexicon_scores(self, found: Occurrences, written: Sequence[str] | None = None
                       ) -> tuple[np.ndarray, dict[int, list[str]]]:
        """The sexual word list's score of each text, and the terms found. A term written with
        a digit ("f4m", "m4m") counts only where the text, as ``written``, holds it: the model
        reads "f4m" as "fam" (digits inside a word are read as the letters they disguise), and
        "thanks fam" and "Thanks mam" went to review as sexual (a blind probe of registers).
        Styled digits and invisible characters are read away first ("F４M", "F\u200b4M")."""
        rows = found.select(["word", "bigram"])
        n = len(found.texts)
        scores = np.zeros(n)
        evidence: dict[int, list[str]] = {}
        if not len(self._lexicon_hashes) or not len(rows):
            return scores, evidence
        raw = found.raw[rows]
        hit = self._lexicon_set.contains(raw)
        for row in rows[hit]:
            index = int(np.searchsorted(self._lexicon_hashes, found.raw[row]))
            doc = int(found.doc[row])
            term = self._lexicon_terms[index]
            if written is not None and term in self._digit_terms and \
                    term not in _with_its_digits(written[doc]):
                continue
            if term not in evidence.setdefault(doc, []):
                evidence[doc].append(term)
                scores[doc] = 1 - (1 - scores[doc]) * (1 - self._lexicon_weights[index])
        return scores, evidence

    def explain_at(self, thresholds: dict[str, float]) -> None:
        """Work out evidence only where a rule reaches ``thresholds`` (its review threshold):
        explanations are for what a moderator will see, and they cost time."""
        self.explain_from = np.array([thresholds.get(rule, EXPLAIN_FROM) for rule in self.rules])

    def score_texts(self, texts: Sequence[str]) -> list[Scores]:
        """One RuleScore per learned rule and for ``sexual``, with evidence words. A comment
        longer than the model reads at once is scored in overlapping pieces, and each rule
        keeps its highest piece: 4,000 characters of filler must not hide a threat after them."""
        pieces: list[str] = []
        owner: list[int] = []
        for index, text in enumerate(texts):
            for piece in _pieces(as_read(text)):
                pieces.append(piece)
                owner.append(index)
        results: list[Scores] = []
        for begin in range(0, len(pieces), BATCH):
            results += self._score_batch(pieces[begin:begin + BATCH])
        if len(pieces) == len(texts):
            return results
        merged: list[Scores] = [{} for _ in texts]
        for index, scores in zip(owner, results, strict=True):
            best = merged[index]
            for rule, score in scores.items():
                if rule not in best or score.score > best[rule].score:
                    best[rule] = score
        return merged

    def _score_batch(self, texts: Sequence[str]) -> list[Scores]:
        found = self.features.occurrences(texts)
        probs, shares = self.linear(found)
        # a text's words rank the same whatever its norm: evidence needs no normalisation
        evidence = self._evidence(found, probs >= self.explain_from, shares)
        sexual, sexual_words = self.lexicon_scores(found, texts)
        folded: dict[int, str] = {}
        for phrases in self._phrases:
            self._raise_by_phrases(phrases, found, probs, evidence, folded)
        if self._sexual_phrases.compiled:
            said: dict[tuple[int, int], tuple[str, ...]] = {}
            self._raise_by_phrases(self._sexual_phrases, found, sexual[:, None], said, folded)
            for (doc, _), words in said.items():
                sexual_words.setdefault(doc, []).extend(words)
        self._listed_words(found, probs, evidence)
        rules = self.rules
        results: list[Scores] = []
        for row, lexical in zip(probs.tolist(), sexual.tolist(), strict=True):
            scores: Scores = dict(zip(rules, map(RuleScore, row), strict=True))
            scores["sexual"] = RuleScore(lexical)
            results.append(scores)
        # few texts have evidence: add it to those afterwards
        for (doc, column), words in evidence.items():
            results[doc][rules[column]] = RuleScore(results[doc][rules[column]].score, words)
        for doc, terms in sexual_words.items():
            results[doc]["sexual"] = RuleScore(results[doc]["sexual"].score, tuple(terms))
        return results

    def _compile_phrases(self, rule: str, score: float, phrases: Sequence[Sequence[str]]
                         ) -> Phrases:
        """Each (trigger words, expression) phrase compiled, which phrases each trigger word's
        hash calls for, and the phrases without trigger words: a bare expression (artifacts
        before release 2026.11.1-193e45d3) is searched in every text."""
        compiled: list[re.Pattern[str]] = []
        by_word: dict[int, list[int]] = {}
        everywhere: list[int] = []
        for index, phrase in enumerate(phrases):
            triggers, expression = ("", phrase) if isinstance(phrase, str) else phrase
            compiled.append(re.compile(expression))
            found = self.features.occurrences([triggers])
            words = np.unique(found.raw[found.select(["word"])]).tolist()
            for raw in words:
                by_word.setdefault(raw, []).append(index)
            if not words:
                everywhere.append(index)
        keys = sorted(by_word)
        starts = np.cumsum([0] + [len(by_word[k]) for k in keys])
        calls = np.array([i for k in keys for i in by_word[k]], dtype=np.int64)
        column = self.rules.index(rule) if rule in self.rules else 0
        return Phrases(column, score, compiled, np.array(keys, dtype=np.uint64), starts, calls,
                       everywhere, HashSet(np.array(keys, dtype=np.uint64)),
                       [literals.screen(pattern) for pattern in compiled])

    def _raise_by_phrases(self, phrases: Phrases, found: Occurrences, probs: np.ndarray,
                          evidence: dict[tuple[int, int], tuple[str, ...]],
                          folded: dict[int, str]) -> None:
        """Raise a rule to its phrase score where one of its published phrases matches the
        text as the model reads it. A phrase is searched only in texts that contain one of its
        trigger words and, in a long text, only near each such word: a phrase always contains
        one, and scanning a 4,000-character comment 40 times would cost more than the model.
        Nor is it searched in a text without one of the strings every match of it holds
        (literals.screen): a search costs up to 40 µs, a test for a few strings about 1."""
        words = found.blocks.get("word")
        if not phrases.compiled or words is None:
            return
        column, score = phrases.column, phrases.score
        raw, docs = found.raw[words], found.doc[words]
        hit = np.flatnonzero(phrases.triggers.contains(raw) & (probs[docs, column] < score))
        # one (word, phrase) pair for each phrase each trigger word calls for
        key = np.searchsorted(phrases.words, raw[hit])
        first, count = phrases.starts[key], phrases.starts[key + 1] - phrases.starts[key]
        row = np.repeat(hit, count)
        index = phrases.calls[np.repeat(first - (np.cumsum(count) - count), count)
                              + np.arange(len(row))]
        doc = docs[row].astype(np.int64)
        if phrases.everywhere:
            below = np.flatnonzero(probs[:, column] < score)
            doc = np.concatenate((doc, np.repeat(below, len(phrases.everywhere))))
            index = np.concatenate((index, np.tile(phrases.everywhere, len(below))))
            row = np.concatenate((row, np.full(len(below) * len(phrases.everywhere), -1)))
        if not len(doc):
            return
        size = np.fromiter(map(len, found.texts), dtype=np.int64, count=len(found.texts))
        count_phrases = len(phrases.compiled)
        pair = doc * count_phrases + index
        # a long text is searched only near each trigger word: (pair) -> stretches
        near: dict[int, set[tuple[int, int]]] = {}
        far = size[doc] > 2 * PHRASE_REACH
        if far.any():
            rows = row[far]
            at = np.where(rows >= 0, rows, 0) + words.start
            low = np.where(rows >= 0, np.maximum(0, found.start[at] - PHRASE_REACH), 0)
            high = np.where(rows >= 0, np.minimum(size[doc[far]], found.end[at] + PHRASE_REACH),
                            size[doc[far]])
            for key_, start, end in zip(pair[far].tolist(), low.tolist(), high.tolist(),
                                        strict=True):
                near.setdefault(key_, set()).add((start, end))
        matched = -1
        # by text, then phrase: a text's first matching phrase is the one cited
        for key_ in np.unique(pair).tolist():
            number, phrase = divmod(key_, count_phrases)
            if number == matched:
                continue
            # the published phrases are lower case, and matching them against a lower-cased
            # text is two to three times faster than re.IGNORECASE (a few characters, such as
            # an unescaped "&Aacute;", are still upper case in the text as the model reads it)
            text = folded.get(number)
            if text is None:  # the same length as the text
                text = folded[number] = literals.fold(found.texts[number])
            screen = phrases.screens[phrase]
            if screen is not None and not screen.admits(text):
                continue
            pattern = phrases.compiled[phrase]
            if key_ in near:
                match = None
                for start, end in _merged(near[key_]):
                    if match := pattern.search(text, start, end):
                        break
            else:
                match = pattern.search(text)
            if match:
                matched = number
                probs[number, column] = score
                # a phrase that reads the word before it cites only what it names
                evidence[(number, column)] = (match.group("said") if "said" in
                                              match.re.groupindex else match.group(),)

    def _listed_words(self, found: Occurrences, probs: np.ndarray,
                      evidence: dict[tuple[int, int], tuple[str, ...]]) -> None:
        """Raise a rule to LISTED_SCORE where the text, as the model reads it, has one of its
        listed words (lexicon.LISTED), with those words as the evidence. A word keeps an
        apostrophe written as a quotation mark at its edge ("'fuck tha police'" reads "'fuck",
        a word the model never learned, 0.096): texts with one are read again without it."""
        if not len(self._listed_hashes) or "word" not in found.blocks:
            return
        raised = self._listed_in(found, np.arange(len(found.texts)), probs)
        quoted = [doc for doc, text in enumerate(found.texts)
                  if "'" in text and _EDGE_QUOTE.search(text)]
        if quoted:
            again = occurrences([_EDGE_QUOTE.sub(" ", found.texts[doc]) for doc in quoted],
                                bits=self.features.bits, char_ngrams=(1, 0), word_ngrams=1)
            for key, words in self._listed_in(again, np.array(quoted), probs).items():
                chosen = raised.setdefault(key, [])
                chosen += [word for word in words if word not in chosen]
        for (doc, column), chosen in raised.items():
            probs[doc, column] = LISTED_SCORE
            evidence[(doc, column)] = tuple(chosen[:5])

    def _listed_in(self, found: Occurrences, docs: np.ndarray, probs: np.ndarray
                   ) -> dict[tuple[int, int], list[str]]:
        """(text, rule) -> the listed words of ``found``'s texts (``docs[i]`` is text i's row
        in ``probs``) below LISTED_SCORE."""
        words = found.blocks.get("word")
        if words is None:
            return {}
        raw = found.raw[words]
        rows = np.flatnonzero(self._listed_set.contains(raw))
        if not len(rows):
            return {}
        columns = self._listed_columns[np.searchsorted(self._listed_hashes, raw[rows])]
        local = found.doc[words][rows]
        low = probs[docs[local], columns] < LISTED_SCORE
        raised: dict[tuple[int, int], list[str]] = {}
        for doc, column, row in zip(local[low].tolist(), columns[low].tolist(),
                                    rows[low].tolist(), strict=True):
            index = words.start + row
            word = found.texts[doc][found.start[index]:found.end[index]]
            chosen = raised.setdefault((int(docs[doc]), column), [])
            if word not in chosen:
                chosen.append(word)
        return raised

    # explanations ------------------------------------------------------------------------------

    def _evidence(self, found: Occurrences, flagged: np.ndarray, shares: np.ndarray,
                  limit: int = 5) -> dict[tuple[int, int], tuple[str, ...]]:
        """Per flagged (text, rule): up to ``limit`` words with the largest positive
        contributions (``shares``, from :meth:`linear`), each at least a quarter of the
        largest; stop words are never shown."""
        words = found.blocks.get("word")
        if words is None or not flagged.any():
            return {}
        token_doc, start, end = found.doc[words], found.start[words], found.end[words]
        shown = ~self._stop_words.contains(found.raw[words])
        found_words: dict[tuple[int, int], list[str]] = {}
        for column in np.flatnonzero(flagged.any(axis=0)).tolist():
            values = shares[:, column]
            tokens = np.flatnonzero(flagged[token_doc, column])
            if not len(tokens):
                continue
            # by text, then largest contribution first: one sort for the whole batch
            tokens = tokens[np.lexsort((-values[tokens], token_doc[tokens]))]
            docs, value = token_doc[tokens], values[tokens]
            first = np.r_[True, docs[1:] != docs[:-1]]
            group = np.cumsum(first) - 1
            best = value[first][group]
            kept = np.flatnonzero((value > 0) & (value >= best * 0.25) & shown[tokens])
            rank = np.arange(len(kept)) - np.searchsorted(group[kept], group[kept])
            kept = kept[rank < limit]
            for doc, index in zip(docs[kept].tolist(), tokens[kept].tolist(), strict=True):
                chosen = found_words.setdefault((doc, column), [])
                word = found.texts[doc][start[index]:end[index]]
                word = READABLE.get(word, word)
                if word not in chosen:
                    chosen.append(word)
        return {key: tuple(value) for key, value in found_words.items()}

    def explain(self, text: str) -> dict[str, list[tuple[str, float]]]:
        """Every learned rule's word contributions for one text, largest first (for
        `moderator explain`), as the model reads it (``as_read``)."""
        found = self.features.occurrences([as_read(text)])
        words = found.blocks.get("word")
        if words is None:
            return {rule: [] for rule in self.rules}
        value = self.features.values(found)
        _, shares = self.linear(found, value)
        shares = shares / (float(np.sqrt(np.sum(value.astype(np.float64) ** 2))) or 1.0)
        spans = list(zip(found.start[words].tolist(), found.end[words].tolist(), strict=True))
        out = {}
        for column, rule in enumerate(self.rules):
            totals: dict[str, float] = {}
            for (low, high), share in zip(spans, shares[:, column].tolist(), strict=True):
                word = found.texts[0][low:high]
                totals[word] = totals.get(word, 0.0) + share
            out[rule] = sorted(totals.items(), key=lambda item: -item[1])
        return out


# saving and loading ----------------------------------------------------------------------------

def save(model: ConductModel, path: Path) -> str:
    """Write the artifact; returns its sha256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "pipeline": model.pipeline, "lexicon": model.lexicon,
               "meta": model.meta}
    sio.dump(payload, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _well_formed(payload: Any) -> bool:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return False
    pipeline = payload.get("pipeline")
    if not isinstance(pipeline, Pipeline) or [n for n, _ in pipeline.steps] != ["features",
                                                                               "heads"]:
        return False
    features, heads = pipeline.named_steps["features"], pipeline.named_steps["heads"]
    return (isinstance(features, HashedTextFeatures) and isinstance(heads, LinearHeads)
            and hasattr(features, "idf_") and hasattr(heads, "coef_")
            and heads.coef_.shape == (1 << features.bits, len(heads.rules))
            and isinstance(payload.get("lexicon"), dict) and isinstance(payload.get("meta"), dict))


def load(path: str | Path | None = None) -> ConductModel:
    """Load an artifact (the shipped one when ``path`` is empty); ConfigError when it is missing,
    corrupt, of another format, or holds any type not in :data:`TRUSTED`."""
    target = Path(path) if path else shipped(SHIPPED)
    fix = "set model = \"\" in moderator.toml to use the shipped model, or retrain it " \
          "with `moderator train`"
    try:
        data = target.read_bytes()
    except OSError as error:
        raise ConfigError(f"{target}: model: cannot read the artifact ({error.strerror}); "
                          f"{fix}") from None
    try:
        untrusted = [t for t in sio.get_untrusted_types(data=data) if t not in TRUSTED]
        if untrusted:
            raise ConfigError(f"{target}: model: the artifact contains types that are not "
                              f"trusted ({', '.join(untrusted[:3])}); {fix}")
        with warnings.catch_warnings():
            # the model's arithmetic is its own numpy arrays; a newer scikit-learn reading the
            # Pipeline wrapper is harmless, so its version warning is not shown to operators
            warnings.simplefilter("ignore", InconsistentVersionWarning)
            payload = sio.loads(data, trusted=TRUSTED)
    except ConfigError:
        raise
    except Exception as error:  # skops raises many kinds for a damaged zip or schema
        raise ConfigError(f"{target}: model: not a readable skops artifact "
                          f"({type(error).__name__}); {fix}") from None
    if not _well_formed(payload):
        raise ConfigError(f"{target}: model: not a moderator conduct model of format {FORMAT}; "
                          f"{fix}")
    return ConductModel(payload["pipeline"], payload["lexicon"], payload["meta"],
                        hashlib.sha256(data).hexdigest())
