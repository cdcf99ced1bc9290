"""The shipped conduct model: loads fast and safely, scores with evidence, refuses bad files."""

from __future__ import annotations

import hashlib
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from conftest import ROOT, write_config
from sklearn.preprocessing import StandardScaler

from moderator.classify import build_scorer, model
from moderator.comments import Comment
from moderator.config import MODEL_RULES, load_config, load_rules
from moderator.errors import ConfigError

ARTIFACT = ROOT / "models" / "conduct.skops"
SHIPPED_RULES = load_rules(ROOT / "config" / "conduct-rules.toml")


def test_the_shipped_artifact_is_small_and_loads_in_under_two_seconds() -> None:
    assert ARTIFACT.stat().st_size <= 20 * 1024 * 1024
    started = time.perf_counter()
    loaded = model.load()
    assert time.perf_counter() - started < 2.0
    sha = hashlib.sha256(ARTIFACT.read_bytes()).hexdigest()
    assert loaded.sha256 == sha
    assert loaded.version.endswith(sha[:8]) and loaded.version.startswith("conduct-")


def test_it_scores_every_model_rule_with_a_probability() -> None:
    scores = model.load().score_texts(["Thanks for fixing the streetlight on Elm!"])[0]
    assert set(scores) == set(MODEL_RULES) - {"personal_info"}
    assert all(0.0 <= s.score <= 1.0 for s in scores.values())


@pytest.mark.parametrize(("text", "rule", "word"), [
    ("this is fucking bullshit, fix the damn road", "profanity", "fucking"),
    ("you are a pathetic idiot and a moron", "harassment", "idiot"),
    ("I will kill you and your whole family", "threat", "kill"),
    ("check out my channel and subscribe, free gift cards http://bit.ly/x", "spam", "subscribe"),
    ("send nudes, horny and looking for a hookup tonight", "sexual", "horny"),
])
def test_it_flags_clear_violations_and_says_which_words_drove_the_score(text, rule, word  # type: ignore[no-untyped-def]
                                                                        ) -> None:
    found = model.load().score_texts([text])[0][rule]
    assert found.score >= SHIPPED_RULES[rule].review
    assert any(word in e for e in found.evidence), found.evidence


def test_explain_ranks_the_words_of_a_text_for_each_rule() -> None:
    ranked = model.load().explain("you stupid moron, the council did fine")["harassment"]
    top = [word for word, _ in ranked[:2]]
    assert "moron" in top or "stupid" in top
    assert ranked[-1][1] <= ranked[0][1]


def test_scoring_is_the_same_alone_or_in_a_batch() -> None:
    loaded = model.load()
    texts = ["you idiot", "When does the pool open?", "BUY NOW cheap pills www.pills.biz"]
    alone = [loaded.score_texts([t])[0] for t in texts]
    together = loaded.score_texts(texts)
    for one, many in zip(alone, together, strict=True):
        assert {r: round(s.score, 6) for r, s in one.items()} == \
            {r: round(s.score, 6) for r, s in many.items()}


def test_the_fast_scoring_path_gives_what_the_scikit_learn_pipeline_gives() -> None:
    """Scoring sums each word's share (and what comes before a text's first word) instead of
    multiplying the whole feature matrix: the probabilities must not change."""
    loaded = model.load()
    texts = ["you idiot", "...you idiot!!", "!!!", "", "🙂 fine", "When does the pool open?",
             "@USER BUY NOW cheap pills www.pills.biz $$$", "I will kill you " * 40,
             "«Маэр» — 市长 says no"]
    fast = np.array([[scores[rule].score for rule in loaded.rules]
                     for scores in loaded.score_texts(texts)])
    reference = loaded.pipeline.predict_proba(texts)
    np.testing.assert_allclose(fast, reference, rtol=0, atol=2e-5)


def test_hostile_texts_score_without_error() -> None:
    loaded = model.load()
    texts = ["", " ", "\x00\x00", "🔥" * 5000, "a" * 200_000, "&#128514;&amp;&lt;", "\ud800"]
    assert len(loaded.score_texts(texts)) == len(texts)


def _configured(tmp_path: Path, artifact: Path) -> Path:
    return write_config(tmp_path, extra=f'model = "{artifact.name}"')


def test_a_missing_artifact_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    config = load_config(_configured(tmp_path, tmp_path / "nowhere.skops"))
    with pytest.raises(ConfigError, match=r"nowhere\.skops: model: cannot read"):
        build_scorer(config)


def test_a_corrupt_artifact_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.skops"
    broken.write_bytes(ARTIFACT.read_bytes()[:5000])
    with pytest.raises(ConfigError, match="not a readable skops artifact"):
        build_scorer(load_config(_configured(tmp_path, broken)))


def test_an_artifact_with_untrusted_types_is_refused_without_loading_them(tmp_path: Path) -> None:
    other = tmp_path / "other.skops"
    sio.dump({"format": 1, "pipeline": StandardScaler(), "lexicon": {}, "meta": {}}, other)
    with pytest.raises(ConfigError, match="model: (the artifact contains types|not a moderator)"):
        model.load(other)
    with zipfile.ZipFile(other) as archive:
        assert "schema.json" in archive.namelist()


def test_the_daemon_scorer_uses_the_shipped_model_and_detectors(city_config, rules) -> None:  # type: ignore[no-untyped-def]
    scorer = build_scorer(city_config)
    assert scorer.version == model.load().version
    assert [type(d).__name__ for d in scorer.detectors] == [
        "PersonalInfoDetector", "LinkDetector", "FloodDetector", "MaskedWordDetector"]
    comment = Comment("facebook", "city", "p1", "c1", "his cell is 217-555-0187, go get him")
    assert scorer.score([comment])[0]["personal_info"].score >= rules["personal_info"].act


