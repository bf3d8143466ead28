"""ETL benchmark on synthetic corpora: throughput, incremental re-runs, size, accuracy.

    .venv/bin/python -m bench.etl_bench --out docs/bench_etl.json

Generates a 1,000- and a 10,000-document corpus (`python -m etl synth`) in a temporary
folder and measures with `etl.pipeline.ingest`:

* cold ingest time, docs/s, and docs/s per core (docs/s ÷ the cores the pipeline uses: it
  extracts in a process pool of os.cpu_count() workers from PARALLEL_MIN files up, else in
  one process); the CPU seconds actually spent are recorded too;
* at the largest size: a re-run with nothing changed, and a re-run after rewriting 1 % of
  the files with a small change (an updated page counter appended);
* the warehouse size on disk;
* extraction accuracy per field with `etl.evaluate.score` on the ground truth. score()
  re-ingests into its own temporary warehouse, so above --accuracy-sample documents it scores
  a random sample of that many (recorded as such); --full-accuracy scores everything.

Writes the results as JSON and prints a short table. Nothing is written under data/.
About 2.5 minutes on 2 cores (most of it the 10,000-document cold ingest).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from etl import settings
from etl.evaluate import FIELDS, score
from etl.pipeline import PARALLEL_MIN, ingest
from etl.synth import GOLD_COLUMNS, generate

ROOT = Path(__file__).resolve().parents[1]


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (the pool workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed_ingest(raw: Path, db: Path) -> tuple[object, float, float]:
    cpu0, t0 = _cpu_seconds(), time.perf_counter()
    s = ingest(raw, db, progress=False)
    return s, time.perf_counter() - t0, _cpu_seconds() - cpu0


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


def _cores_used(files: int) -> int:
    cpus = os.cpu_count() or 1
    return cpus if files >= PARALLEL_MIN and cpus > 1 else 1


def _mem_total_kb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _git() -> dict:
    def run(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"commit": run("rev-parse", "--short", "HEAD"), "dirty": bool(run("status", "--porcelain", "etl"))}


def _sample_gold(gt: Path, k: int, seed: int, dest: Path) -> int:
    with open(gt, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = sorted(random.Random(seed).sample(rows, k), key=lambda r: r["file"])
    with open(dest, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(GOLD_COLUMNS), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def _accuracy(gt: Path, raw: Path, n: int, sample: int, full: bool, seed: int, tmp: Path) -> dict:
    gold, note = gt, "all documents"
    rows = n
    if not full and n > sample:
        gold = tmp / f"gold_sample_{n}.csv"
        rows = _sample_gold(gt, sample, seed, gold)
        note = (f"ground truth of a random {sample:,}-document sample of the {n:,} (score() re-ingests into its own "
                f"warehouse; scoring all would repeat the whole cold ingest)")
    t0 = time.perf_counter()
    res = score(gold, raw, verbose=False, out=io.StringIO())
    return {"gold_rows": rows, "sample": rows < n, "note": note, "seconds": round(time.perf_counter() - t0, 1),
            "fields": {k: round(res[k], 4) for k in FIELDS}, "overall": round(res["overall"], 4)}


def _touch_one_percent(raw: Path, seed: int) -> int:
    """Rewrite 1 % of the documents with a small change: the page counter a re-scrape updates."""
    files = sorted(p for p in raw.glob("*.txt"))
    rng = random.Random(seed)
    chosen = rng.sample(files, max(1, len(files) // 100))
    for p in chosen:
        text = p.read_text("utf-8")
        p.write_text(text.rstrip("\n") + f"\n\nLượt xem: {rng.randint(1000, 99999):,}\n".replace(",", "."),
                     encoding="utf-8")
    return len(chosen)


def run(sizes: list[int], seed: int, sample: int, full: bool, keep: Path | None = None) -> dict:
    out: dict = {
        "benchmark": "etl ingest on synthetic corpora (python -m etl synth)",
        "date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "mem_total_kb": _mem_total_kb(),
                    "mem_total_gib": round((_mem_total_kb() or 0) / 1048576, 1),
                    "platform": platform.platform(), "python": platform.python_version(),
                    "duckdb": duckdb.__version__},
        "extractor_version": settings.EXTRACTOR_VERSION,
        "git": _git(),
        "parallel_min_files": PARALLEL_MIN,
        "corpora": [],
    }
    with tempfile.TemporaryDirectory(prefix="etl_bench_") as tmpname:
        tmp = Path(keep) if keep else Path(tmpname)
        tmp.mkdir(parents=True, exist_ok=True)
        for i, n in enumerate(sizes):
            cseed = seed + i
            corpus, db = tmp / f"corpus_{n}", tmp / f"warehouse_{n}.duckdb"
            print(f"[{n:>6}] generating …", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            gt = generate(n, corpus, cseed)
            gen_s = time.perf_counter() - t0
            raw = corpus / "raw"
            raw_bytes = sum(p.stat().st_size for p in raw.glob("*.txt"))
            print(f"[{n:>6}] cold ingest …", file=sys.stderr, flush=True)
            s, secs, cpu = _timed_ingest(raw, db)
            if s.failed or len(s.loaded) != n:
                raise SystemExit(f"ingest of {n} synthetic documents: {len(s.loaded)} loaded, failed {s.failed[:3]}")
            cores = _cores_used(n)
            entry = {
                "docs": n, "seed": cseed, "generate_s": round(gen_s, 2), "raw_bytes": raw_bytes,
                "ingest": {"seconds": round(secs, 2), "docs_per_s": round(n / secs, 1), "cores_used": cores,
                           "docs_per_s_per_core": round(n / secs / cores, 1), "cpu_seconds": round(cpu, 1),
                           "effective_cores": round(cpu / secs, 2)},
                "warehouse_bytes": _size(db),
            }
            if n == max(sizes):
                print(f"[{n:>6}] re-run, nothing changed …", file=sys.stderr, flush=True)
                s2, secs2, _ = _timed_ingest(raw, db)
                entry["rerun_unchanged"] = {"seconds": round(secs2, 3), "nothing_changed": s2.nothing_changed}
                changed = _touch_one_percent(raw, cseed)
                print(f"[{n:>6}] re-run, {changed} files changed …", file=sys.stderr, flush=True)
                s3, secs3, _ = _timed_ingest(raw, db)
                entry["rerun_1pct_changed"] = {"files_changed": changed, "seconds": round(secs3, 2),
                                               "loaded": len(s3.loaded), "unchanged": s3.unchanged,
                                               "cores_used": _cores_used(changed)}
                entry["warehouse_bytes_after_change"] = _size(db)
            print(f"[{n:>6}] accuracy …", file=sys.stderr, flush=True)
            # the ground truth describes the documents as generated: score before any rewrite
            # (the 1 % rewrite only appends a page counter, which the ground truth ignores)
            entry["accuracy"] = _accuracy(gt, raw, n, sample, full, cseed, tmp)
            out["corpora"].append(entry)
    return out


BUDGET_MS = 2.0  # 500 documents per second per core


def stage_costs(files: list[Path]) -> dict:
    """Unprofiled CPU milliseconds per document of each stage, one process, as a pool worker
    extracts (`etl.pipeline._extract_one`), plus what the writing process pays per document
    and a floor: the cost with no extraction at all.

    The stages are timed by wrapping the functions build_rows calls, in place, for one pass
    over `files` (a wrapper costs well under a microsecond; the tasks/coverage caches behave
    as in a real run). "building rows" is build_rows less the stages inside it. A sentence
    split is timed on its own: tasks, coverage and the metadata each run their own splits, so
    it is a unit cost, not a share of the total."""
    import pickle
    from multiprocessing.reduction import ForkingPickler

    from etl import batches, pipeline, records, settings
    from etl.readers import read_document
    from etl.reference import load_reference
    from etl.text import clean_text, fold, sentences, words

    ref = load_reference()
    pipeline._init_worker(ref, pipeline._corrections(settings.CORRECTIONS))
    now = datetime.now()
    jobs = [(p.name, p, records.content_hash(p.read_bytes()), now, settings.MAX_FILE_BYTES) for p in files]
    pipeline._extract_one(jobs[0])  # imports, compiled patterns, caches
    spent: dict[str, float] = {}
    clock = time.process_time

    def timed(name, fn):
        def run(*a, **k):
            t = clock()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + clock() - t
        return run

    patches = [(pipeline, "read_document", "read_document"), (records, "clean_text", "clean_text"),
               (records, "fold", "fold"), (records, "extract", "metadata"),
               (records, "extract_tasks", "tasks"), (records, "extract_coverage", "coverage"),
               (pipeline, "build_rows", "build_rows")]
    saved = [(mod, attr, getattr(mod, attr)) for mod, attr, _ in patches]
    for mod, attr, name in patches:
        setattr(mod, attr, timed(name, getattr(mod, attr)))
    try:
        t = clock()
        results = [pipeline._extract_one(j) for j in jobs]
        total = clock() - t
    finally:
        for mod, attr, fn in saved:
            setattr(mod, attr, fn)
    docs = [r[1] for r in results]
    n = len(jobs)
    texts = [d.document["text"] for d in docs]
    t = clock()
    for x in texts:
        sentences(x)
    split = clock() - t

    def ship(docs_):  # worker side: Arrow tables per batch of pipeline.BATCH, pickled as the pool does
        t0 = clock()
        blobs = [bytes(ForkingPickler.dumps(([], batches.to_arrow(docs_[i:i + pipeline.BATCH]))))
                 for i in range(0, len(docs_), pipeline.BATCH)]
        return clock() - t0, blobs

    def write(blobs):  # writing process: unpickle, insert every INSERT_EVERY documents, checkpoint
        with tempfile.TemporaryDirectory(prefix="etl_stage_") as tmp:
            con = duckdb.connect(str(Path(tmp) / "w.duckdb"))
            con.execute(settings.SCHEMA_SQL.read_text("utf-8"))
            t0 = clock()
            pending = []
            for b in blobs:
                pending.append(pickle.loads(b)[1])
                if len(pending) * pipeline.BATCH >= pipeline.INSERT_EVERY:
                    pipeline._insert_batches(con, pending)
                    pending = []
            pipeline._insert_batches(con, pending)
            con.execute("CHECKPOINT")
            secs = clock() - t0
            con.close()
        return secs

    ship_s, blobs = ship(docs)
    write_s = write(blobs)

    # the floor: read, clean, fold, one sentence split and the documents row, no extractor
    t = clock()
    bare = []
    for (source_file, path, digest, loaded_at, max_bytes), full in zip(jobs, docs):
        res = read_document(path, max_bytes=max_bytes)
        text = clean_text(res.text)
        folded = fold(text)
        sentences(text)
        doc = {k: None for k in records.DOC_FIELDS}
        doc.update(doc_type="other", level="other", doc_id=digest[:16], source_file=source_file,
                   content_hash=digest, encoding=res.encoding, text=text, text_folded=folded,
                   text_words=words(folded), number_folded=" ", title_folded=" ",
                   issuer_folded=" ",
                   extractor_version=settings.EXTRACTOR_VERSION, loaded_at=loaded_at, source_url=None)
        bare.append(records.DocRows(digest[:16], source_file, doc))
    floor_extract = clock() - t
    floor_ship, floor_blobs = ship(bare)
    floor_write = write(floor_blobs)

    def ms(seconds: float) -> float:
        return round(seconds / n * 1000, 3)

    inner = sum(spent.get(k, 0.0) for k in ("clean_text", "fold", "metadata", "tasks", "coverage"))
    stages = {
        "read_document": ms(spent["read_document"]),
        "clean_text": ms(spent["clean_text"]),
        "fold": ms(spent.get("fold", 0.0)),
        "metadata (extract)": ms(spent["metadata"]),
        "tasks": ms(spent["tasks"]),
        "coverage": ms(spent["coverage"]),
        "building rows": ms(spent["build_rows"] - inner),
        "rest of _extract_one": ms(total - spent["build_rows"] - spent["read_document"]),
    }
    worker = ms(total + ship_s)
    main = ms(write_s)
    floor = {"read + clean + fold + one split + documents row": ms(floor_extract),
             "documents rows to Arrow, pickled": ms(floor_ship), "writing process": ms(floor_write)}
    return {"docs": n, "clock": "process CPU time", "stages_ms": stages,
            "extract_one_ms": ms(total), "one_sentence_split_ms": ms(split),
            "ship_ms": ms(ship_s), "worker_ms": worker, "main_ms": main,
            "pickled_kb_per_doc": round(sum(map(len, blobs)) / n / 1024, 1),
            "floor_ms": floor, "floor_total_ms": round(sum(floor.values()), 3),
            "floor_pickled_kb_per_doc": round(sum(map(len, floor_blobs)) / n / 1024, 1),
            "budget_ms": BUDGET_MS,
            "docs_per_s_per_core_bound": round(1000 / (worker + main), 1)}


def stage_table(sc: dict) -> list[str]:
    """Markdown rows for stage_costs()."""
    out = [f"| stage (one process, {sc['docs']} documents, {sc['clock']}) | ms per document |", "|---|---:|"]
    out += [f"| {k} | {v:.2f} |" for k, v in sc["stages_ms"].items()]
    out += [f"| **worker: _extract_one in all** | **{sc['extract_one_ms']:.2f}** |",
            (f"| (one sentence split of the text, for scale; tasks, coverage and metadata each split) | "
             f"({sc['one_sentence_split_ms']:.2f}) |"),
            (f"| worker: rows to Arrow per batch of 32, pickled ({sc['pickled_kb_per_doc']} KB per document) | "
             f"{sc['ship_ms']:.2f} |"),
            f"| writing process: unpickle + insert + checkpoint | {sc['main_ms']:.2f} |",
            (f"| **all CPU per document (worker + writer)** | **{sc['worker_ms'] + sc['main_ms']:.2f}** "
             f"(≤ {sc['docs_per_s_per_core_bound']:.0f} docs/s per core) |")]
    out += [f"| floor: {k} | {v:.2f} |" for k, v in sc["floor_ms"].items()]
    out += [(f"| **floor, no extraction at all** ({sc['floor_pickled_kb_per_doc']} KB pickled per document) | "
             f"**{sc['floor_total_ms']:.2f}** |"),
            f"| budget at 500 docs/s per core | {sc['budget_ms']:.2f} |"]
    return out


def table(res: dict) -> str:
    m = res["machine"]
    lines = [f"ETL bench {res['date']} · {m['cores']} cores · {m['mem_total_gib']} GiB · extractor "
             f"{res['extractor_version']} · git {res['git']['commit']}{' (dirty)' if res['git']['dirty'] else ''}",
             f"{'docs':>6} {'ingest s':>9} {'docs/s':>7} {'cores':>5} {'/core':>6} {'MB':>6} {'overall':>7}  accuracy"]
    for c in res["corpora"]:
        i, a = c["ingest"], c["accuracy"]
        lines.append(f"{c['docs']:>6} {i['seconds']:>9.1f} {i['docs_per_s']:>7.1f} {i['cores_used']:>5} "
                     f"{i['docs_per_s_per_core']:>6.1f} {c['warehouse_bytes'] / 1e6:>6.1f} {a['overall']:>7.3f}  "
                     + ("(sample of " + f"{a['gold_rows']:,})" if a["sample"] else "(all)"))
    for c in res["corpora"]:
        if "rerun_unchanged" in c:
            r1, r2 = c["rerun_unchanged"], c["rerun_1pct_changed"]
            lines.append(f"re-run at {c['docs']:,}: nothing changed {r1['seconds']:.2f} s; "
                         f"{r2['files_changed']} files changed {r2['seconds']:.1f} s ({r2['loaded']} re-extracted)")
    fields = list(res["corpora"][0]["accuracy"]["fields"])
    lines.append(f"{'field':<12}" + "".join(f"{c['docs']:>9,}" for c in res["corpora"]))
    for f in fields:
        lines.append(f"{f:<12}" + "".join(f"{c['accuracy']['fields'][f]:>9.3f}" for c in res["corpora"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.etl_bench", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "bench_etl.json")
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--accuracy-sample", type=int, default=1000,
                    help="score at most this many documents per corpus (default %(default)s)")
    ap.add_argument("--full-accuracy", action="store_true", help="score every document (adds a cold ingest)")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep the corpora and warehouses")
    a = ap.parse_args(argv)
    sizes = [int(x) for x in a.sizes.split(",") if x.strip()]
    t0 = time.perf_counter()
    res = run(sizes, a.seed, a.accuracy_sample, a.full_accuracy, a.keep)
    res["total_seconds"] = round(time.perf_counter() - t0, 1)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(table(res))
    print(f"total {res['total_seconds']:.0f} s · written {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
