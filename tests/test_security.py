"""Security: values never become SQL, document text never becomes HTML or Markdown, and
nothing is uploaded without the password.

The password gate is tested in tests/test_upload_page.py: no password configured → the page
only says how to set one (no uploader, no password field); a wrong password → an error and
no uploader; the right one → the uploader (test_without_a_password_…,
test_a_wrong_password_…, test_the_right_password_…, test_a_changed_password_…)."""
from __future__ import annotations

import ast
import inspect
import shutil
import typing
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from app import queries
from app.filters import Filters
from app.search import terms
from conftest import N_RAW
from etl.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]
EVIL = ("'; drop table documents; --", "x' OR '1'='1", "01') OR ('1'='1", '" OR ""="',
        "$inst", "%", "\\'; SELECT 1; --")
PAGES = ["pages/overview.py", "pages/map.py", "pages/timeline.py", "pages/coverage.py",
         "pages/compare.py", "pages/documents.py", "pages/data.py", "pages/upload.py"]


# ---------------------------------------------------------------- SQL: bound values only
@pytest.fixture
def warehouse_copy(seed_db, tmp_path, monkeypatch):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(seed_db, db)
    monkeypatch.setenv("CYBERDASH_DB", str(db))
    return db


def _tables(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "ORDER BY 1").fetchall()]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def _rows(db: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _public_queries():
    for name, fn in inspect.getmembers(queries, inspect.isfunction):
        if fn.__module__ == queries.__name__ and not name.startswith("_") and name not in (
                "warehouse_path", "warehouse_stamp", "warehouse_ready"):
            yield name, fn


def _arguments(fn, value: str) -> dict:
    """Every parameter of `fn` filled with the hostile `value` (or a Filters made of it)."""
    hints = typing.get_type_hints(fn, {"Filters": Filters, **vars(queries)})
    args = {}
    for p in inspect.signature(fn).parameters.values():
        hint = str(hints.get(p.name, ""))
        if "Filters" in hint:
            args[p.name] = Filters(instrument=value, provinces=(value, "01"),
                                   doc_types=(value,), levels=(value, "province"))
        elif p.name == "db":
            continue
        elif p.name == "run_id":
            args[p.name] = None
        elif p.name == "source_files":
            args[p.name] = [value, "000_0dcff6fa72119e79.txt"]
        else:
            args[p.name] = value
    return args


@pytest.mark.parametrize("value", EVIL)
def test_hostile_values_are_only_ever_values(warehouse_copy, value):
    before = _tables(warehouse_copy)
    assert before["documents"] == N_RAW
    called = []
    for name, fn in _public_queries():
        args = _arguments(fn, value)
        if name in ("whole_table", "whole_table_named"):  # a fixed list of names, never SQL
            with pytest.raises(KeyError):                  # from the caller
                fn(**args)
            continue
        out = fn(**args)  # no exception, whatever the value
        called.append(name)
        assert out is None or isinstance(out, (pd.DataFrame, dict, int, tuple)), name
    assert {"count_documents", "search_documents", "coverage_evidence", "map_measures",
            "document", "documents_for_files", "warnings_for_files"} <= set(called)

    # values that would widen the selection if pasted into SQL select nothing…
    bad = Filters(instrument=value, provinces=(value,), doc_types=(value,), levels=(value,))
    assert queries.count_documents(bad) == 0
    assert queries.headline(bad)["documents"] == 0
    # searched as literal whole words, punctuation left out: a document that holds every word
    # of it is a right answer, the others are not; a value without a word ("%") searches for
    # nothing, as an empty search box, and lists every document
    found = terms(value)
    if found:
        held = dict(_rows(warehouse_copy, "SELECT doc_id, text_words FROM documents"))
        literal = {d for d, ws in held.items() if set(found.parts) <= set(ws)}
        assert set(queries.search_documents(Filters(), value).doc_id) == literal
        assert len(literal) <= 1
    else:
        assert len(queries.search_documents(Filters(), value)) == N_RAW
    assert queries.document(value) is None
    assert queries.document_extractions(value).empty
    assert queries.coverage_evidence(Filters(), value, value, value).empty
    assert queries.map_measures(bad, value).documents.isna().all()
    assert queries.documents_for_files([value]).empty
    assert len(queries.whole_table_named("task_coverage", value)) == before["task_coverage"]
    # …each filter alone as well
    for f in (Filters(instrument=value), Filters(provinces=(value,)),
              Filters(doc_types=(value,)), Filters(levels=(value,))):
        assert queries.count_documents(f) == 0, f
    # and the warehouse is exactly as it was
    assert _tables(warehouse_copy) == before


def test_hostile_values_in_the_url_render_calmly(warehouse_copy):
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets = {"unrelated": "x"}
        for k, v in {"province": EVIL[0], "type": EVIL[1], "level": EVIL[2],
                     "instrument": EVIL[1], "q": EVIL[0], "years": [EVIL[1], "2020"],
                     "lang": EVIL[0], "measure": EVIL[1], "view": EVIL[0],
                     "borders": EVIL[1]}.items():
            at.query_params[k] = v
        at.run()
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert _tables(warehouse_copy)["documents"] == N_RAW


def test_hostile_values_in_the_status_board_url_render_calmly(warehouse_copy):
    """The status board (issue 13): its own settings from the URL are only ever options."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for k, v in {"board_instrument": EVIL[0], "board_overlay": [EVIL[1], "29-NQ/TW"],
                 "board_2025": EVIL[2], "province": EVIL[0], "level": EVIL[2]}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/status.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="board_instrument").value == "964/QĐ-TTg"
    assert at.multiselect(key="board_overlay").value == ["29-NQ/TW"]
    assert _tables(warehouse_copy)["documents"] == N_RAW


# ---------------------------------------------------------------- SQL: a static check
def _module_constants(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _constant_sql(node: ast.AST, constants: set[str], params: set[str]) -> bool:
    """A statement built only from literals and module-level constants (or handed on
    unchanged by the runner, which receives it as its `sql` parameter)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id in constants or node.id in params
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant_sql(node.left, constants, params) and \
            _constant_sql(node.right, constants, params)
    if isinstance(node, ast.Subscript):  # _TABLE_SQL[name]: a fixed statement per table
        return isinstance(node.value, ast.Name) and node.value.id in constants
    return False  # f-strings, % formatting, .format(), .join() of anything else…


def test_queries_module_builds_no_sql_from_values():
    src = Path(queries.__file__).read_text(encoding="utf-8")
    tree = ast.parse(src)
    constants = _module_constants(tree)
    funcs = {n: f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in [f.name]}
    checked, attach = 0, 0
    for fname, func in funcs.items():
        params = {a.arg for a in func.args.args + func.args.kwonlyargs} & {"sql"}
        for call in ast.walk(func):
            if not isinstance(call, ast.Call):
                continue
            f = call.func
            if isinstance(f, ast.Name) and f.id == "_q":
                sql = call.args[0]
            elif isinstance(f, ast.Name) and f.id == "_q_at":
                sql = call.args[1]
            elif isinstance(f, ast.Attribute) and f.attr in ("execute", "executemany", "sql",
                                                            "query"):
                sql = call.args[0]
            else:
                continue
            checked += 1
            if fname == "_connection" and "ATTACH" in ast.unparse(sql):
                # ATTACH takes no parameter: the app's own path
                attach += 1
                assert ast.unparse(sql) == ('"ATTACH \'" + stamp.path.replace("\'", "\'\'") + '
                                            '"\' AS warehouse (READ_ONLY)"'), ast.unparse(sql)
                continue
            assert _constant_sql(sql, constants, params), \
                f"{fname}: SQL built from values: {ast.unparse(sql)[:200]}"
            for kw in call.keywords:  # values travel as keyword parameters, never in SQL
                assert kw.arg is None or kw.arg.isidentifier()
    assert checked >= 40 and attach == 1
    # module-level statements may format only the fixed table names
    for node in (n for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign, ast.Expr))):
        for js in (n for n in ast.walk(node) if isinstance(n, ast.JoinedStr)):
            comps = [c for c in ast.walk(node) if isinstance(c, ast.comprehension)]
            loop_vars = {c.target.id for c in comps
                         if isinstance(c.iter, ast.Name) and c.iter.id == "TABLES"}
            for fv in (v for v in js.values if isinstance(v, ast.FormattedValue)):
                assert isinstance(fv.value, ast.Name) and fv.value.id in loop_vars, \
                    ast.unparse(js)
    # no %-formatting or .format() anywhere in the module
    for n in ast.walk(tree):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mod):
            assert not (isinstance(n.left, (ast.Constant, ast.JoinedStr))), ast.unparse(n)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            assert n.func.attr not in ("format", "format_map"), ast.unparse(n)
    # and no function outside the two runners executes anything
    runners = {fname for fname, func in funcs.items() for c in ast.walk(func)
               if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
               and c.func.attr == "execute"}
    assert runners == {"_connection", "_run"}, runners


