"""The query module on a warehouse built by the real ETL from the bundled documents."""
from __future__ import annotations

import os
from datetime import date
import re
import shutil
import statistics
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from app import queries as q
from conftest import N_RAW
from app.filter_model import Filters

ALL = Filters()


@pytest.fixture(scope="module")
def db(seed_db, tmp_path_factory):
    """The seed warehouse, pointed to by CYBERDASH_DB for the whole module."""
    old = os.environ.get("CYBERDASH_DB")
    os.environ["CYBERDASH_DB"] = str(seed_db)
    yield seed_db
    if old is None:
        os.environ.pop("CYBERDASH_DB", None)
    else:
        os.environ["CYBERDASH_DB"] = old


def sql(db: Path, query: str, *params) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, list(params)).fetchdf()
    finally:
        con.close()


def doc_ids(db, where: str = "TRUE", *params) -> set[str]:
    return set(sql(db, "SELECT doc_id FROM documents WHERE " + where, *params).doc_id)


# ---------------------------------------------------------------- the module itself
def test_only_bound_parameters_in_sql():
    """No value is ever pasted into SQL: no f-strings or % / .format on statements except
    the fixed whole-table names."""
    src = Path(q.__file__).read_text(encoding="utf-8")
    assert "execute(f" not in src and ".format(" not in src
    fstrings = re.findall(r'f"[^"]*(?:SELECT|WHERE)[^"]*"', src)
    assert all("{name}" in s or "{n}" in s for s in fstrings), fstrings


def test_missing_warehouse_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(tmp_path / "nope.duckdb"))
    assert q.warehouse_stamp() is None
    assert q.warehouse_ready() is False


def test_rebuilt_warehouse_is_picked_up_without_restart(seed_db, tmp_path, monkeypatch):
    live = tmp_path / "warehouse.duckdb"
    shutil.copy(seed_db, live)
    monkeypatch.setenv("CYBERDASH_DB", str(live))
    before = q.count_documents(ALL)
    # the ETL builds a new file and swaps it in by an atomic rename
    new = tmp_path / "warehouse.duckdb.tmp"
    shutil.copy(seed_db, new)
    con = duckdb.connect(str(new))
    victim = con.execute("SELECT min(doc_id) FROM documents").fetchone()[0]
    for table in ("task_coverage", "extractions", "document_instruments", "deadlines"):
        con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [victim])
    con.execute("DELETE FROM quality_warnings WHERE doc_id = ?", [victim])
    con.execute("DELETE FROM task_agencies WHERE task_id IN "
                "(SELECT task_id FROM tasks WHERE doc_id = ?)", [victim])
    con.execute("DELETE FROM tasks WHERE doc_id = ?", [victim])
    con.execute("DELETE FROM documents WHERE doc_id = ?", [victim])
    con.close()
    os.replace(new, live)
    assert q.count_documents(ALL) == before - 1


# ---------------------------------------------------------------- filters
def test_no_filter_selects_every_document(db):
    assert q.count_documents(ALL) == len(doc_ids(db)) == N_RAW


def test_filters_narrow_the_documents(db):
    hn = sql(db, "SELECT gso_code FROM provinces WHERE name_vi = 'Hà Nội'").gso_code[0]
    assert q.count_documents(Filters(provinces=(hn,))) == len(doc_ids(db, "province_code = ?", hn))
    assert q.count_documents(Filters(doc_types=("plan",))) == len(doc_ids(db, "doc_type = 'plan'"))
    assert q.count_documents(Filters(levels=("district",))) == len(doc_ids(db, "level = 'district'"))
    implementing = set(sql(db, "SELECT doc_id FROM document_instruments WHERE relation = "
                               "'implements' AND instrument_key = '29-NQ/TW'").doc_id)
    assert implementing
    assert q.count_documents(Filters(instrument="29-NQ/TW")) == len(implementing)
    in_2014 = doc_ids(db, "year(coalesce(issue_date, event_date, published_date)) = 2014")
    assert q.count_documents(Filters(year_from=2014, year_to=2014)) == len(in_2014) >= 1


