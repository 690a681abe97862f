"""What changed between two versions of a series: initiatives and goals added, removed and changed.

Initiatives are paired by the similarity the lineage uses (``graph/similarity.py``: one to one, best pair
first), at ``PAIR_THRESHOLD``. Between versions of one publication most initiatives are unchanged and pair
at 1.0. Five rewordings of the plan's titles, tried when choosing the threshold, scored 0.85-0.94; an
unrelated initiative for the same target group can score 0.85 too, but a pair is kept only when each is the
other's best match, so it is paired only when its own counterpart has gone. Below the threshold an
initiative is reported as removed and another as added. A paired initiative is changed in its title, its
amounts (compared by value, years, funding and role, shown as written), its assessment or its status.

Goals are not paired by that similarity: it compares what initiatives have (target groups and named partners
of their relations, content fields, continuation wording) and goals have none of it. A goal has instead a
place the document keeps from version to version: its kind and section (ministermål 5.3, the second Mål box
of 4.3) or, for a result target, the initiative it belongs to. Goals pair, one to one in document order,
first by kind, place and identical text, then by kind and identical text (a goal moved to another section),
then by kind and place: the goal at a place whose text changed is that goal changed ("a ministermål
replaced"). A paired goal is changed in its text or its status line ("nummer 30 ud af 30 i klyngen (2.
kvartal 2017)" -> "nummer 27 …"). A goal's year is not compared: the ministermål of the 2019 version are the
ministermål for 2019 by definition.

Change ids are ``<new document id>:<old record id or ->:<new record id or ->:<field or change>``, so the
same two documents always give the same rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from itertools import pairwise
from typing import TypeVar

from planarkiv.schema import (
    Amount,
    Change,
    ChangedField,
    ChangedRecord,
    ChangeKind,
    Extraction,
    Goal,
    Initiative,
    version_key,
)

from .similarity import match, profiles

PAIR_THRESHOLD = 0.8

T = TypeVar("T")


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _years(amount: Amount) -> str:
    if amount.year_from is None:
        return ""
    if amount.year_to in (None, amount.year_from):
        return f" ({amount.year_from})"
    return f" ({amount.year_from}–{amount.year_to})"


def _amount_key(amount: Amount) -> tuple:
    return (amount.value_dkk, amount.value_dkk_max, amount.year_from, amount.year_to, amount.per_year,
            amount.funding, amount.role, amount.unit_price)


class _Version:
    """One version's records, indexed for the comparison."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.document_id = extraction.document.id
        self.profiles = profiles(extraction)
        self.initiatives = {i.id: i for i in extraction.initiatives}
        self.amounts: dict[str, list[Amount]] = defaultdict(list)
        for amount in extraction.amounts:
            if amount.initiative_id:
                self.amounts[amount.initiative_id].append(amount)

    def amounts_text(self, initiative_id: str) -> str | None:
        return "; ".join(a.text + _years(a) for a in self.amounts.get(initiative_id, [])) or None

    def amounts_key(self, initiative_id: str) -> Counter[tuple]:
        return Counter(_amount_key(a) for a in self.amounts.get(initiative_id, []))


