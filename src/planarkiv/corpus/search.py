"""Full-text search over the published records, made for Danish.

Danish words inflect and compound ("jobklub", "jobklubber", "jobklubberne"; "kontanthjælp",
"kontanthjælpsmodtagere"; "praktik", "virksomhedspraktik"). Three things make a search for one form find
the others:

- beside each text the database stores its lemmas (``title_lemmas``, ``text_lemmas``: the lemmas of
  spaCy's Danish lookup table, ``planarkiv.extract.danish.lemmas``, lower case, joined by spaces), and the
  FTS5 index covers text and lemmas;
- after a compound's lemma come the lemmas of its parts (``planarkiv.extract.danish.compounds``):
  "jobklubberne" is stored as ``jobklub job klub``, so "klub" finds the compound's head and "job" its
  first part, each as a whole word;
- a search is turned into an FTS5 query where every word the person typed matches as a whole word, in
  its own form or as its lemma: ``gik`` -> ``("gik" OR "gå")``. Only a word that is neither a lemma
  nor a compound (an unfinished ``kontanth``, a clipped ``fleks``) also matches as a prefix, if it has
  ``MIN_PREFIX`` letters. A lemma is no prefix, because a prefix finds chance words ("arm" in "armod",
  "by" in "byggeri"), and the compound parts already give what a prefix was for. Words are AND-ed.

``fts_query`` is that translation. The Datasette plugin installs it as the SQL function ``escape_fts``
(so Datasette's ordinary search box uses it) and as ``planarkiv_fts`` (for canned queries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[\w][\w\-]*", re.UNICODE)
# An unknown word shorter than this is matched whole: "are"* would find "areal", "an"* half the corpus.
MIN_PREFIX = 4
# A lemma shorter than this is left out of a query ("a" of "a-kasser" typed alone would find every "a").
MIN_LEMMA = 2


def lemmatize(text: str | None) -> str | None:
    """What the lemma columns hold for ``text``: each word's lemma (lower case) followed by the lemmas
    of its compound parts, space separated; None for no text."""
    if not text or not text.strip():
        return None
    from planarkiv.extract.danish import compounds, lemmas  # on first use: the Datasette plugin imports this

    terms = []
    for lemma in lemmas.lemmatize(text).split():
        terms.append(lemma)
        terms.extend(compounds.parts(lemma))
    return " ".join(terms) or None


def lemmatize_all(texts: Iterable[str | None]) -> str | None:
    """The lemma column of several text fields as one string (None when all are empty)."""
    return lemmatize("\n".join(t for t in texts if t))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _terms(word: str) -> list[str]:
    """The FTS5 terms of one typed word: the word (lower case) and, unless it is a lemma itself, its
    lemma(s), as whole words. A word that is no lemma and no compound (an inflected form, a clipped
    "fleks", an unfinished "kontanth") also matches as a prefix, if it has ``MIN_PREFIX`` letters.

    A lemma is not looked up again: "borger" is a lemma of its own (borgere, borgerne), and its table
    entry "borge" (to vouch) would find other words."""
    from planarkiv.extract.danish import compounds, lemmas

    word = word.lower().strip("-")
    if not word:
        return []
    own = lemmas.is_lemma(word)
    found = [word]
    for form in ([] if own else lemmas.lemmatize(word).split()):
        form = form.strip("-")
        if len(form) >= MIN_LEMMA and form not in found:
            found.append(form)
    found += [e_form for e_form in map(lemmas.adjective_e_form, found) if e_form and e_form not in found]
    terms = [_quote(form) for form in found]
    if not own and not compounds.parts(found[-1]) and len(word) >= MIN_PREFIX:
        terms[0] += "*"
    return terms


def fts_query(text: str | None) -> str:
    """A person's search as an FTS5 query: each word a whole word (itself or its lemma) or, unknown to
    the lexicon, a prefix; AND-ed.

    ``jobklubberne`` -> ``("jobklubberne" OR "jobklub")``; ``kontanth kbh`` -> ``("kontanth"*) AND
    ("kbh")``. Punctuation and FTS5 operators in the text are not interpreted, so any input is a valid
    query; an empty search gives ``""`` (matches nothing).
    """
    groups = []
    for match in WORD.finditer(text or ""):
        terms = _terms(match.group())
        if terms:
            groups.append("(" + " OR ".join(terms) + ")")
    return " AND ".join(groups) if groups else '""'
