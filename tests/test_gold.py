"""The gold records are well-formed, internally consistent, and say what the PDFs say."""

from __future__ import annotations

import re
from functools import cache

import pytest

from conftest import GOLD_DIR, KINDS, PDF_DIR, load_gold
from helpers import deduped_pages
from planarkiv.schema import (
    Amount,
    AmountRole,
    Assessment,
    DocumentKind,
    FundingKind,
    GoalKind,
    InitiativeStatus,
    OfficeRole,
    Provenance,
)

STEMS = sorted(KINDS)


@cache
def pdf_text(stem: str) -> str:
    """The document's text as plain pdfplumber reads it, bold de-duplicated, in every reading a person
    might use: whole pages, each half page (for two-column pages) and each table cell."""
    readings = []
    for page in deduped_pages(PDF_DIR / f"{stem}.pdf"):
        parts = [page.crop((0, 0, page.width * share, page.height)) for share in (0.5, 0.7)]
        parts.append(page.crop((page.width / 2, 0, page.width, page.height)))
        readings += [page.extract_text(), *(part.extract_text() for part in parts)]
        readings += [cell or "" for table in page.extract_tables() for row in table for cell in row]
    # A hyphen at a line end is either a broken word ("virksomheds-/service") or a Danish suspended
    # compound ("uddannelses- og"): keep both readings.
    joined = [re.sub(r"-\n(?=[a-zæøå])", "", text) for text in readings]
    return fold("\n\n".join(readings + joined))


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\uf0b7", " ").replace("•", " ")).strip().casefold()


def test_one_gold_file_per_reference_pdf() -> None:
    assert sorted(p.stem for p in GOLD_DIR.glob("*.json")) == STEMS
    assert sorted(p.stem for p in PDF_DIR.glob("*.pdf")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_gold_is_consistent(stem: str) -> None:
    gold = load_gold(stem)
    assert gold["source_file"] == f"{stem}.pdf"
    assert DocumentKind(gold["document"]["kind"]).value == KINDS[stem]
    goal_keys = {g["key"] for g in gold["goals"]}
    initiative_keys = {i["key"] for i in gold["initiatives"]}
    amount_keys = {a["key"] for a in gold["amounts"]}
    assert len(goal_keys) == len(gold["goals"]) and len(initiative_keys) == len(gold["initiatives"])
    for goal in gold["goals"]:
        GoalKind(goal["kind"])
        assert goal["text"].strip()
        assert goal.get("initiative") in initiative_keys | {None}
    for item in gold["initiatives"]:
        InitiativeStatus(item["status"])
        assert item["title"].strip()
        if item.get("assessment"):
            Assessment(item["assessment"])
        assert item.get("theme") in goal_keys | {None}
        assert set(item["goals"]) <= goal_keys
        for office in item["offices"]:
            OfficeRole(office["role"])
    for a in gold["amounts"]:
        Amount(id=a["key"], text=a["text"], value_dkk=a["value_dkk"], value_dkk_max=a["value_dkk_max"],
               year_from=a["year_from"], year_to=a["year_to"], per_year=a["per_year"],
               funding=a["funding"] and FundingKind(a["funding"]), role=a["role"] and AmountRole(a["role"]),
               unit_price=a["unit_price"], price_level=a["price_level"],
               provenance=Provenance(document_id="gold", page=1))
        assert a["initiative"] in initiative_keys | {None}
        assert a["part_of"] in amount_keys | {None}
    for relation in gold["relations"]:
        assert {relation["source"], relation["target"]} <= goal_keys


@pytest.mark.parametrize("stem", STEMS)
def test_gold_text_is_in_the_pdf(stem: str) -> None:
    """Every title, goal and amount the gold names can be found in the PDF: the builder dropped nothing."""
    text = pdf_text(stem)
    gold = load_gold(stem)
    missing = [i["title"] for i in gold["initiatives"] if fold(i["title"]) not in text]
    missing += [g["text"] for g in gold["goals"] if fold(g["text"]) not in text]
    missing += [a["text"] for a in gold["amounts"] if fold(a["text"]) not in text]
    assert not missing


def test_gold_counts() -> None:
    """The sizes the closing note of the corpus reports; a change to the gold must be deliberate."""
    counts = {stem: (len(g["initiatives"]), len(g["goals"]), len(g["amounts"]), len(g["relations"]))
              for stem in STEMS for g in [load_gold(stem)]}
    assert counts["bilag-1-udmoentningsplan-2010"][0] == 12
    assert all(n_initiatives > 0 for n_initiatives, *_ in counts.values())
    plan = load_gold("beskaeftigelsesplan-2016-2020-version-2018")
    assert sum(g["kind"] == "vision" for g in plan["goals"]) == 8
    assert plan["relations"], "section 5's aligns_with relations"
