"""The ``planarkiv`` command line.

Heavy libraries are imported inside the commands that need them: ``planarkiv ingest`` of an unchanged
batch must answer at once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from planarkiv.extract import OCR_MODES, OcrMode
from planarkiv.extract.errors import file_text
from planarkiv.ingest import DEFAULT_JOBS, DEFAULT_TIMEOUT, Outcome, extract_new, publish_batch, survey

if TYPE_CHECKING:
    from planarkiv.schema import Change, Decision, Extraction

DEFAULT_PORT = 8001


def _ocr_option(command: Callable) -> Callable:
    return click.option(
        "--ocr", "ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
        help="OCR with Tesseract: pages with an image and no glyphs (auto), every page (force), none (off).",
    )(command)


def _metadata_file() -> Path:
    """metadata.yml of the working directory, else the one installed with planarkiv."""
    from planarkiv.serve import METADATA

    here = Path.cwd() / "metadata.yml"
    return here if here.is_file() else METADATA


@click.group()
@click.version_option(package_name="planarkiv")
def main() -> None:
    """planarkiv: the employment administration's plans as records, a graph and a database."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database to publish to (created if missing).")
@click.option("--jobs", default=DEFAULT_JOBS, show_default=True, type=click.IntRange(min=1),
              help="Documents extracted at once, each in its own process.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True,
              type=click.FloatRange(min=0, min_open=True),
              help="Seconds one document may take (its OCR included); a slower one is skipped with a reason.")
@click.option("--reextract/--no-reextract", default=None,
              help="Extract every published document again / none of them. Default: those another "
                   "planarkiv version or another version of their parser extracted.")
@_ocr_option
def ingest(paths: tuple[Path, ...], db_path: Path, jobs: int, timeout: float, reextract: bool | None,
           ocr: OcrMode) -> None:
    """Extract, link and publish PDFs (a folder means every PDF in it; none: only read again what the
    installed planarkiv reads differently).

    A file already published (same bytes) is skipped, unless the installed planarkiv extracts it
    differently: a document of the database extracted by another planarkiv version or another version of
    its parser is extracted again (from the file named, else from its PDF kept beside the database) and
    replaces its old extraction, which stays when that fails. One line per file: ``extracted`` as each is
    read, ``ok`` (or ``re-extracted``, followed by one line per change, or ``unchanged``) once the database
    holding it is published, ``skipped`` or ``error`` (on stderr); on a terminal a progress bar instead of
    the ``extracted`` lines. Each page OCR'd is told as it begins (``ocr: f: page 3 of 12``, or in the
    progress bar). Exit status 1 when a file or the publish failed.
    """
    from planarkiv.corpus.registry import PublishError

    def report(outcome: Outcome) -> None:
        click.echo(outcome.line(published=False), err=outcome.status == "error")

    def reading(path: Path, page: int, pages: int) -> None:
        click.echo(f"ocr: {file_text(path)}: page {page} of {pages}")

    batch = survey(paths, db_path, ocr, reextract)
    for outcome in batch.decided:
        report(outcome)
    if sys.stdout.isatty() and len(batch.to_extract) > 1:
        with click.progressbar(length=len(batch.to_extract), label="Extracting",
                               item_show_func=lambda name: name) as bar:
            def advance(outcome: Outcome) -> None:
                bar.update(1, file_text(outcome.path.name))

            def reading_in_bar(path: Path, page: int, pages: int) -> None:
                bar.current_item = f"{file_text(path.name)}: OCR page {page} of {pages}"
                bar.render_progress()

            extractions, extracted = extract_new(batch, jobs, timeout, advance, ocr, reading_in_bar)
        for outcome in extracted:
            if outcome.status == "error":
                report(outcome)
    else:
        extractions, extracted = extract_new(batch, jobs, timeout, report, ocr, reading)
    outcomes = [*batch.decided, *extracted]
    try:
        changed, not_applied = publish_batch(batch, extractions, outcomes)
    except PublishError as exc:
        click.echo(f"error: {exc}; nothing was published", err=True)
        sys.exit(1)
    for outcome in extracted:
        if outcome.status == "ok":
            click.echo(outcome.line())
        if outcome.sha256 in changed:
            rows = [_change_row(change) for change in changed[outcome.sha256]]
            for row in rows or [["unchanged"]]:
                click.echo("  " + "  ".join(row))
    failed = sum(outcome.status == "error" for outcome in outcomes)
    skipped = sum(outcome.status == "skipped" for outcome in outcomes)
    again = f" ({len(changed)} extracted again)" if changed else ""
    click.echo(f"{len(extractions)} documents published to {file_text(db_path)}{again}, {skipped} skipped, "
               f"{failed} failed")
    if not_applied:
        click.echo(f"warning: {len(not_applied)} decisions not applied (kept; see Beslutninger): "
                   + "; ".join(f"#{d.id} {d.action.value} {d.record_id}: {d.status}" for d in not_applied))
    if failed:
        sys.exit(1)


