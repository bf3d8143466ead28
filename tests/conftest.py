"""Shared fixtures: a warehouse built by the real ETL from the seed documents."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"
# data/raw ships 22 real documents: the 5 seeds (tests/gold/seeds.csv) and the 17 web-saved texts
# of the development corpus (tests/corpus/gold.csv), from 20 provinces
N_RAW = 22


def q(db: Path, sql: str, params=()):
    """Rows of a read-only query on a built warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def app(page: str | None = None, **params):
    """The dashboard in AppTest, opened with these URL parameters and then switched to
    `page` (as a link to that page would open it); no exception allowed."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def require(condition: bool, why: str) -> None:
    """Skip on a developer machine that lacks a tool; in CI a missing tool is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """Path to a warehouse built by `python -m etl ingest` logic from data/raw (read-only use)."""
    from etl.pipeline import ingest
    db = tmp_path_factory.mktemp("seed") / "warehouse.duckdb"
    ingest(RAW, db, progress=False)
    return db


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of the seed documents, for tests that change the raw folder."""
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    return dst