def test_a_filter_matching_nothing_gives_empty_results_not_errors(db):
    none = Filters(provinces=("02",), doc_types=("report",))  # Hà Giang: no document
    assert q.count_documents(none) == 0
    h = q.headline(none)
    assert h["documents"] == 0 and h["median_lag_days"] is None
    for df in (q.province_summary(none), q.timeline_documents(none), q.lags(none),
               q.coverage_evidence(none, None, None), q.lead_agencies(none), q.deadlines(none),
               q.search_documents(none, "")):
        assert df.empty
    # a chosen province without documents still has its row, graded "no document"
    cells = q.coverage_cells(none)
    assert set(cells.status) == {"no_docs"} and len(cells) == 15


# ---------------------------------------------------------------- overview
def test_headline(db):
    h = q.headline(ALL)
    assert h["documents"] == N_RAW
    assert h["provinces"] == sql(db, "SELECT count(DISTINCT province_code) n FROM documents").n[0]
    lags = q.lags(ALL)
    # plans only: among them Hà Nội's 198/KH-UBND (435 days after 29-NQ/TW) and Thanh Hóa's
    # 116/KH-UBND (274 days after 964/QĐ-TTg); Bắc Giang's five-year review is an action, not a plan
    plans = lags[(lags.instrument_level == "central") & (lags.lag_basis == "plan")]
    central = plans.lag_days
    assert {("Hà Nội", 435), ("Thanh Hóa", 274)} <= set(zip(plans.province, central))
    assert "Bắc Giang" not in set(plans.province)
    assert h["lag_pairs"] == len(central)
    assert h["median_lag_days"] == pytest.approx(statistics.median(central))


def test_province_summary(db):
    s = q.province_summary(ALL)
    # one bundled text names no province (a Ban Thường vụ Tỉnh ủy programme on an aggregator site)
    unplaced = sql(db, "SELECT count(*) n FROM documents WHERE province_code IS NULL").n[0]
    assert unplaced == 1 and s.documents.sum() == N_RAW - unplaced and len(s) == 20
    assert s.province_code.is_unique
    assert (s.categories_total == 15).all()
    assert (s.categories_covered <= s.categories_total).all()
    # dated plans, and news items that report a plan by its number (Thanh Hóa's 116/KH-UBND); a
    # plan whose date the text does not give has no place on the time axis. The first plan is
    # a province-level body's; a district's or a department's is the first action
    plans = """SELECT province_code FROM documents WHERE (doc_type = 'plan' OR doc_number LIKE '%/KH-%')
               AND coalesce(issue_date, event_date, published_date) IS NOT NULL AND """
    own = sql(db, plans + "level IN ('province', 'party') AND district IS NULL")
    other = sql(db, plans + "NOT (level IN ('province', 'party') AND district IS NULL)")
    assert set(s.dropna(subset=["first_plan_date"]).province_code) == set(own.province_code)
    assert set(s.dropna(subset=["first_action_date"]).province_code) == set(other.province_code)
    assert set(s.first_plan_level.dropna()) <= {"province", "party"}
    # Hà Nội's 198/KH-UBND is a district's plan (quận Hai Bà Trưng), Quảng Ngãi's 812/KH-SCT a
    # department's: neither is the province's own first plan
    hn = s[s.province == "Hà Nội"].iloc[0]
    assert pd.isna(hn.first_plan) and pd.isna(hn.first_plan_lag_days)
    assert hn.first_action == "198/KH-UBND" and hn.first_action_level == "district"
    assert "Hai Bà Trưng" in hn.first_action_issuer
    qn = s[s.province == "Quảng Ngãi"].iloc[0]
    assert pd.isna(qn.first_plan) and qn.first_action == "812/KH-SCT"
    assert qn.first_action_level == "department"
    th = s[s.province == "Thanh Hóa"].iloc[0]
    assert th.first_plan == "116/KH-UBND" and th.first_plan_level == "province"
    assert th.first_plan_issuer == "Chủ tịch UBND tỉnh Thanh Hóa" and th.first_plan_lag_days == 274


