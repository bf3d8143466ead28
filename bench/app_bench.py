"""Dashboard benchmark at 10,000 documents: the SQL of every query the pages run, and every
page rendered in headless Chromium next to two anchor pages.

    .venv/bin/python -m bench.app_bench [--db WAREHOUSE | --keep DIR] [--out FILE.json]
                                        [--skip-pages] [--skip-queries]

Warehouse: --db uses an existing warehouse file. Otherwise a 10,000-document synthetic corpus
(etl.synth.generate, seed 2: the corpus bench.etl_bench builds at 10,000) is generated and
loaded with etl.pipeline.ingest into --keep DIR (both reused when already there) or into a
temporary folder.

Queries: app.queries is imported with CYBERDASH_DB pointing at the warehouse. Its
st.cache_data layer (`_run`) is replaced by the function it wraps, so every call runs the
SQL and the fetch into pandas, on the app's own cached read-only connection, which stays
open and warm as in the server. Each case runs once untimed, then RUNS (7) times; median and
worst are reported, and a case is flagged above 50 ms. The cases cover every public query
function that pages/, app/ui.py, app/filters.py and dashboard.py call (found by grep; a
function without a case is listed as such), under typical filters: none; one province (Hà
Nội); instrument 29-NQ/TW; years 2019–2023; document type "plan"; and the search text
"ke hoach". For every function whose slowest case is over the limit, the SQL of that case
is re-run with DuckDB profiling on (a separate cursor) and its top operators are kept.

Pages: ../shared/tools/page_timing.py starts `streamlit run` and loads each page in a fresh
headless Chromium context: the dashboard (--pages auto, CYBERDASH_DB at the warehouse), the
map page again waiting for the MapLibre canvas, and the two anchors in bench/anchors/ (a bare
title page, and one plotly map of the 63 provinces + one 15×63 heatmap + a 100-row table from
constants, waiting for the map canvas too). A page whose source draws a plotly chart is
compared with the plotly anchor, any other with the bare one. The anchors are timed before
and again after the dashboard, and compared by the median of both runs (the machine's load
can change in between). The server's RSS after the
dashboard run (every page loaded RUNS+WARMUP times) is the memory figure. Then
bench/page_metrics.py loads each page (and each anchor) once more and records what the wall
times cannot say steadily on a shared machine: bytes of JavaScript/CSS fetched, requests,
websocket bytes, DOM elements, and main-thread CPU time (script, layout, style, all tasks).
For interleaved A/B loads of two trees or of a page and its anchor, see bench/ab_pages.py.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import page_metrics

ROOT = Path(__file__).resolve().parents[1]
PAGE_TIMING = Path(os.environ.get("PAGE_TIMING", ROOT.parent / "shared" / "tools" / "page_timing.py"))
ANCHOR_BARE = "bench/anchors/bare.py"
ANCHOR_PLOTLY = "bench/anchors/plotly_anchor.py"
MAP_CANVAS = '[data-testid="stPlotlyChart"] canvas.maplibregl-canvas'

N_DOCS = 10_000
SEED = 2                 # bench.etl_bench's 10,000-document corpus (seed 1 + its index 1)
RUNS = 7
LIMIT_MS = 50.0
PAGE_RUNS, PAGE_WARMUP = 3, 1
PLOTLY_RATIO, BARE_RATIO = 1.2, 1.3
MEMORY_MB = 400.0

COMPARE = "compare: 3 provinces"

# The SQL a first visit of each page runs with no filter (all cache misses), as (function,
# args) of the cases below; "*" = any args. Kept by hand from the page code; the sidebar's
# queries (SIDEBAR) run on every page but are cached after the first.
SIDEBAR = [("warehouse_ready", ""), ("instruments", ""), ("provinces", ""), ("year_bounds", "")]
PAGE_QUERIES = {
    "pages/overview.py": [("count_documents", ""), ("headline", ""), ("province_summary", ""),
                          ("last_run", ""), ("run_change_counts", "*"),
                          ("run_changes_shown", "*")],
    "pages/map.py": [("count_documents", ""), ("map_measures", "documents, 63 units")],
    # timeline_points (the chart's CSV) runs only when its download is clicked
    "pages/timeline.py": [("count_documents", ""), ("timeline_documents", ""),
                          ("timeline_instruments", ""), ("lags", "")],
    "pages/coverage.py": [("count_documents", ""), ("coverage_cells", ""),
                          ("coverage_evidence", "cell *")],
    "pages/compare.py": [("count_documents", ""), ("province_summary", ""),
                         ("coverage_cells", COMPARE), ("lags", COMPARE),
                         ("lead_agencies", COMPARE), ("deadlines", COMPARE)],
    # search_documents (every match, for the CSV) runs only when its download is clicked,
    # document* only when a document is chosen (none is open on a first visit)
    "pages/documents.py": [("search_documents_shown", '""')],
    # every summary's CSV is queried only when its download is clicked: the page counts rows
    "pages/data.py": [("count_documents", ""), ("summary_counts", "")],
    "pages/upload.py": [],   # no upload password configured: the page stops before any query
}

# Query functions that read no SQL (paths, file stamps).
NOT_SQL = {"warehouse_path", "warehouse_stamp"}
CALLER_FILES = ("pages/*.py", "app/ui.py", "app/filters.py", "dashboard.py")


def log(msg: str) -> None:
    print(f"[app_bench] {msg}", file=sys.stderr, flush=True)


def quiet_streamlit() -> None:
    """No "No runtime found" / "missing ScriptRunContext" warnings from bare-mode Streamlit."""
    try:
        from streamlit import logger
        logger.set_log_level("error")
    except Exception:  # noqa: BLE001 - only cosmetic
        pass
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)


# ---------------------------------------------------------------- the warehouse
def build_warehouse(keep: Path, n: int = N_DOCS, seed: int = SEED) -> tuple[Path, dict]:
    """A warehouse of `n` synthetic documents in the folder `keep` (reused when complete)."""
    import duckdb

    from etl.pipeline import ingest
    from etl.synth import generate

    work = Path(keep)
    work.mkdir(parents=True, exist_ok=True)
    corpus, db = work / f"corpus_{n}", work / f"warehouse_{n}.duckdb"
    info = {"built": False, "docs": n, "seed": seed, "folder": str(work)}
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            have = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        if have == n:
            log(f"reusing {db} ({have:,} documents)")
            return db, info
    if not (corpus / "raw").is_dir() or sum(1 for _ in (corpus / "raw").glob("*.txt")) != n:
        log(f"generating {n:,} synthetic documents (seed {seed}) …")
        generate(n, corpus, seed)
    log(f"ingesting into {db} …")
    t0 = time.perf_counter()
    s = ingest(corpus / "raw", db, progress=False)
    info.update(built=True, ingest_seconds=round(time.perf_counter() - t0, 1), loaded=len(s.loaded))
    return db, info


# ---------------------------------------------------------------- query timing
@dataclass
class Case:
    function: str
    args: str          # what the non-filter arguments are, in words
    filter: str        # filter label, or "—" for functions that take none
    call: Callable[[], object]
    on_demand: bool = False   # run on a download click, not while the page draws


def called_functions() -> dict[str, list[str]]:
    """Every `queries.NAME(` in the page code, with the files that call it."""
    found: dict[str, set[str]] = {}
    for pattern in CALLER_FILES:
        for p in sorted(ROOT.glob(pattern)):
            for name in re.findall(r"\bqueries\.([A-Za-z]\w*)\s*\(", p.read_text("utf-8")):
                found.setdefault(name, set()).add(str(p.relative_to(ROOT)))
    return {k: sorted(v) for k, v in sorted(found.items()) if k not in NOT_SQL}


def _filters():
    from app.filters import Filters
    return {
        "none": Filters(),
        "province Hà Nội": Filters(provinces=("01",)),
        "instrument 29-NQ/TW": Filters(instrument="29-NQ/TW"),
        "years 2019–2023": Filters(year_from=2019, year_to=2023),
        "type plan": Filters(doc_types=("plan",)),
    }


def make_cases(q) -> tuple[list[Case], dict]:
    """Every case to time; `q` is the app.queries module, already pointed at the warehouse."""
    from app.filters import Filters

    filters = _filters()
    opened = q.search_documents(Filters(), "")       # the documents page opens its first row
    doc_id = str(opened.doc_id.iloc[0])
    files = [str(s) for s in opened.source_file.head(3)]
    run = q.last_run()
    run_id = int(run["run_id"]) if run else None
    cats = q.task_categories("vi")
    category, pillar = str(cats.category_code.iloc[0]), str(cats.gci_pillar.iloc[0])
    ctx = {"doc_id": doc_id, "files": files, "run_id": run_id, "cell_province": "01",
           "cell_category": category, "cell_pillar": pillar}

    cases: list[Case] = []
    add = cases.append
    for fl, f in filters.items():
        add(Case("count_documents", "", fl, lambda f=f: q.count_documents(f)))
        add(Case("headline", "", fl, lambda f=f: q.headline(f)))
        add(Case("province_summary", "", fl, lambda f=f: q.province_summary(f)))
        add(Case("map_measures", "documents, 63 units", fl, lambda f=f: q.map_measures(f, None, "63")))
        add(Case("timeline_documents", "", fl, lambda f=f: q.timeline_documents(f)))
        add(Case("timeline_instruments", "", fl, lambda f=f: q.timeline_instruments(f, "vi")))
        # the timeline's CSV (timeline page and data page): only on a download click
        add(Case("timeline_points", "", fl, lambda f=f: q.timeline_points(f, "vi"), on_demand=True))
        add(Case("lags", "", fl, lambda f=f: q.lags(f, "vi")))
        add(Case("coverage_cells", "", fl, lambda f=f: q.coverage_cells(f, "vi")))
        add(Case("pillar_cells", "", fl, lambda f=f: q.pillar_cells(f, "vi")))
        add(Case("coverage_evidence", f"cell 01 × {category}", fl,
                 lambda f=f: q.coverage_evidence(f, "01", category, None, "vi")))
        # the data page's evidence CSV: queried only when its download button is clicked
        add(Case("coverage_evidence", "all cells (data page)", fl,
                 lambda f=f: q.coverage_evidence(f, None, None, None, "vi"), on_demand=True))
        # under the sidebar's filters these three feed CSV downloads only (data page, documents
        # page), run when the button is clicked; the compare page runs the first two under its
        # own pick of provinces and the map page the third for a clicked province (below)
        add(Case("lead_agencies", "", fl, lambda f=f: q.lead_agencies(f), on_demand=True))
        add(Case("deadlines", "", fl, lambda f=f: q.deadlines(f), on_demand=True))
        add(Case("search_documents", '""', fl, lambda f=f: q.search_documents(f, ""), on_demand=True))
        add(Case("search_documents", '"ke hoach"', fl, lambda f=f: q.search_documents(f, "ke hoach"),
                 on_demand=True))
        add(Case("search_documents_shown", '""', fl, lambda f=f: q.search_documents_shown(f, "")))
        add(Case("search_documents_shown", '"ke hoach"', fl,
                 lambda f=f: q.search_documents_shown(f, "ke hoach")))
        add(Case("summary_counts", "", fl, lambda f=f: q.summary_counts(f)))
        add(Case("quality_warnings", "", fl, lambda f=f: q.quality_warnings(f, "vi")))
    top3 = tuple(q.province_summary(Filters()).province_code.head(3))   # compare's default pick
    g = Filters(provinces=top3)
    for fn in ("coverage_cells", "lags", "lead_agencies", "deadlines"):
        add(Case(fn, "", COMPARE, lambda fn=fn: getattr(q, fn)(g, *(("vi",) if fn in ("coverage_cells", "lags") else ()))))
    ctx["compare_provinces"] = list(top3)
    none = filters["none"]
    add(Case("search_documents", "map: documents of a clicked province (Hà Nội)", "none",
             lambda: q.search_documents(Filters(provinces=("01",)))))
    add(Case("map_measures", "lag to 29-NQ/TW, 34 units", "none",
             lambda: q.map_measures(none, "29-NQ/TW", "34")))
    add(Case("coverage_evidence", f"pillar cell 01 × {pillar}", "none",
             lambda: q.coverage_evidence(none, "01", None, pillar, "vi")))
    add(Case("warehouse_ready", "", "—", q.warehouse_ready))
    add(Case("instruments", "", "—", lambda: q.instruments("vi")))
    add(Case("provinces", "", "—", q.provinces))
    add(Case("year_bounds", "", "—", q.year_bounds))
    add(Case("last_run", "", "—", q.last_run))
    add(Case("run_changes", f"run {run_id}", "—", lambda: q.run_changes(run_id), on_demand=True))
    add(Case("run_change_counts", f"run {run_id}", "—", lambda: q.run_change_counts(run_id)))
    add(Case("run_changes_shown", f"run {run_id}", "—", lambda: q.run_changes_shown(run_id)))
    add(Case("search_documents_shown", '"" + opened document kept', "—",
             lambda: q.search_documents_shown(Filters(), "", keep=doc_id)))
    add(Case("etl_runs", "", "—", q.etl_runs))
    add(Case("table_sizes", "", "—", q.table_sizes))
    add(Case("codebook", "", "—", lambda: q.codebook("vi")))
    add(Case("ingest_errors", "", "—", q.ingest_errors))
    add(Case("document", "opened document", "—", lambda: q.document(doc_id)))
    add(Case("document_instruments", "opened document", "—", lambda: q.document_instruments(doc_id, "vi")))
    add(Case("document_coverage", "opened document", "—", lambda: q.document_coverage(doc_id, "vi")))
    add(Case("document_tasks", "opened document", "—", lambda: q.document_tasks(doc_id)))
    add(Case("document_extractions", "opened document", "—", lambda: q.document_extractions(doc_id)))
    add(Case("document_warnings", "opened document", "—", lambda: q.document_warnings(doc_id, "vi")))
    add(Case("document_deadlines", "opened document", "—", lambda: q.document_deadlines(doc_id)))
    add(Case("documents_for_files", "3 uploaded files", "—", lambda: q.documents_for_files(files)))
    add(Case("warnings_for_files", "3 uploaded files", "—", lambda: q.warnings_for_files(files)))
    for name in q.TABLES:
        add(Case("whole_table", name, "—", lambda name=name: q.whole_table(name), on_demand=True))
    return cases, ctx


def _pick(results: list[dict], fn: str, args: str) -> dict | None:
    """The case of `fn` with these args, under no filter (or compare's own filter)."""
    import fnmatch
    for r in results:
        if r["function"] != fn:
            continue
        if args == COMPARE:
            if r["filter"] == COMPARE:
                return r
        elif r["filter"] in ("none", "—") and fnmatch.fnmatchcase(r["args"], args or ""):
            return r
    return None


def first_visit_sql(results: list[dict]) -> dict:
    """Per page: the summed median time of the SQL its first visit runs with no filter."""
    out = {}
    side = [_pick(results, f, a) for f, a in SIDEBAR]
    out["(sidebar, every page)"] = {"ms": round(sum(r["median_ms"] for r in side if r), 1),
                                    "queries": [f for f, _ in SIDEBAR], "missing": []}
    for page, wanted in PAGE_QUERIES.items():
        got = [(f, a, _pick(results, f, a)) for f, a in wanted]
        found = [(f, r) for f, a, r in got if r]
        out[page] = {"ms": round(sum(r["median_ms"] for _, r in found), 1),
                     "queries": [f"{f} {r['median_ms']:.0f}" for f, r in
                                 sorted(found, key=lambda x: -x[1]["median_ms"])],
                     "missing": [f"{f} {a}" for f, a, r in got if r is None]}
    return out


def _mem_mb(v) -> float | None:
    try:
        return round(float(v.memory_usage(deep=True).sum()) / 1e6, 1)  # a DataFrame
    except AttributeError:
        return None


def _rows(v) -> int | None:
    try:
        return len(v)  # DataFrame, dict
    except TypeError:
        return None


def _walk_ops(node, out: list) -> None:
    if isinstance(node, list):
        for n in node:
            _walk_ops(n, out)
        return
    if not isinstance(node, dict):
        return
    if "type" in node or "operator_type" in node:
        out.append(node)
    _walk_ops(node.get("children", []), out)
    if "operator" in node:
        _walk_ops(node["operator"], out)


def _brief(extra) -> str:
    if not isinstance(extra, dict):
        return str(extra or "")[:160]
    keep = ("Table", "Join Type", "Conditions", "Filters", "Groups", "Aggregates", "Function",
            "Order By", "Expression")
    parts = []
    for k in keep:
        if k in extra and extra[k]:
            v = extra[k]
            v = "; ".join(map(str, v)) if isinstance(v, list) else str(v)
            parts.append(f"{k}: {' '.join(v.split())}")
    s = " | ".join(parts)
    return s[:240] + ("…" if len(s) > 240 else "")


def _fetch(res):
    """The result into pandas as app.queries does it (Arrow, then _frame)."""
    from app.queries import _frame
    with warnings.catch_warnings():   # DuckDB notes the DB-API path copies once more
        warnings.simplefilter("ignore")
        return _frame(res.to_arrow_table())


def profile_sql(con, sql: str, params: dict, top: int = 6) -> dict:
    """Run `sql` once with DuckDB profiling on a fresh cursor; its top operators by time."""
    cur = con.cursor()
    try:
        cur.execute("USE warehouse")
        cur.execute("SET enable_profiling = 'no_output'")
        t0 = time.perf_counter()
        cur.execute(sql, params).fetchall()   # (an Arrow fetch would leave no profile behind)
        wall = time.perf_counter() - t0
        prof = json.loads(cur.get_profiling_information(format="json"))
    finally:
        cur.close()
    # without profiling: DuckDB's execute() against the fetch into pandas (through Arrow, as the app)
    cur = con.cursor()
    try:
        cur.execute("USE warehouse")
        ex, fe = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            res = cur.execute(sql, params)
            t1 = time.perf_counter()
            _fetch(res)
            ex.append(t1 - t0)
            fe.append(time.perf_counter() - t1)
    finally:
        cur.close()
    ops: list = []
    _walk_ops(prof.get("operator", []), ops)
    total_op = sum(float(o.get("timing", o.get("operator_timing", 0)) or 0) for o in ops) or 1e-9
    ops.sort(key=lambda o: float(o.get("timing", o.get("operator_timing", 0)) or 0), reverse=True)
    qinfo = prof.get("query", {})
    return {
        "wall_ms": round(wall * 1000, 1),
        "execute_ms": round(statistics.median(ex) * 1000, 1),
        "fetch_ms": round(statistics.median(fe) * 1000, 1),
        "duckdb_total_ms": round(float(qinfo.get("total_time", 0)) * 1000, 1),
        "duckdb_cpu_ms": round(float(qinfo.get("cpu_time", 0)) * 1000, 1),
        "planner_ms": round(float(prof.get("planner", {}).get("total_time", 0)) * 1000, 1),
        "optimizer_ms": round(float(prof.get("optimizer", {}).get("total_time", 0)) * 1000, 1),
        "rows_scanned": qinfo.get("total_rows_scanned"),
        "operators": len(ops),
        "top": [{"op": o.get("type", o.get("operator_type")),
                 "ms": round(float(o.get("timing", o.get("operator_timing", 0)) or 0) * 1000, 1),
                 "share": round(float(o.get("timing", o.get("operator_timing", 0)) or 0) / total_op, 3),
                 "rows": o.get("intermediate_rows", o.get("operator_cardinality")),
                 "info": _brief(o.get("extra_info"))} for o in ops[:top]],
    }


def time_queries(db: Path, runs: int = RUNS, limit_ms: float = LIMIT_MS) -> dict:
    """Time every case on the warehouse `db` with Streamlit's data cache bypassed."""
    os.environ["CYBERDASH_DB"] = str(db)
    quiet_streamlit()
    import duckdb
    from app import queries as q

    cached = q._run
    raw = getattr(cached, "__wrapped__", None)
    if raw is None:  # pragma: no cover - another Streamlit version
        raise SystemExit("app.queries._run has no __wrapped__: cannot bypass st.cache_data")
    seen: list[tuple[str, dict]] = []

    def uncached(stamp, sql, params):
        seen.append((sql, dict(params)))
        return raw(stamp, sql, params)

    q._run = uncached
    try:
        cases, ctx = make_cases(q)
        called = called_functions()
        results = []
        for c in cases:
            seen.clear()
            value = c.call()          # untimed: the connection and DuckDB's buffers warm up
            sqls = list(seen)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                c.call()
                times.append((time.perf_counter() - t0) * 1000)
            med, worst = statistics.median(times), max(times)
            results.append({"function": c.function, "args": c.args, "filter": c.filter,
                            "on_demand": c.on_demand, "rows": _rows(value), "df_mb": _mem_mb(value),
                            "median_ms": round(med, 1), "max_ms": round(worst, 1),
                            "min_ms": round(min(times), 1), "over_limit": med > limit_ms,
                            "statements": len(sqls), "_sql": sqls[-1] if sqls else None})
        # profile the slowest case of every function over the limit
        stamp = q.warehouse_stamp()
        con = q._connection(stamp)
        slowest: dict[str, dict] = {}
        for r in results:
            if r["over_limit"] and r["_sql"] and (r["function"] not in slowest
                                                  or r["median_ms"] > slowest[r["function"]]["median_ms"]):
                slowest[r["function"]] = r
        explain = []
        for fn, r in sorted(slowest.items(), key=lambda kv: -kv[1]["median_ms"]):
            sql, params = r["_sql"]
            try:
                p = profile_sql(con, sql, params)
            except duckdb.Error as e:
                p = {"error": str(e)[:300]}
            explain.append({"function": fn, "args": r["args"], "filter": r["filter"],
                            "median_ms": r["median_ms"], "on_demand": r["on_demand"], **p})
        page_sql = first_visit_sql(results)
        timed = {r["function"] for r in results}
        for r in results:
            r.pop("_sql", None)
        return {
            "runs": runs, "limit_ms": limit_ms, "duckdb": duckdb.__version__,
            "threads": con.execute("SELECT current_setting('threads')").fetchone()[0],
            "context": ctx, "cases": results, "explain": explain, "first_visit": page_sql,
            "called_by_pages": called,
            "called_but_not_timed": sorted(set(called) - timed),
        }
    finally:
        q._run = cached


# ---------------------------------------------------------------- script time (server side)
def _rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _payload(at) -> tuple[int, list]:
    """Bytes of every element the run sent (their protobuf messages), and the largest."""
    acc: list[tuple[str, str, int]] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            label = str(getattr(node, "label", "") or getattr(node, "key", "") or "")[:40]
            acc.append((str(getattr(node, "type", type(node).__name__)), label, len(proto.SerializeToString())))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for c in children.values():
                walk(c)
    walk(at._tree)
    acc.sort(key=lambda x: -x[2])
    return sum(b for *_, b in acc), [{"element": e, "label": lb, "kb": round(b / 1024, 1)} for e, lb, b in acc[:4]]


def _profile_top(prof, top: int = 12) -> dict:
    """Top functions by cumulative time in the project's own files, and overall by own time."""
    import pstats
    st_ = pstats.Stats(prof)
    rows = []
    for (file, line, fn), (cc, nc, tt, ct, _callers) in st_.stats.items():
        rows.append((file, line, fn, nc, tt, ct))
    root = str(ROOT) + os.sep

    def where(file, line, fn):
        f = file[len(root):] if file.startswith(root) else "/".join(Path(file).parts[-2:])
        return f"{f}:{line} {fn}"

    own = [r for r in rows if r[0].startswith(root) and "/.venv/" not in r[0]]
    own.sort(key=lambda r: -r[5])
    rows.sort(key=lambda r: -r[4])
    return {"own_by_cumulative": [{"function": where(*r[:3]), "calls": r[3], "cum_ms": round(r[5] * 1000, 1),
                                   "self_ms": round(r[4] * 1000, 1)} for r in own[:top]],
            "all_by_self": [{"function": where(*r[:3]), "calls": r[3], "self_ms": round(r[4] * 1000, 1),
                             "cum_ms": round(r[5] * 1000, 1)} for r in rows[:top]]}


def script_times(db: Path, warm_runs: int = 3) -> dict:
    """Each page's script run in Streamlit's AppTest (no browser): cold (st.cache_data
    cleared first: every query a miss) and warm (median of `warm_runs` reruns), the bytes of
    the elements it sends, and this process's RSS growth; cProfile of the slowest warm and
    cold runs."""
    import cProfile

    import streamlit as st
    from streamlit.navigation.page import StreamlitPage
    from streamlit.testing.v1 import AppTest

    os.environ["CYBERDASH_DB"] = str(db)
    quiet_streamlit()
    files = []
    for info in page_sources().values():
        if info["file"] not in files:
            files.append(info["file"])
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.run()
    out, runs = {}, {}
    for f in files:
        quiet_streamlit()  # AppTest resets the log levels
        st.cache_data.clear()
        rss0 = _rss_mb()
        at.switch_page(f)
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
        rss1 = _rss_mb()
        warm = []
        for _ in range(warm_runs):
            t0 = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - t0)
        total, largest = _payload(at)
        out[f] = {"cold_ms": round(cold * 1000), "warm_ms": round(statistics.median(warm) * 1000),
                  "exceptions": len(at.exception), "payload_kb": round(total / 1024, 1), "largest": largest,
                  "rss_before_mb": rss0, "rss_after_cold_mb": rss1, "rss_after_warm_mb": _rss_mb()}
        runs[f] = (cold, statistics.median(warm))
    profiles = {}
    for kind, idx in (("warm", 1), ("cold", 0)):
        f = max(runs, key=lambda k: runs[k][idx])
        if kind == "cold":
            quiet_streamlit()
            st.cache_data.clear()
        at.switch_page(f)
        if kind == "warm":
            at.run()
        # the script runs in AppTest's own thread: profile inside it, around the page itself
        # (the sidebar drawn by dashboard.py before page.run() is left out)
        prof = cProfile.Profile()
        orig = StreamlitPage.run

        def profiled_run(self, _orig=orig, _prof=prof):
            _prof.enable()
            try:
                return _orig(self)
            finally:
                _prof.disable()
        StreamlitPage.run = profiled_run
        try:
            at.run()
        finally:
            StreamlitPage.run = orig
        if kind == "cold":
            quiet_streamlit()
            st.cache_data.clear()
        profiles[kind] = {"page": f, "ms": round(runs[f][idx] * 1000), **_profile_top(prof)}
    return {"pages": out, "warm_runs": warm_runs, "profiles": profiles}


