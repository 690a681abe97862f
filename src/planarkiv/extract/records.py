"""Building the typed records of one document: ids, provenance, and the links every kind shares.

The kind parsers decide what is a goal, an initiative or an amount and where it sits; this builder turns
those decisions into validated records with stable ids, finds the money, offices and target groups in an
initiative's text, and records the relations with their evidence.
"""

from __future__ import annotations

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

Box = tuple[float, float, float, float]


class RecordBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.goals: list[Goal] = []
        self.initiatives: list[Initiative] = []
        self.amounts: list[Amount] = []
        self.offices: dict[str, Office] = {}
        self.target_groups: dict[str, TargetGroup] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def provenance(self, page: int, bbox: Box | None = None) -> Provenance:
        box = BBox(x0=bbox[0], top=bbox[1], x1=bbox[2], bottom=bbox[3]) if bbox else None
        return Provenance(document_id=self.document.id, page=page, bbox=box)

    def goal(self, kind: GoalKind, text: str, page: int, bbox: Box | None = None, **fields: object) -> Goal:
        goal = Goal(id=f"{self.document.id}-g{len(self.goals) + 1}", kind=kind, text=text,
                    provenance=self.provenance(page, bbox), **fields)
        self.goals.append(goal)
        return goal

    def initiative(self, title: str, status: InitiativeStatus, page: int, bbox: Box | None = None,
                   **fields: object) -> Initiative:
        initiative = Initiative(id=f"{self.document.id}-i{len(self.initiatives) + 1}", title=title,
                                status=status, provenance=self.provenance(page, bbox), **fields)
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
        first = len(self.amounts)
        found = find_amounts(text)
        made = []
        for i, money in enumerate(found):
            part_of = None if money.part_of is None else f"{self.document.id}-a{first + money.part_of + 1}"
            made.append(Amount(
                id=f"{self.document.id}-a{first + i + 1}", text=money.text, value_dkk=money.value_dkk,
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
        amount = Amount(id=f"{self.document.id}-a{len(self.amounts) + 1}", text=text, value_dkk=value,
                        initiative_id=initiative.id if initiative else None, year_from=year, year_to=year,
                        sentence=sentence, section=section, provenance=self.provenance(page, bbox))
        self.amounts.append(amount)
        return amount

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
