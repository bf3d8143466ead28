"""Rows of many documents as Arrow tables (etl.batches), and the pool path of the ingest that
sends them: the same warehouse as extracting in one process."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import N_RAW
from etl import pipeline, settings
from etl.batches import DOC_POS, TABLES, drop_docs, to_arrow
from etl.readers import read_document
from etl.records import build_rows
from etl.reference import load_reference

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_rows():
    ref = load_reference()
    out = []
    for i, p in enumerate(SEEDS):
        out.append(build_rows(p.name, read_document(p).text, f"{i:064x}", "utf-8", ref, [], datetime(2026, 1, 2, 3, 4)))
    return out


def _tuples(tab):
    names = [n for n in tab.column_names if n != DOC_POS]
    return [tuple(r[c] for c in names) for r in tab.to_pylist()]


def test_tables_match_the_warehouse_schema():
    con = duckdb.connect()
    con.execute(settings.SCHEMA_SQL.read_text("utf-8"))
    arrow_to_duck = {"string": "VARCHAR", "date32[day]": "DATE", "bool": "BOOLEAN", "timestamp[us]": "TIMESTAMP",
                    "list<item: string>": "VARCHAR[]"}
    for table, (_attr, schema) in TABLES.items():
        cols = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                           "ORDER BY ordinal_position", [table]).fetchall()
        assert [(f.name, arrow_to_duck[str(f.type)]) for f in schema] == cols, table


def test_to_arrow_keeps_every_row_in_order(seed_rows):
    docs = [seed_rows[0], None, seed_rows[1], seed_rows[2]]  # None: a file that failed
    tabs = to_arrow(docs)
    assert set(tabs) == set(TABLES)
    assert _tuples(tabs["documents"]) == [tuple(d.document[c] for c in TABLES["documents"][1].names)
                                          for d in (seed_rows[0], seed_rows[1], seed_rows[2])]
    assert tabs["documents"][DOC_POS].to_pylist() == [0, 2, 3]
    for table, (attr, _schema) in TABLES.items():
        if attr is None:
            continue
        live = [(i, d) for i, d in enumerate(docs) if d is not None]
        assert _tuples(tabs[table]) == [r for _i, d in live for r in getattr(d, attr)], table
        assert tabs[table][DOC_POS].to_pylist() == [i for i, d in live for _ in getattr(d, attr)], table


def test_to_arrow_of_nothing_gives_empty_typed_tables():
    tabs = to_arrow([None, None])
    for table, (_attr, schema) in TABLES.items():
        assert tabs[table].num_rows == 0
        assert tabs[table].schema.remove(tabs[table].schema.get_field_index(DOC_POS)) == schema


def test_drop_docs_goes_by_position_not_by_doc_id(seed_rows):
    # the same content twice in one batch has the same doc_id: only the second one goes
    docs = [seed_rows[3], seed_rows[3], seed_rows[4]]
    kept = drop_docs(to_arrow(docs), [1])
    alone = to_arrow([seed_rows[3], None, seed_rows[4]])
    for table in TABLES:
        assert _tuples(kept[table]) == _tuples(alone[table]), table
        assert kept[table][DOC_POS].to_pylist() == alone[table][DOC_POS].to_pylist()
    assert drop_docs(alone, []) is alone


def _dump(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in [*TABLES, "ingest_errors", "etl_changes", "file_state"]:
            cols = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                              "ORDER BY ordinal_position", [table]).fetchall() if c != "loaded_at"]
            out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
        return out
    finally:
        con.close()


def test_pool_builds_the_same_warehouse_as_one_process(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    shutil.copyfile(raw / SEEDS[3].name, raw / "003_copy.txt")   # a duplicate in the same batch
    shutil.copyfile(raw / SEEDS[0].name, raw / "zz_copy.txt")    # and in a later one
    (raw / "002_junk.txt").write_bytes(bytes(range(256)) * 40)   # a failure among them
    (raw / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(pipeline, "BATCH", 3)
    monkeypatch.setattr(pipeline, "INSERT_EVERY", 4)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10**6)
    one = pipeline.ingest(raw, tmp_path / "one.duckdb")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    pool = pipeline.ingest(raw, tmp_path / "pool.duckdb")
    assert len(one.loaded) == N_RAW and len(one.duplicates) == 2 and len(one.failed) == 2
    assert (one.loaded, one.duplicates, one.failed) == (pool.loaded, pool.duplicates, pool.failed)
    assert _dump(tmp_path / "one.duckdb") == _dump(tmp_path / "pool.duckdb")


def test_a_failing_insert_stops_the_pool_and_keeps_the_old_warehouse(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    db = tmp_path / "w.duckdb"
    pipeline.ingest(raw, db)
    (raw / "new.txt").write_text("Kế hoạch số 5/KH-UBND của UBND tỉnh Ninh Bình", "utf-8")
    monkeypatch.setattr(pipeline, "BATCH", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 1)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)

    def broken(*a, **k):
        raise duckdb.IOException("disk went away")

    monkeypatch.setattr(pipeline, "_insert_batches", broken)
    monkeypatch.setattr(pipeline, "INSERT_EVERY", 1)
    with pytest.raises(pipeline.BuildError, match="disk went away"):
        pipeline.ingest(raw, db)
    assert _dump(db)["documents"] and len(_dump(db)["documents"]) == N_RAW
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))
