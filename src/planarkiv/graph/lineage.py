"""Cross-year lineage: ``continues`` relations from an initiative to the same effort in an earlier document.

Words are weighted by their rarity among all the initiatives given (``similarity``), so a word common to
the whole collection ("indsats", "ledige") counts little in any pair. All initiatives are prepared once,
as one ``Comparison``; each pair of documents is then one block of it.

Every document is compared with every earlier one (by ``Document.year``; two documents of the same year
say nothing about which continues which), whatever their kind, so versions of a series and the five
kinds alike are linked. Within one pair of documents an initiative continues at most one earlier
initiative and is continued by at most one, and only by its own best match in that document
(``Comparison.best_pairs``); an effort seen in three documents is linked in each pair, so its chain holds
even where one link is missed. Names and sums count as one effort's when each document has them in one
initiative only, judged over all the documents given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from planarkiv.schema import Extraction, Relation, RelationType

from .similarity import Comparison, InitiativeProfile, Match, profiles

# The score from which two initiatives count as one effort: where tests/test_lineage.py measures the best
# precision and recall (it prints them at this and neighbouring thresholds; make test shows the table).
THRESHOLD = 0.7


def continues(extractions: Sequence[Extraction], threshold: float = THRESHOLD) -> list[Relation]:
    """The ``continues`` relations (later initiative -> earlier initiative) among ``extractions``."""
    documents = sorted(((ex.document.year, ex.document.id, profiles(ex)) for ex in extractions
                        if ex.document.year is not None and ex.initiatives), key=lambda d: d[:2])
    compared = Comparison([p for *_, found in documents for p in found])
    blocks, start = [], 0
    for year, _, found in documents:
        blocks.append((year, range(start, start + len(found))))
        start += len(found)
    relations = []
    for (old_year, old), (new_year, new) in combinations(blocks, 2):
        if old_year < new_year:
            for i, j, found in compared.best_pairs(old, new, threshold):
                relations.append(_relation(compared.profiles[j], compared.profiles[i], found))
    return relations


def relations(extractions: Iterable[Extraction]) -> list[Relation]:
    """Every relation of ``extractions``: each document's own, then the ``continues`` among them."""
    extractions = list(extractions)
    return [*(r for extraction in extractions for r in extraction.relations), *continues(extractions)]


def _relation(later: InitiativeProfile, earlier: InitiativeProfile, found: Match) -> Relation:
    return Relation(source_id=later.id, target_id=earlier.id, type=RelationType.CONTINUES, score=found.score,
                    evidence=found.reason, page=later.page)
