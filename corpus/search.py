"""Full-text search over the published records, made for Danish.

Danish words inflect and compound ("jobklub", "jobklubber", "jobklubberne"; "kontanthjælp",
"kontanthjælpsmodtagere"). Two things make a search for one form find the others:

- beside each text the database stores its lemmas (``title_lemmas``, ``text_lemmas``: the lemmas of
  spaCy's Danish lookup table, ``planarkiv.extract.danish.lemmas``, lower case, joined by spaces), and the
  FTS5 index covers text and lemmas;
- a search is turned into an FTS5 query where every word the person typed matches as a prefix, in its
  own form or as its lemma: ``gik`` -> ``("gik"* OR "gå"*)``, and only ``("jobklub"*)`` for
  ``jobklubberne`` (the lemma's prefix covers the word). Words are AND-ed.

``fts_query`` is that translation. The Datasette plugin installs it as the SQL function ``escape_fts``
(so Datasette's ordinary search box uses it) and as ``planarkiv_fts`` (for canned queries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[\w][\w\-]*", re.UNICODE)
# Lemma lengths below this are too short to be a useful prefix ("a*" would match half the corpus).
MIN_PREFIX = 2


def lemmatize(text: str | None) -> str | None:
    """The lemmas of ``text`` (lower case, space separated), or None for no text."""
    if not text or not text.strip():
        return None
    from planarkiv.extract.danish import lemmas  # the table on first use: the Datasette plugin imports this

    return lemmas.lemmatize(text) or None


def lemmatize_all(texts: Iterable[str | None]) -> str | None:
    """The lemmas of several text fields as one string (None when all are empty)."""
    return lemmatize("\n".join(t for t in texts if t))


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _variants(word: str) -> list[str]:
    """The word as typed (lower case) and its lemma(s), without duplicates, and without a form that a
    shorter one already matches as a prefix: ``"jobklubberne"* OR "jobklub"*`` finds what ``"jobklub"*``
    finds, and FTS5 then merges the rows of one prefix instead of two."""
    word = word.lower().strip("-")
    found = [word]
    lemma = lemmatize(word) or ""
    for form in lemma.split():
        form = form.strip("-")
        if len(form) >= MIN_PREFIX and form not in found:
            found.append(form)
    return [form for form in found if not any(_covers(other, form) for other in found if other != form)]


def _covers(prefix: str, form: str) -> bool:
    """Whether ``"prefix"*`` matches every row ``"form"*`` matches: both one token (letters and digits
    only; FTS5's tokenizer splits at anything else) and one the beginning of the other."""
    return prefix.isalnum() and form.isalnum() and form.startswith(prefix)


def fts_query(text: str | None) -> str:
    """A person's search as an FTS5 query: each word a prefix match on itself or its lemma, AND-ed.

    ``jobklub`` -> ``("jobklub"*)``; ``jobklubberne kbh`` -> ``("jobklub"*) AND ("kbh"*)``.
    Punctuation and FTS5 operators in the text are not interpreted, so any input is a valid query;
    an empty search gives ``""`` (matches nothing).
    """
    groups = []
    for match in WORD.finditer(text or ""):
        variants = _variants(match.group())
        if not variants or not variants[0]:
            continue
        groups.append("(" + " OR ".join(f"{_quote(v)}*" for v in variants) + ")")
    return " AND ".join(groups) if groups else '""'
