"""Benchmark: one rule's precision, recall, F1 and false-positive rate at a row of thresholds,
for one or more model artifacts, on the same validation split.

The threshold rule (moderator/classify/evaluate.py) picks one point; where a rule's F1 is flat,
a retrain can move that point a long way. Comparing two artifacts at the *same* thresholds tells
whether a new model sends more civil comments to review, or only sits at another point.

    python bench/thresholds.py harassment models/conduct.skops OLD.skops --data ../shared/data
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.classify import training  # noqa: E402
from moderator.classify.datasets import LEARNED  # noqa: E402
from moderator.classify.evaluate import at_threshold  # noqa: E402
from moderator.classify.model import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rule", choices=LEARNED)
    parser.add_argument("models", nargs="+", type=Path, help="model artifacts (.skops)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--start", type=float, default=0.12)
    parser.add_argument("--stop", type=float, default=0.30)
    parser.add_argument("--step", type=float, default=0.02)
    args = parser.parse_args()
    validation = training.split(training.load_training_data(args.data)).validation
    column = LEARNED.index(args.rule)
    known = validation.y[:, column] >= 0
    texts = [text for text, keep in zip(validation.texts, known, strict=True) if keep]
    y = validation.y[known, column].astype(int)
    print(f"{args.rule}: {len(y)} validation rows, {int(y.sum())} positive")
    cuts = np.arange(args.start, args.stop + args.step / 2, args.step)
    for path in args.models:
        model = load(path)
        p = np.array([s[args.rule].score for s in model.score_texts(texts)])
        print(f"{model.version} ({path})")
        print("  threshold  precision  recall  F1      negatives sent")
        for cut in cuts:
            at = at_threshold(y, p, float(cut))
            print(f"  {cut:9.2f}  {at['precision']:9.3f}  {at['recall']:6.3f}  {at['f1']:.4f}"
                  f"  {at['false_positive_rate']:.4f}")


if __name__ == "__main__":
    main()