def test_overview_median_lag_is_the_median_of_its_table(db):
    s = q.province_summary(ALL)
    median, n = q.plan_lag_median(s)
    shown = [int(v) for v in s.first_plan_lag_days if pd.notna(v)]
    assert n == len(shown) >= 3 and median == pytest.approx(statistics.median(shown))
    assert q.plan_lag_median(s.iloc[0:0]) == (None, 0)


def test_last_run_and_changes(db):
    run = q.last_run()
    assert run is not None and run["files_seen"] == N_RAW
    changes = q.run_changes()
    assert set(changes.change) <= {"added", "changed", "removed", "failed", "duplicate"}
    assert len(q.etl_runs()) >= 1


# ---------------------------------------------------------------- timeline and lags
def test_timeline_documents_and_instruments(db):
    docs = q.timeline_documents(ALL)
    dated = doc_ids(db, "coalesce(issue_date, event_date, published_date) IS NOT NULL AND province_code IS NOT NULL")
    assert set(docs.doc_id) == dated and 5 <= len(docs) < N_RAW and docs.doc_date.notna().all()
    assert docs.implements.str.contains("29-NQ/TW").any()
    inst = q.timeline_instruments(ALL)
    assert {"29-NQ/TW", "28-CT/TW", "964/QĐ-TTg"} <= set(inst.instrument_id)
    points = q.timeline_points(ALL)
    assert (points.point == "document").sum() == len(docs)
    assert set(points[points.point == "instrument"].doc_number) == set(inst.instrument_id)
    only = q.timeline_instruments(Filters(instrument="57-CT/TW"))
    assert "57-CT/TW" in set(only.instrument_id)  # the chosen one shows even unimplemented


def test_lag_is_days_from_instrument_to_first_plan_else_first_action(db):
    lags = q.lags(ALL)
    assert not lags.empty
    for r in lags.itertuples():
        end = r.first_plan_date if pd.notna(r.first_plan_date) else r.first_action_date
        assert r.lag_days == (pd.Timestamp(end) - pd.Timestamp(r.instrument_date)).days
        assert r.lag_basis == ("plan" if pd.notna(r.first_plan_date) else "first_action")
        assert r.first_action_date <= (r.first_plan_date if pd.notna(r.first_plan_date)
                                       else r.first_action_date)
    hn = lags[(lags.province == "Hà Nội") & (lags.instrument_id == "29-NQ/TW")].iloc[0]
    assert hn.first_action_doc == "198/KH-UBND"
    en = q.lags(ALL, "en")
    assert set(en.instrument_title) != set(lags.instrument_title)


# ---------------------------------------------------------------- coverage
def test_coverage_cells_are_graded(db):
    cells = q.coverage_cells(ALL)
    provinces = sql(db, "SELECT count(DISTINCT province_code) n FROM documents").n[0]
    assert len(cells) == provinces * 15
    assert set(cells.status) <= {"no_docs", "silent", "planned", "reported"}
    assert ((cells.status == "silent") == (cells.n_evidence == 0)).all()
    cov = sql(db, """SELECT count(*) n FROM task_coverage JOIN documents USING (doc_id)
                     WHERE province_code IS NOT NULL""").n[0]
    assert cells.n_evidence.sum() == cov > 0  # a document without a province is in no cell
    pillars = q.pillar_cells(ALL, "en")
    assert len(pillars) == provinces * 5
    assert set(pillars.pillar) == {"Legal", "Technical", "Organisational",
                                   "Capacity development", "Cooperation"}
    assert (pillars.groupby("province").categories_total.sum() == 15).all()


def test_coverage_evidence_matches_cells(db):
    cells = q.coverage_cells(ALL)
    ev = q.coverage_evidence(ALL, None, None)
    # every evidence row, also of documents no cell holds (no province)
    assert len(ev) == sql(db, "SELECT count(*) n FROM task_coverage").n[0]
    assert ev.province.notna().sum() == cells.n_evidence.sum()
    assert {"evidence", "doc_number", "issuer", "doc_date", "mode"} <= set(ev.columns)
    for r in cells[cells.n_evidence > 0].head(5).itertuples():
        assert len(q.coverage_evidence(ALL, r.province_code, r.category_code)) == r.n_evidence


