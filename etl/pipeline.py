"""ingest: raw folder → a new warehouse file, validated, then swapped in atomically.

Incremental by content hash: unchanged files keep their rows (copied from the last good
warehouse), changed files are re-extracted, removed files disappear. With nothing changed
the warehouse is not touched at all."""
from __future__ import annotations

import csv
import fcntl
import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from . import settings
from .batches import TABLES, drop_docs, to_arrow
from .readers import ReadError, read_document
from .records import DocRows, build_rows, content_hash
from .reference import Reference, load_reference, read_csv

MANIFEST = "sources.csv"
IGNORED_NAMES = {MANIFEST, ".gitkeep", ".DS_Store", "README.md"}
PARALLEL_MIN = 200  # below this many files to extract, one process is faster
BATCH = 32          # files per job sent to a worker (results come back as one set of Arrow tables)
INSERT_EVERY = 512  # documents: insert what has arrived while the workers go on extracting


class BuildError(Exception):
    """The new warehouse could not be built or did not validate; the old one is kept."""


@dataclass
class FileState:
    source_file: str
    path: Path
    size: int
    mtime_ns: int
    digest: str | None = None
    source_url: str | None = None  # from a sources.csv manifest


@dataclass
class Summary:
    files_seen: int = 0
    loaded: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    warnings: int = 0
    notices: list[str] = field(default_factory=list)  # about the run, not a document (a bad manifest)
    nothing_changed: bool = False
    run_id: int | None = None
    db_path: Path | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def scan(raw_dir: Path) -> list[FileState]:
    out = []
    for p in sorted(raw_dir.rglob("*")):
        rel = p.relative_to(raw_dir)
        if not p.is_file() or p.name in IGNORED_NAMES or any(part.startswith(".") for part in rel.parts):
            continue
        st = p.stat()
        out.append(FileState(rel.as_posix(), p, st.st_size, st.st_mtime_ns))
    return out


