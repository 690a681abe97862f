"""Scanned and rotated copies of a PDF, for the OCR and orientation tests and the bench.

A *scanned* copy is what a document printed and scanned back looks like: each page rendered at 200 dpi
in grey, turned a fraction of a degree, a little blurred, speckled with dust and dropouts, and saved as an
image-only PDF (no glyphs at all, one JPEG per page as a scanner writes it). Everything random is seeded
by the page number, so a copy is the same on every run.

A *rotated* copy holds the same text turned on the page, the two ways a PDF can do it: the page's
``/Rotate`` (a viewer turns the page when it shows it), or the content drawn turned (a rotation matrix in
the content stream, the page's width and height exchanged). Both are written with pypdfium2, which
pdfplumber already brings.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

DPI = 200


def _scan(page: pdfplumber.page.Page, number: int) -> Image.Image:
    grey = page.to_image(resolution=DPI).original.convert("L")
    rng = np.random.default_rng(number)
    angle = float(rng.uniform(0.2, 0.6) * rng.choice([-1, 1]))
    turned = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(turned.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.int16)
    pixels = pixels + rng.normal(0, 6, pixels.shape).astype(np.int16)  # sensor noise
    dust = rng.random(pixels.shape)
    pixels[dust < 0.0004] = 40  # dark specks
    pixels[dust > 0.9994] = 255  # dropouts in the strokes
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


def scanned_copy(source: Path, target: Path, turns: tuple[int, ...] = (0,)) -> Path:
    """Write an image-only "scan" of ``source`` to ``target``: every page as a grey 200 dpi image, turned
    clockwise by ``turns`` degrees (taken in turn, page by page) as a sheet fed into the scanner sideways
    is, with nothing in the PDF (no ``/Rotate``) saying so."""
    with pdfplumber.open(source) as pdf:
        images = []
        for number, page in enumerate(pdf.pages, start=1):
            images.append(_scan(page, number).rotate(-turns[(number - 1) % len(turns)], expand=True))
            page.close()
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=DPI, quality=85)
    return target


def rotated_copy(source: Path, target: Path, degrees: int, drawn: bool = False) -> Path:
    """Write ``source`` with every page turned clockwise by ``degrees`` (90, 180 or 270) to ``target``:
    through ``/Rotate``, or with ``drawn`` through the content itself (the text then runs sideways in the
    page's own coordinates, as a landscape table set on a portrait page does)."""
    src = pdfium.PdfDocument(source)
    if not drawn:
        for page in src:
            page.set_rotation((page.get_rotation() + degrees) % 360)
        src.save(target)
        return target
    out = pdfium.PdfDocument.new()
    for index in range(len(src)):
        width, height = src[index].get_size()
        form = src.page_as_xobject(index, out).as_pageobject()
        # turned clockwise about the origin, then moved back onto the page; the matrix in whole numbers, as
        # a program that sets a table sideways writes it (no trace of a cosine's rounding)
        turn = {90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}[degrees]
        shift = {90: (0, width), 180: (width, height), 270: (height, 0)}[degrees]
        form.transform(pdfium.PdfMatrix(*turn, *shift))
        size = (height, width) if degrees in (90, 270) else (width, height)
        page = out.new_page(*size)
        page.insert_obj(form)
        page.gen_content()
    out.save(target)
    return target
