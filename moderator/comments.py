"""The one normalised record that flows through the pipeline, and the time format used everywhere.

Every source turns what its platform returns into :class:`Comment` (and :class:`Post`) values
through :func:`make_comment`, which checks types and bounds identifiers: platform payloads are
hostile input. Text is kept whole, however long; only displays truncate it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from moderator.errors import DataError

MAX_ID_LENGTH = 256
MAX_NAME_LENGTH = 4096
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
        return to_iso(dt.datetime.fromtimestamp(float(value), dt.UTC))
    if not isinstance(value, str) or len(value) > 64:
        raise DataError(f"{field_name}: expected an ISO 8601 time, got {str(value)[:40]!r}")
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    # Graph API writes offsets without a colon: 2026-11-21T13:53:00+0000
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise DataError(f"{field_name}: expected an ISO 8601 time, got {value[:40]!r}") from None
    return to_iso(parsed)


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
    share (0..1) of the platform's rate limit the fetch saw used. ``visibility_known`` is False
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
    visibility_known: bool = True


def _ident(payload: Mapping[str, Any], key: str, *, required: bool, where: str) -> str | None:
    value = payload.get(key)
    if value is None or value == "":
        if required:
            raise DataError(f"{where}: missing {key!r}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DataError(f"{where}: {key!r} must be a string or number, got {type(value).__name__}")
    text = clean_text(str(value))
    if len(text) > MAX_ID_LENGTH:
        raise DataError(f"{where}: {key!r} is {len(text)} characters long "
                        f"(at most {MAX_ID_LENGTH})")
    return text


def clean_text(value: str) -> str:
    """Replace lone UTF-16 surrogates (valid in JSON, impossible in UTF-8) with U+FFFD.

    Everything else, control characters and NUL included, is kept exactly as sent.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _text(payload: Mapping[str, Any], key: str, *, where: str, limit: int | None = None) -> str:
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DataError(f"{where}: {key!r} must be text, got {type(value).__name__}")
    if limit is not None and len(value) > limit:
        value = value[:limit]
    return clean_text(value)


ATTACHMENT_KEYS = ("type", "url", "title", "description", "media_url", "target_url")


def attachment_json(value: object, *, where: str = "comment") -> str | None:
    """A photo, sticker, link or video attached to a comment, as canonical JSON text.

    Accepts the Graph API's attachment object (``type``, ``url``, ``title``, ``description``,
    ``media.image.src``, ``target.url``) or an already flat mapping; keeps only those fields,
    each at most 2048 characters. Raises DataError for a value that is not an object.
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
    kept = {key: clean_text(item)[:2048] for key, item in flat.items()
            if isinstance(item, str) and item}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False) if kept else None


def make_comment(payload: Mapping[str, Any], *, where: str = "comment") -> Comment:
    """Build a Comment from a flat mapping, checking every field.

    Raises DataError naming the field, so one bad record can be reported and skipped.
    """
    if not isinstance(payload, Mapping):
        raise DataError(f"{where}: expected an object, got {type(payload).__name__}")
    platform = _ident(payload, "platform", required=True, where=where)
    if platform not in PLATFORMS:
        raise DataError(f"{where}: platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    hidden = payload.get("hidden", False)
    if not isinstance(hidden, bool):
        raise DataError(f"{where}: 'hidden' must be true or false, got {hidden!r}")
    return Comment(
        platform=platform,
        page_id=_ident(payload, "page_id", required=True, where=where) or "",
        post_id=_ident(payload, "post_id", required=True, where=where) or "",
        comment_id=_ident(payload, "comment_id", required=True, where=where) or "",
        text=_text(payload, "text", where=where),
        author_id=_ident(payload, "author_id", required=False, where=where),
        author_name=_text(payload, "author_name", where=where, limit=MAX_NAME_LENGTH) or None,
        parent_id=_ident(payload, "parent_id", required=False, where=where),
        created_at=parse_time(payload.get("created_at"), field_name=f"{where}: created_at"),
        edited_at=parse_time(payload.get("edited_at"), field_name=f"{where}: edited_at"),
        permalink=_text(payload, "permalink", where=where, limit=2048) or None,
        hidden=hidden,
        attachment=attachment_json(payload.get("attachment"), where=where),
    )
