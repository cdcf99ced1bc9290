"""Every error moderator raises on purpose, in one hierarchy.

::

    ModeratorError                 a person can act on it; the CLI prints one line and exits 2
     ├── ConfigError               bad or missing configuration or conduct rules (file, key, fix)
     ├── DataError                 a comment file, CSV or API payload we cannot use as given
     ├── ArchiveError              the archive cannot be opened, migrated or written
     │    └── IntegrityError       `moderator verify` found a broken hash chain or version
     ├── SourceError               a platform request failed (permanent or transient)
     └── NotFound                  a comment, item or user named by the caller does not exist

Messages say what was wrong, where, and what to do. They never contain a token: sources
build their messages from error codes and types, never from request URLs.
"""

from __future__ import annotations


class ModeratorError(Exception):
    """Base class: the message is meant for the person running moderator."""

    exit_code = 2


class ConfigError(ModeratorError):
    """Configuration that cannot be used; raised at start-up, never mid-loop."""


class DataError(ModeratorError):
    """Input data (comment files, CSV, platform payloads) that cannot be used as given."""


class ArchiveError(ModeratorError):
    """The archive database cannot be opened, migrated or written."""


class IntegrityError(ArchiveError):
    """The archive's audit chain or version hashes do not match what is stored."""


class NotFound(ModeratorError):
    """Something named by the caller (comment, review item, user) does not exist."""


class SourceError(ModeratorError):
    """A platform request failed.

    ``kind`` is one of ``auth`` (token expired or revoked: stop polling the page until the token
    changes), ``throttled`` (wait ``retry_after`` seconds), ``transient`` (5xx, timeout,
    malformed body: retry with backoff) or ``permanent`` (anything else that retrying won't fix).
    """

    KINDS = ("auth", "throttled", "transient", "permanent")

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        kind: str | None = None,
        retry_after: float | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        if kind is None:
            kind = "permanent" if permanent else "transient"
        if kind not in self.KINDS:
            raise ValueError(f"unknown SourceError kind {kind!r}")
        self.kind = kind
        self.permanent = kind in ("auth", "permanent")
        self.retry_after = retry_after
        self.code = code
