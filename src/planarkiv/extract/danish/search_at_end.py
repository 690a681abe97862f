"""A regular expression anchored at the end of a text, searched without trying every position of it."""

from __future__ import annotations

import re

# Longer than a line end and than the words the callers look for (an abbreviation, a word before a stop).
NEAR_END = 40


def search_at_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern anchored with ``$``.

    ``re`` tries the pattern at every position of the text, a cost that grows with the text. Searched from
    ``NEAR_END`` characters before the end, it finds the same match when the match is shorter than that (a
    line end, "[.:!?]$"), and when it is a run of one class of characters ("([\\w.]*)$"), which matches at
    every later position of the run but the last: if it matches right at the start of the stretch, the run
    may go on to the left, and the whole text is searched."""
    near = max(0, len(text) - NEAR_END)
    match = pattern.search(text, near)
    if match and near and match.start() == near:
        return pattern.search(text)
    return match
