"""Danish names for the database's code values, published as the ``labels`` table.

Columns holding a code (``kind``, ``status``, ``assessment``, ``role``, …) are foreign keys to
``labels.id``; Datasette then shows "Videreføres uændret" where the column holds ``continue_unchanged``,
in rows and in facets alike, while the stored values stay the public codes of the domain guide.
"""

from __future__ import annotations

from enum import StrEnum

from planarkiv.schema import (
    AmountRole,
    Assessment,
    ChangedField,
    ChangedRecord,
    ChangeKind,
    DocumentKind,
    GoalKind,
    InitiativeStatus,
    OfficeKind,
    OfficeRole,
    RelationType,
)

DANISH: dict[str, str] = {
    # document kinds
    "plan": "Beskæftigelsesplan",
    "themes": "Temaer for beskæftigelsesaftale",
    "initiative_sheet": "Udmøntningsplan (initiativark)",
    "action_plan": "Handleplan",
    "budget_expiry": "Budget: bevillinger der udløber",
    "general": "Andet dokument (referat, notat, rapport m.m.)",
    "unknown": "Ukendt dokumentart",
    # initiative status
    "proposed": "Foreslået",
    "planned": "Planlagt",
    "ongoing": "Igangværende",
    "expiring": "Udløber",
    "mentioned": "Nævnt",
    # assessment of a budget card
    "continue_unchanged": "Videreføres uændret",
    "continue_adjusted": "Videreføres med justeringer",
    "not_continued": "Videreføres ikke",
    "conditional": "Videreføres på betingelser",
    # goal kinds
    "vision": "Visionsmål",
    "minister": "Ministermål",
    "principle": "Princip",
    "group": "Målgruppe (handleplan)",
    "theme": "Tema",
    "result_target": "Resultatmål",
    # amount roles
    "granted": "Bevilget",
    # office kinds
    "administration": "Forvaltning",
    "committee": "Udvalg",
    "unit": "Enhed eller center",
    "national": "National myndighed",
    "provider": "Leverandør",
    # relation types and office roles
    "aligns_with": "Stemmer overens med",
    "supports": "Understøtter",
    "responsible": "Ansvarlig",
    "mentions": "Nævnt",
    "targets": "Målgruppe",
    "part_of": "Del af",
    "continues": "Viderefører",
    # changes between versions of a series
    "added": "Tilføjet",
    "removed": "Fjernet",
    "changed": "Ændret",
    "initiative": "Indsats",
    "goal": "Mål",
    "title": "Titel",
    "amounts": "Beløb",
    "assessment": "Vurdering",
    "initiative_status": "Indsatsens status",
    "goal_text": "Målets tekst",
    "goal_status": "Målets statuslinje",
}

ENUMS: tuple[type[StrEnum], ...] = (
    DocumentKind, InitiativeStatus, Assessment, GoalKind, AmountRole, OfficeKind, OfficeRole, RelationType,
    ChangeKind, ChangedRecord, ChangedField,
)


def label_rows() -> list[dict[str, str]]:
    """One row per code of every enumeration: ``{"id": code, "name": Danish name, "kind": enum}``."""
    rows: dict[str, dict[str, str]] = {}
    for enum in ENUMS:
        for member in enum:
            rows.setdefault(member.value, {"id": member.value, "name": DANISH.get(member.value, member.value),
                                           "kind": enum.__name__})
    return list(rows.values())
