"""Shared widgets that need no browser: CSV bytes, file names, escaping."""
from __future__ import annotations

from datetime import date

import pandas as pd

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


def test_document_text_is_escaped():
    assert ui.escaped("**đậm** <b>x</b> [a](http://x)") == \
        "\\*\\*đậm\\*\\* \\<b\\>x\\<\\/b\\> \\[a\\]\\(http\\:\\/\\/x\\)"
    out = ui._highlighted_text("Mở <script>alert(1)</script>. Kế hoạch số 1.", ["Kế hoạch số 1."])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>Kế hoạch số 1.</mark>" in out


def test_doc_label_without_number():
    i18n.set_fallback_lang("vi")
    row = {"doc_number": float("nan"), "title": "Tin", "province": "Bến Tre",
           "doc_date": pd.Timestamp("2014-02-26")}
    assert ui.doc_label(row) == "Tin (Bến Tre, 26/02/2014)"
    assert ui.doc_label({**row, "doc_number": "1/KH"}) == "1/KH — Tin (Bến Tre, 26/02/2014)"
