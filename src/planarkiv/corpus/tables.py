"""The published tables, generated from the records' ``Column`` annotations (``schema/columns.py``).

Each table is a record model (``initiatives`` are ``Initiative``s; a nested ``Provenance`` becomes its
``document_id`` and ``page`` columns) plus the columns the database adds (links, lemmas, browsing
columns), declared here once with their type and description. From these come the SQL schema with its
foreign keys and indexes (``corpus/publish.py``), the full-text index columns (``FTS_COLUMNS``), the
graph's node attributes (``graph/nodes.py``), the ``labels`` table and the column descriptions Datasette
shows (``column_docs``, through the plugin's ``get_metadata`` hook).

Importing this module costs pydantic only: the Datasette plugin reads the foreign keys from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from planarkiv.schema import (
    Amount,
    Change,
    Decision,
    Document,
    DocumentKind,
    Extraction,
    Goal,
    Initiative,
    LinkCandidate,
    Office,
    OfficeRole,
    Relation,
    Section,
    TargetGroup,
)
from planarkiv.schema.columns import Column, columns, labelled, sql_type, value_type
from planarkiv.schema.enums import Labelled

LABELS = "labels"
SOURCE = Column("Kilde: link til PDF'en på postens side", type=str)
TITLE_LEMMAS = Column("Grundformer (titel): titlens ord i grundform (jobklubberne → jobklub), til søgningen",
                      searched=True, type=str)
TEXT_LEMMAS = Column("Grundformer (tekst): tekstens ord i grundform, til søgningen", searched=True, type=str)
IN_DOCUMENT_KIND = Column("Dokumentart: art af dokumentet posten står i", indexed=True, type=DocumentKind)
DOCUMENT = Column("Dokument: dokumentet", indexed=True, references="documents", type=str)
DOCUMENT_KEY = Column(DOCUMENT.doc, references="documents", type=str)  # first of the key: indexed by it
ROLE = Column("Rolle: ansvarlig eller nævnt", indexed=True, type=OfficeRole)
FIRST_PAGE = Column("Side: første side den nævnes på", type=int)
EVIDENCE = Column("Belæg: teksten den nævnes i", type=str)


@dataclass(frozen=True)
class Table:
    """A published table: the record model its rows are (if any) and the columns the database adds."""

    name: str
    model: type[BaseModel] | None = None
    added: dict[str, Column] = field(default_factory=dict)
    pk: str | tuple[str, ...] = "id"
    lead: tuple[str, ...] = ()  # the columns Datasette shows first, in this order; the rest follow
    node: str | None = None  # the graph's node type of a row
    label: str | None = None  # the column that names a row (a node's label, a title's lemmas)

    @cached_property
    def columns(self) -> dict[str, tuple[Any, Column]]:
        """Column name -> (value type, Column), in display order."""
        found: dict[str, tuple[Any, Column]] = {}
        if self.model is not None:
            for name, info in self.model.model_fields.items():
                kind = value_type(info.annotation)
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    found.update(columns(kind))
                elif name in (own := columns(self.model)):
                    found[name] = own[name]
        found.update({name: (column.type, column) for name, column in self.added.items()})
        unknown = set(self.lead) - set(found)
        if unknown:
            raise ValueError(f"{self.name}: lead names no column {sorted(unknown)}")
        return {name: found[name] for name in [*self.lead, *(n for n in found if n not in self.lead)]}

    def sql_columns(self) -> dict[str, type]:
        return {name: sql_type(kind) for name, (kind, _) in self.columns.items()}

    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """(column, other table, other column): ``references``, and ``labels`` for a code column."""
        keys = []
        for name, (kind, column) in self.columns.items():
            if column.references:
                keys.append((name, column.references, "id"))
            elif labelled(kind):
                keys.append((name, LABELS, "id"))
        return keys

    def indexes(self) -> list[list[str]]:
        """An index per indexed column, followed by the key: a table page sorted by the column is ordered
        by the key among equal values (``planarkiv.page_order``), and the index gives that order."""
        key = [self.pk] if isinstance(self.pk, str) else list(self.pk)
        return [[name, *(k for k in key if k != name)] for name, (_, column) in self.columns.items()
                if column.indexed]

    def searched(self) -> tuple[str, ...]:
        return tuple(name for name, (_, column) in self.columns.items() if column.searched)

    def lemmatised(self) -> tuple[str, ...]:
        """The searched text whose lemmas go into ``text_lemmas``: all but the lemma columns themselves and
        the label, which has ``title_lemmas`` of its own."""
        own_title = self.label if "title_lemmas" in self.columns else None
        return tuple(name for name in self.searched() if not name.endswith("_lemmas") and name != own_title)

    def graph_attributes(self) -> tuple[str, ...]:
        return tuple(name for name, (_, column) in self.columns.items() if column.graph)

    def row(self, record: BaseModel) -> dict:
        """The record as a row of this table (a nested record's columns in place of it), without the
        columns the database adds."""
        row = {}
        for name, value in record.model_dump(mode="json").items():
            if isinstance(value, dict):
                row.update({k: v for k, v in value.items() if k in self.columns})
            elif name in self.columns:
                row[name] = value
        return row


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("documents", Document, {
        "version": Column("Version: dokumentets nummer i sin serie efter år (1 = den ældste); en nyere "
                          "version lægges ved siden af de ældre, som kan søges som før", type=int),
        "source": Column("Kilde: link til PDF'en", type=str),
        "title_lemmas": TITLE_LEMMAS,
        "text_lemmas": Column("Grundformer (tekst): hele dokumentets ord i grundform, til søgningen",
                              searched=True, type=str),
        "damage": Column("Skade: hvad PDF-læseren advarede om i en beskadiget fil; dokumentet kan mangle "
                         "tekst", type=str),
        "source_file_hex": Column("Filnavn (hex): filnavnets bytes hexadecimalt, når navnet ikke er UTF-8; "
                                  "ellers tom", type=str),
    }, lead=("id", "kind", "title", "year", "period_start", "period_end", "series", "version"),
        node="document", label="title"),
    Table("pages", None, {
        "id": Column("Side-id: dokument-id og sidenummer", type=str),
        "document_id": DOCUMENT,
        "page": Column("Side: sidenummer i PDF'en (fra 1)", type=int),
        "text": Column("Tekst: sidens tekst som udtrukket", searched=True, type=str),
        "source": SOURCE,
        "text_lemmas": TEXT_LEMMAS,
    }),
    Table("goals", Goal, {"source": SOURCE, "text_lemmas": TEXT_LEMMAS},
          lead=("id", "document_id", "kind", "number", "text"), node="goal", label="text"),
    Table("initiatives", Initiative, {
        "year": Column("År: dokumentets år", indexed=True, type=int),
        "kind": IN_DOCUMENT_KIND,
        "offices": Column("Enheder: ansvarlige og nævnte enheder", type=str),
        "target_groups": Column("Målgrupper: målgrupper indsatsen retter sig mod", type=str),
        "funding": Column("Finansiering: service, indsats og/eller overførsler (fra indsatsens beløb)",
                          type=str),
        "total_dkk": Column("Beløb i alt: indsatsens beløb lagt sammen over årene, som i Beløb pr. år (et "
                            "årligt beløb i hvert år af sin periode; uden enhedspriser og heraf-beløb)",
                            type=int),
        "source": SOURCE,
        "title_lemmas": TITLE_LEMMAS,
        "text_lemmas": TEXT_LEMMAS,
    }, lead=("id", "title", "year", "kind", "document_id", "number", "status", "assessment", "total_dkk",
             "offices", "target_groups", "funding", "source", "page"), node="initiative", label="title"),
    Table("amounts", Amount, {"kind": IN_DOCUMENT_KIND, "source": SOURCE},
          lead=("id", "document_id", "initiative_id", "value_dkk", "value_dkk_max", "text"), label="text"),
    Table("offices", Office, node="office", label="name"),
    Table("document_offices", None, {
        "document_id": DOCUMENT_KEY,
        "office_id": Column("Enhed: enheden", indexed=True, references="offices", type=str),
        "role": ROLE, "page": FIRST_PAGE, "evidence": EVIDENCE,
    }, pk=("document_id", "office_id")),
    Table("document_target_groups", None, {
        "document_id": DOCUMENT_KEY,
        "target_group_id": Column("Målgruppe: målgruppen", indexed=True, references="target_groups",
                                  type=str),
        "page": FIRST_PAGE, "evidence": EVIDENCE,
    }, pk=("document_id", "target_group_id")),
    Table("sections", Section, {"source": SOURCE}, lead=("id", "document_id", "number", "title", "page"),
          label="title"),
    Table("initiative_offices", None, {
        "initiative_id": Column("Indsats: indsatsen", references="initiatives", type=str),
        "office_id": Column("Enhed: enheden", indexed=True, references="offices", type=str),
        "role": ROLE,
    }, pk=("initiative_id", "office_id", "role")),
    Table("target_groups", TargetGroup, node="target_group", label="name"),
    Table("relations", Relation, pk=("source_id", "target_id", "type")),
    Table("changes", Change),
    Table("link_candidates", LinkCandidate, pk=("later_id", "earlier_id")),
    Table("decisions", Decision),
    Table("ingest_errors", None, {
        "file": Column("Fil: filens sti (bytes, der ikke er UTF-8, skrevet som \\xNN)", type=str),
        "sha256": Column("SHA-256: filens fingeraftryk", indexed=True, type=str),
        "reason": Column("Årsag: hvorfor filen ikke kunne læses", type=str),
        "permanent": Column("Endelig: 1 = filen selv kan ikke læses og springes over næste gang; 0 = "
                            "tidsgrænse, nedbrud, intern fejl eller ikke en almindelig fil, prøves igen",
                            type=bool),
        "time": Column("Tidspunkt: hvornår indlæsningen fejlede (UTC)", type=str),
        "file_hex": Column("Filnavn (hex): stiens bytes hexadecimalt, når den ikke er UTF-8; ellers tom",
                           type=str),
    }, pk=("file", "time")),
    Table("extractions", None, {
        "document_id": Column("Dokument: dokumentet", references="documents", type=str),
        "sha256": Column("SHA-256: filens fingeraftryk", indexed=True, type=str),
        "json": Column("JSON: hele udtrækket", type=str),
    }, pk="document_id"),
    Table(LABELS, None, {
        "id": Column("Kode: værdien i tabellerne", type=str),
        "name": Column("Navn: kodens danske navn", type=str),
        "kind": Column("Art: hvilken opregning koden hører til", type=str),
    }),
)}



def records(extraction: Extraction) -> dict[str, list[BaseModel]]:
    """The records of one extraction by the table each is published in."""
    return {"documents": [extraction.document], "sections": list(extraction.sections),
            "goals": list(extraction.goals), "initiatives": list(extraction.initiatives),
            "amounts": list(extraction.amounts), "offices": list(extraction.offices),
            "target_groups": list(extraction.target_groups), "relations": list(extraction.relations)}


_AMOUNTS = TABLES["amounts"].columns
# The view of money per year (``corpus/publish.py``): its columns and what they hold.
VIEWS: dict[str, dict[str, str]] = {"amount_years": {
    "year": "År: året beløbet tæller i",
    **{name: _AMOUNTS[name][1].doc for name in ("value_dkk", "funding", "role", "kind", "document_id",
                                                "initiative_id", "text", "source")},
    "amount_id": "Beløb: beløbets række i Beløb",
}}

# Table -> the columns its FTS5 index covers (text and the lemmas stored beside it).
FTS_COLUMNS: dict[str, tuple[str, ...]] = {name: t.searched() for name, t in TABLES.items() if t.searched()}
# (table, column) -> the table its foreign key points to.
FOREIGN_KEYS: dict[tuple[str, str], str] = {(name, column): other for name, t in TABLES.items()
                                            for column, other, _ in t.foreign_keys()}
# Graph node type -> its table.
NODE_TABLES: dict[str, Table] = {t.node: t for t in TABLES.values() if t.node}


def labelled_enums() -> list[type[Labelled]]:
    """The code types of the published columns, in table order, each once."""
    found: dict[type[Labelled], None] = {}
    for table in TABLES.values():
        for kind, _ in table.columns.values():
            if labelled(kind):
                found[kind] = None
    return list(found)


def _codes(kind: type[Labelled]) -> Iterator[Labelled]:
    return iter(DocumentKind.every()) if kind is DocumentKind else iter(kind)


def label_rows() -> list[dict[str, str]]:
    """One row per code of every code type: ``{"id": code, "name": Danish name, "kind": its type}``. A
    code shared by two types (``mentions``: an office role and a relation type) is one row."""
    rows: dict[str, dict[str, str]] = {}
    for kind in labelled_enums():
        for member in _codes(kind):
            rows.setdefault(member.value, {"id": member.value, "name": member.label, "kind": kind.__name__})
    return list(rows.values())


def _doc(kind: Any, column: Column) -> str:
    if not labelled(kind):
        return column.doc
    return column.doc + "; koder: " + ", ".join(f"{m.value} ({m.label.lower()})" for m in _codes(kind))


def column_docs() -> dict[str, dict[str, str]]:
    """Table or view -> column -> its description, as metadata's ``columns`` (Datasette's column help)."""
    docs = {name: {column: _doc(kind, spec) for column, (kind, spec) in t.columns.items()}
            for name, t in TABLES.items()}
    return docs | VIEWS
