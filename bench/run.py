"""Every benchmark in one run, written to docs/benchmarks.md (`make bench`).

    .venv/bin/python -m bench.run [--out docs/benchmarks.md] [--json FILE] [--keep DIR]

1. bench.etl_bench at 1,000 and 10,000 synthetic documents: cold ingest throughput, a re-run
   with nothing changed and with 1 % of the files changed, the warehouse size, and the
   extraction's accuracy on the corpus's ground truth. The 10,000-document warehouse is copied
   right after its cold ingest (before the re-runs touch it): that copy, as a first build
   leaves it, is what the dashboard is measured on.
2. bench.app_bench on that warehouse: every page query (median and worst of 7, Streamlit's
   cache bypassed; DuckDB profile of those over 50 ms), each page's script in AppTest (cold and
   warm, bytes sent, cProfile of the slowest), and every page in headless Chromium next to the
   two anchor pages, with the server's memory after visiting every page.
3. Profiles of the ETL: one process extracting 300 synthetic documents (cProfile; top functions
   in etl/extract/), and the main process of a 1,000-document cold ingest and of the 1 % re-run.

Targets are checked here, never in the unit tests. About 10-15 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ETL_SIZES = [1000, 10000]
ETL_SEED = 1                  # corpora: seed 1 (1,000) and seed 2 (10,000)
ACCURACY_SAMPLE = 1000
ETL_DOCS_PER_CORE = 500.0
RERUN_UNCHANGED_S = 1.0
PROFILE_DOCS, PROFILE_SEED = 300, 7


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- machine
def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    import duckdb
    import pandas
    import plotly
    import streamlit
    return {"cores": os.cpu_count(), "mem_gib": round((mem_kb or 0) / 1048576, 1), "cpu": cpu,
            "platform": platform.platform(), "python": platform.python_version(),
            "duckdb": duckdb.__version__, "streamlit": streamlit.__version__, "pandas": pandas.__version__,
            "plotly": plotly.__version__}


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def git() -> dict:
    def run(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    dirty = [ln[3:] for ln in run("status", "--porcelain", "--", "app", "pages", "etl", "dashboard.py",
                                  "data/reference").splitlines()]
    return {"commit": run("rev-parse", "--short", "HEAD"), "subject": run("log", "-1", "--format=%s"),
            "dirty": dirty}


# ---------------------------------------------------------------- ETL profiles
def _top(stats: pstats.Stats, keep, n: int, key: str = "cum") -> list[dict]:
    root = str(ROOT) + os.sep
    rows = []
    for (file, line, fn), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        if keep(file):
            rows.append({"function": f"{file[len(root):] if file.startswith(root) else file}:{line} {fn}",
                         "calls": nc, "cum_s": round(ct, 3), "self_s": round(tt, 3)})
    rows.sort(key=lambda r: -(r["cum_s"] if key == "cum" else r["self_s"]))
    return rows[:n]


def _cum(stats: pstats.Stats, suffix: str, name: str) -> float:
    return round(sum(ct for (f, _l, fn), (_cc, _nc, _tt, ct, _c) in stats.stats.items()
                     if f.endswith(suffix) and fn == name), 3)


def profile_extraction(n: int = PROFILE_DOCS, seed: int = PROFILE_SEED) -> dict:
    """One process extracting `n` synthetic documents, as a pool worker does (_extract_one)."""
    from etl import pipeline, settings
    from etl.records import content_hash
    from etl.synth import generate

    with tempfile.TemporaryDirectory(prefix="etl_profile_") as tmp:
        generate(n, Path(tmp) / "c", seed)
        files = sorted((Path(tmp) / "c" / "raw").glob("*.txt"))
        ref = pipeline.load_reference()
        pipeline._init_worker(ref, pipeline._corrections(settings.CORRECTIONS))
        now = datetime.now()
        jobs = [(p.name, p, content_hash(p.read_bytes()), now, settings.MAX_FILE_BYTES) for p in files]
        pipeline._extract_one(jobs[0])          # imports, compiled patterns, caches
        t0 = time.perf_counter()
        for j in jobs:
            pipeline._extract_one(j)
        plain = time.perf_counter() - t0
        prof = cProfile.Profile()
        prof.enable()
        for j in jobs:
            pipeline._extract_one(j)
        prof.disable()
        from bench.etl_bench import stage_costs
        stage = stage_costs(files)
    st = pstats.Stats(prof)
    extract_dir = str(ROOT / "etl" / "extract") + os.sep
    stages = {
        "read_document (etl/readers.py)": _cum(st, "etl/readers.py", "read_document"),
        "clean_text (etl/text.py)": _cum(st, "etl/text.py", "clean_text"),
        "extract (etl/extract/document.py)": _cum(st, "etl/extract/document.py", "extract"),
        "extract_tasks (etl/extract/tasks.py)": _cum(st, "etl/extract/tasks.py", "extract_tasks"),
        "extract_coverage (etl/extract/coverage.py)": _cum(st, "etl/extract/coverage.py", "extract_coverage"),
        "fold (etl/text.py)": _cum(st, "etl/text.py", "fold"),
        "build_rows total (etl/records.py)": _cum(st, "etl/records.py", "build_rows"),
    }
    return {"docs": n, "seed": seed, "seconds": round(plain, 2), "ms_per_doc": round(plain / n * 1000, 1),
            "docs_per_s_one_core": round(n / plain, 1),
            "profiled_seconds": round(sum(v[3] for k, v in st.stats.items() if k[2] == "_extract_one"), 2),
            "stages_profiled_s": stages, "stages_unprofiled": stage,
            "top_extract": _top(st, lambda f: f.startswith(extract_dir), 10),
            "top_self": _top(st, lambda f: True, 10, key="self")}


def profile_ingest_main(raw: Path, db_from: Path | None, label: str) -> dict:
    """cProfile of the ingest's main process (pool workers, if any, are not in it)."""
    from etl.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix="etl_profile_db_") as tmp:
        db = Path(tmp) / "w.duckdb"
        if db_from:
            shutil.copyfile(db_from, db)
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        s = ingest(raw, db, progress=False)
        prof.disable()
        secs = time.perf_counter() - t0
    st = pstats.Stats(prof)
    etl_dir = str(ROOT / "etl") + os.sep
    return {"label": label, "seconds": round(secs, 2), "loaded": len(s.loaded), "unchanged": s.unchanged,
            "top_etl": _top(st, lambda f: f.startswith(etl_dir) and "/extract/" not in f, 10),
            "top_self": _top(st, lambda f: True, 8, key="self")}


