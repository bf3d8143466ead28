"""Shared widgets that need no browser: CSV bytes, file names, escaping."""
from __future__ import annotations

import io
import os
import tempfile
from datetime import date

import pandas as pd
import pytest

from app import i18n, ui


def test_csv_is_utf8_with_bom_and_localized_headers():
    i18n.set_fallback_lang("vi")
    df = pd.DataFrame({"province": ["Hà Nội"], "doc_type": ["plan"], "n_evidence": [3]})
    data = ui.csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == '"Tỉnh, thành phố",Loại văn bản,Số câu bằng chứng'
    assert "Kế hoạch" in text and "Hà Nội" in text
    raw = ui.csv_bytes(df, raw=True).decode("utf-8-sig")
    assert raw.splitlines()[0] == "province,doc_type,n_evidence" and "plan" in raw


def test_dated_file_names_say_what_and_when():
    i18n.set_fallback_lang("vi")
    assert ui.dated_file_name("file.coverage", date(2026, 11, 23)) == "bao-phu-nhiem-vu_2026-11-23.csv"
    i18n.set_fallback_lang("en")
    assert ui.dated_file_name("file.coverage", date(2026, 11, 23)) == "task-coverage_2026-11-23.csv"
    i18n.set_fallback_lang("vi")


@pytest.mark.parametrize("kw, expected", [
    ({}, "tong-quan_2026-12-07.csv"),
    ({"instrument": "964/QĐ-TTg", "provinces": ("thanh-hoa",), "years": (2021, 2025)},
     "tong-quan_964-QD-TTg_thanh-hoa_2021-2025_2026-12-07.csv"),
    ({"instrument": "29-NQ/TW"}, "tong-quan_29-NQ-TW_2026-12-07.csv"),
    ({"instrument": "Luật An ninh mạng 2018"}, "tong-quan_Luat-An-ninh-mang-2018_2026-12-07.csv"),
    ({"provinces": ("ha-noi", "da-nang")}, "tong-quan_ha-noi+da-nang_2026-12-07.csv"),
    ({"provinces": ("a", "b", "c", "d"), "many_provinces": "{n}-tinh"},
     "tong-quan_4-tinh_2026-12-07.csv"),
    ({"kinds": ("Kế hoạch", "Cấp tỉnh")}, "tong-quan_ke-hoach+cap-tinh_2026-12-07.csv"),
    ({"years": (2018, 2018)}, "tong-quan_2018-2018_2026-12-07.csv"),
    ({"provinces": ("Đắk Lắk",)}, "tong-quan_dak-lak_2026-12-07.csv"),
])
def test_file_names_say_the_filters_that_made_them(kw, expected):
    assert ui.filtered_file_name("tong-quan", date(2026, 12, 7), **kw) == expected


@pytest.mark.parametrize("raw, safe", [
    ("964/QĐ-TTg", "964-QD-TTg"), ("28-CT/TW", "28-CT-TW"), ("  a  b ", "a-b"),
    ("Quyết định số 1", "Quyet-dinh-so-1"), ("../../etc", "etc"), ("", ""),
])
def test_file_safe(raw, safe):
    assert ui.file_safe(raw) == safe


def test_document_text_is_escaped():
    assert ui.escaped("**đậm** <b>x</b> [a](http://x)") == \
        "\\*\\*đậm\\*\\* \\<b\\>x\\<\\/b\\> \\[a\\]\\(http\\:\\/\\/x\\)"


def test_doc_label_without_number():
    i18n.set_fallback_lang("vi")
    row = {"doc_number": float("nan"), "title": "Tin", "province": "Bến Tre",
           "doc_date": pd.Timestamp("2014-02-26")}
    assert ui.doc_label(row) == "Tin (Bến Tre, 26/02/2014)"
    assert ui.doc_label({**row, "doc_number": "1/KH"}) == "1/KH — Tin (Bến Tre, 26/02/2014)"


