"""The ETL as a whole on the bundled documents: what lands in the warehouse, and what a re-run,
a changed, a removed, a broken or a duplicate file does to it."""
from __future__ import annotations

import os
from datetime import date
import shutil
import subprocess
import sys
from pathlib import Path

import csv

import duckdb
import pytest

from conftest import N_RAW, q
from etl.pipeline import BuildError, ingest

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_documents_land_each_in_its_labelled_province(seed_db):
    expected = {}
    for gold in (ROOT / "tests" / "gold" / "seeds.csv", ROOT / "tests" / "corpus" / "gold.csv"):
        with open(gold, encoding="utf-8-sig", newline="") as f:
            expected |= {r["file"]: r["province"] or None for r in csv.DictReader(f)}
    got = dict(q(seed_db, "SELECT source_file, province_name FROM documents"))
    assert len(got) == N_RAW and got == expected
    assert len(set(got.values()) - {None}) == 20


@pytest.mark.parametrize("source_file, expected", [
    ("000_0dcff6fa72119e79.txt", dict(province_name="Hà Nội", district="Hai Bà Trưng",
                                      issuer="UBND quận Hai Bà Trưng", level="district", doc_type="news",
                                      doc_number="198/KH-UBND", issue_date="2019-10-03")),
    ("001_48bc438ed9ccf599.txt", dict(province_name="Bắc Giang", issuer="Đảng ủy Quân sự tỉnh Bắc Giang",
                                      level="military", doc_type="news", doc_number=None,
                                      event_date="2023-08-25")),
    ("002_796d2ca824a9a6ee.txt", dict(province_name="Bến Tre", issuer="Ban Thường vụ Tỉnh ủy Bến Tre",
                                      level="party", doc_type="news", event_date="2014-02-26",
                                      published_date="2014-02-27")),
    ("003_7c5f76ff8d25dcab.txt", dict(province_name="Quảng Ngãi", issuer="Sở Công Thương tỉnh Quảng Ngãi", level="department",
                                      doc_type="plan", doc_number="812/KH-SCT", issue_date="2023-04-14")),
    ("004_1c4e5fb0d1a9aae4.txt", dict(province_name="Thanh Hóa", issuer="Chủ tịch UBND tỉnh Thanh Hóa",
                                      level="province", doc_type="news", doc_number="116/KH-UBND",
                                      issue_date="2023-05-11")),
])
def test_seed_metadata(seed_db, source_file, expected):
    cols = list(expected)
    row = q(seed_db, f"SELECT {', '.join(cols)} FROM documents WHERE source_file = ?", [source_file])[0]
    got = {c: (str(v) if v is not None else None) for c, v in zip(cols, row)}
    assert got == expected


@pytest.mark.parametrize("source_file, implements, cites", [
    ("000_0dcff6fa72119e79.txt", {"29-NQ/TW"}, set()),
    ("001_48bc438ed9ccf599.txt", {"29-NQ/TW"}, set()),
    ("002_796d2ca824a9a6ee.txt", {"28-CT/TW"}, {"28-NQ/TW", "12-NQ/TW"}),
    # 783/KH-BCĐ138 is the province's steering committee's plan: a local step, not a followed text
    ("003_7c5f76ff8d25dcab.txt", {"03/CT-UBND"},
     {"29-NQ/TW", "30-NQ/TW", "35-NQ/TW", "41-CT/TW", "09-CT/TW", "44-KL/TW", "24/2018/QH14", "32/2004/QH11"}),
    ("004_1c4e5fb0d1a9aae4.txt", {"964/QĐ-TTg"}, set()),
])
def test_seed_instruments(seed_db, source_file, implements, cites):
    rows = q(seed_db, """SELECT instrument_id, relation FROM document_instruments JOIN documents USING (doc_id)
                         WHERE source_file = ?""", [source_file])
    assert {i for i, r in rows if r == "implements"} == implements
    assert {i for i, r in rows if r == "cites"} == cites


def test_wrong_dates_in_text_are_warnings_not_corrections(seed_db):
    msgs = [r[0] for r in q(seed_db, """SELECT message FROM quality_warnings w
        WHERE w.source_file = '003_7c5f76ff8d25dcab.txt' AND kind = 'instrument_date_mismatch' ORDER BY message""")]
    assert len(msgs) == 3
    assert any("29-NQ/TW 25/07/2019" in m and "25/07/2018" in m for m in msgs)
    assert any("35-NQ/TW 22/10/2019" in m for m in msgs)
    # the catalogue keeps the official date; the document keeps what it said
    assert q(seed_db, "SELECT issue_date FROM instruments WHERE instrument_key = '29-NQ/TW'")[0][0].isoformat() \
        == "2018-07-25"
    assert str(q(seed_db, """SELECT cited_date FROM document_instruments JOIN documents USING (doc_id)
        WHERE source_file = '003_7c5f76ff8d25dcab.txt' AND instrument_id = '29-NQ/TW'""")[0][0]) == "2019-07-25"


