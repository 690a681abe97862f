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

Only an image-only page whose images show text is read (``needs_ocr``): a full-page photograph costs
Tesseract seconds and yields nothing. Before Tesseract reads the page (rendered at 300 dpi in grey) it is
set upright and cleaned the way a scan needs:

- a page scanned sideways is turned upright (``_sideways_turn``);
- specks of dust are taken out (``_despeckled``);
- it is straightened (the angle whose rows of ink are sharpest), so that lines of text and table rules are
  level; word positions are those of the straightened page, within a point or two of the scan's;
- its ruling lines (long straight runs of even faint ink with paper above and below) are found and erased:
  they become the page's drawn edges, so ruled tables and the rules between cards are found as on a page
  with a text layer, and Tesseract, which takes a boxed or shaded table row for a picture, reads its text.

What the parsers used from the type is recovered from the image, per word:

- **size** from the x-height: the band of a line's rows where its strokes are densest (the lowercase
  letters), divided by a Latin face's usual x-height share of the em. Sizes measured this way scatter by
  a few per cent, while the parsers compare a block's size with the body size to a tenth of a point, so
  the sizes of a document's OCR'd lines are gathered into levels (``type_of``): every line of body text gets
  the same size, a heading a larger one;
- **bold** from the stroke weight: the width of a word's strokes (twice its ink over its outline) over the
  x-height of its line, against the document's usual weight (``type_of``);
- **bullets**, which Tesseract reads as "+", "»" or quotes, or leaves out: a lone blot of ink before a line
  is a bullet, filled ("•") or a ring ("o").

Words Tesseract doubts on a line it doubts too are a picture read as letters and are left out; its
misreadings of Danish office type are set right (``_clean``). Tesseract runs on one thread: the worker
processes (``--jobs``) are the parallelism.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from statistics import median

import numpy as np
import pdfplumber
from PIL import Image, ImageOps

LANGUAGE = "dan"
FIGURES = "eng"  # the model that reads an item number again (``_figures_again``)
FIGURE_LIKE = re.compile(r"^\d{1,2}[.,-]?\d?\.?$")  # what an item number ("2.1") is read as
ITEM_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")
AGAIN_SCALES = (1, 2, 3)  # the scales an item number's crop is read again at, until a reading is sure
SHORT_WORD = 4  # letters: a doubted word this short opening a line may be an item number misread
RESOLUTION = 300  # dpi the page is rendered at for Tesseract
PREVIEW = 50  # dpi an image-only page is rendered at to judge whether it shows text (one inch: 50 pixels)
PAPER_TOLERANCE = 24  # grey levels a scan's paper varies by
INK_CONTRAST = 64  # grey levels ink differs from the paper by at least
TEXT_PATCHES = 3  # square inches of paper with ink on them that make a page of spread greys one of text
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-dan (or: make ocr)"
X_HEIGHT = 0.52  # a Latin text face's x-height as a share of its size (Helvetica, Arial: 0.52) ...
CAP_HEIGHT = 0.72  # ... and its capitals' and figures' height: the band of a line with no small letters
ASCENT, DESCENT = 0.79, 0.21  # a face's box above and below the baseline, as pdfminer sets a glyph's box
MIN_RULE = 20.0  # points: a straight run of dark pixels at least this long is a drawn line, not a stroke
SPECK = 8  # pixels: a blot of ink this small with nothing around it is dust on the scan
RULE_CLEARANCE = 6  # pixels above and below a ruling line that are mostly free of ink
MAX_SKEW = 3.0  # degrees a scan is looked at for straightening
MIN_WORD_CONFIDENCE = 40  # a word Tesseract is less sure of is mostly a picture read as letters ...
SURE_LINE = 70  # ... unless the mean confidence of its line is this or more: a real word, hard to read
SURE_PAGE = 50  # a page whose mean word confidence is lower keeps only its words of SURE_LINE or more
BOLD_WEIGHT = 1.35  # a word whose strokes are this much heavier than the document's usual is bold
SHORT_BOLD_WEIGHT = 1.1  # ... and a word of one or two letters between bold words, this much
BOLD_STROKE = 1.1  # ... and this much wider in pixels
BLUR_SHARE = 0.4  # the share of the usual stroke width that is the scan's blur, the same at every size
LEVEL_SPREAD = 0.08  # line sizes within this share of each other are one level of type


