"""Indented paragraphs on top of the line-based markup of ``markup.py``.

Two more block kinds, everything else is rendered by ``markup.render``:

    > text          an indented paragraph (a quotation, or a lead-in paragraph such as
                    ``> **Nyuddannede:** Initiativer kan …``); consecutive ``>`` lines form one paragraph
    >> text         a single line indented further, e.g. a quoted dash item ``>> - Et CV`` whose
                    hyphen stays text instead of becoming a Symbol bullet

A ``[caption]`` line directly followed by ``[figure N]`` is kept on one page with its frame.
"""

from __future__ import annotations

from . import markup
from .writer import PdfWriter

INDENT = 22.0
CAPTION_SIZE = 8.5  # as markup.py sets captions


def render(writer: PdfWriter, text: str) -> None:
    chunk: list[str] = []
    quote: list[str] = []

    def flush_chunk() -> None:
        if chunk:
            markup.render(writer, "\n".join(chunk))
            chunk.clear()

    def flush_quote() -> None:
        if quote:
            writer.paragraph(" ".join(quote), indent=INDENT)
            quote.clear()

    lines = text.splitlines()
    for i, raw in enumerate(lines):
        line = raw.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.startswith("[caption]") and following.startswith("[figure "):
            flush_chunk()
            flush_quote()
            caption = writer.lines_for(line[len("[caption]") :].strip(), writer.text_width - 40, CAPTION_SIZE)
            writer.ensure(len(caption) * CAPTION_SIZE * 1.3 + 10 + float(following[len("[figure ") : -1]) + 8)
            chunk.append(raw)
        elif line.startswith(">>"):
            flush_chunk()
            flush_quote()
            writer.paragraph(line[2:].strip(), indent=2 * INDENT, space_after=2)
        elif line.startswith(">"):
            flush_chunk()
            quote.append(line[1:].strip())
        else:
            flush_quote()
            chunk.append(raw)
    flush_chunk()
    flush_quote()
