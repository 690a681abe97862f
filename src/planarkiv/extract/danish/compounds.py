"""The parts of Danish compounds, so a search for a word finds the compounds it is a part of.

Danish writes compounds as one word: "virksomhedspraktik" is virksomhed + linking s + praktik, and
"jobklubber" is job + klubber. A person searching for "praktik" or "klub" means those too. Prefix matching
finds a compound's first part only, and substring matching finds chance strings ("arm" in "armod", "by"
in "byggeri"), so the compound is split into words instead, and the full-text index gets the parts'
lemmas beside the whole word's lemma: a query word then matches a part as a whole token.

The lexicon is the lemma list of spacy-lookups-data's Danish table (``lemmas``), read offline, with no
frequencies, so "a real word" is judged from the table's own shape:

- a part is a lemma the table maps at least ``MIN_FORMS`` inflected forms to: nouns, verbs and adjectives
  inflect, function words ("det", "ud", "til") and most of the table's odd short entries do not;
- a part has at least ``MIN_PART`` letters, and a three-letter head (job, tid, sag) follows a modifier
  of four or more: two-letter words ("ar|mod") and three-letter words on both sides ("kur|sus",
  "gen|nem", "kul|tur") are where chance splits come from;
- the head is no derivational suffix that is spelled like a word (``SUFFIXES``: "virksom|hed",
  "ansvar|lig", "ung|dom"): such a word is derived, not compounded;
- the head may be inflected where the word's lemma could not undo it ("virksomheds|rettet": the part
  indexed is its lemma, rette);
- between parts a linking "s" or "e" may stand ("beskæftigelse|s|indsats", "børn|e|have"), and a
  modifier's final "e" drops before the "s" ("arbejde" in "arbejds|marked");
- the parts cover the whole word, else it is not split: "armod" and "bygning" stay whole.

Of the splits, the one with the fewest parts wins (its parts are the largest words: "kontanthjælp|s|
modtager", not "kontant|hjælp|s|modtager"), and each part is split again, so every level is indexed
(kontanthjælp, modtager, kontant, hjælp, mod, tage). Splitting works on the lemma (the head in its base
form) and is remembered per lemma: publishing pays a set look-up per substring of each new word, and
reads the lexicon (a count over the lemma table) once.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from .lemmas import _lemma_table

MIN_FORMS = 2
MIN_PART = 3
# A head this short (job, tid, sag) only after a modifier longer than MIN_PART: the short parts on both
# sides of "kur|sus", "gen|nem", "kul|tur" are where chance splits come from.
SHORT_HEAD = 3
LINKS = ("", "s", "e")
# Danish derivational suffixes that are spelled like words: a word ending in one is derived, not compounded
# ("virksom|hed", "ansvar|lig", "ung|dom", "sår|bar", "fælles|skab", "plan|mæssig").
SUFFIXES = frozenset({"agtig", "bar", "dom", "else", "hed", "ion", "lig", "mæssig", "ning", "skab", "som",
                      "vis"})


@cache
def _lexicon() -> frozenset[str]:
    """The lemmas that may be compound parts: alphabetic, inflecting (see the module docstring)."""
    forms = Counter(value.lower() for value in _lemma_table().values())
    return frozenset(word for word, n in forms.items()
                     if n >= MIN_FORMS and word.isalpha() and len(word) >= MIN_PART)


def _segment(word: str) -> tuple[str, ...] | None:
    """The fewest lexicon words (with linking letters between them left out) that make up ``word``
    whole; None when there is no such split into two or more."""
    best: dict[int, tuple[str, ...]] = {}  # position -> the fewest parts from there to the end
    for start in range(len(word) - MIN_PART, -1, -1):
        found: tuple[str, ...] | None = None
        for end in range(start + MIN_PART, len(word) + 1):
            for part, rest in _continuations(word, start, end, best):
                if found is None or len(rest) + 1 < len(found):
                    found = (part, *rest)
        if found:
            best[start] = found
    split = best.get(0)
    return split if split and len(split) >= 2 else None


def _continuations(word: str, start: int, end: int,
                   best: dict[int, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """``word[start:end]`` as a part (its lexicon form, the lemma of an inflected head) with the parts
    after it: none if it is the head, else the best split after a linking letter."""
    lexicon = _lexicon()
    part = word[start:end]
    if end == len(word):
        head = part if part in lexicon else _lemma_table().get(part, "").lower()
        return [(head, ())] if start > 0 and head in lexicon and SUFFIXES.isdisjoint({part, head}) else []
    found = []
    if part in lexicon:
        found += [(part, best[end + len(link)]) for link in LINKS
                  if word.startswith(link, end) and end + len(link) in best]
    if part + "e" in lexicon and word.startswith("s", end) and end + 1 in best:
        found.append((part + "e", best[end + 1]))  # a final e drops before the linking s: "arbejd|s|marked"
    return [(part, rest) for part, rest in found if len(rest) > 1 or len(rest[0]) > SHORT_HEAD
            or len(part) > MIN_PART]


@lru_cache(maxsize=1 << 16)
def parts(lemma: str) -> tuple[str, ...]:
    """The compound parts of a lemma at every level, in order of the word, without the lemma itself:
    ``"jobklub"`` -> ``("job", "klub")``, ``"kontanthjælpsmodtager"`` -> ``("kontanthjælp", "kontant",
    "hjælp", "modtager", "mod", "tage")``; ``()`` for a word that is no compound of lexicon words
    ("armod", "bygning")."""
    split = _segment(lemma) if lemma.isalpha() else None
    if not split:
        return ()
    found: list[str] = []
    for part in split:
        for word in (part, *parts(part)):
            if word not in found:
                found.append(word)
    return tuple(found)
