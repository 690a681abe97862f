"""Danish text as the parsers compare and present it: whitespace folded, keys for comparing, titles.

- ``collapsed``: whitespace runs (PDF line breaks inside a sentence or a name) as one space.
- ``tidied``: ``collapsed``, a typing slip at its end undone: text as staff read it.
- ``plain``: ``collapsed`` with typographic apostrophes made plain ("BIF’s" -> "BIF's"): the form the
  gazetteer finders match.
- ``fold``: the key two texts are compared by (a heading against a title, a header cell against its
  name): collapsed, case folded.
- ``clean_title``: a title from a heading, a lead-in or a sentence, by the domain guide's title rules.
- ``clean_heading``: a document's title from its heading, which keeps a trailing parenthesis ("(PUK)").
"""

from __future__ import annotations

import re


def collapsed(text: str) -> str:
    """Whitespace runs -> one space, none at the ends (``str.split`` knows the whitespace ``\\s`` does)."""
    return " ".join(text.split())


def tidied(text: str) -> str:
    """``collapsed``, and a doubled full stop at its end (a typing slip, not an ellipsis) made single."""
    text = collapsed(text)
    return text[:-1] if text.endswith("..") and not text.endswith("...") else text


def plain(text: str) -> str:
    """``collapsed``, with ’, ` and ´ made ' (three ``str.replace`` cost a hundredth of one
    ``str.translate`` by a table)."""
    return collapsed(text).replace("’", "'").replace("`", "'").replace("´", "'")


def fold(text: str | None) -> str:
    """The comparison key of a text: collapsed and case folded ("Nr.\n" = "nr."); None folds to ""."""
    return collapsed(text or "").casefold()


_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
_DOUBLE_QUOTES = "”“\"„"
_QUOTES = _DOUBLE_QUOTES + "'’"
_END_PUNCTUATION = ".:;, "


def _unquoted(title: str) -> str:
    """Without the quotes around the whole title ("”Et CV”" -> "Et CV"); a title that only starts or ends
    with a quoted name keeps its quotes ("’Helhedsorienteret indsats for unge’ er …")."""
    inner = title[1:-1].strip()
    if (len(title) > 2 and title[0] in _QUOTES and title[-1] in _QUOTES and title[0] not in inner
            and not any(q in inner for q in _DOUBLE_QUOTES)):
        return inner
    return title


def clean_title(text: str) -> str:
    """A title: whitespace collapsed, no surrounding quotes, no trailing full stop, colon, semicolon or
    comma, no trailing parenthesis ("Pilotprojekt (2018-2020)" -> "Pilotprojekt"), never empty when the
    text has words."""
    title = collapsed(text)
    for _ in range(3):
        title = _unquoted(title.rstrip(_END_PUNCTUATION))
        without = _TRAILING_PARENTHESIS.sub("", title).rstrip(_END_PUNCTUATION)
        if not without or without == title:
            break
        title = without
    return title


def clean_heading(text: str) -> str:
    """A heading as a document's title: collapsed, no surrounding quotes, no trailing colon or full stop;
    a trailing parenthesis stays ("Udvalget for plan, udvikling og kultur (PUK)")."""
    return collapsed(text).strip(_DOUBLE_QUOTES + "'’ ").rstrip(".:;, ").strip()