# ---------------------------------------------------------------- compare
def test_agencies_and_deadlines(db):
    ag = q.lead_agencies(ALL)
    assert set(ag.role) <= {"lead", "support"}
    n = sql(db, "SELECT count(*) n FROM deadlines").n[0]
    assert len(q.deadlines(ALL)) == n


# ---------------------------------------------------------------- documents
@pytest.mark.parametrize("query", ["ke hoach", "Kế hoạch", "KẾ HOẠCH", "kế  hoach"])
def test_search_with_or_without_diacritics(db, query):
    expected = doc_ids(db, "text_folded LIKE '%ke hoach%'")
    assert expected
    assert set(q.search_documents(ALL, query).doc_id) >= expected


def test_search_folds_d_and_needs_every_word(db):
    assert set(q.search_documents(ALL, "dang uy").doc_id) == set(
        q.search_documents(ALL, "Đảng ủy").doc_id) != set()
    assert q.search_documents(ALL, "xyzzy khongco").empty
    assert len(q.search_documents(ALL, "")) == N_RAW
    assert set(q.search_documents(ALL, "198/KH-UBND").doc_number) >= {"198/KH-UBND"}


def test_search_is_not_sql(db):
    assert q.search_documents(ALL, "'; DROP TABLE documents; --").empty
    assert q.count_documents(ALL) == N_RAW


def test_document_detail(db):
    for doc_id in doc_ids(db):
        d = q.document(doc_id)
        assert d["doc_id"] == doc_id and d["text"]
        for df in (q.document_extractions(doc_id), q.document_instruments(doc_id),
                   q.document_tasks(doc_id), q.document_coverage(doc_id),
                   q.document_deadlines(doc_id), q.document_warnings(doc_id)):
            assert isinstance(df, pd.DataFrame)
    assert q.document("nope") is None
    some = next(iter(doc_ids(db)))
    assert not q.document_extractions(some).empty


# ---------------------------------------------------------------- data page and map
def test_whole_tables_and_codebook(db):
    sizes = q.table_sizes()
    assert list(sizes.table_name) == list(q.TABLES)
    for name, rows in zip(sizes.table_name, sizes.rows):
        assert len(q.whole_table(name)) == rows
    assert not q.codebook("en").empty
    assert isinstance(q.quality_warnings(ALL), pd.DataFrame)
    assert isinstance(q.ingest_errors(), pd.DataFrame)


@pytest.mark.parametrize("name, added", [
    ("task_coverage", ["doc_number", "doc_title", "province_name", "category_name"]),
    ("document_instruments", ["doc_number", "doc_title", "province_name", "instrument_title"]),
    ("instruments", ["province_name"]),
    ("tasks", ["doc_number", "doc_title", "province_name"]),
    ("extractions", ["doc_number", "doc_title", "province_name"]),
    ("documents", []), ("provinces", []), ("etl_runs", []),
])
def test_whole_tables_keep_their_ids_and_add_the_names(db, name, added):
    """Issue 14: the data page's whole tables carried hash ids and English codes only."""
    plain = q.whole_table(name)
    for lang in ("vi", "en"):
        named = q.whole_table_named(name, lang)
        assert list(named.columns) == [*plain.columns, *added]
        assert len(named) == len(plain)
        pd.testing.assert_frame_equal(named[list(plain.columns)], plain)
    if name == "task_coverage":
        for lang in ("vi", "en"):
            named = q.whole_table_named(name, lang)
            cats = dict(zip(*q.task_categories(lang)[["category_code", "category"]].T.values))
            assert named.category_name.tolist() == named.category_code.map(cats).tolist()
        docs = q.whole_table("documents").set_index("doc_id")
        named = q.whole_table_named(name, "vi")
        assert named.doc_title.tolist() == docs.title.reindex(named.doc_id).tolist()
        assert named.province_name.notna().any()


