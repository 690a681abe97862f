"""The layout layer undoes what the municipality's PDFs do to text (see extract/layout/__init__.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.text import dedupe_chars

from conftest import PDF_DIR, SHARED
from corpus_builder.markup import render
from corpus_builder.writer import LANDSCAPE, PdfWriter
from planarkiv.extract.blocks import blocks, join_lines
from planarkiv.extract.layout import DEFAULT_SETTINGS, Layout, Word, read_layout
from planarkiv.extract.layout.glyphs import _deduplicated
from planarkiv.extract.layout.reading_order import _clear_of


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Layout:
    path = tmp_path_factory.mktemp("layout") / "synthetic.pdf"
    writer = PdfWriter(path, title="Prøve")
    render(writer, """
# 2 Overskrift med fed skrift
Første afsnit har en fodnote i år^1 og fortsætter med en lang sætning, som brydes over flere linjer, så
vi kan se, at linjerne samles igen til ét afsnit med et ord, der deles: virksomheds-/service fortsætter.
[footnote 1] Fodnoten står nederst.
- Første punkt med Symbol-skrift
o Underpunkt
* Punkt med almindelig prik
[box]
**Mål:** København skal være bedst.
[/box]
Sidste afsnit.
""")
    for n in range(2, 5):
        writer.new_page()
        writer.paragraph(f"Side {n} har brødtekst.")
    writer.save()
    return read_layout(path)


def test_double_printed_bold_is_one_bold_glyph(synthetic: Layout) -> None:
    heading = synthetic.pages[0].lines[0]
    assert heading.text == "2 Overskrift med fed skrift"
    assert heading.bold
    assert not synthetic.pages[0].lines[1].bold


def test_running_header_and_page_numbers_are_not_body(synthetic: Layout) -> None:
    texts = [line.text for page in synthetic.pages for line in page.lines]
    assert "Københavns Kommune" not in texts
    assert not any(text.isdigit() for text in texts)


def test_footnote_marker_cut_and_footnote_kept_apart(synthetic: Layout) -> None:
    first = synthetic.pages[0]
    line = next(line for line in first.lines if "fodnote" in line.text)
    assert "i år og" in line.text and line.markers == ["1"]
    assert [f.text for f in first.footnotes] == ["1 Fodnoten står nederst."]
    assert all("Fodnoten" not in line.text for line in first.lines)


def test_bullets_normalised(synthetic: Layout) -> None:
    bullets = {line.text: line.bullet for line in synthetic.pages[0].lines if line.bullet}
    assert bullets == {"Første punkt med Symbol-skrift": "•", "Underpunkt": "o",
                       "Punkt med almindelig prik": "•"}


def test_paragraphs_join_lines_and_hyphenation(synthetic: Layout) -> None:
    paragraph = next(b for b in blocks(synthetic.pages[0].lines) if b.text.startswith("Første afsnit"))
    assert "virksomhedsservice fortsætter." in paragraph.text
    assert len(paragraph.lines) >= 3
    assert next(b for b in blocks(synthetic.pages[0].lines) if "Mål:" in b.text).lead == "Mål:"


@pytest.mark.parametrize(("text", "following", "joined"), [
    ("virksomheds-", "service", "virksomhedsservice"),
    ("Beskæftigelses-", "og Integrationsforvaltningen", "Beskæftigelses- og Integrationsforvaltningen"),
    ("BIU-", "indstilling", "BIU-indstilling"),
    ("Vision 2020-", "mål", "Vision 2020-mål"),
    ("to", "linjer", "to linjer"),
])
def test_join_lines(text: str, following: str, joined: str) -> None:
    assert join_lines(text, following) == joined


def test_two_columns_then_the_title_at_the_foot(tmp_path: Path) -> None:
    path = tmp_path / "card.pdf"
    writer = PdfWriter(path, title="Kort", pagesize=LANDSCAPE, margins=(48, 48, 60, 60))
    left = ["**Venstre kolonne**", "Første linje i venstre kolonne.", "Anden linje i venstre kolonne."]
    right = ["**Højre kolonne**", "Første linje i højre kolonne.", "Anden linje i højre kolonne."]
    writer.draw_text_block(440, 520, right, 330, 10)  # written first, read second
    writer.draw_text_block(48, 520, left, 330, 10)
    writer.canvas.line(48, 150, 790, 150)
    writer.draw_text_block(48, 140, ["**Kortets titel**"], 700, 20)
    writer.save()
    lines = [line.text for line in read_layout(path).pages[0].lines]
    assert lines[-1] == "Kortets titel"
    assert lines[:6] == [text.strip("*") for text in left + right]


def test_budget_cards_read_left_column_then_right_then_title() -> None:
    page = read_layout(PDF_DIR / "budget-2027-bevillinger-der-udloeber.pdf").pages[1]
    texts = [line.text for line in page.lines]
    assert texts[0] == "Beskrivelse af udløb"
    assert texts.index("Faglig vurdering af videreførelse") > texts.index("Økonomi/ressourcer:")
    title = max(page.lines, key=lambda line: line.size)
    assert page.lines.index(title) >= len(page.lines) - 3
    assert title.bold and title.top > page.height / 2


def test_letterhead_sidebar_is_read_after_the_body() -> None:
    page = read_layout(PDF_DIR / "handleplan-udsatte-borgere-2016.pdf").pages[0]
    texts = [line.text for line in page.lines]
    sidebar = texts.index("Telefon")
    assert all(line.x0 > page.width * 0.6 for line in page.lines[sidebar - 2:sidebar + 1])
    assert texts.index("Handleplan for udmøntning af politisk aftale om") < sidebar


@pytest.mark.parametrize(("folder", "name", "page"), [
    (PDF_DIR, "budget-2027-bevillinger-der-udloeber.pdf", 1),  # double-printed bold titles and labels
    (PDF_DIR, "beskaeftigelsesplan-2016-2020-version-2018.pdf", 2),
    (SHARED / "realworld-pdfs", "issue-71-duplicate-chars.pdf", 0),
])
def test_deduplicated_chars_are_pdfplumbers_dedupe_chars(folder: Path, name: str, page: int) -> None:
    """The fast de-duplication keeps exactly the glyphs pdfplumber's ``dedupe_chars`` keeps, in order."""
    if not (folder / name).is_file():
        pytest.skip(f"{name} is not beside this checkout")
    with pdfplumber.open(folder / name) as pdf:
        chars = pdf.pages[page].chars
        kept = [id(c) for c in _deduplicated(chars)[0]]
        assert len(kept) < len(chars)  # the page does print glyphs twice
        assert kept == [id(c) for c in dedupe_chars(chars, tolerance=1)]


