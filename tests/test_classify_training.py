"""Training: tiny public-format data sets and an archive's moderator decisions become a model.

The data here is made up by the tests in the formats of shared/data (see its README); the real
training run is `moderator train --data ../shared/data` (models/README.md), not part of CI.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from moderator.archive import Archive
from moderator.classify import datasets, model
from moderator.classify.datasets import LEARNED
from moderator.classify.training import fit, load_training_data
from moderator.cli import cli
from moderator.comments import Batch, Comment
from moderator.errors import DataError

CIVIL = ["When does the pool reopen?", "Thanks for plowing our street early",
         "The council should publish the audit", "I disagree with the new parking fees",
         "Great festival this year", "Please fix the light on Elm Street",
         "Is the library open Sunday?", "The budget hearing is Tuesday at 7pm"]
RUDE = [("you are a stupid idiot", "insult"), ("what a moron you are", "insult"),
        ("shut up you pathetic loser", "insult"), ("this shit is fucking broken", "obscene"),
        ("fuck this crap", "obscene"), ("damn shit fuck", "obscene"),
        ("I will kill you tonight", "threat"), ("I am going to shoot you", "threat"),
        ("watch your back, you will die", "threat"), ("those people are subhuman vermin", "hate"),
        ("go back to your country you savages", "hate"), ("that race is filth", "hate")]
SPAM = ["check out my channel and subscribe", "win a free iphone click here",
        "make money from home visit my site", "subscribe to my channel for free gifts"]


def tiny_shared(folder: Path) -> Path:
    """A jigsaw-format and a youtube-spam-format file, a few dozen rows."""
    (folder / "jigsaw").mkdir(parents=True)
    (folder / "youtube-spam").mkdir()
    columns = ["obscene", "threat", "insult", "identity_hate"]
    with gzip.open(folder / "jigsaw" / "train-subset.csv.gz", "wt", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "comment_text", "toxic", "severe_toxic", *columns])
        rows = [(t, None) for t in CIVIL * 2] + [(t, k) for t, k in RUDE * 2]
        for i, (text, kind) in enumerate(rows):
            flags = [int(kind == c) for c in ("obscene", "threat", "insult", "hate")]
            writer.writerow([f"id{i}", text, int(kind is not None), 0, *flags])
    with gzip.open(folder / "youtube-spam" / "Youtube01-Psy.csv.gz", "wt", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["COMMENT_ID", "AUTHOR", "DATE", "CONTENT", "CLASS"])
        for i, text in enumerate(SPAM * 2 + CIVIL):
            writer.writerow([f"y{i}", "someone", "2014-01-01", text, int(text in SPAM)])
    return folder


def test_the_public_sets_map_to_rule_ids(tmp_path: Path) -> None:
    data = datasets.shared(tiny_shared(tmp_path))
    y = data.y
    spam, threat = LEARNED.index("spam"), LEARNED.index("threat")
    assert y[[i for i, s in enumerate(data.sources) if s == "youtube-spam"], spam].sum() == 8
    assert data.labels[data.texts.index("I will kill you tonight")][threat] == 1
    assert set(np.unique(y)) <= {-1, 0, 1}


def test_a_folder_without_any_known_set_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="none of the sets"):
        datasets.shared(tmp_path)


def _archive_with_decisions(path: Path) -> Path:
    """Comments decided by moderators through the real Archive API."""
    texts = {"k1": "the mayor is wrong about the bus plan", "h1": "you are a worthless idiot",
             "c1": "fuck off, shithead", "r1": "this budget is a disgrace",
             "e1": "hmm not sure about this", "u1": "I'll visit the hearing"}
    with Archive.open(path) as archive:
        archive.register_page("city", "facebook", "city")
        batch = Batch(comments=[Comment("facebook", "city", "p1", cid, text, author_id="a")
                                for cid, text in texts.items()])
        ingested = archive.ingest("city", batch, "2026-11-20T10:00:00Z")
        rows = {c.comment.comment_id: c for c in ingested.new}
        edited = Batch(comments=[Comment("facebook", "city", "p1", "h1", "you are a worthless "
                                         "idiot and a fraud", author_id="a")])
        edit = archive.ingest("city", edited, "2026-11-20T11:00:00Z").edited[0]

        def decide(cid: str, outcome: str, rule: str | None, at: str, version: int = 1,
                   kind: str = "user") -> None:
            archive.record_decision(rows[cid].rowid, version, outcome, rule, actor_kind=kind,
                                    actor="moderator:ana", at=at)

        decide("k1", "hide", "harassment", "2026-11-20T10:01:00Z")
        decide("k1", "keep", None, "2026-11-20T10:05:00Z")  # newest wins: keep
        decide("h1", "hide", "harassment", "2026-11-20T11:05:00Z", version=edit.version)
        decide("c1", "act", "profanity", "2026-11-20T10:00:00Z", kind="system")
        decide("c1", "confirm", "profanity", "2026-11-20T10:09:00Z")
        decide("r1", "act", "harassment", "2026-11-20T10:00:00Z", kind="system")
        decide("r1", "reverse", None, "2026-11-20T10:10:00Z")
        decide("e1", "escalate", None, "2026-11-20T10:10:00Z")
        decide("u1", "unhide", None, "2026-11-20T10:10:00Z")
    return path


def test_moderators_decisions_become_labels_from_the_newest_decision(tmp_path: Path) -> None:
    labelled = datasets.archive_decisions(_archive_with_decisions(tmp_path / "a.db"))
    got = dict(zip(labelled.texts, labelled.labels, strict=True))
    negative = [0] * len(LEARNED)
    assert got["the mayor is wrong about the bus plan"] == negative
    assert got["this budget is a disgrace"] == negative
    assert got["I'll visit the hearing"] == negative
    harassment = got["you are a worthless idiot and a fraud"]  # the version decided
    assert harassment[LEARNED.index("harassment")] == 1 and harassment.count(-1) == 4
    assert got["fuck off, shithead"][LEARNED.index("profanity")] == 1
    assert "hmm not sure about this" not in got
    assert "you are a worthless idiot" not in got


def test_a_file_that_is_not_an_archive_is_a_data_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(DataError, match="cannot read moderator decisions"):
        datasets.archive_decisions(bogus)


def test_training_twice_on_the_same_data_gives_the_same_model(tmp_path: Path) -> None:
    data = load_training_data(tiny_shared(tmp_path / "data"))
    first, second = fit(data, echo=lambda _: None), fit(data, echo=lambda _: None)
    assert np.array_equal(first.heads.coef_, second.heads.coef_)
    threat = first.score_texts(["I will kill you", "see you at the meeting"])
    assert threat[0]["threat"].score > threat[1]["threat"].score


def test_train_command_learns_from_data_and_archive_and_saves_a_loadable_artifact(
        tmp_path: Path) -> None:
    data = tiny_shared(tmp_path / "data")
    archive = _archive_with_decisions(tmp_path / "a.db")
    out, metrics = tmp_path / "m.skops", tmp_path / "m.json"
    result = CliRunner().invoke(cli, ["train", "--data", str(data), "--archive", str(archive),
                                      "--output", str(out), "--metrics", str(metrics)])
    assert result.exit_code == 0, result.output
    assert "archive" in result.output and "saved conduct-" in result.output
    loaded = model.load(out)
    assert loaded.meta["sources"].count("archive") == 1
    assert '"roc_auc"' in metrics.read_text()


def test_validation_figures_are_also_given_within_each_source() -> None:
    from moderator.classify.training import by_source

    # texts from two spam sets, and offensive tweets that are all negatives for spam
    sources = np.array(["sms"] * 40 + ["youtube"] * 40 + ["tweets"] * 100)
    y = np.array([1, 0] * 20 + [1, 0] * 20 + [0] * 100)
    p = np.array([0.9, 0.1] * 20 + [0.9, 0.9] * 20 + [0.1] * 90 + [0.9] * 10)
    found = by_source(y, p, sources, review=0.5)
    assert set(found) == {"sms", "youtube"}, "a source without positives has no F1"
    assert found["sms"] == {"rows": 40, "positives": 20, "precision": 1.0, "recall": 1.0,
                            "f1": 1.0}
    assert found["youtube"]["precision"] == 0.5


def test_the_spam_sets_count_more_for_spam_only() -> None:
    from moderator.classify.training import weights_for

    sources = ["sms-spam", "youtube-spam", "project:rule-spam", "olid", "project:civic"]
    assert weights_for(sources, "spam").tolist() == [3.0, 3.0, 3.0, 1.0, 6.0]
    assert weights_for(sources, "harassment").tolist() == [1.0, 1.0, 1.0, 1.0, 6.0]


def test_a_rule_fitted_without_naive_bayes_scaling_scores_on_the_raw_features() -> None:
    import scipy.sparse as sp

    from moderator.classify.training import fit_rule

    # feature 0 marks spam, feature 1 ham; feature 2 is in every row
    rows = [[1, 0, 1]] * 12 + [[0, 1, 1]] * 12
    matrix = sp.csr_matrix(np.array(rows, dtype=float))
    y = np.array([1] * 12 + [0] * 12)
    for nb in (True, False):
        coef, intercept, a, b = fit_rule(matrix, y, np.ones(24), 1.0, nb=nb)
        margin = np.array([[1, 0, 1], [0, 1, 1]]) @ coef + intercept
        spam, ham = 1 / (1 + np.exp(a * margin + b))
        assert spam > 0.8 and ham < 0.2, (nb, spam, ham)
