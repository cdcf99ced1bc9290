"""Pieces both wire formats share: replies, opaque cursors, Graph's field syntax."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

JSON = "application/json; charset=UTF-8"


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(status: int, data: Any, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, JSON, dict(headers or {}))


def encode_cursor(*parts: object) -> str:
    raw = ":".join(str(p) for p in parts).encode()
    return base64.urlsafe_b64encode(b"QVF" + raw).decode().rstrip("=")


def decode_cursor(token: str) -> list[str] | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    if not raw.startswith(b"QVF"):
        return None
    return raw[3:].decode("utf-8", "replace").split(":")


def page_link(base: str, path: str, params: dict[str, str], **changes: str) -> str:
    """A real-looking paging link: the same query with the cursor changed (token included, as
    Graph's own ``next`` links include it)."""
    query = {k: v for k, v in params.items() if k not in ("after", "before")}
    query.update(changes)
    return f"{base}/{path}?{urlencode(query)}"


@dataclass
class FieldSpec:
    """One entry of a Graph ``fields=`` list: ``name.mod(arg)...{sub,fields}``."""

    name: str
    modifiers: dict[str, str] = field(default_factory=dict)
    sub: list[FieldSpec] | None = None


class FieldSyntaxError(ValueError):
    pass


def parse_fields(text: str) -> list[FieldSpec]:
    """Parse Graph field expansion syntax: ``id,parent{id},comments.limit(0).summary(true)``."""
    specs, rest = _parse_list(text.strip(), 0)
    if rest != len(text.strip()):
        raise FieldSyntaxError(f"unexpected {text.strip()[rest:rest + 10]!r}")
    return specs


def _parse_list(text: str, at: int) -> tuple[list[FieldSpec], int]:
    specs: list[FieldSpec] = []
    while at < len(text):
        spec, at = _parse_one(text, at)
        specs.append(spec)
        if at < len(text) and text[at] == ",":
            at += 1
            continue
        break
    return specs, at


def _name(text: str, at: int) -> tuple[str, int]:
    start = at
    while at < len(text) and (text[at].isalnum() or text[at] == "_"):
        at += 1
    if start == at:
        raise FieldSyntaxError(f"expected a field name at {text[at:at + 10]!r}")
    return text[start:at], at


def _parse_one(text: str, at: int) -> tuple[FieldSpec, int]:
    name, at = _name(text.lstrip(), at + len(text[at:]) - len(text[at:].lstrip()))
    spec = FieldSpec(name)
    while at < len(text) and text[at] == ".":
        modifier, at = _name(text, at + 1)
        if at >= len(text) or text[at] != "(":
            raise FieldSyntaxError(f"modifier {modifier} needs (value)")
        end = text.find(")", at)
        if end < 0:
            raise FieldSyntaxError("unclosed (")
        spec.modifiers[modifier] = text[at + 1:end]
        at = end + 1
    if at < len(text) and text[at] == "{":
        spec.sub, at = _parse_list(text, at + 1)
        if at >= len(text) or text[at] != "}":
            raise FieldSyntaxError("unclosed {")
        at += 1
    return spec, at


def unparse(specs: list[FieldSpec]) -> str:
    """The ``fields=`` text for ``specs`` (for paging links of nested edges)."""
    parts = []
    for spec in specs:
        text = spec.name + "".join(f".{k}({v})" for k, v in spec.modifiers.items())
        if spec.sub is not None:
            text += "{" + unparse(spec.sub) + "}"
        parts.append(text)
    return ",".join(parts)