@cache
def _has_figures() -> bool:
    """Whether Tesseract has the English model that reads item numbers again (Debian installs it with
    Tesseract itself)."""
    import pytesseract

    return FIGURES in pytesseract.get_languages(config="")


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
    """A page with no glyphs but blanks whose images cover a tenth of it or more and show text: a scan (or a
    photograph of text), not a page with a logo alone, nor a photograph (``_shows_text``)."""
    if any(c["text"].strip() for c in page.chars):
        return False
    covered = sum(max(0.0, min(i["x1"], page.width) - max(i["x0"], 0)) *
                  max(0.0, min(i["bottom"], page.height) - max(i["top"], 0)) for i in page.images)
    return covered >= 0.1 * float(page.width) * float(page.height) and _shows_text(page)


def _shows_text(page: pdfplumber.page.Page) -> bool:
    """Whether an image-only page shows text, judged on a small rendering before any OCR: text is ink on
    paper, and the paper (the page's most common grey, give or take ``PAPER_TOLERANCE``) is most of a page
    of text, however little text it holds; a photograph's greys are spread over the page, and it has no
    patch of paper with ink on it. So a page shows text where paper covers half of it or more, or where
    ``TEXT_PATCHES`` or more square inches are paper with ink on them (a page of text beside a photograph).
    A photograph costs Tesseract seconds and yields no words it is sure of."""
    grey = np.asarray(page.to_image(resolution=PREVIEW).original.convert("L"), dtype=np.int16)
    paper_grey = int(np.bincount(grey.ravel()).argmax())
    paper = np.abs(grey - paper_grey) <= PAPER_TOLERANCE
    if paper.mean() >= 0.5:
        return True
    ink = np.abs(grey - paper_grey) > INK_CONTRAST
    patches = 0
    for top in range(0, grey.shape[0] - PREVIEW + 1, PREVIEW):
        for left in range(0, grey.shape[1] - PREVIEW + 1, PREVIEW):
            square = (slice(top, top + PREVIEW), slice(left, left + PREVIEW))
            patches += bool(paper[square].mean() >= 0.7 and ink[square].mean() >= 0.02)
    return patches >= TEXT_PATCHES


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
    x_height: float  # the x-height of its line, in pixels
    line: int  # the word's line on its page


@dataclass(frozen=True)
class ScannedPage:
    """One OCR'd page: its words, its ruling lines as drawn edges, Tesseract's mean word confidence, and the
    page's width and height upright (exchanged for a page scanned sideways), in points."""

    words: list[OcrWord]
    edges: list[dict]
    confidence: float
    width: float
    height: float


def _threshold(pixels: np.ndarray) -> int:
    """Otsu's threshold of the page's grey levels: ink is at or below it."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, total_mean = weight[-1], mean[-1]
    between = (total_mean * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1)
    return int(np.argmax(between))


def _despeckled(pixels: np.ndarray, threshold: int) -> np.ndarray:
    """The page without specks of dust: dark pixels with hardly any ink around them (``SPECK`` pixels or
    fewer in their 5 x 5 neighbourhood) become paper. A median filter would also clean them, and take the
    full stop out of "1.3" with them."""
    ink = np.pad((pixels <= threshold).astype(np.int32), 2)
    total = ink.cumsum(axis=0).cumsum(axis=1)
    total = np.pad(total, ((1, 0), (1, 0)))
    around = total[5:, 5:] - total[:-5, 5:] - total[5:, :-5] + total[:-5, :-5]
    clean = pixels.copy()
    clean[(pixels <= threshold) & (around <= SPECK)] = 255
    return clean


def _skew(image: Image.Image) -> float:
    """The angle (degrees) that levels the page's lines of text: the one whose row profile of ink is
    sharpest, on a quarter-size copy."""
    small = np.asarray(image.reduce(4))
    ink = Image.fromarray(((small <= _threshold(small)) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25), key=sharpness)
    return float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness))


def _profile_sharpness(ink: np.ndarray) -> float:
    """How sharply a page's ink per row changes from row to row: high where lines of text run along the
    rows (a line of ink, a gap of paper), low where they run down the columns."""
    return float(np.square(np.diff(ink.sum(axis=1, dtype=np.int64))).sum())


def _sideways_turn(image: Image.Image) -> int:
    """Quarter turns clockwise that set a page scanned sideways upright (1 or 3), or 0. A page whose ink
    changes more sharply along its columns than along its rows has its lines of text running down the page;
    which way up is Tesseract's orientation detection's to say (``--psm 0``, Debian's ``tesseract-ocr``
    brings its model), asked only then: it costs seconds a page. Where it cannot tell (too little text),
    the page is left as it is."""
    import pytesseract

    small = np.asarray(image.reduce(4))
    ink = small <= _threshold(small)
    if _profile_sharpness(ink.T) <= _profile_sharpness(ink):
        return 0
    try:
        found = pytesseract.image_to_osd(image.reduce(2), config="--psm 0",
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return 0
    return {90: 1, 270: 3}.get(int(found["rotate"]), 0)


def _runs(ink: np.ndarray, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ink along the rows at least ``min_length`` long that is a line,
    not a stretch of a line of type: the rows a little above and below it are mostly free of ink."""
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order: each run's end follows its start
    long = ends - starts >= min_length
    rows, starts, ends = rows[long].tolist(), starts[long].tolist(), ends[long].tolist()
    last = ink.shape[0] - 1
    return [(row, start, end) for row, start, end in zip(rows, starts, ends, strict=True)
            if ink[max(row - RULE_CLEARANCE, 0), start:end].mean() < 0.3
            and ink[min(row + RULE_CLEARANCE, last), start:end].mean() < 0.3]


