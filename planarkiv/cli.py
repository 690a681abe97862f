"""The ``planarkiv`` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from planarkiv import schema
from planarkiv.extract import ExtractionError, extract
from planarkiv.ingest import ingest as run_ingest
from planarkiv.serve import datasette_args

DEFAULT_PORT = 8001


def _metadata_file() -> Path | None:
    """metadata.yml of the working directory, else of the source checkout planarkiv runs from."""
    for candidate in (Path.cwd() / "metadata.yml", Path(__file__).resolve().parents[1] / "metadata.yml"):
        if candidate.is_file():
            return candidate
    return None


@click.group()
@click.version_option(package_name="planarkiv")
def main() -> None:
    """planarkiv: the employment administration's plans as records, a graph and a database."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database to publish to (created if missing).")
def ingest(paths: tuple[Path, ...], db_path: Path) -> None:
    """Extract, link and publish PDFs (a folder means every PDF in it)."""

    def report(path: Path, error: str | None) -> None:
        if error:
            click.echo(f"error: {error}", err=True)
        else:
            click.echo(f"ok: {path}")

    result = run_ingest(paths, db_path, on_file=report)
    click.echo(f"{len(result.extracted)} documents published to {db_path}, {len(result.errors)} failed")
    if result.errors:
        sys.exit(1)


@main.command("extract")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def extract_command(pdf: Path) -> None:
    """Print the records of one PDF as JSON."""
    try:
        extraction = extract(pdf)
    except ExtractionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(extraction.model_dump_json(indent=2))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the records."""
    click.echo(json.dumps(schema.json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
def serve(db_path: Path, port: int) -> None:
    """Browse the database in Datasette on 127.0.0.1, read-only, with its PDFs."""
    args = datasette_args(db_path, port, _metadata_file())
    datasette = Path(sys.executable).with_name("datasette")
    os.execv(datasette, [str(datasette), *args])
