"""Helpers shared by test modules: small hand-made records and files for the publishing, search and API tests
(no parser involved), and pdfplumber's pages of a PDF read once per session."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
import time
import urllib.request
from functools import cache
from pathlib import Path
from typing import IO

import pdfplumber
import pytest
from datasette.app import Datasette
from pdfplumber.page import Page
from reportlab import rl_config
from reportlab.pdfgen import canvas

from planarkiv.schema import (
    Amount,
    Document,
    DocumentKind,
    Extraction,
    FundingKind,
    Goal,
    GoalKind,
    Initiative,
    InitiativeStatus,
    Office,
    OfficeKind,
    Provenance,
    Relation,
    RelationType,
    TargetGroup,
)


def fake_pdf(folder: Path, name: str, body: bytes) -> tuple[Path, str]:
    path = folder / name
    path.write_bytes(b"%PDF-1.4\n" + body)
    return path, hashlib.sha256(path.read_bytes()).hexdigest()


def sample_extraction(sha256: str, source_file: str, year: int = 2010) -> Extraction:
    doc_id = sha256[:16]
    doc = Document(id=doc_id, kind=DocumentKind.INITIATIVE_SHEET, title="Bilag 1, udmøntningsplan for 2010",
                   year=year, source_file=source_file, sha256=sha256, pages=3)

    def at(page: int) -> Provenance:
        return Provenance(document_id=doc_id, page=page)

    initiatives = [
        Initiative(id=f"{doc_id}-i1", number="1.4", title="Bedre samarbejde med a-kasser via jobklubber",
                   status=InitiativeStatus.PLANNED, purpose="Jobklubberne skal tilbyde ledige et netværk.",
                   provenance=at(3)),
        Initiative(id=f"{doc_id}-i2", number="1.5", title="Styrket indsats for syge borgere",
                   status=InitiativeStatus.PLANNED,
                   target_description="Sygemeldte kontanthjælpsmodtagere i matchgruppe 3 og 4.",
                   provenance=at(2)),
        Initiative(id=f"{doc_id}-i3", number="2.1", title="Mentorordning for nyuddannede",
                   status=InitiativeStatus.PLANNED, description="Akademikerne får en mentor.",
                   provenance=at(1)),
    ]
    goals = [Goal(id=f"{doc_id}-g1", kind=GoalKind.RESULT_TARGET, text="70 pct. er ude af offentlig "
                  "forsørgelse efter endt forløb i jobklubberne.", initiative_id=f"{doc_id}-i1",
                  provenance=at(3))]
    amounts = [
        Amount(id=f"{doc_id}-a1", text="2,8 mio. kr. årligt på indsats i 2027-2030", value_dkk=2_800_000,
               initiative_id=f"{doc_id}-i1", per_year=True, year_from=2027, year_to=2030,
               funding=FundingKind.INDSATS, provenance=at(3)),
        Amount(id=f"{doc_id}-a2", text="heraf 1 mio. kr.", value_dkk=1_000_000, part_of=f"{doc_id}-a1",
               initiative_id=f"{doc_id}-i1", provenance=at(3)),
        Amount(id=f"{doc_id}-a3", text="uge pris på 700 kr.", value_dkk=700, unit_price=True,
               initiative_id=f"{doc_id}-i1", provenance=at(3)),
        Amount(id=f"{doc_id}-a4", text="5,5 mio. kr.", value_dkk=5_500_000, initiative_id=f"{doc_id}-i2",
               funding=FundingKind.SERVICE, provenance=at(2)),
    ]
    offices = [Office(id="jobcenter-skelbaekgade", name="Jobcenter Skelbækgade", kind=OfficeKind.UNIT),
               Office(id="bif", name="Beskæftigelses- og Integrationsforvaltningen", abbreviation="BIF",
                      kind=OfficeKind.ADMINISTRATION)]
    groups = [TargetGroup(id="dagpengemodtagere", name="dagpengemodtagere")]
    relations = [
        Relation(source_id=f"{doc_id}-i1", target_id="jobcenter-skelbaekgade", type=RelationType.RESPONSIBLE),
        Relation(source_id=f"{doc_id}-i1", target_id="bif", type=RelationType.MENTIONS),
        Relation(source_id=f"{doc_id}-i1", target_id="dagpengemodtagere", type=RelationType.TARGETS),
    ]
    return Extraction(document=doc, goals=goals, initiatives=initiatives, amounts=amounts, offices=offices,
                      target_groups=groups, relations=relations,
                      pages_text=["Mentorordning", "Kontanthjælpsmodtagere", "Jobklubberne i a-kasserne"])


@cache
def pdf_pages(path: Path) -> tuple[Page, ...]:
    """The pages of a PDF as pdfplumber reads them, kept open for the session: the corpus and gold tests
    read the bundled PDFs' pages in many ways."""
    return tuple(pdfplumber.open(path).pages)


@cache
def deduped_pages(path: Path) -> tuple[Page, ...]:
    """The pages with double-printed bold undone by pdfplumber's ``dedupe_chars`` (seconds for a long
    document, so once)."""
    return tuple(page.dedupe_chars() for page in pdf_pages(path))


def wait_for_server(process: subprocess.Popen, base: str, log: IO[bytes], limit: float = 120.0) -> None:
    """Until ``planarkiv serve`` at ``base`` answers; the test fails with the server's output if the
    process ends first or ``limit`` seconds pass."""
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(f"{base}/-/versions.json", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            pytest.fail(f"planarkiv serve did not start:\n{log.read().decode(errors='replace')}")
        time.sleep(0.3)


def rows(db_path: Path, sql: str) -> list[tuple]:
    """The rows ``sql`` reads from the database at ``db_path``."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def one_line_pdf(path: Path | bytes, text: str, compress: bool = False) -> Path:
    """A one-page PDF of one line of text (``path`` may be bytes: a name that is not UTF-8); ``compress``:
    its page a plain Flate stream (no ASCII85 around it)."""
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        pdf = canvas.Canvas(os.fsdecode(path), pageCompression=1 if compress else 0)
        pdf.drawString(72, 720, text)
        pdf.showPage()
        pdf.save()
    finally:
        rl_config.useA85 = a85
    return Path(os.fsdecode(path))


def get_json(datasette: Datasette, path: str) -> dict:
    async def get() -> dict:
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def served(db_path: Path, metadata: dict, *, immutable: bool) -> Datasette:
    files = {"immutables": [str(db_path)]} if immutable else {"files": [str(db_path)]}
    settings = {"facet_time_limit_ms": 10_000, "trace_debug": True}
    return Datasette(**files, metadata=metadata, settings=settings)
