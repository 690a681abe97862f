"""Every enumeration of the domain, defined once: the values are the public database values, and a
``Labelled`` enumeration gives each its Danish name beside it (published as the ``labels`` table)."""

from __future__ import annotations

from enum import StrEnum
from importlib.metadata import entry_points
from typing import Self

# The entry-point group of parser modules outside planarkiv (``extract/parsers``): each names a module
# that defines ``PARSER`` and, for a kind of its own, creates it with ``DocumentKind.extra``.
PARSER_ENTRY_POINTS = "planarkiv.parsers"


class Labelled(StrEnum):
    """Codes with their Danish names, written ``PLAN = "plan", "Beskæftigelsesplan"``.

    A column of a labelled type is a foreign key to ``labels``: Datasette shows the name where the column
    holds the code, while the stored value stays the public code."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def every(cls) -> list[Self]:
        """The members (``DocumentKind`` adds the extra kinds of other packages)."""
        return list(cls)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member a person means by ``text``: its code or its Danish name, in any case, also the name
        without its parenthesis ("plan", "Beskæftigelsesplan", "udmøntningsplan")."""
        wanted = " ".join(str(text).split()).casefold()
        try:
            return cls(wanted)  # a code, also an extra kind's whose module is not loaded yet
        except ValueError:
            pass
        for member in cls.every():
            if wanted in (member.value, member.label.casefold(), member.label.split(" (")[0].casefold()):
                return member
        known = ", ".join(f"{m.value} ({m.label})" for m in cls.every())
        raise ValueError(f"unknown {cls.__name__} {text!r}; known: {known}")


_EXTRA_KINDS: dict[str, DocumentKind] = {}


class DocumentKind(Labelled):
    PLAN = "plan", "Beskæftigelsesplan"
    THEMES = "themes", "Temaer for beskæftigelsesaftale"
    INITIATIVE_SHEET = "initiative_sheet", "Udmøntningsplan (initiativark)"
    ACTION_PLAN = "action_plan", "Handleplan"
    BUDGET_EXPIRY = "budget_expiry", "Budget: bevillinger der udløber"
    # none of the five: minutes, notes, reports, letters, agreements
    GENERAL = "general", "Andet dokument (referat, notat, rapport m.m.)"
    UNKNOWN = "unknown", "Ukendt dokumentart"  # no readable structure at all

    @classmethod
    def extra(cls, value: str, label: str) -> DocumentKind:
        """A kind beyond those above, for a parser module of another package (entry-point group
        ``planarkiv.parsers``): ``KIND = DocumentKind.extra("minutes", "Referat")`` beside its ``PARSER``.
        The kind then validates, pickles and is published with its label like the built-in ones."""
        if value in cls._value2member_map_ and value not in _EXTRA_KINDS:
            raise ValueError(f"document kind {value!r} is built in")
        member = _EXTRA_KINDS.get(value)
        if member is None:
            member = str.__new__(cls, value)
            member._name_ = value.upper()
            member._value_ = value
            _EXTRA_KINDS[value] = member
        member.label = label
        return member

    @classmethod
    def _missing_(cls, value: object) -> DocumentKind | None:
        """An extra kind, its parser module loaded first when this process has not loaded it yet (a stored
        extraction read back, a worker's result unpickled)."""
        if value not in _EXTRA_KINDS:
            for entry in entry_points(group=PARSER_ENTRY_POINTS):
                entry.load()
        return _EXTRA_KINDS.get(value)  # type: ignore[arg-type]

    @classmethod
    def every(cls) -> list[DocumentKind]:  # type: ignore[override]
        """The built-in kinds and the extra kinds this process knows."""
        return [*cls, *_EXTRA_KINDS.values()]


class GoalKind(Labelled):
    VISION = "vision", "Visionsmål"
    MINISTER = "minister", "Ministermål"
    PRINCIPLE = "principle", "Princip"
    GROUP = "group", "Målgruppe (handleplan)"
    THEME = "theme", "Tema"
    RESULT_TARGET = "result_target", "Resultatmål"


class InitiativeStatus(Labelled):
    PROPOSED = "proposed", "Foreslået"
    PLANNED = "planned", "Planlagt"
    ONGOING = "ongoing", "Igangværende"
    EXPIRING = "expiring", "Udløber"
    # an effort a document of no known kind lists, with no status of its own
    MENTIONED = "mentioned", "Nævnt"


class Assessment(Labelled):
    CONTINUE_UNCHANGED = "continue_unchanged", "Videreføres uændret"
    CONTINUE_ADJUSTED = "continue_adjusted", "Videreføres med justeringer"
    NOT_CONTINUED = "not_continued", "Videreføres ikke"
    CONDITIONAL = "conditional", "Videreføres på betingelser"


class FundingKind(StrEnum):
    """Stored as written in the documents' own words (Danish already), so it has no labels."""

    SERVICE = "service"
    INDSATS = "indsats"
    OVERFORSLER = "overførsler"


class AmountRole(Labelled):
    """On a budget card: granted under "Beskrivelse af udløb", proposed under "Faglig vurdering"."""

    GRANTED = "granted", "Bevilget"
    PROPOSED = "proposed", "Foreslået"


class OfficeKind(Labelled):
    ADMINISTRATION = "administration", "Forvaltning"
    COMMITTEE = "committee", "Udvalg"
    UNIT = "unit", "Enhed eller center"
    NATIONAL = "national", "National myndighed"
    PROVIDER = "provider", "Leverandør"


class OfficeRole(Labelled):
    RESPONSIBLE = "responsible", "Ansvarlig"
    MENTIONS = "mentions", "Nævnt"


class RelationType(Labelled):
    ALIGNS_WITH = "aligns_with", "Stemmer overens med"
    SUPPORTS = "supports", "Understøtter"
    RESPONSIBLE = "responsible", "Ansvarlig"
    MENTIONS = "mentions", "Nævnt"
    TARGETS = "targets", "Målgruppe"
    PART_OF = "part_of", "Del af"
    CONTINUES = "continues", "Viderefører"


class ChangeKind(Labelled):
    ADDED = "added", "Tilføjet"
    REMOVED = "removed", "Fjernet"
    CHANGED = "changed", "Ændret"


class ChangedRecord(Labelled):
    INITIATIVE = "initiative", "Indsats"
    GOAL = "goal", "Mål"


class ChangedField(Labelled):
    """What changed in a record present in both versions (``changes.field``)."""

    TITLE = "title", "Titel"
    AMOUNTS = "amounts", "Beløb"
    ASSESSMENT = "assessment", "Vurdering"
    INITIATIVE_STATUS = "initiative_status", "Indsatsens status"
    GOAL_TEXT = "goal_text", "Målets tekst"
    GOAL_STATUS = "goal_status", "Målets statuslinje"


class DecisionAction(Labelled):
    """What a person decided (``decisions.action``): a lineage link confirmed or rejected, a field
    corrected."""

    LINK_CONFIRM = "link_confirm", "Kobling bekræftet"
    LINK_REJECT = "link_reject", "Kobling afvist"
    CORRECT = "correct", "Rettelse"