Rule = tuple[int, int, int, int]  # a ruling line along the rows of an image: first row, last row, start, end


def _rules(ink: np.ndarray, min_length: int) -> list[Rule]:
    """The ruling lines along the rows: runs in neighbouring rows that overlap are one line."""
    open_rules: list[list[int]] = []
    done: list[list[int]] = []
    for row, start, end in _runs(ink, min_length):
        for rule in open_rules:
            if row - rule[1] <= 1 and start < rule[3] and end > rule[2]:
                rule[1], rule[2], rule[3] = row, min(rule[2], start), max(rule[3], end)
                break
        else:
            open_rules.append([row, row, start, end])
        done += [rule for rule in open_rules if row - rule[1] > 1]
        open_rules = [rule for rule in open_rules if row - rule[1] <= 1]
    return [(first, last, start, end) for first, last, start, end in [*done, *open_rules]]


def _edges(horizontal: list[Rule], vertical: list[Rule], scale: float, doctop: float) -> list[dict]:
    """Ruling lines as pdfplumber's edges (in points), for ``layout`` and the table finder."""
    edges = []
    for first, last, start, end in horizontal:
        y = (first + last) / 2 * scale
        edges.append({"x0": start * scale, "x1": end * scale, "top": y, "bottom": y, "doctop": doctop + y,
                      "width": (end - start) * scale, "height": 0.0, "orientation": "h",
                      "object_type": "line"})
    for first, last, start, end in vertical:
        x = (first + last) / 2 * scale
        edges.append({"x0": x, "x1": x, "top": start * scale, "bottom": end * scale,
                      "doctop": doctop + start * scale, "width": 0.0, "height": (end - start) * scale,
                      "orientation": "v", "object_type": "line"})
    return edges


def _erased(pixels: np.ndarray, horizontal: list[Rule], vertical: list[Rule]) -> Image.Image:
    """The page without its ruling lines: Tesseract's page segmentation takes a boxed or shaded table row
    for a picture and skips its text."""
    clean = pixels.copy()
    for first, last, start, end in horizontal:
        clean[max(first - 2, 0):last + 3, start:end] = 255
    for first, last, start, end in vertical:
        clean[start:end, max(first - 2, 0):last + 3] = 255
    return Image.fromarray(clean)


def _on_rule(box: tuple[int, int, int, int], vertical: list[Rule]) -> bool:
    """Whether a word's middle lies on a vertical ruling line (erased before Tesseract read the page)."""
    x, y, w, h = box
    across, down = x + w / 2, y + h / 2
    return any(first - 3 <= across <= last + 3 and start <= down <= end
               for first, last, start, end in vertical)


def _box(data: dict[str, list], i: int) -> tuple[int, int, int, int]:
    """The box (left, top, width, height) of Tesseract's word ``i``, in pixels."""
    return data["left"][i], data["top"][i], data["width"][i], data["height"][i]


