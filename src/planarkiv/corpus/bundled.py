"""The five reference PDFs shipped with planarkiv (built by ``tests/corpus_builder``)."""

from pathlib import Path

PDF_DIR = Path(__file__).parent / "pdfs"


def bundled_pdfs() -> list[Path]:
    return sorted(PDF_DIR.glob("*.pdf"))