def test_reference_lists(db):
    assert len(q.provinces()) == 63
    assert len(q.task_categories()) == 15
    ins = q.instruments("vi")
    first = ins.iloc[0]
    assert first.documents > 0  # implemented instruments come first
    assert q.year_bounds() == (2014, 2025)


def test_map_measures_roll_up_to_34_units(db):
    m63 = q.map_measures(ALL, "29-NQ/TW", "63")
    m34 = q.map_measures(ALL, "29-NQ/TW", "34")
    assert len(m63) == 63 and len(m34) == 34
    placed = sql(db, "SELECT count(*) n FROM documents WHERE province_code IS NOT NULL").n[0]
    assert m63.documents.sum() == m34.documents.sum() == placed == N_RAW - 1
    assert m63.documents.isna().sum() == 63 - m63.documents.notna().sum()
    hn = m63[m63.map_key == "ha-noi"].iloc[0]
    assert hn.lag_days == (pd.Timestamp("2019-10-03") - pd.Timestamp("2018-07-25")).days
    bn = m34[m34.map_key == "bac-ninh"].iloc[0]  # Bắc Giang merged into Bắc Ninh
    assert "Bắc Giang" in bn.old_provinces and bn.documents >= 1


# ---------------------------------------------------------------- long lists: shown part, counts
def test_search_shows_the_first_rows_and_counts_every_match(db, monkeypatch):
    for query in ("", "ke hoach"):
        every = q.search_documents(ALL, query)
        shown = q.search_documents_shown(ALL, query)
        assert (shown.n_total == len(every)).all() and shown.shown.all()
        assert list(shown.doc_id) == list(every.doc_id)          # same order as the CSV
    monkeypatch.setattr(q, "SHOWN_DOCUMENTS", 2)
    every = q.search_documents(ALL, "")
    shown = q.search_documents_shown(ALL, "")
    assert list(shown.doc_id) == list(every.doc_id[:2]) and shown.n_total.iloc[0] == N_RAW
    # the open document stays offered wherever it ranks, but only while it matches
    last = every.doc_id.iloc[-1]
    kept = q.search_documents_shown(ALL, "", keep=last)
    assert list(kept.doc_id) == [*every.doc_id[:2], last]
    assert list(kept.shown) == [True, True, False]
    assert q.search_documents_shown(ALL, "xyzzy khongco", keep=last).empty


def test_search_puts_the_newest_first_and_best_matches_first(db):
    every = q.search_documents(ALL, "")
    dates = list(every.doc_date.dropna())
    assert dates == sorted(dates, reverse=True)
    # "198/KH-UBND" heads its own document (number in the heading): it comes first
    hits = q.search_documents(ALL, "198/KH-UBND")
    assert hits.doc_number.iloc[0] == "198/KH-UBND"


def test_summary_counts_match_the_summaries(db):
    hn = sql(db, "SELECT gso_code FROM provinces WHERE name_vi = 'Hà Nội'").gso_code[0]
    for f in (ALL, Filters(provinces=(hn, "02")), Filters(instrument="29-NQ/TW"),
              Filters(doc_types=("plan",)), Filters(provinces=("02",))):
        counts = q.summary_counts(f)
        assert counts == {
            "province_summary": len(q.province_summary(f)),
            "timeline": len(q.timeline_points(f, "en")), "lags": len(q.lags(f, "en")),
            "coverage": len(q.coverage_cells(f, "en")), "pillars": len(q.pillar_cells(f, "en")),
            "evidence": len(q.coverage_evidence(f, None, None, None, "en")),
            "compare_agencies": len(q.lead_agencies(f)),
            "compare_deadlines": len(q.deadlines(f)),
            "documents": len(q.search_documents(f, "")),
            "warnings": len(q.quality_warnings(f, "en"))}, f


