"""The one-page brief (app/brief.py): its content from query results, the PDF read back with
pdfplumber and the DOCX with python-docx (province, a headline number, Vietnamese intact in
NFC, A4, one page), and the command line for one province and for all."""
from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from app import brief
from app.filters import Filters
from conftest import q

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 12, 7)
A4_PT = (595.28, 841.89)


# ---------------------------------------------------------------- pure helpers
@pytest.mark.parametrize("query, code", [
    ("38", "38"), ("Thanh Hóa", "38"), ("thanh hoa", "38"), ("THANH HOA", "38"),
    ("thanh-hoa", "38"), ("Thanh Hóa", "38"),          # decomposed (NFD) input
    ("Đà Nẵng", "48"), ("da nang", "48"), ("Hồ Chí Minh", "79"),
    ("8", None), ("Atlantis", None), ("", None), ("Thanh", None),
])
def test_find_province(query, code):
    provinces = pd.DataFrame({"gso_code": ["38", "48", "79"],
                              "name_vi": ["Thanh Hóa", "Đà Nẵng", "Hồ Chí Minh"],
                              "ascii_key": ["thanh-hoa", "da-nang", "ho-chi-minh"]})
    assert brief.find_province(query, provinces) == code


@pytest.mark.parametrize("name, slug", [
    ("Thanh Hóa", "thanh-hoa"), ("Đắk Lắk", "dak-lak"), ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
    ("Thừa Thiên Huế", "thua-thien-hue"),
])
def test_slug(name, slug):
    assert brief.slug(name) == slug


@pytest.mark.parametrize("value, years", [
    (None, (None, None)), ("2021-2025", (2021, 2025)), ("2023", (2023, 2023)),
    ("2025–2021", (2021, 2025)), (" 2020 - 2022 ", (2020, 2022)),
])
def test_parse_years(value, years):
    assert brief.parse_years(value) == years


@pytest.mark.parametrize("value", ["21-25", "2021-", "năm 2021"])
def test_parse_years_refuses(value):
    with pytest.raises(ValueError):
        brief.parse_years(value)


@pytest.mark.parametrize("f, lang, expected", [
    (Filters(), "vi", "Bộ lọc: không (mọi văn bản)."),
    (Filters(), "en", "Filters: none (every document)."),
    (Filters(instrument="29-NQ/TW", year_from=2021, year_to=2025, doc_types=("plan",)), "vi",
     "Bộ lọc: Thực hiện: 29-NQ/TW; Năm: 2021–2025; Loại văn bản: Kế hoạch."),
    (Filters(levels=("province", "district"), provinces=("01",)), "en",
     "Filters: Level: Province, District."),
])
def test_filters_text(f, lang, expected):
    from app.i18n import using_lang
    with using_lang(lang):
        assert brief.filters_text(f, {"29-NQ/TW": "29-NQ/TW"}, lang) == expected


def _frames(n_instruments: int = 2, n_deadlines: int = 3):
    summary = pd.DataFrame([{"documents": 7, "first_plan": "116/KH-UBND",
                             "first_plan_date": pd.Timestamp("2023-05-11"),
                             "first_plan_lag_days": 274, "plan_instrument": "964/QĐ-TTg"}])
    instruments = pd.DataFrame([{
        "instrument_id": f"{i}/QĐ-TTg", "status": "plan" if i == 0 else "news",
        "plan_doc": "116/KH-UBND" if i == 0 else None,
        "plan_date": pd.Timestamp("2023-05-11") if i == 0 else pd.NaT,
        "plan_days": 274 if i == 0 else None, "action_doc": None, "action_date": pd.NaT,
        "action_days": None, "news_doc": "Tin" if i else None,
        "news_date": pd.Timestamp("2024-01-02") if i else pd.NaT, "news_days": 30 if i else None,
    } for i in range(n_instruments)])
    levels = pd.DataFrame({"level": ["province", "district"], "documents": [5, 2]})
    shares = pd.DataFrame({"category": ["Lãnh đạo, chỉ đạo", "Hợp tác quốc tế"],
                           "status": ["reported", "silent"], "national_share": [98, None]})
    agencies = pd.DataFrame({"agency": ["Công an tỉnh", "Sở Thông tin và Truyền thông"],
                             "role": ["lead", "support"], "tasks": [3, 1]})
    deadlines = pd.DataFrame({
        "deadline_status": (["due_soon", "overdue", "later"] * n_deadlines)[:n_deadlines],
        "due": [pd.Timestamp("2026-12-20"), pd.Timestamp("2026-11-15"),
                pd.Timestamp("2027-06-15")][:n_deadlines] + [pd.Timestamp("2026-12-31")] * max(0, n_deadlines - 3),
        "description": [f"hạn {i}" for i in range(n_deadlines)],
        "doc_number": ["116/KH-UBND"] * n_deadlines})
    return dict(summary=summary, instruments=instruments, levels=levels, shares=shares,
                agencies=agencies, deadlines=deadlines)


