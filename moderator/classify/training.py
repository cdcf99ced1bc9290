"""`moderator train`: fit the conduct model on shared/data, project text and moderators' labels.

Recipe (models/README.md shows its results): hold out a validation split (a seeded hash of each
row); fit :class:`HashedTextFeatures` on the training part; for each learned rule, a logistic
regression of the rows whose source labels that rule, on naive-Bayes-scaled features (NB-LR) for
every rule but spam (a plain regression generalises better to YouTube videos it has not seen),
Platt-calibrated on 3-fold out-of-fold predictions (``CalibratedClassifierCV(ensemble=False)``);
then measure on the validation split, next to a plain TF-IDF + logistic regression baseline
fitted on the same rows, and choose thresholds. Everything is seeded, so a retrain reproduces
the metrics.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from moderator import __version__
from moderator.classify import datasets, lexicon
from moderator.classify.datasets import LEARNED, Labelled
from moderator.classify.evaluate import at_threshold, baseline_scores, rule_metrics, thresholds
from moderator.classify.features import HashedTextFeatures
from moderator.classify.model import ConductModel, LinearHeads
from moderator.paths import shipped

logger = logging.getLogger(__name__)
SEED = 2026
VALIDATION = 0.2
RELEASE = "2026.12.14"
#: Inverse regularisation per rule, and the weight of word features against character n-grams
#: (chosen on the validation split; see models/README.md).
C = {"profanity": 4.0, "threat": 4.0, "harassment": 4.0, "hate": 1.0, "spam": 16.0}
#: Rules fitted on naive-Bayes-scaled features. Spam is not: with each YouTube video held out
#: of training in turn, the plain regression scores the held-out video better (bench/
#: spam_videos.py: mean F1 at review 0.937 against 0.928, best F1 0.950 against 0.939).
NB_SCALED = frozenset({"profanity", "threat", "harassment", "hate"})
WORD_WEIGHT = 2.0
CHAR_NGRAMS = (2, 5)
#: Weight of each source's rows: the project's own sentences and moderators' decisions count
#: more, so a few hundred lines can hold against tens of thousands of tweets. Civil comments
#: about public affairs count most: the public sets label "X is a liar" an offensive tweet, and
#: on a government page it is criticism of an official that must stay allowed.
SOURCE_WEIGHT = {"project:civic": 6.0, "project:identity": 4.0, "project:words": 4.0,
                 "project:short": 2.0, "archive": 4.0}
#: Weights for one rule only, on top of SOURCE_WEIGHT: for spam, the two sets that label it and
#: the project's spam lines count three times against the 30,000 texts that are negatives for
#: spam only by default.
RULE_SOURCE_WEIGHT = {"spam": {"sms-spam": 3.0, "youtube-spam": 3.0, "project:rule-spam": 3.0}}
Echo = Callable[[str], None]


@dataclass
class Split:
    train: Labelled
    validation: Labelled


def split(data: Labelled, seed: int = SEED) -> Split:
    """Each row's side is drawn from a hash of its source, text and ``seed``: the same data and
    seed give the same split, adding or removing rows never moves the others (so models trained
    on more text are compared on the same validation rows), and a text repeated in a source
    never sits on both sides."""
    threshold = int(VALIDATION * 2**64)
    train_rows: list[int] = []
    val_rows: list[int] = []
    for index, (text, source) in enumerate(zip(data.texts, data.sources, strict=True)):
        digest = hashlib.sha256(f"{seed}\x00{source}\x00{text}".encode("utf-8", "replace"))
        side = val_rows if int.from_bytes(digest.digest()[:8], "big") < threshold else train_rows
        side.append(index)

    def pick(rows: list[int]) -> Labelled:
        return Labelled([data.texts[i] for i in rows], [data.labels[i] for i in rows],
                        [data.sources[i] for i in rows])

    return Split(pick(train_rows), pick(val_rows))


def load_training_data(data_folder: Path | None, archive: Path | None = None,
                       written_folder: Path | None = None) -> Labelled:
    """shared/data sets, the project's written text, and an archive's moderator decisions."""
    data = Labelled()
    if data_folder is not None:
        data.extend(datasets.shared(data_folder))
    data.extend(datasets.written(written_folder or shipped("models/training")))
    if archive is not None:
        data.extend(datasets.archive_decisions(archive))
    return data


def weights_for(sources: list[str], rule: str | None = None) -> np.ndarray:
    """Each row's training weight for ``rule``: SOURCE_WEIGHT times RULE_SOURCE_WEIGHT."""
    extra = RULE_SOURCE_WEIGHT.get(rule or "", {})
    return np.array([SOURCE_WEIGHT.get(s, 1.0) * extra.get(s, 1.0) for s in sources])


