"""`moderator score`, `explain` and `evaluate` on the shipped model, and their hostile inputs."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import comment, write_config
from records_data import hide_under, ingest

from moderator.archive import Archive
from moderator.cli import cli
from moderator.config import MODEL_RULES, load_rules
from moderator.export import export
from moderator.paths import shipped
from moderator.records.search import make_filters

ROWS = [("1", "Thanks for fixing Main Street so quickly!"),
        ("2", "This is fucking bullshit, fix the damn road"),
        ("3", "The council wasted our money and should resign."),
        ("4", "his cell is 217-555-0187 and he lives at 1187 Birchwood Lane, go get him")]


def write_csv(path: Path, rows=ROWS, header=("id", "text")) -> Path:  # type: ignore[no-untyped-def]
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        return list(csv.DictReader(handle))


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
def test_score_adds_a_probability_per_rule_and_a_decision(tmp_path: Path, suffix: str) -> None:
    source = write_csv(tmp_path / f"in{suffix}")
    target = tmp_path / f"out{suffix}"
    result = run("score", str(source), "--text-column", "text", "--output", str(target))
    assert result.exit_code == 0, result.output
    rows = read_csv(target)
    assert list(rows[0]) == ["id", "text", *MODEL_RULES, "decision"]
    assert all(0 <= float(row[rule]) <= 1 for row in rows for rule in MODEL_RULES)
    decisions = [row["decision"] for row in rows]
    assert decisions[0] == "allow" and decisions[2] == "allow"
    assert decisions[1] == "act:profanity"
    assert decisions[3] == "act:personal_info"


def test_score_keeps_every_row_with_its_own_decision_across_batches(tmp_path: Path) -> None:
    from moderator.classify.batch import BATCH

    count = 2 * BATCH + 345
    rows = [(str(i), ROWS[i % 4][1] + f" (#{i})") for i in range(count)]
    source = write_csv(tmp_path / "in.csv.gz", rows=rows)
    result = run("score", str(source), "--output", str(tmp_path / "out.csv.gz"))
    assert result.exit_code == 0 and f"scored {count} rows" in result.output, result.output
    out = read_csv(tmp_path / "out.csv.gz")
    assert [row["id"] for row in out] == [str(i) for i in range(count)]
    expected = ["allow", "act:profanity", "allow", "act:personal_info"]
    assert [row["decision"] for row in out] == [expected[i % 4] for i in range(count)]


def test_score_uses_the_thresholds_of_a_given_config(tmp_path: Path) -> None:
    config = write_config(tmp_path, extra="[thresholds]\nprofanity = { review = 0.999, "
                                          "act = 0.9999 }\n")
    source = write_csv(tmp_path / "in.csv", rows=[ROWS[1]])
    result = run("score", str(source), "--output", str(tmp_path / "out.csv"), "--config",
                 str(config))
    assert result.exit_code == 0, result.output
    assert read_csv(tmp_path / "out.csv")[0]["decision"] != "act:profanity"


@pytest.mark.parametrize(("content", "message"), [
    (b"id,body\n1,hello\n", "no column 'text'; the columns are id, body"),
    (b"id,text\n1,caf\xe9 ol\xe9\n", "not UTF-8"),
    (b"id,text\n1,\"" + b"x" * 1_200_000 + b"\"\n", "not valid CSV"),
    (b"", "empty file"),
    (b"id,text\n1\n2,fine\n", "line 2: 1 field(s), but the header has 2; quote any field"),
    (b"id,text\n1,a,b\n", "line 2: 3 field(s), but the header has 2"),
    (b'id,text\n1,"left open\n2,next comment\n', "a quote may be left open"),
])
def test_score_refuses_hostile_csv_with_one_line_and_exit_2(tmp_path: Path, content: bytes,
                                                             message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    target = tmp_path / "out.csv"
    result = run("score", str(source), "--output", str(target))
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1, \
        result.output
    assert not target.exists() and not (tmp_path / "out.csv.partial").exists()


def test_a_records_officer_scores_an_archive_export_as_it_is(tmp_path: Path,
                                                           fresh_db: Archive) -> None:
    """The export has its own "decision" column: it is kept, renamed, beside this scoring's."""
    ingest(fresh_db, comment("e1", "Thanks for fixing Main Street so quickly!"),
           comment("e2", "Watch your back, I know where you park"))
    hide_under(fresh_db, "e2", "threat")
    export(fresh_db, make_filters(), "csv", tmp_path / "export.csv", agency="City",
           exporter="Records Officer")
    result = run("score", str(tmp_path / "export.csv"), "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    assert "its column 'decision' is kept as 'input_decision'" in result.output
    rows = {row["comment_id"]: row for row in read_csv(tmp_path / "out.csv")}
    header = list(rows["e1"])
    assert header[0] == "archive_id" and "input_decision" in header
    assert header[-len(MODEL_RULES) - 1:] == [*MODEL_RULES, "decision"]
    assert rows["e1"]["input_decision"] == "" and rows["e2"]["input_decision"].endswith("threat")
    assert rows["e1"]["decision"] == "allow"
    assert rows["e1"]["text"] == "Thanks for fixing Main Street so quickly!"



def test_a_reader_of_a_scored_batch_sees_why_with_evidence(tmp_path: Path) -> None:
    """Two blind probes read a scored file and had to run `explain` line by line to learn why."""
    rows = [*ROWS, ("5", "=1+1 you stupid bitch")]
    source = write_csv(tmp_path / "in.csv", rows=rows)
    result = run("score", str(source), "--evidence", "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    scored = read_csv(tmp_path / "out.csv")
    assert list(scored[0]) == ["id", "text", *MODEL_RULES, "decision", "evidence"]
    why = [row["evidence"] for row in scored]
    assert why[0] == "" and why[2] == ""
    assert why[1].startswith("profanity: ") and "fucking" in why[1]
    assert why[3].startswith("personal_info: ") and "5550187" not in why[3].replace("-", "")
    # the evidence cell starts with a rule id, the deciding rule's, so a spreadsheet never
    # reads the comment's words in it as a formula (the text column is the input, as given)
    assert why[4].startswith("profanity: bitch") and "harassment: " in why[4]
    assert scored[4]["decision"] == "act:profanity"
    # without the flag, the contract's columns only
    plain = run("score", str(source), "--output", str(tmp_path / "plain.csv"))
    assert plain.exit_code == 0 and "evidence" not in read_csv(tmp_path / "plain.csv")[0]


def test_evidence_reads_a_link_a_number_and_capitals_as_a_person_would(tmp_path: Path) -> None:
    """The model's own tokens for them ("httplink", "zzdigits", "zzmoney", "zzcaps") were
    shown to moderators as evidence words."""
    rows = [("1", "CALL 09061701461 NOW TO CLAIM YOUR £1000 PRIZE AT http://win.example.com")]
    source = write_csv(tmp_path / "in.csv", rows=rows)
    result = run("score", str(source), "--evidence", "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    why = read_csv(tmp_path / "out.csv")[0]["evidence"]
    assert why.startswith("spam: ") and "a long number" in why, why
    assert not any(token in why for token in ("httplink", "zzdigits", "zzmoney", "zzcaps")), why


def test_evidence_names_the_deciding_rule_first_and_cuts_long_words(tmp_path: Path) -> None:
    noise = "x" * 3000
    rows = [("1", "Her cell is 312-867-5309, tell her what you think, you stupid idiot"),
            ("2", f"{noise} you stupid idiot {noise}")]
    source = write_csv(tmp_path / "in.csv", rows=rows)
    result = run("score", str(source), "--evidence", "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    first, second = read_csv(tmp_path / "out.csv")
    assert first["decision"] == "act:personal_info"
    assert first["evidence"].startswith("personal_info: ") and "harassment: " in first["evidence"]
    assert len(second["evidence"]) < 400


def test_an_input_column_named_evidence_is_kept(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", rows=[("1", ROWS[1][1], "mine")],
                       header=("id", "text", "evidence"))
    result = run("score", str(source), "--evidence", "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    row = read_csv(tmp_path / "out.csv")[0]
    assert row["input_evidence"] == "mine" and row["evidence"].startswith("profanity: ")

def test_a_labelled_file_keeps_its_labels_under_new_names(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", rows=[("1", ROWS[1][1], "1", "x")],
                       header=("id", "text", "profanity", "input_profanity"))
    result = run("score", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    row = read_csv(tmp_path / "out.csv")[0]
    assert list(row)[:4] == ["id", "text", "input_profanity_2", "input_profanity"]
    assert (row["input_profanity_2"], row["input_profanity"]) == ("1", "x")
    assert row["decision"] == "act:profanity" and float(row["profanity"]) > 0.5


def test_score_refuses_a_file_that_is_not_gzip(tmp_path: Path) -> None:
    source = tmp_path / "in.csv.gz"
    source.write_bytes(b"id,text\n1,hello\n")
    result = run("score", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.exit_code == 2 and "cannot read" in result.output


def test_explain_shows_the_words_behind_each_score() -> None:
    result = run("explain", "you are a pathetic idiot, fix the road")
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.strip().startswith("harassment"))
    assert "idiot" in line or "pathetic" in line
    assert result.output.splitlines()[-1] == "decision: review"
    # harassment is review-only: over its act threshold it still goes to a moderator, and the
    # line says so rather than "ACT"
    plain = run("explain", "you are a pathetic idiot").output
    line = next(x for x in plain.splitlines() if x.strip().startswith("harassment"))
    assert float(line.split()[1]) >= load_rules(shipped("config/conduct-rules.toml"))[
        "harassment"].act
    assert line.split()[2] == "review", line


def test_explain_says_when_kill_is_read_as_defeat_and_cites_what_was_read() -> None:
    result = run("explain", "Kill this bill")
    assert result.exit_code == 0, result.output
    assert "read as: defeat this bill" in result.output
    threat = next(x for x in result.output.splitlines() if x.strip().startswith("threat"))
    assert "kill" not in threat, "the words cited are the ones the score came from"
    assert result.output.splitlines()[-1] == "decision: allow"
    assert "read as" not in run("explain", "I will kill you, clerk").output


def test_explain_shows_the_reading_without_the_tags_that_close_a_comment() -> None:
    result = run("explain", "@CityHall you are a pathetic clown #FixOurRoads #Springfield")
    assert result.exit_code == 0, result.output
    # the closing tags run into the words: read as "it"
    assert "and without its tags: you are a pathetic clown it\n" in result.output
    assert result.output.splitlines()[-1] == "decision: review"
    assert "without its tags" not in run("explain", "I love #Springfield parks").output


def test_evaluate_prints_per_rule_metrics_for_a_labelled_file(tmp_path: Path) -> None:
    data = tmp_path / "labelled.jsonl"
    lines = [{"text": t, "profanity": int(i == 1), "personal_info": int(i == 3)}
             for i, (_, t) in enumerate(ROWS)]
    data.write_text("\n".join(json.dumps(x) for x in lines * 3), encoding="utf-8")
    result = run("evaluate", str(data))
    assert result.exit_code == 0, result.output
    profanity = next(x for x in result.output.splitlines() if x.startswith("profanity"))
    assert " 1.0000 " in profanity  # perfect ROC-AUC on this tiny set
    assert any(x.startswith("personal_info") for x in result.output.splitlines())


def test_evaluate_measures_what_moderator_score_decides_not_only_the_model() -> None:
    from moderator.classify import make_scorer, model
    from moderator.classify.evaluate import through_scorer
    from moderator.config import load_rules
    from moderator.paths import shipped

    scorer = make_scorer(load_rules(shipped("config/conduct-rules.toml")))
    texts = ["I wrote about the budget here https://maria-writes.example.net/budget",
             "The full study is at ow.ly/Xy7k50",
             "Road closed on Elm until Friday https://t.co/Xa81Bc2dQe", "Thanks for plowing",
             "Unlabelled for spam"]
    review = scorer.rules["spam"].review
    assert all(s["spam"].score < review for s in model.load().score_texts(texts[:2])), \
        "the model alone misses these links; the link detector is what catches them"
    report = through_scorer(scorer, texts, {"spam": np.array([1, 1, 0, 0, -1])})
    assert report["spam"]["rows"] == 4
    assert (report["spam"]["at_review"]["recall"], report["spam"]["at_review"]["precision"]) \
        == (1.0, 1.0)


def test_evaluate_on_the_shared_folder_also_reports_the_whole_scorer(tmp_path: Path) -> None:
    from test_classify_training import tiny_shared

    result = run("evaluate", str(tiny_shared(tmp_path / "data")))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(i for i, x in enumerate(lines) if "through the whole scorer" in x)
    assert [x.split()[0] for x in lines[start + 1:]] == ["profanity", "threat", "harassment",
                                                         "hate", "spam"]


def test_score_says_when_it_cannot_write_the_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv")
    result = run("score", str(source), "--output", str(tmp_path / "missing" / "out.csv"))
    assert result.exit_code == 2 and "cannot write" in result.output


def test_a_gzip_output_names_the_file_it_will_be(tmp_path: Path) -> None:
    """gzip records a file name in its header; it was the temporary "out.csv.gz.partial"."""
    source = write_csv(tmp_path / "in.csv")
    target = tmp_path / "out.csv.gz"
    assert run("score", str(source), "--output", str(target)).exit_code == 0
    header = target.read_bytes()
    assert header[3] & 0x08 and header[10:header.index(b"\0", 10)] == b"out.csv"
    assert len(read_csv(target)) == 4


def test_evaluate_refuses_scores_where_labels_belong(tmp_path: Path) -> None:
    """A `moderator score` output has a probability per rule: evaluated as labels, "0.7" was
    read as 0 and the metrics printed as if they meant something."""
    data = tmp_path / "scored.csv"
    data.write_text("text,threat\nI will find you,0.7\nhello,0.2\n", encoding="utf-8")
    result = run("evaluate", str(data))
    assert result.exit_code == 2
    assert "column 'threat' must hold 0 or 1 in every row; row 1 has '0.7'" in result.output
