"""Mulige temaer for en beskæftigelsesaftale 2012 (the ``themes`` kind).

Portrait A4, a bold title, bold TEMA headings and one indented paragraph per target group whose
lead-in ("Unge på kanten af uddannelsessystemet:") is bold; running header and page numbers.
"""

from __future__ import annotations

from pathlib import Path

from . import quoted
from .writer import PdfWriter

STEM = "mulige-temaer-beskaeftigelsesaftale-2012"
TITLE = "Mulige temaer for en beskæftigelsesaftale 2012"
CONTENT = Path(__file__).parent / "content" / f"{STEM}.txt"


def build(path: Path) -> None:
    writer = PdfWriter(path, title=TITLE, margins=(80, 80, 80, 76), size=11.5)
    quoted.render(writer, CONTENT.read_text(encoding="utf-8"))
    writer.save()
