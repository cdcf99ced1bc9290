"""Replies read with and without the @handles they open with: the same words as a Facebook
comment and as an X reply, and the validation split read both ways.

    python bench/replies.py --data ../shared/data

The tests' probe sets (tests/data, written for the project) are scored through the shipped
scorer as comments, as X replies opening with "@CityHall ", greeting a handle ("Hey
@MayorJones, ...") and ending with one, and ending or opening with hashtags. With --data it
also prints the validation split's ROC-AUC / AP for the shipped model as the scorer reads texts
(without opening handles, any other handle read as "them") and as written, and for the plain
baseline (TF-IDF + logistic regression, trained on the training split as written) reading
each.
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderator.classify import for_the_model, make_scorer  # noqa: E402
from moderator.comments import Comment  # noqa: E402
from moderator.config import load_rules  # noqa: E402
from moderator.policy import decide  # noqa: E402

CIVIL = ("public-affairs", "official-criticism", "angry-criticism", "harsh-civil", "short-replies",
         "short-reactions", "plain-descriptions", "identity-advocacy", "violent-civil",
         "harsh-about-things")
VIOLATIONS = ("personal-insults", "name-calling", "threats-written", "harsh-about-people")


def lines(name: str) -> list[str]:
    text = (ROOT / "tests" / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def probes() -> None:
    rules = load_rules(ROOT / "config" / "conduct-rules.toml")
    scorer = make_scorer(rules)
    for group, names in (("civil", CIVIL), ("violations", VIOLATIONS)):
        texts = [t for name in names for t in lines(name)]
        for platform, shape, how in (("facebook", "{}", "as comments"),
                                     ("x", "@CityHall {}", "as X replies"),
                                     ("x", "Hey @MayorJones, {}", "greeting a handle"),
                                     ("x", "{} @CityHall", "ending with a handle"),
                                     ("x", "{} #FixOurRoads #Springfield #Budget2026",
                                      "ending with tags"),
                                     ("x", "{}\n\n#Springfield #CityCouncil",
                                      "tags on a new line"),
                                     ("instagram", "#Springfield {}", "opening with a tag"),
                                     ("instagram", "{} | #Springfield | #CityCouncil",
                                      "tags between bars"),
                                     ("x", "{} \uff03Springfield \uff03CityCouncil",
                                      "full-width tag signs")):
            comments = [Comment(platform, "city", "p1", f"c{i}", shape.format(text))
                        for i, text in enumerate(texts)]
            counts = Counter(decide({r: s.score for r, s in scores.items()}, rules).outcome
                             for scores in scorer.score(comments))
            print(f"{group:<10} {len(texts)} {how:<20}: allowed {counts['allow']}, "
                  f"review {counts['review']}, hidden {counts['act']}")


def validation(data: Path) -> None:
    from sklearn.metrics import average_precision_score, roc_auc_score

    from moderator.classify import model
    from moderator.classify.datasets import LEARNED
    from moderator.classify.evaluate import baseline_scores
    from moderator.classify.training import load_training_data, split

    shipped = model.load(None)
    parts = split(load_training_data(data))
    val = parts.validation
    said = copy.copy(val)
    said.texts = [for_the_model(t) for t in val.texts]

    def ours(texts: list[str]) -> np.ndarray:
        scores = []
        for begin in range(0, len(texts), 1000):
            scores += shipped.score_texts(texts[begin:begin + 1000])
        return np.array([[s[rule].score for rule in LEARNED] for s in scores])

    columns = {
        "ours, as the scorer reads": ours(said.texts),
        "ours, as written": ours(val.texts),
        "baseline, as the scorer reads": baseline_scores(parts.train, said),
        "baseline, as written": baseline_scores(parts.train, val),
    }
    print("validation ROC-AUC / AP: " + " | ".join(columns))
    for index, rule in enumerate(LEARNED):
        known = val.y[:, index] >= 0
        y = val.y[known, index]
        cells = [f"{roc_auc_score(y, p[known, index]):.4f} / "
                 f"{average_precision_score(y, p[known, index]):.4f}" for p in columns.values()]
        print(f"  {rule:<11} " + " | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    args = parser.parse_args()
    probes()
    if args.data is not None and args.data.is_dir():
        validation(args.data)


if __name__ == "__main__":
    main()
