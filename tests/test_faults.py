"""Faults: a build killed at any moment, readers during rebuilds, a full or unwritable disk."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from etl.pipeline import BuildError, ingest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "raw").glob("*.txt"))


def make_corpus(folder: Path, n: int, salt: str = "") -> None:
    """n distinct documents made from the seeds (a line appended keeps each one unique)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text("utf-8") for p in SEEDS]
    for i in range(n):
        (folder / f"doc{i:05d}.txt").write_text(texts[i % len(texts)] + f"\n\nBản sao kiểm thử {salt}{i}.\n",
                                               "utf-8")


def doc_count(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def test_kill_9_at_any_moment_leaves_the_previous_warehouse(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 60)
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    assert doc_count(db) == 60
    rng = random.Random(7)
    for attempt in range(4):
        make_corpus(raw, 400, salt=f"r{attempt}-")  # every file changes: a long rebuild
        proc = subprocess.Popen([sys.executable, "-m", "etl", "ingest", str(raw), "--db", str(db), "--quiet"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        time.sleep(rng.uniform(0.3, 1.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        # the old warehouse or a complete new one, never a broken one
        assert doc_count(db) in (60, 400)
    # the next run cleans up what the killed runs left and finishes the job
    s = ingest(raw, db)
    assert doc_count(db) == 400 and not s.failed
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_readers_see_no_error_while_the_warehouse_is_rebuilt(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 30)
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    errors: list[str] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                con = duckdb.connect(str(db), read_only=True)
                try:
                    con.execute("SELECT d.province_name, count(*) FROM documents d JOIN document_instruments i "
                                "USING (doc_id) GROUP BY 1").fetchall()
                    con.execute("SELECT count(*) FROM task_coverage").fetchone()
                finally:
                    con.close()
                reads += 1
            except Exception as e:  # noqa: BLE001 - any failure a page would show
                errors.append(repr(e))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for round_ in range(4):
            make_corpus(raw, 30 + round_ * 10, salt=f"x{round_}-")
            ingest(raw, db)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert reads > 10


def test_a_full_disk_keeps_the_old_warehouse(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    make_corpus(raw, 10)
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    make_corpus(raw, 12, salt="new-")
    import etl.pipeline as pipeline

    def no_space(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "_swap", no_space)
    with pytest.raises(BuildError, match="No space left"):
        ingest(raw, db)
    assert doc_count(db) == 10
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_a_second_build_at_the_same_time_is_refused(tmp_path):
    raw = tmp_path / "raw"
    make_corpus(raw, 5)
    db = tmp_path / "w.duckdb"
    import fcntl
    with open(db.with_name(db.name + ".lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="already building"):
            ingest(raw, db)


def test_page_queries_keep_answering_while_the_warehouse_is_rebuilt(tmp_path, monkeypatch):
    """The dashboard's own query module, in a loop, while the ETL swaps in new warehouses:
    no error, and it ends up seeing the last build."""
    from app import queries as q
    from app.filters import Filters

    raw = tmp_path / "raw"
    make_corpus(raw, 20)
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    monkeypatch.setenv("CYBERDASH_DB", str(db))
    errors: list[str] = []
    seen: set[int] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(q.headline(Filters())["documents"])
                q.province_summary(Filters())
                q.coverage_cells(Filters())
            except Exception as e:  # noqa: BLE001 - any failure a page would show
                errors.append(repr(e))

    t = threading.Thread(target=reader)
    t.start()
    try:
        for n in (25, 30, 35):
            make_corpus(raw, n, salt=f"p{n}-")
            ingest(raw, db)
            time.sleep(0.3)
        # on a loaded machine one round of the reader can outlast the sleep
        deadline = time.monotonic() + 15
        while 35 not in seen and not errors and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        t.join()
    assert errors == []
    assert 35 in seen