def read_manifests(raw_dir: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The addresses the raw folder's sources.csv manifests give, by file (relative to the raw
    folder), and what was wrong with them: (manifest, English, Vietnamese) per problem.

    A manifest lists `file` and `source` (or `source_url`), optionally `note`, for the files of
    its own folder (or below it). No manifest, no such column or an empty cell: no address. A
    manifest that cannot be read is reported and skipped; it never stops the batch."""
    out: dict[str, str] = {}
    problems: list[tuple[str, str, str]] = []
    raw_dir = Path(raw_dir)
    # the shallowest first: a manifest in a sub-folder speaks last about its own files
    for path in sorted(raw_dir.rglob(MANIFEST), key=lambda p: (len(p.parts), p)):
        rel = path.relative_to(raw_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        name = rel.as_posix()
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.DictReader(fh))
            header = {(k or "").strip().lower(): k for k in (rows[0].keys() if rows else [])}
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            why = type(e).__name__
            problems.append((name, f"the manifest could not be read ({why}); its addresses are not used",
                             f"không đọc được tệp kê nguồn ({why}); không dùng các địa chỉ trong đó"))
            continue
        if not rows:
            continue
        file_col = header.get("file")
        url_col = header.get("source") or header.get("source_url")
        if file_col is None:
            problems.append((name, "the manifest has no 'file' column; its addresses are not used",
                             "tệp kê nguồn không có cột 'file'; không dùng các địa chỉ trong đó"))
            continue
        if url_col is None:
            continue
        bad = 0
        for row in rows:
            f, url = (row.get(file_col) or "").strip(), (row.get(url_col) or "").strip()
            if None in row or not f:  # more cells than columns, or no file named
                bad += 1
                continue
            key = (rel.parent / f).as_posix().removeprefix("./")
            if url:
                out[key] = url
            else:
                out.pop(key, None)
        if bad:
            problems.append((name, f"{bad} line(s) of the manifest are malformed and were skipped",
                             f"{bad} dòng của tệp kê nguồn bị lỗi và đã bỏ qua"))
    return out, problems


def _read_previous(db_path: Path) -> tuple[dict, dict | None]:
    """(file_state rows by source_file, last run info) of the current warehouse, if readable."""
    if not db_path.exists():
        return {}, None
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return {}, None
    try:
        rows = con.execute("SELECT source_file, content_hash, size, mtime_ns, status, source_url FROM file_state"
                           ).fetchall()
        run = con.execute("SELECT extractor_version, reference_hash, run_id FROM etl_runs "
                          "ORDER BY run_id DESC LIMIT 1").fetchone()
        errors = con.execute("SELECT source_file, error, duplicate_of FROM ingest_errors ORDER BY 1").fetchall()
    except duckdb.Error:
        return {}, None
    finally:
        con.close()
    prev = {r[0]: {"digest": r[1], "size": r[2], "mtime_ns": r[3], "status": r[4], "source_url": r[5]} for r in rows}
    info = {"extractor_version": run[0], "reference_hash": run[1], "run_id": run[2], "errors": errors} if run else None
    return prev, info


def _hash_files(files: list[FileState], prev: dict, max_bytes: int) -> None:
    for f in files:
        p = prev.get(f.source_file)
        if p and p["size"] == f.size and p["mtime_ns"] == f.mtime_ns:
            f.digest = p["digest"]  # size and mtime unchanged: trust the stored hash
        elif f.size > max_bytes:
            f.digest = f"oversize:{f.size}"
        else:
            try:
                f.digest = content_hash(f.path.read_bytes())
            except OSError as e:
                f.digest = f"unreadable:{e.errno}"


def _corrections(path: Path) -> list[dict]:
    return read_csv(path) if path.exists() else []


def build_fingerprint(ref: Reference, corrections_path: Path) -> str:
    h = hashlib.sha256(ref.digest.encode())
    if corrections_path.exists():
        h.update(corrections_path.read_bytes())
    h.update(settings.SCHEMA_SQL.read_bytes())
    h.update(settings.CODEBOOK.read_bytes() if settings.CODEBOOK.exists() else b"")
    return h.hexdigest()[:16]


@contextmanager
def _lock(db_path: Path):
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another ETL run is already building {db_path}; wait for it to finish") from None
        yield


# What every job of a run shares (the reference data, the corrections): sent to each worker
# process once, not pickled with each of 10,000 jobs.
_SHARED: dict = {}


def _init_worker(ref: Reference, corrections: list[dict]) -> None:
    _SHARED["ref"], _SHARED["corrections"] = ref, corrections


def _extract_one(args) -> tuple[str, DocRows | None, str | None, str]:
    source_file, path, digest, loaded_at, max_bytes = args[:5]
    source_url = args[5] if len(args) > 5 else None  # the manifest's address, if any
    ref, corrections = _SHARED["ref"], _SHARED["corrections"]
    try:
        res = read_document(path, max_bytes=max_bytes)
    except ReadError as e:
        return source_file, None, str(e), ""
    try:  # the manifest's address wins over the one a saved page gives for itself
        rows = build_rows(source_file, res.text, digest, res.encoding, ref, corrections, loaded_at,
                          source_url or res.source_url)
    except Exception as e:  # an extractor bug must not stop the batch; it is reported per file
        return source_file, None, f"extraction failed ({type(e).__name__}: {e})", res.encoding
    for w in res.warnings:
        rows.warnings.append((rows.doc_id, source_file, "reader", w, f"ghi chú khi đọc tệp: {w}", ""))
    return source_file, rows, None, res.encoding


def _extract_batch(jobs: list) -> tuple[list[tuple[str, str, str | None]], dict[str, pa.Table]]:
    """Extract a batch of files: per file (source_file, content hash, error or None), in job
    order, and the rows of those that did not fail as Arrow tables (etl.batches)."""
    outcomes, docs = [], []
    for job in jobs:
        source_file, rows, err, _enc = _extract_one(job)
        outcomes.append((source_file, job[2], err))
        docs.append(rows)
    return outcomes, to_arrow(docs)


def ingest(raw_dir: Path = settings.RAW_DIR, db_path: Path = settings.WAREHOUSE, *,
           max_bytes: int = settings.MAX_FILE_BYTES, progress: bool = False,
           corrections_path: Path = settings.CORRECTIONS, validate_hook=None) -> Summary:
    """Bring the warehouse at `db_path` up to date with `raw_dir`. Raises BuildError when the
    new warehouse cannot be built; the previous warehouse is then left as it was."""
    t0 = datetime.now()
    raw_dir, db_path = Path(raw_dir), Path(db_path)
    if not raw_dir.is_dir():
        raise BuildError(f"raw folder {raw_dir} does not exist")
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BuildError(f"cannot create the warehouse folder {db_path.parent}: {e.strerror}") from e
    if not os.access(db_path.parent, os.W_OK):
        raise BuildError(f"cannot write to {db_path.parent}: permission denied")
    ref = load_reference()
    corrections = _corrections(corrections_path)
    fingerprint = build_fingerprint(ref, corrections_path)
    summary = Summary(db_path=db_path)
    try:
        return _ingest_locked(raw_dir, db_path, ref, corrections, fingerprint, summary, max_bytes, progress,
                              validate_hook, t0)
    except OSError as e:  # full disk, read-only file system, permissions
        raise BuildError(f"cannot write the warehouse next to {db_path}: {e.strerror or e}") from e


def _clean_stale(db_path: Path) -> None:
    """Remove what a killed build left behind (its pid no longer runs)."""
    for p in db_path.parent.glob(f"{db_path.name}.tmp-*"):
        pid = p.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            _remove(p)


def _ingest_locked(raw_dir, db_path, ref, corrections, fingerprint, summary, max_bytes, progress,
                   validate_hook, t0) -> Summary:
    with _lock(db_path):
        _clean_stale(db_path)
        files = scan(raw_dir)
        summary.files_seen = len(files)
        addresses, manifest_problems = read_manifests(raw_dir)
        summary.notices = [f"{m}: {en}" for m, en, _vi in manifest_problems]
        for f in files:
            f.source_url = addresses.get(f.source_file)
        prev, info = _read_previous(db_path)
        _hash_files(files, prev, max_bytes)
        same_rules = bool(info and info["extractor_version"] == settings.EXTRACTOR_VERSION
                          and info["reference_hash"] == fingerprint)
        now = {f.source_file: f for f in files}
        # a file that failed with the same bytes would fail again: it does not force a rebuild
        if same_rules and set(now) == set(prev) and all(_same(prev[s], f) for s, f in now.items()):
            summary.unchanged = len(files)
            summary.nothing_changed = True
            summary.run_id = info["run_id"]
            # still failing: --strict must keep saying so
            summary.failed = [(f, e) for f, e, dup in info["errors"] if dup is None]
            summary.duplicates = [(f, dup) for f, e, dup in info["errors"] if dup is not None]
            summary.seconds = (datetime.now() - t0).total_seconds()
            return summary
        keep = {s for s, f in now.items() if same_rules and s in prev and _same(prev[s], f)
                and prev[s]["status"] == "loaded"}
        todo = [f for s, f in now.items() if s not in keep]
        summary.removed = sorted(set(prev) - set(now))
        summary.unchanged = len(keep)
        tmp = db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")
        try:
            _build(tmp, db_path, raw_dir, ref, corrections, fingerprint, files, keep, todo, prev, info,
                   summary, max_bytes, progress, t0, manifest_problems)
            if validate_hook:
                validate_hook(tmp)
            validate(tmp, expected_docs=len(keep) + len(summary.loaded))
            _swap(tmp, db_path)
        except BuildError:
            _remove(tmp)
            raise
        except (duckdb.Error, OSError) as e:
            _remove(tmp)
            raise BuildError(f"could not build the warehouse: {e}") from e
        except BaseException:
            _remove(tmp)
            raise
    summary.seconds = (datetime.now() - t0).total_seconds()
    return summary


def _same(prev: dict, f: FileState) -> bool:
    """The same bytes with the same address: its rows can be kept (a new address is new
    evidence of the province, so the file is extracted again)."""
    return prev["digest"] == f.digest and (prev["source_url"] or None) == (f.source_url or None)


def _remove(p: Path) -> None:
    for q in (p, p.with_name(p.name + ".wal")):
        try:
            q.unlink()
        except FileNotFoundError:
            pass


def _swap(tmp: Path, db_path: Path) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, db_path)  # atomic: a reader sees the old file or the new one, never half
    dfd = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def _build(tmp: Path, db_path: Path, raw_dir: Path, ref: Reference, corrections: list[dict], fingerprint: str,
           files: list[FileState], keep: set[str], todo: list[FileState], prev: dict, info: dict | None,
           summary: Summary, max_bytes: int, progress: bool, t0: datetime,
           manifest_problems: list[tuple[str, str, str]] = ()) -> None:
    _remove(tmp)
    if keep and db_path.exists():
        shutil.copyfile(db_path, tmp)
        con = duckdb.connect(str(tmp))
        gone = sorted(set(prev) - keep)
        if gone:
            con.execute("CREATE TEMP TABLE gone AS SELECT unnest(?::VARCHAR[]) AS source_file", [gone])
            con.execute("CREATE TEMP TABLE gone_docs AS SELECT doc_id FROM documents WHERE source_file IN "
                        "(SELECT source_file FROM gone)")
            for t in ("extractions", "document_instruments", "task_coverage", "deadlines", "quality_warnings",
                      "task_agencies", "tasks"):
                con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT doc_id FROM gone_docs)")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM gone_docs)")
        # failures and duplicates are re-decided every run
        con.execute("DELETE FROM ingest_errors")
        con.execute("DELETE FROM quality_warnings WHERE doc_id IS NULL")
        con.execute("DELETE FROM file_state")
    else:
        con = duckdb.connect(str(tmp))
        con.execute(settings.SCHEMA_SQL.read_text("utf-8"))
    try:
        _load_reference(con, ref)
        run_id = (info["run_id"] + 1) if info else 1
        summary.run_id = run_id
        loaded_at = datetime.now()
        known_hashes = dict(con.execute("SELECT content_hash, source_file FROM documents").fetchall())
        jobs = []
        errors: list[tuple[str, str, str | None]] = []
        changes: list[tuple] = []
        for f in todo:
            if f.digest and f.digest.startswith("oversize:"):
                errors.append((f.source_file, f"file is {f.size / 1048576:.1f} MB, over the "
                                              f"{max_bytes / 1048576:.0f} MB limit", None))
                continue
            if f.digest and f.digest.startswith("unreadable:"):
                errors.append((f.source_file, "the file could not be opened (permission or disk error)", None))
                continue
            jobs.append((f.source_file, f.path, f.digest, loaded_at, max_bytes, f.source_url))
        # Inserted as the batches arrive, in job order (which file counts as the first of two
        # duplicates does not depend on the workers' timing): only INSERT_EVERY documents' rows
        # are held at a time (10,000 documents: peak 927 → 383 MB in this process), and the
        # writing overlaps the extraction instead of following it.
        # (On 2 cores that overlap takes about as long from the workers as it saves at the end.)
        pending: list[dict[str, pa.Table]] = []
        pending_docs = 0
        # One transaction for every insert of the run: committed one by one, DuckDB
        # checkpointed every few batches and rewrote half-filled row groups, which left a cold
        # 10,000-document build at 159 MB with 48 MB of it free blocks.
        con.execute("BEGIN")
        with closing(_run_jobs(jobs, progress, ref, corrections)) as batches:
            for outcomes, tables in batches:
                dropped = []
                for pos, (source_file, digest, err) in enumerate(outcomes):
                    if err:
                        errors.append((source_file, err, None))
                    elif digest in known_hashes:
                        errors.append((source_file, f"same content as {known_hashes[digest]}: not counted twice",
                                       known_hashes[digest]))
                        summary.duplicates.append((source_file, known_hashes[digest]))
                        dropped.append(pos)
                    else:
                        known_hashes[digest] = source_file
                        summary.loaded.append(source_file)
                        changes.append((run_id, source_file, "changed" if source_file in prev else "added"))
                pending.append(drop_docs(tables, dropped))
                pending_docs += len(outcomes)
                if pending_docs >= INSERT_EVERY:
                    _insert_batches(con, pending)
                    pending, pending_docs = [], 0
        _insert_batches(con, pending)
        for source_file, err, dup in errors:
            if dup is None:
                summary.failed.append((source_file, err))
        _insert_rows(con, "ingest_errors", ["source_file", "error", "duplicate_of"], errors)
        changes += [(run_id, s, "removed") for s in summary.removed]
        changes += [(run_id, s, "failed") for s, _ in summary.failed]
        changes += [(run_id, s, "duplicate") for s, _ in summary.duplicates]
        _insert_rows(con, "etl_changes", ["run_id", "source_file", "change"], changes)
        _link_corpus_chain(con)
        failed_files = {s for s, _, _ in errors}
        _insert_rows(con, "file_state", ["source_file", "content_hash", "size", "mtime_ns", "status", "source_url"], [
            (f.source_file, f.digest, f.size, f.mtime_ns, "failed" if f.source_file in failed_files else "loaded",
             f.source_url) for f in files])
        _insert_rows(con, "quality_warnings", ["doc_id", "source_file", "kind", "message", "message_vi", "evidence"],
                     [(None, m, "manifest", en, vi, "") for m, en, vi in manifest_problems])
        summary.warnings = con.execute("SELECT count(*) FROM quality_warnings").fetchone()[0]
        con.execute("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            run_id, t0, datetime.now(), str(raw_dir), len(files), len(summary.loaded), summary.unchanged,
            len(summary.removed), len(summary.failed), summary.warnings, settings.EXTRACTOR_VERSION, fingerprint])
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _link_corpus_chain(con: duckdb.DuckDBPyConnection) -> None:
    """A document carrying out a local text (a provincial plan) that another loaded document
    shows carrying out a central one is linked to that central text too, `via` the local one,
    so that filtering by 29-NQ/TW also finds the district plan that implements the provincial
    plan. Recomputed on every build, to a fixed point (chains of any length)."""
    con.execute("DELETE FROM document_instruments WHERE rule = 'chain_corpus'")
    for _ in range(5):
        added = con.execute("""
            INSERT INTO document_instruments
                (doc_id, instrument_id, relation, evidence, instrument_key, catalogued, via, cited_date, rule)
            SELECT DISTINCT ON (d.doc_id, up.instrument_id)
                   d.doc_id, up.instrument_id, 'implements', d.evidence, up.instrument_key, up.catalogued,
                   d.instrument_id, NULL, 'chain_corpus'
            FROM document_instruments d
            JOIN documents src ON src.doc_number = d.instrument_id
            JOIN documents me ON me.doc_id = d.doc_id
            JOIN document_instruments up ON up.doc_id = src.doc_id AND up.relation = 'implements'
            WHERE d.relation = 'implements' AND src.doc_id <> d.doc_id
              AND (me.province_code IS NULL OR src.province_code IS NULL OR me.province_code = src.province_code)
              -- local numbers repeat every year: the loaded text must be the one cited (its date,
              -- when the citation gives one) and come before the document that carries it out
              AND (d.cited_date IS NULL OR src.issue_date = d.cited_date)
              AND (coalesce(me.issue_date, me.event_date, me.published_date) IS NULL
                   OR coalesce(src.issue_date, src.event_date, src.published_date)
                      <= coalesce(me.issue_date, me.event_date, me.published_date))
              AND NOT EXISTS (SELECT 1 FROM document_instruments x
                              WHERE x.doc_id = d.doc_id AND x.instrument_id = up.instrument_id
                                AND x.relation = 'implements')
            ORDER BY d.doc_id, up.instrument_id
            RETURNING 1""").fetchall()
        if not added:
            break


def _run_jobs(jobs: list, progress: bool, ref: Reference, corrections: list[dict]) -> Iterator[tuple]:
    """_extract_batch of every BATCH jobs, yielded in job order: in a process pool from
    PARALLEL_MIN jobs up, else here. Closing the generator early cancels what has not started."""
    bar = None
    if progress and jobs:
        from tqdm import tqdm
        bar = tqdm(total=len(jobs), unit="file", desc="ingest", file=sys.stderr, leave=False)
    chunks = [jobs[i:i + BATCH] for i in range(0, len(jobs), BATCH)]
    try:
        if len(jobs) >= PARALLEL_MIN and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor(initializer=_init_worker, initargs=(ref, corrections)) as pool:
                try:
                    for r in pool.map(_extract_batch, chunks):
                        yield r
                        if bar:
                            bar.update(len(r[0]))
                except BaseException:  # the caller failed or stopped: do not extract the rest
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        else:
            _init_worker(ref, corrections)
            for c in chunks:
                r = _extract_batch(c)
                yield r
                if bar:
                    bar.update(len(r[0]))
    finally:
        if bar:
            bar.close()


def _insert_batches(con: duckdb.DuckDBPyConnection, batches: list[dict[str, pa.Table]]) -> None:
    """Insert batches of etl.batches tables, one statement per table."""
    if not batches:
        return
    for table, (_attr, schema) in TABLES.items():
        tab = pa.concat_tables([b[table] for b in batches])
        if tab.num_rows:
            _insert_arrow(con, table, schema.names, tab)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, cols: list[str], rows: list[tuple]) -> None:
    """Many rows at once through an Arrow table (executemany costs a statement per row; a
    pandas frame spends longer turning Python strings into Arrow strings than this does)."""
    if not rows:
        return
    columns = list(zip(*rows))
    _insert_arrow(con, table, cols, pa.table({c: pa.array(v) for c, v in zip(cols, columns)}))


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, cols: list[str], tab: pa.Table) -> None:
    """Insert the columns `cols` of an Arrow table (any other column in it is left out)."""
    con.register("new_rows", tab)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(cols)} FROM new_rows")
    finally:
        con.unregister("new_rows")


def _load_reference(con: duckdb.DuckDBPyConnection, ref: Reference) -> None:
    d = settings.REFERENCE_DIR
    for table, fname in (("provinces", "provinces.csv"), ("districts", "districts.csv"),
                         ("instruments", "instruments.csv"), ("task_categories", "task_categories.csv")):
        df = pd.DataFrame(read_csv(d / fname))
        if table == "task_categories":
            df["sort_order"] = df["sort_order"].astype(int)
        if table == "instruments":
            df = df.replace({"": None})
        con.execute(f"DELETE FROM {table}")
        con.register("ref_rows", df)
        cols = ", ".join(df.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM ref_rows")
        con.unregister("ref_rows")
    con.execute("DELETE FROM codebook")
    if settings.CODEBOOK.exists():
        cb = pd.DataFrame(read_csv(settings.CODEBOOK))
        con.register("cb", cb)
        con.execute("INSERT INTO codebook SELECT table_name, column_name, description_vi, description_en FROM cb")
        con.unregister("cb")


def validate(path: Path, expected_docs: int) -> None:
    """Checks a new warehouse must pass before it replaces the old one."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        if n != expected_docs:
            raise BuildError(f"validation failed: {n} documents in the new warehouse, expected {expected_docs}")
        if con.execute("SELECT count(*) FROM provinces").fetchone()[0] != 63:
            raise BuildError("validation failed: the provinces reference does not have 63 rows")
        checks = {
            "rows pointing at no document": """
                SELECT count(*) FROM (SELECT doc_id FROM extractions UNION ALL SELECT doc_id FROM document_instruments
                UNION ALL SELECT doc_id FROM task_coverage UNION ALL SELECT doc_id FROM tasks) x
                WHERE doc_id NOT IN (SELECT doc_id FROM documents)""",
            "task agencies not attached to a task of their document": """
                SELECT count(*) FROM task_agencies ta
                WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.task_id = ta.task_id AND t.doc_id = ta.doc_id)""",
            "documents with a province code not in the reference": """
                SELECT count(*) FROM documents WHERE province_code IS NOT NULL
                AND province_code NOT IN (SELECT gso_code FROM provinces)""",
            "task categories not in the reference": """
                SELECT count(*) FROM task_coverage WHERE category_code NOT IN (SELECT category_code FROM task_categories)""",
            "text that is not NFC-normalised (sampled)": """
                SELECT count(*) FROM (SELECT text FROM documents LIMIT 200) WHERE text <> nfc_normalize(text)""",
        }
        for what, sql in checks.items():
            bad = con.execute(sql).fetchone()[0]
            if bad:
                raise BuildError(f"validation failed: {bad} {what}")
    finally:
        con.close()
