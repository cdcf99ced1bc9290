"""Training data: the public labelled sets in shared/data, text the project wrote, and the
archive's own moderator decisions, all mapped to the model's rule ids.

Each loader returns a :class:`Labelled`: texts, a label matrix with one column per learned rule
(1 yes, 0 no, -1 unknown: that set says nothing about the rule), and the source of each row.
The mappings follow each set's PROVENANCE.md and are written out in models/README.md.
"""

from __future__ import annotations

import csv
import gzip
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from moderator.errors import DataError

#: Rules the model learns from data. sexual and personal_info have no usable labels: the lexicon
#: and the exact detectors cover them (models/README.md).
LEARNED: tuple[str, ...] = ("profanity", "threat", "harassment", "hate", "spam")
UNKNOWN = -1
csv.field_size_limit(1 << 24)


@dataclass
class Labelled:
    texts: list[str] = field(default_factory=list)
    labels: list[list[int]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, text: str, source: str, default: int = UNKNOWN, **labels: int) -> None:
        unknown = set(labels) - set(LEARNED)
        if unknown:
            raise ValueError(f"not learned rules: {unknown}")
        if not isinstance(text, str) or not text.strip():
            return
        self.texts.append(text)
        self.labels.append([labels.get(rule, default) for rule in LEARNED])
        self.sources.append(source)

    def extend(self, other: Labelled) -> Labelled:
        self.texts += other.texts
        self.labels += other.labels
        self.sources += other.sources
        return self

    @property
    def y(self) -> np.ndarray:
        return np.array(self.labels, dtype=np.int8).reshape(-1, len(LEARNED))

    def __len__(self) -> int:
        return len(self.texts)


