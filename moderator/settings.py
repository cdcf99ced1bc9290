"""The table of every configuration setting: name, type, default and help.

`moderator settings` prints it, :mod:`moderator.config` validates against it, and a test checks
that the example configuration and the README mention every setting, so the three cannot drift.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type | tuple[type, ...]
    default: Any
    help: str
    required: bool = False


#: Top-level keys of moderator.toml.
SETTINGS: tuple[Setting, ...] = (
    Setting("agency", str, None, "The agency's name, shown on pages and written into exports.",
            True),
    Setting("archive", str, "moderator.db",
            "Path of the SQLite archive (relative to the config file)."),
    Setting("rules", str, "conduct-rules.toml", "Path of the published conduct rules (TOML)."),
    Setting("dry_run", bool, True,
            "Record what would be hidden and send nothing to the platforms."),
    Setting("model", str, "",
            "Path of a model artifact (.skops); empty means the shipped model."),
    Setting("api_timeout", (int, float), 30, "Seconds before any platform request times out."),
    Setting("usage_slowdown", (int, float), 0.8,
            "Share of a platform's rate limit above which polling slows down (0-1)."),
    Setting("recheck_hours", (int, float), 72,
            "Hours of recent posts whose comments are re-read each cycle to catch edits, hides "
            "and deletions."),
    Setting("max_backoff", (int, float), 3600,
            "Longest wait, in seconds, between retries of a failing page."),
    Setting("busy_timeout", (int, float), 30,
            "Seconds a write to the archive waits while another process writes (SQLite's busy "
            "timeout); a poll cycle that waits longer fails, is rolled back and retried later."),
)

#: Keys of each [[pages]] entry.
PAGE_SETTINGS: tuple[Setting, ...] = (
    Setting("key", str, None,
            "Short unique name of the page in this archive (letters, digits, -, _).", True),
    Setting("platform", str, None, "facebook, instagram or x.", True),
    Setting("account_id", str, None, "The platform's id of the page, Instagram account or X user.",
            True),
    Setting("name", str, "", "Display name of the page."),
    Setting("source", str, "",
            "Connector to read with; defaults to the platform's own (or jsonl)."),
    Setting("token_env", str, "",
            "Environment variable holding the page's access token (or NAME_FILE naming a file)."),
    Setting("token_file", str, "", "File holding the page's access token."),
    Setting("api_base_url", str, "", "Base URL of the platform API; defaults to the real one."),
    Setting("api_version", str, "v21.0", "Graph API version for facebook and instagram pages."),
    Setting("poll_interval", (int, float), 300, "Seconds between polls of this page."),
    Setting("path", str, "", "For source = \"jsonl\": the file of comments to read."),
)


def defaults(table: tuple[Setting, ...]) -> dict[str, Any]:
    return {s.name: s.default for s in table if not s.required}


#: The optional tables, each validated at start-up by the module that reads it; their keys are
#: shown with examples in config/moderator.example.toml.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("[web]", "secure_cookies (false), session_hours (12): the review queue's cookies"),
    ("[alerts]", "page_failing_minutes (60), queue_age_hours (24); [alerts.email] host, port, "
                 "starttls, username, password_env or password_file, from, to, ca_file; "
                 "[[alerts.webhooks]] url, secret_env or secret_file"),
    ("[thresholds]", "<rule id> = { review = 0.3, act = 0.9 }: overrides of the published "
                     "thresholds"),
    ("[detectors]", "region (\"US\"), agency_phones, agency_addresses, agency_emails, "
                    "allow_domains, deny_domains, shorteners, flood_count (3), "
                    "flood_window_seconds (600), flood_similarity (0.85)"),
    ("[retention]", "nightly (false), run_at (\"03:00\"), transfer_dir; [[retention.series]] "
                    "name, period, from (\"capture\"), disposition, and a scope: page, "
                    "platform, post, author, rule, decision, hidden, deleted"),
)


def toml_value(value: Any) -> str:
    """A default as it is written in moderator.toml (true, "text", 30)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)
