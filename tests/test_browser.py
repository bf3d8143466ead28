"""Every page in real headless Chromium (Debian's), through the shared page_timing tool:
no exception, no error alert, no failed load and no request to any host but the app's."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = Path(__file__).parents[1] / ".." / "shared" / "tools" / "page_timing.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = ["/", "/ban-do", "/dong-thoi-gian", "/bao-phu", "/so-sanh", "/van-ban", "/du-lieu",
         "/bao-phu?lang=English&view=By+GCI+pillar+%28ITU%29", "/van-ban?lang=English&q=ke+hoach",
         "/ban-do?borders=%C4%90%E1%BB%8Ba+gi%E1%BB%9Bi+t%E1%BB%AB+7%2F2025", "/them-van-ban"]


def require(condition: bool, why: str) -> None:
    """Skip on a developer machine that lacks the tool; in CI a missing tool is a failure."""
    if not condition:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"required in CI: {why}")
        pytest.skip(why)


def test_every_page_in_chromium(seed_db):
    require(TOOL.exists(), f"{TOOL} is missing")
    require(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is missing")
    env = dict(os.environ, CYBERDASH_DB=str(seed_db), CHROMIUM=CHROMIUM)
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--app", "dashboard.py", "--pages", ",".join(PAGES),
         "--runs", "1", "--warmup", "0", "--chromium", CHROMIUM],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    detail = f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    assert [r["page"] for r in results] == PAGES, detail
    for r in results:
        for k in ("exceptions", "error_alerts", "failed_requests", "failed_loads", "js_errors"):
            assert r[k] == 0, f"{r['page']}: {k}={r[k]}\n{detail}"
    assert proc.returncode == 0, detail


STATUS_PAGES = ["/tinh-hinh-trien-khai", "/tinh-hinh-trien-khai?lang=English&board_2025=true"
                "&board_instrument=29-NQ%2FTW&board_overlay=964%2FQ%C4%90-TTg"]


def test_status_board_in_chromium(seed_db):
    """The status board (issue 13) in both languages, the 34 units and an overlay: no
    exception, no error alert, no failed load and no request to any other host."""
    require(TOOL.exists(), f"{TOOL} is missing")
    require(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is missing")
    env = dict(os.environ, CYBERDASH_DB=str(seed_db), CHROMIUM=CHROMIUM)
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--app", "dashboard.py", "--pages", ",".join(STATUS_PAGES),
         "--runs", "1", "--warmup", "0", "--chromium", CHROMIUM],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    detail = f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    assert [r["page"] for r in results] == STATUS_PAGES, detail
    for r in results:
        for k in ("exceptions", "error_alerts", "failed_requests", "failed_loads", "js_errors"):
            assert r[k] == 0, f"{r['page']}: {k}={r[k]}\n{detail}"
    assert proc.returncode == 0, detail


def test_documents_search_and_an_open_document_in_chromium(seed_db):
    """The documents page with a search and a document opened by its link (issue 14): its
    evidence marks, tags and searched words draw with no exception, no error alert, no
    failed load and no request to any other host."""
    require(TOOL.exists(), f"{TOOL} is missing")
    require(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is missing")
    import duckdb
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        hbt = con.execute("SELECT doc_id FROM documents WHERE doc_number = '198/KH-UBND'").fetchone()[0]
    finally:
        con.close()
    pages = [f"/van-ban?q=hai+ba+trung&doc={hbt}",
             f"/van-ban?lang=English&q=964%2FQ%C4%90-TTg&doc={hbt}&documents_docview_raw=true"]
    env = dict(os.environ, CYBERDASH_DB=str(seed_db), CHROMIUM=CHROMIUM)
    proc = subprocess.run(
        [sys.executable, str(TOOL), "--app", "dashboard.py", "--pages", ",".join(pages),
         "--runs", "1", "--warmup", "0", "--chromium", CHROMIUM],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    detail = f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr[-3000:]}"
    assert [r["page"] for r in results] == pages, detail
    for r in results:
        for k in ("exceptions", "error_alerts", "failed_requests", "failed_loads", "js_errors"):
            assert r[k] == 0, f"{r['page']}: {k}={r[k]}\n{detail}"
    assert proc.returncode == 0, detail
