"""``search_at_end`` finds what ``re`` finds searching the whole text, also where the word at the end is
longer than the stretch it looks at first."""

import re

import pytest

from planarkiv.extract.danish.search_at_end import NEAR_END, search_at_end

ABBREVIATION = re.compile(r"([\w.]+)\.$")  # as in money
WORD_BEFORE = re.compile(r"([\w.]*)$")  # as in parsers.plan
WORD_BREAK = re.compile(r"[a-zæøå]-$")  # as in blocks
SENTENCE_END = re.compile(r"[.:!?]$")  # as in blocks

LONG = "a" * (2 * NEAR_END)
TEXTS = ["", ".", "bl.a.", "ca. 5 mio. kr.", "mv", "år 2020.\n", "slut\n", "x " + LONG + ".", "x " + LONG,
         LONG + ".", "x " + "a." * NEAR_END, " " + "b" * (NEAR_END - 1) + ".", " " + "b" * NEAR_END + ".",
         "ord " * 30 + "m.fl.", "ord " * 30 + "slut.", "ord " * 30 + "virksomheds-", "virksomheds-\n"]


@pytest.mark.parametrize("pattern", [ABBREVIATION, WORD_BEFORE, WORD_BREAK, SENTENCE_END])
@pytest.mark.parametrize("text", TEXTS)
def test_same_match_as_searching_the_whole_text(pattern: re.Pattern[str], text: str) -> None:
    found, expected = search_at_end(pattern, text), pattern.search(text)
    assert (found is None) == (expected is None)
    if found and expected:
        assert (found.span(), found.groups()) == (expected.span(), expected.groups())
