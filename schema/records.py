"""The records planarkiv extracts. Each validates on construction and rejects nonsense with a message
naming the field (a year 20188, a negative amount, an empty title, a range whose max is below its min)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .enums import (
    AmountRole,
    Assessment,
    ChangedField,
    ChangedRecord,
    ChangeKind,
    DocumentKind,
    FundingKind,
    GoalKind,
    InitiativeStatus,
    OfficeKind,
    RelationType,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Page = Annotated[int, Field(ge=1)]
Kroner = Annotated[int, Field(ge=0)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class BBox(Model):
    """A rectangle on a page in PDF points, origin top-left (pdfplumber's ``x0, top, x1, bottom``)."""

    x0: float = Field(ge=0)
    top: float = Field(ge=0)
    x1: float = Field(ge=0)
    bottom: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.x1 < self.x0 or self.bottom < self.top:
            raise ValueError("bbox: x1 must be >= x0 and bottom >= top")
        return self


class Provenance(Model):
    """Where a record came from, so a person can go from a row to the spot in the PDF."""

    document_id: Text
    page: Page
    bbox: BBox | None = None


class OcrPage(Model):
    """A page read by OCR (no text layer, or ``--ocr force``), with Tesseract's mean word confidence."""

    page: Page
    confidence: float = Field(ge=0, le=100)


class Document(Model):
    id: Text
    kind: DocumentKind
    title: Text
    year: Year | None = None
    period_start: Year | None = None
    period_end: Year | None = None
    series: str | None = None  # the publication across its versions; ``year`` orders them
    date: dt.date | None = None  # the document's own date (meeting day, date line of a note)
    author: str | None = None  # the municipality or body that wrote it (letterhead, signature, colophon)
    source_file: Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    pages: int = Field(ge=0)
    # the pages read by OCR; left out of the JSON of a document read from its text layer alone
    ocr_pages: list[OcrPage] = Field(default=[], exclude_if=lambda pages: not pages)

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        return self


class Section(Model):
    id: Text
    number: str | None = None
    title: Text
    provenance: Provenance


class Goal(Model):
    id: Text
    kind: GoalKind
    number: str | None = None
    text: Text
    target_group: str | None = None
    year: Year | None = None
    status: str | None = None
    section: str | None = None
    initiative_id: str | None = None
    provenance: Provenance


class Initiative(Model):
    id: Text
    number: str | None = None
    title: Text
    section: str | None = None
    theme_id: str | None = None
    status: InitiativeStatus
    assessment: Assessment | None = None
    assessment_text: str | None = None
    origin: str | None = None
    card_number: int | None = Field(default=None, ge=1)
    description: str | None = None
    purpose: str | None = None
    target_description: str | None = None
    solution: str | None = None
    course: str | None = None
    results: str | None = None
    economy: str | None = None
    provenance: Provenance


class Amount(Model):
    id: Text
    text: Text
    value_dkk: Kroner
    value_dkk_max: Kroner | None = None
    initiative_id: str | None = None
    year_from: Year | None = None
    year_to: Year | None = None
    per_year: bool = False
    funding: FundingKind | None = None
    role: AmountRole | None = None
    unit_price: bool = False
    part_of: str | None = None
    price_level: Year | None = None
    sentence: str | None = None  # the sentence the amount stands in
    section: str | None = None  # the heading of the section it stands under
    provenance: Provenance

    @model_validator(mode="after")
    def _ranges(self) -> Self:
        if self.value_dkk_max is not None and self.value_dkk_max < self.value_dkk:
            raise ValueError("value_dkk_max must not be below value_dkk")
        if self.year_from and self.year_to and self.year_to < self.year_from:
            raise ValueError("year_to must not be before year_from")
        return self


class Office(Model):
    id: Text
    name: Text
    abbreviation: str | None = None
    kind: OfficeKind
    municipality: str | None = None  # the municipality a body named only generically belongs to


class TargetGroup(Model):
    id: Text
    name: Text


class Relation(Model):
    """A typed edge between two records, with the evidence it was read from or its inferred score."""

    source_id: Text
    target_id: Text
    type: RelationType
    score: float | None = Field(default=None, ge=0, le=1)
    evidence: str | None = None
    page: Page | None = None


class Change(Model):
    """One difference between two consecutive versions of a series (``planarkiv diff``, table ``changes``).

    An added record has only ``new_id``, a removed one only ``old_id``; a changed one has both, the
    ``field`` that changed with its old and new value as text, and the ``score`` of the match that paired
    the two records.
    """

    id: Text
    series: Text
    old_document_id: Text
    new_document_id: Text
    record: ChangedRecord
    change: ChangeKind
    field: ChangedField | None = None
    old_id: str | None = None
    new_id: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    score: float | None = Field(default=None, ge=0, le=1)


class Extraction(Model):
    """Everything extracted from one PDF."""

    document: Document
    sections: list[Section] = []
    goals: list[Goal] = []
    initiatives: list[Initiative] = []
    amounts: list[Amount] = []
    offices: list[Office] = []
    target_groups: list[TargetGroup] = []
    relations: list[Relation] = []
    pages_text: list[str] = []
