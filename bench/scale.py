"""(4) Scale: a synthetic corpus of 100 000 initiatives grown from the real records; database size, publish
time and full-text search latency through Datasette's JSON API, beside a ``LIKE '%…%'`` scan.

The corpus: the records of the bundled PDFs (extracted here) are the templates. Each synthetic document
copies a real one under a new id and year; each of its initiatives copies a real initiative with a title
and texts recombined from the real corpus (the template's words with some swapped for other real words,
the texts rebuilt from real sentences in a new order), so the index holds a realistic Danish vocabulary
rather than one repeated text. Relations to offices and target groups follow their template.

Publishing goes through ``corpus.publish.publish`` with the records' own relations (the cross-year lineage
over 100 000 initiatives is not part of this figure). Searches go to ``planarkiv serve`` over HTTP, as the
search box of *Indsatser* asks them (``_search=`` with the page's rows, count and six facets), and without
facets (``_nofacet=1``); the same FTS5 query, Datasette's own SQL for the page, the statements
``planarkiv serve`` runs in its place (``planarkiv/table_search.py``: the count from the FTS index, the
rows of a search with many hits in the year index's order), and the ``LIKE`` scan over the same text
columns run in SQLite directly.
"""

from __future__ import annotations

import gc
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
import yaml

from planarkiv.serve import METADATA

from .common import CORPUS, PLANARKIV, Section, pdfs, progress, stopwatch

INITIATIVES = 100_000
PER_DOCUMENT = 200
QUERIES = 200
# The WHERE that Datasette's table page gives a search (``datasette/filters.py``).
DATASETTE_SEARCH = ("rowid in (select rowid from initiatives_fts "
                    "where initiatives_fts match escape_fts(:search))")
# Datasette's two statements of the *Indsatser* page for a search (``datasette/views/table.py``).
PAGE_ROWS = f"select * from initiatives where {DATASETTE_SEARCH} order by year limit 21"
PAGE_COUNT = f"select count(*) from initiatives where {DATASETTE_SEARCH} "
SEED = 7
TEXT_FIELDS = ("description", "purpose", "target_description", "solution", "course", "results", "economy",
               "assessment_text")


def _real_extractions() -> list:
    from planarkiv.extract.pipeline import extract

    return [extract(path) for path in pdfs(CORPUS)]


def _sentences(extractions: list) -> list[str]:
    found = []
    for ex in extractions:
        for initiative in ex.initiatives:
            for name in TEXT_FIELDS:
                text = getattr(initiative, name) or ""
                found += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]
    return found


def _vary(text: str, words: list[str], rng: random.Random, share: float) -> str:
    tokens = text.split()
    for i in range(len(tokens)):
        if tokens[i].isalpha() and rng.random() < share:
            tokens[i] = rng.choice(words)
    return " ".join(tokens)


