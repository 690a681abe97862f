"""A document kind is defined once: a sixth kind in a package of its own (a parser module registered
through the ``planarkiv.parsers`` entry point) is detected, parsed, published with its Danish label and
shown by Datasette, with no file of planarkiv edited. Codes have one Danish name wherever they appear."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import sqlite_utils
from datasette.app import Datasette
from reportlab.pdfgen import canvas

from planarkiv.corpus.tables import label_rows, labelled_enums

TOY = '''
from planarkiv.schema import DocumentKind, Extraction, Initiative, InitiativeStatus, Provenance

KIND = DocumentKind.extra("toy_plan", "Legetøjsplan")
VERSION = 1


class ToyParser:
    kind = KIND

    def detect(self, layout):
        return 1.0 if "LEGETØJSPLAN" in layout.text else 0.0

    def parse(self, layout, document):
        lines = [line for line in layout.text.splitlines() if line.startswith("Indsats: ")]
        return Extraction(document=document, initiatives=[
            Initiative(id=f"{document.id}-i{n}", title=line.removeprefix("Indsats: "),
                       status=InitiativeStatus.PLANNED,
                       provenance=Provenance(document_id=document.id, page=1))
            for n, line in enumerate(lines, start=1)])


PARSER = ToyParser()
'''


def _toy_package(folder: Path) -> Path:
    """The package ``toykind`` and its installed metadata (a ``.dist-info`` with the entry point), as pip
    would leave them on the path."""
    (folder / "toykind").mkdir(parents=True)
    (folder / "toykind" / "__init__.py").write_text(TOY, encoding="utf-8")
    info = folder / "toykind-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: toykind\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[planarkiv.parsers]\ntoy = toykind\n", encoding="utf-8")
    return folder


def _toy_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), invariant=1)
    for n, line in enumerate(["LEGETØJSPLAN 2024", "Indsats: Klodser til alle",
                              "Indsats: Dukker i børnehaven"]):
        pdf.drawString(72, 760 - 20 * n, line)
    pdf.save()
    return path


def test_a_sixth_kind_in_its_own_package_is_detected_parsed_published_and_shown(tmp_path: Path) -> None:
    plugins = _toy_package(tmp_path / "site")
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    _toy_pdf(pdfs / "legetoej.pdf")
    db_path = tmp_path / "planarkiv.db"
    planarkiv = Path(sys.executable).with_name("planarkiv")
    env = os.environ | {"PYTHONPATH": str(plugins)}
    result = subprocess.run([str(planarkiv), "ingest", str(pdfs), "--db", str(db_path)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "legetoej.pdf (toy_plan, 2 initiatives)" in result.stdout
    assert "1 documents published" in result.stdout

    db = sqlite_utils.Database(db_path)
    [document] = db["documents"].rows
    assert document["kind"] == "toy_plan"
    assert [(i["title"], i["kind"]) for i in db["initiatives"].rows] == [
        ("Klodser til alle", "toy_plan"), ("Dukker i børnehaven", "toy_plan")]
    assert db["labels"].get("toy_plan") == {"id": "toy_plan", "name": "Legetøjsplan", "kind": "DocumentKind"}

    async def shown() -> dict:
        datasette = Datasette([str(db_path)])
        response = await datasette.client.get("/planarkiv/documents.json?_labels=on&_shape=array")
        return response.json()[0]["kind"]

    assert asyncio.run(shown()) == {"value": "toy_plan", "label": "Legetøjsplan"}


def test_a_code_has_one_danish_name() -> None:
    """``mentions`` is an office role and a relation type, ``proposed`` a status and an amount's role: the
    labels table has one row per code, so each must be named alike wherever it appears."""
    names: dict[str, set[str]] = {}
    for enum in labelled_enums():
        for member in enum:
            names.setdefault(member.value, set()).add(member.label)
    assert {code: found for code, found in names.items() if len(found) > 1} == {}
    assert {row["id"] for row in label_rows()} == set(names)
