"""OCR of image-only pages with Tesseract (Danish): the page as words the layout reads like a text layer's.

Tesseract is called through **pytesseract**, which runs Debian's ``tesseract`` (installed by ``make ocr``)
and reads its TSV: every word with its box, its confidence and its block, paragraph and line. The other
bindings were weighed: tesserocr calls the C API in-process and keeps the model loaded, but it is a
compiled extension (a wheel that brings its own libtesseract, beside the one Debian installs, or a build
against libtesseract-dev), and a crash inside it takes the worker with it; the font attributes it could add
(bold, point size) are not produced by Tesseract's LSTM engine anyway. OCRmyPDF writes a new PDF with a
text layer, which would then be read back with pdfplumber: the same words by a longer road, and its text
layer sets every word in one invisible font, so nothing of the type survives. A subprocess per page costs
a fraction of a second beside the seconds the recognition takes, and a missing Tesseract is a plain error
(``missing``), not a failed install.

What the parsers used from the type is recovered from the image, per word:

- **size** from the x-height: the band of a line's rows where its strokes are densest (the lowercase
  letters), divided by a Latin font's usual x-height share of the em. Sizes measured this way scatter by
  a few per cent, while the parsers compare a block's size with the body size to a tenth of a point, so
  the sizes of a document's OCR'd lines are gathered into levels (``type_of``): every line of body text gets
  the same size, a heading a larger one;
- **bold** from the stroke weight: the width of a word's strokes (twice its dark pixels over its outline
  pixels) over the x-height of its line, against the document's usual weight (``type_of``).

The page is straightened first (the angle whose rows of dark pixels are sharpest), so that lines of text
and the table rules are level; word positions are those of the straightened page, within a point or two of
the scan's. Ruling lines (long straight runs of dark pixels) become the page's drawn edges, so ruled tables
and the rules between cards are found as on a page with a text layer. Tesseract runs on one thread: the
worker processes (``--jobs``) are the parallelism.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from statistics import median

import numpy as np
import pdfplumber
from PIL import Image, ImageFilter

LANGUAGE = "dan"
RESOLUTION = 300  # dpi the page is rendered at for Tesseract
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-dan (or: make ocr)"
X_HEIGHT = 0.52  # a Latin text face's x-height as a share of its size (Helvetica, Arial: 0.52)
ASCENT, DESCENT = 0.79, 0.21  # a face's box above and below the baseline, as pdfminer sets a glyph's box
MIN_RULE = 20.0  # points: a straight run of dark pixels at least this long is a drawn line, not a stroke
MAX_SKEW = 3.0  # degrees a scan is looked at for straightening
BOLD_WEIGHT = 1.35  # a word whose strokes are this much heavier than the document's usual is bold
BOLD_STROKE = 1.1  # ... and this much wider in pixels
BLUR_SHARE = 0.4  # the share of the usual stroke width that is the scan's blur, the same at every size
LEVEL_SPREAD = 0.08  # line sizes within this share of each other are one level of type


@cache
def missing() -> str | None:
    """None when Tesseract with its Danish data can be run, else one line saying what is missing and how
    to install it."""
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return f"Tesseract is not installed, so scanned pages cannot be read; {INSTALL_HINT}"
    if LANGUAGE not in languages:
        return f"Tesseract has no Danish language data, so scanned pages cannot be read; {INSTALL_HINT}"
    return None


def needs_ocr(page: pdfplumber.page.Page) -> bool:
    """A page with images and no glyphs but blanks: a scan (or a photograph of text)."""
    return bool(page.images) and not any(c["text"].strip() for c in page.chars)


@dataclass(frozen=True)
class OcrWord:
    """A word as Tesseract read it, in PDF points, with the measures its type is recovered from."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the line's size from its x-height, before the document's levels
    stroke: float  # the width of its strokes, in pixels
    x_height: int  # the x-height of its line, in pixels
    line: int  # the word's line on its page


@dataclass(frozen=True)
class ScannedPage:
    """One OCR'd page: its words, its ruling lines as drawn edges, and Tesseract's mean word confidence."""

    words: list[OcrWord]
    edges: list[dict]
    confidence: float


def _dark(pixels: np.ndarray) -> np.ndarray:
    """Ink: pixels darker than Otsu's threshold of the page's grey levels."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, total_mean = weight[-1], mean[-1]
    between = (total_mean * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1)
    return pixels <= int(np.argmax(between))


def _skew(image: Image.Image) -> float:
    """The angle (degrees) that levels the page's lines of text: the one whose row profile of ink is
    sharpest, on a quarter-size copy."""
    small = image.reduce(4)
    ink = Image.fromarray((_dark(np.asarray(small)) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25), key=sharpness)
    return float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness))


def _closed(ink: np.ndarray, reach: int = 2) -> np.ndarray:
    """Ink with gaps of up to ``2 * reach`` pixels along its rows filled (dropouts in a scanned rule)."""
    grown = ink.copy()
    for shift in range(1, reach + 1):
        grown[:, shift:] |= ink[:, :-shift]
        grown[:, :-shift] |= ink[:, shift:]
    shrunk = grown.copy()
    for shift in range(1, reach + 1):
        shrunk[:, shift:] &= grown[:, :-shift]
        shrunk[:, :-shift] &= grown[:, shift:]
    return shrunk


def _runs(ink: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink along the rows at least ``min_length`` long."""
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order: each run's end follows its start
    keep = ends - starts >= min_length
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(), strict=True))


