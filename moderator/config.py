"""Load and validate moderator.toml and the agency's published conduct rules.

Everything is checked at start-up: a problem raises :class:`ConfigError` with one line naming
the file, the key and the fix, and the CLI exits with status 2. Nothing here touches the
network or the archive.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moderator.errors import ConfigError
from moderator.settings import PAGE_SETTINGS, SETTINGS, Setting

#: Rule ids the shipped model scores; every score output has one column per id (DESIGN.md §4).
MODEL_RULES: tuple[str, ...] = (
    "profanity",
    "threat",
    "harassment",
    "hate",
    "sexual",
    "spam",
    "personal_info",
)
ON_MATCH = ("hide", "review")
SOURCES = ("facebook", "instagram", "x", "jsonl")
DEFAULT_API_BASE = {
    "facebook": "https://graph.facebook.com",
    "instagram": "https://graph.facebook.com",
    "x": "https://api.twitter.com",
}
_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_RULE_KEYS = {"id", "title", "wording", "on_match", "review", "act", "urgent", "keywords",
              "patterns"}


@dataclass(frozen=True)
class Rule:
    """One published conduct rule. Model rules are scored by the classifier; the agency's own
    rules match keywords or patterns (score 1.0) or are only cited by moderators."""

    id: str
    title: str
    wording: str
    on_match: str = "review"
    review: float = 0.5
    act: float = 1.0
    urgent: bool = False
    keywords: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()

    @property
    def model(self) -> bool:
        return self.id in MODEL_RULES


@dataclass(frozen=True)
class RuleBook:
    """The published rules, in their published order."""

    rules: tuple[Rule, ...]
    title: str = ""
    url: str = ""
    published: str = ""

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def __contains__(self, rule_id: object) -> bool:
        return any(rule.id == rule_id for rule in self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)


@dataclass(frozen=True)
class Page:
    """One connected page, account or X user."""

    key: str
    platform: str
    account_id: str
    name: str = ""
    source: str = ""
    token_env: str = ""
    token_file: str = ""
    api_base_url: str = ""
    api_version: str = "v21.0"
    poll_interval: float = 300
    path: str = ""
    token: str | None = field(default=None, repr=False, compare=False)

    @property
    def connector(self) -> str:
        return self.source or self.platform

    def missing_token(self) -> str:
        """Where the token was looked for, for the error that says there is none."""
        places = []
        if self.token_env:
            places.append(f"${self.token_env} (or the file named by ${self.token_env}_FILE)")
        if self.token_file:
            places.append(f"the file {self.token_file}")
        if not places:
            return "no access token; set the page's token_env or token_file"
        return (f"no access token in {' or '.join(places)}; put the page's token there (a file "
                "must exist and not be empty)")


@dataclass(frozen=True)
class Config:
    agency: str
    path: Path
    archive: Path
    rules_path: Path
    rules: RuleBook
    pages: tuple[Page, ...]
    dry_run: bool = True
    model: str = ""
    api_timeout: float = 30
    usage_slowdown: float = 0.8
    recheck_hours: float = 72
    max_backoff: float = 3600
    busy_timeout: float = 30
    sections: dict[str, Any] = field(default_factory=dict)

    def page(self, key: str) -> Page:
        for page in self.pages:
            if page.key == key:
                return page
        raise ConfigError(f"{self.path}: no page with key {key!r}; keys are "
                          f"{', '.join(p.key for p in self.pages) or '(none)'}")


#: Optional sections other modules read (validated by them through :func:`section`).
OPTIONAL_SECTIONS = ("thresholds", "detectors", "alerts", "retention", "web", "demo")


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Read a TOML file, turning every failure into one actionable line."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} file not found; create it (see config/ for an "
                          "example) or pass its path with --config") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a {what} file") from None
    except PermissionError:
        raise ConfigError(f"{path}: cannot read the {what} file (permission denied)") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: TOML syntax error: {error}; fix the file") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the {what} file as UTF-8") from None


def _check(value: Any, setting: Setting, where: str) -> Any:
    kinds = setting.kind if isinstance(setting.kind, tuple) else (setting.kind,)
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if not ok:
        names = " or ".join("true/false" if k is bool else k.__name__ for k in kinds)
        raise ConfigError(f"{where}: must be {names}, got {value!r}")
    return value


def _scalars(data: dict[str, Any], table: tuple[Setting, ...], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for setting in table:
        if setting.name in data:
            out[setting.name] = _check(data[setting.name], setting, f"{where}{setting.name}")
        elif setting.required:
            raise ConfigError(f"{where}{setting.name}: missing; add {setting.name} = ... "
                              f"({setting.help})")
        else:
            out[setting.name] = setting.default
    return out


def _unknown(data: dict[str, Any], known: set[str], where: str, listed: bool = True) -> None:
    for key in data:
        if key not in known:
            hint = ("`moderator settings` lists them" if listed
                    else f"use {', '.join(sorted(known))}")
            raise ConfigError(f"{where}{key}: unknown setting; check the spelling ({hint})")


def _fraction(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: must be a number between 0 and 1, got {value!r}")
    if not 0 <= value <= 1:
        raise ConfigError(f"{where}: {value} is outside [0, 1]; use a probability between 0 and 1")
    return float(value)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: must be a list of non-empty strings")
    return tuple(value)


def _rule(data: Any, where: str) -> Rule:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table ([[rules]])")
    rule_id = data.get("id")
    if "id" not in data:  # "idd = ..." is a typo to name, not a missing id
        _unknown(data, _RULE_KEYS, f"{where}.", listed=False)
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise ConfigError(f"{where}.id: {rule_id!r} is not a rule id; use lower-case letters, "
                          "digits and _ (for example off_topic)")
    where = f"{where} ({rule_id})"
    _unknown(data, _RULE_KEYS, f"{where}.", listed=False)
    for key in ("title", "wording"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ConfigError(f"{where}.{key}: missing; every rule needs its public {key}")
    on_match = data.get("on_match", "review")
    if on_match not in ON_MATCH:
        raise ConfigError(f"{where}.on_match: {on_match!r} must be \"hide\" or \"review\"")
    model = rule_id in MODEL_RULES
    if model and ("review" not in data or "act" not in data):
        raise ConfigError(f"{where}: model rules need review and act thresholds; add "
                          "review = 0.5 and act = 0.9 (see models/README.md for measured values)")
    review = _fraction(data.get("review", 0.5), f"{where}.review")
    act = _fraction(data.get("act", 0.5 if not model else 1.0), f"{where}.act")
    if review > act:
        raise ConfigError(f"{where}.review: review threshold {review} is above the act threshold "
                          f"{act}; lower review or raise act")
    patterns = _strings(data.get("patterns", []), f"{where}.patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ConfigError(f"{where}.patterns: {pattern!r} is not a valid regular "
                              f"expression ({error})") from None
    urgent = data.get("urgent", False)
    if not isinstance(urgent, bool):
        raise ConfigError(f"{where}.urgent: must be true or false, got {urgent!r}")
    return Rule(
        id=rule_id,
        title=data["title"].strip(),
        wording=data["wording"].strip(),
        on_match=on_match,
        review=review,
        act=act,
        urgent=urgent,
        keywords=_strings(data.get("keywords", []), f"{where}.keywords"),
        patterns=patterns,
    )


def load_rules(path: Path, thresholds: dict[str, Any] | None = None,
               config_path: Path | None = None) -> RuleBook:
    """Load the conduct rules, applying threshold overrides from moderator.toml."""
    if config_path is not None and not path.exists():
        raise ConfigError(f"{config_path}: rules: {path} not found; set `rules` to the path of "
                          "the published conduct rules (relative to moderator.toml; "
                          "config/conduct-rules.toml is an example)")
    data = read_toml(path, "conduct rules")
    _unknown(data, {"title", "url", "published", "rules"}, f"{path}: ")
    raw = data.get("rules")
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{path}: rules: no [[rules]] tables; publish at least the model rules "
                          f"({', '.join(MODEL_RULES)})")
    seen: set[str] = set()
    for i, item in enumerate(raw):  # a duplicate first: its other errors may be the copy's
        rule_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(rule_id, str) and rule_id in seen:
            raise ConfigError(f"{path}: [[rules]] #{i + 1}: rule id {rule_id!r} is defined "
                              "twice; rename or remove one")
        if isinstance(rule_id, str):
            seen.add(rule_id)
    rules = [_rule(item, f"{path}: [[rules]] #{i + 1}") for i, item in enumerate(raw)]
    missing = [r for r in MODEL_RULES if r not in seen]
    if missing:
        raise ConfigError(f"{path}: rules: the model rules {', '.join(missing)} are not "
                          "published; add a [[rules]] table for each")
    where = f"{config_path or path}: thresholds"
    for rule_id, override in (thresholds or {}).items():
        if rule_id not in seen:
            raise ConfigError(f"{where}.{rule_id}: unknown rule id; use one of "
                              f"{', '.join(sorted(seen))}")
        if not isinstance(override, dict):
            raise ConfigError(f"{where}.{rule_id}: must be a table like "
                              "{ review = 0.4, act = 0.9 }")
        for key in override:
            if key not in ("review", "act"):
                raise ConfigError(f"{where}.{rule_id}.{key}: unknown setting; use review "
                                  "and act, like { review = 0.4, act = 0.9 }")
        index = next(i for i, r in enumerate(rules) if r.id == rule_id)
        rule = rules[index]
        review = _fraction(override.get("review", rule.review), f"{where}.{rule_id}.review")
        act = _fraction(override.get("act", rule.act), f"{where}.{rule_id}.act")
        if review > act:
            raise ConfigError(f"{where}.{rule_id}: review threshold {review} is above the act "
                              f"threshold {act}; lower review or raise act")
        rules[index] = Rule(**{**rule.__dict__, "review": review, "act": act})
    return RuleBook(rules=tuple(rules), title=str(data.get("title", "")),
                    url=str(data.get("url", "")), published=str(data.get("published", "")))


#: Every secret read so far, so log handlers can blank them out if one ever slips into a message.
KNOWN_SECRETS: set[str] = set()


def redact(text: str) -> str:
    """``text`` with every known secret replaced by ``[redacted]``."""
    for secret in KNOWN_SECRETS:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    return text


def _remember(secret: str | None) -> str | None:
    if secret and len(secret) >= 8:
        KNOWN_SECRETS.add(secret)
    return secret


def read_secret(env_name: str, file_name: str = "", *, base: Path | None = None) -> str | None:
    """A secret from ``$NAME``, else the file named by ``$NAME_FILE``, else ``file_name``."""
    if env_name:
        value = os.environ.get(env_name)
        if value:
            return _remember(value.strip())
        file_from_env = os.environ.get(f"{env_name}_FILE")
        if file_from_env:
            file_name = file_from_env
    if file_name:
        path = Path(file_name)
        if base is not None and not path.is_absolute():
            path = base / path
        try:
            return _remember(path.read_text(encoding="utf-8").strip() or None)
        except OSError:
            return None
    return None


def _page(data: Any, index: int, path: Path, dry_run: bool) -> Page:
    where = f"{path}: pages[{index}]."
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: pages[{index}]: must be a table ([[pages]])")
    _unknown(data, {s.name for s in PAGE_SETTINGS}, where)
    values = _scalars(data, PAGE_SETTINGS, where)
    if not _KEY.match(values["key"]):
        raise ConfigError(f"{where}key: {values['key']!r} must be letters, digits, - or _ "
                          "(at most 64)")
    where = f"{path}: pages[{index}] ({values['key']})."
    if values["platform"] not in DEFAULT_API_BASE:
        raise ConfigError(f"{where}platform: {values['platform']!r} must be facebook, instagram "
                          "or x")
    source = values["source"] or values["platform"]
    if source not in SOURCES:
        raise ConfigError(f"{where}source: {source!r} must be one of {', '.join(SOURCES)}")
    if source == "jsonl":
        if not values["path"]:
            raise ConfigError(f"{where}path: a jsonl page needs path = \"comments.jsonl\"")
        values["path"] = str((path.parent / values["path"]).resolve())
    if values["poll_interval"] <= 0:
        raise ConfigError(f"{where}poll_interval: must be a positive number of seconds")
    if not values["api_base_url"]:
        values["api_base_url"] = DEFAULT_API_BASE[values["platform"]]
    if not re.match(r"^https?://[^\s/]+", values["api_base_url"]):
        raise ConfigError(f"{where}api_base_url: {values['api_base_url']!r} is not an http(s) URL")
    token = None
    if source != "jsonl":
        if not values["token_env"] and not values["token_file"]:
            raise ConfigError(f"{where}token_env: say where the page's token is: token_env = "
                              "\"NAME_OF_VARIABLE\" or token_file = \"/path/to/file\"")
        token = read_secret(values["token_env"], values["token_file"], base=path.parent)
        if token is None and not dry_run:
            hint = (f"set the environment variable {values['token_env']}"
                    if values["token_env"] else f"put the token in {values['token_file']}")
            raise ConfigError(f"{where}token_env: no token found; {hint}, or set dry_run = true")
    return Page(**values, token=token)


def load_config(path: str | os.PathLike[str]) -> Config:
    """Load moderator.toml and the rules it names; raise ConfigError on the first problem."""
    path = Path(path)
    data = read_toml(path, "configuration")
    known = {s.name for s in SETTINGS} | {"pages", *OPTIONAL_SECTIONS}
    _unknown(data, known, f"{path}: ")
    values = _scalars(data, SETTINGS, f"{path}: ")
    if not values["agency"].strip():
        raise ConfigError(f"{path}: agency: empty; give the agency's name")
    for key in ("usage_slowdown",):
        _fraction(values[key], f"{path}: {key}")
    for key in ("api_timeout", "recheck_hours", "max_backoff", "busy_timeout"):
        if values[key] <= 0:
            raise ConfigError(f"{path}: {key}: must be a positive number")
    for name in OPTIONAL_SECTIONS:
        if name in data and not isinstance(data[name], dict):
            raise ConfigError(f"{path}: {name}: must be a table ([{name}])")
    raw_pages = data.get("pages", [])
    if not isinstance(raw_pages, list):
        raise ConfigError(f"{path}: pages: must be a list of [[pages]] tables")
    pages = [_page(item, i, path, values["dry_run"]) for i, item in enumerate(raw_pages)]
    keys: set[str] = set()
    accounts: set[tuple[str, str, str]] = set()
    for i, page in enumerate(pages):
        if page.key in keys:
            raise ConfigError(f"{path}: pages[{i}].key: page {page.key!r} is configured twice; "
                              "give each page its own key")
        if (page.platform, page.account_id, page.connector) in accounts:
            raise ConfigError(f"{path}: pages[{i}].account_id: {page.platform} account "
                              f"{page.account_id} is configured twice; remove the duplicate page")
        keys.add(page.key)
        accounts.add((page.platform, page.account_id, page.connector))
    base = path.parent
    rules_path = (base / values["rules"]).resolve()
    rules = load_rules(rules_path, data.get("thresholds"), config_path=path)
    return Config(
        agency=values["agency"].strip(),
        path=path.resolve(),
        archive=(base / values["archive"]).resolve(),
        rules_path=rules_path,
        rules=rules,
        pages=tuple(pages),
        dry_run=values["dry_run"],
        model=str((base / values["model"]).resolve()) if values["model"] else "",
        api_timeout=float(values["api_timeout"]),
        usage_slowdown=float(values["usage_slowdown"]),
        recheck_hours=float(values["recheck_hours"]),
        max_backoff=float(values["max_backoff"]),
        busy_timeout=float(values["busy_timeout"]),
        sections={name: data.get(name, {}) for name in OPTIONAL_SECTIONS},
    )
