"""Ids that survive a parser change: an initiative, goal or amount keeps its id when its document is read
again by a parser that finds one initiative more."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PDF_DIR
from planarkiv.extract import extract
from planarkiv.extract.records import RecordBuilder
from planarkiv.schema import Document, DocumentKind, Extraction, InitiativeStatus

SHEET = PDF_DIR / "bilag-1-udmoentningsplan-2010.pdf"
CARDS = PDF_DIR / "budget-2027-bevillinger-der-udloeber.pdf"
INSERTED = "Indsats fundet af en nyere parser"


def insert_initiative(monkeypatch: pytest.MonkeyPatch, before: int) -> None:
    """A parser change: every document gets one initiative more, read just before its ``before``-th (from 0)
    initiative, with the same status, page and section."""
    original = RecordBuilder.initiative

    def initiative(self: RecordBuilder, title: str, status: InitiativeStatus, page: int,
                   *args: object, **fields: object) -> object:
        if len(self.initiatives) == before:
            original(self, INSERTED, status, page, section=fields.get("section"))
        return original(self, title, status, page, *args, **fields)

    monkeypatch.setattr(RecordBuilder, "initiative", initiative)


def ids(extraction: Extraction) -> dict[str, set[str]]:
    return {"initiatives": {i.id for i in extraction.initiatives}, "goals": {g.id for g in extraction.goals},
            "amounts": {a.id for a in extraction.amounts}}


@pytest.mark.parametrize("pdf", [SHEET, CARDS], ids=["initiative_sheet", "budget_expiry"])
def test_an_initiative_inserted_in_the_middle_leaves_every_other_id_as_it_was(
        monkeypatch: pytest.MonkeyPatch, bundled_extractions: dict[str, Extraction], pdf: Path) -> None:
    before = bundled_extractions[pdf.name]
    middle = len(before.initiatives) // 2
    insert_initiative(monkeypatch, middle)
    after = extract(pdf)

    assert [i.title for i in after.initiatives].index(INSERTED) == middle
    old, new = ids(before), ids(after)
    assert len(new["initiatives"] - old["initiatives"]) == 1
    for table in ("initiatives", "goals", "amounts"):
        assert old[table] <= new[table], table
    # each id still names the same record, and what refers to it follows
    by_id = {i.id: i for i in after.initiatives} | {g.id: g for g in after.goals} | {
        a.id: a for a in after.amounts}
    for record in [*before.initiatives, *before.goals, *before.amounts]:
        assert by_id[record.id] == record
    edges = {(r.source_id, r.target_id, r.type) for r in after.relations}
    assert {(r.source_id, r.target_id, r.type) for r in before.relations} <= edges


def test_ids_come_from_content_not_from_place() -> None:
    document = Document(id="0123456789abcdef", kind=DocumentKind.PLAN, title="Plan", source_file="plan.pdf",
                        sha256="0" * 64, pages=1)

    def titles(*given: str) -> list[str]:
        builder = RecordBuilder(document)
        return [builder.initiative(title, InitiativeStatus.ONGOING, 1).id for title in given]

    first, second, again = titles("Job-match: unge", "Mentorer", "Job-match: unge")
    assert first.startswith("0123456789abcdef-i-") and len({first, second, again}) == 3
    # case, whitespace and punctuation are not content; order only counts among equal titles
    assert titles("Mentorer", "JOBMATCH\n unge", "job-match unge!") == [second, first, again]
    builder = RecordBuilder(document)
    owner = builder.initiative("Mentorer", InitiativeStatus.ONGOING, 1)
    total, part = builder.money("5 mio. kr., heraf 2 mio. kr. til løn", 1, initiative=owner)
    assert part.part_of == total.id and total.id.startswith("0123456789abcdef-a-")