def test_run_changes_counted_and_shown_in_part(db, monkeypatch):
    every = q.run_changes()
    counts = q.run_change_counts()
    assert counts.files.sum() == len(every)
    assert dict(zip(counts.change, counts.files)) == every.change.value_counts().to_dict()
    monkeypatch.setattr(q, "SHOWN_CHANGES", 2)
    shown = q.run_changes_shown()
    assert shown.equals(every.head(2))


def test_no_cache_runs_past_the_data_cache(db, monkeypatch):
    """`with queries.no_cache:` (big downloads) skips st.cache_data, on this thread only."""
    calls = []

    def cached(stamp, sql, params):
        calls.append("cached")
        return raw(stamp, sql, params)

    def raw(stamp, sql, params):
        calls.append("raw")
        return pd.DataFrame({"n": [1]})

    cached.__wrapped__ = raw
    monkeypatch.setattr(q, "_run", cached)
    q.count_documents(ALL)
    assert calls == ["cached", "raw"]
    calls.clear()
    with q.no_cache:
        q.count_documents(ALL)
    assert calls == ["raw"]
    calls.clear()
    q.count_documents(ALL)
    assert calls[0] == "cached"


# ---------------------------------------------------------------- status board (issue 13)
def test_status_board_has_every_province_for_964(db):
    b = q.status_board(ALL, "964/QĐ-TTg", today=date(2026, 1, 1))
    assert len(b) == 63 and b.unit_key.is_unique            # never fewer than all 63
    assert set(b.status) <= set(q.BOARD_STATUSES)
    # the provinces with a plan for 964/QĐ-TTg in data/raw, each a province-level body's
    plans = sql(db, """SELECT DISTINCT p.name_vi FROM documents d
                       JOIN document_instruments di USING (doc_id)
                       JOIN provinces p ON p.gso_code = d.province_code
                       WHERE di.relation = 'implements' AND di.instrument_key = '964/QĐ-TTg'
                         AND d.level IN ('province', 'party') AND d.district IS NULL""")
    assert set(b[b.status == "plan"].province) == set(plans.name_vi) >= {"Thanh Hóa", "Lào Cai"}
    th = b[b.province == "Thanh Hóa"].iloc[0]
    assert th.status == "plan" and th.plan_doc == "116/KH-UBND" and th.plan_level == "province"
    assert th.plan_issuer == "Chủ tịch UBND tỉnh Thanh Hóa" and th.plan_days == 274
    assert pd.isna(th.days_elapsed)
    # nothing found: named first, with the days since 10/08/2022
    none = b[b.status == "none"]
    assert len(none) == 63 - (b.status != "none").sum() > 0
    assert list(b.status[:len(none)]) == ["none"] * len(none)
    assert (none.days_elapsed == (date(2026, 1, 1) - date(2022, 8, 10)).days).all()
    assert "Hà Giang" in set(none.province)
    # then the slowest first among those with a plan
    with_plan = b[b.status == "plan"].plan_days.tolist()
    assert with_plan == sorted(with_plan, reverse=True)


def test_status_board_kinds_of_action_for_29(db):
    b = q.status_board(ALL, "29-NQ/TW").set_index("province")
    # Hà Nội: only a district's plan (198/KH-UBND of quận Hai Bà Trưng), 435 days after 25/7/2018
    assert b.at["Hà Nội", "status"] == "action" and b.at["Hà Nội", "action_doc"] == "198/KH-UBND"
    assert b.at["Hà Nội", "action_level"] == "district" and b.at["Hà Nội", "action_days"] == 435
    assert b.at["Bắc Giang", "status"] == "news"
    order = list(b.status)
    assert order == sorted(order, key=q.BOARD_STATUSES.index)


def test_status_board_after_july_2025_has_34_units(db):
    b = q.status_board(ALL, "964/QĐ-TTg", view="34")
    assert len(b) == 34 and b.unit_key.is_unique
    hcm = b[b.province == "Hồ Chí Minh"].iloc[0]   # Bình Dương and Bà Rịa - Vũng Tàu rolled up
    assert hcm.status == "plan" and "Bình Dương" in hcm.old_provinces
    # the province filter keeps the units holding the chosen provinces
    assert list(q.status_board(Filters(provinces=("38",)), "964/QĐ-TTg").province) == ["Thanh Hóa"]


