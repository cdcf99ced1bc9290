"""Platform connectors behind one small contract.

A connector module exposes ``connect(page, config) -> Source``. A :class:`Source`:

- ``fetch(cursor)`` returns a :class:`~moderator.comments.Batch` of comments new or changed
  since ``cursor`` (``None`` on the first poll) and the cursor to save after archiving them;
  it raises :class:`~moderator.errors.SourceError` and never returns a half-read batch;
- ``set_hidden(comment_id, hidden)`` hides or unhides one comment on the platform, raises
  SourceError; it never deletes;
- ``close()`` releases connections.

The registry maps a page's connector name to its module, imported only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol

from moderator.comments import Batch
from moderator.errors import ConfigError, SourceError

if TYPE_CHECKING:
    from moderator.config import Config, Page

__all__ = ["REGISTRY", "Source", "SourceError", "connect"]

REGISTRY: dict[str, str] = {
    "facebook": "moderator.sources.facebook",
    "instagram": "moderator.sources.instagram",
    "x": "moderator.sources.x",
    "jsonl": "moderator.sources.jsonl",
}


class Source(Protocol):
    def fetch(self, cursor: dict[str, Any] | None) -> Batch: ...

    def set_hidden(self, comment_id: str, hidden: bool) -> None: ...

    def close(self) -> None: ...


def connect(page: Page, config: Config) -> Source:
    """The connector for ``page``, ready to fetch."""
    try:
        module = importlib.import_module(REGISTRY[page.connector])
    except KeyError:
        raise ConfigError(f"page {page.key}: no connector named {page.connector!r}") from None
    source: Source = module.connect(page, config)
    return source