def test_every_value_has_evidence_and_rule(seed_db):
    bad = q(seed_db, """SELECT field FROM extractions WHERE value IS NOT NULL AND field <> 'level'
                        AND (evidence IS NULL OR evidence = '' OR rule = '')""")
    assert bad == []
    inferred = q(seed_db, """SELECT field, rule FROM extractions JOIN documents USING (doc_id)
                             WHERE source_file = '001_48bc438ed9ccf599.txt' AND field = 'event_date'""")
    assert inferred and "year_from_review_period" in inferred[0][1]


def test_reference_tables_are_loaded(seed_db):
    assert q(seed_db, "SELECT count(*) FROM provinces")[0][0] == 63
    assert q(seed_db, "SELECT count(DISTINCT merged_into_key) FROM provinces")[0][0] == 34
    assert q(seed_db, "SELECT count(*) FROM task_categories")[0][0] == 15
    assert q(seed_db, "SELECT count(*) FROM instruments WHERE instrument_id = '14/CT-TTg'")[0][0] == 2


def test_second_ingest_changes_nothing(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    first = ingest(raw_copy, db)
    stamp = (db.stat().st_ino, db.stat().st_mtime_ns)
    second = ingest(raw_copy, db)
    assert len(first.loaded) == N_RAW
    assert second.nothing_changed and second.unchanged == N_RAW and not second.loaded
    assert (db.stat().st_ino, db.stat().st_mtime_ns) == stamp  # not even rewritten


def test_extractor_version_is_a_digest_of_the_extraction_sources(tmp_path, monkeypatch):
    from etl import settings
    v = settings.EXTRACTOR_VERSION
    assert len(v) == 16 and int(v, 16) >= 0 and settings.EXTRACTOR_VERSION == v  # once per process
    # a copy of the sources gives the same digest (paths are relative, CRLF is LF) …
    for pattern in settings.EXTRACTION_SOURCES:
        for f in ROOT.glob(pattern):
            dst = tmp_path / f.relative_to(ROOT)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    monkeypatch.setattr(settings, "ROOT", tmp_path)
    settings._extractor_version.cache_clear()
    try:
        assert settings._extractor_version() == v
        # … and a change to a rule or to a vocabulary file gives another
        for changed in ("etl/extract/rx.py", "data/reference/task_categories.csv"):
            f = tmp_path / changed
            f.write_bytes(f.read_bytes() + b"\n")
            settings._extractor_version.cache_clear()
            assert settings._extractor_version() != v
    finally:
        monkeypatch.undo()
        settings._extractor_version.cache_clear()


def test_changed_rules_re_extract_every_document(raw_copy, tmp_path, monkeypatch):
    from etl import settings
    db = tmp_path / "w.duckdb"
    ingest(raw_copy, db)
    monkeypatch.setattr(settings, "EXTRACTOR_VERSION", "0" * 16)
    s = ingest(raw_copy, db)
    assert not s.nothing_changed and len(s.loaded) == N_RAW and s.unchanged == 0
    assert q(db, "SELECT DISTINCT extractor_version FROM documents") == [("0" * 16,)]


def test_changed_file_replaces_its_rows_and_removed_file_disappears(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(raw_copy, db)
    f = raw_copy / "004_1c4e5fb0d1a9aae4.txt"
    f.write_text(f.read_text("utf-8").replace("116/KH-UBND", "117/KH-UBND"), "utf-8")
    (raw_copy / "000_0dcff6fa72119e79.txt").unlink()
    s = ingest(raw_copy, db)
    assert s.loaded == ["004_1c4e5fb0d1a9aae4.txt"] and s.removed == ["000_0dcff6fa72119e79.txt"]
    assert s.unchanged == N_RAW - 2
    assert q(db, "SELECT count(*) FROM documents")[0][0] == N_RAW - 1
    assert q(db, "SELECT doc_number FROM documents WHERE source_file = '004_1c4e5fb0d1a9aae4.txt'")[0][0] \
        == "117/KH-UBND"
    assert q(db, "SELECT count(*) FROM documents WHERE source_file LIKE '000_%'")[0][0] == 0
    orphans = q(db, """SELECT count(*) FROM document_instruments WHERE doc_id NOT IN (SELECT doc_id FROM documents)""")
    assert orphans[0][0] == 0
    changes = dict(q(db, "SELECT source_file, change FROM etl_changes WHERE run_id = 2"))
    assert changes == {"004_1c4e5fb0d1a9aae4.txt": "changed", "000_0dcff6fa72119e79.txt": "removed"}


def test_build_failing_validation_keeps_the_old_warehouse(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest(raw_copy, db)
    before = q(db, "SELECT source_file, doc_number FROM documents ORDER BY 1")
    (raw_copy / "new.txt").write_text("Kế hoạch số 5/KH-UBND của UBND tỉnh Ninh Bình", "utf-8")

    def corrupt(tmp_db: Path) -> None:  # a build that produces a broken warehouse
        con = duckdb.connect(str(tmp_db))
        con.execute("DELETE FROM provinces WHERE gso_code = '01'")
        con.close()

    with pytest.raises(BuildError, match="63 rows"):
        ingest(raw_copy, db, validate_hook=corrupt)
    assert q(db, "SELECT source_file, doc_number FROM documents ORDER BY 1") == before
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_unreadable_and_duplicate_files_do_not_stop_the_batch(raw_copy, tmp_path):
    db = tmp_path / "w.duckdb"
    (raw_copy / "empty.txt").write_bytes(b"")
    (raw_copy / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (raw_copy / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    shutil.copyfile(raw_copy / "003_7c5f76ff8d25dcab.txt", raw_copy / "copy-of-plan.txt")
    s = ingest(raw_copy, db)
    assert len(s.loaded) == N_RAW
    failed = dict(s.failed)
    assert set(failed) == {"empty.txt", "junk.txt", "old.doc"}
    assert "empty" in failed["empty.txt"]
    assert ".docx" in failed["old.doc"]
    assert s.duplicates == [("copy-of-plan.txt", "003_7c5f76ff8d25dcab.txt")]
    errors = dict(q(db, "SELECT source_file, error FROM ingest_errors"))
    assert set(errors) == {"empty.txt", "junk.txt", "old.doc", "copy-of-plan.txt"}
    assert q(db, "SELECT count(*) FROM documents")[0][0] == N_RAW


def test_oversize_file_is_refused_before_reading(raw_copy, tmp_path):
    (raw_copy / "big.txt").write_bytes(b"a" * 3000)
    s = ingest(raw_copy, tmp_path / "w.duckdb", max_bytes=2000)
    assert dict(s.failed)["big.txt"].startswith("file is 0.0 MB, over the")


def test_corrections_apply_and_are_marked(raw_copy, tmp_path):
    corr = tmp_path / "corrections.csv"
    corr.write_text("source_file,field,value,reason\n"
                    "001_48bc438ed9ccf599.txt,doc_number,12-KH/ĐU,checked against the committee's register\n",
                    "utf-8")
    db = tmp_path / "w.duckdb"
    ingest(raw_copy, db, corrections_path=corr)
    row = q(db, """SELECT e.value, e.corrected, e.evidence FROM extractions e JOIN documents d USING (doc_id)
                   WHERE d.source_file = '001_48bc438ed9ccf599.txt' AND e.field = 'doc_number'""")[0]
    assert row[0] == "12-KH/ĐU" and row[1] is True and "register" in row[2]
    assert q(db, "SELECT doc_number FROM documents WHERE source_file = '001_48bc438ed9ccf599.txt'")[0][0] \
        == "12-KH/ĐU"
    # only that file is corrected
    assert q(db, "SELECT doc_number FROM documents WHERE source_file = '004_1c4e5fb0d1a9aae4.txt'")[0][0] \
        == "116/KH-UBND"
    assert q(db, "SELECT count(*) FROM extractions WHERE corrected")[0][0] == 1
    # a re-run keeps it
    s = ingest(raw_copy, db, corrections_path=corr)
    assert s.nothing_changed


def test_cli_strict_exits_nonzero_on_failure_and_prints_summary(raw_copy, tmp_path):
    (raw_copy / "bad.xyz").write_text("x", "utf-8")
    cmd = [sys.executable, "-m", "etl", "ingest", str(raw_copy), "--db", str(tmp_path / "w.duckdb"), "--quiet"]
    lenient = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    assert lenient.returncode == 0
    assert f"loaded     : {N_RAW}\n" in lenient.stdout and "bad.xyz" in lenient.stdout
    strict = subprocess.run(cmd + ["--strict"], cwd=ROOT, capture_output=True, text=True)
    assert strict.returncode == 1


def test_unwritable_warehouse_folder_is_a_clear_error(raw_copy, tmp_path):
    if os.geteuid() == 0:
        locked = Path("/proc")  # even root cannot create files here
    else:
        locked = tmp_path / "ro"
        locked.mkdir()
        locked.chmod(0o500)
    with pytest.raises(BuildError):
        ingest(raw_copy, locked / "w.duckdb")


def test_chain_through_another_loaded_document(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "province.txt").write_text(
        "UBND TỈNH NINH BÌNH\nSố: 61/KH-UBND\nNinh Bình, ngày 06 tháng 4 năm 2023\nKẾ HOẠCH\n"
        "Thực hiện Nghị quyết số 29-NQ/TW ngày 25/7/2018 của Bộ Chính trị\n", "utf-8")
    (raw / "district.txt").write_text(
        "UBND HUYỆN KIM SƠN\nSố: 12/KH-UBND\nKim Sơn, ngày 20 tháng 4 năm 2023\nKẾ HOẠCH\n"
        "Thực hiện Kế hoạch số 61/KH-UBND ngày 06/4/2023 của UBND tỉnh Ninh Bình\n", "utf-8")
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    rows = q(db, """SELECT instrument_id, relation, via FROM document_instruments JOIN documents USING (doc_id)
                    WHERE source_file = 'district.txt' ORDER BY 1""")
    assert rows == [("29-NQ/TW", "implements", "61/KH-UBND"), ("61/KH-UBND", "implements_local", None)]
    # the link goes when the provincial plan goes
    (raw / "province.txt").unlink()
    ingest(raw, db)
    rows = q(db, """SELECT instrument_id FROM document_instruments JOIN documents USING (doc_id)
                    WHERE source_file = 'district.txt'""")
    assert rows == [("61/KH-UBND",)]


def test_word_and_web_page_documents_load_like_text(tmp_path):
    """A .docx whose 'Số' and place-date sit in a two-column header table, and a saved web
    page with a menu and a sidebar, go through the same extraction."""
    import docx

    raw = tmp_path / "raw"
    raw.mkdir()
    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 61/KH-UBND"
    table.cell(1, 1).text = "Ninh Bình, ngày 06 tháng 4 năm 2023"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Triển khai thực hiện Quyết định số 964/QĐ-TTg ngày 10/8/2022 của Thủ tướng Chính phủ")
    d.save(raw / "plan.docx")
    (raw / "article.html").write_text(
        "<html><head><title>Lai Châu quán triệt Chỉ thị 41</title></head><body>"
        "<nav>Trang chủ | Tin tức | Văn bản | Liên hệ</nav>"
        "<aside><h3>Tin khác</h3><ul><li>Hà Nội: hội nghị chuyển đổi số</li></ul></aside>"
        "<article><h1>Lai Châu quán triệt Chỉ thị 41-CT/TW</h1>"
        "<p>Sáng 14/5/2020, Ban Thường vụ Tỉnh ủy Lai Châu tổ chức hội nghị quán triệt Chỉ thị số 41-CT/TW "
        "ngày 24/3/2020 của Ban Bí thư về tăng cường phối hợp và triển khai đồng bộ các biện pháp bảo đảm an toàn, "
        "an ninh mạng.</p><p>Hội nghị được kết nối trực tuyến tới các huyện, thành phố trong tỉnh.</p>"
        "</article></body></html>", "utf-8")
    db = tmp_path / "w.duckdb"
    s = ingest(raw, db)
    assert not s.failed, s.failed
    rows = dict((r[0], r[1:]) for r in q(db, """SELECT source_file, doc_number, province_name, issue_date, level, encoding
                                                 FROM documents"""))
    assert rows["plan.docx"][:4] == ("61/KH-UBND", "Ninh Bình", date(2023, 4, 6), "province")
    assert rows["plan.docx"][4] == "docx"
    assert rows["article.html"][1:4] == ("Lai Châu", date(2020, 5, 14), "party")
    impl = q(db, """SELECT instrument_id FROM document_instruments JOIN documents USING (doc_id)
                    WHERE source_file = 'article.html' AND relation = 'implements'""")
    assert impl == [("41-CT/TW",)]


def test_chain_ignores_a_local_number_reused_another_year(tmp_path):
    """Provincial plan numbers restart every year: 61/KH-UBND of 2023 is not the 61/KH-UBND of
    2019 that a district plan of 2019 carries out."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "province-2023.txt").write_text(
        "UBND TỈNH NINH BÌNH\nSố: 61/KH-UBND\nNinh Bình, ngày 06 tháng 4 năm 2023\nKẾ HOẠCH\n"
        "Thực hiện Quyết định số 964/QĐ-TTg ngày 10/8/2022 của Thủ tướng Chính phủ\n", "utf-8")
    (raw / "district-2019.txt").write_text(
        "UBND HUYỆN KIM SƠN\nSố: 12/KH-UBND\nKim Sơn, ngày 20 tháng 4 năm 2019\nKẾ HOẠCH\n"
        "Thực hiện Kế hoạch số 61/KH-UBND ngày 06/3/2019 của UBND tỉnh Ninh Bình\n", "utf-8")
    db = tmp_path / "w.duckdb"
    ingest(raw, db)
    rows = q(db, """SELECT instrument_id FROM document_instruments JOIN documents USING (doc_id)
                    WHERE source_file = 'district-2019.txt' ORDER BY 1""")
    assert rows == [("61/KH-UBND",)]
