"""Build the bundled reference PDFs into ``corpus/pdfs`` (or OUTDIR): ``make corpus``, or
``PYTHONPATH=tests python -m corpus_builder.build [OUTDIR]`` from the repository root.

Each document module exposes ``STEM`` (the PDF's file name without ``.pdf``) and ``build(path)``. The
output is byte-for-byte reproducible (reportlab's invariant mode, fixed fonts and metadata).
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import action_plan, budget_expiry, initiative_sheet, plan, themes

DOCUMENTS = (plan, themes, initiative_sheet, action_plan, budget_expiry)
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "src" / "planarkiv" / "corpus" / "pdfs"


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for module in DOCUMENTS:
        path = out / f"{module.STEM}.pdf"
        module.build(path)
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
