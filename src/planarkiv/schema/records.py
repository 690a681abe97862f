"""The records planarkiv extracts. Each validates on construction and rejects nonsense with a message
naming the field (a year 20188, a negative amount, an empty title, a range whose max is below its min)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .columns import Column
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

    document_id: Annotated[Text, Column("Dokument: dokumentet posten står i", indexed=True,
                                        references="documents")]
    page: Annotated[Page, Column("Side: sidenummer i PDF'en (fra 1)", graph=True)]
    bbox: BBox | None = None


class OcrPage(Model):
    """A page read by OCR (no text layer, or ``--ocr force``), with Tesseract's mean word confidence."""

    page: Page
    confidence: float = Field(ge=0, le=100)


class Document(Model):
    id: Annotated[Text, Column("Dokument-id: de første 16 tegn af filens SHA-256")]
    kind: Annotated[DocumentKind, Column("Dokumentart: hvilken slags dokument det er", indexed=True,
                                         graph=True)]
    title: Annotated[Text, Column("Titel: dokumentets egen titel", searched=True)]
    year: Annotated[Year | None, Column(
        "År: dokumentets versionsår (2018 for 2018-versionen af planen 2016–2020)", indexed=True,
        graph=True)] = None
    period_start: Annotated[Year | None, Column("Periode fra: periodens første år", graph=True)] = None
    period_end: Annotated[Year | None, Column("Periode til: periodens sidste år", graph=True)] = None
    series: Annotated[str | None, Column(
        "Serie: den samme udgivelse i alle dens versioner (art, titel uden årstal og periode); årstallet "
        "ordner versionerne", indexed=True, graph=True)] = None
    date: Annotated[dt.date | None, Column("Dato: dokumentets egen dato (mødedato, notatets dato)")] = None
    author: Annotated[str | None, Column(
        "Afsender: kommunen eller organisationen, der har skrevet dokumentet (brevhoved, kolofon)")] = None
    source_file: Annotated[Text, Column(
        "Kildefil: filens navn, da den blev indlæst (bytes, der ikke er UTF-8, skrevet som \\xNN)")]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$"),
                      Column("SHA-256: filens fingeraftryk; PDF'en gemmes under dette navn")]
    pages: Annotated[int, Column("Sider: antal sider i PDF'en", graph=True)] = Field(ge=0)
    # the pages read by OCR; left out of the JSON of a document read from its text layer alone
    ocr_pages: Annotated[list[OcrPage], Column(
        "OCR-læste sider: de sider, der var scannede billeder uden tekst og er læst med OCR (Tesseract), "
        "hver med Tesseracts gennemsnitlige sikkerhed for sine ord (0–100); tom, når hele dokumentet havde "
        "tekst",
        type=str)] = Field(default=[], exclude_if=lambda pages: not pages)
    # what made the extraction; an extraction stored before these were recorded has none (None)
    extractor_version: Annotated[str | None, Column(
        "planarkiv-version: den version af planarkiv, der læste dokumentet; en nyere version læser det "
        "igen ved næste indlæsning")] = None
    parser: Annotated[str | None, Column(
        "Parser: modulet, der læste dokumentets art (fx planarkiv.extract.parsers.plan)")] = None
    parser_version: Annotated[int | None, Column(
        "Parserversion: parserens version, da den læste dokumentet; hæves, når parseren læser anderledes")
    ] = None

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end must not be before period_start")
        return self


def version_key(year: int | None, document_id: str) -> tuple[int, str]:
    """Where a document stands among the versions of its series: by year (a version without one first),
    then by id. The one order of versions: ``documents.version`` and the version diff both follow it."""
    return (year or 0, document_id)


class Section(Model):
    id: Annotated[Text, Column("Afsnits-id: dokument-id og løbenummer")]
    number: Annotated[str | None, Column("Nummer: afsnittets nummer (fx 1.2, punkt 8)")] = None
    title: Annotated[Text, Column("Titel: overskriften")]
    provenance: Provenance


