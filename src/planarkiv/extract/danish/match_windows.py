"""The entity ruler's answer found cheaply: only the patterns that can match, only where they can.

spaCy's token ``Matcher`` starts every pattern at every token: with the ~570 gazetteer patterns that is
~0.3 ms a token, most of the time planarkiv added to reading a PDF. Yet a match can only begin at a token
that satisfies a leading token spec of its pattern (the first, or a later one after optional ones), and it
is at most as long as the pattern. So ``MatchWindows`` sorts the patterns into groups by their leading
specs, and one look at a token (remembered per token text) tells which groups may begin a match there and
how far it may reach. A window is a stretch so covered (overlapping or adjacent ones merged) with the groups
that may match in it: every match lies inside one window and is a match of one of its groups.
``WindowedRuler`` runs a ``Matcher`` per group over each window and keeps the longest, then the earliest
match, as the ``EntityRuler`` does, by spaCy's ``filter_spans`` (the ruler's own rule). That choice is the
ruler's whatever the order of the matches, except where one stretch matches under two labels or ids: the
ruler then keeps the first in the order of a set of all the doc's matches, so such a doc goes to the ruler
itself, whole.

This holds for patterns of the kinds the project writes: token attributes ``TEXT``/``ORTH``/``LOWER``
compared as a string, ``IN`` a list or ``REGEX``, and the operator ``?``. For anything else (other
attributes, ``*``, ``+``, ``!``, phrase patterns) ``MatchWindows.groups`` is None, the one window is the
whole text, and the ruler itself runs on it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

_TEXT_ATTRS = {"TEXT": False, "ORTH": False, "LOWER": True}  # attribute -> compared in lower case
_BACKREFERENCE = re.compile(r"\\\d|\(\?P=")

# One necessary condition of a token spec: (compared in lower case?, "in" | "re", the strings or expression)
Condition = tuple[bool, str, frozenset[str] | str]


@dataclass(frozen=True)
class Window:
    """Tokens ``[start, end)`` of a doc, and the indexes (into ``MatchWindows.groups``) of the groups whose
    patterns may match there; None: any pattern (the patterns are beyond this module's reasoning)."""

    start: int
    end: int
    groups: tuple[int, ...] | None


class _Unsupported(Exception):
    pass


def _condition(spec: dict) -> Condition:
    """One necessary condition of a token spec."""
    for key, value in spec.items():
        if key == "OP":
            continue
        if key not in _TEXT_ATTRS:
            raise _Unsupported(key)
        lower = _TEXT_ATTRS[key]
        if isinstance(value, str):
            return lower, "in", frozenset({value})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return lower, "in", frozenset(value["IN"])
        if isinstance(value, dict) and set(value) == {"REGEX"} and not _BACKREFERENCE.search(value["REGEX"]):
            return lower, "re", value["REGEX"]
        raise _Unsupported(value)
    raise _Unsupported("a token spec that matches any token")


def _leading(tokens: list[dict] | str) -> list[Condition]:
    """The conditions of the token specs a match of the pattern can begin with."""
    if isinstance(tokens, str):
        raise _Unsupported("phrase pattern")
    if any(spec.get("OP") not in (None, "?") for spec in tokens):
        raise _Unsupported("an operator other than ?")
    leading = []
    for spec in tokens:
        leading.append(_condition(spec))
        if spec.get("OP") != "?":
            break
    return leading


class MatchWindows:
    """Built from an ``EntityRuler``'s patterns (``EntityRuler.patterns``)."""

    def __init__(self, patterns: Sequence[dict]) -> None:
        self.groups: list[tuple[int, ...]] | None = None
        """Indexes of the patterns, grouped by the conditions their matches can begin with."""
        try:
            self._build(patterns)
        except (_Unsupported, re.error):
            self.groups = None

    def _build(self, patterns: Sequence[dict]) -> None:
        leadings = [_leading(pattern["pattern"]) for pattern in patterns]
        by_leading: dict[tuple[Condition, ...], list[int]] = {}
        for i, leading in enumerate(leadings):
            by_leading.setdefault(tuple(leading), []).append(i)
        self.groups = [tuple(indexes) for indexes in by_leading.values()]
        # Per condition: how far a match beginning at a token that satisfies it reaches, and the groups.
        self._reach: dict[Condition, int] = {}
        self._groups: dict[Condition, set[int]] = {}
        for group, (leading, indexes) in enumerate(by_leading.items()):
            longest = max(len(patterns[i]["pattern"]) for i in indexes)
            for position, condition in enumerate(leading):
                self._reach[condition] = max(self._reach.get(condition, 0), longest - position)
                self._groups.setdefault(condition, set()).add(group)
        self._equal: dict[tuple[bool, str], list[Condition]] = {}  # (lower?, string) -> conditions
        self._regexes: dict[bool, list[tuple[re.Pattern, Condition]]] = {False: [], True: []}
        for condition in self._reach:
            lower, kind, value = condition
            if kind == "in":
                for string in value:
                    self._equal.setdefault((lower, string), []).append(condition)
            else:
                self._regexes[lower].append((re.compile(value), condition))  # type: ignore[arg-type]
        # Most tokens satisfy no expression: one search of them all joined says so.
        self._any_regex = {lower: re.compile("|".join(f"(?:{r.pattern})" for r, _ in regexes))
                           for lower, regexes in self._regexes.items() if regexes}
        self._look = lru_cache(maxsize=1 << 16)(self._starts)

    def _starts(self, text: str, lower: str) -> tuple[int, frozenset[int]]:
        """How far a match beginning at a token with this text may reach (0: none begins there), and the
        groups whose matches may begin there."""
        conditions = self._equal.get((False, text), []) + self._equal.get((True, lower), [])
        for is_lower, joined in self._any_regex.items():
            string = lower if is_lower else text
            if joined.search(string):
                conditions += [c for regex, c in self._regexes[is_lower] if regex.search(string)]
        if not conditions:
            return 0, frozenset()
        return (max(self._reach[c] for c in conditions),
                frozenset(group for c in conditions for group in self._groups[c]))

    def windows(self, doc: Doc) -> list[Window]:
        """The windows of ``doc`` that hold every match the patterns can make, in order."""
        if self.groups is None:
            return [Window(0, len(doc), None)] if len(doc) else []
        found: list[tuple[int, int, set[int]]] = []
        for token in doc:
            reach, groups = self._look(token.text, token.lower_)
            if not reach:
                continue
            start, end = token.i, min(len(doc), token.i + reach)
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], max(found[-1][1], end), found[-1][2] | groups)
            else:
                found.append((start, end, set(groups)))
        return [Window(start, end, tuple(sorted(groups))) for start, end, groups in found]