def test_a_bad_detectors_table_stops_start_up(tmp_path: Path) -> None:
    path = write_config(tmp_path, extra='[detectors]\nflood_count = "many"\n')
    with pytest.raises(ConfigError, match=r"moderator\.toml: detectors\.flood_count"):
        build_scorer(load_config(path))


def test_the_shipped_rules_have_measured_thresholds_and_the_same_rules_as_the_test_copy(
        rules) -> None:  # type: ignore[no-untyped-def]
    """The spine tests pin round thresholds (tests/data/conduct-rules.toml); the public rules
    must otherwise be the same."""
    def public(book):  # type: ignore[no-untyped-def]
        return [(r.id, r.title, r.wording, r.on_match, r.keywords, r.patterns) for r in book]

    assert public(rules) == public(SHIPPED_RULES)
    import json

    measured = json.loads((ROOT / "models" / "metrics.json").read_text())["rules"]
    for rule_id, entry in measured.items():
        assert SHIPPED_RULES[rule_id].review == entry["thresholds"]["review"]
        assert SHIPPED_RULES[rule_id].act == entry["thresholds"]["act"]


@pytest.mark.parametrize(("text", "phrase"), [
    ("I will hurt the engineer who approved this, watch your back", "watch your back"),
    ("councilman, I know where you live", "i know where you live"),
])
def test_a_published_threat_phrase_sends_a_comment_to_review_but_never_hides_it_alone(
        text: str, phrase: str) -> None:
    found = model.load().score_texts([text])[0]["threat"]
    assert SHIPPED_RULES["threat"].review <= found.score
    assert phrase in found.evidence[0]
    assert model.load().score_texts(["Watch your step on the icy library stairs"])[0][
        "threat"].score < SHIPPED_RULES["threat"].review


def test_a_learned_rule_never_scores_1_so_an_act_threshold_of_1_means_never() -> None:
    shipped = model.load()
    rude = "you stupid fucking idiot moron shut the fuck up you worthless piece of shit " * 20
    scores = shipped.score_texts([rude])[0]
    assert scores["profanity"].score == pytest.approx(1.0, abs=1e-5)
    assert all(scores[rule].score < 1.0 for rule in shipped.rules)
    huge = np.full((1, len(shipped.rules)), 1e6)
    assert (shipped.heads.calibrate(huge * np.sign(-shipped.heads.calibration_a_)) < 1.0).all()


@pytest.mark.parametrize("batch", [[""], ["!!!"], ["...", "?!"], ["🙂🙂"]])
def test_a_batch_without_a_single_word_is_scored_not_crashed(batch: list[str]) -> None:
    scores = model.load().score_texts(batch)
    assert len(scores) == len(batch)
    assert all(0.0 <= s.score < 0.5 for one in scores for s in one.values())


def test_a_hash_set_answers_exactly_even_for_hashes_that_share_its_low_bits() -> None:
    rng = np.random.default_rng(7)
    members = rng.integers(0, 2**63, size=60, dtype=np.uint64)
    # the same low 16 bits as a member, other high bits: the fast table says "maybe", not "yes"
    lookalikes = (members ^ np.uint64(1 << 40))[:20]
    values = np.concatenate([members[::3], lookalikes, rng.integers(0, 2**63, size=5000,
                                                                    dtype=np.uint64)])
    found = model.HashSet(members).contains(values)
    assert found.tolist() == np.isin(values, members).tolist()
    assert found[:20].all() and not found[20:40].any()
    assert not model.HashSet(np.zeros(0, dtype=np.uint64)).contains(values).any()


def test_a_phrase_without_trigger_words_is_searched_in_every_text_and_near_words_in_long_ones(
        ) -> None:
    """Artifacts before release 2026.11.1-193e45d3 publish bare expressions, searched in every
    text; a phrase with trigger words is searched only near them in a long text, and there it
    is still found after 4,000 characters of filler."""
    loaded = model.load()
    meta = dict(loaded.meta, threat_phrases=[r"\bthe levy will burn\b",
                                             ["shovel", r"\bbring a shovel\b"]])
    bare = model.ConductModel(loaded.pipeline, loaded.lexicon, meta, loaded.sha256)
    filler = "the budget hearing ran long and the minutes are posted. " * 70
    texts = ["The levy will burn", filler + "bring a shovel", filler + "a shovel is fine",
             "bring a shovel " + filler, "bring the shovel"]
    threat = [s["threat"] for s in bare.score_texts(texts)]
    assert [s.evidence[:1] for s in threat] == [("the levy will burn",), ("bring a shovel",),
                                               (), ("bring a shovel",), ()]
    assert threat[0].score >= SHIPPED_RULES["threat"].review


def test_a_score_without_some_words_is_the_rest_of_the_text_in_the_same_context() -> None:
    """What the scorer reads political labels with: a text without the words scores as
    score_texts does; taking out a word that raised the score lowers it, and only its share."""
    loaded = model.load(None)
    texts = ["Thank you for the update", "Trump", "Trump is a moron", "You look happy .MAGA"]
    scored = [s["harassment"].score for s in loaded.score_texts(texts)]
    same = loaded.without_words(texts, "harassment", frozenset({"nobody"}))
    assert same == pytest.approx(scored, abs=1e-9)
    rest = loaded.without_words(texts, "harassment", frozenset({"trump", "maga"}))
    assert rest[0] == pytest.approx(scored[0], abs=1e-9)
    assert rest[1] < scored[1] / 4 and rest[3] < scored[3] / 4
    assert scored[2] > rest[2] > 0.5  # "moron" carries its own weight