@main.command("extract")
@click.argument("pdf", type=click.Path(path_type=Path))
@_ocr_option
def extract_command(pdf: Path, ocr: OcrMode) -> None:
    """Print the records of one PDF as JSON (what pdfminer says about damage: on stderr, naming the file)."""
    extraction = _extracted(pdf, ocr)
    click.echo(extraction.model_dump_json(indent=2))


@main.command("debug-layout")
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page", "page_number", default=1, show_default=True, type=click.IntRange(min=1),
              help="Page to draw (1 = the first).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="PNG to write (default: <file>-p<N>-layout.png in the working folder).")
@click.option("--resolution", default=100, show_default=True, type=click.IntRange(min=36, max=400))
def debug_layout_command(pdf: Path, page_number: int, output: Path | None, resolution: int) -> None:
    """Draw what the layout layer made of a page: paragraphs numbered in reading order, lines, bullets,
    running headers, footnotes and ruling lines, over the page image."""
    from planarkiv.extract.debug import draw_layout
    from planarkiv.extract.errors import ExtractionError

    target = output or Path(f"{pdf.stem}-p{page_number}-layout.png")
    try:
        click.echo(draw_layout(pdf, page_number, target, resolution))
    except (ExtractionError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the records."""
    from planarkiv import schema

    click.echo(json.dumps(schema.json_schema(), indent=2, ensure_ascii=False))


@main.command("graph")
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["graphml", "json"]), default="graphml", show_default=True,
              help="GraphML (Gephi, yEd) or node-link JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: stdout).")
def graph_command(db_path: Path, fmt: str, output: Path | None) -> None:
    """Export the graph of a database: documents, goals, initiatives, offices, target groups, relations."""
    from planarkiv.graph import load_graph, to_graphml, to_json

    graph = load_graph(db_path)
    text = to_graphml(graph) if fmt == "graphml" else to_json(graph)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--db", "db_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read OLD and NEW as document ids of this database instead of PDF files.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def diff_command(old: str, new: str, db_path: Path | None, as_json: bool) -> None:
    """The changes from version OLD to version NEW of a document: two PDF files, or with --db two
    document ids. One line per change (change, record, field, record id, old -> new), or JSON."""
    from planarkiv.graph.diff import diff

    if not db_path:
        for ref in (old, new):
            if not Path(ref).exists():
                raise click.BadParameter(f"{ref}: no such PDF file (use --db to name document ids)")
    changes = diff(*(_stored(db_path, ref) if db_path else _extracted(ref) for ref in (old, new)))
    if as_json:
        click.echo(json.dumps([c.model_dump(mode="json") for c in changes], indent=2, ensure_ascii=False))
        return
    rows = [_change_row(change) for change in changes]
    widths = [max(len(row[i]) for row in rows) for i in range(4)] if rows else []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        click.echo("  ".join([*cells, row[4]]))
    click.echo(f"{len(changes)} changes")


def _change_row(change: Change) -> list[str]:
    """Change, record and field in Danish (as Datasette shows them), the record's id, and what changed."""
    labels = [code.label if code else "-" for code in (change.change, change.record, change.field)]
    old, new = change.old_value or "-", change.new_value or "-"
    shown = {"added": new, "removed": old}.get(change.change, f"{old} → {new}")
    return [*labels, change.new_id or change.old_id or "-", shown]


def _extracted(pdf: str | Path, ocr: OcrMode = "auto") -> Extraction:
    """The extraction of one PDF for a command: one line naming the file when it cannot be read (what it
    is, when it is not a file), and pdfminer's warnings about damage as one line naming it."""
    from planarkiv.damage import collected, summary
    from planarkiv.extract import ExtractionError, extract

    path = Path(pdf)
    try:
        with collected() as warnings:
            extraction = extract(path, ocr)
    except ExtractionError as exc:
        raise click.ClickException(f"{file_text(path)}: {exc.reason}") from exc
    damage = summary(warnings)
    if damage:
        click.echo(f"warning: {file_text(path)}: damaged: {damage}", err=True)
    return extraction


def _stored(db_path: Path, document_id: str) -> Extraction:
    from planarkiv.corpus.registry import load_extraction

    extraction = load_extraction(db_path, document_id)
    if extraction is None:
        raise click.ClickException(f"{db_path}: no document with id {document_id}")
    return extraction


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
def serve(db_path: Path, port: int) -> None:
    """Browse the database in Datasette on 127.0.0.1, read-only, with its PDFs."""
    from planarkiv.serve import datasette_args

    args = datasette_args(db_path, port, _metadata_file())
    datasette = Path(sys.executable).with_name("datasette")
    os.execv(datasette, [str(datasette), *args])


_DB = click.option("--db", "db_path", required=True, help="The planarkiv database.",
                   type=click.Path(exists=True, dir_okay=False, path_type=Path))
_WHY = click.option("--why", help="Why: the reason, for whoever reads the decision later.")
_WHO = click.option("--who", help="Who decided (default: the user logged in).")


def _decided(decide: Callable[[], Decision]) -> None:
    """Make a decision and print it; a wrong id, field or value, or a database that cannot be written, is
    one line."""
    from planarkiv.corpus.decisions import DecisionError
    from planarkiv.corpus.registry import PublishError

    try:
        decision = decide()
    except (DecisionError, PublishError) as exc:
        raise click.ClickException(str(exc)) from exc
    ids = " ".join(i for i in (decision.record_id, decision.other_id) if i)
    change = f" {decision.field} = {decision.value}" if decision.field else ""
    click.echo(f"decision #{decision.id}: {decision.action.label.lower()}: {ids}{change}, by {decision.who} "
               f"({decision.status})")


@main.group()
def link() -> None:
    """Review the lineage: the candidate links under the automatic threshold, and confirming or rejecting
    a link between two initiatives of different years (kept through every re-ingest)."""


@link.command("confirm")
@click.argument("a")
@click.argument("b")
@_DB
@_WHY
@_WHO
def link_confirm(a: str, b: str, db_path: Path, why: str | None, who: str | None) -> None:
    """Initiatives A and B are one effort: the later continues the earlier (either order)."""
    from planarkiv.library import Library

    _decided(lambda: Library(db_path).confirm(a, b, why=why, who=who))


@link.command("reject")
@click.argument("a")
@click.argument("b")
@_DB
@_WHY
@_WHO
def link_reject(a: str, b: str, db_path: Path, why: str | None, who: str | None) -> None:
    """Initiatives A and B are not one effort: no link between them, whatever the lineage finds."""
    from planarkiv.library import Library

    _decided(lambda: Library(db_path).reject(a, b, why=why, who=who))


@link.command("candidates")
@_DB
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1),
              help="How many to list.")
