"""Records: search, full history, legal holds, retention schedules and disposition.

The library the CLI (`moderator records|hold|retention`) and the web's records pages call:

- :mod:`.search`: :class:`Filters`, :func:`make_filters`, :func:`search` (a page and the total),
  :func:`iter_ids` (streaming), :func:`count`;
- :mod:`.history`: :func:`history` (versions, scores, decisions, actions, review items, audit
  entries, holds, dispositions of one comment);
- :mod:`.holds`: :func:`add_hold`, :func:`list_holds`, :func:`get_hold`, :func:`release_hold`;
- :mod:`.schedule`: :func:`load_schedule` (the ``[retention]`` table, validated);
- :mod:`.retention`: :func:`due`, :func:`run_retention`, :func:`run_scheduled` (nightly job);
- :mod:`.disposition`: what disposal removes and the disposition log's hash chain.

Exports (CSV, JSON Lines, BagIt) are in :mod:`moderator.export`.
"""

from moderator.records.schema import migrations

__all__ = ["migrations"]