def _content(lang="vi", **over):
    kw = dict(lang=lang, province_code="38", province="Thanh Hóa", merged_into="Thanh Hóa",
              filters_line="Bộ lọc: không.", built=datetime(2026, 12, 1, 8, 30), today=TODAY,
              warnings=2, **_frames())
    kw.update(over)
    return brief.content(**kw)


def test_content_figures_and_lists():
    b = _content()
    figs = dict(b.figures)
    assert b.title == "Hồ sơ tỉnh: Thanh Hóa"
    assert figs["Văn bản"] == "7"
    assert figs["Văn bản trung ương đã thực hiện"] == "2"
    assert figs["Nhóm nhiệm vụ được đề cập"] == "1/2"
    assert figs["Thời hạn"] == "1 quá hạn · 1 sắp đến"
    assert figs["Cảnh báo dữ liệu"] == "2"
    assert figs["Kế hoạch, chỉ thị cấp tỉnh đầu tiên"] == \
        "116/KH-UBND · 11/05/2023 · 274 ngày sau 964/QĐ-TTg"
    # overdue first, then due soon; "later" is not listed
    assert [r[1] for r in b.deadlines] == ["Quá hạn", "Sắp đến hạn (30 ngày)"]
    assert [r[0] for r in b.deadlines] == ["15/11/2026", "20/12/2026"]
    assert b.instruments[0][:3] == ("0/QĐ-TTg", "Có kế hoạch, chỉ thị cấp tỉnh",
                                    "116/KH-UBND · 11/05/2023 · 274 ngày")
    assert b.instruments[1][3] == "Tin · 02/01/2024 · 30 ngày"
    assert b.levels == "Cấp tỉnh 5 · Cấp huyện 2"
    assert b.agencies == "Công an tỉnh (3 nhiệm vụ)"        # leads only
    assert [(x.status, x.national_share) for x in b.bars] == [("reported", 98), ("silent", None)]
    assert "Kho dữ liệu xây dựng lúc 08:30 01/12/2026" in b.lines[-1]
    assert b.instruments_more is None and b.deadlines_more is None
    assert "/ho-so-tinh?profile=38" in b.source


def test_an_overdue_recurring_deadline_is_dated_by_the_missed_occurrence():
    dl = pd.DataFrame({"deadline_status": ["overdue", "overdue", "due_soon"],
                       "due": pd.to_datetime(["2027-11-15", "2026-10-01", "2026-12-15"]),
                       "last_due": pd.to_datetime(["2026-11-15", None, "2025-12-15"]),
                       "description": ["hằng năm (trước ngày 15/11)", "trước 01/10/2026",
                                       "hằng năm (trước ngày 15/12)"],
                       "doc_number": ["18-CT/TU"] * 3})
    b = _content(deadlines=dl)
    assert [(r[0], r[2]) for r in b.deadlines] == [
        ("01/10/2026", "trước 01/10/2026"), ("15/11/2026", "hằng năm (trước ngày 15/11)"),
        ("15/12/2026", "hằng năm (trước ngày 15/12)")]


@pytest.mark.parametrize("n, shown, more", [(6, 6, None), (7, 6, "… và 1 mục khác"),
                                            (20, 6, "… và 14 mục khác")])
def test_long_lists_are_cut(n, shown, more):
    b = _content(instruments=_frames(n_instruments=n)["instruments"])
    assert len(b.instruments) == shown and b.instruments_more == more


def test_content_in_english_and_without_plan():
    frames = _frames()
    summary = frames["summary"].assign(first_plan=None, first_plan_lag_days=None)
    b = _content(lang="en", summary=summary, merged_into="Huế", province="Thừa Thiên Huế")
    figs = dict(b.figures)
    assert b.title == "Province profile: Thừa Thiên Huế"
    assert figs["First provincial plan or directive"] == "none found"
    assert b.lines[0] == "Since July 2025 part of Huế."
    assert figs["Deadlines"] == "1 overdue · 1 due soon"