# ---------------------------------------------------------------- the whole run
def run_all(keep: Path | None) -> dict:
    from bench import app_bench, etl_bench

    t_start = time.perf_counter()
    res: dict = {"date": datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
                 "git": git(), "load_start": loadavg()}
    ctx = tempfile.TemporaryDirectory(prefix="bench_") if keep is None else None
    work = Path(ctx.name) if ctx else Path(keep)
    work.mkdir(parents=True, exist_ok=True)
    try:
        etl_dir = work / "etl"
        if etl_dir.exists():
            shutil.rmtree(etl_dir)          # etl_bench must ingest cold
        snapshot = work / f"warehouse_{max(ETL_SIZES)}_cold.duckdb"
        real_timed = etl_bench._timed_ingest

        def timed_and_snapshot(raw, db):
            out = real_timed(raw, db)
            if db.name == f"warehouse_{max(ETL_SIZES)}.duckdb" and not snapshot.exists():
                shutil.copyfile(db, snapshot)   # as the cold ingest left it, before any re-run
            return out

        log(f"1/3 ETL benchmark at {', '.join(map(str, ETL_SIZES))} documents (load {loadavg()}) …")
        etl_bench._timed_ingest = timed_and_snapshot
        try:
            t0 = time.perf_counter()
            res["etl"] = etl_bench.run(ETL_SIZES, ETL_SEED, ACCURACY_SAMPLE, False, etl_dir)
            res["etl"]["seconds"] = round(time.perf_counter() - t0, 1)
        finally:
            etl_bench._timed_ingest = real_timed
        res["load_after_etl"] = loadavg()

        log(f"2/3 dashboard benchmark on {snapshot} (load {loadavg()}) …")
        t0 = time.perf_counter()
        res["app"] = app_bench.run(snapshot)
        res["app"]["seconds"] = round(time.perf_counter() - t0, 1)
        res["warehouse_storage"] = warehouse_storage(snapshot, etl_dir / f"warehouse_{max(ETL_SIZES)}.duckdb")
        res["load_after_app"] = loadavg()

        log(f"3/3 ETL profiles (load {loadavg()}) …")
        t0 = time.perf_counter()
        res["profile_extract"] = profile_extraction()
        n_small, n_big = min(ETL_SIZES), max(ETL_SIZES)
        res["profile_main"] = [
            profile_ingest_main(etl_dir / f"corpus_{n_small}" / "raw", None,
                                f"cold ingest of {n_small:,} documents"),
            # the 10,000-document corpus now has etl_bench's 1 % rewritten: against the cold
            # copy, that is the same re-run etl_bench timed (in one process: under PARALLEL_MIN)
            profile_ingest_main(etl_dir / f"corpus_{n_big}" / "raw", snapshot,
                                f"re-run of {n_big:,} documents with 1 % changed"),
        ]
        res["profile_seconds"] = round(time.perf_counter() - t0, 1)
    finally:
        if ctx:
            ctx.cleanup()
    res["load_end"] = loadavg()
    res["total_seconds"] = round(time.perf_counter() - t_start, 1)
    return res


def warehouse_storage(*dbs: Path) -> list[dict]:
    import duckdb
    out = []
    for db in dbs:
        if not db.exists():
            continue
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT * FROM pragma_database_size()").fetchdf().iloc[0].to_dict()
            rows = dict(con.execute("""SELECT table_name, estimated_size FROM duckdb_tables()
                                       ORDER BY estimated_size DESC""").fetchall())
        out.append({"file": db.name, "bytes": db.stat().st_size,
                    "block_size": int(row.get("block_size", 0)), "total_blocks": int(row.get("total_blocks", 0)),
                    "used_blocks": int(row.get("used_blocks", 0)), "free_blocks": int(row.get("free_blocks", 0)),
                    "rows": rows})
    return out


# ---------------------------------------------------------------- markdown
def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("**MET**" if ok else "**MISSED**")


def _mb(b) -> str:
    return f"{b / 1e6:.1f} MB"


