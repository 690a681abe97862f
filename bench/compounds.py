"""Compound search: recall and precision of the search box on the bundled corpus against the truth in
``tests/gold/search/compounds.json``, and what splitting compounds costs the publishing step.

``python -m bench.compounds`` prints the section; ``python -m bench --only compounds`` writes it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import CORPUS, ROOT, Section, ingest_command, progress

sys.path.insert(0, str(ROOT / "tests"))  # the scoring lives beside the truth and the test that holds it
from compound_scoring import HEADER, score, table, totals

ROUNDS = 3

# Publishes the extractions of an ingested database into a new one, in a process of its own so the lemma
# table and the compound lexicon are read as in a real ingest; "lemmas" leaves the compound parts out
# (the index as it was before them). Prints the seconds ``publish`` took.
_PUBLISH = """
import sqlite3, sys, time
from planarkiv.corpus.publish import publish
from planarkiv.graph import relations
from planarkiv.schema import Extraction
if sys.argv[3] == "lemmas":
    import planarkiv.extract.danish.compounds as compounds
    compounds.parts = lambda lemma: ()
with sqlite3.connect(sys.argv[1]) as conn:
    extractions = [Extraction.model_validate_json(j) for (j,) in conn.execute("select json from extractions")]
found = relations(extractions)
start = time.perf_counter()
publish(sys.argv[2], extractions, found)
print(time.perf_counter() - start)
"""


def _publish_seconds(source: Path, folder: Path, index: str) -> float:
    seconds = []
    for round_ in range(ROUNDS):
        out = folder / f"{index}-{round_}.db"
        done = subprocess.run([sys.executable, "-c", _PUBLISH, str(source), str(out), index],
                              capture_output=True, text=True, check=True)
        seconds.append(float(done.stdout.split()[-1]))
    return statistics.median(seconds)


def run() -> Section:
    section = Section("6. Compound search: a word as a part of compounds", HEADER)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "planarkiv.db"
        progress("compounds: ingest of the bundled corpus")
        subprocess.run(ingest_command(sorted(CORPUS.glob("*.pdf")), db), check=True, capture_output=True)
        scores = score(db)
        progress("compounds: publish with and without the compound parts")
        timings = {index: _publish_seconds(db, Path(tmp), index) for index in ("lemmas", "compounds")}
    section.rows = table(scores)
    recall, precision = totals(scores)
    hits = sum(s.hits for s in scores)
    section.notes = [
        f"**Recall {recall:.3f}** ({hits} of {sum(len(s.true) for s in scores)} true matches found), "
        f"**precision {precision:.3f}** ({hits} of {sum(len(s.found) for s in scores)} found are true), "
        f"over {len(scores)} query words; targets 0.95 and 0.95. A match is an initiative of the bundled "
        "corpus (Indsatser, its search box); it is true when one of its words is the query word or has it "
        "as a compound part, by the truth written by reading its words (derivations such as ledighed for "
        "ledig, ungdom for ung count as other words).",
        f"Publishing the bundled corpus (median of {ROUNDS}, each in a new process, lemma table and "
        f"lexicon read in it): {timings['lemmas']:.2f} s with lemmas only, {timings['compounds']:.2f} s "
        "with the compound parts beside them.",
    ]
    return section


if __name__ == "__main__":
    print(run().markdown())
