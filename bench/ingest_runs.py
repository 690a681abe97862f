"""(2) ``planarkiv ingest --jobs N`` over many files, and (3) the re-run of an unchanged corpus.

Each ingest is the command itself, in a fresh process on a fresh database, as staff run it: start-up,
hashing, extraction in worker processes, linking and publishing included.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .common import CORPUS, REALWORLD, Section, ingest_command, pdfs, progress, ratio, run_timed


def run() -> list[Section]:
    files = pdfs(CORPUS) + pdfs(REALWORLD)
    cores = os.cpu_count() or 1
    timings: dict[int, float] = {}
    parallel = Section(
        "2. Parallel ingest: `planarkiv ingest --jobs N`",
        ["jobs", "files", "seconds", "speed-up over --jobs 1", "peak RSS of one process (MB)"],
    )
    rerun = Section("3. Re-run of an unchanged corpus",
                    ["ingest", "files", "seconds", "share of the first ingest"])
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in sorted({1, 2, cores}):
            db = Path(tmp) / f"jobs{jobs}.db"
            progress(f"ingest: {len(files)} files with --jobs {jobs}")
            seconds, _, peak = run_timed(ingest_command(files, db, jobs))
            timings[jobs] = seconds
            parallel.rows.append([str(jobs), str(len(files)), f"{seconds:.1f}", ratio(timings[1], seconds),
                                  f"{peak:.0f}"])
            if jobs == 1:
                first = seconds
                progress("ingest: the same files again, unchanged")
                again, _, _ = run_timed(ingest_command(files, db, 1))
                rerun.rows += [["first ingest", str(len(files)), f"{first:.2f}", "100%"],
                               ["re-run, nothing changed", str(len(files)), f"{again:.2f}",
                                f"{100 * again / first:.1f}%"]]
    parallel.notes = [
        f"{len(files)} files: the bundled corpus and the real-world samples (a few of which are unreadable "
        f"on purpose and end as one-line errors). The machine has {cores} logical cores. Exit status of the "
        "runs is ignored here: the unreadable samples make it 1.",
    ]
    rerun.notes = ["The re-run hashes every file, finds each already published, and publishes nothing."]
    return [parallel, rerun]
