"""Metrics for the conduct model: ranking quality, precision and recall at thresholds,
calibration, the choice of thresholds, and the plain baseline every result is compared with.

Thresholds (models/README.md): the act threshold is the lowest score at which validation
precision is at least :data:`ACT_PRECISION` (never below 0.5; 1.0, "never", when no score
reaches it). The review band below it should catch most of the positives that act leaves: the
review threshold is the highest one whose band catches at least :data:`REVIEW_COVERAGE` of them
while at least :data:`COVERAGE_PRECISION` of what the band sends to review breaks the rule (give
or take one comment) and at most :data:`COVERAGE_MAX_FPR` of the rule's negatives reach review,
or the best-F1 one (precision at least :data:`REVIEW_PRECISION`; the highest of those within one
positive's worth of F1 of the best) when that is lower; never below :data:`REVIEW_FLOOR`, so the
queue is not flooded with civil comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score

from moderator.classify.datasets import LEARNED, Labelled

if TYPE_CHECKING:
    from moderator.classify import Scorer

ACT_PRECISION = 0.95
REVIEW_PRECISION = 0.5
REVIEW_COVERAGE = 0.5
COVERAGE_PRECISION = 0.4
#: Catching most of what act leaves is not worth sending more than this share of the civil
#: comments to review (profanity in 2026.11.3: 1.9 points more recall would have sent 6.2% of its
#: negatives to review instead of 2.0%).
COVERAGE_MAX_FPR = 0.05
REVIEW_FLOOR = 0.05


def at_threshold(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """What flagging every score at or above ``threshold`` would do."""
    flagged = p >= threshold
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    fn = int((~flagged & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": round(threshold, 4), "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            "false_positive_rate": round(fp / max(int((y == 0).sum()), 1), 4)}


def calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: mean |observed rate - mean score| over 10 equal-width bins."""
    index = np.minimum((p * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        inside = index == b
        if inside.any():
            error += inside.mean() * abs(y[inside].mean() - p[inside].mean())
    return float(error)


def rule_metrics(y: np.ndarray, p: np.ndarray, chosen: dict[str, float] | None
                 ) -> dict[str, Any]:
    """ROC-AUC, average precision, calibration, and precision/recall at the chosen thresholds."""
    both = 0 < y.sum() < len(y)
    out: dict[str, Any] = {
        "rows": int(len(y)), "positives": int(y.sum()),
        "roc_auc": round(float(roc_auc_score(y, p)), 4) if both else None,
        "average_precision": round(float(average_precision_score(y, p)), 4) if both else None,
        "brier": round(float(np.mean((p - y) ** 2)), 4),
        "calibration_error": round(calibration_error(y, p), 4),
        "at_0.5": at_threshold(y, p, 0.5),
    }
    if chosen:
        out["at_review"] = at_threshold(y, p, chosen["review"])
        out["at_act"] = at_threshold(y, p, chosen["act"])
    return out


def thresholds(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Act and review thresholds for one rule, by the rules in the module docstring."""
    order = np.argsort(-p, kind="stable")
    scores, hits = p[order], y[order]
    tp = np.cumsum(hits)
    flagged = np.arange(1, len(hits) + 1)
    precision = tp / flagged
    recall = tp / max(int(hits.sum()), 1)
    # position i means "flag the i+1 highest"; only the last of equal scores is a real cut
    cut = np.append(scores[1:] != scores[:-1], True)
    good = cut & (precision >= ACT_PRECISION)
    act_index = int(np.flatnonzero(good).max()) if good.any() else None
    # no score reaches that precision: the rule never acts without a moderator
    act = max(_between(scores, act_index), 0.5) if act_index is not None else 1.0
    below = cut & (scores <= act) & (scores >= REVIEW_FLOOR)
    candidates = []
    eligible = below & (precision >= REVIEW_PRECISION)
    if eligible.any():
        # the highest threshold whose F1 is within one positive's worth of the best: with a few
        # dozen positives, a lower optimum is noise, and civil comments would pay for it
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
        near = eligible & (f1 >= f1[eligible].max() - 1 / max(int(hits.sum()), 1))
        candidates.append(int(np.flatnonzero(near).min()))
    # the band [review, act) catches this share of the positives that act leaves
    acted = scores >= act
    at_act, n_act = int(hits[acted].sum()), int(acted.sum())
    left = max(int(hits.sum()) - at_act, 1)
    in_band = flagged - n_act
    # within one positive's worth, as for F1: hate in 2026.11.5 had 160 positives in a band of
    # 401 (0.399), and a strict test would have moved its review threshold to 0.358
    band_precision = (tp - at_act + 1) / np.maximum(in_band, 1)
    covering = below & (in_band > 0) & (band_precision >= COVERAGE_PRECISION)
    covering &= (tp - at_act) / left >= REVIEW_COVERAGE
    covering &= flagged - tp <= COVERAGE_MAX_FPR * max(len(hits) - int(hits.sum()), 1)
    if covering.any():
        candidates.append(int(np.flatnonzero(covering).min()))
    review = _between(scores, max(candidates)) if candidates else act
    return {"review": min(max(review, REVIEW_FLOOR), act), "act": act}


def _between(scores: np.ndarray, index: int) -> float:
    """A round threshold that flags exactly the ``index + 1`` highest scores: the shortest number
    of up to 6 decimals above the next lower score, if it is not above this one."""
    here = float(scores[index])
    below = float(scores[index + 1]) if index + 1 < len(scores) else 0.0
    for decimals in (4, 5, 6):
        scale = 10 ** decimals
        rounded = float(np.ceil(below * scale + 1e-9) / scale)
        if below < rounded <= here:
            return rounded
    return here


def baseline_scores(train: Labelled, validation: Labelled) -> np.ndarray:
    """Plain TF-IDF (scikit-learn defaults) + logistic regression per rule, fitted on the rows of
    ``train`` that label the rule; probabilities on ``validation``."""
    vectoriser = TfidfVectorizer()
    x_train = vectoriser.fit_transform(train.texts)
    x_val = vectoriser.transform(validation.texts)
    out = np.zeros((len(validation), len(LEARNED)))
    for column in range(len(LEARNED)):
        known = train.y[:, column] >= 0
        model = LogisticRegression(max_iter=1000)
        model.fit(x_train[known], train.y[known, column])
        out[:, column] = model.predict_proba(x_val)[:, 1]
    return out


def _format(rule: str, entry: dict[str, Any]) -> str:
    def number(value: float | None) -> str:
        return "  n/a " if value is None else f"{value:.4f}"

    line = (f"{rule:<14} {entry['rows']:>6} {entry['positives']:>6}  {number(entry['roc_auc'])}  "
            f"{number(entry['average_precision'])}  {entry['calibration_error']:.4f}")
    for key in ("at_review", "at_act"):
        if key in entry:
            at = entry[key]
            line += f"  {at['threshold']:.3f} P {at['precision']:.3f} R {at['recall']:.3f}"
    if "baseline" in entry:
        base = entry["baseline"]
        line += f"  | baseline {number(base['roc_auc'])} {number(base['average_precision'])}"
    return line


HEADER = ("rule             rows    pos  ROC-AUC   AP      ECE     review: threshold, precision, "
          "recall; act: the same")


def labelled_file(path: Path) -> tuple[list[str], dict[str, np.ndarray]]:
    """Texts and 0/1 label columns (named after rule ids) from a CSV or JSON Lines file."""
    import csv
    import json

    from moderator.config import MODEL_RULES
    from moderator.errors import DataError

    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            if path.suffix in (".jsonl", ".json"):
                rows = [json.loads(line) for line in handle if line.strip()]
            else:
                rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as error:
        raise DataError(f"{path}: cannot read labelled data ({error})") from None
    if not rows or "text" not in rows[0]:
        raise DataError(f"{path}: needs a 'text' field and 0/1 fields named after rule ids")
    texts = [str(row.get("text") or "") for row in rows]
    labels = {}
    for rule in MODEL_RULES:
        if rule in rows[0]:
            # "0.7" is a score, not a label: int() of it would quietly read 0 (a scored file
            # evaluated as if its own scores were the truth)
            values = [str(row.get(rule)).strip().lower() for row in rows]
            wrong = next((n for n, v in enumerate(values) if v not in _LABELS), None)
            if wrong is not None:
                raise DataError(f"{path}: column {rule!r} must hold 0 or 1 in every row; row "
                                f"{wrong + 1} has {values[wrong][:20]!r}")
            labels[rule] = np.array([_LABELS[v] for v in values])
    if not labels:
        raise DataError(f"{path}: no label column; add 0/1 columns named after rule ids "
                        f"({', '.join(MODEL_RULES)})")
    return texts, labels


#: How a label may be written (JSON true and 1.0 included); anything else is refused.
_LABELS = {"0": 0, "1": 1, "0.0": 0, "1.0": 1, "false": 0, "true": 1}


def through_scorer(scorer: Scorer, texts: list[str], labels: dict[str, np.ndarray]
                   ) -> dict[str, dict[str, Any]]:
    """Per-rule metrics of what `moderator score` and the daemon decide: the model with the
    exact detectors and agency rules, at the published thresholds. A label below 0 (the set says
    nothing about that rule) is left out.

    Reported beside the model's own figures because a detector can move them far: counting X's
    t.co link wrapper as a shortener took the pooled spam F1 at review from 0.917 to 0.514.
    """
    from moderator.classify.batch import BATCH
    from moderator.comments import Comment

    scores = []
    for begin in range(0, len(texts), BATCH):
        scores += scorer.score([Comment("facebook", "eval", "eval", str(begin + i), text)
                                for i, text in enumerate(texts[begin:begin + BATCH])])
    report = {}
    for rule, y in labels.items():
        known = y >= 0
        p = np.array([s[rule].score if rule in s else 0.0 for s in scores])[known]
        chosen = {"review": scorer.rules[rule].review, "act": scorer.rules[rule].act}
        report[rule] = rule_metrics(y[known].astype(int), p, chosen)
    return report


def evaluate_path(model: Any, path: Path, *, baseline: bool = False) -> list[str]:
    """Report lines for `moderator evaluate`: the validation split of a shared/data folder (the
    model's figures, then the whole scorer's), or every row of a labelled file (the whole
    scorer: the model plus the default detectors)."""
    from moderator.classify import Scorer, detector_config, detectors
    from moderator.classify.training import load_training_data, split, validate
    from moderator.config import load_rules
    from moderator.paths import shipped

    rules = load_rules(shipped("config/conduct-rules.toml"))
    model.explain_at({rule.id: rule.review for rule in rules})
    scorer = Scorer(rules, model, detectors.build(detector_config.load({}), rules))
    lines = [f"model {model.version}"]
    if path.is_dir():
        parts = split(load_training_data(path))
        report = validate(model, parts, baseline=baseline, echo=lambda _: None)
        lines += [f"validation split: {report['validation_rows']} rows", HEADER]
        lines += [_format(rule, entry) for rule, entry in report["rules"].items()]
        lines.append("at the review threshold, within each source with 20 or more positives:")
        lines += [f"  {rule:<12} {source:<18} {at['rows']:>6} {at['positives']:>6}  "
                  f"P {at['precision']:.3f} R {at['recall']:.3f} F1 {at['f1']:.3f}"
                  for rule, entry in report["rules"].items()
                  for source, at in entry["by_source"].items()]
        val = parts.validation
        whole = through_scorer(scorer, val.texts, {rule: val.y[:, column]
                                                   for column, rule in enumerate(LEARNED)})
        lines.append("the same rows through the whole scorer (model, detectors and agency rules, "
                     "as `moderator score` decides), at the published thresholds:")
        lines += [_format(rule, entry) for rule, entry in whole.items()]
        return lines
    texts, labels = labelled_file(path)
    lines += [f"{path.name}: {len(texts)} rows (the whole scorer, at the published thresholds)",
              HEADER]
    lines += [_format(rule, entry) for rule, entry in through_scorer(scorer, texts,
                                                                     labels).items()]
    return lines


def explanation_spans(model: Any, text: str, limit: int = 5) -> set[int]:
    """Character offsets of the words the model's explanation highlights for its highest
    scoring rule (the words a moderator is shown)."""
    import re

    from moderator.classify.model import STOPWORDS

    contributions = model.explain(text)
    scores = model.score_texts([text])[0]
    rule = max(contributions, key=lambda r: scores[r].score)
    ranked = [(w, v) for w, v in contributions[rule] if v > 0 and w not in STOPWORDS]
    if not ranked:
        return set()
    chosen = [w for w, v in ranked[:limit] if v >= ranked[0][1] * 0.25]
    offsets: set[int] = set()
    for word in chosen:
        for match in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.IGNORECASE):
            offsets.update(range(match.start(), match.end()))
    return offsets


def span_f1(predicted: set[int], gold: set[int]) -> float:
    """Character-level F1 of one text, as SemEval-2021 Task 5 scores it (1.0 when both are
    empty)."""
    if not gold:
        return 1.0 if not predicted else 0.0
    if not predicted:
        return 0.0
    overlap = len(predicted & gold)
    return 2 * overlap / (len(predicted) + len(gold))
