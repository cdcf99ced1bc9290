"""`moderator score`: score a CSV of comments (DESIGN.md §4).

The output has the input's rows and columns, one column per model rule id with a probability in
[0, 1], and ``decision`` (allow, review or act:<rule id>) from the configured rules. Files whose
name ends in ``.gz`` are read and written as gzip. Rows are streamed in batches, so memory stays
flat however long the file; the output appears under its name only when every row was scored.

An input column already named like an output column (the ``decision`` of an archive export, or a
labelled set's ``spam``) is kept, renamed ``input_<name>``: the file scores as it is, and a
reader of the output finds this run's figures under the contract's names.

With ``evidence``, one more column, ``evidence``, says why: for each rule at or above its review
threshold, the words or detector findings behind its score ("profanity: damn; no vulgar word: a
moderator decides | harassment: damn"), so whoever reads a scored batch sees what a moderator
would see in the queue.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from moderator.classify import Scorer
from moderator.comments import Comment
from moderator.config import MODEL_RULES
from moderator.errors import DataError
from moderator.policy import decide

#: The largest CSV field accepted (a comment longer than this is not a comment).
MAX_FIELD = 1_000_000
#: Rows scored at once: 1,000 kept the scorer's arrays in cache (4,096 was 10% slower).
BATCH = 1000


def _open(path: Path, mode: str, gz: bool, name: str = "") -> IO[str]:
    """``path`` as text; written gzip records ``name`` (the final name, not the partial one)."""
    encoding = "utf-8-sig" if mode == "r" else "utf-8"
    if gz and mode == "r":
        return gzip.open(path, "rt", encoding=encoding, newline="", errors="strict")
    if gz:
        file = open(path, "wb")
        return _Closing(gzip.GzipFile(filename=name or path.name, mode="wb", fileobj=file), file,
                        encoding)
    return open(path, mode, encoding=encoding, newline="", errors="strict")


class _Closing(io.TextIOWrapper):
    """A text wrapper over a GzipFile that also closes the file the GzipFile was given."""

    def __init__(self, raw: gzip.GzipFile, file: IO[bytes], encoding: str) -> None:
        super().__init__(raw, encoding=encoding, newline="", errors="strict")
        self._file = file

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._file.close()


def _rows(reader: Any, where: str) -> Iterator[list[str]]:
    """The rows of ``reader`` (a strict csv.reader), each as long as the header; errors name
    the line, since a row cut short or run on would put scores under the wrong columns or
    merge two comments into one."""
    width = None
    try:
        for row in reader:
            if not row:
                continue  # a blank line holds no comment
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise DataError(f"{where}: line {reader.line_num}: {len(row)} field(s), but the "
                                f"header has {width}; quote any field that contains a comma "
                                "or a line break")
            yield row
    except csv.Error as error:
        raise DataError(f"{where}: line {reader.line_num}: not valid CSV ({error}); a quote "
                        f"may be left open, and fields may be at most {MAX_FIELD:,} "
                        "characters") from None
    except UnicodeDecodeError:
        raise DataError(f"{where}: near line {reader.line_num + 1}: not UTF-8 text; save the "
                        "file as UTF-8") from None
    except (OSError, EOFError) as error:
        raise DataError(f"{where}: cannot read ({error}); is it a complete CSV or .csv.gz "
                        "file?") from None


@dataclass
class Scored:
    rows: int = 0
    #: input columns that clashed with an output column: old name -> the name they have now
    renamed: dict[str, str] = field(default_factory=dict)


def _keep_clashing(header: list[str], added: tuple[str, ...]) -> dict[str, str]:
    taken = set(header) | set(added)
    renamed = {}
    for name in header:
        if name in added:
            new, n = f"input_{name}", 2
            while new in taken:
                new, n = f"input_{name}_{n}", n + 1
            taken.add(new)
            renamed[name] = new
    return renamed


def score_csv(source: Path, target: Path, scorer: Scorer, text_column: str = "text", *,
              evidence: bool = False) -> Scored:
    """Score every row of ``source`` into ``target`` (with an ``evidence`` column if asked).

    Raises DataError for a missing file or column, bad encoding, broken CSV or huge fields.
    """
    csv.field_size_limit(MAX_FIELD)
    where = str(source)
    try:
        handle = _open(source, "r", source.suffix == ".gz")
    except OSError as error:
        raise DataError(f"{where}: cannot open ({error.strerror}); check the path") from None
    partial = target.with_name(target.name + ".partial")
    result = Scored()
    try:
        with handle:
            rows = _rows(csv.reader(handle, strict=True), where)
            header = next(rows, None)
            if header is None:
                raise DataError(f"{where}: empty file; expected a header row with a "
                                f"{text_column!r} column")
            if text_column not in header:
                raise DataError(f"{where}: no column {text_column!r}; the columns are "
                                f"{', '.join(h[:40] for h in header[:20])} (use --text-column)")
            column = header.index(text_column)
            added = (*MODEL_RULES, "decision", *(("evidence",) if evidence else ()))
            result.renamed = _keep_clashing(header, added)
            if str(target) == "-":  # standard output, for a pipe
                result.rows = _write_all(sys.stdout, header, rows, column, scorer, result,
                                         evidence)
                sys.stdout.flush()
                return result
            with _open(partial, "w", target.suffix == ".gz", target.name) as out:
                result.rows = _write_all(out, header, rows, column, scorer, result, evidence)
        os.replace(partial, target)
    except BrokenPipeError:
        raise  # the reader of a pipe stopped early: the command line says nothing
    except OSError as error:
        raise DataError(f"{target}: cannot write ({error.strerror or error}); check the folder "
                        "exists and is writable") from None
    finally:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # nothing was written there (a read-only folder): the error above says why
    return result


def _write_all(out: Any, header: list[str], rows: Iterator[list[str]], column: int,
               scorer: Scorer, result: Scored, evidence: bool = False) -> int:
    writer = csv.writer(out)
    writer.writerow([*(result.renamed.get(h, h) for h in header), *MODEL_RULES, "decision",
                     *(("evidence",) if evidence else ())])
    done = 0
    batch: list[list[str]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            done += _write(writer, batch, column, scorer, done, evidence)
            batch = []
    return done + _write(writer, batch, column, scorer, done, evidence)


#: Characters of one piece of evidence in the ``evidence`` column (a "word" can be a 4,000-
#: character run of letters).
EVIDENCE_CHARS = 60


def why(scores: dict[str, Any], scorer: Scorer, decided: str | None = None) -> str:
    """The evidence of every rule at or above its review threshold, the deciding rule first, as
    one cell (it starts with a rule id, so a spreadsheet never reads the comment's words in it
    as a formula)."""
    rules = sorted((rule for rule in scorer.rules if rule.id in scores
                    and scores[rule.id].score >= rule.review and scores[rule.id].score > 0),
                   key=lambda rule: rule.id != decided)
    return " | ".join(
        f"{rule.id}: " + ("; ".join(e if len(e) <= EVIDENCE_CHARS else e[:EVIDENCE_CHARS] + "…"
                                    for e in scores[rule.id].evidence) or "score")
        for rule in rules)


def _write(writer: Any, rows: list[list[str]], column: int, scorer: Scorer, done: int,
           evidence: bool = False) -> int:
    if not rows:
        return 0
    comments = [Comment(platform="facebook", page_id="csv", post_id="csv",
                        comment_id=str(done + i), text=row[column] if column < len(row) else "")
                for i, row in enumerate(rows)]
    for row, scores in zip(rows, scorer.score(comments), strict=True):
        decision = decide({rule: s.score for rule, s in scores.items()}, scorer.rules)
        writer.writerow([*row, *(f"{scores[r].score:.4f}" if r in scores else "0.0000"
                                 for r in MODEL_RULES), decision.label,
                         *((why(scores, scorer, decision.rule),) if evidence else ())])
    return len(rows)
