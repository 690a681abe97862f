"""Cross-year lineage: ``continues`` relations from an initiative to the same effort in an earlier document,
and the pairs under the threshold a person should look at (``candidates``).

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

The automatic links are kept precise; what lexical evidence cannot settle (a synonym, a bundle of
measures in one paragraph) is left to a person, who reads two initiatives in seconds. ``candidates``
gives each later initiative its best few earlier counterparts under the threshold, ranked so the right
one comes first:

- an effort is compared as a whole: a pair scores as well as the later initiative (or anything already
  linked to it) and the earlier one (or anything linked to it) compare, so a step in between two linked
  years is found through the step its text resembles;
- an earlier initiative whose best match in the later document is another initiative comes after those
  that are free, as the automatic links are one to one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import networkx as nx
import numpy as np

from planarkiv.schema import Extraction, LinkCandidate, Relation, RelationType

from .similarity import Comparison, InitiativeProfile, Match, profiles

# The score from which two initiatives count as one effort: where tests/test_lineage.py measures the best
# precision and recall (it prints them at this and neighbouring thresholds; make test shows the table).
THRESHOLD = 0.7
CANDIDATES = 3  # earlier counterparts proposed per later initiative: what a reviewer reads at a glance
CANDIDATE_FLOOR = 0.25  # a pair scoring less has nothing in common worth a reviewer's time


def _compared(extractions: Sequence[Extraction]) -> tuple[Comparison, list[tuple[int, range]]]:
    """Every initiative of the dated documents as one ``Comparison``, and each document's year and block
    of it, in year order."""
    documents = sorted(((ex.document.year, ex.document.id, profiles(ex)) for ex in extractions
                        if ex.document.year is not None and ex.initiatives), key=lambda d: d[:2])
    compared = Comparison([p for *_, found in documents for p in found])
    blocks, start = [], 0
    for year, _, found in documents:
        blocks.append((year, range(start, start + len(found))))
        start += len(found)
    return compared, blocks


def _continues(compared: Comparison, blocks: list[tuple[int, range]], threshold: float) -> list[Relation]:
    relations = []
    for (old_year, old), (new_year, new) in combinations(blocks, 2):
        if old_year < new_year:
            for i, j, found in compared.best_pairs(old, new, threshold):
                relations.append(_relation(compared.profiles[j], compared.profiles[i], found))
    return relations


def continues(extractions: Sequence[Extraction], threshold: float = THRESHOLD) -> list[Relation]:
    """The ``continues`` relations (later initiative -> earlier initiative) among ``extractions``."""
    return _continues(*_compared(extractions), threshold)


def relations(extractions: Iterable[Extraction]) -> list[Relation]:
    """Every relation of ``extractions``: each document's own, then the ``continues`` among them."""
    extractions = list(extractions)
    return [*(r for extraction in extractions for r in extraction.relations), *continues(extractions)]


def candidates(extractions: Sequence[Extraction], links: Iterable[Relation] | None = None,
               per_initiative: int = CANDIDATES, floor: float = CANDIDATE_FLOOR) -> list[LinkCandidate]:
    """For each later initiative, its ``per_initiative`` best earlier counterparts not linked to it by
    ``links`` (the ``continues`` among ``relations``; computed when not given), scoring at least ``floor``,
    ranked as the module says; best first over all."""
    compared, blocks = _compared(list(extractions))
    if links is None:
        links = _continues(compared, blocks, THRESHOLD)
    return _candidates(compared, blocks, links, per_initiative, floor)


def relations_and_candidates(extractions: Iterable[Extraction]) -> tuple[list[Relation], list[LinkCandidate]]:
    """``relations`` and ``candidates`` of ``extractions`` from one preparation of their initiatives, as
    a publish needs both."""
    extractions = list(extractions)
    compared, blocks = _compared(extractions)
    links = _continues(compared, blocks, THRESHOLD)
    own = [r for extraction in extractions for r in extraction.relations]
    return [*own, *links], _candidates(compared, blocks, links, CANDIDATES, CANDIDATE_FLOOR)


