"""The bundled PDFs reproduce the layout facts of the real documents, and the builder reproduces them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from pdfplumber.page import Page

from conftest import KINDS, PDF_DIR, ROOT
from helpers import deduped_pages, pdf_pages

PLAN, THEMES, SHEET, ACTION, CARDS = (
    "beskaeftigelsesplan-2016-2020-version-2018",
    "mulige-temaer-beskaeftigelsesaftale-2012",
    "bilag-1-udmoentningsplan-2010",
    "handleplan-udsatte-borgere-2016",
    "budget-2027-bevillinger-der-udloeber",
)


def pages(stem: str) -> tuple[Page, ...]:
    return pdf_pages(PDF_DIR / f"{stem}.pdf")


def deduped(stem: str) -> tuple[Page, ...]:
    return deduped_pages(PDF_DIR / f"{stem}.pdf")


@cache
def plain_text(stem: str) -> str:
    return "\n".join(page.extract_text() for page in pages(stem))


@pytest.mark.slow  # rebuilds the bundled PDFs
def test_builder_is_reproducible(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "corpus_builder.build", str(tmp_path)], cwd=ROOT / "tests",
                   check=True, capture_output=True)
    for stem in KINDS:
        built = hashlib.sha256((tmp_path / f"{stem}.pdf").read_bytes()).hexdigest()
        committed = hashlib.sha256((PDF_DIR / f"{stem}.pdf").read_bytes()).hexdigest()
        assert built == committed, f"{stem}.pdf is not what tests/corpus_builder makes: run `make corpus`"


@pytest.mark.parametrize("stem", sorted(KINDS))
def test_running_header_and_double_printed_bold(stem: str) -> None:
    doc_pages = pages(stem)
    # The first page may be a title page or carry the letterhead instead of the running header.
    assert all("Københavns Kommune" in page.extract_text() for page in doc_pages[1:])
    plain = "\n".join(page.extract_text() for page in doc_pages)
    single = "\n".join(page.extract_text() for page in deduped(stem))
    # Bold glyphs are printed twice about 0.3 pt apart: plain extraction doubles them, dedupe_chars undoes it.
    assert len(plain) > len(single) * 1.02
    twins = 0
    for page in doc_pages[:3]:
        by_place: dict[tuple[str, int], list[float]] = {}
        for c in page.chars:
            by_place.setdefault((c["text"], round(c["top"])), []).append(c["x0"])
        twins += sum(0.2 < b - a < 0.5 for xs in by_place.values() for a, b in pairwise(sorted(xs)))
    assert twins > 10


def test_symbol_bullets_and_sub_bullets() -> None:
    for stem in (PLAN, ACTION):
        assert "\uf0b7" in plain_text(stem)
    assert any(line.startswith("o ") for line in plain_text(PLAN).splitlines())
    assert "•" in plain_text(CARDS)


def test_landscape_documents() -> None:
    for stem in (SHEET, CARDS):
        assert all(page.width > page.height for page in pages(stem))
    for stem in (PLAN, THEMES, ACTION):
        assert all(page.width < page.height for page in pages(stem))


def test_initiative_sheet_is_a_four_column_table_across_pages() -> None:
    sheet_pages = pages(SHEET)
    assert len(sheet_pages) > 1
    tables = [table for page in sheet_pages for table in page.extract_tables()]
    assert tables and all(len(row) == 4 for table in tables for row in table)
    assert all(page.find_tables() for page in sheet_pages)
    assert "66,4 mio. kr." in "\n".join(page.extract_text() for page in deduped(SHEET))


def test_plan_boxes_are_written_after_the_body_text() -> None:
    """The Mål/Status boxes sit in the flow of the page but come last in the content stream."""
    pages_with_boxes = 0
    for page in pages(PLAN):
        chars = page.chars

        def within(c: dict, rect: dict) -> bool:
            return (rect["x0"] <= c["x0"] and c["x1"] <= rect["x1"] and rect["top"] <= c["top"]
                    and c["bottom"] <= rect["bottom"])

        for rect in page.rects:
            inside = [i for i, c in enumerate(chars) if within(c, rect)]
            # body text below the box: not in a box, not the footnotes or page number at the page foot
            below = [i for i, c in enumerate(chars) if c["top"] > rect["bottom"] and c["text"].strip()
                     and c["size"] > 9 and c["bottom"] < page.height * 0.9
                     and not any(within(c, other) for other in page.rects)]
            if inside and below and rect["x1"] - rect["x0"] > page.width / 2:
                assert min(inside) > max(below), "box text is written after the body text below it"
                assert "Status" in "".join(chars[i]["text"] for i in inside)
                pages_with_boxes += 1
                break
    assert pages_with_boxes >= 4


def test_plan_has_footnotes_glued_and_hyphenated_breaks() -> None:
    text = plain_text(PLAN)
    lines = text.splitlines()
    assert any(line.rstrip().endswith("-") and line.rstrip()[-2].isalpha() for line in lines)
    small = [c for page in pages(PLAN) for c in page.chars if c["text"].isdigit() and c["size"] < 7]
    assert small, "footnote markers set small and raised"


def test_budget_cards_two_columns_title_at_foot_and_labels() -> None:
    text = plain_text(CARDS)
    assert "BBeesskkrriivveellssee" in text and "FFaagglliigg" in text
    assert "Nr. " in text
    with_columns = 0
    for page in deduped(CARDS):
        words = page.extract_words()
        left = [w for w in words if w["x1"] < page.width / 2]
        right = [w for w in words if w["x0"] > page.width / 2]
        if {"Beskrivelse", "Faglig"} <= {w["text"] for w in words} and left and right:
            with_columns += 1
            chars = page.chars
            body = [c for c in chars if c["text"].strip() and c["top"] < page.height * 0.6]
            body_bottom = max(c["bottom"] for c in body)
            last_drawn = [c for c in chars[-20:] if c["text"].strip()]
            assert all(c["top"] > body_bottom - 1 for c in last_drawn[-5:]), "title drawn last, at the foot"
    assert with_columns >= 20


def test_action_plan_letterhead_sidebar() -> None:
    first = deduped(ACTION)[0]
    words = first.extract_words()
    sidebar = [w for w in words if w["text"] in {"Telefon", "EAN"}]
    assert sidebar and all(w["x0"] > first.width * 0.6 for w in sidebar)
