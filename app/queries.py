"""Every read of the warehouse, and the only place in the app with SQL.

Values always travel as bound `$name` parameters. Connections are read-only and cached per
warehouse file *version* (path, inode, mtime): the ETL swaps a rebuilt warehouse in by an
atomic rename, which gives a new inode, so the next rerun opens the new file and every
cached result keyed on the old stamp is simply never asked for again.
"""
from __future__ import annotations

import os
import re
import threading
import warnings
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from app.filter_model import Filters
from app.search import terms

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"

# Whole tables offered on the data page, in the order shown. Names are fixed here, never
# taken from input, so each has its own constant statement.
TABLES = (
    "documents", "extractions", "document_instruments", "instruments", "task_categories",
    "task_coverage", "tasks", "task_agencies", "deadlines", "quality_warnings",
    "ingest_errors", "etl_runs", "etl_changes", "provinces", "codebook",
)
_TABLE_SQL = {name: f"SELECT * FROM {name}" for name in TABLES}  # noqa: S608 (fixed names)
_SIZES_SQL = " UNION ALL ".join(  # noqa: S608 (fixed names)
    f"SELECT '{n}' AS table_name, count(*) AS rows FROM {n}" for n in TABLES)


# ---------------------------------------------------------------- connection and cache
def warehouse_path() -> Path:
    return Path(os.environ.get("CYBERDASH_DB") or DEFAULT_WAREHOUSE)


@dataclass(frozen=True)
class Stamp:
    path: str
    inode: int
    mtime_ns: int


