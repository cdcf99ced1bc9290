"""Benchmark: what reading harsh words said of things costs (moderator/classify/targets.py).

Prints the time of `said_of_things` on hostile comments of 1,000 and 4,000 characters (the
slowest shapes three code reviews found: a regular expression that backtracks is a denial of
service), and on ordinary ones, and what the scorer's step costs a comment on shared texts when
--data is given.

    python bench/harsh_words.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTILE = {
    "'the plan is stupid, ' repeated": "the plan is stupid, " * 200,
    "'the plan is stupid. ' repeated": "the plan is stupid. " * 200,
    "'to so so so stupid plan ' repeated": "to so so so stupid plan " * 200,
    "one subject of 990 words": "the " + "abc " * 990 + "plan is stupid.",
    "owners repeated": "the city council's " * 200 + "plan is stupid",
    "spaces after a full stop": "This plan is stupid." + " " * 3980,
    "'stupid, and' + 'and' * 26, repeated": (
        "This policy is stupid, " + "and" * 26 + ". This policy is stupid. ") * 60,
    "'stupid and ' repeated": "stupid and " * 380 + "plan",
    "Title Case repeated": "This Plan Is Stupid And " * 170,
}
ORDINARY = ["This policy is stupid.", "What a stupid idea.",
            "The mayor's brand-new downtown parking rules for the east side are stupid.",
            "The mayor is stupid.", "Thanks to all the crews!"]


def _best_ms(function, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="../shared/data: also time the scorer's step")
    args = parser.parse_args()
    started = time.perf_counter()
    from moderator.classify.targets import said_of_things
    print(f"import and compile: {1000 * (time.perf_counter() - started):.0f} ms")
    print("hostile comments (best of 3), said_of_things; it reads at most 1,000 characters:")
    for name, text in HOSTILE.items():
        for size in (1000, 4000):
            cut = text[:size]
            print(f"  {_best_ms(said_of_things, cut, 3):7.2f} ms  {name} ({len(cut)} characters)")
    print("ordinary comments (best of 200):")
    for text in ORDINARY:
        print(f"  {1000 * _best_ms(said_of_things, text, 200):7.1f} µs  {text}")
    if args.data:
        sys.path.insert(0, str(ROOT / "bench"))
        import score as bench

        from moderator.classify import make_scorer
        from moderator.config import load_rules
        from moderator.paths import shipped

        scorer = make_scorer(load_rules(shipped("config/conduct-rules.toml")))
        items = bench.comments(bench.corpus(args.data, 50000))
        spent = 0.0
        for begin in range(0, len(items), 1000):
            chunk = items[begin:begin + 1000]
            results = scorer.model.score_texts([c.text for c in chunk])
            start = time.perf_counter()
            scorer._read_harsh_words_about_things_as_no_attack(chunk, results)
            spent += time.perf_counter() - start
        print(f"the scorer's step on {len(items):,} shared texts: "
              f"{spent / len(items) * 1e6:.2f} µs a comment")


if __name__ == "__main__":
    main()
