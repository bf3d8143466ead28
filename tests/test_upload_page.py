"""Thêm văn bản: the password gate, the upload → store → ingest flow, and what the page
says about each file; in AppTest, through the function the page calls, and in Chromium."""
from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app import i18n, ui
from app.i18n import CATALOGUE
from conftest import N_RAW

ROOT = Path(__file__).resolve().parents[1]
PAGE = "pages/upload.py"
PASSWORD = "đúng-mật-khẩu 42"
LIMIT = 20_000

GOOD = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
Số: 45/KH-UBND
Ninh Bình, ngày 12 tháng 3 năm 2024

KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 28-CT/TW ngày 16/9/2013 của Ban Bí thư về tăng cường
công tác bảo đảm an toàn thông tin mạng

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức về bảo đảm an toàn thông tin mạng.
II. NHIỆM VỤ, GIẢI PHÁP
1. Sở Thông tin và Truyền thông chủ trì, phối hợp với Công an tỉnh tuyên truyền, phổ biến
kiến thức về an toàn thông tin mạng.
""".encode("utf-8")


def vi(key: str) -> str:
    return CATALOGUE[key]["vi"]


@pytest.fixture
def env(seed_db, raw_copy, tmp_path, monkeypatch):
    """A writable copy of the seed raw folder and warehouse, named by the env variables the
    app reads; no upload password unless a test sets one."""
    db = tmp_path / "wh" / "warehouse.duckdb"
    db.parent.mkdir()
    shutil.copy(seed_db, db)
    monkeypatch.setenv("CYBERDASH_DB", str(db))
    monkeypatch.setenv("CYBERDASH_RAW", str(raw_copy))
    monkeypatch.delenv("CYBERDASH_UPLOAD_PASSWORD", raising=False)
    monkeypatch.delenv("CYBERDASH_MAX_FILE_MB", raising=False)
    i18n.set_fallback_lang("vi")
    yield raw_copy, db
    i18n.set_fallback_lang("vi")


def upload_page(secrets: dict | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    # always some secrets: a developer's own .streamlit/secrets.toml must not leak in
    at.secrets = secrets or {"unrelated": "x"}
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="upload_password").input(password)
    next(b for b in at.button if b.label == vi("upload.login")).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def documents(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT source_file, doc_number, province_code FROM documents "
                           "ORDER BY source_file").fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------- the password gate
def test_without_a_password_the_page_says_how_to_enable_it_and_accepts_nothing(env):
    at = upload_page()
    assert at.title[0].value == vi("upload.title")
    how = " ".join(i.value for i in at.info)
    assert "upload_password" in how and ".streamlit/secrets.toml" in how
    assert "CYBERDASH_UPLOAD_PASSWORD" in how
    assert not at.get("file_uploader")
    assert not at.text_input  # not even a password field
    assert not [b for b in at.button if b.label == vi("upload.submit")]


def test_without_a_password_in_english(env):
    at = upload_page(lang="English")
    assert at.title[0].value == CATALOGUE["upload.title"]["en"]
    assert any("CYBERDASH_UPLOAD_PASSWORD" in i.value and "no default password" in i.value
               for i in at.info)
    assert not at.get("file_uploader")


def test_a_wrong_password_shows_an_error_and_nothing_else(env, monkeypatch):
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = upload_page()
    assert at.text_input(key="upload_password").proto.type == 1  # PASSWORD
    assert not at.get("file_uploader")
    for wrong in ("wrong", PASSWORD[:-1], PASSWORD + " ", ""):
        sign_in(at, wrong)
        assert [e.value for e in at.error] == [vi("upload.wrong_password")]
        assert not at.get("file_uploader")
        assert "_upload_auth" not in at.session_state


def test_the_right_password_opens_the_uploader_and_is_remembered(env, monkeypatch):
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = sign_in(upload_page(), PASSWORD)
    assert not at.error
    up = at.get("file_uploader")
    assert len(up) == 1 and up[0].accept_multiple_files
    assert set(up[0].allowed_type) == {".txt", ".docx", ".pdf", ".html", ".htm"}
    assert PASSWORD not in str(at.session_state["_upload_auth"])  # a fingerprint only
    # remembered for the session: another page and back, no password asked again
    at.switch_page("pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert at.get("file_uploader") and not at.text_input
    # signing out forgets it
    at.button(key="upload_logout").click().run()
    assert not at.get("file_uploader") and at.text_input(key="upload_password")


def test_the_password_can_come_from_streamlit_secrets(env):
    at = sign_in(upload_page({"upload_password": "from-secrets"}), "from-secrets")
    assert at.get("file_uploader")


def test_a_changed_password_signs_the_session_out(env, monkeypatch):
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = sign_in(upload_page(), PASSWORD)
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", "a new one")
    at.run()
    assert not at.get("file_uploader")


# ---------------------------------------------------------------- the flow, through AppTest
def test_upload_flow_in_the_app(env, monkeypatch):
    raw, db = env
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = sign_in(upload_page(), PASSWORD)
    assert at.button(key="upload_submit").disabled  # nothing chosen yet
    at.get("file_uploader")[0].set_value([
        ("Kế hoạch 45.txt", GOOD, "text/plain"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "application/octet-stream"),
    ])
    at.run()
    at.button(key="upload_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.table[0].value
    rows = {r[0].replace("\\", ""): r for r in shown.itertuples(index=False)}
    result, note = ui.col("result"), ui.col("note")
    good = dict(zip(shown.columns, rows["Kế hoạch 45.txt"]))
    bad = dict(zip(shown.columns, rows["hong.docx"]))
    assert vi("upload.status_loaded") in good[result]
    assert good[ui.col("province")] == "Ninh Bình"
    assert good[ui.col("doc_number")].replace("\\", "") == "45/KH-UBND"
    assert vi("upload.status_refused") in bad[result] and "damaged" in bad[note]
    # stored under the raw folder with a safe name; the bad file is not
    assert [p.name for p in (raw / "uploads").iterdir()] == ["Kế_hoạch_45.txt"]
    # the uploader is empty again, and the rest of the app reads the new warehouse
    assert not at.get("file_uploader")[0].value
    at.switch_page("pages/documents.py").run()
    at.text_input(key="q").set_value("45/KH-UBND").run()
    assert not at.exception, [e.value for e in at.exception]
    body = at.get("html")[0].proto.body   # the documents page's list: one row, the new text
    assert body.count("<tr>") == 1 + 1 and "45/KH-UBND" in body
    at.switch_page("pages/overview.py").run()
    assert at.metric[0].value == str(N_RAW + 1)


# ---------------------------------------------------------------- the flow, as a function
def test_process_uploads(env):
    raw, db = env
    before = documents(db)
    result = ui.process_uploads([
        ("../../Kế hoạch 45.txt", GOOD),        # a good plan, with a hostile path
        ("virus.exe", b"MZ" + b"\0" * 64),       # a type that is not accepted
        ("huge.txt", b"a" * (LIMIT + 1)),        # over the limit
        ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 64),
        ("same-again.txt", GOOD),                # the same bytes under another name
    ], raw, db, LIMIT)
    assert result.attrs["build_error"] is None and result.attrs["ingested"]
    r = {f: row for f, row in zip(result.file, result.to_dict("records"))}
    good = r["../../Kế hoạch 45.txt"]
    assert good["status"] == "loaded" and good["source_file"] == "uploads/Kế_hoạch_45.txt"
    assert (good["doc_number"], good["province"]) == ("45/KH-UBND", "Ninh Bình")
    assert str(good["doc_date"])[:10] == "2024-03-12"
    assert (r["virus.exe"]["status"], r["virus.exe"]["reason"]) == ("refused", "bad_type")
    assert (r["huge.txt"]["status"], r["huge.txt"]["reason"]) == ("refused", "too_large")
    assert r["old.doc"]["status"] == "refused"
    dup = r["same-again.txt"]
    assert dup["status"] == "duplicate" and dup["detail"] == "uploads/Kế_hoạch_45.txt"
    assert dup["doc_number"] == "45/KH-UBND"  # the document it duplicates
    # only the good file was written, and nothing outside the raw folder
    assert [p.name for p in (raw / "uploads").iterdir()] == ["Kế_hoạch_45.txt"]
    assert not (raw.parent / "Kế hoạch 45.txt").exists()
    # the warehouse now holds it, next to everything it had
    after = documents(db)
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert ("uploads/Kế_hoạch_45.txt", "45/KH-UBND", "37") in after
    # the notes read as sentences in both languages
    assert ui.upload_note(r["huge.txt"], LIMIT).startswith("Tệp nặng 0,0 MB")
    assert ".exe" in ui.upload_note(r["virus.exe"], LIMIT)
    i18n.set_fallback_lang("en")
    assert "Same content as uploads/Kế_hoạch_45.txt" in ui.upload_note(dup, LIMIT)
    i18n.set_fallback_lang("vi")


def test_an_oversize_file_alone_writes_nothing_and_runs_nothing(env):
    raw, db = env
    stamp = db.stat().st_mtime_ns
    result = ui.process_uploads([("huge.txt", b"a" * (LIMIT + 1))], raw, db, LIMIT)
    assert list(result.status) == ["refused"] and not result.attrs["ingested"]
    assert not (raw / "uploads").exists()
    assert db.stat().st_mtime_ns == stamp


def test_warnings_of_the_new_document_are_shown(env):
    raw, db = env
    news = "Hội nghị trực tuyến về bảo đảm an ninh mạng đã được tổ chức.".encode("utf-8")
    result = ui.process_uploads([("tin.txt", news)], raw, db, LIMIT)
    row = result.iloc[0]
    assert row.status == "loaded"
    kinds = {k for k, _, _ in row.warnings}
    assert {"province_unknown", "no_date"} <= kinds


def test_a_failed_build_keeps_the_old_warehouse_and_says_so(env):
    raw, db = env
    before, stamp = documents(db), db.stat().st_ino
    with open(db.with_name(db.name + ".lock"), "w") as fh:  # another ETL run is building
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = ui.process_uploads([("Kế hoạch 45.txt", GOOD)], raw, db, LIMIT)
    assert "another ETL run" in result.attrs["build_error"]
    assert (result.status[0], result.reason[0]) == ("failed", "build_failed")
    assert documents(db) == before and db.stat().st_ino == stamp
    # the file waits in the raw folder; trying again loads it
    again = ui.process_uploads([("Kế hoạch 45.txt", GOOD)], raw, db, LIMIT)
    assert again.status[0] == "duplicate" and again.attrs["build_error"] is None
    assert ("uploads/Kế_hoạch_45.txt", "45/KH-UBND", "37") in documents(db)


def test_an_address_per_file_gives_the_province_the_text_does_not(env):
    raw, db = env
    news = ("Sáng 15/12, Ban Chỉ đạo chuyển đổi số xã tổ chức hội nghị tổng kết công tác chuyển "
            "đổi số năm 2023 về bảo đảm an toàn thông tin mạng.").encode("utf-8")
    url = "https://hoangthen.phongtho.laichau.gov.vn/tin-tuc-su-kien/x.html"
    result = ui.process_uploads([("tin.txt", news, url), ("khong-dia-chi.txt", GOOD, "")], raw, db, LIMIT)
    assert list(result.status) == ["loaded", "loaded"]
    assert list(result.province) == ["Lai Châu", "Ninh Bình"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        got = dict(con.execute("SELECT source_file, source_url FROM documents WHERE source_file LIKE 'uploads/%'"
                               ).fetchall())
    finally:
        con.close()
    assert got == {"uploads/tin.txt": url, "uploads/khong-dia-chi.txt": None}
    assert "tin.txt," + url in (raw / "uploads" / "sources.csv").read_text("utf-8")


def test_a_bad_address_refuses_the_file_before_anything_is_written(env):
    raw, db = env
    result = ui.process_uploads([("Kế hoạch 45.txt", GOOD, "baohatinh.vn/x")], raw, db, LIMIT)
    assert (result.status[0], result.reason[0]) == ("refused", "bad_address")
    assert not (raw / "uploads").exists() and not result.attrs["ingested"]
    assert "baohatinh.vn/x" in ui.upload_note(result.iloc[0].to_dict(), LIMIT)


def test_the_page_asks_an_address_per_file_and_checks_it(env, monkeypatch):
    raw, db = env
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = sign_in(upload_page(), PASSWORD)
    at.get("file_uploader")[0].set_value([("Kế hoạch 45.txt", GOOD, "text/plain")])
    at.run()
    box = at.text_input(key="upload_url_0_0")
    assert "Kế hoạch 45.txt" in box.label.replace("\\", "")
    box.input("ftp://baohatinh.vn/x").run()
    assert at.button(key="upload_submit").disabled
    assert any("ftp" in e.value and "http" in e.value for e in at.error)
    at.text_input(key="upload_url_0_0").input("https://baohatinh.vn/x.html").run()
    assert not at.error and not at.button(key="upload_submit").disabled
    at.button(key="upload_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Kế_hoạch_45.txt,https://baohatinh.vn/x.html" in (raw / "uploads" / "sources.csv").read_text("utf-8")


# ---------------------------------------------------------------- in a real browser
def test_upload_in_chromium(env, tmp_path):
    from streamlit_server import browser_page, open_app, require_chromium, serve, wait_ready
    require_chromium()
    raw, db = env
    good = tmp_path / "ke-hoach-45.txt"
    good.write_bytes(GOOD)
    with serve({"CYBERDASH_DB": str(db), "CYBERDASH_RAW": str(raw),
                "CYBERDASH_UPLOAD_PASSWORD": PASSWORD}) as base, browser_page() as page:
        open_app(page, base, "/them-van-ban")
        page.get_by_label(vi("upload.password"), exact=True).fill(PASSWORD)
        page.get_by_role("button", name=vi("upload.login")).click()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(good)
        page.get_by_text("ke-hoach-45.txt").first.wait_for()
        submit = page.get_by_role("button", name=vi("upload.submit"))
        page.wait_for_function("(b) => !b.disabled", arg=submit.element_handle())
        submit.click()
        page.locator('[data-testid="stTable"]').get_by_text(vi("upload.status_loaded")).wait_for()
        wait_ready(page)
        table = page.locator('[data-testid="stTable"]').inner_text()
        assert "45/KH-UBND" in table and "Ninh Bình" in table
        assert not page.locator('[data-testid="stException"]').count()
        # same session, another page: the new document is there (the bundled ones + 1)
        page.get_by_text(vi("upload.see_documents")).click()
        page.get_by_text(CATALOGUE["documents.count"]["vi"].format(n=N_RAW + 1)).wait_for()
        assert not page.js_errors, page.js_errors
    assert (raw / "uploads" / "ke-hoach-45.txt").read_bytes() == GOOD
    assert ("uploads/ke-hoach-45.txt", "45/KH-UBND", "37") in documents(db)


def test_the_first_documents_can_come_through_the_upload_page(tmp_path, monkeypatch):
    """With no warehouse yet, the other pages say how to build one; the upload page still opens."""
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setenv("CYBERDASH_DB", str(tmp_path / "none" / "warehouse.duckdb"))
    monkeypatch.setenv("CYBERDASH_RAW", str(raw))
    monkeypatch.setenv("CYBERDASH_UPLOAD_PASSWORD", PASSWORD)
    at = upload_page()
    at = sign_in(at, PASSWORD)
    assert at.get("file_uploader"), "the uploader must be offered before any warehouse exists"
