"""Pages whose text runs sideways or upside down, turned upright before their words are made.

A page's text can be turned two ways: the page's ``/Rotate`` (pdfminer applies it, so the glyphs come out
turned in the page as a viewer shows it) or the content drawn turned (a landscape table set on a portrait
page, a scan's text layer laid on a page scanned sideways). Either way each glyph's matrix says where its
baseline runs: ``(a, b)``, the first column of the matrix, points along the writing in PDF space (y up).
pdfplumber makes words only along one direction per glyph group and reads a page turned by 90 degrees
letter by letter in columns; so the page is turned instead, before anything else reads it: every glyph's
and edge's box is mapped into the frame in which most of the page's glyphs run left to right, and the
page's width and height are exchanged for a quarter turn. In that frame the page reads exactly as it would
have unturned, and the boxes of records are given in it.

A page is turned only where more of its glyphs run in another direction than left to right: a sideways
label in the margin of an ordinary page leaves it alone.
"""

from __future__ import annotations

from collections import Counter

Frame = tuple[float, float]  # the width and height of a page as pdfplumber shows it


def _turn(matrix: tuple[float, ...]) -> int:
    """Quarter turns clockwise (0-3) of a glyph's baseline from left to right, from its matrix."""
    a, b = matrix[0], matrix[1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 2
    return 1 if b < 0 else 3


def page_turn(chars: list[dict]) -> int:
    """How far the page's text is turned (quarter turns clockwise): the direction most of its glyphs run
    in, when more run in it than upright."""
    counts = Counter(_turn(c["matrix"]) for c in chars if c["text"].strip())
    turn, most = max(counts.items(), key=lambda item: (item[1], item[0] == 0), default=(0, 0))
    return turn if most > counts[0] else 0


def _box(x0: float, x1: float, top: float, bottom: float, turn: int, frame: Frame) -> tuple[float, ...]:
    """A box (x0, x1, top, bottom) of a page turned by ``turn`` quarter turns, in the upright page."""
    width, height = frame
    if turn == 1:  # the writing runs down the page
        return top, bottom, width - x1, width - x0
    if turn == 2:
        return width - x1, width - x0, height - bottom, height - top
    return height - bottom, height - top, x0, x1  # turn 3: the writing runs up the page


def upright_frame(turn: int, frame: Frame) -> Frame:
    """The page's width and height once turned upright."""
    return (frame[1], frame[0]) if turn % 2 else frame


def turn_chars(chars: list[dict], turn: int, frame: Frame, doctop: float) -> list[dict]:
    """The glyphs of a page turned by ``turn`` as they stand on the upright page. A glyph's size is the
    height of its box across its own writing (pdfminer measures it up the page, along a sideways glyph),
    to a millionth of a point: words are cut where the size changes, and the subtraction that turned the
    box must not make two glyphs of one size differ in the last digit."""
    turned = []
    for char in chars:
        x0, x1, top, bottom = _box(char["x0"], char["x1"], char["top"], char["bottom"], turn, frame)
        own = (_turn(char["matrix"]) - turn) % 4
        turned.append(char | {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop + top,
                              "width": x1 - x0, "height": bottom - top, "upright": own in (0, 2),
                              "size": round(bottom - top if own in (0, 2) else x1 - x0, 6)})
    return turned


def turn_edges(edges: list[dict], turn: int, frame: Frame, doctop: float) -> list[dict]:
    """The drawn edges of a page turned by ``turn`` as they stand on the upright page."""
    swap = {"h": "v", "v": "h"} if turn % 2 else {"h": "h", "v": "v"}
    turned = []
    for edge in edges:
        x0, x1, top, bottom = _box(edge["x0"], edge["x1"], edge["top"], edge["bottom"], turn, frame)
        turned.append(edge | {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop + top,
                              "width": x1 - x0, "height": bottom - top,
                              "orientation": swap[edge["orientation"]]})
    return turned
