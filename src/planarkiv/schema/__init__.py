"""The Pydantic models: the one place that says what a planarkiv record is."""

from .enums import (
    AmountRole,
    Assessment,
    ChangedField,
    ChangedRecord,
    ChangeKind,
    DecisionAction,
    DocumentKind,
    FundingKind,
    GoalKind,
    InitiativeStatus,
    OfficeKind,
    OfficeRole,
    RelationType,
)
from .records import (
    Amount,
    BBox,
    Change,
    Decision,
    Document,
    Extraction,
    Goal,
    Initiative,
    LinkCandidate,
    OcrPage,
    Office,
    Provenance,
    Relation,
    Section,
    TargetGroup,
    version_key,
)

__all__ = [
    "Amount",
    "AmountRole",
    "Assessment",
    "BBox",
    "Change",
    "ChangeKind",
    "ChangedField",
    "ChangedRecord",
    "Decision",
    "DecisionAction",
    "Document",
    "DocumentKind",
    "Extraction",
    "FundingKind",
    "Goal",
    "GoalKind",
    "Initiative",
    "InitiativeStatus",
    "LinkCandidate",
    "OcrPage",
    "Office",
    "OfficeKind",
    "OfficeRole",
    "Provenance",
    "Relation",
    "RelationType",
    "Section",
    "TargetGroup",
    "version_key",
]


def json_schema() -> dict:
    """The JSON Schema of one extraction (every record type), as ``planarkiv schema`` prints it."""
    return Extraction.model_json_schema()