def link_candidates(db_path: Path, limit: int) -> None:
    """The links to review, best first: the later and the earlier initiative (year, title, id), the score
    and the reason."""
    from planarkiv.library import Library

    found = Library(db_path).candidates(limit)
    for c in found:
        click.echo(f"{c.score:.2f}  {c.later_year} {c.later_title} [{c.later_id}]")
        click.echo(f"   <- {c.earlier_year} {c.earlier_title} [{c.earlier_id}]")
        click.echo(f"      {c.reason}")
    click.echo(f"{len(found)} candidates (decide: planarkiv link confirm/reject --db {file_text(db_path)} "
               "LATER EARLIER)")


@main.command("correct")
@click.argument("record_id", metavar="ID")
@click.argument("field")
@click.argument("value")
@_DB
@click.option("--office", help="With FIELD role: the office (id, name or abbreviation) whose role it is.")
@_WHY
@_WHO
def correct_command(record_id: str, field: str, value: str, db_path: Path, office: str | None,
                    why: str | None, who: str | None) -> None:
    """Correct FIELD of record ID (an initiative, goal, amount, document, section, office or target group)
    to VALUE, through every re-ingest; an office's role on an initiative: FIELD role, VALUE responsible
    or mentions, with --office."""
    from planarkiv.library import Library

    _decided(lambda: Library(db_path).correct(record_id, field, value, office=office, why=why, who=who))
