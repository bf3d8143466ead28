"""python -m etl — build the warehouse from the raw documents, or measure the extraction.

    python -m etl ingest [RAW_DIR] [--db PATH] [--strict] [--max-mb N] [--quiet]
    python -m etl evaluate GOLD.csv [--raw DIR] [--coverage LABELS.csv] [--corrections FILE] [-v]
    python -m etl synth --n N --out DIR [--seed S]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import settings


def _print_summary(s, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    for note in s.notices:
        p(f"  ? {note}")
    if s.nothing_changed:
        p(f"Nothing changed: {s.unchanged} files as in the last run; warehouse {s.db_path} left as it was "
          f"({s.seconds:.2f} s).")
        for name, err in s.failed[:50]:
            p(f"  ! still failing {name}: {err}")
        return
    p(f"Warehouse {s.db_path} (run {s.run_id}, {s.seconds:.1f} s)")
    p(f"  files seen : {s.files_seen}")
    p(f"  loaded     : {len(s.loaded)}")
    p(f"  unchanged  : {s.unchanged}")
    p(f"  removed    : {len(s.removed)}")
    p(f"  duplicates : {len(s.duplicates)}")
    p(f"  failed     : {len(s.failed)}")
    p(f"  warnings   : {s.warnings} (data-quality warnings in the warehouse)")
    for name in s.removed[:20]:
        p(f"  - removed   {name}")
    for name, first in s.duplicates[:20]:
        p(f"  = duplicate {name} (same content as {first})")
    for name, err in s.failed[:50]:
        p(f"  ! failed    {name}: {err}")
    if len(s.failed) > 50:
        p(f"  … and {len(s.failed) - 50} more failures (see the ingest_errors table)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    ing = sub.add_parser("ingest", help="read every raw file and update the warehouse")
    ing.add_argument("raw_dir", nargs="?", type=Path, default=settings.RAW_DIR)
    ing.add_argument("--db", type=Path, default=settings.WAREHOUSE)
    ing.add_argument("--strict", action="store_true", help="exit non-zero when any file failed")
    ing.add_argument("--max-mb", type=float, default=settings.MAX_FILE_BYTES / 1048576,
                     help="refuse files larger than this (default %(default)s)")
    ing.add_argument("--quiet", action="store_true", help="no progress bar")
    ev = sub.add_parser("evaluate", help="accuracy per field against a gold CSV")
    ev.add_argument("gold", type=Path)
    ev.add_argument("--raw", type=Path, default=settings.RAW_DIR)
    ev.add_argument("--coverage", type=Path, help="task-group labels (folder,file,category_code,mode,quote): "
                                                  "precision and recall of the task coverage")
    ev.add_argument("--corrections", type=Path, help="hand corrections to apply (default: none)")
    ev.add_argument("--verbose", "-v", action="store_true", help="print every mismatch")
    sy = sub.add_parser("synth", help="write a synthetic corpus and its ground truth (benchmarks and tests; "
                                      "never into data/raw)")
    sy.add_argument("--n", type=int, default=1000, help="number of documents (default %(default)s)")
    sy.add_argument("--out", type=Path, required=True, help="folder to write (DIR/raw, DIR/ground_truth.csv)")
    sy.add_argument("--seed", type=int, default=0, help="the same seed gives the same bytes (default %(default)s)")
    a = ap.parse_args(argv)

    if a.cmd == "ingest":
        from .pipeline import BuildError, ingest
        try:
            s = ingest(a.raw_dir, a.db, max_bytes=int(a.max_mb * 1048576), progress=not a.quiet)
        except BuildError as e:
            print(f"error: {e}\nThe previous warehouse (if any) is unchanged.", file=sys.stderr)
            return 2
        _print_summary(s)
        return 1 if (a.strict and s.failed) else 0
    if a.cmd == "evaluate":
        from .evaluate import evaluate
        return evaluate(a.gold, a.raw, verbose=a.verbose, coverage=a.coverage, corrections=a.corrections)
    if a.cmd == "synth":
        from .synth import SynthError, generate
        try:
            gt = generate(a.n, a.out, a.seed)
        except SynthError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        print(f"{a.n} synthetic documents in {gt.parent / 'raw'}, ground truth {gt} (seed {a.seed})")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
