"""The ``[detectors]`` table of moderator.toml, validated at start-up.

Every key is optional; see config/moderator.example.toml. A bad value raises ConfigError naming
the file, the key and the fix, like every other setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers

from moderator.errors import ConfigError

#: Link shorteners a writer chooses. Not t.co: X wraps every link and photo of a post in it, so it
#: tells only that there was one; the X connector reads each link's real address, to which the
#: allow and deny lists then apply. (Offline, in tweets exported elsewhere, a t.co link sent
#: 473 of the 4,043 Davidson validation tweets, none of them spam, to spam review.)
SHORTENERS = ("bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly",
              "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id",
              "lnkd.in", "bl.ink", "short.io", "v.gd", "qrco.de")
#: Domains never treated as unknown: government sites (any .gov), Wikipedia and its sister
#: projects' host (Wikimedia Commons), and X's own link wrapper (see SHORTENERS).
ALLOWED = ("gov", "wikipedia.org", "wikimedia.org", "t.co")
KEYS: dict[str, str] = {
    "region": "two-letter country code for reading phone numbers written without +country "
              "(default \"US\")",
    "agency_phones": "the agency's own phone numbers, never flagged as personal information",
    "agency_addresses": "the agency's own street addresses, never flagged",
    "agency_emails": "the agency's own e-mail addresses, never flagged",
    "allow_domains": "domains (and their subdomains) whose links are fine, added to "
                     f"{', '.join(ALLOWED)}; e-mail addresses there are not flagged",
    "deny_domains": "domains whose links are spam: a link there can hide the comment",
    "shorteners": "link-shortener domains (links there go to review); replaces the built-in list",
    "flood_count": "how many near-identical comments by one author within the window are a "
                   "flood (default 3)",
    "flood_window_seconds": "the flood window in seconds (default 600)",
    "flood_similarity": "how alike two comments must be to count as the same, 0-1 "
                        "(default 0.85)",
}


def _matches(domain: str, listed: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in listed)


@dataclass(frozen=True)
class DetectorSettings:
    region: str = "US"
    agency_phones: frozenset[str] = frozenset()
    agency_addresses: tuple[str, ...] = ()
    agency_emails: frozenset[str] = frozenset()
    allow_domains: tuple[str, ...] = ALLOWED
    deny_domains: tuple[str, ...] = ()
    shorteners: tuple[str, ...] = SHORTENERS
    flood_count: int = 3
    flood_window_seconds: float = 600.0
    flood_similarity: float = 0.85

    def allowed(self, domain: str) -> bool:
        return _matches(domain, self.allow_domains)

    def denied(self, domain: str) -> bool:
        return _matches(domain, self.deny_domains)

    def shortener(self, domain: str) -> bool:
        return _matches(domain, self.shorteners)


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: must be a list of non-empty strings, like [\"...\"]")
    return [v.strip() for v in value]


def _domains(value: Any, where: str) -> tuple[str, ...]:
    out = []
    for item in _strings(value, where):
        domain = item.lower().removeprefix("https://").removeprefix("http://")
        domain = domain.split("/", 1)[0].removeprefix("www.")
        if not domain or " " in domain:
            raise ConfigError(f"{where}: {item!r} is not a domain; write it like \"example.org\"")
        out.append(domain)
    return tuple(out)


def load(table: Any, path: Path | str = "moderator.toml") -> DetectorSettings:
    """Validate the raw ``[detectors]`` table; raises ConfigError on the first problem."""
    from moderator.classify.detectors import normal_address

    where = f"{path}: detectors"
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table ([detectors])")
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}.{key}: unknown setting; the keys are "
                              f"{', '.join(KEYS)}")
    region = table.get("region", "US")
    if not isinstance(region, str) or region.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"{where}.region: {region!r} is not a country code phonenumbers "
                          "knows; use a two-letter code like \"US\" or \"GB\"")
    region = region.upper()
    phones = set()
    for number in _strings(table.get("agency_phones", []), f"{where}.agency_phones"):
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_possible_number(parsed):
            raise ConfigError(f"{where}.agency_phones: {number!r} is not a phone number in "
                              f"region {region}; write it like \"217-555-0100\" or with +country")
        phones.add(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    settings: dict[str, Any] = {
        "region": region, "agency_phones": frozenset(phones),
        "agency_addresses": tuple(normal_address(a) for a in _strings(
            table.get("agency_addresses", []), f"{where}.agency_addresses")),
        "agency_emails": frozenset(e.lower() for e in _strings(
            table.get("agency_emails", []), f"{where}.agency_emails")),
        "allow_domains": ALLOWED + _domains(table.get("allow_domains", []),
                                            f"{where}.allow_domains"),
        "deny_domains": _domains(table.get("deny_domains", []), f"{where}.deny_domains"),
        "shorteners": _domains(table.get("shorteners", list(SHORTENERS)), f"{where}.shorteners"),
    }
    count = table.get("flood_count", 3)
    if isinstance(count, bool) or not isinstance(count, int) or count < 2:
        raise ConfigError(f"{where}.flood_count: must be a whole number of at least 2, "
                          f"got {count!r}")
    window = table.get("flood_window_seconds", 600)
    if isinstance(window, bool) or not isinstance(window, int | float) or window <= 0:
        raise ConfigError(f"{where}.flood_window_seconds: must be a positive number of "
                          f"seconds, got {window!r}")
    alike = table.get("flood_similarity", 0.85)
    if isinstance(alike, bool) or not isinstance(alike, int | float) or not 0 < alike <= 1:
        raise ConfigError(f"{where}.flood_similarity: must be a number above 0 and at most 1, "
                          f"got {alike!r}")
    return DetectorSettings(**settings, flood_count=count, flood_window_seconds=float(window),
                            flood_similarity=float(alike))
