"""Benchmark: spam on YouTube videos the model has not seen.

The validation split draws its YouTube comments from the same four videos as training, where
words about each video (its singer, its song) are ham and the spam is the same channels again.
Here each video is held out in turn: the training split without it fits the features and the
spam rule by the release's recipe (and, with --compare, the recipe with naive-Bayes scaling),
and the held-out video's comments are scored at the review threshold chosen on the remaining
validation rows, at 0.5, and at the best threshold in hindsight.

    python bench/spam_videos.py --data ../shared/data [--compare]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_curve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.classify import training  # noqa: E402
from moderator.classify.datasets import LEARNED  # noqa: E402
from moderator.classify.evaluate import at_threshold, thresholds  # noqa: E402
from moderator.classify.features import HashedTextFeatures  # noqa: E402
from moderator.classify.model import LinearHeads  # noqa: E402

SPAM = LEARNED.index("spam")


def videos(data: Path) -> dict[str, str]:
    """Each YouTube comment's video (the file it comes from)."""
    out = {}
    for path in sorted((data / "youtube-spam").glob("Youtube0*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                out[row["CONTENT"]] = path.name.split(".")[0]
    return out


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    precision, recall, _ = precision_recall_curve(y, p)
    return float(np.max(2 * precision * recall / np.maximum(precision + recall, 1e-12)))


def one_video(parts: training.Split, of_video: dict[str, str], video: str, nb: bool
              ) -> tuple[str, int, int, float, float, float]:
    """Fit spam without ``video``; F1 on its comments (at review, at 0.5, best)."""
    def side(texts: list[str], sources: list[str]) -> np.ndarray:
        return np.array([s == "youtube-spam" and of_video.get(t) == video
                         for t, s in zip(texts, sources, strict=True)], dtype=bool)

    in_train = side(parts.train.texts, parts.train.sources)
    in_val = side(parts.validation.texts, parts.validation.sources)
    keep = np.flatnonzero(~in_train & (parts.train.y[:, SPAM] >= 0))
    texts = [parts.train.texts[i] for i in keep]
    features = HashedTextFeatures(char_ngrams=training.CHAR_NGRAMS,
                                  word_weight=training.WORD_WEIGHT).fit(texts)
    used = np.flatnonzero(features.idf_ > 0)  # as in training: liblinear on what occurs
    y = parts.train.y[keep, SPAM].astype(int)
    weights = training.weights_for([parts.train.sources[i] for i in keep], "spam")
    coef, intercept, a, b = training.fit_rule(features.transform(texts)[:, used], y, weights,
                                              training.C["spam"], nb=nb)
    head = LinearHeads(("spam",)).set_fitted(coef[:, None], [intercept], [a], [b])

    def score(batch: list[str]) -> np.ndarray:
        return head.predict_proba(features.transform(batch)[:, used])[:, 0]

    rest = np.flatnonzero(~in_val & (parts.validation.y[:, SPAM] >= 0))
    review = thresholds(parts.validation.y[rest, SPAM].astype(int),
                        score([parts.validation.texts[i] for i in rest]))["review"]
    test_texts = ([t for t, k in zip(parts.train.texts, in_train, strict=True) if k]
                  + [t for t, k in zip(parts.validation.texts, in_val, strict=True) if k])
    test_y = np.concatenate([parts.train.y[in_train, SPAM],
                             parts.validation.y[in_val, SPAM]]).astype(int)
    p = score(test_texts)
    return (video, len(test_y), int(test_y.sum()), at_threshold(test_y, p, review)["f1"],
            at_threshold(test_y, p, 0.5)["f1"], best_f1(test_y, p))


def held_out(data: Path, nb: bool) -> list[tuple[str, int, int, float, float, float]]:
    of_video = videos(data)
    parts = training.split(training.load_training_data(data))
    return [one_video(parts, of_video, video, nb) for video in sorted(set(of_video.values()))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--compare", action="store_true",
                        help="also run the recipe with naive-Bayes scaling")
    args = parser.parse_args()
    if not (args.data / "youtube-spam").is_dir():
        sys.exit(f"{args.data}: no youtube-spam folder; pass --data with the shared data sets")
    recipes = [("release" + (" (NB)" if "spam" in training.NB_SCALED else " (plain LR)"),
                "spam" in training.NB_SCALED)]
    if args.compare:
        recipes.append(("other (NB)" if not recipes[0][1] else "other (plain LR)",
                        not recipes[0][1]))
    print("spam F1 on each YouTube video held out of training")
    print(f"{'recipe':<20} {'video':<18} {'rows':>5} {'spam':>5}  at review  at 0.5  best")
    for name, nb in recipes:
        rows = held_out(args.data, nb)
        for video, n, positives, review, half, best in rows:
            print(f"{name:<20} {video:<18} {n:>5} {positives:>5}  {review:>9.3f}  {half:>6.3f}"
                  f"  {best:.3f}")
        means = np.mean([r[3:] for r in rows], axis=0)
        print(f"{name:<20} {'mean':<18} {'':>5} {'':>5}  {means[0]:>9.3f}  {means[1]:>6.3f}"
              f"  {means[2]:.3f}", flush=True)


if __name__ == "__main__":
    main()
