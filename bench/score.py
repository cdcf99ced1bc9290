"""Benchmark: comments scored per second by one process (model + every detector + agency rules),
peak memory, and the same figures for a plain TF-IDF + logistic regression baseline trained in
the same run on the same training split, with both models' validation ROC-AUC / AP.

    python bench/score.py --data ../shared/data --comments 100000

It scores the comments ``--passes`` times (3) and prints each rate and the median: the shared
machine's speed drifts by a quarter from one minute to the next. It also times the same texts
through ``moderator score``'s own function, as a CSV read and written.

Without --data (or when the folder is missing) it scores the demo corpus's comments, cycled, and
skips the baseline, which needs the training data.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.classify import Scorer, detector_config, detectors, model  # noqa: E402
from moderator.comments import Comment  # noqa: E402
from moderator.config import load_rules  # noqa: E402
from moderator.paths import shipped  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(data: Path | None, size: int) -> list[str]:
    if data is not None and data.is_dir():
        from moderator.classify.datasets import shared

        texts = shared(data).texts
    else:
        from moderator.demo import load_corpus

        texts = [e["text"] for e in load_corpus() if e["kind"] == "comment"]
    return [texts[i % len(texts)] for i in range(size)]


def comments(texts: list[str]) -> list[Comment]:
    """Comments from 5,000 authors, one minute apart, so the flood detector has history."""
    out = []
    for i, text in enumerate(texts):
        minute = i // 50
        out.append(Comment("facebook", "bench", f"p{i % 97}", f"c{i}", text,
                           author_id=f"a{i % 5000}",
                           created_at=f"2026-11-{1 + minute // 1440:02d}T"
                                      f"{minute // 60 % 24:02d}:{minute % 60:02d}:00Z"))
    return out


def run_scorer(scorer: Scorer, items: list[Comment], batch: int) -> float:
    started = time.perf_counter()
    for begin in range(0, len(items), batch):
        chunk = items[begin:begin + batch]
        history: dict[tuple[str, str], list[Comment]] = {}
        for c in chunk:
            history.setdefault((c.platform, c.author_id or ""), []).append(c)
        scorer.score(chunk, history)
    return time.perf_counter() - started


def csv_rate(scorer: Scorer, texts: list[str]) -> float:
    """Rows per second through `moderator score`'s own function, reading and writing a CSV."""
    import csv
    import tempfile

    from moderator.classify.batch import score_csv

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.csv"
        with open(source, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text"])
            writer.writerows(enumerate(texts))
        started = time.perf_counter()
        rows = score_csv(source, Path(folder) / "out.csv", scorer).rows
        return rows / (time.perf_counter() - started)


def baseline(data: Path, texts: list[str]) -> dict[str, object]:
    """Train the plain baseline on the training split; its speed and validation metrics."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, roc_auc_score

    from moderator.classify.datasets import LEARNED
    from moderator.classify.training import load_training_data, split

    parts = split(load_training_data(data))
    started = time.perf_counter()
    vectoriser = TfidfVectorizer()
    x_train = vectoriser.fit_transform(parts.train.texts)
    heads = []
    for column in range(len(LEARNED)):
        known = parts.train.y[:, column] >= 0
        heads.append(LogisticRegression(max_iter=1000).fit(x_train[known],
                                                            parts.train.y[known, column]))
    fit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for begin in range(0, len(texts), 1000):
        x = vectoriser.transform(texts[begin:begin + 1000])
        for head in heads:
            head.predict_proba(x)
    seconds = time.perf_counter() - started
    x_val = vectoriser.transform(parts.validation.texts)
    quality = {}
    for column, rule in enumerate(LEARNED):
        known = parts.validation.y[:, column] >= 0
        y = parts.validation.y[known, column]
        p = heads[column].predict_proba(x_val[known])[:, 1]
        quality[rule] = (roc_auc_score(y, p), average_precision_score(y, p))
    return {"seconds": seconds, "fit_seconds": fit_seconds, "quality": quality,
            "validation": parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--model", default=None, help="artifact (default: the shipped one)")
    parser.add_argument("--passes", type=int, default=3,
                        help="score the comments this many times and print each rate and the "
                             "median (a shared machine's speed varies from second to second)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline")
    args = parser.parse_args()

    before = peak_mb()
    started = time.perf_counter()
    loaded = model.load(args.model)
    load_seconds = time.perf_counter() - started
    rules = load_rules(shipped("config/conduct-rules.toml"))
    loaded.explain_at({rule.id: rule.review for rule in rules})
    scorer = Scorer(rules, loaded, detectors.build(detector_config.load({}), rules))
    texts = corpus(args.data, args.comments)
    items = comments(texts)
    gc.collect()
    # The corpus is the benchmark's own long-lived data: keep the cyclic garbage collector from
    # walking its 100,000 comments again and again (a daemon holds one cycle's comments).
    gc.freeze()
    ready = peak_mb()
    rates = [len(items) / run_scorer(scorer, items, args.batch) for _ in range(max(args.passes, 1))]
    print(f"model {loaded.version}: loaded in {load_seconds:.2f} s "
          f"(process peak {before:.0f} MB before loading)")
    print(f"scored {len(items):,} comments (mean {np.mean([len(t) for t in texts]):.0f} "
          f"characters) at a median {float(np.median(rates)):,.0f} comments/s over "
          f"{len(rates)} passes ({', '.join(f'{r:,.0f}' for r in rates)}) with the model, "
          f"{len(scorer.detectors)} detectors and the agency's keyword rules, batches "
          f"of {args.batch}")
    print(f"peak memory: {peak_mb():.0f} MB (process), {peak_mb() - ready:.0f} MB above the "
          "loaded model and corpus")
    model_only = time.perf_counter()
    for begin in range(0, len(texts), args.batch):
        loaded.score_texts(texts[begin:begin + args.batch])
    model_seconds = time.perf_counter() - model_only
    print(f"model alone: {len(texts) / model_seconds:,.0f} comments/s")
    print(f"moderator score (CSV in and out, decisions): {csv_rate(scorer, texts):,.0f} rows/s")
    if args.no_baseline or args.data is None or not args.data.is_dir():
        print("baseline skipped" + ("" if args.no_baseline else
                                    ": no training data folder (pass --data shared/data)"))
        return
    base = baseline(args.data, texts)
    print(f"baseline TF-IDF + logistic regression: fitted in {base['fit_seconds']:.0f} s, "
          f"{len(texts) / base['seconds']:,.0f} comments/s (model only, no detectors)")
    from sklearn.metrics import average_precision_score, roc_auc_score

    from moderator.classify.datasets import LEARNED

    val = base["validation"].validation  # type: ignore[attr-defined]
    ours = loaded.score_texts(val.texts)
    print("validation split   ours ROC-AUC / AP      baseline ROC-AUC / AP")
    for column, rule in enumerate(LEARNED):
        known = val.y[:, column] >= 0
        y = val.y[known, column]
        p = np.array([s[rule].score for s in ours])[known]
        auc, ap = roc_auc_score(y, p), average_precision_score(y, p)
        b_auc, b_ap = base["quality"][rule]  # type: ignore[index]
        print(f"  {rule:<14} {auc:.4f} / {ap:.4f}        {b_auc:.4f} / {b_ap:.4f}")


if __name__ == "__main__":
    main()