class Goal(Model):
    id: Annotated[Text, Column(
        "Mål-id: dokument-id, g og en kode af målets art, nummer, indsats og tekst; det samme, når "
        "dokumentet læses igen")]
    kind: Annotated[GoalKind, Column("Målart: hvilken slags mål", indexed=True, graph=True)]
    number: Annotated[str | None, Column("Nummer: målets nummer (fx ministermål 1, TEMA 2)",
                                         graph=True)] = None
    text: Annotated[Text, Column("Tekst: målets tekst", searched=True)]
    target_group: Annotated[str | None, Column("Målgruppe: målgruppen målet gælder", searched=True,
                                               graph=True)] = None
    year: Annotated[Year | None, Column("År: året målet gælder", indexed=True, graph=True)] = None
    status: Annotated[str | None, Column("Status: seneste status (visionsmål)", searched=True,
                                         graph=True)] = None
    section: Annotated[str | None, Column("Afsnit: afsnittet målet står i", searched=True, graph=True)] = None
    initiative_id: Annotated[str | None, Column("Indsats: indsatsen et resultatmål hører til", indexed=True,
                                                references="initiatives")] = None
    provenance: Provenance


class Initiative(Model):
    id: Annotated[Text, Column(
        "Indsats-id: dokument-id, i og en kode af indsatsens nummer og titel; det samme, når dokumentet "
        "læses igen")]
    number: Annotated[str | None, Column("Nummer: indsatsens nummer i dokumentet (fx 1.3)",
                                         graph=True)] = None
    title: Annotated[Text, Column("Titel: indsatsens titel", searched=True)]
    section: Annotated[str | None, Column("Afsnit: afsnit eller overskrift indsatsen står under",
                                          searched=True, graph=True)] = None
    theme_id: Annotated[str | None, Column("Tema: tema eller gruppe indsatsen hører under", indexed=True,
                                           references="goals")] = None
    status: Annotated[InitiativeStatus, Column("Status: indsatsens status", indexed=True, graph=True)]
    assessment: Annotated[Assessment | None, Column("Vurdering: forvaltningens vurdering af bevillingen",
                                                    indexed=True, graph=True)] = None
    assessment_text: Annotated[str | None, Column("Vurderingstekst: forvaltningens vurdering med dokumentets "
                                                  "ord", searched=True)] = None
    origin: Annotated[str | None, Column("Oprindelse: bevillingens oprindelse (fx Budget 2023, OFS 22/23)",
                                         searched=True, graph=True)] = None
    card_number: Annotated[int | None, Column("Kortnummer: bevillingskortets nummer (Nr. N)",
                                              graph=True)] = Field(default=None, ge=1)
    description: Annotated[str | None, Column("Beskrivelse: indsatsens indhold", searched=True,
                                              similar=True)] = None
    purpose: Annotated[str | None, Column("Formål: indsatsens formål", searched=True, similar=True)] = None
    target_description: Annotated[str | None, Column("Målgruppebeskrivelse: målgruppen med dokumentets ord",
                                                     searched=True, similar=True)] = None
    solution: Annotated[str | None, Column("Løsning: hvordan indsatsen løser opgaven", searched=True,
                                           similar=True)] = None
    course: Annotated[str | None, Column("Forløb: indsatsens forløb", searched=True, similar=True)] = None
    results: Annotated[str | None, Column("Resultater: resultater, erfaringer og resultatmål", searched=True,
                                          similar=True)] = None
    economy: Annotated[str | None, Column("Økonomi: økonomien med dokumentets ord", searched=True)] = None
    provenance: Provenance


