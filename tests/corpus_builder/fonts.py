"""Fonts for the corpus builder.

Word documents set list bullets in the Symbol font, whose bullet glyph sits at the private-use code
point U+F0B7; text extraction of such PDFs yields "\\uf0b7". No font on the machine has a glyph there,
so we build a one-glyph TrueType font named "Symbol" with fontTools and let reportlab embed it: its
ToUnicode map then says U+F0B7, exactly as in the real documents. The same glyph also serves "•"
(U+2022), which the standard Helvetica encoding cannot map back to Unicode, and the font has Symbol's
dash (U+F02D) for the plan's first list.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SYMBOL_BULLET = "\uf0b7"
SYMBOL_DASH = "\uf02d"
SYMBOL_FONT = "PlanarkivSymbol"  # reportlab's name for it: its own standard "Symbol" must not shadow it
SYMBOL_FAMILY = "Symbol"  # the name the font itself carries, as Word's Symbol does


def _bullet_glyph(units: int) -> object:
    """A filled octagon standing in for a round bullet."""
    pen = TTGlyphPen(None)
    c, r = units // 2, units // 6
    k = int(r * 0.41)
    points = [(c - k, c - r), (c + k, c - r), (c + r, c - k), (c + r, c + k),
              (c + k, c + r), (c - k, c + r), (c - r, c + k), (c - r, c - k)]
    pen.moveTo(points[0])
    for point in points[1:]:
        pen.lineTo(point)
    pen.closePath()
    return pen.glyph()


def _dash_glyph() -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((80, 300))
    for point in ((420, 300), (420, 360), (80, 360)):
        pen.lineTo(point)
    pen.closePath()
    return pen.glyph()


def _empty_glyph() -> object:
    pen = TTGlyphPen(None)
    return pen.glyph()


def _build_symbol_ttf(path: Path) -> None:
    units = 1000
    fb = FontBuilder(units, isTTF=True)
    fb.setupGlyphOrder([".notdef", "space", "bullet", "dash"])
    fb.setupCharacterMap({0x20: "space", 0xF0B7: "bullet", 0x2022: "bullet", 0xF02D: "dash"})
    fb.setupGlyf({".notdef": _empty_glyph(), "space": _empty_glyph(), "bullet": _bullet_glyph(units),
                 "dash": _dash_glyph()})
    fb.setupHorizontalMetrics({".notdef": (500, 0), "space": (250, 0), "bullet": (460, 0), "dash": (500, 0)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": SYMBOL_FAMILY, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.updateHead(created=0, modified=0)  # no build time inside: the PDFs must be reproducible
    fb.font.recalcTimestamp = False
    fb.save(str(path))


@cache
def register_fonts() -> None:
    """Register the Symbol bullet font with reportlab (once per process). It is registered under a name
    of its own: a canvas made earlier in the process registers reportlab's standard Type 1 "Symbol",
    which would otherwise be taken instead and lose the bullets."""
    path = Path(tempfile.mkdtemp(prefix="planarkiv-fonts-")) / "symbol.ttf"
    _build_symbol_ttf(path)
    pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(path)))
