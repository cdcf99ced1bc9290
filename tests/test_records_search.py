"""A records officer finds comments in any language, with any punctuation, and every version."""

from __future__ import annotations

import pytest
from conftest import CITY_COMMENTS, comment
from records_data import hide_under, ingest, rowid

from moderator.archive import Archive
from moderator.errors import DataError, NotFound
from moderator.records.history import history
from moderator.records.holds import add_hold
from moderator.records.search import make_filters, search


def found(archive: Archive, text: str = "", **filters: object) -> list[str]:
    results = search(archive, make_filters(text=text, **filters))  # type: ignore[arg-type]
    return sorted(hit.comment_id for hit in results.rows)


@pytest.fixture
def city_archive(fresh_db: Archive) -> Archive:
    ingest(fresh_db, *CITY_COMMENTS,
           comment("zh", "我觉得市政府应该尽快修路"),
           comment("ja", "市役所の対応が遅すぎます"),
           comment("ar", "متى سيتم إصلاح الطريق؟", author_name="سارة"),
           comment("ru", "Когда откроют бассейн? Ждём с нетерпением", author_name="Зоя"),
           comment("emoji", "Great job on the park 🌳🎉 thanks"),
           comment("quote", 'The mayor said "we will fix it" and didn\'t; 50% AND OR NEAR*'),
           comment("old", "Potholes on Elm", created_at="2026-01-05T09:00:00Z", post_id="p2"))
    return fresh_db


@pytest.mark.parametrize("query, expected", [
    ("市政府", ["zh"]),            # Chinese has no spaces: found inside a longer run
    ("修路", ["zh"]),              # two characters: shorter than a trigram, still found
    ("市役所", ["ja"]),
    ("الطريق", ["ar"]),
    ("бассейн", ["ru"]),
    ("БАССЕЙН", ["ru"]),           # case-insensitive in Cyrillic too
    ("🌳", ["emoji"]),
    ("park 🎉", ["emoji"]),
    ('"we will fix it"', ["quote"]),
    ("didn't", ["quote"]),
    ("50%", ["quote"]),
    ("Зоя", ["ru"]),               # the author's name is searched too
])
def test_it_finds_text_in_any_script_with_quotes_and_emoji(city_archive: Archive, query: str,
                                                            expected: list[str]) -> None:
    assert found(city_archive, query) == expected


@pytest.mark.parametrize("query", ['"', '"unclosed phrase', "AND OR NOT", "NEAR(a b)", "*",
                                   "col:value", "^start", "a' OR '1'='1", "%_\\", "\u202e"])
def test_search_syntax_typed_by_a_person_never_errors(city_archive: Archive, query: str) -> None:
    search(city_archive, make_filters(text=query))


def test_fts_operators_are_plain_text(city_archive: Archive) -> None:
    assert found(city_archive, "AND OR NEAR*") == ["quote"]


def test_it_finds_words_that_were_edited_away(city_archive: Archive) -> None:
    ingest(city_archive, comment("c1", "Thanks, resolved."), at="2026-11-21T10:00:00Z")
    assert found(city_archive, "detour adds") == ["c1"]


def test_filters_narrow_by_date_post_author_and_page(city_archive: Archive) -> None:
    assert found(city_archive, since="2026-01-01", until="2026-01-31") == ["old"]
    assert found(city_archive, post="p2") == ["old"]
    assert found(city_archive, author="angry driver") == ["c4"]
    assert found(city_archive, author="a-c5") == ["c5"]
    assert len(found(city_archive, page="city")) == 13
    assert found(city_archive, page="elsewhere") == []


def test_filters_by_rule_decision_hidden_and_deleted(city_archive: Archive) -> None:
    hide_under(city_archive, "c5", "threat")
    ingest(city_archive, comment("c6", CITY_COMMENTS[5]["text"], hidden=True))
    city_archive.record_visibility(rowid(city_archive, "c2"), "deleted", "2026-11-22T00:00:00Z")
    assert found(city_archive, rule="threat") == ["c5"]
    assert found(city_archive, decision="act:threat") == ["c5"]
    assert found(city_archive, decision="act") == ["c5"]
    assert found(city_archive, hidden=True) == ["c6"]
    assert found(city_archive, deleted=True) == ["c2"]
    assert "c2" not in found(city_archive, deleted=False)


def test_it_filters_what_a_hold_covers(city_archive: Archive) -> None:
    add_hold(city_archive, kind="request", reference="PRR-7", reason="request",
             scope=make_filters(text="bassein бассейн"), actor="clerk")
    assert found(city_archive, held=True) == []
    add_hold(city_archive, kind="request", reference="PRR-8", reason="request",
             scope=make_filters(text="бассейн"), actor="clerk")
    assert found(city_archive, held=True) == ["ru"]
    assert "ru" not in found(city_archive, held=False)


def test_results_are_paged_newest_first_with_a_total(city_archive: Archive) -> None:
    first = search(city_archive, make_filters(), limit=5)
    second = search(city_archive, make_filters(), limit=5, offset=first.next_offset or 0)
    assert first.total == second.total == 13
    assert first.next_offset == 5 and second.previous_offset == 0
    assert not {h.id for h in first.rows} & {h.id for h in second.rows}
    assert first.rows[0].created_at >= second.rows[-1].created_at
    assert search(city_archive, make_filters(), limit=5, offset=10).next_offset is None


def test_bad_filters_are_refused_with_the_field_named(city_archive: Archive) -> None:
    with pytest.raises(DataError, match="since"):
        make_filters(since="last tuesday")
    with pytest.raises(DataError, match="swap"):
        make_filters(since="2026-02-01", until="2026-01-01")
    with pytest.raises(DataError, match="platform"):
        make_filters(platform="myspace")
    with pytest.raises(DataError, match="query"):
        make_filters(text="x" * 1001)


def test_a_result_links_to_the_comments_whole_history(city_archive: Archive) -> None:
    cid = hide_under(city_archive, "c5", "threat")
    ingest(city_archive, comment("c5", "I take it back"), at="2026-11-22T00:00:00Z")
    from moderator import audit

    audit.append(city_archive, "system", "decision", f"comment:{cid}", {"decision": "act"})
    hit = search(city_archive, make_filters(text="engineer")).rows[0]
    story = history(city_archive, hit.id)
    assert [v["text"] for v in story.versions][1] == "I take it back"
    assert [d["rule"] for d in story.decisions] == ["threat"]
    assert [a["kind"] for a in story.actions] == ["hide"]
    assert [s["rule"] for s in story.scores] == ["threat"]
    assert [e["action"] for e in story.audit] == ["decision"]
    with pytest.raises(NotFound):
        history(city_archive, 99999)
