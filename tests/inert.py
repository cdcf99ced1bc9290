"""Is a page inert? Parse it as a browser would and list everything that could run or load.

Comment text, author names, post text and links are hostile; once escaped they can only ever be
text. So a page made from them may contain only the elements and attributes our own templates
write: no other tag, no event-handler or style attribute, no script but our own file, no link
whose scheme could run code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

APP_TAGS = frozenset({
    "html", "head", "meta", "title", "link", "script", "body", "header", "a", "span", "nav",
    "form", "input", "button", "p", "main", "footer", "h1", "h2", "small", "label", "select",
    "option", "article", "time", "b", "blockquote", "mark", "table", "thead", "tbody", "tr",
    "th", "td", "details", "summary", "meter", "code", "ul", "li", "div", "section", "kbd",
    "dialog", "dl", "dt", "dd"})
INDEX_TAGS = frozenset({"html", "head", "meta", "title", "style", "body", "h1", "dl", "dt",
                        "dd", "p", "code", "table", "thead", "tbody", "tr", "th", "td"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href",
                            "poster", "background", "srcdoc", "srcset"})
_SCHEME = re.compile(r"^[\x00-\x20]*([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def _scheme(value: str) -> str:
    cleaned = re.sub(r"[\t\n\r]", "", value)  # browsers drop these inside URLs
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def active_parts(page: str, allowed: frozenset[str] = APP_TAGS) -> list[str]:
    """Everything in ``page`` that is not plain text or our own markup; [] when inert."""
    parser = _Elements()
    parser.feed(page)
    parser.close()
    problems: list[str] = []
    for tag, attrs in parser.found:
        values = dict(attrs)
        if tag not in allowed:
            problems.append(f"<{tag}>")
        if tag == "script" and values.get("src") != "/static/app.js":
            problems.append(f"<script {values}>")
        if tag == "meta" and "http-equiv" in values and \
                (values["http-equiv"] or "").lower() != "content-security-policy":
            problems.append(f"<meta http-equiv={values['http-equiv']}>")
        if tag == "link" and values.get("href") != "/static/app.css":
            problems.append(f"<link {values}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and _scheme(value or "") not in ("", "http", "https"):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems
