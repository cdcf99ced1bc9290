"""Words a regular expression cannot match without: a quick test before a slow search.

The published phrases and an agency's own patterns are long alternations that Python's
regular-expression engine tries at every character of a text; most texts that reach a search
hold none of the words a match needs. :func:`screen` reads an expression's parse tree and
returns a few strings of which every match contains at least one ("vote", "council",
"mayor"), so a caller can skip the search where none of them is in the text (lower-cased and
folded with :data:`FOLD`). It answers ``None`` where it cannot tell, and then the search runs
as before: the test only ever skips searches that could not match.

It reads the parser of the standard library's ``re`` module, which is not a public interface;
an expression it does not understand, or a parser it does not recognise, gives ``None``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: Characters that IGNORECASE matches to an ASCII letter whose lower case is not that letter
#: ("ſ" matches "s"); folding them first lets a lower-cased text be tested for ASCII strings.
FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased after :data:`FOLD`, as a :class:`Screen` reads it."""
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(FOLD)
    return text.lower()


def holds_one(text: str, strings: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``strings``: ``any(s in text for s in strings)`` without
    the generator, which cost a third of the time where most texts hold none of the strings
    and every one is tested (a million tests per 50,000 comments in the benchmark)."""
    for string in strings:
        if string in text:
            return True
    return False


#: Largest number of strings a part of an expression may stand for before it is given up.
_MOST = 64
#: The shortest string worth a test: one or two letters are in nearly every text.
_SHORTEST = 3
#: A string this long is rare enough: beyond it, fewer strings to test count for more.
_GOOD_ENOUGH = 5

_c: Any
_parser: Any
try:
    _c = importlib.import_module("re._constants")
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - a Python whose re module is laid out differently
    _parser = None

Strings = frozenset[str]


@dataclass(frozen=True, slots=True)
class Screen:
    """Strings one of which every match of an expression holds, and the longest string all of
    them hold (" make it " for " won't make it " and seven more): one test rules out most
    texts where testing each string would take eight."""

    strings: tuple[str, ...]
    common: str

    def admits(self, folded: str) -> bool:
        """Whether ``folded`` (a text lower-cased after :data:`FOLD`) could hold a match."""
        return self.common in folded and holds_one(folded, self.strings)


def screen(pattern: re.Pattern[str]) -> Screen | None:
    """The strings every match of ``pattern`` holds one of; ``None`` when no such set of
    strings of at least three characters is known, and every text must be searched."""
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        _, found = _sequence(tree)
    except Exception:  # noqa: BLE001 - an unknown parser shape means "cannot tell"
        return None
    if found is None:
        return None
    return Screen(tuple(sorted(found)), _common(found))


def _common(strings: Strings) -> str:
    """The longest string every one of ``strings`` holds ("" if none of three characters)."""
    shortest = min(strings, key=len)
    # up to 40 characters: a longer shared string tests no better, and two long alternatives
    # with nothing in common would cost the cube of their length (a code review: 4.1 s)
    for size in range(min(len(shortest), 40), _SHORTEST - 1, -1):
        for begin in range(len(shortest) - size + 1):
            part = shortest[begin:begin + size]
            if all(part in string for string in strings):
                return part
    return ""


def _best(candidates: Iterable[Strings | None]) -> Strings | None:
    """The candidate whose shortest string is longest, up to five characters, then the one with
    fewest strings: " back " rules out as many texts as "africans back " and 35 other peoples,
    and is one test instead of 36."""
    best: Strings | None = None
    for strings in candidates:
        # a set far over the limit stays over it (and pruning it costs the square of its size)
        if not strings or len(strings) > 4 * _MOST or min(map(len, strings)) < _SHORTEST:
            continue
        strings = _shortest(strings)
        if len(strings) > _MOST:
            continue
        if best is None or _rank(strings) > _rank(best):
            best = strings
    return best


def _shortest(strings: Strings) -> Strings:
    """Without the strings that hold another ("send the " holds "send "): they add nothing."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(short in string for short in kept):
            kept.append(string)
    return frozenset(kept)


def _rank(strings: Strings) -> tuple[int, int]:
    return min(_GOOD_ENOUGH, *map(len, strings)), -len(strings)


def _sequence(items: Iterable[tuple[object, Any]]) -> tuple[Strings | None, Strings | None]:
    """(every string the items match one after another, if few; the best required set)."""
    run: set[str] = {""}
    exact = True
    candidates: list[Strings | None] = []
    for op, av in items:
        strings, needed = _node(op, av)
        if strings is not None and len(run) * len(strings) <= _MOST:
            run = {a + b for a in run for b in strings}
            continue
        exact = False
        candidates.append(frozenset(run))
        if strings is not None:
            run = set(strings)
        else:
            candidates.append(needed)
            run = {""}
    candidates.append(frozenset(run))
    return (frozenset(run) if exact else None), _best(candidates)


def _node(op: object, av: Any) -> tuple[Strings | None, Strings | None]:
    """(every string the node matches, if few; a required set) for one parse-tree node."""
    if op is _c.LITERAL:
        char = chr(av)
        return (frozenset({char.lower()}), None) if char.isascii() else (None, None)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: they add no characters
        return frozenset({""}), None
    if op is _c.IN:
        return _charset(av), None
    if op in (_c.SUBPATTERN, _c.ATOMIC_GROUP):
        return _sequence(av[-1] if op is _c.SUBPATTERN else av)
    if op is _c.BRANCH:
        branches = [_sequence(branch) for branch in av[1]]
        strings: set[str] | None = set()
        for exact, _ in branches:
            if exact is None or strings is None or len(strings | exact) > _MOST:
                strings = None
            else:
                strings |= exact
        required = [_best([exact, best]) for exact, best in branches]
        union = None if any(r is None for r in required) else frozenset[str]().union(
            *(r for r in required if r is not None))
        if union is not None and len(union) > 4 * _MOST:
            union = None
        return (frozenset(strings) if strings is not None else None), union
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, body = av
        exact, needed = _sequence(body)
        if low == 0:
            return ((exact | {""}) if exact is not None and high == 1 else None), None
        if low == high == 1:
            return exact, needed
        return None, _best([exact, needed])
    return None, None  # any character, a back-reference, a conditional: cannot tell


def _charset(items: list[tuple[object, Any]]) -> Strings | None:
    """The few ASCII characters a class matches, lower case ("[sz]"), or None."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL and chr(av).isascii():
            chars.add(chr(av).lower())
        elif op is _c.RANGE and av[1] - av[0] < 10 and av[1] < 128:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:  # a negation, a category (\w, \s), a wide range or a non-ASCII character
            return None
    return frozenset(chars) if chars else None