class Amount(Model):
    id: Annotated[Text, Column(
        "Beløb-id: dokument-id, a og en kode af beløbets ejer, tekst, værdi og år; det samme, når "
        "dokumentet læses igen")]
    text: Annotated[Text, Column("Tekst: beløbet som skrevet")]
    value_dkk: Annotated[Kroner, Column("Beløb (kr.): beløbet i hele kroner")]
    value_dkk_max: Annotated[Kroner | None, Column(
        "Op til (kr.): øvre grænse for et interval (40-50 mio. kr.)")] = None
    initiative_id: Annotated[str | None, Column("Indsats: indsatsen beløbet hører til", indexed=True,
                                                references="initiatives")] = None
    year_from: Annotated[Year | None, Column("Fra år: første år beløbet gælder", indexed=True)] = None
    year_to: Annotated[Year | None, Column("Til år: sidste år beløbet gælder")] = None
    per_year: Annotated[bool, Column("Årligt: 1 = beløbet gælder hvert år i perioden, 0 = samlet beløb")
                        ] = False
    funding: Annotated[FundingKind | None, Column("Finansiering: service, indsats eller overførsler",
                                                  indexed=True)] = None
    role: Annotated[AmountRole | None, Column("Rolle: på et bevillingskort bevilget eller foreslået",
                                              indexed=True)] = None
    unit_price: Annotated[bool, Column("Enhedspris: 1 = pris pr. forløb eller uge, ikke et budget")] = False
    part_of: Annotated[str | None, Column("Del af: beløbet er en del af dette beløb (heraf)",
                                          references="amounts")] = None
    price_level: Annotated[Year | None, Column("Prisniveau: p/l-året")] = None
    sentence: Annotated[str | None, Column(
        "Sætning: sætningen beløbet står i (for en tabelcelle: rækkens navn)")] = None
    section: Annotated[str | None, Column("Afsnit: overskriften beløbet står under")] = None
    provenance: Provenance

    @model_validator(mode="after")
    def _ranges(self) -> Self:
        if self.value_dkk_max is not None and self.value_dkk_max < self.value_dkk:
            raise ValueError("value_dkk_max must not be below value_dkk")
        if self.year_from and self.year_to and self.year_to < self.year_from:
            raise ValueError("year_to must not be before year_from")
        return self


class Office(Model):
    id: Annotated[Text, Column("Enheds-id: enhedens kode")]
    name: Annotated[Text, Column("Navn: enhedens navn")]
    abbreviation: Annotated[str | None, Column("Forkortelse: fx BIF, SOF", graph=True)] = None
    kind: Annotated[OfficeKind, Column("Art: hvilken slags enhed", graph=True)]
    municipality: Annotated[str | None, Column(
        "Kommune: kommunen et udvalg, en forvaltning eller et jobcenter hører til, når dokumentet kun nævner "
        "det ved sin rolle (Byrådet, Jobcentret)")] = None


class TargetGroup(Model):
    id: Annotated[Text, Column("Målgruppe-id: målgruppens kode")]
    name: Annotated[Text, Column("Navn: målgruppen")]


class Relation(Model):
    """A typed edge between two records, with the evidence it was read from or its inferred score."""

    source_id: Annotated[Text, Column("Fra: posten relationen går fra")]
    target_id: Annotated[Text, Column("Til: posten relationen går til", indexed=True)]
    type: Annotated[RelationType, Column("Relationstype: hvordan de to poster hænger sammen", indexed=True)]
    score: Annotated[float | None, Column("Sikkerhed: 0-1 for udledte relationer")] = Field(
        default=None, ge=0, le=1)
    evidence: Annotated[str | None, Column("Belæg: sætningen relationen bygger på")] = None
    page: Annotated[Page | None, Column("Side: siden belægget står på")] = None


