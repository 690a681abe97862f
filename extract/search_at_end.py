"""A regular expression anchored at the end of a text, searched without trying every position of it."""

from __future__ import annotations

import re

# Longer than any word the callers look for (an abbreviation, a word before a full stop).
NEAR_END = 40


def search_at_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that matches a run of one class of characters at the end of
    ``text`` ("([\\w.]*)$"): one that matches at a position matches at every later one but the last.

    ``re`` tries the pattern at every position, each try running to the end of the word: a cost that grows
    with the text. Searched from ``NEAR_END`` characters before the end, it finds the same match, unless
    it matches right there: then the run may go on to the left, and the whole text is searched."""
    near = max(0, len(text) - NEAR_END)
    match = pattern.search(text, near)
    if match and near and match.start() == near:
        return pattern.search(text)
    return match