# ---------------------------------------------------------------- page timing
def page_sources() -> dict[str, dict]:
    """URL path → page file, title key and whether it draws plotly, from dashboard.py."""
    src = (ROOT / "dashboard.py").read_text("utf-8")
    pages = {}
    for chunk in src.split("st.Page(")[1:]:
        chunk = chunk.split("st.Page(")[0].split("]")[0]
        m_file = re.search(r'"(pages/[^"]+\.py)"', chunk)
        m_url = re.search(r'url_path\s*=\s*"([^"]+)"', chunk)
        if not m_file:
            continue
        code = (ROOT / m_file.group(1)).read_text("utf-8")
        info = {"file": m_file.group(1),
                "plotly": bool(re.search(r"\bst\.plotly_chart\(|\bui\.chart\(", code)),
                "map": bool(re.search(r"\bmaps\.province_map_figure\(", code))}
        url = "/" + (m_url.group(1) if m_url else Path(m_file.group(1)).stem)
        pages[url] = info
        if re.search(r"default\s*=\s*True", chunk):
            pages["/"] = info
    return pages


def run_page_timing(app: str, pages: str, *, env: dict | None = None, wait_for: list[str] = (),
                    runs: int = PAGE_RUNS, warmup: int = PAGE_WARMUP, timeout: int = 1500) -> dict:
    """One page_timing.py run; its JSON lines and what it said on stderr."""
    if not PAGE_TIMING.exists():
        raise SystemExit(f"{PAGE_TIMING} is missing (set PAGE_TIMING to its path)")
    with tempfile.NamedTemporaryFile("w+", suffix=".log", prefix="page_timing_") as logf:
        cmd = [sys.executable, str(PAGE_TIMING), "--app", app, "--pages", pages, "--runs", str(runs),
               "--warmup", str(warmup), "--log", logf.name]
        for s in wait_for:
            cmd += ["--wait-for", s]
        log(f"page timing: {app} {pages} {' '.join('--wait-for ' + s for s in wait_for)}")
        t0 = time.perf_counter()
        p = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True,
                           text=True, timeout=timeout)
        logf.seek(0)
        server_log = logf.read()
    lines = []
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    errs = [e for e in p.stderr.splitlines() if e.strip()]
    tb = [ln for ln in server_log.splitlines()
          if re.search(r"Traceback|Exception|\bERROR\b|Error:", ln) and "GET /" not in ln]
    return {"app": app, "pages_arg": pages, "wait_for": list(wait_for), "exit_code": p.returncode,
            "seconds": round(time.perf_counter() - t0, 1), "lines": lines, "stderr": errs[-40:],
            "server_log_errors": tb[-20:]}


