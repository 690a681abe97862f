"""Building the typed records of one document: ids, provenance, and the links every kind shares.

The kind parsers decide what is a goal, an initiative or an amount and where it sits; this builder turns those
decisions into validated records with stable ids, finds the money, offices and target groups in an
initiative's text, and records the relations with their evidence.

An id names a record for good: a link, a bookmark, a decision or a note that cites it must still find it after
the document is read again by a better parser. So an id is made from the document and the record's own
content, never from its place in a list: ``<document id>-i-<hash>`` of an initiative's number and title,
``-g-`` of a goal's kind, number, initiative and text, ``-a-`` of an amount's owner (its initiative, or none),
text, value and first year. The hash is of the content alone, the document's id is only its prefix: the same
record read from a copy of the file (turned, re-saved) has the same hash. Text is compared as ``content_key``
makes it (Unicode compatibility form, case folded, no punctuation, whitespace collapsed), so a parser that
tidies a dash or a line break differently keeps the id. Records with equal content are told apart by their
occurrence among those (the second "Administration" row of a table), so a record added, removed or moved
elsewhere in the document leaves every other id as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter

from planarkiv.schema import (
    Amount,
    AmountRole,
    BBox,
    Document,
    Extraction,
    Goal,
    GoalKind,
    Initiative,
    InitiativeStatus,
    Office,
    OfficeRole,
    Provenance,
    Relation,
    RelationType,
    TargetGroup,
)

from .blocks import Block
from .danish.money import find_amounts
from .danish.roles import office_roles
from .danish.target_groups import find_target_groups
from .layout import Box

HASH_LENGTH = 10  # hex digits of SHA-256 in an id: two records of one kind in one document clash by chance
# about once in a million documents of a thousand records (and then still get distinct ids)
_PUNCTUATION = re.compile(r"[^\w\s]")


def content_key(text: str | None) -> str:
    """A text as ids compare it: Unicode compatibility form (the ligature "ﬁ" is "fi"), case folded,
    without punctuation, whitespace collapsed ("Job-match:\nUnge" -> "jobmatch unge")."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_PUNCTUATION.sub("", folded).split())


class RecordBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.goals: list[Goal] = []
        self.initiatives: list[Initiative] = []
        self.amounts: list[Amount] = []
        self.offices: dict[str, Office] = {}
        self.target_groups: dict[str, TargetGroup] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}
        self._occurrences: Counter[tuple] = Counter()
        self._ids: set[str] = set()

    def record_id(self, kind: str, *content: object) -> str:
        """The id of a record of ``kind`` (``i``, ``g``, ``a``) with this content: the document's id and a
        hash of the content and its occurrence among records of equal content so far. In the rare clash of
        two hashes the later record takes the next occurrence, so ids stay unique and deterministic."""
        key = (kind, *content)
        while True:
            occurrence = self._occurrences[key]
            self._occurrences[key] += 1
            text = json.dumps([*key, occurrence], ensure_ascii=False)
            made = f"{self.document.id}-{kind}-{hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]}"
            if made not in self._ids:
                self._ids.add(made)
                return made

    def provenance(self, page: int, bbox: Box | None = None) -> Provenance:
        box = BBox(x0=bbox[0], top=bbox[1], x1=bbox[2], bottom=bbox[3]) if bbox else None
        return Provenance(document_id=self.document.id, page=page, bbox=box)

    def goal(self, kind: GoalKind, text: str, page: int, bbox: Box | None = None, **fields: object) -> Goal:
        owner = fields.get("initiative_id")
        made = self.record_id("g", kind.value, fields.get("number"), self._local(owner), content_key(text))
        goal = Goal(id=made, kind=kind, text=text, provenance=self.provenance(page, bbox), **fields)
        self.goals.append(goal)
        return goal

    def initiative(self, title: str, status: InitiativeStatus, page: int, bbox: Box | None = None,
                   **fields: object) -> Initiative:
        made = self.record_id("i", fields.get("number"), content_key(title))
        initiative = Initiative(id=made, title=title, status=status, provenance=self.provenance(page, bbox),
                                **fields)
        self.initiatives.append(initiative)
        if initiative.theme_id:
            self.relate(initiative.id, initiative.theme_id, RelationType.PART_OF, title, page)
        return initiative

    def relate(self, source: str, target: str, type: RelationType, evidence: str | None = None,
               page: int | None = None, score: float | None = None) -> None:
        key = (source, target, type.value)
        if key not in self.relations:
            self.relations[key] = Relation(source_id=source, target_id=target, type=type, evidence=evidence,
                                           page=page, score=score)

    def link_text(self, initiative: Initiative, text: str, page: int, copenhagen: bool = True) -> None:
        """Offices the text names, with the role its sentences give them (``roles``), and the target
        groups it speaks of, for one initiative (``copenhagen=False``: another municipality's text)."""
        for mention in office_roles(text, copenhagen):
            self.office(initiative, mention.office, mention.role, text, page)
        for group in find_target_groups(text):
            self.target_group(initiative, group, text, page)

    def office(self, owner: Initiative | Document, office: Office, role: OfficeRole, evidence: str,
               page: int) -> None:
        """Link an office to an initiative or to the document that names it; a responsibility outranks a
        mere mention of the same office."""
        self.offices.setdefault(office.id, office)
        if role is OfficeRole.RESPONSIBLE:
            self.relations.pop((owner.id, office.id, RelationType.MENTIONS.value), None)
        elif (owner.id, office.id, RelationType.RESPONSIBLE.value) in self.relations:
            return
        self.relate(owner.id, office.id, RelationType(role.value), evidence, page)

    def target_group(self, owner: Initiative | Document, group: TargetGroup, evidence: str,
                     page: int) -> None:
        self.target_groups.setdefault(group.id, group)
        self.relate(owner.id, group.id, RelationType.TARGETS, evidence, page)

    def money(self, text: str, page: int, bbox: Box | None = None, initiative: Initiative | None = None,
              role: AmountRole | None = None, section: str | None = None) -> list[Amount]:
        """The amounts in ``text``, owned by ``initiative`` when given, each with its sentence."""
        found = find_amounts(text)
        ids = [self.amount_id(initiative, money.text, money.value_dkk, money.year_from) for money in found]
        made = []
        for money, made_id in zip(found, ids, strict=True):
            part_of = None if money.part_of is None else ids[money.part_of]
            made.append(Amount(
                id=made_id, text=money.text, value_dkk=money.value_dkk,
                value_dkk_max=money.value_dkk_max, initiative_id=initiative.id if initiative else None,
                year_from=money.year_from, year_to=money.year_to, per_year=money.per_year,
                funding=money.funding, role=role, unit_price=money.unit_price,
                part_of=part_of,
                price_level=money.price_level, sentence=money.sentence or None, section=section,
                provenance=self.provenance(page, bbox),
            ))
        self.amounts.extend(made)
        return made

    def cell_amount(self, text: str, value: int, page: int, bbox: Box | None, initiative: Initiative | None,
                    year: int | None, sentence: str | None = None, section: str | None = None) -> Amount:
        """One figure of a table, valued in the unit its header names (``danish.money.cell_kroner``)."""
        amount = Amount(id=self.amount_id(initiative, text, value, year), text=text, value_dkk=value,
                        initiative_id=initiative.id if initiative else None, year_from=year, year_to=year,
                        sentence=sentence, section=section, provenance=self.provenance(page, bbox))
        self.amounts.append(amount)
        return amount

    def amount_id(self, owner: Initiative | None, text: str, value: int, year: int | None) -> str:
        return self.record_id("a", self._local(owner.id if owner else None), content_key(text), value, year)

    def _local(self, record_id: object) -> object:
        """A record id of this document without the document's id (``i-44becca971``), as another record's
        content holds it: what a record's hash is made of never depends on the file's bytes."""
        return record_id.removeprefix(f"{self.document.id}-") if isinstance(record_id, str) else record_id

    def block_money(self, block: Block, initiative: Initiative | None = None,
                    role: AmountRole | None = None) -> list[Amount]:
        return self.money(block.text, block.page, block.bbox, initiative, role)

    def result(self, **document_fields: object) -> Extraction:
        document = self.document.model_copy(update=document_fields) if document_fields else self.document
        return Extraction(
            document=Document.model_validate(document.model_dump()),
            goals=self.goals,
            initiatives=self.initiatives,
            amounts=self.amounts,
            offices=list(self.offices.values()),
            target_groups=list(self.target_groups.values()),
            relations=list(self.relations.values()),
        )