def _x_band(ink: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> tuple[float, float]:
    """The x-height band of a line (mean line, baseline), in rows from the line's top: where the ink of its
    words is densest, its edges where the ink per row crosses half its most, between rows (a scan's
    blur grades them), so that a line's size is not stepped by whole pixels. Only the words' own boxes
    count, not a rule running through the line's box."""
    top = min(y for _, y, _, _ in boxes)
    rows = np.zeros(max(y + h for _, y, _, h in boxes) - top + 2, dtype=np.float64)
    for x, y, w, h in boxes:
        rows[y - top + 1:y - top + 1 + h] += ink[y:y + h, x:x + w].sum(axis=1)
    if not rows.any():  # light type on a dark ground: no ink as the page's threshold sees it
        return 0.0, float(len(rows) - 2)
    half = rows.max() / 2
    dense = np.nonzero(rows >= half)[0]
    first, last = int(dense[0]), int(dense[-1])  # both inside the padding of one empty row either side
    mean_line = first - (rows[first] - half) / (rows[first] - rows[first - 1])
    baseline = last + (rows[last] - half) / (rows[last] - rows[last + 1])
    return mean_line - 1, baseline - 1


def _stroke(ink: np.ndarray) -> float:
    """The width of a word's strokes in pixels: twice its ink over its outline (ink beside no-ink)."""
    padded = np.pad(ink, 1)
    inner = padded[1:-1, 1:-1] & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    outline = int(ink.sum() - inner.sum())
    return 2 * float(ink.sum()) / outline if outline else 0.0


def _bullet(ink: np.ndarray, x_band: tuple[float, float], floor: int,
            left: int) -> tuple[str, int, int] | None:
    """A list bullet Tesseract left out before text starting at ``left`` (the words before it end at
    ``floor``): a lone blot of ink in the line's x-height band, at most as wide and high as the x-height,
    standing apart from the text and with nothing else before it. "•" when it is filled, "o" (a second
    level's bullet) when it is a ring; and its columns (start, end)."""
    height = x_band[1] - x_band[0]
    top, bottom = int(x_band[0] - height * 0.3), int(np.ceil(x_band[1] + height * 0.3))
    start = max(0, floor, int(left - 3 * height))
    region = ink[max(top, 0):bottom, start:left]
    columns = np.nonzero(region.sum(axis=0))[0]
    if not len(columns) or columns[-1] - columns[0] + 1 != len(columns):  # nothing, or more than one blot
        return None
    rows = np.nonzero(region.sum(axis=1))[0]
    width, tall = len(columns), rows[-1] - rows[0] + 1
    apart = left - (start + columns[-1]) >= height * 0.3
    if apart and height * 0.25 <= width <= height and height * 0.25 <= tall <= height:
        filled = region[:, columns[0]:columns[-1] + 1].sum() / (width * tall) > 0.6
        return "•" if filled else "o", start + int(columns[0]), start + int(columns[-1]) + 1
    return None


def _bullet_read(text: str, gap: float, x_height: float) -> str | None:
    """The bullet a word at the start of a line (or of a column of it) is, as Tesseract reads one: a
    filled one ("•") read as a mark or two, or a ring ("o", a second level's bullet) read as a round letter
    standing well apart (``gap``) from the text after it."""
    if len(text) <= 2 and set(text) <= BULLET_LIKE:
        return "•"
    return "o" if text in ROUND and gap > x_height else None


def _figure_like(text: str) -> bool:
    """What Tesseract's Danish model reads an item number ("1.1", "2.3") as: "13", "1-3", a bar."""
    return FIGURE_LIKE.match(text.strip()) is not None or text.strip() in ("|", "¦")


def _may_be_number(text: str, doubted: bool, opening: bool) -> bool:
    """Whether a word may be an item number Tesseract misread, to be read again (``_figures_again``): one
    that looks like figures, or a short word it doubts (``doubted``) opening a line (``opening``)."""
    return _figure_like(text) or (doubted and opening and len(text.strip()) <= SHORT_WORD)


def _figures_again(pixels: np.ndarray, box: tuple[int, int, int, int], text: str) -> str:
    """An item number at the start of a line or a column ("1.3", "2.1") read again alone by Tesseract's
    English model: the Danish one drops the full stop between its figures ("13", "1-3"), reads "1.1" as a
    bar or a small number as letters it doubts ("årg"). Tesseract reads so small a crop unsteadily, right
    at one scale and wrong at the next, so it is read at the page's scale and, until a reading is sure,
    enlarged twice and three times (``AGAIN_SCALES``). The first sure item number counts; else ``text``
    stands."""
    import pytesseract

    x, y, w, h = box
    crop = Image.fromarray(pixels[max(y - 2, 0):y + h + 2, max(x - 2, 0):x + w + 2])
    for scale in AGAIN_SCALES:
        larger = crop.resize((crop.width * scale, crop.height * scale), Image.Resampling.LANCZOS)
        data = pytesseract.image_to_data(ImageOps.expand(larger, border=20, fill=255), lang=FIGURES,
                                         config="--psm 7", output_type=pytesseract.Output.DICT)
        read = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()]
        if len(read) == 1 and read[0][1] >= SURE_LINE and ITEM_NUMBER.match(read[0][0]):
            return read[0][0]
    return text


