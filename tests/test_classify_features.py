"""Features and thresholds: the arithmetic the model card's figures rest on."""

from __future__ import annotations

import numpy as np
import pytest

from moderator.classify import evaluate
from moderator.classify.evaluate import at_threshold as _at
from moderator.classify.evaluate import calibration_error, thresholds
from moderator.classify.features import HashedTextFeatures, normalise, occurrences


@pytest.mark.parametrize(("text", "expected"), [
    ("Check www.Example.com/x NOW", "check httplink example com now"),
    ("@Mayor_Dana you &amp; the council", "@user you & the council"),
    ("cc (@dana, @@lee) not 12@noon or é@x", "cc (@user, @@user) not 12@noon or é@x"),
    ("tabs\tand\nnewlines  collapse", "tabs and newlines collapse"),
    ("the URL placeholder stays a word", "the url placeholder stays a word"),
    ("SHOUTING ABOUT THE POTHOLES AGAIN", "shouting about the potholes again zzcaps"),
    ("call 08452810075 for £100", "call 08452810075 for £100 zzdigits zzmoney"),
    ("1 2 3 4 5 6 7 8 and 1234 are no long number", "1 2 3 4 5 6 7 8 and 1234 are no long number"),
    ("ref 12-34567 please", "ref 12-34567 please zzdigits"),
    ("رقم ١٢٣٤٥٦ هنا", "رقم ١٢٣٤٥٦ هنا zzdigits"),  # Arabic-Indic digits are digits too
])
def test_the_model_reads_a_normalised_text(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(("said", "once"), [
    ("Thank you! " * 20, "Thank you!"),
    ("lol " * 30, "lol"),
    ("No new taxes " * 15, "No new taxes"),
    ("@dana @dana @dana @dana @dana @dana fix the road", "@dana fix the road"),
])
def test_a_phrase_said_again_and_again_is_read_as_said_once(said: str, once: str) -> None:
    """Every occurrence counts in a text's vector, so twenty "Thank you!"s scored like one with
    its weights times four: release 2026.12.3 hid them as spam (1.0) and thirty "LOL"s as
    profanity (0.97)."""
    assert normalise(said) == normalise(once)


def test_a_repeated_phrase_within_a_sentence_is_left_alone() -> None:
    assert normalise("Fix the roads! Fix the roads!") == "fix the roads! fix the roads!"
    assert normalise("the the cat sat") == "the the cat sat"


def test_character_ngrams_are_hashed_the_same_in_any_batch_and_process() -> None:
    alone = occurrences(["you idiot"], bits=20, char_ngrams=(2, 5), word_ngrams=2)
    batch = occurrences(["first", "you idiot", "last"], bits=20, char_ngrams=(2, 5),
                        word_ngrams=2)
    mine = batch.doc == 1
    assert sorted(alone.feature.tolist()) == sorted(batch.feature[mine].tolist())
    # a fixed value: the hash must not depend on Python's per-process string hashing
    P, M = 0x100000001B3, (1 << 64) - 1
    expected = ((ord(" ") * P + ord("y")) * P + ord("o")) & M
    assert int(alone.raw[alone.blocks["char3"]][0]) == expected


def test_each_text_has_unit_length_counting_every_occurrence_once() -> None:
    features = HashedTextFeatures(bits=16).fit(["the road", "the bridge", "a road"] * 2)
    found = features.occurrences(["the road is closed", "the bridge"])
    weights = features.weights(found)
    assert np.allclose(np.bincount(found.doc, weights=weights ** 2), 1.0)
    assert np.allclose(features.matrix(found).sum(axis=1).ravel(),
                       np.bincount(found.doc, weights=weights))


def test_the_act_threshold_is_the_lowest_with_95_percent_precision() -> None:
    scores = np.array([0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2] * 4)
    truth = np.array([1, 1, 1, 1, 1, 1, 0, 1, 0, 0] * 4)
    chosen = thresholds(truth, scores)
    assert 0.5 < chosen["act"] <= 0.6
    assert _at(truth, scores, chosen["act"])["precision"] >= 0.95
    assert chosen["review"] <= chosen["act"]
    assert _at(truth, scores, chosen["review"])["recall"] >= 0.9


def test_the_review_threshold_never_drops_below_half_precision() -> None:
    scores = np.linspace(0.99, 0.01, 100)
    truth = np.zeros(100, dtype=int)
    truth[[0, 1, 2, 50, 60, 70, 80, 90]] = 1
    chosen = thresholds(truth, scores)
    assert _at(truth, scores, chosen["review"])["precision"] >= 0.5


def _band(truth: np.ndarray, scores: np.ndarray) -> tuple[int, int, float]:
    """Positives the act threshold leaves, how many of them the review band catches, and the
    share of the band's comments that are positives."""
    chosen = thresholds(truth, scores)
    below_act = scores < chosen["act"]
    band = below_act & (scores >= chosen["review"])
    return int(truth[below_act].sum()), int(truth[band].sum()), float(truth[band].mean())


def test_the_review_band_reaches_down_to_catch_most_of_what_act_leaves() -> None:
    # 12 sure positives; then one positive in two for 20 comments; then one in four for 40;
    # then 400 civil comments
    truth = np.array([1] * 12 + [1, 0] * 10 + [1, 0, 0, 0] * 10 + [0] * 400)
    scores = np.linspace(0.99, 0.01, len(truth))
    left, caught, precision = _band(truth, scores)
    assert left == 19 and caught >= 10 and precision >= 0.4


def test_the_review_band_does_not_send_many_civil_comments_to_catch_a_few_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the same ranking with only 60 civil comments below: catching half of what act leaves
    # would send about 10 of 90 civil comments (11%) to review, so the band stops at the best F1
    truth = np.array([1] * 12 + [1, 0] * 10 + [1, 0, 0, 0] * 10 + [0] * 60)
    scores = np.linspace(0.99, 0.01, len(truth))
    left, caught, _ = _band(truth, scores)
    assert left == 19 and caught < 10
    monkeypatch.setattr(evaluate, "COVERAGE_MAX_FPR", 1.0)
    assert _band(truth, scores)[1] >= 10


def test_one_comment_more_or_less_does_not_move_the_review_band_far() -> None:
    # 10 sure positives, then a band where 2 comments in 5 are positives, but for the first
    # two: every cut that catches half of them is one positive short of 40%. A strict 40% would
    # fall back to the best-F1 cut among the sure positives and leave the band empty.
    band = [1, 1, 0, 0, 0] * 20
    band[:2] = [0, 0]
    truth = np.array([1] * 10 + band + [0] * 2000)
    scores = np.linspace(0.99, 0.01, len(truth))
    left, caught, precision = _band(truth, scores)
    assert left == 38 and caught >= 19 and precision >= 0.37


def test_the_review_band_does_not_reach_into_mostly_civil_comments() -> None:
    # below the sure positives, one positive in five: catching half of them would mean a queue
    # where four comments in five are civil
    truth = np.array([1] * 12 + [0, 0, 0, 0, 1] * 20)
    scores = np.linspace(0.99, 0.01, len(truth))
    left, caught, _ = _band(truth, scores)
    assert left == 20 and caught < 10


def test_with_few_positives_the_review_threshold_does_not_chase_a_slightly_better_f1() -> None:
    # 19 positives: the best F1 (0.452) lies four comments lower than a cut with F1 0.400, and
    # five of the comments in between are civil; less than 1/19 of F1 is noise, not a finding
    truth = np.array([1] * 3 + [1, 0] * 3 + [0, 0, 1] + [0] * 300 + [1] * 12 + [0] * 300)
    scores = np.linspace(0.99, 0.001, len(truth))
    best_f1_cut = scores[11]
    chosen, best = thresholds(truth, scores), _at(truth, scores, best_f1_cut)
    assert chosen["review"] > best_f1_cut
    review = _at(truth, scores, chosen["review"])
    assert review["f1"] >= best["f1"] - 1 / 19 and review["precision"] > best["precision"]


def test_calibration_error_is_zero_for_perfectly_calibrated_scores() -> None:
    scores = np.repeat([0.1, 0.5, 0.9], 10)
    truth = np.array([1] + [0] * 9 + [1] * 5 + [0] * 5 + [1] * 9 + [0])
    assert calibration_error(truth, scores) == pytest.approx(0.0)


def test_batch_normalisation_is_the_same_as_one_at_a_time() -> None:
    from moderator.classify.features import normalise_batch

    texts = ["sooooo goooood!!!!!", "plain text", "", "x\x00\x00\x00\x00y",
             "\ud800\ud800\ud800\ud800", "AAAA bbbb",
             "@user1 @user2 www.example.com &amp;&amp;&amp;&amp;"]
    assert normalise_batch(texts) == [normalise(t) for t in texts]


@pytest.mark.parametrize(("text", "read"), [
    ("I'll shoot you an e-mail with the agenda.", "i'll send you an e-mail with the agenda"),
    ("Shot the parks office a quick note", "sent the parks office a quick note"),
    ("she keeps shooting me texts", "she keeps sending me texts"),
])
def test_shoot_me_an_email_is_read_as_what_it_means(text: str, read: str) -> None:
    assert normalise(text).startswith(read)


@pytest.mark.parametrize("text", [
    "I'm going to shoot you", "shoot you in the face", "I will shoot the clerk then the note says",
    "shoot them all, the message is clear", "the film crew will shoot the mayor's interview",
])
def test_shoot_without_a_message_is_read_as_written(text: str) -> None:
    assert "shoot" in normalise(text)
