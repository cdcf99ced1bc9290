"""Commands of the conduct model: score, train, evaluate, explain."""

from __future__ import annotations

import json
from pathlib import Path

import click

from moderator.cli import cli

CONFIG_HELP = "moderator.toml whose rules, thresholds, model and [detectors] to use (default: " \
              "the shipped rules and model; also $MODERATOR_CONFIG)."


def _scorer(config_path: str | None):  # type: ignore[no-untyped-def]
    """The configured scorer, or the shipped rules, model and default detectors."""
    from moderator.classify import build_scorer, make_scorer
    from moderator.config import load_config, load_rules
    from moderator.paths import shipped

    if config_path:
        return build_scorer(load_config(config_path))
    return make_scorer(load_rules(shipped("config/conduct-rules.toml")))


@cli.command()
@click.argument("input_path", metavar="INPUT.csv", type=click.Path(dir_okay=False))
@click.option("--text-column", default="text", show_default=True,
              help="Column holding the comment text.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="CSV to write (gzip when the name ends in .gz; - for standard output).")
@click.option("-c", "--config", "config_path", envvar="MODERATOR_CONFIG", default=None,
              type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--evidence", is_flag=True,
              help="Add an evidence column: why each rule at or above review scored as it did.")
def score(input_path: str, text_column: str, output: str, config_path: str | None,
          evidence: bool) -> None:
    """Score a CSV of comments: one probability column per model rule, plus a decision.

    The decision column is allow, review or act:<rule id>, from the rules' thresholds. Files
    ending in .gz are read and written as gzip. An input column with one of those names (an
    archive export's decision) is kept as input_<name>. With --evidence, an evidence column
    gives the words or findings behind every rule at or above its review threshold.

    Example:

        \b
        moderator score comments.csv --text-column text --output scored.csv.gz
    """
    import gc

    from moderator.classify.batch import score_csv

    scorer = _scorer(config_path)
    # The model's 120,000 Python objects live as long as the command: keep the cyclic garbage
    # collector from walking them again on every full collection (about 15% of scoring time).
    gc.freeze()
    scored = score_csv(Path(input_path), Path(output), scorer, text_column, evidence=evidence)
    for old, new in scored.renamed.items():
        click.echo(f"{input_path}: its column {old!r} is kept as {new!r}; {old!r} is now this "
                   "scoring's", err=True)
    click.echo(f"scored {scored.rows} rows with {scorer.version} into {output}",
               err=output == "-")


@cli.command()
@click.option("--data", "data_folder", type=click.Path(file_okay=False),
              help="The shared training data folder (shared/data).")
@click.option("--archive", "archive_path", type=click.Path(dir_okay=False),
              help="Also learn from the moderators' decisions in this archive.")
@click.option("-o", "--output", default="models/conduct.skops", show_default=True,
              type=click.Path(dir_okay=False), help="Artifact to write.")
@click.option("--metrics", "metrics_path", default="models/metrics.json", show_default=True,
              type=click.Path(dir_okay=False), help="Validation metrics JSON to write.")
@click.option("--no-baseline", is_flag=True, help="Skip the TF-IDF + logistic regression "
              "baseline.")
def train(data_folder: str | None, archive_path: str | None, output: str, metrics_path: str,
          no_baseline: bool) -> None:
    """Train the conduct model, validate it against a baseline, and save it with skops.

    Takes a few minutes on two cores; the same data gives the same metrics (fixed seeds).

    Example:

        \b
        moderator train --data ../shared/data --archive moderator.db
    """
    from moderator.classify.training import train as run
    from moderator.errors import DataError

    if not data_folder and not archive_path:
        raise DataError("nothing to learn from: pass --data (shared/data) and/or --archive")
    model, report = run(Path(data_folder) if data_folder else None, Path(output),
                        archive=Path(archive_path) if archive_path else None,
                        baseline=not no_baseline, echo=click.echo)
    Path(metrics_path).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n",
                                  encoding="utf-8")
    click.echo(f"saved {model.version} ({report['size_bytes'] / 1e6:.1f} MB) to {output}; "
               f"metrics in {metrics_path}")


@cli.command()
@click.argument("data", type=click.Path(exists=True))
@click.option("--model", "model_path", type=click.Path(dir_okay=False),
              help="Artifact to evaluate (default: the shipped model).")
@click.option("--baseline", is_flag=True, help="Also train and score the plain TF-IDF + "
              "logistic regression baseline (on the training split; DATA must be shared/data).")
def evaluate(data: str, model_path: str | None, baseline: bool) -> None:
    """Print per-rule metrics of the model on labelled data.

    DATA is the shared/data folder (the model is measured on its own validation split) or a
    CSV/JSONL file with a text column and 0/1 columns named after rule ids.

    Example:

        \b
        moderator evaluate ../shared/data --baseline
    """
    from moderator.classify import model
    from moderator.classify.evaluate import evaluate_path

    loaded = model.load(model_path)
    for line in evaluate_path(loaded, Path(data), baseline=baseline):
        click.echo(line)


@cli.command()
@click.argument("text")
@click.option("--model", "model_path", type=click.Path(dir_okay=False),
              help="Artifact to use (default: the shipped model).")
@click.option("-c", "--config", "config_path", envvar="MODERATOR_CONFIG", default=None,
              type=click.Path(dir_okay=False), help=CONFIG_HELP)
def explain(text: str, model_path: str | None, config_path: str | None) -> None:
    """Show each rule's score for TEXT and the words that drove it.

    Example:

        \b
        moderator explain "you are a pathetic idiot"
    """
    from moderator.classify import Scorer, edge_tags, for_the_model, without_opening_handles
    from moderator.comments import Comment
    from moderator.policy import decide

    scorer = _scorer(config_path)
    if model_path:
        from moderator.classify import model

        scorer = Scorer(scorer.rules, model.load(model_path), scorer.detectors)
        scorer.model.explain_at({rule.id: rule.review for rule in scorer.rules})  # type: ignore[attr-defined]
    comment = Comment(platform="facebook", page_id="cli", post_id="cli", comment_id="1",
                      text=text)
    scores = scorer.score([comment])[0]
    explainer = getattr(scorer.model, "explain", None)
    said = for_the_model(text)  # as the scorer gives it to the model
    contributions: dict[str, list[tuple[str, float]]] = explainer(said) if explainer else {}
    click.echo(f"model {scorer.version}")
    if explainer:
        from moderator.classify.model import as_read

        if (read := as_read(said)) != text:
            click.echo(f"read as: {read}")
        if tags := edge_tags(without_opening_handles(text)):
            # each rule keeps the higher of the two readings (Scorer, hashtags at the edges)
            click.echo(f"and without its tags: {as_read(for_the_model(tags.read))}")
    for rule in scorer.rules:
        found = scores[rule.id]
        if not rule.model and found.score == 0:
            continue
        mark = ("ACT" if rule.on_match == "hide" else "review") if found.score >= rule.act \
            else "review" if found.score >= rule.review else ""
        from moderator.classify.model import STOPWORDS

        words = ", ".join(f"{w} ({v:+.2f})" for w, v in
                          [c for c in contributions.get(rule.id, []) if c[0] not in STOPWORDS][:5]
                          if v > 0)
        evidence = "; ".join(found.evidence)
        click.echo(f"  {rule.id:<14} {found.score:.3f} {mark:<6} {evidence or words}")
    decision = decide({r: s.score for r, s in scores.items()}, scorer.rules)
    click.echo(f"decision: {decision.label}")
