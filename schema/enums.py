"""Every enumeration of the domain, defined once (values are the public database values)."""

from enum import StrEnum


class DocumentKind(StrEnum):
    PLAN = "plan"
    THEMES = "themes"
    INITIATIVE_SHEET = "initiative_sheet"
    ACTION_PLAN = "action_plan"
    BUDGET_EXPIRY = "budget_expiry"
    GENERAL = "general"  # none of the five: minutes, notes, reports, letters, agreements
    UNKNOWN = "unknown"  # no readable structure at all


class GoalKind(StrEnum):
    VISION = "vision"
    MINISTER = "minister"
    PRINCIPLE = "principle"
    GROUP = "group"
    THEME = "theme"
    RESULT_TARGET = "result_target"


class InitiativeStatus(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ONGOING = "ongoing"
    EXPIRING = "expiring"
    MENTIONED = "mentioned"  # an effort a document of no known kind lists, with no status of its own


class Assessment(StrEnum):
    CONTINUE_UNCHANGED = "continue_unchanged"
    CONTINUE_ADJUSTED = "continue_adjusted"
    NOT_CONTINUED = "not_continued"
    CONDITIONAL = "conditional"


class FundingKind(StrEnum):
    SERVICE = "service"
    INDSATS = "indsats"
    OVERFORSLER = "overførsler"


class AmountRole(StrEnum):
    """On a budget card: granted under "Beskrivelse af udløb", proposed under "Faglig vurdering"."""

    GRANTED = "granted"
    PROPOSED = "proposed"


class OfficeKind(StrEnum):
    ADMINISTRATION = "administration"
    COMMITTEE = "committee"
    UNIT = "unit"
    NATIONAL = "national"
    PROVIDER = "provider"


class OfficeRole(StrEnum):
    RESPONSIBLE = "responsible"
    MENTIONS = "mentions"


class RelationType(StrEnum):
    ALIGNS_WITH = "aligns_with"
    SUPPORTS = "supports"
    RESPONSIBLE = "responsible"
    MENTIONS = "mentions"
    TARGETS = "targets"
    PART_OF = "part_of"
    CONTINUES = "continues"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class ChangedRecord(StrEnum):
    INITIATIVE = "initiative"
    GOAL = "goal"


class ChangedField(StrEnum):
    """What changed in a record present in both versions (``changes.field``)."""

    TITLE = "title"
    AMOUNTS = "amounts"
    ASSESSMENT = "assessment"
    INITIATIVE_STATUS = "initiative_status"
    GOAL_TEXT = "goal_text"
    GOAL_STATUS = "goal_status"
