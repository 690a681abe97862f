"""The Datasette command line behind ``planarkiv serve``.

The site is the same from any install: metadata.yml (titles, facets, canned queries) and the Danish
templates are package data of ``planarkiv``; a metadata.yml in the working folder takes the place of the
packaged one (a site's own titles and queries).

Datasette names a database after its file (``planarkiv.db`` -> ``planarkiv``) and metadata.yml
describes the database ``planarkiv``; for a file of another name the metadata is re-keyed to that name
(written once per content to the temporary folder), so titles, facets and canned queries always apply.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import yaml

from planarkiv.corpus.store import MOUNT, pdf_dir

HOST = "127.0.0.1"
METADATA = Path(__file__).with_name("metadata.yml")
TEMPLATES = Path(__file__).with_name("templates")
METADATA_DATABASE = "planarkiv"
SETTINGS = {
    "truncate_cells_html": "150",  # long texts are cut in tables; a row's own page shows all of them
    "suggest_facets": "off",  # metadata.yml names the facets staff use
    "default_facet_size": "10",
}


def metadata_for(db_path: Path, metadata_file: Path) -> Path:
    """metadata.yml as it applies to ``db_path``: the file itself, or a re-keyed JSON copy."""
    name = Path(db_path).stem
    if name == METADATA_DATABASE:
        return metadata_file
    metadata = yaml.safe_load(metadata_file.read_text(encoding="utf-8")) or {}
    databases = metadata.get("databases") or {}
    if METADATA_DATABASE in databases:
        databases[name] = databases.pop(METADATA_DATABASE)
    text = json.dumps(metadata, ensure_ascii=False, indent=1)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"planarkiv-metadata-{digest}.json"
    if not target.exists():  # written beside and renamed, so a second serve never reads half a file
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    return target


def datasette_args(db_path: Path, port: int, metadata_file: Path | None) -> list[str]:
    """``datasette serve`` arguments: immutable (read-only), loopback, the Danish templates, metadata, the
    PDFs as /pdf/."""
    args = ["serve", "--immutable", str(db_path), "--host", HOST, "--port", str(port),
            "--template-dir", str(TEMPLATES)]
    if metadata_file:
        args += ["--metadata", str(metadata_for(db_path, metadata_file))]
    pdfs = pdf_dir(db_path)
    if pdfs.is_dir():
        args += ["--static", f"{MOUNT}:{pdfs}"]
    for name, value in SETTINGS.items():
        args += ["--setting", name, value]
    return args