def synthetic_corpus(real: list, total: int) -> list:
    rng = random.Random(SEED)
    sentences = _sentences(real)
    words = sorted({w for s in sentences for w in re.findall(r"[^\W\d_]{4,}", s)})
    templates = [ex for ex in real if ex.initiatives]
    extractions = []
    for d in range(total // PER_DOCUMENT):
        source = templates[d % len(templates)]
        digest = f"{d:016x}" + "0" * 48
        doc_id = digest[:16]
        document = source.document.model_copy(update={
            "id": doc_id, "sha256": digest, "source_file": f"syntetisk-{d}.pdf",
            "year": 2008 + d % 22, "title": _vary(source.document.title, words, rng, 0.3)})
        initiatives, relations = [], []
        for n in range(PER_DOCUMENT):
            template = rng.choice(source.initiatives)
            new_id = f"{doc_id}-i{n + 1}"
            fields = {name: " ".join(rng.sample(sentences, rng.randint(1, 3))) if getattr(template, name)
                      else None for name in TEXT_FIELDS}
            initiatives.append(template.model_copy(update={
                "id": new_id, "title": _vary(template.title, words, rng, 0.25), **fields}))
            relations += [r.model_copy(update={"source_id": new_id}) for r in source.relations
                          if r.source_id == template.id]
        extractions.append(source.model_copy(update={
            "document": document, "initiatives": initiatives, "relations": relations, "goals": [],
            "amounts": [], "sections": [], "pages_text": []}))
    return extractions


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def _timed(call, queries: list[str]) -> list[float]:
    samples = []
    for q in queries:
        with stopwatch() as t:
            call(q)
        samples.append(t[0])
    return samples


def run() -> Section:
    from planarkiv.corpus.publish import publish
    from planarkiv.corpus.search import fts_query
    from planarkiv.corpus.tables import FTS_COLUMNS
    from planarkiv.datasette_plugin import MMAP_BYTES
    from planarkiv.table_search import faster, new_schema

    progress("scale: extracting the bundled corpus for templates")
    real = _real_extractions()
    progress(f"scale: growing a synthetic corpus of {INITIATIVES} initiatives")
    extractions = synthetic_corpus(real, INITIATIVES)
    relations = [r for ex in extractions for r in ex.relations]
    section = Section(f"4. Scale: {INITIATIVES:,} synthetic initiatives".replace(",", " "),
                      ["measure", "value"])
    rng = random.Random(SEED)
    words = sorted({w.lower() for s in _sentences(real) for w in re.findall(r"[^\W\d_]{5,}", s)})
    queries = [" ".join(rng.sample(words, 1 if i % 4 else 2)) for i in range(QUERIES)]
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "scale.db"
        progress("scale: publishing")
        with stopwatch() as t_publish:
            publish(db_path, extractions, relations)
        # The searches' client (this process) keeps nothing of the corpus: a collection walking its millions
        # of objects would stall a request and be counted as the server's latency.
        del extractions, relations
        gc.collect()
        size = db_path.stat().st_size / 2**20
        conn = sqlite3.connect(db_path)
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")  # as the server reads it
        conn.create_function("escape_fts", 1, fts_query, deterministic=True)
        count = conn.execute("select count(*) from initiatives").fetchone()[0]
        columns = [c for c in FTS_COLUMNS["initiatives"] if not c.endswith("_lemmas")]
        like = " or ".join(f"{c} like :p" for c in columns)

        def fts(q: str) -> None:
            match = {"q": fts_query(q)}
            conn.execute("select count(*) from initiatives_fts where initiatives_fts match :q",
                         match).fetchone()
            conn.execute("select i.id, i.title from initiatives_fts f join initiatives i "
                         "on i.rowid = f.rowid where initiatives_fts match :q order by rank limit 20",
                         match).fetchall()

        def page_sql(q: str) -> None:
            search = {"search": q}
            conn.execute(PAGE_ROWS, search).fetchall()
            conn.execute(PAGE_COUNT, search).fetchone()

        schema = new_schema()

        def served_sql(q: str) -> None:
            # As ``planarkiv serve`` answers the same two statements, choosing the plan included.
            search = {"search": q}
            conn.execute(faster(conn, schema, PAGE_ROWS, search), search).fetchall()
            conn.execute(faster(conn, schema, PAGE_COUNT, search), search).fetchone()

        def scan(q: str) -> None:
            pattern = {"p": f"%{q}%"}
            conn.execute(f"select count(*) from initiatives where {like}", pattern).fetchone()
            conn.execute(f"select id, title from initiatives where {like} limit 20", pattern).fetchall()

        progress("scale: FTS5 and LIKE in SQLite directly")
        fts_samples = _timed(fts, queries)
        page_samples = _timed(page_sql, queries)
        served_samples = _timed(served_sql, queries)
        scan_samples = _timed(scan, queries[:40])
        conn.close()
        port = _free_port()
        progress(f"scale: planarkiv serve on port {port}, {QUERIES} searches through the JSON API")
        started = time.perf_counter()
        server = subprocess.Popen([str(PLANARKIV), "serve", "--db", str(db_path), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}/{db_path.stem}/initiatives.json"
            with httpx.Client(timeout=60) as client:
                _wait(client, f"http://127.0.0.1:{port}/-/versions.json")
                start_seconds = time.perf_counter() - started
                with stopwatch() as t_first:
                    first = client.get(base, params={"_search": "jobklub", "_size": 20})
                rows = first.json().get("filtered_table_rows_count") if first.status_code == 200 else None

                facets = yaml.safe_load(METADATA.read_text(encoding="utf-8"))[
                    "databases"]["planarkiv"]["tables"]["initiatives"]["facets"]
                timed_out, hit_counts, failed = [], [], []

                def api(q: str, **extra: str) -> None:
                    response = client.get(base, params={"_search": q, "_size": 20, **extra})
                    if response.status_code != 200:
                        failed.append(_error(response))
                        return
                    if "_nofacet" in extra:
                        return
                    page = response.json()
                    hit_counts.append(page["filtered_table_rows_count"])
                    # A facet whose query runs past its time limit is left out of facet_results.
                    if len(page["facet_results"]) < len(facets):
                        timed_out.append(q)

                api_samples = _timed(api, queries)
                bare_samples = _timed(lambda q: api(q, _nofacet="1"), queries)
        finally:
            server.terminate()
            server.wait(timeout=30)
    rows_out = [
        ["initiatives in the database", f"{count}"],
        ["database size", f"{size:.0f} MB"],
        ["publish time (records, lemmas, FTS5 index)", f"{t_publish[0]:.1f} s"],
        ["`planarkiv serve` start until it answers (loads spaCy, reads the facet columns of *Indsatser*)",
         f"{start_seconds:.1f} s"],
        ["first search after start",
         f"{t_first[0] * 1000:.0f} ms ({rows} hits for 'jobklub')"],
        ["searches of the *Indsatser* page where a facet ran past its time limit and was left out",
         f"{len(timed_out)} of {QUERIES}"],
        ["searches answered with an error instead of a page (their time counts below as well)",
         f"{len(failed)} of {2 * QUERIES}" + "".join(f"; {n} x {e}" for e, n in Counter(failed).items())],
    ]
    for label, samples in [
        ("search through Datasette's JSON API, as the *Indsatser* page (with its facets)", api_samples),
        ("search through Datasette's JSON API, `_nofacet=1`", bare_samples),
        ("the same FTS5 query in SQLite directly (count + first 20)", fts_samples),
        ("Datasette's own two queries for the *Indsatser* page in SQLite directly (20 rows sorted by year "
         "+ count)", page_samples),
        ("the statements `planarkiv serve` runs in their place (`planarkiv/table_search.py`: the count from "
         "the FTS index, many hits read in the year index's order), in SQLite directly", served_samples),
        ("`LIKE '%…%'` scan of the same text columns in SQLite (count + first 20)", scan_samples),
    ]:
        p50, p95 = _percentiles(samples)
        rows_out.append([f"{label}: p50 / p95", f"{p50:.1f} ms / {p95:.1f} ms"])
    section.rows = rows_out
    hits = sorted(hit_counts)
    section.notes = [f"{QUERIES} searches of one or two real words (seeded), after one warm-up search; the "
                     f"LIKE scan over the first {len(scan_samples)} of them. A search matches "
                     f"{hits[len(hits) // 2]} initiatives at the median and {hits[len(hits) * 95 // 100]} at "
                     "the 95th percentile. Datasette's SQL for the *Indsatser* page runs the search once for "
                     "its rows (sorted by year: every hit looked up and read) and once for its count (every "
                     "hit looked up by rowid); `planarkiv serve` runs cheaper statements with the same "
                     "result in their place (`planarkiv/table_search.py`), and the rowids its six facets "
                     "count come straight from the FTS index (in memory, `planarkiv/search_facets.py`); the "
                     "facets are left out of the page if that query runs past Datasette's "
                     "`sql_time_limit_ms` (1 s). The SQLite rows are what the page costs before any facet, "
                     "HTTP or Datasette's own work."]
    return section


def _error(response: httpx.Response) -> str:
    """What Datasette said, as text: ``400: SQL query took too long``."""
    try:
        text = response.json().get("error", "")
    except ValueError:
        text = response.text
    return f"{response.status_code}: " + re.sub(r"<[^>]+>", "", text).split(".")[0].strip()


def _wait(client: httpx.Client, url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("planarkiv serve did not start")