def time_pages(db: Path) -> dict:
    env = {"CYBERDASH_DB": str(db)}
    src = page_sources()
    bare = run_page_timing(ANCHOR_BARE, "/")
    plotly = run_page_timing(ANCHOR_PLOTLY, "/", wait_for=[MAP_CANVAS])
    dash = run_page_timing("dashboard.py", "auto", env=env)
    map_urls = sorted({u for u, i in src.items() if i["map"] and u != "/"})
    maps_run = run_page_timing("dashboard.py", ",".join(map_urls), env=env, wait_for=[MAP_CANVAS]) \
        if map_urls else None

    # the anchors again after the dashboard, and each anchor's median taken over both runs:
    # on a shared machine the load can change between the first anchor run and the last page
    bare2 = run_page_timing(ANCHOR_BARE, "/")
    plotly2 = run_page_timing(ANCHOR_PLOTLY, "/", wait_for=[MAP_CANVAS])
    for first, again in ((bare, bare2), (plotly, plotly2)):
        if first["lines"] and again["lines"]:
            ln = first["lines"][0]
            ln["runs_ms"] = ln["runs_ms"] + again["lines"][0]["runs_ms"]
            ln["median_ms"] = round(statistics.median(ln["runs_ms"]), 1)
            ln["max_ms"] = max(ln["runs_ms"])

    def med(run):
        return run["lines"][0]["median_ms"] if run["lines"] else None

    # what each page fetched and how much main-thread work it did: one more load per page
    try:
        log("page metrics (bytes, DOM, main-thread CPU): anchors and dashboard")
        metrics = {"bare": page_metrics.measure(ANCHOR_BARE, ["/"])[0],
                   "plotly": page_metrics.measure(ANCHOR_PLOTLY, ["/"], wait_for=[MAP_CANVAS])[0]}
        # the map page waits for its canvas, as in the timing the ratio uses
        urls = [(ln["page"], [MAP_CANVAS] if ln["page"] in map_urls else []) for ln in dash["lines"]]
        metrics.update({f"page {m['page']}": m for m in page_metrics.measure(
            "dashboard.py", urls, env=env)} if urls else {})
        metrics_error = None
    except Exception as e:  # noqa: BLE001 - the timings stand without them
        metrics, metrics_error = {}, f"{type(e).__name__}: {e}"

    anchors = {"bare": {"median_ms": med(bare), "line": bare["lines"][0] if bare["lines"] else None,
                        "metrics": metrics.get("bare"),
                        "exit_code": bare["exit_code"], "stderr": bare["stderr"]},
               "plotly": {"median_ms": med(plotly), "line": plotly["lines"][0] if plotly["lines"] else None,
                          "metrics": metrics.get("plotly"),
                          "exit_code": plotly["exit_code"], "stderr": plotly["stderr"],
                          "wait_for": MAP_CANVAS}}
    map_lines = {ln["page"]: ln for ln in (maps_run["lines"] if maps_run else [])}
    rows = []
    for ln in dash["lines"]:
        info = src.get(ln["page"], {"file": "?", "plotly": False, "map": False})
        use = map_lines.get(ln["page"]) if info["map"] else None
        median = (use or ln)["median_ms"]
        kind = "plotly" if info["plotly"] else "bare"
        anchor = anchors[kind]["median_ms"]
        limit = PLOTLY_RATIO if kind == "plotly" else BARE_RATIO
        ratio = round(median / anchor, 2) if median and anchor else None
        rows.append({"page": ln["page"], "file": info["file"], "anchor": kind,
                     "median_ms": median, "max_ms": (use or ln)["max_ms"], "runs_ms": (use or ln)["runs_ms"],
                     "median_ms_without_canvas_wait": ln["median_ms"] if use else None,
                     "ratio": ratio, "ratio_limit": limit, "met": ratio is not None and ratio <= limit,
                     **{k: max(ln.get(k, 0), (use or {}).get(k, 0)) for k in
                        ("exceptions", "error_alerts", "failed_loads", "js_errors", "failed_requests")},
                     "server_rss_mb": ln.get("server_rss_mb"), "server_peak_rss_mb": ln.get("server_peak_rss_mb"),
                     "metrics": metrics.get(f"page {ln['page']}")})
    last = dash["lines"][-1] if dash["lines"] else {}
    return {
        "tool": str(PAGE_TIMING), "runs": PAGE_RUNS, "warmup": PAGE_WARMUP,
        "anchors": anchors, "pages": rows, "metrics_error": metrics_error,
        "memory": {"server_rss_mb_after_all_pages": last.get("server_rss_mb"),
                   "server_peak_rss_mb": last.get("server_peak_rss_mb"), "limit_mb": MEMORY_MB,
                   "met": last.get("server_rss_mb") is not None and last["server_rss_mb"] <= MEMORY_MB,
                   "pages_visited": len(dash["lines"]), "loads_per_page": PAGE_RUNS + PAGE_WARMUP},
        "runs_raw": {"dashboard": {k: v for k, v in dash.items() if k != "lines"},
                     "map": {k: v for k, v in maps_run.items() if k != "lines"} if maps_run else None,
                     "bare": {k: v for k, v in bare.items() if k != "lines"},
                     "plotly": {k: v for k, v in plotly.items() if k != "lines"}},
    }


