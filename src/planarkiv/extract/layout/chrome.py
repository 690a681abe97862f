"""Page chrome: what a page prints in its margins about the document rather than as its text.

- page numbers ("3", "side 3 af 12") in the top or bottom margin are dropped;
- labels ("Nr. 7", a budget card's number) on a line of their own go to ``PageLayout.labels``;
- running headers and footers, lines in the margins whose text (digits aside) recurs on at least half of
  the pages, go to ``PageLayout.running``: out of the body, kept for what names the document.

What is chrome in one kind of document is text in another, so two more steps are settings a parser asks
for (``strip_chrome``): a label sharing a line with other text, and a small plain line in the margin that
does not recur.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .document import PageLayout
from .lines import Line
from .settings import DEFAULT_SETTINGS, LayoutSettings

PAGE_NUMBER = re.compile(r"^(side\s+)?\d{1,3}(\s*(af|/)\s*\d{1,3})?$", re.IGNORECASE)
PAGE_LABEL = re.compile(r"^nr\.\s*(\d{1,3})$", re.IGNORECASE)


def in_margin(line: Line, height: float, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """The line reaches into the top or bottom margin."""
    return line.top < height * settings.margin or line.bottom > height * (1 - settings.margin)


def _within_margin(line: Line, height: float, settings: LayoutSettings) -> bool:
    """The line lies wholly inside the top or bottom margin."""
    return line.bottom < height * settings.margin or line.top > height * (1 - settings.margin)


def take_chrome(lines: list[Line], height: float,
                settings: LayoutSettings = DEFAULT_SETTINGS) -> tuple[list[Line], list[str]]:
    """The page's lines without its labels and page numbers, and its labels."""
    kept, labels = [], []
    for line in lines:
        text = line.text.strip()
        if PAGE_LABEL.match(text):
            labels.append(text)
        elif not (in_margin(line, height, settings) and PAGE_NUMBER.match(text)):
            kept.append(line)
    return kept, labels


def label_number(page: PageLayout) -> int | None:
    """The number of the page's first "Nr. N" label."""
    for label in page.labels:
        match = PAGE_LABEL.match(label.strip())
        if match:
            return int(match.group(1))
    return None


def _continues(line: Line, other: Line, settings: LayoutSettings) -> bool:
    """Whether ``other`` is the line above or below ``line`` in the same block of text: set in about the
    same size, in the same column, within a line's spacing."""
    gap = max(other.top - line.bottom, line.top - other.bottom)
    return (abs(other.size - line.size) <= settings.block_size * line.size
            and gap < settings.block_gap * line.size and other.x0 < line.x1 and line.x0 < other.x1)


def drop_running_headers(pages: list[PageLayout], settings: LayoutSettings = DEFAULT_SETTINGS) -> None:
    """Take out running headers and footers: lines in the page margins whose text (digits aside) recurs on
    at least ``running_share`` of the pages and that stand apart from the page's text. They move to
    ``running``: out of the body, kept for what names the document (a title set as a running header).

    Text that merely sits high or low on every page is not a header: a recurring line that continues a
    block of other text (the first lines of a paragraph starting at the top) stays, and a page is never
    left without text (a report whose one paragraph sits high on each page keeps it).
    """
    if len(pages) < settings.running_pages:
        return
    key = lambda line: re.sub(r"\d+", "#", line.text.strip().casefold())  # noqa: E731
    seen = Counter(k for page in pages for k in {key(line) for line in page.lines
                                                 if in_margin(line, page.height, settings)})
    running = {k for k, n in seen.items() if n >= len(pages) * settings.running_share}
    for page in pages:
        headers = [line for line in page.lines
                   if in_margin(line, page.height, settings) and key(line) in running]
        text = [line for line in page.lines if not any(line is h for h in headers)]
        joined = True
        while joined:  # a recurring line in a block with the page's text is text, and so on through the block
            block = [h for h in headers if any(_continues(h, line, settings) for line in text)]
            headers = [h for h in headers if not any(h is b for b in block)]
            text += block
            joined = bool(block)
        if len(headers) < len(page.lines):
            page.running = headers
            page.lines = [line for line in page.lines if not any(line is h for h in headers)]


def _split_label(line: Line, gap: float) -> tuple[Line, str] | None:
    """A "Nr. N" label set on the same line as other text, at least ``gap`` apart from it
    ("Budget 2023   Nr. 20"): the rest of the line and the label."""
    words = line.words
    for label, kept in ((words[-2:], words[:-2]), (words[-1:], words[:-1]), (words[:2], words[2:]),
                        (words[:1], words[1:])):
        text = " ".join(w.text for w in label)
        if not kept or not text.startswith("Nr") or not PAGE_LABEL.match(text):
            continue
        apart = max(min(w.x0 for w in label) - max(w.x1 for w in kept),
                    min(w.x0 for w in kept) - max(w.x1 for w in label))
        if apart >= gap:
            return Line(page=line.page, words=kept, bullet=line.bullet, markers=line.markers), text
    return None


def strip_chrome(page: PageLayout, body: float, settings: LayoutSettings = DEFAULT_SETTINGS) -> PageLayout:
    """The page with the chrome that ``settings`` asks for beyond the default taken out of its lines
    (``body``: the document's body text size): "Nr. N" labels that share a line with other text
    (``label_gap``) into its labels, small plain lines wholly inside the margin (``stray_chrome``) into its
    running lines. The page itself when it asks for neither."""
    if settings.label_gap is None and not settings.stray_chrome:
        return page
    lines, labels, running = [], list(page.labels), list(page.running)
    for line in page.lines:
        split = _split_label(line, body * settings.label_gap) if settings.label_gap is not None else None
        if split:
            line = split[0]
            labels.append(split[1])
        if (settings.stray_chrome and _within_margin(line, page.height, settings) and not line.bold
                and line.size < body * settings.small_type):
            running.append(line)
        else:
            lines.append(line)
    return replace(page, lines=lines, labels=labels, running=running)
