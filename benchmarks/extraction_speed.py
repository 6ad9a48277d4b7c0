#!/usr/bin/env python3
"""Extraction speed on one core: whole-pipeline extract() articles/s with per-step timings.

    .venv/bin/python benchmarks/extraction_speed.py --label after [--count 2000] [--corpus DIR]

Generates a realistic corpus with benchmarks/generate_corpus.py (deterministic from --seed)
unless --corpus points at one, reads every file into memory first (disk time is not
extraction time), then runs archive.extraction.extract() over all of them in this one
process. Each step the pipeline calls (decode, layout, places, officials, documents) is
timed where the pipeline calls it, so the steps add up to the whole.

The machine is shared with other busy processes, so the figures that count are CPU time
of this process (time.process_time); wall time is printed beside them.

The run is stored under --label in the JSON block at the end of benchmarks/EXTRACTION.md,
and the table there is re-rendered from every stored run (so "before" and "after" sit side
by side). --profile N prints the N functions with the most own time instead of recording.

--tree DIR measures the archive.extraction package of another checkout with this same script
(an older commit unpacked with `git archive <commit> archive | tar -x -C DIR`; set
DOCUMENT_CATALOG to this repository's fixtures/documents.json, which that copy lacks).
Each run also records the start-up cost a new worker process pays: importing the package
and reading the gazetteer and the document catalog, in a fresh interpreter.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree_from_argv(argv: list[str]) -> Path:
    """--tree must be known before the package is imported."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--tree", type=Path, default=ROOT)
    return early.parse_known_args(argv)[0].tree.resolve()


TREE = _tree_from_argv(sys.argv[1:])
sys.path.insert(0, str(TREE))

from archive.extraction import pipeline  # noqa: E402
from archive.extraction.text import decode  # noqa: E402

REPORT = ROOT / "benchmarks" / "EXTRACTION.md"
STEPS = ("decode", "layout", "places", "officials", "documents")
_RUNS_START, _RUNS_END = "<!-- runs", "runs -->"


class _Clock:
    """Wraps a pipeline step and adds its CPU and wall time per call."""

    def __init__(self, func):
        self.func = func
        self.cpu = 0.0
        self.wall = 0.0

    def __call__(self, *args, **kwargs):
        c, w = time.process_time(), time.perf_counter()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.cpu += time.process_time() - c
            self.wall += time.perf_counter() - w


def corpus_files(*, corpus: Path | None, count: int, seed: int) -> tuple[Path, list[Path]]:
    if corpus is None:
        corpus = Path(os.environ.get("TMPDIR", "/tmp")) / f"extraction-corpus-{count}-{seed}"
    if not (corpus / "truth.jsonl").exists() and not any(corpus.glob("*/*.txt")):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), "--count", str(count),
                        "--seed", str(seed), "--sample", "0", str(corpus)], check=True)
    files = sorted(corpus.glob("*/*.txt")) or sorted(corpus.glob("*.txt"))
    return corpus, files[:count]


def measure(*, blobs: list[tuple[str, bytes]]) -> dict:
    """Run extract() over every blob once; CPU and wall seconds per step and in all."""
    clocks = {"decode": _Clock(decode)}
    names = {"layout": "parse_layout", "places": "find_places", "officials": "find_officials",
             "documents": "find_documents"}
    originals = {attr: getattr(pipeline, attr) for attr in names.values()}
    for step, attr in names.items():
        clocks[step] = _Clock(originals[attr])
        setattr(pipeline, attr, clocks[step])
    # Warm the one-off loads (gazetteer, catalog) so they are not charged to the first article.
    pipeline.extract("Tỉnh ủy Cần Thơ: Nghị quyết 04-NQ/TW\n\nđồng chí Nguyễn Văn A, Bí thư Huyện ủy")
    for clock in clocks.values():
        clock.cpu = clock.wall = 0.0
    failed = 0
    try:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for name, data in blobs:
            try:
                text = clocks["decode"](data)
            except UnicodeDecodeError:
                failed += 1
                continue
            pipeline.extract(text, name=name)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    finally:
        for attr, func in originals.items():
            setattr(pipeline, attr, func)
    n = len(blobs)
    return {
        "articles": n, "undecodable": failed, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
        "articles_per_cpu_s": round(n / cpu, 1), "articles_per_wall_s": round(n / wall, 1),
        "steps": {step: {"cpu_ms": round(clocks[step].cpu / n * 1000, 3), "wall_ms": round(clocks[step].wall / n * 1000, 3),
                         "per_cpu_s": round(n / clocks[step].cpu, 1) if clocks[step].cpu else None}
                  for step in STEPS},
    }


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "load_1min": round(load, 2) if load else None}


def commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


_STARTUP = """
import sys, time
sys.path.insert(0, sys.argv[1])
start = time.process_time()
import archive.extraction
imported = time.process_time()
from archive.extraction.catalog import load_catalog
from archive.extraction.gazetteer import load_gazetteer
load_gazetteer()
load_catalog()
print(imported - start, time.process_time() - imported)
"""