def _clean(text: str) -> str:
    """A word as the page prints it. The rules are erased before Tesseract reads the page, so a bar it
    still reads is the capital I of a sans-serif face: alone ("I 2018 vil …"), starting a word
    ("|nitiativ") or glued to the number after it ("|2016": "I 2016"); a bar at a word's end is what is
    left of a rule. Dashes, quotes and apostrophes are set as Danish office documents set them (the en
    dash, ”…”, ’17), where Tesseract reads an em dash and straight quotes."""
    text = text.strip()
    if text in ("|", "¦"):
        return "I"
    text = text.rstrip("|¦").strip()
    if text.startswith(("|", "¦")):
        rest = text[1:]
        text = "I" + (" " if rest[:1].isdigit() else "") + rest
    if text.endswith("..") and not text.endswith("..."):
        text = text[:-1]  # a speck read as a second full stop ("1..")
    return text.translate(TYPOGRAPHY)


TYPOGRAPHY = str.maketrans({"—": "–", "'": "’", '"': "”"})
BULLET_LIKE = frozenset("•·+*»«®©¢\"'‘’“”„…")  # what Tesseract reads a round list bullet as
ROUND = frozenset({"0", "O", "o", "°"})  # what it reads a ring (a second level's bullet) as


def read_page(page: pdfplumber.page.Page) -> ScannedPage:
    """OCR one page: Tesseract's words in PDF points, each with its size and stroke weight measured."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    image = page.to_image(resolution=RESOLUTION).original.convert("L")
    scale = float(page.width) / image.width
    turn = _sideways_turn(image)
    if turn:  # PIL turns counter-clockwise
        image = image.transpose(Image.Transpose.ROTATE_270 if turn == 1 else Image.Transpose.ROTATE_90)
    angle = _skew(image)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    grey = np.asarray(image)
    threshold = _threshold(grey)
    # a table's rules are often thin and grey: what is darker than halfway from the ink to the paper
    faint = grey < (threshold + 255) // 2
    pixels = _despeckled(grey, threshold)
    ink = pixels <= threshold
    min_length = int(MIN_RULE / scale)
    horizontal, vertical = _rules(faint, min_length), _rules(faint.T, min_length)
    data = pytesseract.image_to_data(_erased(pixels, horizontal, vertical), lang=LANGUAGE,
                                     config="--psm 3", output_type=pytesseract.Output.DICT)
    read: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            read.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    confidences = [float(data["conf"][i]) for indices in read.values() for i in indices]
    # a picture read as letters: words, or whole lines, Tesseract doubts; on a page it mostly doubts (a
    # photograph, a script it has no model for) only the words it is sure of, of two letters or figures
    doubted = not confidences or sum(confidences) / len(confidences) < SURE_PAGE
    least = SURE_LINE if doubted else MIN_WORD_CONFIDENCE
    lines = {}
    again: set[int] = set()  # doubted words kept only to be read again as item numbers
    for key, indices in read.items():
        sure = not doubted and sum(float(data["conf"][i]) for i in indices) / len(indices) >= SURE_LINE
        kept = [i for i in indices if sure or (float(data["conf"][i]) >= least and not (
            doubted and sum(c.isalnum() for c in data["text"][i]) < 2))]  # a stroke read as "I" or "1"
        again.update(i for i in indices if i not in kept and not doubted
                     and _may_be_number(data["text"][i], True, i == indices[0]))
        kept = [i for i in indices if i in kept or i in again]
        if kept:
            lines[key] = kept
    bands = {key: _x_band(ink, [_box(data, i) for i in indices]) for key, indices in lines.items()}
    # whether a line has small letters ("årg", a misread number, does not count)
    lower = {key: any(c.islower() for i in indices if i not in again for c in data["text"][i])
             for key, indices in lines.items()}
    # a line of capitals and figures alone has no x-height: its band is their height
    x_heights = {key: (band[1] - band[0]) * (1 if lower[key] else X_HEIGHT / CAP_HEIGHT)
                 for key, band in bands.items()}
    sizes = {}
    for key, x_height in x_heights.items():
        # ... and a figure is not a letter: such a line in a paragraph of text ("2020).") has its size
        paragraph = [x_heights[other] for other in lines if other[:2] == key[:2] and lower[other]]
        sizes[key] = (x_height if lower[key] or not paragraph else median(paragraph)) * scale / X_HEIGHT
    words = []
    for number, (key, indices) in enumerate(lines.items()):
        boxes = [_box(data, i) for i in indices]
        top = min(y for _, y, _, _ in boxes)
        band, x_height, size = bands[key], x_heights[key], sizes[key]
        on_page = (top + band[0], top + band[1])
        baseline = (top + band[1]) * scale
        line: list[tuple[str, int, int, float]] = []  # text, left, right, stroke
        for k, (i, (x, y, w, h)) in enumerate(zip(indices, boxes, strict=True)):
            text = _clean(data["text"][i])
            floor = line[-1][2] if line else 0
            starts = not line or x - floor > 1.5 * x_height  # a line, or a column of a line across columns
            if _may_be_number(data["text"][i], float(data["conf"][i]) < least, k == 0):
                if starts and _has_figures():
                    text = _figures_again(pixels, (x, y, w, h), text)
                if float(data["conf"][i]) < least and not ITEM_NUMBER.match(text):
                    continue  # a doubted figure that is no item number either
            if not text or (not any(c.isalnum() for c in text) and _on_rule((x, y, w, h), vertical)):
                continue  # nothing, or what is left of an erased rule read as a mark ("—")
            gap = boxes[k + 1][0] - x - w if k + 1 < len(boxes) else 0
            if starts and (bullet := _bullet_read(text, gap, x_height)):
                text = bullet
            elif starts and text not in ("•", "o") and (blot := _bullet(ink, on_page, floor, x)):
                rows = slice(int(on_page[0]) - 2, int(on_page[1]) + 3)
                line.append((blot[0], blot[1], blot[2], _stroke(ink[rows, blot[1]:blot[2]])))
            line.append((text, x, x + w, _stroke(ink[y:y + h, x:x + w])))
        words += [OcrWord(text, x0 * scale, x1 * scale, baseline - ASCENT * size, baseline + DESCENT * size,
                          size, stroke, x_height, number) for text, x0, x1, stroke in line]
    confidence = sum(confidences) / len(confidences) if confidences else 0.0
    width, height = (page.height, page.width) if turn % 2 else (page.width, page.height)
    return ScannedPage(words, _edges(horizontal, vertical, scale, float(page.initial_doctop)), confidence,
                       float(width), float(height))


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
        level.update(dict.fromkeys(run, round(float(median(run)), 1)))
        rest = rest[:start] + rest[ends[start]:]
    return level


def type_of(pages: list[ScannedPage]) -> list[list[tuple[OcrWord, float, bool]]]:
    """The words of the OCR'd pages of one document with their size and bold: sizes gathered into the
    document's levels; bold where a word's strokes are heavier than the document's usual (those of most of
    its words), both for their x-height and in pixels (small type, thickened by the scan's blur, is heavy
    for its size). A word of one or two letters ("i", "og") has too few strokes to weigh alone: one a little
    heavier than the usual between bold words is bold too."""
    every = [w for page in pages for w in page.words]
    levels = _levels([w.size for w in every])
    stroke = median(w.stroke for w in every) if every else 0.0
    blur = stroke * BLUR_SHARE

    def weight(w: OcrWord) -> float:
        return (w.stroke - blur) / w.x_height

    usual = median(map(weight, every)) if every else 0.0

    def bold(w: OcrWord) -> bool:
        return bool(weight(w) > usual * BOLD_WEIGHT and w.stroke > stroke * BOLD_STROKE)

    typed = []
    for page in pages:
        marks = [bold(w) for w in page.words]
        for i, w in enumerate(page.words):
            beside = [page.words[j] for j in (i - 1, i + 1) if 0 <= j < len(page.words)
                      and page.words[j].line == w.line]
            if (not marks[i] and len(w.text) <= 2 and beside and weight(w) > usual * SHORT_BOLD_WEIGHT
                    and all(bold(other) for other in beside)):
                marks[i] = True
        typed.append([(w, levels[w.size], mark) for w, mark in zip(page.words, marks, strict=True)])
    return typed
