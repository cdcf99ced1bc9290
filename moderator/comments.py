"""The one normalised record that flows through the pipeline, and the time format used everywhere.

Every source turns what its platform returns into :class:`Comment` (and :class:`Post`) values
through :func:`make_comment`, which checks types and bounds identifiers: platform payloads are
hostile input. Text is kept whole, however long (author names and links too); only displays
truncate it. A record is never dropped for a field it can do without: see :func:`make_comment`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from moderator.errors import DataError

MAX_ID_LENGTH = 256
_SURROGATE = re.compile("[\ud800-\udfff]")
PLATFORMS = ("facebook", "instagram", "x")
VISIBILITIES = ("visible", "hidden", "deleted")


def utcnow() -> str:
    """Now, in the archive's time format."""
    return to_iso(dt.datetime.now(dt.UTC))


def to_iso(value: dt.datetime) -> str:
    """UTC, second resolution, ``Z`` suffix: sorts as text, reads in any SQLite tool."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: object, *, field_name: str = "time") -> str | None:
    """Normalise a platform timestamp (ISO 8601 in any offset, or epoch seconds) to :func:`to_iso`.

    Raises DataError for values that are not times, so a malformed payload is reported rather
    than archived with a wrong date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise DataError(f"{field_name}: expected a time, got {value!r}")
    if isinstance(value, int | float):
        try:
            return to_iso(dt.datetime.fromtimestamp(float(value), dt.UTC))
        except (OverflowError, OSError, ValueError):  # NaN, or outside years 1..9999
            raise DataError(f"{field_name}: {str(value)[:40]} is not a usable time") from None
    if not isinstance(value, str) or len(value) > 64:
        raise DataError(f"{field_name}: expected an ISO 8601 time, got {str(value)[:40]!r}")
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Graph API writes offsets without a colon: 2026-11-21T13:53:00+0000
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    try:
        return to_iso(dt.datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # not a time, or a time zone pushing it past year 9999
        raise DataError(f"{field_name}: expected an ISO 8601 time, got "
                        f"{clean_text(value[:40])!r}") from None


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment (or reply) as the platform shows it now."""

    platform: str
    page_id: str
    post_id: str
    comment_id: str
    text: str
    author_id: str | None = None
    author_name: str | None = None
    parent_id: str | None = None
    created_at: str | None = None
    edited_at: str | None = None
    permalink: str | None = None
    hidden: bool = False
    attachment: str | None = None

    @property
    def visibility(self) -> str:
        return "hidden" if self.hidden else "visible"


@dataclass(frozen=True, slots=True)
class Post:
    """A post (or tweet, or media item) that comments answer."""

    platform: str
    page_id: str
    post_id: str
    text: str | None = None
    created_at: str | None = None
    permalink: str | None = None


@dataclass(slots=True)
class Batch:
    """What one fetch returned: comments new or changed since the cursor, and the next cursor.

    ``complete_posts`` names posts whose *whole* current comment list is in this batch, and
    ``complete_page`` says the batch is the whole page: an archived comment on such a post (or
    page) that is missing from the batch has been deleted on the platform. ``usage`` is the
    share (0..1) of the platform's rate limit the fetch saw used. ``errors`` name records that
    could not be used at all (reported, skipped); ``notes`` name fields left out of records that
    were kept (see :func:`make_comment`). ``visibility_known`` is False
    when the platform does not say whether a comment is hidden (X): the pipeline then keeps the
    visibility the archive last recorded instead of reading ``hidden=False`` as "unhidden".
    """

    comments: list[Comment] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    cursor: dict[str, Any] | None = None
    complete_posts: set[str] = field(default_factory=set)
    complete_page: bool = False
    deleted: set[str] = field(default_factory=set)
    usage: float | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    visibility_known: bool = True


def ident(value: Any, key: str, *, where: str) -> str | None:
    """An identifier (a string or a number, at most :data:`MAX_ID_LENGTH` characters), or None
    when missing; raises DataError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DataError(f"{where}: {key!r} must be a string or number, got {type(value).__name__}")
    text = clean_text(str(value))
    if len(text) > MAX_ID_LENGTH:
        raise DataError(f"{where}: {key!r} is {len(text)} characters long "
                        f"(at most {MAX_ID_LENGTH})")
    return text


def _required(payload: Mapping[str, Any], key: str, where: str) -> str:
    found = ident(payload.get(key), key, where=where)
    if found is None:
        raise DataError(f"{where}: missing {key!r}")
    return found


def clean_text(value: str) -> str:
    """Replace each lone UTF-16 surrogate (valid in JSON, impossible in UTF-8) with U+FFFD.

    Everything else, control characters and NUL included, is kept exactly as sent.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


def _text(payload: Mapping[str, Any], key: str, *, where: str) -> str:
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DataError(f"{where}: {key!r} must be text, got {type(value).__name__}")
    return clean_text(value)


ATTACHMENT_KEYS = ("type", "url", "title", "description", "media_url", "target_url")


def attachment_json(value: object, *, where: str = "comment") -> str | None:
    """A photo, sticker, link or video attached to a comment, as canonical JSON text.

    Accepts the Graph API's attachment object (``type``, ``url``, ``title``, ``description``,
    ``media.image.src``, ``target.url``) or an already flat mapping; keeps only those fields,
    stored whole. Raises DataError for a value that is not an object.
    """
    if value is None or value == "" or value == {}:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise DataError(f"{where}: 'attachment' is not a JSON object") from None
    if not isinstance(value, Mapping):
        raise DataError(f"{where}: 'attachment' must be an object, got {type(value).__name__}")
    media = value.get("media")
    image = media.get("image") if isinstance(media, Mapping) else None
    target = value.get("target")
    flat = {
        "type": value.get("type"), "url": value.get("url"), "title": value.get("title"),
        "description": value.get("description"),
        "media_url": value.get("media_url") or (image.get("src") if isinstance(image, Mapping)
                                                 else None),
        "target_url": value.get("target_url") or (target.get("url")
                                                  if isinstance(target, Mapping) else None),
    }
    kept = {key: clean_text(item) for key, item in flat.items()
            if isinstance(item, str) and item}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False) if kept else None


def as_text(value: Any) -> str:
    """Any JSON value as text: a string as it is, anything else as its JSON (so a message a
    platform sent as a number or a list is archived as sent instead of being dropped)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return clean_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def make_comment(payload: Mapping[str, Any], *, where: str = "comment",
                 notes: list[str] | None = None) -> Comment:
    """Build a Comment from a flat mapping, checking every field.

    The platform, page, post and comment ids are required: without them there is no record to
    key, and DataError names the field so the record can be reported and skipped. With
    ``notes``, every other field is optional: one that cannot be used is left out (a text that
    is not a string is kept as its JSON), a line describing it goes into ``notes``, and the
    record is kept. Without ``notes`` any unusable field raises DataError.
    """
    if not isinstance(payload, Mapping):
        raise DataError(f"{where}: expected an object, got {type(payload).__name__}")
    platform = _required(payload, "platform", where)
    if platform not in PLATFORMS:
        raise DataError(f"{where}: platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    comment_id = _required(payload, "comment_id", where)
    where = f"{where} {comment_id}"

    def optional(default: Any, read: Any) -> Any:
        try:
            return read()
        except DataError as error:
            if notes is None:
                raise
            notes.append(f"{error}; archived without it")
            return default

    hidden = payload.get("hidden", False)
    if not isinstance(hidden, bool):
        hidden = optional(False, lambda: _bad(f"{where}: 'hidden' must be true or false, got "
                                              f"{str(hidden)[:40]!r}"))
    text = optional(None, lambda: _text(payload, "text", where=where))
    if text is None:
        text = as_text(payload.get("text"))
    return Comment(
        platform=platform,
        page_id=_required(payload, "page_id", where),
        post_id=_required(payload, "post_id", where),
        comment_id=comment_id,
        text=text,
        author_id=optional(None, lambda: ident(payload.get("author_id"), "author_id",
                                               where=where)),
        author_name=optional(None, lambda: _text(payload, "author_name", where=where)) or None,
        parent_id=optional(None, lambda: ident(payload.get("parent_id"), "parent_id",
                                               where=where)),
        created_at=optional(None, lambda: parse_time(payload.get("created_at"),
                                                     field_name=f"{where}: created_at")),
        edited_at=optional(None, lambda: parse_time(payload.get("edited_at"),
                                                    field_name=f"{where}: edited_at")),
        permalink=optional(None, lambda: _text(payload, "permalink", where=where)) or None,
        hidden=hidden,
        attachment=optional(None, lambda: attachment_json(payload.get("attachment"),
                                                          where=where)),
    )


def _bad(message: str) -> Any:
    raise DataError(message)
