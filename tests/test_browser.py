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

from conftest import require

ROOT = Path(__file__).resolve().parents[1]
TOOL = Path(__file__).parents[1] / ".." / "shared" / "tools" / "page_timing.py"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = ["/", "/ban-do", "/dong-thoi-gian", "/bao-phu", "/so-sanh", "/van-ban", "/du-lieu",
         "/bao-phu?lang=English&view=By+GCI+pillar+%28ITU%29", "/van-ban?lang=English&q=ke+hoach",
         "/ban-do?borders=%C4%90%E1%BB%8Ba+gi%E1%BB%9Bi+t%E1%BB%AB+7%2F2025", "/them-van-ban",
         "/ho-so-tinh?profile=38", "/ho-so-tinh?profile=38&lang=English", "/ho-so-tinh"]


def assert_pages_clean(db, pages: list[str]) -> None:
    """Each page through the shared page_timing tool in Debian's Chromium, on warehouse
    `db`: no exception, no error alert, no failed load and no request to any other host."""
    require(TOOL.exists(), f"{TOOL} is missing")
    require(Path(CHROMIUM).exists() or bool(shutil.which(CHROMIUM)), f"{CHROMIUM} is missing")
    env = dict(os.environ, CYBERDASH_DB=str(db), CHROMIUM=CHROMIUM)
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


def test_every_page_in_chromium(seed_db):
    assert_pages_clean(seed_db, PAGES)


STATUS_PAGES = ["/tinh-hinh-trien-khai", "/tinh-hinh-trien-khai?lang=English&board_2025=true"
                "&board_instrument=29-NQ%2FTW&board_overlay=964%2FQ%C4%90-TTg"]


def test_status_board_in_chromium(seed_db):
    """The status board (issue 13) in both languages, the 34 units and an overlay: no
    exception, no error alert, no failed load and no request to any other host."""
    assert_pages_clean(seed_db, STATUS_PAGES)


# ---------------------------------------------------------------- issue 14 item 3, issue 13 item 5
# What only a browser shows: the heatmap's names drawn whole and apart at every width, and a
# deadline's row opening the sentence it was read from and its document.
HEATMAP_LABELS = """() => {
  const chart = document.querySelector('[data-testid="stPlotlyChart"]');
  const box = chart.getBoundingClientRect();
  const rect = el => el.getBoundingClientRect();
  const ys = [...chart.querySelectorAll('.ytick text')].map(e => ({t: e.textContent, r: rect(e)}));
  const xs = [...chart.querySelectorAll('.xtick text')].map(e => ({t: e.textContent, r: rect(e)}));
  return {
    rows: ys.map(y => y.t), groups: xs.map(x => x.t),
    rows_inside: ys.every(y => y.r.left >= box.left - 1 && y.r.right <= box.right + 1),
    groups_inside: xs.every(x => x.r.top >= box.top - 1 && x.r.left >= box.left - 1
                                 && x.r.right <= box.right + 1),
    rows_apart: ys.every((y, i) => i === 0 || y.r.top >= ys[i - 1].r.bottom - 2),
    groups_apart: xs.every((x, i) => i === 0 || x.r.left >= xs[i - 1].r.right - 1),
    height: box.height};
}"""


@pytest.mark.parametrize("width", [1440, 820, 390])
def test_heatmap_names_every_province_and_group_whole_in_chromium(seed_db, width, monkeypatch):
    from streamlit_server import browser_page, open_app, require_chromium, serve
    require_chromium()
    from app import queries
    from app.filters import Filters
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))
    n = queries.coverage_cells(Filters()).province_code.nunique()
    with serve({"CYBERDASH_DB": str(seed_db)}) as base, browser_page(width, 1400) as page:
        open_app(page, base, "/bao-phu?coverage_sort=Theo+t%C3%AAn")
        page.locator('[data-testid="stPlotlyChart"] .ytick text').first.wait_for()
        got = page.evaluate(HEATMAP_LABELS)
        assert len(got["rows"]) == n and got["rows"][0] == "Bà Rịa - Vũng Tàu", got["rows"]
        assert len(got["groups"]) == 15 and "Tuyên truyền" in got["groups"]
        for k in ("rows_inside", "groups_inside", "rows_apart", "groups_apart"):
            assert got[k], (k, got)
        assert got["height"] >= 22 * n  # one fixed row per province: the page grows
        assert not page.js_errors


def test_a_deadline_row_opens_its_sentence_and_document_in_chromium(seed_db):
    from streamlit_server import browser_page, open_app, require_chromium, serve, wait_ready
    require_chromium()
    with serve({"CYBERDASH_DB": str(seed_db)}) as base, browser_page(1366, 1600) as page:
        open_app(page, base, "/thoi-han?today=2024-12-07")
        grids = page.locator('[data-testid="stDataFrame"]')
        grid = grids.nth(grids.count() - 1)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 18)   # the first row's tick box
        quote = page.locator('[data-testid="stMarkdownContainer"] blockquote')
        quote.wait_for()
        wait_ready(page)
        assert "Định kỳ hàng năm (trước ngày 15/11)" in quote.inner_text()
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert "116/KH-UBND" in main
        # marked in the document's text too (drawn after the rest of the view)
        page.locator("mark").filter(has_text="trước ngày 15/11").first.wait_for(timeout=30_000)
        assert not page.js_errors


def test_documents_search_and_an_open_document_in_chromium(seed_db):
    """The documents page with a search and a document opened by its link (issue 14): its
    evidence marks, tags and searched words draw with no exception, no error alert, no
    failed load and no request to any other host."""
    import duckdb
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        hbt = con.execute("SELECT doc_id FROM documents WHERE doc_number = '198/KH-UBND'").fetchone()[0]
    finally:
        con.close()
    pages = [f"/van-ban?q=hai+ba+trung&doc={hbt}",
             f"/van-ban?lang=English&q=964%2FQ%C4%90-TTg&doc={hbt}&documents_docview_raw=true"]
    assert_pages_clean(seed_db, pages)
