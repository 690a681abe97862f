"""What every benchmark shares: the machine, a stopwatch, the paths, and a section of the report."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "planarkiv" / "corpus" / "pdfs"
REALWORLD = ROOT.parent / "shared" / "realworld-pdfs"
VENV_BIN = Path(sys.executable).parent
PLANARKIV = VENV_BIN / "planarkiv"


@dataclass
class Section:
    """One benchmark's part of BENCHMARKS.md: a table of figures and notes on how to read it."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", "| " + " | ".join(self.header) + " |",
                 "|" + "|".join("---" for _ in self.header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        if self.notes:
            lines += ["", *self.notes]
        return "\n".join(lines) + "\n"


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed wall time in seconds."""
    elapsed = [0.0]
    start = time.perf_counter()
    try:
        yield elapsed
    finally:
        elapsed[0] = time.perf_counter() - start


# CPU time that was run or waited to run (idle and iowait are neither; guest time is inside user already).
_WANTED = ("user", "nice", "system", "irq", "softirq", "steal")


@contextmanager
def host_steal() -> Iterator[list[float]]:
    """``with host_steal() as s: ...`` then ``s[0]`` is the share of the CPU time wanted meanwhile (all
    cores, busy or waiting to run) that the hypervisor gave to other guests instead: "steal" in /proc/stat.

    On a shared virtual machine this, not the load average, says how disturbed a figure is: a vCPU that
    wants to run but is not scheduled shows no load of its own, yet every wall time measured then stretches.
    """
    before = psutil.cpu_times()
    share = [0.0]
    try:
        yield share
    finally:
        after = psutil.cpu_times()
        delta = {name: getattr(after, name, 0.0) - getattr(before, name, 0.0) for name in _WANTED}
        wanted = sum(delta.values())
        share[0] = delta["steal"] / wanted if wanted > 0 else 0.0


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = cpu
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- CPU: {model}, {psutil.cpu_count(logical=True)} logical cores",
        f"- memory: {psutil.virtual_memory().total / 2**30:.1f} GiB",
        f"- {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"- load average at the start (1, 5, 15 min): {load}",
    ]


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf") if p.is_file())


def ingest_command(paths: list[Path], db: Path, jobs: int = 1) -> list[str]:
    return [str(PLANARKIV), "ingest", *map(str, paths), "--db", str(db), "--jobs", str(jobs)]


# Runs the command given on its command line and prints its wall time, its exit status and the peak resident
# memory (KB) of the largest of it and the workers it waited for (``RUSAGE_CHILDREN``).
_MEASURED = """
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, status, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_timed(command: list[str]) -> tuple[float, int, float]:
    """Run ``command``; its wall time, exit status and the peak resident memory in MB of the largest
    process it started (itself or a worker).

    The peak is the kernel's own high-water mark, read when the command ends, so nothing polls the command
    meanwhile: a poller takes CPU from it, and on two cores busy with two workers that would be counted
    against ``--jobs 2``. The command is started by a small Python process of its own: a process started
    from this one (large after the scale benchmark) would inherit this one's high-water mark at ``exec``.
    """
    measured = subprocess.run([sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True,
                              check=True)
    seconds, status, peak_kb = measured.stdout.split()
    return float(seconds), int(status), int(peak_kb) / 1024


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"
