"""Lines -> paragraphs ("blocks"): consecutive lines of one paragraph joined, hyphenation undone.

A new block starts at a bullet, at a change between bold and plain lines (headings, labels), at a change
of text size, where the gap above a line is larger than the line spacing, and where reading moves up
the page (a new column or region).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .danish.search_at_end import search_at_end
from .layout import Box, Line
from .layout.geometry import lines_box

# Danish words after a suspended compound hyphen: "Beskæftigelses- og Integrationsforvaltningen".
_KEEP_HYPHEN_BEFORE = {"og", "eller", "samt", "til", "som", "men", "&"}
# Line ends, searched for near the end only (a paragraph's text grows line by line).
_WORD_BREAK = re.compile(r"[a-zæøå]-$")  # "virksomheds-" + "service"
_COMPOUND_BREAK = re.compile(r"(\d|[A-ZÆØÅ])-$")  # "BIU-" + "indstilling", "2020-" + "mål"
_SENTENCE_END = re.compile(r"[.:!?]$")


@dataclass
class Block:
    """Consecutive lines of one paragraph; made once, not changed after (its text is computed once)."""

    lines: list[Line]

    @cached_property
    def text(self) -> str:
        text = self.lines[0].text
        for line in self.lines[1:]:
            text = join_lines(text, line.text)
        return text

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def bullet(self) -> str | None:
        return self.lines[0].bullet

    @cached_property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @cached_property
    def lead(self) -> str:
        """The bold words the block starts with, when the block goes on in plain text ("Formål:")."""
        return "" if self.bold else self.lines[0].bold_lead

    @property
    def size(self) -> float:
        return self.lines[0].size

    @cached_property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @cached_property
    def bbox(self) -> Box:
        """Union of the block's lines on its first page (PDF points, top-left origin)."""
        return lines_box(self.lines)


def join_lines(text: str, next_line: str) -> str:
    """Join two lines of one paragraph, undoing a hyphenated line break ("virksomheds-" + "service")."""
    if not text:
        return next_line
    first = next_line.split(" ", 1)[0]
    if search_at_end(_WORD_BREAK, text) and first[:1].islower() and first not in _KEEP_HYPHEN_BEFORE:
        return text[:-1] + next_line
    if search_at_end(_COMPOUND_BREAK, text) and first[:1].isalnum() and first not in _KEEP_HYPHEN_BEFORE:
        return text + next_line
    return f"{text} {next_line}"


def _starts_new_block(prev: Line, line: Line) -> bool:
    if line.bullet or line.bold != prev.bold or abs(line.size - prev.size) > 0.5:
        return True
    if line.page != prev.page:
        return bool(search_at_end(_SENTENCE_END, prev.text))
    if line.top < prev.top:
        return True
    height = prev.bottom - prev.top
    gap = line.top - prev.bottom
    return gap > height * 0.75 or line.x0 < prev.x0 - 4


def blocks(lines: list[Line]) -> list[Block]:
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not _starts_new_block(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [Block(group) for group in groups]