def _esc(s) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def _page_metrics_table(w, pr: dict) -> None:
    """Why a page costs more than its anchor: bytes, elements and main-thread CPU time of
    one load each (bench/page_metrics.py), anchors first."""
    anchors = pr.get("anchors", {})
    rows = [(f"anchor: {k}", k, anchors.get(k, {}).get("metrics")) for k in ("bare", "plotly")]
    rows += [(f"`{p['page']}`", p["anchor"], p.get("metrics")) for p in pr.get("pages", [])]
    if not any(m for _, _, m in rows):
        if pr.get("metrics_error"):
            w(f"Page metrics failed: {_esc(pr['metrics_error'])[:300]}")
            w("")
        return
    w("What each page costs the browser, one load each (`bench/page_metrics.py`, same fresh "
      "context and \"rendered\" frame as the timings): bytes fetched over HTTP (decoded) and "
      "sent by the server over the websocket, elements in the document (of which SVG), and "
      "main-thread **CPU** time from navigation to the rendered frame (CDP "
      "`Performance.getMetrics` on thread ticks: script, layout + style, all tasks). CPU time "
      "hardly moves with machine load (±10 % where wall time moves ±20 %), so these say where a "
      "page's extra time goes; *task ×* (task time over its anchor's) is larger than the "
      "wall-time ratio, which also counts the time both pages wait for the server.")
    w("")
    w("| page | anchor | requests | JS KB | CSS KB | websocket KB | DOM elements | of which SVG "
      "| script ms | layout + style ms | task ms | task × anchor |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = {k: (anchors.get(k, {}).get("metrics") or {}).get("task_ms") for k in ("bare", "plotly")}
    for name, kind, m in rows:
        if not m:
            w(f"| {name} | {kind} | – | – | – | – | – | – | – | – | – | – |")
            continue
        ratio = f"×{m['task_ms'] / base[kind]:.2f}" if base.get(kind) else "–"
        w(f"| {name} | {kind} | {m['requests']} | {m['js_kb']:,.0f} | {m['css_kb']:,.0f} | "
          f"{m['ws_kb']:,.0f} | {m['dom']:,} | {m['svg']:,} | {m['script_ms']:,.0f} | "
          f"{m['layout_ms'] + m['style_ms']:,.0f} | {m['task_ms']:,.0f} | {ratio} |")
    w("")


def render(res: dict) -> str:  # noqa: C901 (one long report)
    m, g = res["machine"], res["git"]
    etl = res["etl"]
    app = res["app"]
    qr, pr, sr = app.get("queries", {}), app.get("pages", {}), app.get("scripts", {})
    corpora = {c["docs"]: c for c in etl["corpora"]}
    big = corpora[max(corpora)]
    L: list[str] = []
    w = L.append

    w("# Benchmarks")
    w("")
    w(f"Generated by `make bench` (`bench/run.py`) on **{res['date']}**; the whole run took "
      f"{res['total_seconds'] / 60:.1f} minutes. Do not edit by hand: run `make bench` again.")
    w("")
    w(f"* Machine: **{m['cores']} cores**, **{m['mem_gib']} GiB** memory, {m['cpu'] or 'CPU model unknown'}; "
      f"{m['platform']}")
    w(f"* Software: Python {m['python']}, DuckDB {m['duckdb']}, Streamlit {m['streamlit']}, pandas {m['pandas']}, "
      f"plotly {m['plotly']}")
    w(f"* Code: git `{g['commit']}` ({_esc(g['subject'])})" + (
        f"; uncommitted changes in: {', '.join('`' + d + '`' for d in g['dirty'][:12])}" if g["dirty"] else ""))
    w(f"* Load average (1/5/15 min) at start {res['load_start']}, after the ETL {res['load_after_etl']}, "
      f"after the dashboard {res['load_after_app']}, at the end {res['load_end']}. The machine is shared: "
      "a load above the core count means other work ran at the same time and the times are pessimistic.")
    w("")

    # ---- targets at a glance
    rows_t = []
    for n in sorted(corpora):
        i = corpora[n]["ingest"]
        rows_t.append((f"ETL throughput at {n:,} documents ≥ {ETL_DOCS_PER_CORE:.0f} docs/s per core (text files)",
                       f"{i['docs_per_s_per_core']:.1f} docs/s per core ({i['docs_per_s']:.1f} docs/s on "
                       f"{i['cores_used']} cores)", i["docs_per_s_per_core"] >= ETL_DOCS_PER_CORE))
    r1 = big.get("rerun_unchanged", {})
    rows_t.append((f"Re-run with nothing changed at {big['docs']:,} documents < {RERUN_UNCHANGED_S:.0f} s",
                   f"{r1.get('seconds', float('nan')):.2f} s", r1.get("seconds", 99) < RERUN_UNCHANGED_S))
    page_cases = [c for c in qr.get("cases", []) if not c["on_demand"]]
    over = [c for c in page_cases if c["median_ms"] > qr.get("limit_ms", 50)]
    over_max = [c for c in page_cases if c["max_ms"] > qr.get("limit_ms", 50)]
    worst = max(page_cases, key=lambda c: c["median_ms"]) if page_cases else None
    if worst:
        rows_t.append((f"Every page query ≤ {qr['limit_ms']:.0f} ms at {big['docs']:,} documents (median of {qr['runs']})",
                       f"{len(over)} of {len(page_cases)} cases over by median ({len(over_max)} by worst run); "
                       f"slowest {worst['function']}({_esc(worst['args'])}) under '{worst['filter']}': "
                       f"{worst['median_ms']:.0f} ms", not over))
    anchors = pr.get("anchors", {})
    pages = pr.get("pages", [])
    for kind, lim in (("plotly", 1.2), ("bare", 1.3)):
        ps = [p for p in pages if p["anchor"] == kind]
        if ps:
            bad = [p for p in ps if not p["met"]]
            worst_p = max(ps, key=lambda p: p["ratio"] or 0)
            rows_t.append((f"Pages {'with' if kind == 'plotly' else 'without'} plotly charts ≤ {lim}× the "
                           f"{kind} anchor ({anchors.get(kind, {}).get('median_ms')} ms)",
                           f"{len(bad)} of {len(ps)} over; worst {worst_p['page']} at ×{worst_p['ratio']}",
                           not bad))
    mem = pr.get("memory", {})
    if mem:
        rows_t.append((f"Server memory after visiting every page ≤ {mem['limit_mb']:.0f} MB",
                       f"{mem['server_rss_mb_after_all_pages']} MB RSS (peak {mem['server_peak_rss_mb']} MB)",
                       mem["met"]))
    w("## Targets")
    w("")
    w("| target | measured | verdict |")
    w("|---|---|---|")
    for a, b, ok in rows_t:
        w(f"| {a} | {b} | {verdict(ok)} |")
    w("")

    # ---- ETL
    w("## ETL (bench/etl_bench.py)")
    w("")
    w(f"Synthetic corpora from `python -m etl synth` (seeds {', '.join(str(c['seed']) for c in etl['corpora'])}), "
      f".txt files, ingested cold with `etl.pipeline.ingest` (a process pool of {m['cores']} workers from "
      f"{etl['parallel_min_files']} files up). Extractor {etl['extractor_version']}.")
    w("")
    w("| documents | raw text | cold ingest | docs/s | cores | docs/s per core | CPU s | cores busy | warehouse | target (≥ 500/core) |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in sorted(corpora):
        c = corpora[n]
        i = c["ingest"]
        w(f"| {n:,} | {_mb(c['raw_bytes'])} | {i['seconds']:.1f} s | {i['docs_per_s']:.1f} | {i['cores_used']} | "
          f"{i['docs_per_s_per_core']:.1f} | {i['cpu_seconds']:.0f} | {i['effective_cores']:.2f} | "
          f"{_mb(c['warehouse_bytes'])} | {verdict(i['docs_per_s_per_core'] >= ETL_DOCS_PER_CORE)} |")
    w("")
    if "rerun_unchanged" in big:
        r2 = big["rerun_1pct_changed"]
        w(f"Re-runs at {big['docs']:,} documents:")
        w("")
        w("| re-run | time | what it did | target |")
        w("|---|---:|---|---|")
        w(f"| nothing changed | {r1['seconds']:.2f} s | nothing_changed={r1['nothing_changed']} | "
          f"< 1 s: {verdict(r1['seconds'] < RERUN_UNCHANGED_S)} |")
        w(f"| 1 % of the files changed ({r2['files_changed']}) | {r2['seconds']:.1f} s | "
          f"{r2['loaded']} re-extracted on {r2['cores_used']} core(s), {r2['unchanged']:,} kept | — |")
        w("")
    w("### Warehouse size on disk")
    w("")
    w(f"* {big['docs']:,} documents, cold build: **{_mb(big['warehouse_bytes'])}**"
      + (f"; after the 1 % re-run: **{_mb(big['warehouse_bytes_after_change'])}**"
         if "warehouse_bytes_after_change" in big else ""))
    for s in res.get("warehouse_storage", []):
        used = s["used_blocks"] * s["block_size"]
        free = s["free_blocks"] * s["block_size"]
        w(f"* `{s['file']}`: {_mb(s['bytes'])} on disk, {s['total_blocks']:,} blocks of {s['block_size'] // 1024} KiB: "
          f"{s['used_blocks']:,} used ({_mb(used)}), {s['free_blocks']:,} free ({_mb(free)})")
    if res.get("warehouse_storage"):
        top = list(res["warehouse_storage"][0]["rows"].items())[:8]
        w("* Rows in the cold 10,000-document warehouse: " + ", ".join(f"{k} {v:,}" for k, v in top))
    w("")
    w("### Extraction accuracy on the generated ground truth")
    w("")
    fields = list(etl["corpora"][0]["accuracy"]["fields"])
    w("| field | " + " | ".join(f"{c['docs']:,} docs" for c in etl["corpora"]) + " |")
    w("|---|" + "---:|" * len(etl["corpora"]))
    for f in fields:
        w(f"| {f} | " + " | ".join(f"{c['accuracy']['fields'][f]:.3f}" for c in etl["corpora"]) + " |")
    w("| **overall** | " + " | ".join(f"**{c['accuracy']['overall']:.3f}**" for c in etl["corpora"]) + " |")
    w("")
    for c in etl["corpora"]:
        a = c["accuracy"]
        w(f"* {c['docs']:,}: {a['gold_rows']:,} ground-truth rows scored ({_esc(a['note'])}).")
    w("")

    # ---- queries
    if qr:
        w(f"## Page queries at {big['docs']:,} documents (bench/app_bench.py)")
        w("")
        w(f"Every public function of `app/queries.py` that the pages call, timed in-process on the app's own "
          f"read-only DuckDB connection (kept open and warm, {qr['threads']} DuckDB threads) with "
          f"Streamlit's `st.cache_data` bypassed (`_run.__wrapped__`): the SQL and the fetch into pandas, "
          f"as on a cache miss. One untimed call, then {qr['runs']} timed; **median / worst** in ms; "
          f"**bold** = median over {qr['limit_ms']:.0f} ms. Filters: none; one province (Hà Nội); "
          f"instrument 29-NQ/TW; years 2019–2023; document type plan.")
        w("")
        if qr.get("called_but_not_timed"):
            w(f"Called by the pages but not timed (no case): {', '.join(qr['called_but_not_timed'])}")
            w("")
        flabels = list(app_bench_filters())
        by_key: dict[tuple, dict] = {}
        order = []
        for c in page_cases:
            k = (c["function"], c["args"])
            if k not in by_key:
                by_key[k] = {}
                order.append(k)
            by_key[k][c["filter"]] = c

        def cell(c):
            if not c:
                return ""
            s = f"{c['median_ms']:.0f} / {c['max_ms']:.0f}"
            return f"**{s}**" if c["over_limit"] else s
        filtered = [k for k in order if any(f in by_key[k] for f in flabels)]
        w("| query | rows (no filter) | " + " | ".join(flabels) + " |")
        w("|---|---:|" + "---:|" * len(flabels))
        for k in filtered:
            first = by_key[k].get("none") or next(iter(by_key[k].values()))
            w(f"| `{k[0]}`{(' ' + _esc(k[1])) if k[1] else ''} | {first['rows'] if first['rows'] is not None else ''} | "
              + " | ".join(cell(by_key[k].get(f)) for f in flabels) + " |")
        w("")
        other = [k for k in order if k not in filtered]
        w("Queries that take no sidebar filter (and those under the compare page's own pick of 3 provinces):")
        w("")
        w("| query | args | rows | median / worst ms |")
        w("|---|---|---:|---:|")
        for k in other:
            for f, c in by_key[k].items():
                w(f"| `{k[0]}` | {_esc(k[1] or '')}{(' · ' + f) if f not in ('—',) else ''} | "
                  f"{c['rows'] if c['rows'] is not None else ''} | {cell(c)} |")
        w("")
        dl = [c for c in qr["cases"] if c["on_demand"]]
        if dl:
            def what(c):
                if c["function"] == "whole_table":
                    return f"whole table {c['args']}"
                return (f"`{c['function']}` {_esc(c['args'])}".rstrip()
                        + (f" under '{c['filter']}'" if c["filter"] != "—" else ""))
            w("On demand only (CSV downloads, queried when the button is clicked, not while the page "
              "draws; not held to the page-query target): " + "; ".join(
                  f"{what(c)} {c['median_ms']:.0f} ms ({c['rows']:,} rows)" for c in
                  sorted(dl, key=lambda c: -c["median_ms"])) + ".")
            w("")
        if qr.get("explain"):
            w("### Where the slow queries spend their time (DuckDB profile)")
            w("")
            w("Each function's slowest case over the limit, run once more with `enable_profiling` on a separate "
              "cursor. *execute* = DuckDB running the statement, *fetch* = the conversion of the result "
              "to pandas through Arrow, as the app does it (both without profiling, median of 3). Operator times are DuckDB's own, summed "
              "over threads.")
            w("")
            for e in qr["explain"]:
                tag = " (on demand)" if e.get("on_demand") else ""
                w(f"**`{e['function']}`** {_esc(e['args'])} under '{e['filter']}'{tag}: median {e['median_ms']:.0f} ms")
                if "error" in e:
                    w(f"  profile failed: {_esc(e['error'])}")
                    w("")
                    continue
                w("")
                w(f"* execute {e['execute_ms']:.0f} ms + fetch {e['fetch_ms']:.0f} ms; DuckDB total "
                  f"{e['duckdb_total_ms']:.0f} ms (CPU {e['duckdb_cpu_ms']:.0f} ms), planner {e['planner_ms']:.1f} ms, "
                  f"optimizer {e['optimizer_ms']:.1f} ms; {e['rows_scanned']:,} rows scanned; {e['operators']} operators")
                w("")
                w("  | operator | ms | share | rows out | detail |")
                w("  |---|---:|---:|---:|---|")
                for o in e["top"]:
                    w(f"  | {o['op']} | {o['ms']:.1f} | {o['share'] * 100:.0f} % | {o['rows'] if o['rows'] is not None else ''} | "
                      f"{_esc(o['info'])} |")
                w("")
        fv = qr.get("first_visit", {})
        if fv:
            w("### SQL per page on a first visit (no filter, every query a cache miss)")
            w("")
            w("Sum of the medians above for the queries each page runs when opened with no filter (kept by hand "
              "in `bench/app_bench.py`, `PAGE_QUERIES`).")
            w("")
            w("| page | SQL ms | queries (ms) |")
            w("|---|---:|---|")
            for p, v in fv.items():
                w(f"| {p} | {v['ms']:.0f} | {', '.join(v['queries']) or '—'}"
                  + (f" (missing: {', '.join(v['missing'])})" if v["missing"] else "") + " |")
            w("")

    # ---- pages
    if pr:
        w(f"## Pages in headless Chromium at {big['docs']:,} documents")
        w("")
        w(f"`{Path(pr['tool']).name}` (../shared/tools) starts `streamlit run` and loads each page {pr['runs']} times "
          f"after {pr['warmup']} warm-up load, each in a fresh browser context (empty cache); time = the page's "
          f"`performance.now()` when the script has finished, no skeleton is left, every plotly chart has "
          f"drawn its SVG and every table its canvas. The dashboard runs with `--pages auto` and "
          f"`CYBERDASH_DB` at the cold 10,000-document warehouse; the map page is measured again waiting "
          f"for the MapLibre canvas, as the plotly anchor is. A page whose source draws a plotly chart "
          f"(`st.plotly_chart` or `ui.chart`) is compared with the plotly anchor, any other with the bare one. "
          f"Each anchor is timed before and again after the dashboard, and its median is over both runs.")
        w("")
        w("| anchor | median ms | runs ms | server RSS |")
        w("|---|---:|---|---:|")
        for k, label in (("bare", "bare page (`bench/anchors/bare.py`: one title)"),
                         ("plotly", "plotly page (`bench/anchors/plotly_anchor.py`: map of 63 provinces, "
                                    "15×63 heatmap, 100-row table; waits for the map canvas)")):
            a = anchors.get(k, {})
            ln = a.get("line") or {}
            w(f"| {label} | {a.get('median_ms')} | {ln.get('runs_ms')} | {ln.get('server_rss_mb')} MB |")
        w("")
        w("| page | file | median ms | worst ms | anchor | ratio | limit | verdict | exceptions | JS errors | failed requests | server RSS after |")
        w("|---|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|")
        for p in pages:
            extra = (f" (auto run, no canvas wait: {p['median_ms_without_canvas_wait']:.0f})"
                     if p.get("median_ms_without_canvas_wait") else "")
            w(f"| `{p['page']}` | {p['file']} | {p['median_ms']:.0f}{extra} | {p['max_ms']:.0f} | {p['anchor']} | "
              f"×{p['ratio']} | ×{p['ratio_limit']} | {verdict(p['met'])} | {p['exceptions']} | {p['js_errors']} | "
              f"{p['failed_requests']} | {p['server_rss_mb']} MB |")
        w("")
        _page_metrics_table(w, pr)
        raw = pr.get("runs_raw", {})
        notes = []
        for k, v in raw.items():
            if v and (v.get("exit_code") or v.get("stderr") or v.get("server_log_errors")):
                notes.append(f"{k}: exit {v.get('exit_code')}; " + "; ".join(
                    _esc(x)[:200] for x in (v.get("stderr") or [])[:5] + (v.get("server_log_errors") or [])[:3]))
        if notes:
            w("Messages from the page runs: " + " · ".join(notes))
            w("")
        if mem:
            w(f"**Server memory** (RSS of the `streamlit run` process, /proc VmRSS) after loading every page "
              f"{mem['loads_per_page']} times: **{mem['server_rss_mb_after_all_pages']} MB**, peak "
              f"{mem['server_peak_rss_mb']} MB (limit {mem['limit_mb']:.0f} MB: {verdict(mem['met'])}). "
              f"The bare anchor's server holds {anchors.get('bare', {}).get('line', {}).get('server_rss_mb')} MB "
              f"and the plotly anchor's {anchors.get('plotly', {}).get('line', {}).get('server_rss_mb')} MB.")
            w("")

    if sr:
        w("### Each page's script on the server (Streamlit AppTest, no browser)")
        w("")
        w(f"`AppTest` runs `dashboard.py` and switches to each page: **cold** = first run after "
          f"`st.cache_data.clear()` (every query a miss, pickled into the cache), **warm** = median of "
          f"{sr['warm_runs']} reruns (cache hits: each returns an unpickled copy). *Sent* = bytes of the "
          f"element messages the run produces (what goes to the browser). RSS = this benchmark process.")
        w("")
        w("| page | cold ms | warm ms | sent | largest elements | RSS before → after cold → after warm |")
        w("|---|---:|---:|---:|---|---|")
        for f, v in sr["pages"].items():
            largest = ", ".join(f"{x['element']}{(' ' + _esc(x['label'])) if x['label'] else ''} {x['kb']:.0f} KB"
                                for x in v["largest"][:3])
            w(f"| {f} | {v['cold_ms']} | {v['warm_ms']} | {v['payload_kb'] / 1024:.2f} MB | {largest} | "
              f"{v['rss_before_mb']} → {v['rss_after_cold_mb']} → {v['rss_after_warm_mb']} MB |")
        w("")
        for kind, p in sr.get("profiles", {}).items():
            w(f"cProfile of the slowest **{kind}** run, `{p['page']}` ({p['ms']} ms unprofiled; "
              f"the profiler slows it down ~2-3×), inside `page.run()`:")
            w("")
            w("| project function | calls | cumulative ms | own ms |")
            w("|---|---:|---:|---:|")
            for x in [x for x in p["own_by_cumulative"] if not x["function"].startswith(("bench/", "dashboard.py"))][:10]:
                w(f"| `{_esc(x['function'])}` | {x['calls']:,} | {x['cum_ms']:.0f} | {x['self_ms']:.0f} |")
            w("")
            w("Top functions by own time (any library): " + "; ".join(
                f"`{_esc(x['function'])}` {x['self_ms']:.0f} ms ({x['calls']:,} calls)" for x in p["all_by_self"][:8]))
            w("")

    # ---- ETL profiles
    pe = res.get("profile_extract")
    if pe:
        w("## ETL profile")
        w("")
        w(f"One process extracting {pe['docs']} synthetic documents (seed {pe['seed']}) exactly as a pool worker "
          f"does (`etl.pipeline._extract_one`: read, clean, extract, rows): **{pe['ms_per_doc']} ms per document, "
          f"{pe['docs_per_s_one_core']} docs/s on one core** without the profiler (target 500: "
          f"{ETL_DOCS_PER_CORE / pe['docs_per_s_one_core']:.1f}× short). Stages under cProfile "
          f"({pe['profiled_seconds']} s profiled in all): " + "; ".join(
              f"{k} {v:.2f} s" for k, v in pe["stages_profiled_s"].items()) + ".")
        w("")
        sc = pe.get("stages_unprofiled")
        if sc:
            from bench.etl_bench import stage_table
            w(f"Without the profiler, stage by stage on the same documents (CPU time; the floor is what any "
              f"extractor pays before extracting anything, against the {sc['budget_ms']:.0f} ms per document that "
              f"500 docs/s per core allows):")
            w("")
            for line in stage_table(sc):
                w(line)
            w("")
        w("Top 10 functions in `etl/extract/` by cumulative time (profiled):")
        w("")
        w("| function | calls | cumulative s | own s |")
        w("|---|---:|---:|---:|")
        for x in pe["top_extract"]:
            w(f"| `{_esc(x['function'])}` | {x['calls']:,} | {x['cum_s']:.2f} | {x['self_s']:.2f} |")
        w("")
        w("Top functions by own time (any module): " + "; ".join(
            f"`{_esc(x['function'].replace(str(ROOT) + '/', ''))}` {x['self_s']:.2f} s ({x['calls']:,} calls)"
            for x in pe["top_self"][:8]))
        w("")
    for pm in res.get("profile_main", []):
        w(f"Main process of the {pm['label']} ({pm['seconds']:.1f} s under cProfile; {pm['loaded']:,} loaded, "
          f"{pm['unchanged']:,} unchanged; pool workers, when used, are not in it):")
        w("")
        w("| function | calls | cumulative s | own s |")
        w("|---|---:|---:|---:|")
        for x in pm["top_etl"]:
            w(f"| `{_esc(x['function'])}` | {x['calls']:,} | {x['cum_s']:.2f} | {x['self_s']:.2f} |")
        w("")
        w("Own time: " + "; ".join(f"`{_esc(Path(x['function'].split(':')[0]).name + ':' + x['function'].split(':', 1)[1])}` "
                                   f"{x['self_s']:.2f} s" for x in pm["top_self"][:6]))
        w("")

    # ---- what is slow and why
    w("## What is slow and why")
    w("")
    for b in findings(res):
        w(f"* {b}")
    w("")
    return "\n".join(L) + "\n"


def app_bench_filters() -> list[str]:
    return ["none", "province Hà Nội", "instrument 29-NQ/TW", "years 2019–2023", "type plan"]


def findings(res: dict) -> list[str]:
    """Short statements drawn from this run's numbers (no fixed claims)."""
    out = []
    etl = res["etl"]
    corpora = {c["docs"]: c for c in etl["corpora"]}
    big = corpora[max(corpora)]
    pe = res.get("profile_extract")
    if pe:
        st = pe["stages_profiled_s"]
        total = st.get("build_rows total (etl/records.py)") or 1
        parts = sorted(((k, v) for k, v in st.items() if not k.startswith("build_rows")), key=lambda kv: -kv[1])
        entry = {"extract", "extract_tasks", "_extract", "extract_coverage"}
        top = [x for x in pe["top_extract"] if x["function"].split(" ")[-1] not in entry][:4]
        i = big["ingest"]
        out.append(
            f"**ETL throughput**: {i['docs_per_s_per_core']:.0f} docs/s per core at {big['docs']:,} documents against "
            f"500. One process extracts {pe['docs_per_s_one_core']:.0f} docs/s ({pe['ms_per_doc']} ms per document), so "
            f"extraction itself is {ETL_DOCS_PER_CORE / pe['docs_per_s_one_core']:.1f}× too slow before any pool "
            f"overhead; under the profiler the biggest stages are " + ", ".join(
                f"{k.split(' ')[0]} {v / total * 100:.0f} %" for k, v in parts[:3]) + " of build_rows; below "
            "those, the heaviest functions are " + ", ".join(
                f"`{x['function'].split(':')[0].split('/')[-1]} {x['function'].split(' ')[-1]}` ({x['cum_s']:.1f} s, "
                f"{x['calls']:,} calls)" for x in top) + " (profiled times).")
        sc = pe.get("stages_unprofiled")
        if sc:
            st_ms = sc["stages_ms"]
            out.append(
                f"**ETL floor**: with no extraction at all a document costs {sc['floor_total_ms']:.2f} ms of CPU (read, "
                f"clean, fold, one sentence split, its documents row, shipping and writing it), "
                f"{sc['floor_total_ms'] / sc['budget_ms'] * 100:.0f} % of the {sc['budget_ms']:.0f} ms that 500 docs/s "
                f"per core allows. The extraction adds metadata {st_ms['metadata (extract)']:.2f} ms, tasks "
                f"{st_ms['tasks']:.2f} ms and coverage {st_ms['coverage']:.2f} ms; worker and writer together spend "
                f"{sc['worker_ms'] + sc['main_ms']:.2f} ms per document, a bound of "
                f"{sc['docs_per_s_per_core_bound']:.0f} docs/s per core on this machine.")
        if i["effective_cores"] < i["cores_used"] * 0.85:
            cold = next((p for p in res.get("profile_main", []) if p["label"].startswith("cold")), None)
            wait = next((x["cum_s"] for x in (cold or {}).get("top_etl", []) if x["function"].endswith(" _run_jobs")), None)
            msg = (f"**ETL parallelism**: the cold {big['docs']:,}-document ingest kept {i['effective_cores']:.2f} of "
                   f"{i['cores_used']} cores busy ({i['cpu_seconds']:.0f} CPU s in {i['seconds']:.0f} s), "
                   f"{i['docs_per_s_per_core']:.0f} docs/s per core against {pe['docs_per_s_one_core']:.0f} for one "
                   "process alone.")
            if cold and wait is not None:
                msg += (f" The main process is not the bottleneck: in the {cold['label']} it spent {wait:.1f} of "
                        f"{cold['seconds']:.1f} s waiting for the pool (`_run_jobs`), so the idle core-time goes to the "
                        "pool's start-up and tail, or to other processes on this shared machine (load average above).")
            out.append(msg)
    if "rerun_1pct_changed" in big:
        r2 = big["rerun_1pct_changed"]
        pm = next((p for p in res.get("profile_main", []) if "1 %" in p["label"]), None)
        wrappers = {"ingest", "_ingest_locked", "_build", "_run_jobs"}
        hot = ", ".join(f"`{x['function'].split(' ')[-1]}` {x['cum_s']:.1f} s" for x in
                        [x for x in (pm["top_etl"] if pm else []) if x["function"].split(" ")[-1] not in wrappers][:4])
        out.append(f"**1 % re-run**: {r2['files_changed']} changed files take {r2['seconds']:.1f} s "
                   f"({r2['seconds'] / max(1, r2['files_changed']) * 1000:.0f} ms per changed file, in one process as "
                   f"{r2['files_changed']} is under the pool's threshold)" + (f"; under cProfile ({pm['seconds']:.1f} s): {hot}" if hot else "")
                   + ".")
    if "warehouse_bytes_after_change" in big and big["warehouse_bytes_after_change"] > big["warehouse_bytes"] * 1.1:
        out.append(f"**Warehouse growth**: the 1 % re-run grows the file from {_mb(big['warehouse_bytes'])} to "
                   f"{_mb(big['warehouse_bytes_after_change'])}: the incremental build copies the old file and "
                   "deletes/re-inserts rows, and DuckDB keeps the freed blocks (see free blocks above).")
    qr = res["app"].get("queries", {})
    for e in qr.get("explain", []):
        if "error" in e:
            continue
        op = e["top"][0] if e["top"] else None
        where = (f"DuckDB execute {e['execute_ms']:.0f} ms + pandas fetch {e['fetch_ms']:.0f} ms"
                 + (f"; top operator {op['op']} ({op['share'] * 100:.0f} % of operator time"
                    + (f", {op['info'][:110]}" if op["info"] else "") + ")" if op else ""))
        rows = next((c["rows"] for c in qr["cases"] if c["function"] == e["function"] and c["args"] == e["args"]
                     and c["filter"] == e["filter"]), None)
        mb = next((c.get("df_mb") for c in qr["cases"] if c["function"] == e["function"] and c["args"] == e["args"]
                   and c["filter"] == e["filter"]), None)
        out.append(f"**`{e['function']}` {e['args']}** ({e['filter']}{', on demand' if e.get('on_demand') else ''}): "
                   f"{e['median_ms']:.0f} ms for {rows if rows is not None else '?'} rows{f' ({mb} MB as a DataFrame)' if mb else ''}; {where}.")
    sr = res["app"].get("scripts", {})
    pr = res["app"].get("pages", {})
    for p in sorted([p for p in pr.get("pages", []) if not p["met"]], key=lambda p: -(p["ratio"] or 0)):
        s = sr.get("pages", {}).get(p["file"], {})
        largest = ", ".join(f"{x['element']} {x['kb']:.0f} KB" for x in s.get("largest", [])[:2])
        out.append(f"**Page `{p['page']}`** ({p['file']}): {p['median_ms']:.0f} ms, ×{p['ratio']} the {p['anchor']} "
                   f"anchor (limit ×{p['ratio_limit']}). Server script {s.get('warm_ms', '?')} ms warm / "
                   f"{s.get('cold_ms', '?')} ms cold; it sends {s.get('payload_kb', 0) / 1024:.1f} MB"
                   + (f" (largest: {largest})" if largest else "") + ".")
    skip_fns = {"_q", "_q_at", "<lambda>", "<module>", "<dictcomp>", "<listcomp>", "chart"}
    for kind, p in sr.get("profiles", {}).items():
        own = [x for x in p["own_by_cumulative"]
               if not x["function"].startswith(("bench/", "dashboard.py"))
               and x["function"].split(" ")[-1] not in skip_fns][:4]
        lib = [x for x in p["all_by_self"] if not x["function"].startswith(("app/", "pages/", "~"))][:3]
        if own:
            out.append(f"**{kind.capitalize()} script profile, {p['page']}** ({p['ms']} ms unprofiled): " + ", ".join(
                f"`{x['function'].split(' ')[-1]}` {x['cum_ms']:.0f} ms ({x['calls']:,} calls)" for x in own)
                + "; most own time in " + ", ".join(
                f"`{Path(x['function'].split(':')[0]).name} {x['function'].split(' ')[-1]}` {x['self_ms']:.0f} ms "
                f"({x['calls']:,} calls)" for x in lib) + " (profiled times, ~2-3× the real ones).")
    bare_pages = [p for p in pr.get("pages", []) if p["anchor"] == "bare" and p["median_ms"]]
    if bare_pages:
        floor = min(bare_pages, key=lambda p: p["median_ms"])
        s = sr.get("pages", {}).get(floor["file"], {})
        out.append(f"**The dashboard's frame**: the cheapest page without plotly, `{floor['page']}` ({floor['file']}), "
                   f"takes {floor['median_ms']:.0f} ms, ×{floor['ratio']} the bare page, though its script runs in "
                   f"{s.get('warm_ms', '?')} ms and sends {s.get('payload_kb', 0):.0f} KB: the sidebar (navigation, "
                   "language switch, the filter widgets) costs the difference in the browser, on every page.")
    mem = pr.get("memory")
    if mem and pr.get("pages"):
        steps, prev = [], None
        for p in pr["pages"]:
            if prev is not None and p["server_rss_mb"] is not None:
                steps.append((p["server_rss_mb"] - prev, p["page"], p["file"]))
            prev = p["server_rss_mb"]
        if steps:
            d, page, file = max(steps)
            pq = res["app"].get("queries", {}).get("first_visit", {}).get(file, {})
            names = {q.split(" ")[0] for q in pq.get("queries", [])}
            cands = [c for c in res["app"].get("queries", {}).get("cases", [])
                     if c["function"] in names and c["filter"] == "none" and c.get("df_mb")]
            big_df = max(cands, key=lambda c: c["df_mb"]) if cands else None
            s = sr.get("pages", {}).get(file, {})
            out.append(f"**Memory**: {mem['server_rss_mb_after_all_pages']} MB after every page (limit "
                       f"{mem['limit_mb']:.0f}); the largest step is `{page}` (+{d:.0f} MB over its "
                       f"{mem['loads_per_page']} loads). In AppTest the same page took this process from "
                       f"{s.get('rss_before_mb')} to {s.get('rss_after_cold_mb')} MB on its cold run and to "
                       f"{s.get('rss_after_warm_mb')} MB after {sr.get('warm_runs')} warm reruns."
                       + (f" Its largest result, `{big_df['function']}` {big_df['args']}, is a {big_df['df_mb']} MB "
                          f"DataFrame ({big_df['rows']:,} rows); st.cache_data keeps it pickled and returns a new "
                          "unpickled copy on every hit." if big_df else ""))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--json", type=Path, help="also write every number as JSON here")
    ap.add_argument("--keep", type=Path, help="work in this folder and keep the corpora and warehouses")
    ap.add_argument("--from-json", type=Path, help="only re-render the report from a --json file")
    a = ap.parse_args(argv)
    if a.from_json:
        res = json.loads(a.from_json.read_text("utf-8"))
    else:
        res = run_all(a.keep)
        if a.json:
            a.json.parent.mkdir(parents=True, exist_ok=True)
            a.json.write_text(json.dumps(res, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(render(res), encoding="utf-8")
    log(f"written {a.out} (total {res['total_seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