# ---------------------------------------------------------------- document text is inert
HOSTILE = """ỦY BAN NHÂN DÂN
TỈNH BẾN TRE
Số: 99/KH-UBND
Bến Tre, ngày 5 tháng 6 năm 2024

KẾ HOẠCH xyzzyhiem <script>window.__pwned=1</script> **đậm**
Về bảo đảm an toàn thông tin mạng <img src=x onerror="window.__pwned=2">

I. MỤC ĐÍCH
1. Xem chi tiết [bấm vào đây](javascript:alert(1)) và **đậm** cùng <b>in đậm</b>.
2. Sở Thông tin và Truyền thông chủ trì tuyên truyền <script>window.__pwned=3</script> về an
toàn thông tin mạng; :red[chữ đỏ] $x^2$ <a href="javascript:alert(2)">liên kết</a>.
"""


@pytest.fixture
def hostile_warehouse(raw_copy, tmp_path):
    (raw_copy / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp_path / "hostile.duckdb"
    ingest(raw_copy, db, progress=False)
    con = duckdb.connect(str(db), read_only=True)
    try:
        text, title = con.execute("SELECT text, title FROM documents "
                                  "WHERE source_file = 'hostile.txt'").fetchone()
    finally:
        con.close()
    assert "<script>window.__pwned=1</script>" in text and "[bấm vào đây](javascript:" in text
    return db, title


def test_document_text_is_shown_as_text_in_chromium(hostile_warehouse, raw_copy):
    from streamlit_server import browser_page, open_app, require_chromium, serve
    require_chromium()
    db, title = hostile_warehouse
    with serve({"CYBERDASH_DB": str(db), "CYBERDASH_RAW": str(raw_copy)}) as base, \
            browser_page() as page:
        open_app(page, base, "/van-ban?q=xyzzyhiem")
        # no document is open until one is chosen: open the chooser, choose the (only) match
        page.get_by_role("button", name="Mở văn bản").click()
        page.locator('[data-testid="stPopoverBody"] [data-testid="stSelectbox"] input').click()
        page.locator('[role="option"]').first.click()
        text_box = page.locator('[data-testid="stHtml"]').filter(has_text="xyzzyhiem")
        text_box.first.wait_for()
        page.wait_for_timeout(500)  # let any handler that could fire, fire
        pwned = page.evaluate("() => window.__pwned")
        assert pwned is None, f"script ran: window.__pwned = {pwned}"
        dom = page.evaluate("""() => ({
            scripts: [...document.querySelectorAll('script')]
                .filter(s => s.textContent.includes('__pwned')).length,
            imgs: [...document.querySelectorAll('img')]
                .filter(i => i.getAttribute('src') === 'x' || i.hasAttribute('onerror')).length,
            handlers: [...document.querySelectorAll('[onerror],[onclick],[onload]')].length,
            links: [...document.querySelectorAll('a')]
                .filter(a => (a.getAttribute('href') || '').toLowerCase().includes('javascript')
                             || a.textContent.includes('bấm vào đây')
                             || a.textContent.includes('liên kết')).length,
            bold: [...document.querySelectorAll('strong, b')]
                .filter(b => b.textContent.trim() === 'đậm' || b.textContent.includes('in đậm'))
                .length,
            text: document.querySelector('[data-testid="stMain"]').innerText,
        })""")
        assert dom["scripts"] == 0 and dom["imgs"] == 0 and dom["handlers"] == 0, dom
        assert dom["links"] == 0, "a Markdown or HTML link from the document became a link"
        assert dom["bold"] == 0, "Markdown or HTML from the document became bold text"
        body = text_box.first.inner_text()
        for literal in ("<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">',
                        "[bấm vào đây](javascript:alert(1))", "**đậm**", "<b>in đậm</b>",
                        ":red[chữ đỏ]", "$x^2$"):
            assert literal in body, literal
        # the title, in the heading and in the results list (an HTML table), is text too
        assert "99/KH-UBND" in dom["text"]
        if title:
            assert "<script>" not in title or "<script>" in dom["text"]
        assert not page.js_errors, page.js_errors