# ---------------------------------------------------------------- files, on the seed warehouse
@pytest.fixture
def seed_env(seed_db, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))
    return seed_db


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def test_pdf_reads_back_with_vietnamese_intact(seed_env):
    import pdfplumber
    b = brief.load(Filters(), "38", lang="vi", today=TODAY)
    data = brief.render(b, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width, 2), round(page.height, 2)) == A4_PT
        text = page.extract_text()
        fonts = {c["fontname"] for c in page.chars}
    text = _nfc(text)
    assert "Hồ sơ tỉnh: Thanh Hóa" in text
    assert "Tuyên truyền, phổ biến, nâng cao nhận thức" in text    # diacritic-heavy
    assert "Nhóm nhiệm vụ được đề cập" in text
    docs = q(seed_env, "SELECT count(*) FROM documents WHERE province_code = '38'")[0][0]
    assert dict(b.figures)["Văn bản"] == str(docs)
    assert "116/KH-UBND" in text                                    # the first plan
    assert all("Roboto" in f for f in fonts), fonts                 # the embedded font


def test_docx_reads_back_with_vietnamese_intact(seed_env):
    import docx
    b = brief.load(Filters(), "38", lang="vi", today=TODAY)
    d = docx.Document(io.BytesIO(brief.render(b, "docx")))
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    text = "\n".join([p.text for p in d.paragraphs]
                     + [c.text for t in d.tables for r in t.rows for c in r.cells])
    assert text == _nfc(text)
    assert "Hồ sơ tỉnh: Thanh Hóa" in text
    assert "Tuyên truyền, phổ biến, nâng cao nhận thức" in text
    assert "116/KH-UBND" in text
    assert dict(b.figures)["Nhóm nhiệm vụ được đề cập"] in text


def test_a_big_province_still_fits_one_page(seed_env):
    """Many rows in every list: they are cut, the page stays one."""
    import pdfplumber
    frames = _frames(n_instruments=30, n_deadlines=40)
    frames["shares"] = pd.DataFrame({"category": ["Kiểm tra, giám sát, sơ kết, tổng kết, báo cáo"] * 15,
                                     "status": ["planned"] * 15, "national_share": [50] * 15})
    frames["agencies"] = pd.DataFrame({"agency": ["Ủy ban nhân dân các huyện, thị xã, thành phố"] * 30,
                                       "role": ["lead"] * 30, "tasks": [9] * 30})
    b = _content(**frames)
    with pdfplumber.open(io.BytesIO(brief.render(b, "pdf"))) as pdf:
        assert len(pdf.pages) == 1


def run_cli(*args, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app.brief", "--db", str(db), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_cli_one_province_both_formats(seed_db, tmp_path):
    r = run_cli("--province", "thanh hoa", "--out", str(tmp_path / "th.pdf"), db=seed_db)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "th.pdf").read_bytes()[:5] == b"%PDF-"
    r = run_cli("--province", "38", "--out", str(tmp_path / "th.docx"), "--years", "2023",
                db=seed_db)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "th.docx").read_bytes()[:2] == b"PK"


def test_cli_all_writes_one_file_per_province_with_documents(seed_db, tmp_path):
    r = run_cli("--all", "--out", str(tmp_path), "--format", "pdf", db=seed_db)
    assert r.returncode == 0, r.stderr
    codes = {c for (c,) in q(seed_db, "SELECT DISTINCT province_code FROM documents "
                                      "WHERE province_code IS NOT NULL")}
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert len(files) == len(codes)
    assert {f.split("-", 1)[0] for f in files} == codes
    assert "38-thanh-hoa.pdf" in files
    assert all(f.isascii() for f in files)


@pytest.mark.parametrize("args, message", [
    (("--province", "Atlantis"), "unknown province"),
    (("--province", "38", "--years", "21-25"), "--years"),
    (("--province", "38", "--type", "memo"), "unknown type or level"),
    (("--province", "38", "--instrument", "1/XX"), "unknown instrument"),
])
def test_cli_refuses_with_a_message(seed_db, tmp_path, args, message):
    r = run_cli(*args, "--out", str(tmp_path / "x.pdf"), db=seed_db)
    assert r.returncode == 2
    assert message in r.stderr
    assert not (tmp_path / "x.pdf").exists()
