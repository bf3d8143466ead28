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