# ---------------------------------------------------------------- entry point
def run(db: Path | None = None, keep: Path | None = None, *, queries: bool = True,
        pages: bool = True) -> dict:
    if db is None and keep is None:
        with tempfile.TemporaryDirectory(prefix="app_bench_") as tmp:
            return run(None, Path(tmp), queries=queries, pages=pages)
    info: dict = {"given": str(db)} if db else {}
    if db is None:
        db, info = build_warehouse(keep)
    db = Path(db)
    size = sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())
    out: dict = {"warehouse": {"path": str(db), "bytes": size, **info}}
    if queries:
        log("timing queries …")
        t0 = time.perf_counter()
        out["queries"] = time_queries(db)
        out["queries"]["seconds"] = round(time.perf_counter() - t0, 1)
    if queries:
        log("script runs in AppTest …")
        t0 = time.perf_counter()
        out["scripts"] = script_times(db)
        out["scripts"]["seconds"] = round(time.perf_counter() - t0, 1)
    if pages:
        out["pages"] = time_pages(db)
    return out


def summary(res: dict) -> str:
    lines = []
    qr = res.get("queries")
    if qr:
        worst: dict[str, dict] = {}
        for c in qr["cases"]:
            if c["function"] not in worst or c["median_ms"] > worst[c["function"]]["median_ms"]:
                worst[c["function"]] = c
        lines.append(f"{'query (slowest case)':<24} {'filter':<22} {'median':>8} {'max':>8}")
        for fn, c in sorted(worst.items(), key=lambda kv: -kv[1]["median_ms"]):
            flag = " >50ms" if c["over_limit"] else ""
            lines.append(f"{fn:<24} {c['filter']:<22} {c['median_ms']:>8.1f} {c['max_ms']:>8.1f}{flag}")
    pr = res.get("pages")
    if pr:
        a = pr["anchors"]
        lines.append(f"anchors: bare {a['bare']['median_ms']} ms, plotly {a['plotly']['median_ms']} ms")
        for p in pr["pages"]:
            lines.append(f"{p['page']:<18} {p['median_ms']!s:>8} ms  ×{p['ratio']} of {p['anchor']} "
                         f"({'MET' if p['met'] else 'MISSED'})  exc {p['exceptions']} failed req {p['failed_requests']}")
        m = pr["memory"]
        lines.append(f"server RSS after every page: {m['server_rss_mb_after_all_pages']} MB "
                     f"(peak {m['server_peak_rss_mb']} MB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.app_bench", description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--db", type=Path, help="an existing warehouse to measure")
    src.add_argument("--keep", type=Path, help="build (or reuse) the 10,000-document warehouse here")
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--skip-pages", action="store_true")
    ap.add_argument("--skip-queries", action="store_true")
    a = ap.parse_args(argv)
    res = run(a.db, a.keep, queries=not a.skip_queries, pages=not a.skip_pages)
    if a.out:
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(res, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    print(summary(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