def startup(*, tree: Path, repeat: int = 3) -> dict:
    """CPU ms a fresh process spends importing the package and reading its data (best of `repeat`)."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _STARTUP, str(tree)], capture_output=True, text=True, check=True)
        runs.append([float(x) * 1000 for x in out.stdout.split()])
    best = min(runs, key=sum)
    return {"import_ms": round(best[0], 1), "data_ms": round(best[1], 1)}


def _stored_runs() -> dict:
    if not REPORT.exists():
        return {}
    text = REPORT.read_text(encoding="utf-8")
    start, end = text.find(_RUNS_START), text.find(_RUNS_END)
    if start < 0 or end < 0:
        return {}
    return json.loads(text[start + len(_RUNS_START):end])


def _hand_written() -> str:
    """The notes between the generated table and the stored runs survive a re-render."""
    if not REPORT.exists():
        return ""
    text = REPORT.read_text(encoding="utf-8")
    start, end = text.find("<!-- notes -->"), text.find("<!-- /notes -->")
    return text[start:end + len("<!-- /notes -->")] if start >= 0 and end >= 0 else ""


def render(runs: dict) -> str:
    lines = ["# Extraction speed (one core)", "",
             "Produced by `benchmarks/extraction_speed.py`: `archive.extraction.extract()` over a corpus",
             "written by `benchmarks/generate_corpus.py`, files read into memory first, one process.",
             "Figures are CPU time of that process (`time.process_time`): the machine is shared with other",
             "busy processes, so wall time (in brackets) is higher and noisy. Steps are timed where the",
             "pipeline calls them; articles/s of a step is what that step alone would allow.", ""]
    labels = list(runs)
    if labels:
        first = runs[labels[0]]
        lines += [f"Machine: {first['machine']['cpu']}, {first['machine']['cores']} cores, "
                  f"Python {first['machine']['python']}, {first['machine']['system']}.", ""]
        header = "| | " + " | ".join(f"{label} ({runs[label]['commit']}, {runs[label]['date']})" for label in labels) + " |"
        lines += [header, "|---" * (len(labels) + 1) + "|"]
        lines.append("| corpus | " + " | ".join(f"{runs[x]['corpus']}, {runs[x]['result']['articles']} articles, "
                                                 f"{runs[x]['megabytes']} MB" for x in labels) + " |")
        lines.append("| **whole extract(), articles/s (CPU)** | " + " | ".join(
            f"**{runs[x]['result']['articles_per_cpu_s']:,.0f}** ({runs[x]['result']['articles_per_wall_s']:,.0f} wall)"
            for x in labels) + " |")
        lines.append("| ms per article (CPU) | " + " | ".join(
            f"{runs[x]['result']['cpu_s'] / runs[x]['result']['articles'] * 1000:.2f}" for x in labels) + " |")
        for step in STEPS:
            cells = []
            for x in labels:
                s = runs[x]["result"]["steps"][step]
                rate = f"{s['per_cpu_s']:,.0f}/s" if s["per_cpu_s"] else "-"
                cells.append(f"{s['cpu_ms']:.3f} ms ({s['wall_ms']:.3f} wall), {rate}")
            lines.append(f"| {step} | " + " | ".join(cells) + " |")
        lines.append("| new process: import + gazetteer and catalog (CPU) | " + " | ".join(
            f"{runs[x]['startup']['import_ms']:.0f} + {runs[x]['startup']['data_ms']:.0f} ms" if runs[x].get("startup") else "-"
            for x in labels) + " |")
        lines.append("| load average at start | " + " | ".join(str(runs[x]["machine"]["load_1min"]) for x in labels) + " |")
    notes = _hand_written() or "<!-- notes -->\n<!-- /notes -->"
    lines += ["", notes, "", _RUNS_START, json.dumps(runs, ensure_ascii=False, indent=1), _RUNS_END, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of article files (default: generate one in $TMPDIR)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--label", default="", help="store the run under this label in EXTRACTION.md")
    parser.add_argument("--profile", type=int, default=0, help="print the N functions with the most own time")
    parser.add_argument("--tree", type=Path, default=ROOT, help="measure the package of this checkout (see above)")
    parser.add_argument("--commit", default="", help="commit to record with --tree (default: this checkout's HEAD)")
    args = parser.parse_args(argv)

    corpus, files = corpus_files(corpus=args.corpus, count=args.count, seed=args.seed)
    blobs = [(f.name, f.read_bytes()) for f in files]
    megabytes = round(sum(len(b) for _, b in blobs) / 1e6, 1)
    print(f"{len(blobs)} files, {megabytes} MB from {corpus}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        result = measure(blobs=blobs)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    else:
        result = measure(blobs=blobs)
    print(f"extract(): {result['articles_per_cpu_s']:,.0f} articles/s CPU ({result['articles_per_wall_s']:,.0f} wall), "
          f"{result['cpu_s'] / result['articles'] * 1000:.2f} ms CPU per article")
    for step, s in result["steps"].items():
        print(f"  {step:10s} {s['cpu_ms']:8.3f} ms CPU  {s['wall_ms']:8.3f} ms wall")
    started = startup(tree=TREE)
    print(f"new process: import {started['import_ms']} ms + gazetteer and catalog {started['data_ms']} ms CPU")
    if args.label and not args.profile:
        runs = _stored_runs()
        runs[args.label] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "commit": args.commit or commit(),
                            "corpus": f"generate_corpus.py --count {args.count} --seed {args.seed}"
                            if args.corpus is None else str(args.corpus),
                            "megabytes": megabytes, "machine": machine(), "result": result, "startup": started}
        REPORT.write_text(render(runs), encoding="utf-8")
        print(f"stored as {args.label!r} in {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
