"""The shipped model and detectors in real poll cycles: what a moderator sees in the archive."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CityPage, comment, write_config

from moderator.archive import Archive
from moderator.classify import build_scorer
from moderator.config import load_config
from moderator.scheduler import poll_once


def decisions(config) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with Archive.open(config.archive) as archive:
        return {r["comment_id"]: r["decision"] for r in
                archive.query("SELECT comment_id, decision FROM comments")}


def test_it_hides_a_threat_but_keeps_criticism(city: CityPage, city_config) -> None:  # type: ignore[no-untyped-def]
    city.post(comment("c1", "The council wasted our money on this plan and should resign."),
              comment("c2", "I will kill you and your family, watch your back"))
    poll_once(city_config, build_scorer(city_config))
    assert decisions(city_config) == {"c1": "allow", "c2": "act:threat"}


def test_scores_are_stored_with_the_words_that_drove_them(city: CityPage, city_config) -> None:  # type: ignore[no-untyped-def]
    city.post(comment("c1", "you pathetic idiot, nobody asked you"))
    scorer = build_scorer(city_config)
    poll_once(city_config, scorer)
    with Archive.open(city_config.archive) as archive:
        row = archive.one("SELECT evidence, model_version FROM scores WHERE rule = 'harassment'")
        model = archive.one("SELECT sha256 FROM model_versions")
    assert row is not None and model is not None
    assert {"idiot", "pathetic"} & set(json.loads(row["evidence"]))
    assert row["model_version"] == scorer.version
    assert model["sha256"] == scorer.model.sha256  # type: ignore[attr-defined]


def test_a_flood_from_one_author_is_hidden_on_the_third_copy(city: CityPage, city_config) -> None:  # type: ignore[no-untyped-def]
    scorer = build_scorer(city_config)
    text = "Everyone come to the rally at the river park Saturday noon!!"
    for i, minute in enumerate(("10:00", "10:03", "10:06"), start=1):
        city.post(comment(f"f{i}", text + "!" * i, author_id="loud",
                          created_at=f"2026-11-20T{minute}:00Z"))
        poll_once(city_config, scorer)
    got = decisions(city_config)
    assert got["f1"] == "allow" and got["f2"] == "allow" and got["f3"] == "act:spam"


def test_the_agencys_own_number_is_not_personal_information(tmp_path: Path,
                                                            city: CityPage) -> None:
    config = load_config(write_config(tmp_path, extra='[detectors]\nagency_phones = '
                                                      '["217-555-0100"]\n'))
    city.post(comment("c1", "Call Public Works at 217-555-0100 to report it"),
              comment("c2", "Call my neighbor at 217-555-0187 to report it"))
    poll_once(config, build_scorer(config))
    got = decisions(config)
    assert got["c1"] == "allow" and got["c2"] == "review"