def _rows(path: Path, delimiter: str = ",") -> Iterable[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def jigsaw(folder: Path) -> Labelled:
    out = Labelled()
    for row in _rows(folder / "jigsaw" / "train-subset.csv.gz"):
        flag = {k: int(row[k]) for k in ("obscene", "threat", "insult", "severe_toxic",
                                         "identity_hate")}
        out.add(row["comment_text"], "jigsaw", profanity=flag["obscene"], threat=flag["threat"],
                harassment=flag["insult"] | flag["severe_toxic"], hate=flag["identity_hate"],
                spam=0)
    return out


def davidson(folder: Path) -> Labelled:
    out = Labelled()
    for row in _rows(folder / "davidson" / "labeled_data.train.csv.gz"):
        kind = row["class"]
        if kind == "0":
            out.add(row["tweet"], "davidson", hate=1, spam=0)
        elif kind == "1":
            out.add(row["tweet"], "davidson", profanity=1, hate=0, spam=0)
        else:
            out.add(row["tweet"], "davidson", default=0)
    return out


def olid(folder: Path) -> Labelled:
    out = Labelled()
    for row in _rows(folder / "olid" / "olid-training-v1.0.tsv.gz", delimiter="\t"):
        a, b, c = row["subtask_a"], row["subtask_b"], row["subtask_c"]
        if a == "NOT":
            out.add(row["tweet"], "olid", default=0)
        elif b == "UNT":
            out.add(row["tweet"], "olid", profanity=1, harassment=0, hate=0, threat=0, spam=0)
        elif c == "IND":
            out.add(row["tweet"], "olid", harassment=1, hate=0, spam=0)
        elif c == "OTH":  # insults aimed at an organisation or issue: not a personal attack
            out.add(row["tweet"], "olid", harassment=0, hate=0, spam=0)
        else:  # GRP: the group is not necessarily a protected class
            out.add(row["tweet"], "olid", spam=0)
    return out


def youtube_spam(folder: Path) -> Labelled:
    out = Labelled()
    for path in sorted((folder / "youtube-spam").glob("Youtube0*.csv.gz")):
        for row in _rows(path):
            spam = int(row["CLASS"])
            out.add(row["CONTENT"], "youtube-spam", spam=spam, threat=0, hate=0,
                    harassment=UNKNOWN if spam else 0, profanity=UNKNOWN if spam else 0)
    return out


def sms_spam(folder: Path) -> Labelled:
    out = Labelled()
    path = folder / "sms-spam" / "SMSSpamCollection.train.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            label, _, text = line.rstrip("\n").partition("\t")
            if label in ("ham", "spam"):
                out.add(text, "sms-spam", spam=int(label == "spam"), threat=0, hate=0)
    return out


def ethos(folder: Path) -> Labelled:
    out = Labelled()
    binary = list(_rows(folder / "ethos" / "Ethos_Dataset_Binary.train.csv.gz", delimiter=";"))
    multi = list(_rows(folder / "ethos" / "Ethos_Dataset_Multi_Label.train.csv.gz",
                       delimiter=";"))
    hateful = [row for row in binary if float(row["isHate"]) >= 0.5]
    if len(hateful) != len(multi):
        raise DataError(f"ethos: {len(hateful)} hate rows in the binary file but {len(multi)} "
                        "in the multi-label file; they should match (PROVENANCE.md)")
    details = iter(multi)
    for row in binary:
        if float(row["isHate"]) >= 0.5:
            extra = next(details)
            violent = int(float(extra["violence"]) >= 0.5)
            directed = float(extra["directed_vs_generalized"]) >= 0.5
            out.add(row["comment"], "ethos", hate=1, threat=violent, spam=0,
                    harassment=1 if directed else UNKNOWN)
        else:
            out.add(row["comment"], "ethos", hate=0, spam=0)
    return out


SHARED: dict[str, Callable[[Path], Labelled]] = {
    "jigsaw": jigsaw, "davidson": davidson, "olid": olid, "youtube-spam": youtube_spam,
    "sms-spam": sms_spam, "ethos": ethos,
}


def shared(folder: Path) -> Labelled:
    """Every public set present in ``folder`` (shared/data), mapped to the learned rules."""
    if not folder.is_dir():
        raise DataError(f"{folder}: training data folder not found; pass --data with the path "
                        "of shared/data (see models/README.md)")
    names = [name for name in SHARED if (folder / name).is_dir()]
    if not names:
        raise DataError(f"{folder}: none of the sets {', '.join(SHARED)} is there; pass --data "
                        "with the path of shared/data")
    out = Labelled()
    for name in names:
        try:
            out.extend(SHARED[name](folder))
        except (OSError, KeyError, ValueError, csv.Error) as error:
            raise DataError(f"{folder / name}: cannot read the {name} set ({error}); check the "
                            "folder against shared/data/README.md") from None
    return out


def written(folder: Path) -> Labelled:
    """Text written for the project (models/training/*.txt, one comment per line).

    ``rule-<id>.txt``: positives for that rule (other rules unknown); any other file: civil
    comments that break no rule, negatives for every learned rule.
    """
    out = Labelled()
    for path in sorted(folder.glob("*.txt")):
        rule = path.stem.removeprefix("rule-") if path.stem.startswith("rule-") else None
        if rule is not None and rule not in LEARNED:
            raise DataError(f"{path}: {rule!r} is not a learned rule ({', '.join(LEARNED)})")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                if rule is None:
                    out.add(line.strip(), f"project:{path.stem}", default=0)
                else:
                    out.add(line.strip(), f"project:{path.stem}", **{rule: 1})
    return out


#: How a moderator's decision labels a comment (queue outcomes; DESIGN.md §2).
NEGATIVE_OUTCOMES = ("keep", "reverse", "unhide")
POSITIVE_OUTCOMES = ("hide", "confirm")


def archive_decisions(path: Path) -> Labelled:
    """Labels from moderators' decisions in an archive: each comment's newest decision by a
    user, with the text of the version decided. keep/reverse/unhide: no rule broken;
    hide/confirm citing a learned rule: that rule broken (others unknown); anything else
    (escalate, or a rule the model does not learn) carries no label."""
    if not path.is_file():
        raise DataError(f"{path}: archive not found; pass the path of moderator.db")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = conn.execute(
            "SELECT d.outcome, d.rule, v.text FROM decisions d "
            "JOIN comment_versions v ON v.comment = d.comment AND v.version = d.version "
            "WHERE d.id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY comment "
            "ORDER BY decided_at DESC, id DESC) AS n FROM decisions "
            "WHERE actor_kind = 'user') WHERE n = 1) ORDER BY d.id").fetchall()
        conn.close()
    except sqlite3.Error as error:
        raise DataError(f"{path}: cannot read moderator decisions ({error}); is it a "
                        "moderator archive?") from None
    out = Labelled()
    for outcome, rule, text in rows:
        if not text:
            continue
        if outcome in NEGATIVE_OUTCOMES:
            out.add(text, "archive", default=0)
        elif rule in LEARNED:
            out.add(text, "archive", **{rule: 1})
    return out