def nb_ratios(matrix: Any, y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Naive-Bayes log-count ratios of each feature's presence in positives vs negatives
    (Wang & Manning 2012): scaling features by them before the regression is "NB-LR". Rows
    count with their weights, as in the regression: otherwise a word that one data set labels
    one way outweighs the project's sentences before the regression sees them."""
    present = (matrix > 0).astype(np.float64)
    positive = np.asarray(present.T @ (weights * (y == 1))).ravel() + 1.0
    negative = np.asarray(present.T @ (weights * (y == 0))).ravel() + 1.0
    return np.log((positive / positive.sum()) / (negative / negative.sum()))


def fit_rule(matrix: Any, y: np.ndarray, weights: np.ndarray, c: float, *, nb: bool = True
             ) -> tuple[np.ndarray, float, float, float]:
    """One rule's weights (NB ratios folded in when ``nb``), intercept and Platt parameters."""
    ratios: Any = 1.0
    if nb:
        ratios = nb_ratios(matrix, y, weights)
        matrix = matrix @ sp.diags(ratios)
    estimator = LogisticRegression(C=c, solver="liblinear", class_weight="balanced",
                                   max_iter=1000, random_state=SEED)
    folds = 3 if min(int(y.sum()), int((1 - y).sum())) >= 3 else 2
    calibrated = CalibratedClassifierCV(estimator, method="sigmoid", cv=folds, ensemble=False)
    calibrated.fit(matrix, y, sample_weight=weights)
    fitted = calibrated.calibrated_classifiers_[0]
    platt = fitted.calibrators[0]
    linear = fitted.estimator
    return (linear.coef_[0] * ratios, float(linear.intercept_[0]), float(platt.a_),
            float(platt.b_))


def fit(train: Labelled, echo: Echo = logger.info) -> ConductModel:
    """The model for ``train`` (every learned rule needs positives and negatives)."""
    features = HashedTextFeatures(char_ngrams=CHAR_NGRAMS, word_weight=WORD_WEIGHT).fit(
        train.texts)
    # liblinear's work grows with the number of columns: fit on the features that occur
    used = np.flatnonzero(features.idf_ > 0)
    matrix = features.transform(train.texts)[:, used]
    y_all = train.y
    coef = np.zeros((1 << features.bits, len(LEARNED)), dtype=np.float32)
    intercept, a, b = (np.zeros(len(LEARNED)) for _ in range(3))
    for column, rule in enumerate(LEARNED):
        known = y_all[:, column] >= 0
        y = y_all[known, column].astype(int)
        if y.min() == y.max():
            raise ValueError(f"{rule}: the training data has only one class")
        started = time.monotonic()
        weights = weights_for(train.sources, rule)[known]
        coef[used, column], intercept[column], a[column], b[column] = fit_rule(
            matrix[known], y, weights, C[rule], nb=rule in NB_SCALED)
        echo(f"  {rule}: {known.sum()} rows, {y.sum()} positive, "
             f"{time.monotonic() - started:.0f} s")
    heads = LinearHeads(LEARNED).set_fitted(coef, intercept, a, b)
    pipeline = Pipeline([("features", features), ("heads", heads)])
    meta: dict[str, Any] = {"release": RELEASE, "trained_with": __version__, "seed": SEED,
                            "rows": len(train), "sources": sorted(set(train.sources)),
                            "threat_phrases": [list(p) for p in lexicon.THREAT_PHRASES],
                            "spam_phrases": [list(p) for p in lexicon.SPAM_PHRASES],
                            "hate_phrases": [list(p) for p in lexicon.HATE_PHRASES],
                            "sexual_phrases": [list(p) for p in lexicon.SEXUAL_PHRASES],
                            "listed_words": lexicon.listed_words()}
    return ConductModel(pipeline, lexicon.terms(), meta)


def by_source(y: np.ndarray, p: np.ndarray, sources: np.ndarray, review: float,
              least: int = 20) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 at the review threshold within each source that has at least
    ``least`` validation positives: one figure over several sets hides how each one fares (the
    spam sets, say, against the offensive tweets that are negatives for spam)."""
    out = {}
    for source in sorted(set(sources.tolist())):
        mine = sources == source
        if int(y[mine].sum()) >= least:
            at = at_threshold(y[mine], p[mine], review)
            out[source] = {"rows": int(mine.sum()), "positives": int(y[mine].sum()),
                           **{k: at[k] for k in ("precision", "recall", "f1")}}
    return out


def validate(model: ConductModel, split_: Split, *, baseline: bool = True,
             echo: Echo = logger.info) -> dict[str, Any]:
    """Per-rule validation metrics, thresholds, and the baseline's metrics on the same rows."""
    val = split_.validation
    probs = np.array([[s[r].score for r in LEARNED] for s in model.score_texts(val.texts)])
    base = baseline_scores(split_.train, val) if baseline else None
    report: dict[str, Any] = {"validation_rows": len(val), "train_rows": len(split_.train),
                              "rules": {}}
    for column, rule in enumerate(LEARNED):
        known = val.y[:, column] >= 0
        y, p = val.y[known, column].astype(int), probs[known, column]
        chosen = thresholds(y, p)
        entry = rule_metrics(y, p, chosen)
        entry["thresholds"] = chosen
        entry["by_source"] = by_source(y, p, np.array(val.sources)[known], chosen["review"])
        if base is not None:
            entry["baseline"] = rule_metrics(y, base[known, column], None)
        report["rules"][rule] = entry
        echo(f"  {rule}: ROC-AUC {entry['roc_auc']} AP {entry['average_precision']}"
             + (f" (baseline {entry['baseline']['roc_auc']} / "
                f"{entry['baseline']['average_precision']})" if base is not None else ""))
    return report


def train(data_folder: Path | None, output: Path, *, archive: Path | None = None,
          baseline: bool = True, echo: Echo = logger.info) -> tuple[ConductModel, dict[str, Any]]:
    """Load, split, fit, validate and save; returns the model and its validation report."""
    from moderator.classify.model import load, save

    started = time.monotonic()
    data = load_training_data(data_folder, archive)
    echo(f"{len(data)} labelled texts from {', '.join(sorted(set(data.sources)))}")
    parts = split(data)
    echo(f"training on {len(parts.train)}, validating on {len(parts.validation)}")
    model = fit(parts.train, echo)
    report = validate(model, parts, baseline=baseline, echo=echo)
    save(model, output)
    loaded = load(output)
    report.update(version=loaded.version, sha256=loaded.sha256,
                  size_bytes=output.stat().st_size,
                  seconds=round(time.monotonic() - started, 1))
    return loaded, report