class WindowedRuler:
    """The entities an ``EntityRuler`` finds in a doc without entities, found window by window."""

    def __init__(self, ruler: EntityRuler) -> None:
        self.ruler = ruler
        patterns = ruler.patterns
        self.windows = MatchWindows(patterns)
        vocab = ruler.nlp.vocab
        self._matchers: list[Matcher] = []
        self._names: dict[int, tuple[str, str]] = {}  # match key -> label, id
        for group in self.windows.groups or ():
            matcher = Matcher(vocab)  # the ruler validated the patterns
            for i in group:
                label, ent_id = patterns[i]["label"], patterns[i].get("id", "")
                key = f"{label} {ent_id}"
                self._names[vocab.strings.add(key)] = (label, ent_id)
                matcher.add(key, [patterns[i]["pattern"]])
            self._matchers.append(matcher)

    def __call__(self, doc: Doc) -> list[Span]:
        """The entities, in order: spans of ``doc`` with the pattern's label and id (``id_``)."""
        found: list[Span] = []
        for window in self.windows.windows(doc):
            spans = self._window(doc, window)
            if spans is None:
                return self._ruled(doc)
            found += spans
        return found

    def _window(self, doc: Doc, window: Window) -> list[Span] | None:
        """The entities in a window; None where the ruler itself must choose."""
        if window.groups is None:
            return None
        span = doc[window.start:window.end]
        matches = {match for group in window.groups for match in self._matchers[group](span)}
        if len({(start, end) for _, start, end in matches}) < len(matches):
            return None  # a stretch matched under two names: the ruler's choice follows its order
        spans = []
        for key, start, end in matches:
            label, ent_id = self._names[key]
            spans.append(Span(doc, span.start + start, span.start + end, label=label, span_id=ent_id))
        return filter_spans(spans)

    def _ruled(self, doc: Doc) -> list[Span]:
        """The ruler's entities in the whole doc: its order of matches, where it decides, depends on the
        doc's every match."""
        return [Span(doc, ent.start, ent.end, label=ent.label, span_id=ent.ent_id)
                for ent in self.ruler(doc.copy()).ents]