def warehouse_stamp(path: Path | None = None) -> Stamp | None:
    """Identity of the warehouse file (default: the current one), or None when there is none."""
    p = Path(path) if path is not None else warehouse_path()
    try:
        s = p.stat()
    except OSError:
        return None
    return Stamp(str(p), s.st_ino, s.st_mtime_ns)


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(stamp: Stamp) -> duckdb.DuckDBPyConnection:
    """A read-only connection to this version of the warehouse file.

    The file is ATTACHed (READ_ONLY) to a fresh in-memory database instead of opened with
    duckdb.connect(path): inside one process DuckDB shares a single database instance per
    path, which would keep serving the old file after the ETL renamed a new one into place.
    The path is the app's own setting, not user input; it is quoted as an SQL literal
    because ATTACH takes no bound parameters."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH '" + stamp.path.replace("'", "''") + "' AS warehouse (READ_ONLY)")
    con.execute("USE warehouse")   # the macros' tables are bound now, in the warehouse
    con.execute(_FILTERED_DOCUMENTS_MACRO)
    return con


# Named SQL made on each connection (in its own in-memory catalog: the warehouse is read-only).
_FILTERED_DOCUMENTS_MACRO = (ROOT / "app" / "sql" / "filtered_documents.sql").read_text(
    encoding="utf-8")
_SEARCH_PATH = "SET search_path = 'warehouse.main,memory.main'"

_PARAM = re.compile(r"\$([A-Za-z_]\w*)")

# How many rows a page shows of a list that can be long (the rest is in its CSV).
SHOWN_DOCUMENTS = 200
SHOWN_CHANGES = 50


class _NoCache(threading.local):
    """`with queries.no_cache:` — the queries inside run past st.cache_data, on this thread
    only. For one-off downloads of big tables: the cache would keep each result pickled for
    good and hand every later hit a fresh copy."""
    depth = 0

    def __enter__(self):
        self.depth += 1
        return self

    def __exit__(self, *exc):
        self.depth -= 1
        return False


no_cache = _NoCache()


# DuckDB warns that Arrow from a DB-API result copies the rows once more. Measured at 10,000
# documents, that copy still costs less than the relation API (con.sql), which plans the
# statement twice (+5-10 ms on the bigger queries), and far less than fetchdf() on long text.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


@st.cache_data(max_entries=512, show_spinner=False)
def _run(stamp: Stamp, sql: str, params: tuple) -> pd.DataFrame:
    cur = _connection(stamp).cursor()  # one cursor per query: safe across script threads
    try:
        # the warehouse's tables, then the connection's own macros
        cur.execute(_SEARCH_PATH)
        return _frame(cur.execute(sql, dict(params)).to_arrow_table())
    finally:
        cur.close()


def _frame(table: pa.Table) -> pd.DataFrame:
    """The result as fetchdf() gives it, through Arrow: fetchdf() builds Python string objects
    that pandas then turns back into Arrow strings, which made text-heavy results (10,000
    timeline rows) cost twice their query. Dates become datetime64[us], as fetchdf() makes them."""
    df = table.to_pandas(date_as_object=False)
    for name, typ in zip(table.column_names, table.schema.types):
        if pa.types.is_date(typ):
            df[name] = df[name].astype("datetime64[us]")
        elif (pa.types.is_integer(typ) or pa.types.is_boolean(typ)) and table.column(name).null_count:
            # as fetchdf(): a nullable pandas type (Int64, boolean), not floats or objects
            nullable = pd.api.types.pandas_dtype("boolean" if pa.types.is_boolean(typ)
                                                 else str(typ).replace("int", "Int").replace("uInt", "UInt"))
            df[name] = table.column(name).to_pandas(types_mapper={typ: nullable}.get)
    return df


def _q(sql: str, **params) -> pd.DataFrame:
    """Run `sql` with the named parameters it uses (DuckDB refuses unused ones)."""
    return _q_at(None, sql, **params)


def _q_at(db: Path | None, sql: str, **params) -> pd.DataFrame:
    """`_q` on the warehouse file `db` (None: the current one, from CYBERDASH_DB)."""
    stamp = warehouse_stamp(db)
    if stamp is None:
        raise FileNotFoundError(db or warehouse_path())
    used = set(_PARAM.findall(sql))
    missing = used - params.keys()
    if missing:
        raise KeyError(f"missing SQL parameters: {sorted(missing)}")
    bound = tuple(sorted((k, _freeze(v)) for k, v in params.items() if k in used))
    if no_cache.depth:
        return _run.__wrapped__(stamp, sql, bound)
    return _run(stamp, sql, bound)


def _freeze(v):
    return list(v) if isinstance(v, (tuple, list)) else v


def _fp(f: Filters, lang: str = "vi", **extra) -> dict:
    """The filter parameters every filtered statement takes."""
    return dict(inst=f.instrument, y0=f.year_from, y1=f.year_to, provs=list(f.provinces),
                types=list(f.doc_types), levels=list(f.levels), lang=lang, **extra)


def warehouse_ready() -> bool:
    """True when the warehouse exists and has the documents table."""
    if warehouse_stamp() is None:
        return False
    try:
        _q("SELECT count(*) AS n FROM documents")
    except (duckdb.Error, FileNotFoundError):
        return False
    return True


# ---------------------------------------------------------------- shared SQL pieces
# The documents the sidebar filters select: the table macro of app/sql/filtered_documents.sql
# (made on each connection), every filter a bound parameter. The search joins the folded
# texts of the documents holding its words to it (_SEARCH).
_FDOCS_CALL = "filtered_documents($inst, $y0, $y1, $provs, $types, $levels)"
_FDOCS = "fdocs AS (SELECT * FROM " + _FDOCS_CALL + ")"
# Per province and implemented instrument: the first action (earliest dated document) and
# the first plan; the lag counts to the first plan, else to the first action.
_PAIRS = _FDOCS + """,
impl AS (
    SELECT f.*, i.instrument_key, i.instrument_id, i.kind AS instrument_kind,
           i.level AS instrument_level, i.issue_date AS instrument_date,
           CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
               AS instrument_title,
           di.via
    FROM fdocs f
    JOIN document_instruments di ON di.doc_id = f.doc_id AND di.relation = 'implements'
    JOIN instruments i ON i.instrument_key = di.instrument_key
    WHERE f.doc_date IS NOT NULL AND f.province_code IS NOT NULL
      AND ($inst::VARCHAR IS NULL OR i.instrument_key = $inst::VARCHAR)
),
pairs AS (
    SELECT province_code, any_value(province) AS province,
           instrument_key, any_value(instrument_id) AS instrument_id,
           any_value(instrument_title) AS instrument_title,
           any_value(instrument_level) AS instrument_level,
           any_value(instrument_date) AS instrument_date,
           min(doc_date) AS first_action_date,
           arg_min(doc_id, doc_date) AS first_action_doc_id,
           arg_min(coalesce(doc_number, title), doc_date) AS first_action_doc,
           arg_min(doc_type, doc_date) AS first_action_type,
           min(doc_date) FILTER (WHERE is_plan) AS first_plan_date,
           arg_min(doc_id, doc_date) FILTER (WHERE is_plan) AS first_plan_doc_id,
           arg_min(coalesce(doc_number, title), doc_date) FILTER (WHERE is_plan)
               AS first_plan_doc,
           count(DISTINCT doc_id) AS documents
    FROM impl GROUP BY province_code, instrument_key
),
lags AS (
    SELECT *,
           date_diff('day', instrument_date, coalesce(first_plan_date, first_action_date))
               AS lag_days,
           CASE WHEN first_plan_date IS NOT NULL THEN 'plan' ELSE 'first_action' END
               AS lag_basis
    FROM pairs
)"""

# Provinces × task categories, graded.
_CELLS = _FDOCS + """,
prov_rows AS (
    SELECT DISTINCT province_code FROM fdocs WHERE province_code IS NOT NULL
    UNION SELECT unnest($provs::VARCHAR[])
),
prov_docs AS (
    SELECT province_code, count(*) AS n_docs FROM fdocs GROUP BY province_code
),
cov AS (
    SELECT f.province_code, tc.category_code,
           count(*) AS n_evidence,
           count(DISTINCT tc.doc_id) AS n_docs_covering,
           bool_or(tc.mode = 'reported') AS any_reported,
           bool_or(tc.mode = 'planned') AS any_planned
    FROM fdocs f JOIN task_coverage tc ON tc.doc_id = f.doc_id
    GROUP BY f.province_code, tc.category_code
),
cells AS (
    SELECT r.province_code, p.name_vi AS province,
           CASE WHEN $lang = 'en' THEN p.region_en ELSE p.region_vi END AS region,
           c.category_code, c.sort_order, c.gci_pillar,
           CASE WHEN $lang = 'en' THEN c.label_en ELSE c.label_vi END AS category,
           CASE WHEN $lang = 'en' THEN c.pillar_en ELSE c.pillar_vi END AS pillar,
           coalesce(pd.n_docs, 0) AS n_docs,
           coalesce(cov.n_docs_covering, 0) AS n_docs_covering,
           coalesce(cov.n_evidence, 0) AS n_evidence,
           CASE WHEN coalesce(pd.n_docs, 0) = 0 THEN 'no_docs'
                WHEN cov.any_reported THEN 'reported'
                WHEN cov.any_planned THEN 'planned'
                ELSE 'silent' END AS status
    FROM prov_rows r
    JOIN provinces p ON p.gso_code = r.province_code
    CROSS JOIN task_categories c
    LEFT JOIN prov_docs pd ON pd.province_code = r.province_code
    LEFT JOIN cov ON cov.province_code = r.province_code AND cov.category_code = c.category_code
)"""

STATUS_ORDER = ("no_docs", "silent", "planned", "reported")


# ---------------------------------------------------------------- reference lists
def instruments(lang: str = "vi") -> pd.DataFrame:
    """Catalogued instruments, those that documents implement first, then by date."""
    return _q("""
        WITH n AS (SELECT instrument_key, count(DISTINCT doc_id) AS documents
                   FROM document_instruments WHERE relation = 'implements'
                   GROUP BY instrument_key)
        SELECT i.instrument_key, i.instrument_id, i.kind, i.issuing_body, i.level,
               i.issue_date, i.implements,
               CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
                   AS title,
               coalesce(n.documents, 0) AS documents
        FROM instruments i LEFT JOIN n USING (instrument_key)
        ORDER BY coalesce(n.documents, 0) = 0, i.level, i.issue_date DESC, i.instrument_id
    """, lang=lang)


def provinces() -> pd.DataFrame:
    return _q("""
        WITH n AS (SELECT province_code, count(*) AS documents FROM documents
                   GROUP BY province_code)
        SELECT p.gso_code, p.name_vi, p.ascii_key, p.iso_code, p.region_vi, p.region_en,
               p.merged_into_name_vi, p.merged_into_key, coalesce(n.documents, 0) AS documents
        FROM provinces p LEFT JOIN n ON n.province_code = p.gso_code
        ORDER BY p.ascii_key
    """)


def task_categories(lang: str = "vi") -> pd.DataFrame:
    return _q("""
        SELECT category_code, sort_order, gci_pillar,
               CASE WHEN $lang = 'en' THEN label_en ELSE label_vi END AS category,
               CASE WHEN $lang = 'en' THEN pillar_en ELSE pillar_vi END AS pillar
        FROM task_categories ORDER BY sort_order
    """, lang=lang)


def year_bounds() -> tuple[int, int] | None:
    """First and last year of any dated document, or None when no document has a date."""
    df = _q("""
        SELECT min(year(coalesce(issue_date, event_date, published_date))) AS y0,
               max(year(coalesce(issue_date, event_date, published_date))) AS y1
        FROM documents
    """)
    if df.empty or pd.isna(df.at[0, "y0"]):
        return None
    return int(df.at[0, "y0"]), int(df.at[0, "y1"])


# ---------------------------------------------------------------- overview
def count_documents(f: Filters) -> int:
    return int(_q("WITH " + _FDOCS + " SELECT count(*) AS n FROM fdocs", **_fp(f)).at[0, "n"])


def headline(f: Filters) -> dict:
    """Documents, provinces and instruments under the filters, and the median lag."""
    df = _q("WITH " + _PAIRS + """
        SELECT (SELECT count(*) FROM fdocs) AS documents,
               (SELECT count(DISTINCT province_code) FROM fdocs) AS provinces,
               (SELECT count(DISTINCT di.instrument_key) FROM fdocs f
                  JOIN document_instruments di ON di.doc_id = f.doc_id
                 WHERE di.relation = 'implements' AND di.instrument_key IS NOT NULL
                   AND ($inst::VARCHAR IS NULL OR di.instrument_key = $inst::VARCHAR))
                   AS instruments,
               -- "days from a central text to the first provincial plan": plans only (a
               -- five-year review is an action, not the plan that answers the text)
               (SELECT median(date_diff('day', instrument_date, first_plan_date)) FROM lags
                 WHERE instrument_level = 'central' AND first_plan_date IS NOT NULL) AS median_lag_days,
               (SELECT count(*) FROM lags
                 WHERE instrument_level = 'central' AND first_plan_date IS NOT NULL) AS lag_pairs
    """, **_fp(f))
    row = df.iloc[0].to_dict()
    lag = row["median_lag_days"]
    row["median_lag_days"] = None if pd.isna(lag) else float(lag)
    return {k: (v if k == "median_lag_days" else int(v)) for k, v in row.items()}


def province_summary(f: Filters) -> pd.DataFrame:
    """One row per province with documents: counts, first plan (issued by a province-level
    body: the provincial People's Committee or its chairman, the provincial Party committee)
    with its issuer, level and lag, the first plan from any other body (a department,
    district, commune, the military: `first_action`), coverage, last document date and open
    data-quality warnings."""
    return _q("WITH " + _PAIRS + """,
        ranked_plans AS (
            SELECT province_code, doc_id, coalesce(doc_number, title) AS doc, issuer, level,
                   doc_date, (level IN ('province', 'party') AND district IS NULL) AS own
            FROM fdocs WHERE is_plan AND doc_date IS NOT NULL AND province_code IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY province_code, own
                                       ORDER BY doc_date, doc, doc_id) = 1
        ),
        plans AS (
            SELECT province_code, doc_date AS first_plan_date, doc_id AS first_plan_doc_id,
                   doc AS first_plan, issuer AS first_plan_issuer, level AS first_plan_level
            FROM ranked_plans WHERE own
        ),
        actions AS (
            SELECT province_code, doc_date AS first_action_date,
                   doc_id AS first_action_doc_id, doc AS first_action,
                   issuer AS first_action_issuer, level AS first_action_level
            FROM ranked_plans WHERE NOT own
        ),
        plan_lag AS (   -- lag of the first plan to the latest text it implements
            SELECT pl.province_code,
                   arg_max(i.instrument_id, i.issue_date) AS plan_instrument,
                   date_diff('day', max(i.issue_date), any_value(pl.first_plan_date))
                       AS first_plan_lag_days
            FROM plans pl
            JOIN document_instruments di ON di.doc_id = pl.first_plan_doc_id
                 AND di.relation = 'implements'
            JOIN instruments i ON i.instrument_key = di.instrument_key
            WHERE i.issue_date <= pl.first_plan_date
              AND ($inst::VARCHAR IS NULL OR i.instrument_key = $inst::VARCHAR)
            GROUP BY pl.province_code
        ),
        cov AS (
            SELECT f.province_code, count(DISTINCT tc.category_code) AS categories_covered
            FROM fdocs f JOIN task_coverage tc ON tc.doc_id = f.doc_id
            GROUP BY f.province_code
        ),
        warn AS (
            SELECT f.province_code, count(*) AS warnings
            FROM fdocs f JOIN quality_warnings w ON w.doc_id = f.doc_id
            GROUP BY f.province_code
        ),
        base AS (
            SELECT province_code, any_value(province) AS province, count(*) AS documents,
                   max(doc_date) AS last_document_date
            FROM fdocs WHERE province_code IS NOT NULL GROUP BY province_code
        )
        SELECT b.province_code, b.province, b.documents,
               pl.first_plan, pl.first_plan_issuer, pl.first_plan_level, pl.first_plan_date,
               pl.first_plan_doc_id, plan_lag.plan_instrument, plan_lag.first_plan_lag_days,
               ac.first_action, ac.first_action_issuer, ac.first_action_level,
               ac.first_action_date, ac.first_action_doc_id,
               coalesce(cov.categories_covered, 0) AS categories_covered,
               (SELECT count(*) FROM task_categories) AS categories_total,
               b.last_document_date,
               coalesce(warn.warnings, 0) AS warnings
        FROM base b
        LEFT JOIN plans pl USING (province_code)
        LEFT JOIN actions ac USING (province_code)
        LEFT JOIN plan_lag USING (province_code)
        LEFT JOIN cov USING (province_code)
        LEFT JOIN warn USING (province_code)
        ORDER BY b.documents DESC, b.province
    """, **_fp(f))


def last_run() -> dict | None:
    df = _q("SELECT * FROM etl_runs ORDER BY run_id DESC LIMIT 1")
    return None if df.empty else df.iloc[0].to_dict()


# What a run (default: the last) did to each file, with the document it became.
_RUN_CHANGES = """
r AS (SELECT coalesce($run::INTEGER, (SELECT max(run_id) FROM etl_runs)) AS run_id),
changes AS (
    SELECT c.change, c.source_file, d.doc_number, d.title,
           coalesce(p.name_vi, d.province_name) AS province,
           e.error,
           row_number() OVER (ORDER BY CASE c.change WHEN 'added' THEN 1 WHEN 'changed' THEN 2
                                       WHEN 'removed' THEN 3 WHEN 'duplicate' THEN 4 ELSE 5 END,
                                       c.source_file) AS pos
    FROM etl_changes c
    JOIN r ON c.run_id = r.run_id
    LEFT JOIN documents d ON d.source_file = c.source_file
    LEFT JOIN provinces p ON p.gso_code = d.province_code
    LEFT JOIN (SELECT source_file, string_agg(error, '; ') AS error
               FROM ingest_errors GROUP BY source_file) e ON e.source_file = c.source_file
)"""


def run_changes(run_id: int | None = None) -> pd.DataFrame:
    """What a run (default: the last) did to each file, with the document it became."""
    return _q("WITH " + _RUN_CHANGES + """
        SELECT change, source_file, doc_number, title, province, error FROM changes
        ORDER BY pos
    """, run=run_id)


def run_changes_shown(run_id: int | None = None) -> pd.DataFrame:
    """The first SHOWN_CHANGES rows of `run_changes`."""
    return _q("WITH " + _RUN_CHANGES + """
        SELECT change, source_file, doc_number, title, province, error FROM changes
        WHERE pos <= $shown ORDER BY pos
    """, run=run_id, shown=SHOWN_CHANGES)


def run_change_counts(run_id: int | None = None) -> pd.DataFrame:
    """How many files a run (default: the last) added, changed, removed…: change, files."""
    return _q("""
        WITH r AS (SELECT coalesce($run::INTEGER, (SELECT max(run_id) FROM etl_runs)) AS run_id)
        SELECT c.change, count(*) AS files
        FROM etl_changes c JOIN r ON c.run_id = r.run_id
        GROUP BY c.change
        ORDER BY CASE c.change WHEN 'added' THEN 1 WHEN 'changed' THEN 2 WHEN 'removed' THEN 3
                 WHEN 'duplicate' THEN 4 ELSE 5 END, c.change
    """, run=run_id)


def etl_runs() -> pd.DataFrame:
    return _q("SELECT * FROM etl_runs ORDER BY run_id DESC")


# ---------------------------------------------------------------- timeline and lags
# Each document's implemented instruments as one text ("28-CT/TW, 29-NQ/TW"): one grouped
# pass over the links, joined to the documents, instead of a sub-query per document.
_IMPLEMENTS = """,
impl AS (
    SELECT di.doc_id, string_agg(DISTINCT di.instrument_id, ', ' ORDER BY di.instrument_id)
               AS implements
    FROM document_instruments di WHERE di.relation = 'implements'
    GROUP BY di.doc_id
)"""


def timeline_documents(f: Filters) -> pd.DataFrame:
    """Dated documents with a province, and the instruments each implements."""
    return _q("WITH " + _FDOCS + _IMPLEMENTS + """
        SELECT f.doc_id, f.doc_number, f.title, f.doc_type, f.level, f.issuer,
               f.province_code, f.province, f.doc_date, impl.implements
        FROM fdocs f LEFT JOIN impl ON impl.doc_id = f.doc_id
        WHERE f.doc_date IS NOT NULL AND f.province_code IS NOT NULL
        ORDER BY f.province, f.doc_date, f.doc_id
    """, **_fp(f))


def timeline_points(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """Every point the timeline draws, in one table: the implemented instruments (lane
    "central" or their province) and the dated provincial documents."""
    return _q("WITH " + _FDOCS + _IMPLEMENTS + """,
        inst AS (
            SELECT DISTINCT i.* FROM instruments i
            WHERE i.instrument_key = $inst::VARCHAR
               OR i.instrument_key IN (
                    SELECT di.instrument_key FROM fdocs f
                    JOIN document_instruments di ON di.doc_id = f.doc_id
                    WHERE di.relation = 'implements'))
        SELECT 'instrument' AS point, CASE WHEN i.level = 'central' THEN NULL
                                           ELSE p.name_vi END AS province,
               i.issue_date AS doc_date, i.instrument_id AS doc_number,
               CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
                   AS title,
               i.issuing_body AS issuer, NULL AS doc_type, NULL AS implements
        FROM inst i LEFT JOIN provinces p ON p.gso_code = i.province_code
        UNION ALL
        SELECT 'document', f.province, f.doc_date, f.doc_number, f.title, f.issuer, f.doc_type,
               impl.implements
        FROM fdocs f LEFT JOIN impl ON impl.doc_id = f.doc_id
        WHERE f.doc_date IS NOT NULL AND f.province_code IS NOT NULL
        ORDER BY point DESC, province NULLS FIRST, doc_date, doc_number, title, issuer, doc_type, implements
    """, **_fp(f, lang))


def timeline_instruments(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """Catalogued instruments implemented by the filtered documents (or the chosen one)."""
    return _q("WITH " + _FDOCS + """
        SELECT DISTINCT i.instrument_key, i.instrument_id, i.kind, i.issuing_body, i.level,
               i.province_code, i.issue_date,
               CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
                   AS title
        FROM instruments i
        WHERE i.instrument_key = $inst::VARCHAR
           OR i.instrument_key IN (
                SELECT di.instrument_key FROM fdocs f
                JOIN document_instruments di ON di.doc_id = f.doc_id
                WHERE di.relation = 'implements')
        ORDER BY i.issue_date
    """, **_fp(f, lang))


def lags(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """Per province and implemented instrument: first action, first plan, lag and basis."""
    return _q("WITH " + _PAIRS + """
        SELECT province_code, province, instrument_key, instrument_id, instrument_title,
               instrument_level, instrument_date, first_action_date, first_action_doc,
               first_action_type, first_action_doc_id, first_plan_date, first_plan_doc,
               first_plan_doc_id, lag_days, lag_basis, documents
        FROM lags ORDER BY instrument_date, instrument_id, lag_days, province
    """, **_fp(f, lang))


# ---------------------------------------------------------------- task coverage
def coverage_cells(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """Provinces × task categories: status no_docs | silent | planned | reported, with
    the number of evidence sentences and of documents, and the province's region."""
    return _q("WITH " + _CELLS + """
        SELECT province_code, province, region, category_code, category, gci_pillar, pillar,
               status, n_evidence, n_docs_covering, n_docs
        FROM cells ORDER BY province, sort_order
    """, **_fp(f, lang))