def test_doc_labels_match_doc_label():
    i18n.set_fallback_lang("vi")
    docs = pd.DataFrame([
        dict(doc_id="a", doc_number="1/KH", title="Tin", province="Bến Tre",
             doc_date=pd.Timestamp("2014-02-26")),
        dict(doc_id="b", doc_number=None, title="T" * 90, province=None,
             doc_date=pd.Timestamp("2020-01-02")),
        dict(doc_id="c", doc_number=None, title=None, province="Hà Nội", doc_date=pd.NaT),
        dict(doc_id="d", doc_number="", title="", province=None, doc_date=pd.NaT),
    ])
    labels = ui.doc_labels(docs)
    assert list(labels) == ["a", "b", "c", "d"]
    for r in docs.to_dict("records"):
        assert labels[r["doc_id"]] == ui.doc_label(r), r
    assert ui.doc_labels(docs, "en")["a"] == "1/KH — Tin (Bến Tre, 2014-02-26)"


def test_deferred_csv_runs_on_click_in_the_page_language_past_the_cache():
    from app import queries
    i18n.set_fallback_lang("vi")   # the download thread has no session: it must not fall back
    seen = []

    def load():
        seen.append(queries.no_cache.depth)
        return pd.DataFrame({"doc_type": ["plan"], "province": ["Hà Nội"]})

    make = ui._deferred_csv(load, "en", raw=False)
    assert seen == []                                   # nothing runs while the page draws
    text = make().decode("utf-8-sig")
    assert seen == [1] and queries.no_cache.depth == 0  # run once, past the data cache
    assert text.splitlines() == ["Type,Province", "Plan,Hà Nội"]
    # a frame already in hand is written as it is, in the page's language too
    df = pd.DataFrame({"doc_type": ["plan"]})
    assert ui._deferred_csv(df, "vi", raw=False)().decode("utf-8-sig").splitlines() == \
        ["Loại văn bản", "Kế hoạch"]


def test_evidence_list_is_escaped_html_with_where_it_comes_from():
    i18n.set_fallback_lang("vi")
    ev = pd.DataFrame([{"evidence": "Triển khai <script>alert(1)</script>\n **đậm**",
                        "mode": "planned", "category": "Nhóm <b>A</b>", "doc_number": "12/KH-UBND",
                        "issuer": "UBND tỉnh", "doc_date": date(2021, 3, 4)}])
    out = ui.evidence_html(ev, show_category=True)
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; **đậm**" in out
    assert "Nhóm &lt;b&gt;A&lt;/b&gt; · Có kế hoạch · 12/KH-UBND · UBND tỉnh · 04/03/2021" in out


@pytest.mark.parametrize("agent, phone", [
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0 Mobile Safari/537.36", True),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
     "like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", True),
    # an iPad asks for the desktop site; a tablet's Android browser leaves "Mobile" out
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.0 Safari/605.1.15", False),
    ("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0 Safari/537.36", False),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
     "Safari/537.36", False),
    ("", False), (None, False),
])
def test_is_phone_agent(agent, phone):
    assert ui.is_phone_agent(agent) is phone


def test_dated_file_name_says_the_filters_in_force(seed_db, monkeypatch):
    from app.filters import Filters
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))
    i18n.set_fallback_lang("vi")
    f = Filters(instrument="964/QĐ-TTg", year_from=2021, year_to=2025, provinces=("38",),
                doc_types=("plan",))
    assert ui.dated_file_name("file.province_summary", date(2026, 12, 7), f) == (
        f"{i18n.t('file.province_summary')}_964-QD-TTg_thanh-hoa_ke-hoach_2021-2025_2026-12-07.csv")
    # the page's own central text (status board, map lag) names the file, not the filter's
    assert ui.dated_file_name("file.status_board", date(2026, 12, 7), f,
                              instrument="29-NQ/TW").split("_")[1] == "29-NQ-TW"
    i18n.set_fallback_lang("en")
    many = Filters(provinces=("01", "38", "48", "79"))
    assert ui.dated_file_name("file.coverage", date(2026, 12, 7), many) == (
        "task-coverage_4-provinces_2026-12-07.csv")
    i18n.set_fallback_lang("vi")


