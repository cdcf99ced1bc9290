"""Holds: placed with a scope, a reason and a reference; released on the record."""

from __future__ import annotations

import json

import pytest
from conftest import CITY_COMMENTS
from records_data import ingest

from moderator import audit
from moderator.archive import Archive
from moderator.errors import DataError, NotFound
from moderator.records.holds import add_hold, covered_count, list_holds, release_hold
from moderator.records.search import make_filters


def test_placing_a_hold_is_audited_and_counts_what_it_covers(fresh_db: Archive) -> None:
    ingest(fresh_db, *CITY_COMMENTS)
    hold = add_hold(fresh_db, kind="legal", reference="CV-2026-114", reason="Driver v. City",
                    scope=make_filters(author="Angry Driver", since="2026-11-01"),
                    actor="counsel")
    assert hold.active and covered_count(fresh_db, hold) == 1
    entry = fresh_db.one("SELECT * FROM audit_log WHERE subject = ?", [f"hold:{hold.id}"])
    assert entry["actor"] == "counsel" and entry["action"] == "hold.add"
    assert json.loads(entry["details"])["scope"] == {"author": "Angry Driver",
                                                     "since": "2026-11-01"}


def test_releasing_a_hold_is_audited_and_keeps_it_on_record(fresh_db: Archive) -> None:
    hold = add_hold(fresh_db, kind="request", reference="PRR-9", reason="request",
                    scope=make_filters(page="city"), actor="clerk")
    released = release_hold(fresh_db, hold.id, actor="clerk", note="answered 2026-12-01")
    assert not released.active and released.released_by == "clerk"
    assert list_holds(fresh_db) == []
    assert [h.id for h in list_holds(fresh_db, include_released=True)] == [hold.id]
    actions = [e["action"] for e in fresh_db.query("SELECT action FROM audit_log ORDER BY id")]
    assert actions == ["hold.add", "hold.release"]
    assert audit.verify(fresh_db).ok
    with pytest.raises(DataError, match="already released"):
        release_hold(fresh_db, hold.id, actor="clerk", note="again")
    with pytest.raises(NotFound):
        release_hold(fresh_db, 999, actor="clerk", note="x")


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "forever"}, "kind"),
    ({"reference": " "}, "reference"),
    ({"reason": ""}, "reason"),
    ({"scope": make_filters()}, "needs a scope"),
    ({"scope": make_filters(hidden=True)}, "cannot use hidden"),
])
def test_a_hold_without_kind_reference_reason_or_scope_is_refused(fresh_db: Archive,
                                                                  kwargs: dict,
                                                                  message: str) -> None:
    values = {"kind": "legal", "reference": "CV-1", "reason": "suit",
              "scope": make_filters(page="city"), "actor": "counsel", **kwargs}
    with pytest.raises(DataError, match=message):
        add_hold(fresh_db, **values)
