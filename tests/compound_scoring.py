"""Recall and precision of the search box on Danish compounds, against ``gold/search/compounds.json``.

For each query word the truth names the words of the bundled corpus' initiatives in which the query is
the word itself or a compound part; an initiative holding one of them should be found, any other found
initiative is a false match (a chance string, "arm" in "armod", or a derivation, "ledig" in "ledighed").
``tests/test_compounds.py`` holds the figures to their targets; ``bench/compounds.py`` prints them.
Run as ``python tests/compound_scoring.py DB`` to print the table for an ingested database.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from planarkiv.corpus.tables import TABLES
from planarkiv.datasette_plugin import prepare_connection

GOLD = Path(__file__).parent / "gold" / "search" / "compounds.json"
RECALL_TARGET = PRECISION_TARGET = 0.95


@dataclass
class QueryScore:
    query: str
    true: set[str]  # initiatives that hold a true word
    found: set[str]  # initiatives the search box lists
    # a false match -> its words that hold the query's letters
    false_words: dict[str, list[str]] = field(default_factory=dict)

    @property
    def hits(self) -> int:
        return len(self.true & self.found)


def _texts(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Initiative id -> the lower-case words of its searched text (the lemma columns left out)."""
    columns = [c for c in TABLES["initiatives"].searched() if not c.endswith("_lemmas")]
    rows = conn.execute(f"select id, {', '.join(columns)} from initiatives").fetchall()
    return {row[0]: re.findall(r"\w+", " ".join(v for v in row[1:] if v).lower()) for row in rows}


def score(db_path: Path) -> list[QueryScore]:
    """One score per query of the gold, the search as Datasette's search box runs it."""
    queries = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]
    conn = sqlite3.connect(db_path)
    prepare_connection(conn)
    texts = _texts(conn)
    scores = []
    for query, truth in queries.items():
        true_words = set(truth["true"])
        found = {row[0] for row in conn.execute(
            "select id from initiatives where rowid in (select rowid from initiatives_fts "
            "where initiatives_fts match escape_fts(?))", [query])}
        result = QueryScore(query, {i for i, words in texts.items() if true_words & set(words)}, found)
        result.false_words = {i: sorted({w for w in texts[i] if query in w}) for i in found - result.true}
        scores.append(result)
    return scores


def totals(scores: list[QueryScore]) -> tuple[float, float]:
    """Recall and precision over all queries' initiatives (each query's matches counted once)."""
    hits = sum(s.hits for s in scores)
    true = sum(len(s.true) for s in scores)
    found = sum(len(s.found) for s in scores)
    return hits / true if true else 1.0, hits / found if found else 1.0


def table(scores: list[QueryScore]) -> list[list[str]]:
    """Rows of query, true matches, found, found and true, missed, false matches (with their words)."""
    rows = []
    for s in scores:
        false = "; ".join(", ".join(words) or "(no word with the letters)"
                          for words in sorted(s.false_words.values()))
        false_count = str(len(s.found - s.true)) + (f" ({false})" if false else "")
        rows.append([f"`{s.query}`", str(len(s.true)), str(len(s.found)), str(s.hits),
                     str(len(s.true - s.found)), false_count])
    return rows


HEADER = ["query", "true matches", "found", "found and true", "missed", "false matches (their words)"]

if __name__ == "__main__":
    results = score(Path(sys.argv[1]))
    print("| " + " | ".join(HEADER) + " |")
    for row in table(results):
        print("| " + " | ".join(row) + " |")
    recall, precision = totals(results)
    print(f"\nrecall {recall:.3f}, precision {precision:.3f}")