@pytest.mark.parametrize("raw", [False, True])
def test_codes_keep_their_leading_zero_in_excel(raw):
    """Issue 14: "01" became 1 in Excel. Written ="01", it stays the text 01; pandas and
    DuckDB read it back as a string, not a number."""
    import duckdb
    i18n.set_fallback_lang("vi")
    df = pd.DataFrame({"province_code": ["01", "38", None], "gso_code": ["01", "02", "96"],
                       "district_code": ["001", "002", "003"], "documents": [1, 2, 3],
                       "doc_number": ["01/KH", "02", "03"]})
    data = ui.csv_bytes(df, raw=raw)
    text = data.decode("utf-8-sig")
    assert '"=""01"""' in text and '"=""001"""' in text
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    code_col = back.columns[0]
    assert back[code_col].tolist() == ['="01"', '="38"', ""]
    assert back.iloc[:, 4].tolist() == ["01/KH", "02", "03"]   # other text untouched
    assert back.iloc[:, 3].tolist() == [1, 2, 3]               # numbers stay numbers
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as tmp:
        tmp.write(data)
    with duckdb.connect() as con:   # its own: the default connection is shared by the tests
        got = con.sql(f"SELECT * FROM read_csv('{tmp.name}')").fetchall()
    os.unlink(tmp.name)
    assert got[0][0] == '="01"' and got[0][2] == '="001"'
    assert df.province_code.iloc[:2].tolist() == ["01", "38"]   # the caller's frame unchanged


@pytest.mark.parametrize("cols, changed", [
    (["province_code"], True), (["gso_code", "name"], True), (["province", "documents"], False),
    (["doc_id"], False),
])
def test_excel_text_codes_only_touches_code_columns(cols, changed):
    df = pd.DataFrame({c: ["01"] for c in cols})
    out = ui.excel_text_codes(df)
    assert (out is not df) is changed
    assert all(out[c].iloc[0] == ('="01"' if c in ui.LEADING_ZERO_CODES else "01") for c in cols)


@pytest.mark.parametrize("lang, expected", [("vi", "Kế hoạch"), ("en", "Plan")])
def test_with_code_names_keeps_the_codes_and_adds_the_words(lang, expected):
    i18n.set_fallback_lang(lang)
    df = pd.DataFrame({"doc_id": ["a1"], "doc_type": ["plan"], "level": ["province"],
                       "title": ["x"]})
    out = ui.with_code_names(df)
    assert list(out.columns) == ["doc_id", "doc_type", "doc_type_name", "level", "level_name",
                                 "title"]
    assert out.doc_type.iloc[0] == "plan" and out.doc_type_name.iloc[0] == expected
    assert list(df.columns) == ["doc_id", "doc_type", "level", "title"]
    i18n.set_fallback_lang("vi")


@pytest.mark.parametrize("columns, expected", [
    (63, ui.PHONE_LABELS_PX + 63 * ui.PHONE_CELL_PX),
    (3, ui.PHONE_LABELS_PX + 3 * ui.PHONE_CELL_PX),
    (None, None),                                  # not a heatmap: fits the screen as it is
])
def test_phone_chart_width(columns, expected):
    import plotly.graph_objects as go
    if columns is None:
        fig = go.Figure(go.Bar(x=list(range(63)), y=list(range(63))))
    else:
        fig = go.Figure(go.Heatmap(z=[[1] * columns] * 15))
        fig.add_scatter(x=[0], y=[0])                # the click layer over the cells
    assert ui.phone_chart_width(fig) == expected
    assert expected is None or expected > ui.PHONE_SCREEN_PX