def _pair_by(old: list[T], new: list[T], old_key: Callable[[T], Hashable], new_key: Callable[[T], Hashable],
             ) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair records with equal keys, one to one in document order; return the pairs and the rest of each."""
    waiting: dict[Hashable, list[T]] = defaultdict(list)
    for record in new:
        waiting[new_key(record)].append(record)
    pairs, old_left = [], []
    for record in old:
        candidates = waiting.get(old_key(record))
        if candidates:
            pairs.append((record, candidates.pop(0)))
        else:
            old_left.append(record)
    paired_new = {id(n) for _, n in pairs}
    return pairs, old_left, [n for n in new if id(n) not in paired_new]


def _goal_places(goals: Sequence[Goal], initiative_of: Callable[[str], str]) -> dict[str, tuple]:
    """Goal id -> (kind, anchor, ordinal): the anchor is the section, or the (paired) initiative of a
    result target; the ordinal counts goals of that kind and anchor in document order."""
    counts: dict[tuple, int] = defaultdict(int)
    places = {}
    for goal in goals:
        anchor = ("initiative", initiative_of(goal.initiative_id)) if goal.initiative_id else (
            "section", goal.section)
        places[goal.id] = (goal.kind, anchor, counts[(goal.kind, anchor)])
        counts[(goal.kind, anchor)] += 1
    return places


class _Diff:
    def __init__(self, old: _Version, new: _Version) -> None:
        self.old, self.new = old, new
        doc = new.extraction.document
        self.series = doc.series or old.extraction.document.series or doc.kind.value
        self.changes: list[Change] = []

    def _add(self, record: ChangedRecord, change: ChangeKind, *, old_id: str | None = None,
             new_id: str | None = None, field: ChangedField | None = None, old_value: str | None = None,
             new_value: str | None = None, score: float | None = None) -> None:
        self.changes.append(Change(
            id=f"{self.new.document_id}:{old_id or '-'}:{new_id or '-'}:{field or change}",
            series=self.series, old_document_id=self.old.document_id, new_document_id=self.new.document_id,
            record=record, change=change, field=field, old_id=old_id, new_id=new_id,
            old_value=old_value, new_value=new_value, score=score,
        ))

    def added(self, record: ChangedRecord, new_id: str, value: str) -> None:
        self._add(record, ChangeKind.ADDED, new_id=new_id, new_value=value)

    def removed(self, record: ChangedRecord, old_id: str, value: str) -> None:
        self._add(record, ChangeKind.REMOVED, old_id=old_id, old_value=value)

    def changed(self, record: ChangedRecord, old_id: str, new_id: str, field: ChangedField,
                old_value: str | None, new_value: str | None, score: float | None = None) -> None:
        self._add(record, ChangeKind.CHANGED, old_id=old_id, new_id=new_id, field=field, old_value=old_value,
                  new_value=new_value, score=score)

    def initiatives(self) -> dict[str, str]:
        """Add the initiative changes, in the new version's order, then the removed ones; return old
        initiative id -> new initiative id of the pairs."""
        found = match(self.old.profiles, self.new.profiles, PAIR_THRESHOLD)
        pairs = {new.id: (old.id, similar.score) for old, new, similar in found}
        for initiative in self.new.extraction.initiatives:
            if initiative.id in pairs:
                old_id, score = pairs[initiative.id]
                self.changed_initiative(self.old.initiatives[old_id], initiative, score)
            else:
                self.added(ChangedRecord.INITIATIVE, initiative.id, initiative.title)
        paired = {old_id: new_id for new_id, (old_id, _) in pairs.items()}
        for initiative in self.old.extraction.initiatives:
            if initiative.id not in paired:
                self.removed(ChangedRecord.INITIATIVE, initiative.id, initiative.title)
        return paired

    def changed_initiative(self, old: Initiative, new: Initiative, score: float) -> None:
        differences: list[tuple[ChangedField, str | None, str | None]] = []
        if _text(old.title) != _text(new.title):
            differences.append((ChangedField.TITLE, old.title, new.title))
        if self.old.amounts_key(old.id) != self.new.amounts_key(new.id):
            differences.append((ChangedField.AMOUNTS, self.old.amounts_text(old.id),
                                self.new.amounts_text(new.id)))
        if old.assessment != new.assessment:
            differences.append((ChangedField.ASSESSMENT, old.assessment, new.assessment))
        if old.status != new.status:
            differences.append((ChangedField.INITIATIVE_STATUS, old.status, new.status))
        for field, old_value, new_value in differences:
            self.changed(ChangedRecord.INITIATIVE, old.id, new.id, field, old_value, new_value, score)

    def goals(self, paired_initiatives: dict[str, str]) -> None:
        """Add the goal changes, in the new version's order, then the removed ones."""
        old_goals, new_goals = self.old.extraction.goals, self.new.extraction.goals
        old_places = _goal_places(old_goals, lambda i: paired_initiatives.get(i, i))
        new_places = _goal_places(new_goals, lambda i: i)

        def kind_text(goal: Goal) -> tuple:
            return goal.kind, _text(goal.text)

        same, old_left, new_left = _pair_by(old_goals, new_goals, lambda g: (old_places[g.id], _text(g.text)),
                                            lambda g: (new_places[g.id], _text(g.text)))
        moved, old_left, new_left = _pair_by(old_left, new_left, kind_text, kind_text)
        replaced, old_left, _ = _pair_by(old_left, new_left, lambda g: old_places[g.id],
                                         lambda g: new_places[g.id])
        pairs = {new.id: old for old, new in [*same, *moved, *replaced]}
        for goal in new_goals:
            old = pairs.get(goal.id)
            if old is None:
                self.added(ChangedRecord.GOAL, goal.id, goal.text)
                continue
            if _text(old.text) != _text(goal.text):
                self.changed(ChangedRecord.GOAL, old.id, goal.id, ChangedField.GOAL_TEXT, old.text, goal.text)
            if _text(old.status) != _text(goal.status):
                self.changed(ChangedRecord.GOAL, old.id, goal.id, ChangedField.GOAL_STATUS, old.status,
                             goal.status)
        for goal in old_left:
            self.removed(ChangedRecord.GOAL, goal.id, goal.text)


def _diff(old: _Version, new: _Version) -> list[Change]:
    comparison = _Diff(old, new)
    comparison.goals(comparison.initiatives())
    return comparison.changes


def diff(old: Extraction, new: Extraction) -> list[Change]:
    """The changes from version ``old`` to version ``new`` of a document."""
    return _diff(_Version(old), _Version(new))


def series_changes(extractions: Sequence[Extraction]) -> list[Change]:
    """For every series, the changes between each pair of consecutive versions (``version_key`` order: by
    year, then id, as ``documents.version`` counts them)."""
    series: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in extractions:
        if extraction.document.series:
            series[extraction.document.series].append(extraction)
    changes: list[Change] = []
    for versions in series.values():
        if len(versions) < 2:
            continue
        versions.sort(key=lambda e: version_key(e.document.year, e.document.id))
        ordered = [_Version(e) for e in versions]  # each profiled once
        for old, new in pairwise(ordered):
            changes.extend(_diff(old, new))
    return changes
