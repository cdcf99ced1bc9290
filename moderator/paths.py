"""Where the shipped files live: the model in models/, the example config in config/.

In a source checkout (or an editable install) they sit next to the package; a regular install
puts them under ``<prefix>/share/moderator`` (see pyproject's data-files).
"""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
_ROOTS = (PACKAGE.parent, Path(sys.prefix) / "share" / "moderator")


def shipped(relative: str) -> Path:
    """The first existing ``<root>/<relative>``; the checkout path if none exists (for errors)."""
    for root in _ROOTS:
        candidate = root / relative
        if candidate.exists():
            return candidate
    return _ROOTS[0] / relative


def data(name: str) -> Path:
    """A file shipped inside the package (demo corpus, templates)."""
    return PACKAGE / "data" / name
