"""Write the variant PDFs: ``python tests/variant_builder/build.py [DIR]``, by default into
``tests/data/variants``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # variant_builder, corpus_builder

from variant_builder.variants import PDF_DIR, VARIANTS


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for variant in VARIANTS:
        variant.build(out / f"{variant.stem}.pdf")
        print(out / f"{variant.stem}.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else PDF_DIR)