def _candidates(compared: Comparison, blocks: list[tuple[int, range]], links: Iterable[Relation],
                per_initiative: int, floor: float) -> list[LinkCandidate]:
    at = {p.id: n for n, p in enumerate(compared.profiles)}
    linked = nx.Graph([(at[r.source_id], at[r.target_id]) for r in links
                       if r.type is RelationType.CONTINUES and r.source_id in at and r.target_id in at])
    effort = {n: frozenset(c) for c in nx.connected_components(linked) for n in c}
    # Every initiative against each linked one, once (the linked are few: their pairs with all the others
    # cost what one document's block does per linked initiative).
    members = sorted(effort)
    with_linked = compared.score_block(range(len(compared.profiles)), members)
    against = {n: with_linked[:, k] for k, n in enumerate(members)}
    found: list[LinkCandidate] = []
    for year, cols in blocks:
        rows = [i for earlier, block in blocks if earlier < year for i in block]
        if rows:
            found.extend(_proposed(compared, effort, against, rows, list(cols), per_initiative, floor))
    return sorted(found, key=lambda c: (-c.score, c.later_id, c.rank))


def _proposed(compared: Comparison, effort: dict[int, frozenset[int]], against: dict[int, np.ndarray],
              rows: list[int], cols: list[int], per_initiative: int, floor: float) -> list[LinkCandidate]:
    """The candidates of the later initiatives ``cols`` (one document) among the earlier ``rows``;
    ``against``: each linked initiative's scores with every initiative."""
    direct = compared.score_block(rows, cols)
    whole = direct.copy()
    # Each side against the initiatives already linked to the other.
    for c, j in enumerate(cols):
        for x in effort.get(j, ()):
            whole[:, c] = np.maximum(whole[:, c], against[x][rows])
    for r, i in enumerate(rows):
        for y in effort.get(i, ()):
            whole[r, :] = np.maximum(whole[r, :], against[y][cols])
    # Taken: the earlier initiative's best match in this document is another initiative.
    best_other = np.zeros_like(direct)
    if len(cols) > 1:
        top_two = np.sort(direct, axis=1)[:, -2:]
        best_other = np.where(direct >= top_two[:, 1:2], top_two[:, 0:1], top_two[:, 1:2])
    taken = direct < best_other
    ids = np.array([compared.profiles[i].id for i in rows])
    found = []
    for c, j in enumerate(cols):
        same = effort.get(j, frozenset({j}))
        near = [r for r in np.flatnonzero(whole[:, c] >= floor) if rows[r] not in same]
        ranked = [near[n] for n in np.lexsort((ids[near], -whole[near, c], taken[near, c]))] if near else []
        for rank, r in enumerate(ranked[:per_initiative], start=1):
            score, reason = _why(compared, effort, rows[r], j)
            found.append(LinkCandidate(later_id=compared.profiles[j].id,
                                       earlier_id=compared.profiles[rows[r]].id, rank=rank, score=score,
                                       reason=reason))
    return found


def _why(compared: Comparison, effort: dict[int, frozenset[int]], earlier: int,
         later: int) -> tuple[float, str]:
    """The score and reason of a candidate: of the two initiatives themselves, or of one of them and an
    initiative linked to the other, whichever compares best (naming the linked initiative)."""
    pairs = {(earlier, later), *((earlier, x) for x in effort.get(later, ())),
             *((y, later) for y in effort.get(earlier, ()))}
    options = []
    for y, x in pairs:
        old, new = sorted((y, x), key=lambda n: compared.profiles[n].year or 0)
        if compared.profiles[old].year != compared.profiles[new].year:
            match = compared.found(old, new)
            via = [compared.profiles[n] for n in (y, x) if n not in (earlier, later)]
            note = "".join(f"via den koblede '{p.title}' ({p.year}): " for p in via)
            options.append((match.score, (y, x) != (earlier, later), note + match.reason))
    score, _, reason = max(options, key=lambda o: (o[0], not o[1]))
    return score, reason


def _relation(later: InitiativeProfile, earlier: InitiativeProfile, found: Match) -> Relation:
    return Relation(source_id=later.id, target_id=earlier.id, type=RelationType.CONTINUES, score=found.score,
                    evidence=found.reason, page=later.page)
