"""Where in a text the entity ruler can match at all, so it runs on those stretches instead of all of it.

spaCy's token ``Matcher`` tries every pattern at every token: with the ~570 gazetteer patterns that is
~0.3 ms a token, most of the time planarkiv adds to reading a PDF. Yet a match can only begin at a token
that satisfies the first token of some pattern, and it is at most as long as that pattern. So one pass with
a few combined regular expressions and sets finds the tokens that may begin a match and how far each may
reach; the ruler then runs on those windows only (about a third of the tokens), and its answer is the same:
a match lies inside one window, and windows that overlap are merged, so the ruler's choice among
overlapping matches sees the same candidates.

This holds for patterns of the kinds the project writes: token attributes ``TEXT``/``ORTH``/``LOWER``
compared as a string, ``IN`` a list or ``REGEX``, and the operator ``?``. For anything else (other
attributes, ``*``, ``+``, ``!``, phrase patterns) ``windows`` gives the whole text, the ruler's own way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

_TEXT_ATTRS = {"TEXT": False, "ORTH": False, "LOWER": True}  # attribute -> compared in lower case
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")


@dataclass(frozen=True)
class _Starts:
    """The tokens that may begin a match reaching ``reach`` tokens: equal to one of ``texts``/``lowers``
    or matched by ``text_regex``/``lower_regex`` (the patterns' own expressions, joined)."""

    reach: int
    texts: frozenset[str]
    lowers: frozenset[str]
    text_regex: re.Pattern | None
    lower_regex: re.Pattern | None

    def admit(self, text: str, lower: str) -> bool:
        return (text in self.texts or lower in self.lowers
                or (self.text_regex is not None and self.text_regex.search(text) is not None)
                or (self.lower_regex is not None and self.lower_regex.search(lower) is not None))


class _Unsupported(Exception):
    pass


def _condition(spec: dict) -> tuple[bool, str, object]:
    """One necessary condition of a token spec: (lower case?, "eq" | "in" | "re", value)."""
    for key, value in spec.items():
        if key == "OP":
            continue
        if key not in _TEXT_ATTRS:
            raise _Unsupported(key)
        lower = _TEXT_ATTRS[key]
        if isinstance(value, str):
            return lower, "in", {value}
        if isinstance(value, dict) and set(value) == {"IN"}:
            return lower, "in", set(value["IN"])
        if isinstance(value, dict) and set(value) == {"REGEX"} and not _BACKREFERENCE.search(value["REGEX"]):
            return lower, "re", value["REGEX"]
        raise _Unsupported(value)
    raise _Unsupported("a token spec that matches any token")


def _joined(expressions: set[str]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{e})" for e in sorted(expressions))) if expressions else None


class MatchWindows:
    """Built from the ruler's patterns (``EntityRuler.patterns``)."""

    def __init__(self, patterns: Iterable[dict]) -> None:
        try:
            self._starts: list[_Starts] | None = self._build(patterns)
        except (_Unsupported, re.error):
            self._starts = None

    @staticmethod
    def _build(patterns: Iterable[dict]) -> list[_Starts]:
        by_reach: dict[int, tuple[set[str], set[str], set[str], set[str]]] = {}
        for pattern in patterns:
            tokens = pattern["pattern"]
            if isinstance(tokens, str):
                raise _Unsupported("phrase pattern")
            if any(spec.get("OP") not in (None, "?") for spec in tokens):
                raise _Unsupported("an operator other than ?")
            for i, spec in enumerate(tokens):  # the first token, or a later one after optional ones
                texts, lowers, text_res, lower_res = by_reach.setdefault(len(tokens) - i,
                                                                         (set(), set(), set(), set()))
                lower, kind, value = _condition(spec)
                if kind == "in":
                    (lowers if lower else texts).update(value)  # type: ignore[arg-type]
                else:
                    (lower_res if lower else text_res).add(value)  # type: ignore[arg-type]
                if spec.get("OP") != "?":
                    break
        return [_Starts(reach, frozenset(t), frozenset(lo), _joined(tr), _joined(lr))
                for reach, (t, lo, tr, lr) in sorted(by_reach.items(), reverse=True)]

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges ``[start, end)`` of ``doc`` that hold every match the patterns can make."""
        if self._starts is None:
            return [(0, len(doc))] if len(doc) else []
        found: list[tuple[int, int]] = []
        for token in doc:
            text, lower = token.text, token.lower_
            reach = next((s.reach for s in self._starts if s.admit(text, lower)), 0)
            if not reach:
                continue
            start, end = token.i, min(len(doc), token.i + reach)
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], max(found[-1][1], end))
            else:
                found.append((start, end))
        return found