def test_a_label_beside_text_is_split_off_only_when_the_settings_ask(tmp_path: Path) -> None:
    """"Nr. 4" far right of "Budget 2023" is a card's number in a deck, but "Nr. 4" after a text is a
    reference in most documents: the line stays whole unless ``label_gap`` asks."""
    path = tmp_path / "kort.pdf"
    writer = PdfWriter(path, title="Kort")
    writer.paragraph("Et afsnit brødtekst, som står over linjen med kortets oprindelse og nummer og er "
                     "så langt, at det fylder hele bredden og brydes over flere linjer.")
    writer.canvas.setFont("Helvetica", 10)
    writer.canvas.drawString(72, 500, "Budget 2023")
    writer.canvas.drawRightString(520, 500, "Nr. 4")
    writer.save()
    whole = read_layout(path).pages[0]
    assert "Budget 2023 Nr. 4" in [line.text for line in whole.lines] and whole.labels == []
    split = read_layout(path, settings=replace(DEFAULT_SETTINGS, label_gap=3.0)).pages[0]
    assert "Budget 2023" in [line.text for line in split.lines] and split.labels == ["Nr. 4"]


def _word(top: float, bottom: float) -> Word:
    return Word("ord", 0.0, 10.0, top, bottom, 10.0, False)


def test_a_rule_cuts_only_where_it_crosses_no_word() -> None:
    words = [_word(10, 20), _word(15, 25), _word(30, 40)]
    # 12 and 22 cross a word; 25 touches the bottom of the second and 30 the top of the third: both clear
    assert _clear_of(words, [5, 12, 22, 25, 27, 30, 35, 45]) == [5, 25, 27, 30, 45]