class Change(Model):
    """One difference between two consecutive versions of a series (``planarkiv diff``, table ``changes``).

    An added record has only ``new_id``, a removed one only ``old_id``; a changed one has both, the
    ``field`` that changed with its old and new value as text, and the ``score`` of the match that paired
    the two records.
    """

    id: Annotated[Text, Column("Ændrings-id: den nyere versions dokument-id, posterne og feltet")]
    series: Annotated[Text, Column("Serie: udgivelsen begge versioner hører til", indexed=True)]
    old_document_id: Annotated[Text, Column("Ældre version: dokumentet der sammenlignes fra", indexed=True,
                                            references="documents")]
    new_document_id: Annotated[Text, Column("Nyere version: dokumentet der sammenlignes med", indexed=True,
                                            references="documents")]
    record: Annotated[ChangedRecord, Column("Post: indsats eller mål", indexed=True)]
    change: Annotated[ChangeKind, Column("Ændring: tilføjet, fjernet eller ændret", indexed=True)]
    field: Annotated[ChangedField | None, Column(
        "Felt: hvad der er ændret i en post, der findes i begge versioner", indexed=True)] = None
    old_id: Annotated[str | None, Column("Før: posten i den ældre version")] = None
    new_id: Annotated[str | None, Column("Efter: posten i den nyere version")] = None
    old_value: Annotated[str | None, Column("Gammel værdi: feltets tekst i den ældre version")] = None
    new_value: Annotated[str | None, Column("Ny værdi: feltets tekst i den nyere version")] = None
    score: Annotated[float | None, Column("Sikkerhed: 0-1, hvor godt de to poster ligner hinanden")] = Field(
        default=None, ge=0, le=1)


class Decision(Model):
    """What a person decided about the records (table ``decisions``, ``corpus/decisions.py``): kept apart
    from what is extracted, never rebuilt from it, and applied again on every publish.

    A link (``link_confirm``, ``link_reject``) names the later initiative in ``record_id`` and the earlier in
    ``other_id``; a correction names the record, the ``field`` and its new ``value`` (an office's role on an
    initiative: the initiative, ``field`` ``role``, the office in ``other_id``). ``status`` says whether the
    last publish could apply it.
    """

    id: Annotated[int, Column("Nr.: beslutningens løbenummer")]
    time: Annotated[Text, Column("Tidspunkt: hvornår beslutningen blev truffet (UTC)")]
    who: Annotated[Text, Column("Hvem: hvem der traf beslutningen", indexed=True)]
    why: Annotated[str | None, Column("Hvorfor: begrundelsen")] = None
    action: Annotated[DecisionAction, Column("Handling: kobling bekræftet, kobling afvist eller rettelse",
                                             indexed=True)]
    record_id: Annotated[Text, Column("Post: den senere indsats i en kobling, eller posten der rettes",
                                      indexed=True)]
    other_id: Annotated[str | None, Column("Anden post: den tidligere indsats i en kobling, eller enheden "
                                           "hvis rolle rettes", indexed=True)] = None
    field: Annotated[str | None, Column("Felt: feltet der rettes")] = None
    value: Annotated[str | None, Column("Værdi: feltets nye værdi")] = None
    status: Annotated[str | None, Column("Status: anvendt ved seneste udgivelse, eller hvorfor ikke (en "
                                         "post, der ikke findes længere)")] = None


class LinkCandidate(Model):
    """A lineage pair under the automatic threshold, for a person to confirm or reject (table
    ``link_candidates``, ``graph/lineage.candidates``)."""

    later_id: Annotated[Text, Column("Senere indsats: indsatsen der måske viderefører",
                                     references="initiatives")]
    earlier_id: Annotated[Text, Column("Tidligere indsats: indsatsen den måske viderefører",
                                       references="initiatives", indexed=True)]
    rank: Annotated[int, Column("Placering: nummer blandt den senere indsats' forslag (1 = bedst)")] = Field(
        ge=1)
    score: Annotated[float, Column("Sikkerhed: 0-1, hvor godt de to ligner hinanden")] = Field(ge=0, le=1)
    reason: Annotated[Text, Column("Begrundelse: hvad de to har til fælles")]


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
