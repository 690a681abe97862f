"""Publishing to SQLite: the public tables with keys and indexes, the columns Datasette facets and links
by, the Danish full-text search set up through sqlite-utils, the PDFs beside the database, atomicity,
and metadata.yml covering every table, column and canned query.

Built from small hand-made records (``helpers.sample_extraction``), so these tests do not depend on the
parsers.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
import sqlite_utils
import yaml

from helpers import fake_pdf, sample_extraction
from planarkiv.corpus.publish import publish, publish_lock
from planarkiv.corpus.registry import (
    Rejection,
    load_extraction,
    rejected_hashes,
    stored_documents,
    stored_extractions,
)
from planarkiv.corpus.store import pdf_dir
from planarkiv.corpus.tables import FTS_COLUMNS, TABLES, column_docs
from planarkiv.datasette_plugin import prepare_connection
from planarkiv.graph import relations
from planarkiv.schema import (
    Change,
    ChangedField,
    ChangedRecord,
    ChangeKind,
    Extraction,
    Relation,
    RelationType,
)
from planarkiv.serve import METADATA, datasette_args

PUBLIC = {
    "documents": {"id", "kind", "title", "year", "period_start", "period_end", "source_file", "sha256",
                  "pages"},
    "initiatives": {"id", "document_id", "number", "title", "status", "assessment", "page"},
    "goals": {"id", "document_id", "kind", "number", "text", "target_group", "year", "page"},
    "amounts": {"id", "document_id", "initiative_id", "value_dkk", "value_dkk_max", "text", "year_from",
                "year_to", "per_year", "funding", "page"},
    "offices": {"id", "name", "abbreviation"},
    "initiative_offices": {"initiative_id", "office_id", "role"},
    "relations": {"source_id", "target_id", "type", "score", "evidence"},
}


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Extraction, Path]:
    pdf, sha = fake_pdf(tmp_path, "bilag.pdf", b"sheet")
    extraction = sample_extraction(sha, pdf.name)
    db_path = tmp_path / "planarkiv.db"
    publish(db_path, [extraction], relations([extraction]), sources={sha: pdf})
    return db_path, extraction, pdf


def test_public_tables_keys_and_indexes(published: tuple[Path, Extraction, Path]) -> None:
    db = sqlite_utils.Database(published[0])
    for table, columns in PUBLIC.items():
        assert columns <= set(db[table].columns_dict), table
    assert db["documents"].pks == ["id"] and db["initiatives"].pks == ["id"]
    assert db["initiative_offices"].pks == ["initiative_id", "office_id", "role"]
    fks = {(fk.table, fk.column, fk.other_table) for t in TABLES for fk in db[t].foreign_keys}
    assert {("initiatives", "document_id", "documents"), ("goals", "document_id", "documents"),
            ("amounts", "document_id", "documents"), ("amounts", "initiative_id", "initiatives"),
            ("initiative_offices", "initiative_id", "initiatives"),
            ("initiative_offices", "office_id", "offices"), ("initiatives", "kind", "labels")} <= fks
    # each indexed column first, then the key: a page sorted by the column continues in key order
    indexed = {(t, tuple(ix.columns)) for t in TABLES for ix in db[t].indexes}
    for wanted in [("initiatives", ("kind", "id")), ("initiatives", ("year", "id")),
                   ("initiatives", ("document_id", "id")), ("initiatives", ("assessment", "id")),
                   ("initiative_offices", ("office_id", "initiative_id", "role")),
                   ("amounts", ("funding", "id")), ("goals", ("kind", "id")), ("documents", ("year", "id"))]:
        assert wanted in indexed, wanted


def test_fts5_over_text_and_lemmas(published: tuple[Path, Extraction, Path]) -> None:
    db = sqlite_utils.Database(published[0])
    for table, columns in FTS_COLUMNS.items():
        assert db[table].detect_fts() == f"{table}_fts"
        assert "USING FTS5" in db[f"{table}_fts"].schema
        assert set(columns) <= set(db[f"{table}_fts"].columns_dict)
    row = db["initiatives"].get(published[1].initiatives[0].id)
    assert "jobklub" in row["title_lemmas"].split()
    assert "jobklub" in row["text_lemmas"]


def test_browsing_columns_and_source_links(published: tuple[Path, Extraction, Path]) -> None:
    db_path, extraction, pdf = published
    db = sqlite_utils.Database(db_path)
    sha = extraction.document.sha256
    first = db["initiatives"].get(extraction.initiatives[0].id)
    assert (first["year"], first["kind"]) == (2010, "initiative_sheet")
    assert json.loads(first["offices"]) == ["Beskæftigelses- og Integrationsforvaltningen",
                                            "Jobcenter Skelbækgade"]
    assert json.loads(first["target_groups"]) == ["dagpengemodtagere"]
    assert json.loads(first["funding"]) == ["indsats"]
    assert first["source"] == f"/pdf/{sha}.pdf#page=3"
    assert db["goals"].get(extraction.goals[0].id)["source"] == f"/pdf/{sha}.pdf#page=3"
    assert all(row["source"].startswith(f"/pdf/{sha}.pdf#page=") for row in db["amounts"].rows)
    assert db["documents"].get(extraction.document.id)["source"] == f"/pdf/{sha}.pdf"
    stored = pdf_dir(db_path) / f"{sha}.pdf"
    assert stored.read_bytes() == pdf.read_bytes()
    assert db["labels"].get("continue_unchanged")["name"] == "Videreføres uændret"


def test_money_per_year_counts_nothing_twice(published: tuple[Path, Extraction, Path]) -> None:
    db = sqlite_utils.Database(published[0])
    rows = list(db.query("select year, amount_id, value_dkk from amount_years order by amount_id, year"))
    ids = published[1].document.id
    assert [(r["year"], r["value_dkk"]) for r in rows if r["amount_id"] == f"{ids}-a1"] == [
        (2027, 2_800_000), (2028, 2_800_000), (2029, 2_800_000), (2030, 2_800_000)]
    assert [(r["year"], r["value_dkk"]) for r in rows if r["amount_id"] == f"{ids}-a4"] == [(2010, 5_500_000)]
    assert {r["amount_id"] for r in rows} == {f"{ids}-a1", f"{ids}-a4"}  # no "heraf", no unit price


def test_republish_replaces_and_is_atomic(tmp_path: Path) -> None:
    pdf, sha = fake_pdf(tmp_path, "bilag.pdf", b"sheet")
    db_path = tmp_path / "planarkiv.db"
    extraction = sample_extraction(sha, pdf.name)
    publish(db_path, [extraction], relations([extraction]), sources={sha: pdf})
    reader = sqlite3.connect(db_path)
    before = reader.execute("select count(*) from initiatives").fetchone()[0]
    smaller = extraction.model_copy(update={"initiatives": extraction.initiatives[1:],
                                            "relations": [], "goals": [], "amounts": []})
    publish(db_path, [smaller], relations([smaller]), sources={sha: pdf})
    # The reader that had the old database open still sees the old one, whole.
    assert reader.execute("select count(*) from initiatives").fetchone()[0] == before == 3
    db = sqlite_utils.Database(db_path)
    assert db["initiatives"].count == 2
    assert db["initiative_offices"].count == 0
    assert db.execute("select count(*) from initiatives_fts where initiatives_fts match 'jobklub*'") \
        .fetchone()[0] == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert [p.name for p in pdf_dir(db_path).iterdir()] == [f"{sha}.pdf"]


def test_a_pdf_changed_since_extraction_is_not_stored(tmp_path: Path) -> None:
    pdf, sha = fake_pdf(tmp_path, "bilag.pdf", b"sheet")
    extraction = sample_extraction(sha, pdf.name)
    pdf.write_bytes(b"%PDF-1.4\nchanged")
    publish(tmp_path / "x.db", [extraction], relations([extraction]), sources={sha: pdf})
    assert not (pdf_dir(tmp_path / "x.db") / f"{sha}.pdf").exists()


def metadata() -> dict:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def test_metadata_describes_every_table_and_column(published: tuple[Path, Extraction, Path]) -> None:
    """metadata.yml titles every table and view; the records' column docs describe every column, each
    with a short Danish name before its colon (the plugin's column headings)."""
    db = sqlite_utils.Database(published[0])
    meta = metadata()
    docs = column_docs()
    assert meta["title"] and meta["description_html"]
    database = meta["databases"]["planarkiv"]
    assert database["title"] and database["description_html"]
    tables = database["tables"]
    names = [t for t in db.table_names() if not t.startswith(tuple(f"{f}_fts" for f in FTS_COLUMNS))]
    for name in [*names, *db.view_names()]:
        assert name in tables, f"metadata.yml: no table {name}"
        assert tables[name].get("title"), name
        assert tables[name].get("description") or tables[name].get("description_html"), name
        assert "columns" not in tables[name], f"metadata.yml: {name}: column docs are the records' own"
        missing = set(db[name].columns_dict) - set(docs.get(name, {}))
        assert not missing, f"{name} has no description for {sorted(missing)}"
        assert all(0 < doc.find(":") <= 40 for doc in docs[name].values()), docs[name]
    facets = tables["initiatives"]["facets"]
    assert {"kind", "year", "assessment"} <= {f for f in facets if isinstance(f, str)}
    assert {"offices", "target_groups", "funding"} <= {f["array"] for f in facets if isinstance(f, dict)}
    assert tables["amounts"]["units"] == {"value_dkk": "kr", "value_dkk_max": "kr"}


def test_every_canned_query_runs(published: tuple[Path, Extraction, Path]) -> None:
    conn = sqlite3.connect(published[0])
    prepare_connection(conn)
    queries = metadata()["databases"]["planarkiv"]["queries"]
    assert {"soeg", "indsatser_efter_aar_og_enhed", "penge_efter_aar_og_finansiering",
            "videreforte_indsatser", "enhedens_indsatser", "ministermaal_og_visionsmaal"} <= set(queries)
    params = {"q": "jobklub", "aar": "2010", "enhed": "Skelbækgade", "dokument": ""}
    results = {}
    for name, query in queries.items():
        assert query["title"], name
        results[name] = conn.execute(query["sql"], params).fetchall()
    assert any("Bedre samarbejde med a-kasser via jobklubber" in row for row in results["soeg"])
    titles = [row[1] for row in results["enhedens_indsatser"]]
    assert titles == ["Bedre samarbejde med a-kasser via jobklubber"]
    assert results["indsatser_efter_aar_og_enhed"]


def test_continued_initiatives_read_from_earlier_to_later(tmp_path: Path) -> None:
    old_pdf, old_sha = fake_pdf(tmp_path, "bilag-2010.pdf", b"2010")
    new_pdf, new_sha = fake_pdf(tmp_path, "budget-2027.pdf", b"2027")
    old = sample_extraction(old_sha, old_pdf.name, year=2010)
    new = sample_extraction(new_sha, new_pdf.name, year=2027)
    later, earlier = new.initiatives[0].id, old.initiatives[0].id
    continues = Relation(source_id=later, target_id=earlier, type=RelationType.CONTINUES, score=0.9,
                         evidence="samme indsats")
    new = new.model_copy(update={"relations": [*new.relations, continues]})
    db_path = tmp_path / "planarkiv.db"
    publish(db_path, [old, new], relations([old, new]), sources={old_sha: old_pdf, new_sha: new_pdf})
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    sql = metadata()["databases"]["planarkiv"]["queries"]["videreforte_indsatser"]["sql"]
    # The graph may link the other look-alike initiatives of the two documents as well; this one is ours.
    rows = [dict(row) for row in conn.execute(sql) if row["indsats_id"] == later]
    assert len(rows) == 1
    assert (rows[0]["fra år"], rows[0]["til år"], rows[0]["indsats_id"]) == (2010, 2027, later)
    assert rows[0]["kilde"] == f"/pdf/{old_sha}.pdf#page=3"


def test_serve_is_read_only_on_loopback_with_pdfs_and_metadata(tmp_path: Path) -> None:
    db_path = tmp_path / "arkiv.db"
    sqlite_utils.Database(db_path)["x"].insert({"a": 1})
    pdf_dir(db_path).mkdir()
    args = datasette_args(db_path, 8123, METADATA)
    assert args[:3] == ["serve", "--immutable", str(db_path)]
    assert args[args.index("--host") + 1] == "127.0.0.1" and args[args.index("--port") + 1] == "8123"
    assert args[args.index("--static") + 1] == f"pdf:{pdf_dir(db_path)}"
    rekeyed = yaml.safe_load(Path(args[args.index("--metadata") + 1]).read_text(encoding="utf-8"))
    assert "arkiv" in rekeyed["databases"] and "planarkiv" not in rekeyed["databases"]


def test_registry_keeps_every_extraction_and_versions_follow_the_year(tmp_path: Path) -> None:
    old_pdf, old_sha = fake_pdf(tmp_path, "bilag-2010.pdf", b"2010")
    new_pdf, new_sha = fake_pdf(tmp_path, "bilag-2011.pdf", b"2011")
    old = sample_extraction(old_sha, old_pdf.name, year=2010)
    new = sample_extraction(new_sha, new_pdf.name, year=2011)
    old, new = (e.model_copy(update={"document": e.document.model_copy(update={"series": "bilag"})})
                for e in (old, new))
    db_path = tmp_path / "planarkiv.db"
    publish(db_path, [new], relations([new]))
    publish(db_path, [old], relations([old, new]))
    assert stored_documents(db_path).keys() == {old_sha, new_sha}
    assert load_extraction(db_path, old.document.id) == old
    assert load_extraction(db_path, "0" * 16) is None
    assert sorted(stored_extractions(db_path), key=lambda e: e.document.year) == [old, new]
    db = sqlite_utils.Database(db_path)
    assert {row["year"]: row["version"] for row in db["documents"].rows} == {2010: 1, 2011: 2}


def test_relations_and_changes_are_rewritten_whole(tmp_path: Path) -> None:
    old_pdf, old_sha = fake_pdf(tmp_path, "bilag-2010.pdf", b"2010")
    new_pdf, new_sha = fake_pdf(tmp_path, "bilag-2011.pdf", b"2011")
    old = sample_extraction(old_sha, old_pdf.name, year=2010)
    new = sample_extraction(new_sha, new_pdf.name, year=2011)
    renamed = Change(id="c1", series="bilag", old_document_id=old.document.id,
                     new_document_id=new.document.id, record=ChangedRecord.INITIATIVE,
                     change=ChangeKind.CHANGED, field=ChangedField.TITLE, old_id=old.initiatives[0].id,
                     new_id=new.initiatives[0].id, old_value="Før", new_value="Efter", score=0.9)
    db_path = tmp_path / "planarkiv.db"
    both = relations([old, new])
    publish(db_path, [old, new], both, [renamed])
    db = sqlite_utils.Database(db_path)
    assert [row for row in db["changes"].rows] == [renamed.model_dump(mode="json")]
    fks = {(fk.column, fk.other_table) for fk in db["changes"].foreign_keys}
    assert {("record", "labels"), ("change", "labels"), ("field", "labels"),
            ("new_document_id", "documents")} <= fks
    assert db["relations"].count == len({(r.source_id, r.target_id, r.type) for r in both})
    # A later publish of one document: the whole graph and the whole list of changes are given again.
    publish(db_path, [old], relations([old]))
    db = sqlite_utils.Database(db_path)
    assert db["changes"].count == 0
    assert {(r["source_id"], r["target_id"]) for r in db["relations"].rows} == {
        (r.source_id, r.target_id) for r in old.relations}
    assert db["documents"].count == 2


def test_rejections_are_remembered_only_when_the_file_is_at_fault(tmp_path: Path) -> None:
    db_path = tmp_path / "planarkiv.db"
    errors = [Rejection("tom.pdf", "a" * 64, "empty file (0 bytes)", permanent=True),
              Rejection("stor.pdf", "b" * 64, "took longer than 600 s; skipped", permanent=False)]
    publish(db_path, [], errors=errors)
    assert rejected_hashes(db_path) == {"a" * 64: "empty file (0 bytes)"}
    db = sqlite_utils.Database(db_path)
    assert [(r["file"], r["permanent"]) for r in db["ingest_errors"].rows] == [("tom.pdf", 1),
                                                                                ("stor.pdf", 0)]


def test_publish_removes_temporary_files_of_killed_runs_only(tmp_path: Path) -> None:
    pdf, sha = fake_pdf(tmp_path, "bilag.pdf", b"sheet")
    extraction = sample_extraction(sha, pdf.name)
    db_path = tmp_path / "planarkiv.db"
    dead = subprocess.Popen(["true"])
    dead.wait()
    alive = subprocess.Popen(["sleep", "60"])
    try:
        pdf_dir(db_path).mkdir()
        stale = [tmp_path / f".planarkiv.db.{dead.pid}.tmp", pdf_dir(db_path) / f".{sha}.{dead.pid}.tmp"]
        running = tmp_path / f".planarkiv.db.{alive.pid}.tmp"
        for path in [*stale, running]:
            path.write_bytes(b"half written")
        with publish_lock(db_path):
            publish(db_path, [extraction], relations([extraction]), sources={sha: pdf})
        assert not any(path.exists() for path in stale)
        assert running.exists()
    finally:
        alive.kill()
        alive.wait()
