"""The ``[retention]`` table of moderator.toml: record series, periods, dispositions.

::

    [retention]
    nightly = true                 # the daemon runs the schedule every night at run_at (UTC)
    run_at = "03:00"
    transfer_dir = "transfers"     # where transfer packages go (relative to moderator.toml)

    [[retention.series]]
    name = "comments"              # a record series
    period = "2y"                  # a number and d, w, m or y
    from = "capture"               # or "last_action"
    disposition = "transfer"       # or "destroy"
    # optional scope, as in a search: page, platform, post, author, rule, decision,
    # hidden, deleted

:func:`load_schedule` validates it and raises ConfigError naming the file, the key and the fix;
the CLI and the daemon call it at start-up. No ``[retention]`` table means nothing is ever due.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from moderator.config import Config
from moderator.errors import ConfigError, DataError
from moderator.records.search import Filters, make_filters

BASES = ("capture", "last_action")
DISPOSITIONS = ("destroy", "transfer")
SCOPE_KEYS = ("page", "platform", "post", "author", "rule", "decision", "hidden", "deleted")
_SERIES_KEYS = {"name", "period", "from", "disposition", *SCOPE_KEYS}
_TABLE_KEYS = {"nightly", "run_at", "transfer_dir", "series"}
_PERIOD = re.compile(r"^([1-9][0-9]{0,3})([dwmy])$")
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,47}$")
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
FORMAT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Series:
    name: str
    period: str
    amount: int
    unit: str
    basis: str
    disposition: str
    scope: Filters = Filters()


@dataclass(frozen=True)
class Schedule:
    series: tuple[Series, ...] = ()
    transfer_dir: Path | None = None
    nightly: bool = False
    run_at: str = "03:00"


def add_period(moment: str, amount: int, unit: str, sign: int = 1) -> str:
    """``moment`` plus (or minus) a calendar period; 29 February plus a year is 28 February."""
    when = datetime.strptime(moment, FORMAT).replace(tzinfo=UTC)
    if unit in ("d", "w"):
        when += sign * timedelta(days=amount * (7 if unit == "w" else 1))
    else:
        months = when.month - 1 + sign * amount * (12 if unit == "y" else 1)
        year, month = when.year + months // 12, months % 12 + 1
        day = min(when.day, calendar.monthrange(year, month)[1])
        when = when.replace(year=year, month=month, day=day)
    return when.strftime(FORMAT)


def cutoff(now: str, amount: int, unit: str) -> str:
    """Anything whose basis is at or before this moment is past its period at ``now``."""
    return add_period(now, amount, unit, sign=-1)


def _series(data: Any, where: str) -> Series:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table ([[retention.series]])")
    for key in data:
        if key not in _SERIES_KEYS:
            raise ConfigError(f"{where}.{key}: unknown key; use name, period, from, "
                              f"disposition or a scope key ({', '.join(SCOPE_KEYS)})")
    name = data.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}.name: {name!r}; give the series a short name such as "
                          "\"comments\" (lower-case letters, digits, - and _)")
    where = f"{where} ({name})"
    period = data.get("period")
    match = _PERIOD.match(period) if isinstance(period, str) else None
    if not match and isinstance(period, str) and re.fullmatch(r"0+[dwmy]", period):
        raise ConfigError(f"{where}.period: {period!r} keeps nothing at all; a period is at "
                          "least 1, for example \"1d\" (or remove the series)")
    if not match:
        raise ConfigError(f"{where}.period: {period!r}; write a number and d, w, m or y, "
                          "for example \"2y\" or \"90d\"")
    basis = data.get("from", "capture")
    if basis not in BASES:
        raise ConfigError(f"{where}.from: {basis!r} must be \"capture\" or \"last_action\"")
    disposition = data.get("disposition")
    if disposition not in DISPOSITIONS:
        raise ConfigError(f"{where}.disposition: {disposition!r} must be \"destroy\" or "
                          "\"transfer\" (a BagIt package to transfer_dir first)")
    scope_values = {k: data[k] for k in SCOPE_KEYS if k in data}
    for key, value in scope_values.items():
        kind = bool if key in ("hidden", "deleted") else str
        if not isinstance(value, kind):
            raise ConfigError(f"{where}.{key}: must be "
                              f"{'true or false' if kind is bool else 'a string'}")
    try:
        scope = make_filters(**scope_values)
    except DataError as error:
        raise ConfigError(f"{where}: {error}") from None
    assert isinstance(period, str)
    return Series(name, period, int(match.group(1)), match.group(2), basis, disposition, scope)


def schedule_from_table(table: dict[str, Any], path: Path) -> Schedule:
    """Validate a raw ``[retention]`` table read from ``path``."""
    where = f"{path}: retention"
    for key in table:
        if key not in _TABLE_KEYS:
            raise ConfigError(f"{where}.{key}: unknown key; use nightly, run_at, transfer_dir "
                              "and [[retention.series]] tables")
    nightly = table.get("nightly", False)
    if not isinstance(nightly, bool):
        raise ConfigError(f"{where}.nightly: must be true or false, got {nightly!r}")
    run_at = table.get("run_at", "03:00")
    if not isinstance(run_at, str) or not _TIME.match(run_at):
        raise ConfigError(f"{where}.run_at: {run_at!r}; write a UTC time as \"HH:MM\"")
    raw = table.get("series", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{where}.series: must be a list of [[retention.series]] tables")
    series = [_series(item, f"{where}.series[{i}]") for i, item in enumerate(raw)]
    names = [s.name for s in series]
    for name in names:
        if names.count(name) > 1:
            raise ConfigError(f"{where}.series: the series name {name!r} is used twice; "
                              "give each series its own name")
    transfer_dir = table.get("transfer_dir")
    if transfer_dir is not None and (not isinstance(transfer_dir, str) or not transfer_dir):
        raise ConfigError(f"{where}.transfer_dir: must be a folder path")
    if any(s.disposition == "transfer" for s in series) and not transfer_dir:
        raise ConfigError(f"{where}.transfer_dir: missing; a series with disposition = "
                          "\"transfer\" needs transfer_dir = \"transfers\" (a folder for the "
                          "packages)")
    folder = (path.parent / transfer_dir).resolve() if transfer_dir else None
    return Schedule(tuple(series), folder, nightly, run_at)


def load_schedule(config: Config) -> Schedule:
    """The validated retention schedule of a loaded configuration (empty if none).

    A series scoped to a rule the published rules do not have would cover nothing, and what
    it was meant to keep longer would fall to a shorter series: that is an error, not a no-op.
    """
    schedule = schedule_from_table(config.sections.get("retention") or {}, config.path)
    for index, series in enumerate(schedule.series):
        cited = (series.scope.decision or "").partition(":")[2]
        for key, rule in (("rule", series.scope.rule), ("decision", cited)):
            if rule and rule not in config.rules:
                raise ConfigError(
                    f"{config.path}: retention.series[{index}] ({series.name}).{key}: {rule!r} "
                    f"is not a rule in {config.rules_path.name} "
                    f"({', '.join(config.rules.ids)}); check the spelling")
    return schedule
