"""Lemmas of Danish words, for the full-text search (``corpus/search.py``) and lineage (``graph/similarity``).

The table is spaCy's Danish lookup table in spacy-lookups-data (installed package, read offline), found
through the ``spacy_lookups`` entry point spaCy's own registry reads, and read on first use as a plain dict:
extraction never needs it, publishing reads it in about 1 s, where spaCy's lookup ``lemmatizer`` pipe
builds its hashed Table of the 553 000 entries in 4-16 s in every process. Nothing here imports spaCy, so
a search in Datasette or through ``planarkiv.open`` starts without the pipeline.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache, lru_cache
from importlib.metadata import entry_points
from pathlib import Path

from .text import plain


@cache
def _lemma_table() -> dict[str, str]:
    """spacy-lookups-data's Danish ``lemma_lookup`` table (word -> lemma), the one spaCy's lookup
    lemmatizer uses; stored as ``.json`` or, as spaCy also accepts, ``.json.gz``."""
    (entry,) = entry_points(group="spacy_lookups", name="da")
    path = Path(str(entry.load()["lemma_lookup"]))
    if path.exists():
        return json.loads(path.read_bytes())
    with gzip.open(path.with_suffix(path.suffix + ".gz")) as packed:
        return json.load(packed)


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """The lower-case lemma of one word: the lookup table's, else (a compound the table lacks) the word's
    first part + the lemma of its longest known last part ("jobklubberne" -> "jobklub" if "klubberne" is
    known), else the word. Remembered: a text repeats its words, and publishing lemmatises every text."""
    table = _lemma_table()
    lower = word.lower()
    found = table.get(word) or table.get(lower)
    if found:
        return found.lower()
    if lower.isalpha() and len(lower) >= 7:
        for cut in range(3, len(lower) - 3):
            head = table.get(lower[cut:])
            if head:
                return lower[:cut] + head.lower()
    return lower


# A word for the lemma lookup: letters and digits, with the hyphens, apostrophes and full stops inside it
# ("AMU-kurser", "BIF's", "bl.a"); a hyphen or full stop at its end is punctuation ("beskæftigelses- og").
LEMMA_WORD = re.compile(r"\w+(?:[-.']\w+)*")


def lemmatize(text: str) -> str:
    """The lemmas of ``text``'s words, lower case, joined by spaces (punctuation left out).

    Lemmas depend on the words alone, so words are found with ``LEMMA_WORD`` rather than spaCy's
    tokenizer: publishing lemmatises every page of every PDF, and the regular expression does it about
    four times faster. The full-text index splits what it stores at punctuation either way."""
    return " ".join(lemma(word) for word in LEMMA_WORD.findall(plain(text)))


@cache
def _lemmas() -> frozenset[str]:
    return frozenset(value.lower() for value in _lemma_table().values())


def is_lemma(word: str) -> bool:
    """Whether the lower-case word is a lemma of the table: a base form in its own right, even where the
    table's entry for the word itself names another lemma ("modtager" -> "modtage", "borger" -> "borge")."""
    return word in _lemmas()


def adjective_e_form(word: str) -> str | None:
    """The -e form of an adjective the table files under a noun of the same spelling ("unge" -> "unge",
    "syge" -> "syge", though "ungt" -> "ung"), so a search for the adjective can find it; else None."""
    table = _lemma_table()
    if table.get(word + "t") == word and table.get(word + "e") == word + "e":
        return word + "e"
    return None