def pillar_cells(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """The same grid rolled up to the ITU GCI pillars: the strongest status of the
    pillar's categories, how many of them are covered, and the evidence count."""
    return _q("WITH " + _CELLS + """
        SELECT province_code, any_value(province) AS province, any_value(region) AS region,
               gci_pillar,
               any_value(pillar) AS pillar,
               CASE max(CASE status WHEN 'no_docs' THEN 0 WHEN 'silent' THEN 1
                                    WHEN 'planned' THEN 2 ELSE 3 END)
                    WHEN 0 THEN 'no_docs' WHEN 1 THEN 'silent' WHEN 2 THEN 'planned'
                    ELSE 'reported' END AS status,
               count(*) FILTER (WHERE status IN ('planned', 'reported')) AS categories_covered,
               count(*) AS categories_total,
               sum(n_evidence)::INTEGER AS n_evidence,
               any_value(n_docs) AS n_docs,
               min(sort_order) AS first_sort
        FROM cells GROUP BY province_code, gci_pillar
        ORDER BY province, first_sort
    """, **_fp(f, lang))


def coverage_evidence(f: Filters, province_code: str | None, category_code: str | None,
                      pillar: str | None = None, lang: str = "vi") -> pd.DataFrame:
    """The evidence sentences behind a cell (a category, or a whole pillar)."""
    return _q("WITH " + _FDOCS + """
        SELECT f.province, CASE WHEN $lang = 'en' THEN c.label_en ELSE c.label_vi END
                   AS category,
               tc.mode, tc.evidence, tc.cue, f.doc_number, f.title, f.issuer, f.doc_date,
               f.doc_type, f.doc_id
        FROM fdocs f
        JOIN task_coverage tc ON tc.doc_id = f.doc_id
        JOIN task_categories c ON c.category_code = tc.category_code
        WHERE ($prov::VARCHAR IS NULL OR f.province_code = $prov::VARCHAR)
          AND ($cat::VARCHAR IS NULL OR tc.category_code = $cat::VARCHAR)
          AND ($pillar::VARCHAR IS NULL OR c.gci_pillar = $pillar::VARCHAR)
        ORDER BY f.province, c.sort_order, f.doc_date, f.doc_id, tc.rowid  -- rowid: the order found in the text
    """, **_fp(f, lang, prov=province_code, cat=category_code, pillar=pillar))


# ---------------------------------------------------------------- compare
def lead_agencies(f: Filters) -> pd.DataFrame:
    """Agencies named to lead or support tasks, per province, with task counts."""
    return _q("WITH " + _FDOCS + """
        SELECT f.province_code, f.province, ta.agency, ta.role,
               count(DISTINCT ta.task_id) AS tasks, count(DISTINCT f.doc_id) AS documents
        FROM fdocs f JOIN task_agencies ta ON ta.doc_id = f.doc_id
        WHERE f.province_code IS NOT NULL
        GROUP BY f.province_code, f.province, ta.agency, ta.role
        ORDER BY f.province, ta.role, tasks DESC, ta.agency
    """, **_fp(f))


def deadlines(f: Filters) -> pd.DataFrame:
    """Deadlines and reporting cycles found in the filtered documents."""
    return _q("WITH " + _FDOCS + """
        SELECT f.province_code, f.province, dl.description, dl.due_date, dl.recurrence,
               f.doc_number, f.issuer, f.doc_date, f.doc_id
        FROM fdocs f JOIN deadlines dl ON dl.doc_id = f.doc_id
        ORDER BY f.province, dl.due_date NULLS LAST, f.doc_date
    """, **_fp(f))


# ---------------------------------------------------------------- documents
# Documents under the filters that hold every word of the search as a whole word (looked up
# in the document's sorted word list, text_words: "ba" is not "bao"), best first: the whole
# phrase before all the words; within each, found in the number, the title, the issuer
# (their folded twins, words one space apart: etl.text.spaced), then only in the text; then
# the newest. The phrase in the text is the folded search as typed ("964/qd-ttg", one space
# between pieces), whole where it first stands (a regular expression looks further only
# when that first place is inside a longer word); a search of one plain word needs no look
# at the text at all. A document number in the search ("198/KH-UBND") must stand whole in
# the text: its words apart do not count. The words are tested right on the documents table, where DuckDB tests
# them inside the scan and reads the long folded text only of the documents that have them
# (above fdocs' joins it read every text: 2× slower at 10,000 documents).
_WORDS_IN = """(SELECT * FROM documents WHERE (len($parts::VARCHAR[]) = 0
        OR list_bool_and(list_transform($parts::VARCHAR[], lambda w: list_contains(text_words, w))))
      AND (len($numbers::VARCHAR[]) = 0
        OR (list_bool_and(list_transform($numbers::VARCHAR[], lambda n: contains(text_folded, n)))
            AND regexp_matches(text_folded, $numbers_rx))))"""
_SEARCH = """fdocs AS (
    SELECT f.*, w.text_folded, w.number_folded AS fn, w.title_folded AS ft, w.issuer_folded AS fi
    FROM """ + _FDOCS_CALL + """ f JOIN """ + _WORDS_IN + """ w ON w.doc_id = f.doc_id
),
hits AS (
    SELECT * EXCLUDE (text_folded), text_folded AS tf,
           CASE WHEN len($parts::VARCHAR[]) = 0 OR $one_word THEN 0
                ELSE strpos(text_folded, $phrase) END AS ph_at
    FROM fdocs
),
fielded AS (
    SELECT * EXCLUDE (tf, ph_at),
           CASE WHEN len($parts::VARCHAR[]) = 0 THEN false
                WHEN $one_word THEN true
                WHEN ph_at = 0 THEN false
                -- the letters around it (an empty one, at the text's start or end, is left
                -- to the pattern)
                WHEN strpos('0123456789abcdefghijklmnopqrstuvwxyz', substr(tf, ph_at - 1, 1)) = 0
                 AND strpos('0123456789abcdefghijklmnopqrstuvwxyz',
                            substr(tf, ph_at + length($phrase), 1)) = 0 THEN true
                ELSE regexp_matches(tf, $phrase_rx) END
           OR contains(fn || ft || fi, $padded) AS phrase
    FROM hits
),
placed AS (
    SELECT doc_id, doc_number, title, doc_type, level, issuer, province, doc_date, source_file,
           CASE WHEN len($parts::VARCHAR[]) = 0 THEN NULL
                WHEN phrase THEN 'phrase' ELSE 'words' END AS match,
           CASE WHEN len($parts::VARCHAR[]) = 0 THEN NULL
                WHEN phrase THEN
                    CASE WHEN contains(fn, $padded) THEN 'number'
                         WHEN contains(ft, $padded) THEN 'title'
                         WHEN contains(fi, $padded) THEN 'issuer' ELSE 'text' END
                WHEN list_bool_and(list_transform($spaced::VARCHAR[], lambda w: contains(fn, w)))
                     THEN 'number'
                WHEN list_bool_and(list_transform($spaced::VARCHAR[], lambda w: contains(ft, w)))
                     THEN 'title'
                WHEN list_bool_and(list_transform($spaced::VARCHAR[], lambda w: contains(fi, w)))
                     THEN 'issuer'
                ELSE 'text' END AS place
    FROM fielded
),
ranked AS (
    SELECT *,
           row_number() OVER (ORDER BY match = 'words',
                              list_position(['number', 'title', 'issuer', 'text'], place),
                              doc_date DESC NULLS LAST, doc_id) AS pos
    FROM placed
)"""


def _search_params(query: str) -> dict:
    """The search as bound values (app.search.terms): its words, alone and padded as
    etl.text.spaced pads a field; the phrase as typed, as a pattern, and padded; whether it
    is one plain word (then whole-word presence is the phrase)."""
    found = terms(query)
    return dict(parts=list(found.parts), numbers=list(found.numbers),
                numbers_rx=found.numbers_pattern,
                spaced=[f" {w} " for w in found.parts],
                phrase=found.phrase, phrase_rx=found.phrase_pattern,
                padded=" " + " ".join(found.parts) + " ",
                one_word=len(found.pieces) == 1 and found.pieces == found.parts)


def search_documents(f: Filters, query: str = "") -> pd.DataFrame:
    """Filtered documents that hold every word of `query` (whole words, with or without
    diacritics: "ke hoach" finds "Kế hoạch"; đ folds to d), best match first (the newest
    first without a search). `match` says how (phrase | words) and `place` where it was
    best found (number | title | issuer | text); both empty without a search. Every match:
    for the CSV."""
    return _q("WITH " + _SEARCH + """
        SELECT doc_id, doc_number, title, doc_type, level, issuer, province, doc_date,
               source_file, match, place
        FROM ranked ORDER BY pos
    """, **_fp(f, **_search_params(query)))


def search_documents_shown(f: Filters, query: str = "", keep: str | None = None) -> pd.DataFrame:
    """The first SHOWN_DOCUMENTS rows of `search_documents`, and the row of the document
    `keep` (the one open) wherever it ranks, if it matches. `n_total` counts every match,
    `n_phrase` those with the whole phrase; `shown` is false for a kept row beyond the first
    SHOWN_DOCUMENTS."""
    return _q("WITH " + _SEARCH + """
        SELECT doc_id, doc_number, title, doc_type, level, issuer, province, doc_date,
               source_file, match, place, count(*) OVER () AS n_total,
               -- not count(*) FILTER (…) OVER (): at 10,000 rows that took ten times longer
               count(CASE WHEN match = 'phrase' THEN 1 END) OVER () AS n_phrase,
               pos <= $shown AS shown
        FROM ranked
        QUALIFY pos <= $shown OR doc_id = $keep::VARCHAR
        ORDER BY pos
    """, **_fp(f, **_search_params(query), shown=SHOWN_DOCUMENTS, keep=keep))


def document(doc_id: str) -> dict | None:
    df = _q("""
        SELECT d.*, coalesce(p.name_vi, d.province_name) AS province,
               coalesce(d.issue_date, d.event_date, d.published_date) AS doc_date
        FROM documents d LEFT JOIN provinces p ON p.gso_code = d.province_code
        WHERE d.doc_id = $doc
    """, doc=doc_id)
    return None if df.empty else df.iloc[0].to_dict()


def document_exists(doc_id: str) -> bool:
    """Whether a document id (from a link) names a document of the warehouse."""
    return bool(_q("SELECT count(*) AS n FROM documents WHERE doc_id = $doc",
                   doc=doc_id).at[0, "n"])


def document_extractions(doc_id: str) -> pd.DataFrame:
    return _q("""SELECT field, value, evidence, rule, inferred, corrected
                 FROM extractions WHERE doc_id = $doc ORDER BY field""", doc=doc_id)


def document_instruments(doc_id: str, lang: str = "vi") -> pd.DataFrame:
    return _q("""
        SELECT di.instrument_id, di.relation, di.via, di.cited_date, di.catalogued,
               i.issue_date AS instrument_date, i.kind, i.issuing_body,
               CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
                   AS title,
               di.evidence
        FROM document_instruments di
        LEFT JOIN instruments i ON i.instrument_key = di.instrument_key
        WHERE di.doc_id = $doc
        ORDER BY di.relation DESC, di.via NULLS FIRST, di.instrument_id
    """, doc=doc_id, lang=lang)


def document_tasks(doc_id: str) -> pd.DataFrame:
    return _q("""
        SELECT t.task_id, t.section, t.text,
               (SELECT string_agg(agency, '; ') FROM task_agencies a
                 WHERE a.task_id = t.task_id AND a.role = 'lead') AS lead,
               (SELECT string_agg(agency, '; ') FROM task_agencies a
                 WHERE a.task_id = t.task_id AND a.role = 'support') AS support,
               (SELECT string_agg(coalesce(strftime(due_date, '%d/%m/%Y'), '')
                                  || CASE WHEN recurrence IS NOT NULL
                                          THEN ' (' || recurrence || ')' ELSE '' END, '; ')
                  FROM deadlines dl WHERE dl.task_id = t.task_id) AS deadline,
               t.evidence
        FROM tasks t WHERE t.doc_id = $doc ORDER BY t.task_id
    """, doc=doc_id)


def document_coverage(doc_id: str, lang: str = "vi") -> pd.DataFrame:
    return _q("""
        SELECT CASE WHEN $lang = 'en' THEN c.label_en ELSE c.label_vi END AS category,
               tc.mode, tc.cue, tc.evidence
        FROM task_coverage tc JOIN task_categories c USING (category_code)
        WHERE tc.doc_id = $doc ORDER BY c.sort_order
    """, doc=doc_id, lang=lang)


def document_deadlines(doc_id: str) -> pd.DataFrame:
    return _q("""SELECT description, due_date, recurrence FROM deadlines
                 WHERE doc_id = $doc ORDER BY due_date NULLS LAST""", doc=doc_id)


# The ETL writes each warning in both languages.
_WARN_MSG = "CASE WHEN $lang = 'en' THEN w.message ELSE coalesce(w.message_vi, w.message) END AS message"


def document_warnings(doc_id: str, lang: str = "vi") -> pd.DataFrame:
    return _q("SELECT w.kind, " + _WARN_MSG + """, w.evidence FROM quality_warnings w
                  WHERE w.doc_id = $doc ORDER BY w.kind""", doc=doc_id, lang=lang)


# ---------------------------------------------------------------- data page
def quality_warnings(f: Filters, lang: str = "vi") -> pd.DataFrame:
    """Warnings of the filtered documents, and those not tied to any document."""
    return _q("WITH " + _FDOCS + """
        SELECT w.kind, """ + _WARN_MSG + """, w.evidence, w.source_file, f.doc_number, f.province
        FROM quality_warnings w LEFT JOIN fdocs f ON f.doc_id = w.doc_id
        WHERE w.doc_id IS NULL OR f.doc_id IS NOT NULL
        ORDER BY w.kind, w.source_file
    """, **_fp(f, lang))


def ingest_errors() -> pd.DataFrame:
    return _q("SELECT source_file, error, duplicate_of FROM ingest_errors ORDER BY source_file")


def codebook(lang: str = "vi") -> pd.DataFrame:
    return _q("""
        SELECT table_name, column_name,
               CASE WHEN $lang = 'en' THEN description_en ELSE description_vi END AS description
        FROM codebook ORDER BY table_name, column_name
    """, lang=lang)


def whole_table(name: str) -> pd.DataFrame:
    return _q(_TABLE_SQL[name])


# What a whole table's ids name, added after its own columns for its CSV (issue 14: hash ids
# and English codes alone meant nothing to a reader). Fixed statements, one per table.
_DOC_NAMES = ", d_.doc_number AS doc_number, d_.title AS doc_title, d_.province_name"
_DOC_JOIN = " LEFT JOIN documents d_ ON d_.doc_id = t.doc_id"
_INSTRUMENT_NAME = (", CASE WHEN $lang = 'en' THEN coalesce(i_.title_en, i_.title_vi) "
                    "ELSE i_.title_vi END AS instrument_title")
_INSTRUMENT_JOIN = " LEFT JOIN instruments i_ ON i_.instrument_key = t.instrument_key"
_PROVINCE_NAME = ", p_.name_vi AS province_name"
_PROVINCE_JOIN = " LEFT JOIN provinces p_ ON p_.gso_code = t.province_code"
_CATEGORY_NAME = (", CASE WHEN $lang = 'en' THEN c_.label_en ELSE c_.label_vi END "
                  "AS category_name")
_CATEGORY_JOIN = " LEFT JOIN task_categories c_ ON c_.category_code = t.category_code"
_NAMED_SQL = {
    "extractions": "SELECT t.*" + _DOC_NAMES + " FROM extractions t" + _DOC_JOIN,
    "document_instruments": "SELECT t.*" + _DOC_NAMES + _INSTRUMENT_NAME
                            + " FROM document_instruments t" + _DOC_JOIN + _INSTRUMENT_JOIN,
    "instruments": "SELECT t.*" + _PROVINCE_NAME + " FROM instruments t" + _PROVINCE_JOIN,
    "task_coverage": "SELECT t.*" + _DOC_NAMES + _CATEGORY_NAME + " FROM task_coverage t"
                     + _DOC_JOIN + _CATEGORY_JOIN,
    "tasks": "SELECT t.*" + _DOC_NAMES + " FROM tasks t" + _DOC_JOIN,
    "task_agencies": "SELECT t.*" + _DOC_NAMES + " FROM task_agencies t" + _DOC_JOIN,
    "deadlines": "SELECT t.*" + _DOC_NAMES + " FROM deadlines t" + _DOC_JOIN,
    "quality_warnings": "SELECT t.*" + _DOC_NAMES + " FROM quality_warnings t" + _DOC_JOIN,
}


def whole_table_named(name: str, lang: str = "vi") -> pd.DataFrame:
    """`whole_table` with, after its own columns, what its ids name: the document's number,
    title and province beside doc_id, the province's name beside province_code, the task
    group's name beside category_code and the text's title beside instrument_key (names
    in `lang`). Tables whose ids need no name come as they are."""
    if name not in _NAMED_SQL:
        return whole_table(name)
    return _q(_NAMED_SQL[name], lang=lang)


def table_sizes() -> pd.DataFrame:
    return _q(_SIZES_SQL)


def summary_counts(f: Filters) -> dict[str, int]:
    """Rows of each summary the data page offers, counted without loading any of them:
    province_summary, timeline (timeline_points), lags, coverage (coverage_cells), pillars,
    evidence (coverage_evidence of every cell), compare_agencies (lead_agencies),
    compare_deadlines (deadlines), documents (search_documents) and warnings."""
    df = _q("WITH " + _FDOCS + """,
        grid AS (   -- the rows of coverage_cells: provinces with documents, and the chosen
            SELECT count(*) AS provinces FROM provinces p
            WHERE p.gso_code IN (SELECT province_code FROM fdocs
                                 UNION SELECT unnest($provs::VARCHAR[]))
        )
        SELECT
          (SELECT count(DISTINCT province_code) FROM fdocs WHERE province_code IS NOT NULL)
              AS province_summary,
          (SELECT count(*) FROM instruments i
             WHERE i.instrument_key = $inst::VARCHAR
                OR i.instrument_key IN (SELECT di.instrument_key FROM fdocs f
                                        JOIN document_instruments di ON di.doc_id = f.doc_id
                                        WHERE di.relation = 'implements'))
            + (SELECT count(*) FROM fdocs
                WHERE doc_date IS NOT NULL AND province_code IS NOT NULL) AS timeline,
          (SELECT count(DISTINCT (f.province_code, i.instrument_key)) FROM fdocs f
             JOIN document_instruments di ON di.doc_id = f.doc_id AND di.relation = 'implements'
             JOIN instruments i ON i.instrument_key = di.instrument_key
             WHERE f.doc_date IS NOT NULL AND f.province_code IS NOT NULL
               AND ($inst::VARCHAR IS NULL OR i.instrument_key = $inst::VARCHAR)) AS lags,
          (SELECT provinces FROM grid) * (SELECT count(*) FROM task_categories) AS coverage,
          (SELECT provinces FROM grid) * (SELECT count(DISTINCT gci_pillar) FROM task_categories)
              AS pillars,
          (SELECT count(*) FROM fdocs f JOIN task_coverage tc ON tc.doc_id = f.doc_id
             JOIN task_categories c ON c.category_code = tc.category_code) AS evidence,
          (SELECT count(DISTINCT (f.province_code, f.province, ta.agency, ta.role))
             FROM fdocs f JOIN task_agencies ta ON ta.doc_id = f.doc_id
             WHERE f.province_code IS NOT NULL) AS compare_agencies,
          (SELECT count(*) FROM fdocs f JOIN deadlines dl ON dl.doc_id = f.doc_id)
              AS compare_deadlines,
          (SELECT count(*) FROM fdocs) AS documents,
          (SELECT count(*) FROM quality_warnings w LEFT JOIN fdocs f ON f.doc_id = w.doc_id
             WHERE w.doc_id IS NULL OR f.doc_id IS NOT NULL) AS warnings
    """, **_fp(f))
    return {k: int(v) for k, v in df.iloc[0].items()}


# ---------------------------------------------------------------- files added through the app
def documents_for_files(source_files, db: Path | None = None) -> pd.DataFrame:
    """The documents the given raw files (paths relative to the raw folder) became, with
    the fields a person checks first: province, number, type and date."""
    return _q_at(db, """
        SELECT d.source_file, d.doc_id, d.doc_number, d.doc_type, d.level, d.title, d.issuer,
               coalesce(p.name_vi, d.province_name) AS province,
               d.issue_date, coalesce(d.issue_date, d.event_date, d.published_date) AS doc_date
        FROM documents d LEFT JOIN provinces p ON p.gso_code = d.province_code
        WHERE list_contains($files::VARCHAR[], d.source_file)
        ORDER BY d.source_file
    """, files=[str(s) for s in source_files])


def warnings_for_files(source_files, db: Path | None = None) -> pd.DataFrame:
    """Data-quality warnings of the given raw files' documents (and of the files themselves),
    with the message in English and in Vietnamese (None where the ETL gave none)."""
    return _q_at(db, """
        SELECT coalesce(w.source_file, d.source_file) AS source_file, w.kind, w.message,
               w.message_vi, w.evidence
        FROM quality_warnings w LEFT JOIN documents d ON d.doc_id = w.doc_id
        WHERE list_contains($files::VARCHAR[], coalesce(w.source_file, d.source_file))
        ORDER BY 1, w.kind, w.message
    """, files=[str(s) for s in source_files])


# ---------------------------------------------------------------- map
# The unit each province counts in: itself (view "63") or its unit from July 2025 (view "34").
_UNIT_OF = """
units AS (
    SELECT gso_code,
           CASE WHEN $view = '34' THEN merged_into_key ELSE ascii_key END AS unit_key,
           CASE WHEN $view = '34' THEN merged_into_name_vi ELSE name_vi END AS unit
    FROM provinces
)"""


def map_measures(f: Filters, lag_instrument: str | None, view: str = "63") -> pd.DataFrame:
    """One row per map unit: a pre-2025 province (view "63", key = ascii_key) or a unit
    from July 2025 (view "34", key = merged_into_key, old provinces rolled up). Units
    without documents have NULL measures: documents, share of task categories covered,
    days from `lag_instrument` to the first plan (else the first document) implementing
    it, and the last document date."""
    return _q("WITH " + _FDOCS + "," + _UNIT_OF + """,
        docs AS (
            SELECT u.unit_key, count(*) AS documents, max(f.doc_date) AS last_date
            FROM fdocs f JOIN units u ON u.gso_code = f.province_code GROUP BY u.unit_key
        ),
        cov AS (
            SELECT u.unit_key, count(DISTINCT tc.category_code) AS covered
            FROM fdocs f JOIN units u ON u.gso_code = f.province_code
            JOIN task_coverage tc ON tc.doc_id = f.doc_id GROUP BY u.unit_key
        ),
        act AS (
            SELECT u.unit_key,
                   coalesce(min(f.doc_date) FILTER (WHERE f.is_plan),
                            min(f.doc_date)) AS first_date
            FROM fdocs f JOIN units u ON u.gso_code = f.province_code
            JOIN document_instruments di ON di.doc_id = f.doc_id AND di.relation = 'implements'
            WHERE di.instrument_key = $lag_inst::VARCHAR AND f.doc_date IS NOT NULL
            GROUP BY u.unit_key
        ),
        members AS (
            SELECT unit_key, any_value(unit) AS unit, list(gso_code ORDER BY gso_code) AS gso_codes,
                   string_agg(p.name_vi, ', ' ORDER BY p.ascii_key) AS old_provinces
            FROM units u JOIN provinces p USING (gso_code) GROUP BY unit_key
        )
        SELECT m.unit_key AS map_key, m.unit AS name, m.gso_codes, m.old_provinces,
               docs.documents, docs.last_date,
               CASE WHEN docs.documents IS NULL THEN NULL
                    ELSE coalesce(cov.covered, 0) END AS categories_covered,
               (SELECT count(*) FROM task_categories) AS categories_total,
               date_diff('day', (SELECT issue_date FROM instruments
                                  WHERE instrument_key = $lag_inst::VARCHAR),
                         act.first_date) AS lag_days
        FROM members m
        LEFT JOIN docs USING (unit_key)
        LEFT JOIN cov USING (unit_key)
        LEFT JOIN act USING (unit_key)
        ORDER BY m.unit
    """, **_fp(f, lag_inst=lag_instrument, view=view))


# ---------------------------------------------------------------- deadlines (issue 13, item 5)
# A report or review that answers a deadline: a document of type report, or a news item of a
# review ("sơ kết", "tổng kết" in its title), dated, from a province, not after $today. Taken
# from the whole warehouse, not only the filtered documents (a filter on plans must not make
# every deadline overdue).
_REVIEWS = """
reviews AS (
    SELECT d.doc_id, d.province_code,
           coalesce(d.issue_date, d.event_date, d.published_date) AS rdate,
           coalesce(d.doc_number, d.title) AS rlabel
    FROM documents d
    WHERE d.province_code IS NOT NULL
      AND coalesce(d.issue_date, d.event_date, d.published_date) <= $today::DATE
      AND (d.doc_type = 'report'
           OR (d.doc_type = 'news' AND (contains(lower(coalesce(d.title, '')), 'sơ kết')
                                        OR contains(lower(coalesce(d.title, '')), 'tổng kết'))))
)"""


def _as_day(value) -> date:
    """A day given as a date, a datetime or an ISO string; anything else: today."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return date.today()


def deadline_rows(f: Filters, today: date) -> pd.DataFrame:
    """Every deadline of the filtered documents, with its task, its document, and the
    latest report or review that answers it on `today`: from the same province, on a
    central text the document carries out (any, when it names none), dated after the
    document (any date, when it has none) and not after `today`. A document dated after
    `today` has set no deadline yet (looking back); `heading` is what the document's period
    is read from. app/deadlines.py turns these rows into due dates and statuses."""
    return _q("WITH " + _FDOCS + "," + _REVIEWS + """,
        dl AS (
            SELECT f.doc_id, f.province_code, f.province, f.doc_number, f.issuer, f.doc_type,
                   f.level, f.doc_date, dl.task_id, t.text AS task_text, dl.description,
                   dl.due_date, dl.recurrence
            FROM fdocs f JOIN deadlines dl ON dl.doc_id = f.doc_id
            LEFT JOIN tasks t ON t.task_id = dl.task_id
            WHERE f.doc_date IS NULL OR f.doc_date <= $today::DATE  -- not yet set on that day
        ),
        setters AS (SELECT DISTINCT doc_id, province_code, doc_date FROM dl),
        -- the heading a plan's period is read from (app/deadlines.horizon): the title, or,
        -- when the stored title was cut short ("…"), the line of the text it starts
        heads AS (
            SELECT s.doc_id,
                   CASE WHEN d.title LIKE '%…' AND strpos(d.text, rtrim(d.title, '…')) > 0
                        THEN split_part(substr(d.text, strpos(d.text, rtrim(d.title, '…'))),
                                        chr(10), 1)
                        ELSE d.title END AS heading
            FROM (SELECT DISTINCT doc_id FROM dl) s JOIN documents d USING (doc_id)
        ),
        carried AS (
            SELECT DISTINCT di.doc_id, di.instrument_key FROM document_instruments di
            WHERE di.relation = 'implements' AND di.instrument_key IS NOT NULL
        ),
        answers AS (
            SELECT s.doc_id, max(r.rdate) AS last_report_date,
                   arg_max(r.rlabel, r.rdate) AS last_report
            FROM setters s JOIN reviews r
              ON r.province_code = s.province_code AND r.doc_id <> s.doc_id
             AND (s.doc_date IS NULL OR r.rdate > s.doc_date)
            WHERE NOT EXISTS (SELECT 1 FROM carried c WHERE c.doc_id = s.doc_id)
               OR EXISTS (SELECT 1 FROM carried c JOIN carried rc
                                 ON rc.instrument_key = c.instrument_key
                          WHERE c.doc_id = s.doc_id AND rc.doc_id = r.doc_id)
            GROUP BY s.doc_id
        )
        SELECT dl.*, a.last_report_date, a.last_report, h.heading
        FROM dl LEFT JOIN answers a USING (doc_id) LEFT JOIN heads h USING (doc_id)
        ORDER BY dl.province, dl.doc_date, dl.doc_id, dl.task_id, dl.description
    """, **_fp(f, today=_as_day(today)))


@st.cache_data(max_entries=32, show_spinner=False)
def _deadline_board(stamp: Stamp, f: Filters, today: date) -> pd.DataFrame:
    from app import deadlines
    return deadlines.board(deadline_rows(f, today), today)


def deadline_board(f: Filters, today: date) -> pd.DataFrame:
    """`deadline_rows` read on `today` (app/deadlines.board): one row per (document, task,
    deadline) with its next due date and status, overdue first. Cached per warehouse file."""
    return _deadline_board(warehouse_stamp(), f, _as_day(today))


# ---------------------------------------------------------------- status board (issue 13, items 1, 2, 6)
# A body at province level is the provincial People's Committee (or its chairman), the
# provincial Party committee and its standing board: level 'province' or 'party' with no
# district; not a department, district, commune or the military. The overview's "first
# plan" uses the same test.

# The map units: a pre-2025 province (view "63") or a unit from July 2025 (view "34"),
# only those holding a chosen province when the province filter is set.
_UNITS = _UNIT_OF + """,
shown_units AS (
    SELECT unit_key, any_value(unit) AS unit,
           string_agg(p.name_vi, ', ' ORDER BY p.ascii_key) AS old_provinces
    FROM units u JOIN provinces p USING (gso_code)
    GROUP BY unit_key
    HAVING len($provs::VARCHAR[]) = 0
        OR bool_or(list_contains($provs::VARCHAR[], u.gso_code))
)"""

BOARD_STATUSES = ("none", "news", "action", "plan")   # the order the board is sorted in
BOARD_KINDS = ("plan", "action", "news")

# Each filtered document acting on $inst, with its kind: a plan, directive or decision of a
# province-level body ('plan'); the same from a department, district, commune or the
# military ('action'); news and reports that report no numbered plan ('news').
_BOARD = _FDOCS + "," + _UNITS + """,
acts AS (
    SELECT f.doc_id, f.doc_number, f.title, f.issuer, f.level, f.doc_type, f.doc_date,
           f.province, u.unit_key,
           CASE WHEN f.doc_type IN ('news', 'report') AND NOT f.is_plan THEN 'news'
                WHEN f.level IN ('province', 'party') AND f.district IS NULL THEN 'plan'
                ELSE 'action' END AS kind
    FROM fdocs f JOIN units u ON u.gso_code = f.province_code
),
firsts AS (
    SELECT *, count(*) OVER (PARTITION BY unit_key, kind) AS n_kind
    FROM acts
    QUALIFY row_number() OVER (PARTITION BY unit_key, kind
                               ORDER BY doc_date NULLS LAST, doc_number NULLS LAST, doc_id) = 1
),
central AS (SELECT instrument_id, issue_date FROM instruments WHERE instrument_key = $inst),
board AS (
    SELECT s.unit_key, s.unit AS province, s.old_provinces,
           CASE WHEN pl.doc_id IS NOT NULL THEN 'plan' WHEN ac.doc_id IS NOT NULL THEN 'action'
                WHEN nw.doc_id IS NOT NULL THEN 'news' ELSE 'none' END AS status,
           pl.doc_id AS plan_doc_id, coalesce(pl.doc_number, pl.title) AS plan_doc,
           pl.issuer AS plan_issuer, pl.level AS plan_level, pl.doc_date AS plan_date,
           date_diff('day', c.issue_date, pl.doc_date) AS plan_days,
           ac.doc_id AS action_doc_id, coalesce(ac.doc_number, ac.title) AS action_doc,
           ac.issuer AS action_issuer, ac.level AS action_level, ac.doc_date AS action_date,
           date_diff('day', c.issue_date, ac.doc_date) AS action_days,
           nw.doc_id AS news_doc_id, coalesce(nw.doc_number, nw.title) AS news_doc,
           nw.issuer AS news_issuer, nw.level AS news_level, nw.doc_date AS news_date,
           date_diff('day', c.issue_date, nw.doc_date) AS news_days,
           coalesce(pl.n_kind, 0) + coalesce(ac.n_kind, 0) + coalesce(nw.n_kind, 0)
               AS documents,
           c.instrument_id, c.issue_date AS instrument_date,
           CASE WHEN pl.doc_id IS NULL AND ac.doc_id IS NULL AND nw.doc_id IS NULL
                THEN date_diff('day', c.issue_date, try_cast($today AS DATE)) END AS days_elapsed
    FROM shown_units s CROSS JOIN central c
    LEFT JOIN firsts pl ON pl.unit_key = s.unit_key AND pl.kind = 'plan'
    LEFT JOIN firsts ac ON ac.unit_key = s.unit_key AND ac.kind = 'action'
    LEFT JOIN firsts nw ON nw.unit_key = s.unit_key AND nw.kind = 'news'
)"""


def status_board(f: Filters, instrument: str, view: str = "63",
                 today: date | None = None) -> pd.DataFrame:
    """One row per province (view "63") or per unit from July 2025 (view "34", old provinces
    rolled up), every one of them, for the central text `instrument` (an instrument_key).

    status: 'plan' (a plan, directive or decision of a province-level body acts on it),
    'action' (only departments, districts, communes or the military), 'news' (only news or
    reports) or 'none' (nothing in this warehouse). For each kind the first document (by
    date, undated last): doc_id, number (else title), issuer, level, date and days from the
    central text; `days_elapsed` (to `today`) for provinces with nothing. A document acts on
    the text when it implements it (directly or along a chain). The sidebar filters narrow
    the documents (their instrument is replaced by `instrument`); a province filter keeps
    only the units holding the chosen provinces. Sorted: nothing first, then news only,
    action only, plan; within each the slowest first (undated last), then by name (its
    ASCII key, so that 'Bạc Liêu' comes before 'Bình Dương')."""
    return _q("WITH " + _BOARD + """
        SELECT *, CASE status WHEN 'none' THEN days_elapsed WHEN 'news' THEN news_days
                  WHEN 'action' THEN action_days ELSE plan_days END AS status_days
        FROM board
        ORDER BY CASE status WHEN 'none' THEN 0 WHEN 'news' THEN 1 WHEN 'action' THEN 2
                 ELSE 3 END, status_days DESC NULLS LAST, unit_key
    """, **_fp(replace(f, instrument=instrument), view=view, today=today or date.today()))


def adoption(f: Filters, instruments, view: str = "63") -> pd.DataFrame:
    """For each instrument_key in `instruments`: each province (or unit from July 2025) that
    has acted on it, at the date of its first dated document acting on it (of any kind:
    plan, action below province level, news or report), with that document. Columns:
    instrument_key, instrument_id, instrument_date, unit_key, province, first_date, doc_id,
    doc (number, else title), issuer, level, kind, days. Plus `undated`: units whose only
    documents have no date (they cannot be placed on a time axis). The sidebar filters
    apply, except its instrument."""
    return _q("WITH " + _FDOCS + "," + _UNITS + """,
        acts AS (
            SELECT i.instrument_key, i.instrument_id, i.issue_date AS instrument_date,
                   u.unit_key, s.unit AS province, f.doc_id,
                   coalesce(f.doc_number, f.title) AS doc, f.issuer, f.level, f.doc_date,
                   CASE WHEN f.doc_type IN ('news', 'report') AND NOT f.is_plan THEN 'news'
                        WHEN f.level IN ('province', 'party') AND f.district IS NULL
                        THEN 'plan' ELSE 'action' END AS kind
            FROM fdocs f
            JOIN units u ON u.gso_code = f.province_code
            JOIN shown_units s ON s.unit_key = u.unit_key
            JOIN document_instruments di ON di.doc_id = f.doc_id AND di.relation = 'implements'
            JOIN instruments i ON i.instrument_key = di.instrument_key
            WHERE list_contains($insts::VARCHAR[], i.instrument_key)
        ),
        firsts AS (
            SELECT *, bool_and(doc_date IS NULL)
                          OVER (PARTITION BY instrument_key, unit_key) AS undated
            FROM acts
            QUALIFY row_number() OVER (PARTITION BY instrument_key, unit_key
                                       ORDER BY doc_date NULLS LAST, doc, doc_id) = 1
        )
        SELECT instrument_key, instrument_id, instrument_date, unit_key, province,
               doc_date AS first_date, doc_id, doc, issuer, level, kind,
               date_diff('day', instrument_date, doc_date) AS days, undated
        FROM firsts
        ORDER BY instrument_date, instrument_key, first_date NULLS LAST, province
    """, **_fp(replace(f, instrument=None), insts=list(instruments), view=view))


def plan_lag_median(summary: pd.DataFrame) -> tuple[float | None, int]:
    """The overview's headline lag, from exactly the rows of its table (`province_summary`):
    the median of the days to the first province-level plan over the provinces that have
    one (the non-empty cells of first_plan_lag_days), and how many those are."""
    lags = pd.to_numeric(pd.Series(getattr(summary, "first_plan_lag_days", []), dtype=object),
                         errors="coerce").dropna()
    return (float(lags.median()) if len(lags) else None), int(len(lags))


# ---------------------------------------------------------------- province profile (issue 13, items 3, 4)
# One province seen whole. The sidebar filters narrow its documents as everywhere, but the
# province itself is the profile's choice: its own figures take `f.only(code)`, the national
# share beside them takes every province (`f.only()`).


def profile_instruments(f: Filters, province_code: str, today: date | None = None,
                        lang: str = "vi") -> pd.DataFrame:
    """The central texts the province has acted on, one row each (newest text first), with
    the status board's reading (app/queries.status_board, the same kinds and rules): status
    plan | action | news, and for each kind the first document (doc_id, number else title,
    date, days from the central text). `documents` counts the province's documents acting
    on it."""
    return _q("WITH " + _FDOCS + """,
        acts AS (
            SELECT f.doc_id, coalesce(f.doc_number, f.title) AS doc, f.doc_date,
                   f.doc_number, di.instrument_key,
                   CASE WHEN f.doc_type IN ('news', 'report') AND NOT f.is_plan THEN 'news'
                        WHEN f.level IN ('province', 'party') AND f.district IS NULL THEN 'plan'
                        ELSE 'action' END AS kind
            FROM fdocs f
            JOIN document_instruments di ON di.doc_id = f.doc_id AND di.relation = 'implements'
            JOIN instruments i ON i.instrument_key = di.instrument_key AND i.level = 'central'
        ),
        firsts AS (
            SELECT * FROM acts
            QUALIFY row_number() OVER (PARTITION BY instrument_key, kind
                                       ORDER BY doc_date NULLS LAST, doc_number NULLS LAST,
                                                doc_id) = 1
        ),
        n AS (SELECT instrument_key, count(DISTINCT doc_id) AS documents FROM acts
              GROUP BY instrument_key)
        SELECT i.instrument_key, i.instrument_id, i.issue_date AS instrument_date,
               CASE WHEN $lang = 'en' THEN coalesce(i.title_en, i.title_vi) ELSE i.title_vi END
                   AS title,
               CASE WHEN pl.doc_id IS NOT NULL THEN 'plan' WHEN ac.doc_id IS NOT NULL
                    THEN 'action' ELSE 'news' END AS status,
               pl.doc_id AS plan_doc_id, pl.doc AS plan_doc, pl.doc_date AS plan_date,
               date_diff('day', i.issue_date, pl.doc_date) AS plan_days,
               ac.doc_id AS action_doc_id, ac.doc AS action_doc, ac.doc_date AS action_date,
               date_diff('day', i.issue_date, ac.doc_date) AS action_days,
               nw.doc_id AS news_doc_id, nw.doc AS news_doc, nw.doc_date AS news_date,
               date_diff('day', i.issue_date, nw.doc_date) AS news_days,
               n.documents,
               date_diff('day', i.issue_date, $today::DATE) AS days_since
        FROM n JOIN instruments i USING (instrument_key)
        LEFT JOIN firsts pl ON pl.instrument_key = n.instrument_key AND pl.kind = 'plan'
        LEFT JOIN firsts ac ON ac.instrument_key = n.instrument_key AND ac.kind = 'action'
        LEFT JOIN firsts nw ON nw.instrument_key = n.instrument_key AND nw.kind = 'news'
        ORDER BY i.issue_date DESC NULLS LAST, i.instrument_id
    """, **_fp(f.only(province_code), lang, today=today or date.today()))


def profile_levels(f: Filters, province_code: str) -> pd.DataFrame:
    """The province's documents by the level of the body that issued them: level,
    documents, plans (plans and news reporting a numbered plan), first and last date."""
    return _q("WITH " + _FDOCS + """
        SELECT coalesce(level, 'other') AS lv, count(*) AS documents,
               count(*) FILTER (WHERE is_plan) AS plans,
               min(doc_date) AS first_date, max(doc_date) AS last_date
        FROM fdocs GROUP BY lv
        ORDER BY CASE lv WHEN 'province' THEN 0 WHEN 'party' THEN 1 WHEN 'department' THEN 2
                 WHEN 'district' THEN 3 WHEN 'commune' THEN 4 WHEN 'military' THEN 5
                 ELSE 6 END
    """, **_fp(f.only(province_code))).rename(columns={"lv": "level"})


def category_shares(f: Filters, province_code: str, lang: str = "vi") -> pd.DataFrame:
    """Every task group, with the province's reading (status no_docs | silent | planned |
    reported, evidence sentences, documents covering it) and the national share beside it:
    of the provinces with documents under the filters (whatever provinces the sidebar
    picks), how many have a document covering the group (planned or reported)."""
    return _q("WITH " + _CELLS + """,
        nation AS (
            SELECT category_code,
                   count(*) FILTER (WHERE status IN ('planned', 'reported')) AS provinces_covering,
                   count(*) FILTER (WHERE status <> 'no_docs') AS provinces_with_docs
            FROM cells GROUP BY category_code
        )
        SELECT c.category_code, c.sort_order, c.gci_pillar, c.category, c.pillar,
               coalesce(me.status, 'no_docs') AS status,
               coalesce(me.n_evidence, 0) AS n_evidence,
               coalesce(me.n_docs_covering, 0) AS n_docs_covering,
               nation.provinces_covering, nation.provinces_with_docs,
               round(100.0 * nation.provinces_covering
                     / nullif(nation.provinces_with_docs, 0))::INTEGER AS national_share
        FROM (SELECT DISTINCT category_code, sort_order, gci_pillar, category, pillar
              FROM cells) c
        JOIN nation USING (category_code)
        LEFT JOIN cells me ON me.category_code = c.category_code
             AND me.province_code = $me::VARCHAR
        ORDER BY c.sort_order
    """, **_fp(f.only(), lang, me=str(province_code)))