def test_adoption_first_document_per_province_and_text(db):
    a = q.adoption(Filters(instrument="29-NQ/TW"), ["964/QĐ-TTg", "29-NQ/TW"])
    assert set(a.instrument_key) == {"964/QĐ-TTg", "29-NQ/TW"}   # the sidebar's text is not a limit
    assert not a.duplicated(["instrument_key", "unit_key"]).any()
    b = q.status_board(ALL, "964/QĐ-TTg")
    acted = a[a.instrument_key == "964/QĐ-TTg"]
    assert set(acted.province) == set(b[b.status != "none"].province)
    th = acted[acted.province == "Thanh Hóa"].iloc[0]
    assert th.doc == "116/KH-UBND" and th.days == 274 and th.kind == "plan"


# ---------------------------------------------------------------- province profile (issue 13, items 3, 4)
def test_profile_instruments_read_as_the_status_board_does(db):
    today = date(2026, 1, 1)
    for code in ("38", "01", "24"):
        rows = q.profile_instruments(ALL, code, today)
        assert len(rows) and rows.instrument_key.is_unique
        name = sql(db, "SELECT name_vi FROM provinces WHERE gso_code = ?", code).name_vi[0]
        for r in rows.to_dict("records"):
            board = q.status_board(ALL, r["instrument_key"], today=today).set_index("province")
            b = board.loc[name]
            assert r["status"] == b.status, (code, r["instrument_key"])
            for kind in q.BOARD_KINDS:
                assert (pd.isna(r[f"{kind}_doc_id"]) and pd.isna(b[f"{kind}_doc_id"])) or \
                    r[f"{kind}_doc_id"] == b[f"{kind}_doc_id"]
    th = q.profile_instruments(ALL, "38", today).set_index("instrument_id")
    assert th.at["964/QĐ-TTg", "plan_doc"] == "116/KH-UBND"
    assert th.at["964/QĐ-TTg", "plan_days"] == 274
    assert q.profile_instruments(ALL, "02", today).empty            # Hà Giang: nothing


def test_profile_levels_count_every_document_of_the_province(db):
    for code in ("38", "74", "01"):
        lv = q.profile_levels(ALL, code)
        n = len(doc_ids(db, "province_code = ?", code))
        assert lv.documents.sum() == n and lv.level.is_unique
    assert q.profile_levels(ALL, "02").empty
    assert q.profile_levels(Filters(doc_types=("plan",)), "38").empty   # a news item only


def test_category_shares_beside_the_coverage_grid(db):
    cells = q.coverage_cells(ALL)
    with_docs = cells[cells.status != "no_docs"].province_code.nunique()
    for code in ("38", "02"):
        s = q.category_shares(Filters(provinces=("01",)), code)   # the sidebar's province: ignored
        assert len(s) == cells.category_code.nunique()
        mine = cells[cells.province_code == code].set_index("category_code")
        for r in s.to_dict("records"):
            covering = cells[(cells.category_code == r["category_code"])
                             & cells.status.isin(["planned", "reported"])].province_code.nunique()
            assert r["provinces_with_docs"] == with_docs
            assert r["national_share"] == round(100 * covering / with_docs)
            assert r["status"] == (mine.at[r["category_code"], "status"] if len(mine)
                                   else "no_docs")



@pytest.mark.parametrize("codes, provinces", [(("38",), ("38",)), ((), ()),
                                               (("01", "79"), ("01", "79"))])
def test_filters_only_replaces_the_province_filter(codes, provinces):
    f = Filters(instrument="29-NQ/TW", year_from=2019, year_to=2024, provinces=("79", "01"),
                doc_types=("plan",), levels=("district",))
    g = f.only(*codes)
    assert g.provinces == provinces and g.doc_types == f.doc_types and g.levels == f.levels
    assert (g.instrument, g.year_from, g.year_to) == (f.instrument, f.year_from, f.year_to)