def _lines(runs: list[tuple[int, int, int]]) -> list[tuple[float, int, int]]:
    """Runs in neighbouring rows that overlap are one ruling line: (middle row, start, end)."""
    open_lines: list[list[int]] = []  # [first row, last row, start, end]
    done: list[list[int]] = []
    for row, start, end in runs:
        for line in open_lines:
            if row - line[1] <= 1 and start < line[3] and end > line[2]:
                line[1], line[2], line[3] = row, min(line[2], start), max(line[3], end)
                break
        else:
            open_lines.append([row, row, start, end])
        done += [line for line in open_lines if row - line[1] > 1]
        open_lines = [line for line in open_lines if row - line[1] <= 1]
    return [((first + last) / 2, start, end) for first, last, start, end in [*done, *open_lines]]


def _edges(ink: np.ndarray, scale: float, doctop: float) -> list[dict]:
    """The page's ruling lines as pdfplumber's edges (in points), for ``layout`` and the table finder."""
    min_length = int(MIN_RULE / scale)
    edges = []
    for y, start, end in _lines(_runs(_closed(ink), min_length)):
        top = y * scale
        edges.append({"x0": start * scale, "x1": end * scale, "top": top, "bottom": top,
                      "doctop": doctop + top, "width": (end - start) * scale, "height": 0.0,
                      "orientation": "h", "object_type": "line"})
    for x, start, end in _lines(_runs(_closed(ink.T), min_length)):
        left = x * scale
        edges.append({"x0": left, "x1": left, "top": start * scale, "bottom": end * scale,
                      "doctop": doctop + start * scale, "width": 0.0, "height": (end - start) * scale,
                      "orientation": "v", "object_type": "line"})
    return edges


def _x_band(ink: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """The rows (first, last) of a line's x-height band, counted from the line's top: where the ink of its
    words is densest. Only the words' own boxes count, not a rule running through the line's box."""
    top = min(y for _, y, _, _ in boxes)
    rows = np.zeros(max(y + h for _, y, _, h in boxes) - top, dtype=np.int64)
    for x, y, w, h in boxes:
        rows[y - top:y - top + h] += ink[y:y + h, x:x + w].sum(axis=1)
    dense = np.nonzero(rows >= rows.max() * 0.5)[0]
    return int(dense[0]), int(dense[-1])


def _stroke(ink: np.ndarray) -> float:
    """The width of a word's strokes in pixels: twice its ink over its outline (ink beside no-ink)."""
    padded = np.pad(ink, 1)
    inner = padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    outline = int(ink.sum() - inner.sum())
    return 2 * float(ink.sum()) / outline if outline else 0.0


def _clean(text: str) -> str:
    """A word without the bars Tesseract reads from a table's rules."""
    return text.strip().strip("|¦").strip()


def read_page(page: pdfplumber.page.Page) -> ScannedPage:
    """OCR one page: Tesseract's words in PDF points, each with its size and stroke weight measured."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = page.to_image(resolution=RESOLUTION).original.convert("L").filter(ImageFilter.MedianFilter(3))
    angle = _skew(image)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(image)
    ink = _dark(pixels)
    scale = float(page.width) / image.width
    data = pytesseract.image_to_data(image, lang=LANGUAGE, config="--psm 3",
                                     output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[int]] = {}
    confidences = []
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
            confidences.append(float(data["conf"][i]))
    words = []
    for number, indices in enumerate(lines.values()):
        boxes = [(data["left"][i], data["top"][i], data["width"][i], data["height"][i]) for i in indices]
        top = min(y for _, y, _, _ in boxes)
        first, last = _x_band(ink, boxes)
        x_height = last - first + 1
        size = x_height * scale / X_HEIGHT
        baseline = (top + last + 1) * scale
        for i in indices:
            text = _clean(data["text"][i])
            if not text:
                continue
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            words.append(OcrWord(text, x * scale, (x + w) * scale, baseline - ASCENT * size,
                                 baseline + DESCENT * size, size, _stroke(ink[y:y + h, x:x + w]), x_height,
                                 number))
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    return ScannedPage(words, _edges(ink, scale, float(page.initial_doctop)), confidence)


def _levels(sizes: list[float]) -> dict[float, float]:
    """Each measured size -> its level. The most sizes that lie within ``LEVEL_SPREAD`` of each other are
    one level (the body text first), valued at their median to a tenth of a point; then the rest, the same
    way. Unlike splitting sorted sizes at gaps, this does not chain the body text into a heading a few per
    cent larger through the scatter of the body's own measurements."""
    rest = sorted(sizes)
    level: dict[float, float] = {}
    while rest:
        ends = [bisect_right(rest, size * (1 + LEVEL_SPREAD)) for size in rest]
        start = max(range(len(rest)), key=lambda i: ends[i] - i)
        run = rest[start:ends[start]]
        level.update(dict.fromkeys(run, round(median(run), 1)))
        rest = rest[:start] + rest[ends[start]:]
    return level


def type_of(pages: list[ScannedPage]) -> list[list[tuple[OcrWord, float, bool]]]:
    """The words of the OCR'd pages of one document with their size and bold: sizes gathered into the
    document's levels; bold where a word's strokes are heavier than the document's usual (those of most of
    its words), both for their x-height and in pixels (small type, thickened by the scan's blur, is heavy
    for its size)."""
    every = [w for page in pages for w in page.words]
    levels = _levels([w.size for w in every])
    stroke = median(w.stroke for w in every) if every else 0.0
    blur = stroke * BLUR_SHARE

    def weight(w: OcrWord) -> float:
        return (w.stroke - blur) / w.x_height

    usual = median(map(weight, every)) if every else 0.0

    def bold(w: OcrWord) -> bool:
        return weight(w) > usual * BOLD_WEIGHT and w.stroke > stroke * BOLD_STROKE

    return [[(w, levels[w.size], bold(w)) for w in page.words] for page in pages]
