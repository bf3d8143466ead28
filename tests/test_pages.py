"""Every page in Streamlit's AppTest, on the warehouse of the bundled documents: renders without exception,
reacts to the shared filters, and takes its filters from the URL."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import CATALOGUE
from conftest import N_RAW, app

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["pages/overview.py", "pages/map.py", "pages/timeline.py", "pages/coverage.py",
         "pages/compare.py", "pages/documents.py", "pages/data.py"]
TITLES = {"pages/overview.py": "overview.title", "pages/map.py": "map.title",
          "pages/timeline.py": "timeline.title", "pages/coverage.py": "coverage.title",
          "pages/compare.py": "compare.title", "pages/documents.py": "documents.title",
          "pages/data.py": "data.title"}
NO_MATCH = {lang: CATALOGUE["empty.no_match"][lang] for lang in ("vi", "en")}


@pytest.fixture(autouse=True)
def _warehouse(seed_db, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))


def filters(at: AppTest):
    return at.session_state["_filters"]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_vietnamese_and_english(page):
    at = app(page)
    assert at.title[0].value == CATALOGUE[TITLES[page]]["vi"]
    assert not at.error
    at = app(page, lang="English")
    assert at.title[0].value == CATALOGUE[TITLES[page]]["en"]
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_that_matches_nothing_says_so(page):
    at = app(page, province="Hà Giang")  # no seed document from Hà Giang
    assert filters(at).provinces == ("02",)
    assert any(NO_MATCH["vi"] in i.value for i in at.info), [i.value for i in at.info]
    assert not at.error


def test_overview_reacts_to_filters():
    at = app("pages/overview.py")
    assert at.metric[0].value == str(N_RAW)
    at.multiselect(key="type").set_value(["plan"]).run()
    assert filters(at).doc_types == ("plan",)
    assert 0 < int(at.metric[0].value) < N_RAW
    # …and the filter survives a page switch
    at.switch_page("pages/timeline.py").run()
    assert filters(at).doc_types == ("plan",)
    assert not at.exception


def test_the_upload_page_draws_no_filters_and_keeps_them():
    at = app("pages/overview.py", province="Hà Nội")
    at.multiselect(key="type").set_value(["plan"]).run()
    assert "Kế hoạch" in at.sidebar.caption[0].value and "Hà Nội" in at.sidebar.caption[0].value
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert not at.multiselect and not at.selectbox and not at.slider   # nothing to filter
    at.switch_page("pages/documents.py").run()
    f = filters(at)
    assert f.doc_types == ("plan",) and f.provinces == ("01",)
    assert "Kế hoạch" in at.sidebar.caption[0].value and "Hà Nội" in at.sidebar.caption[0].value


def test_the_sidebar_says_what_is_filtered():
    at = app("pages/data.py")
    assert at.sidebar.caption[0].value == CATALOGUE["filter.none_active"]["vi"]
    at = app("pages/data.py", lang="English", years=["2019", "2023"],
             instrument="29-NQ/TW — Strategy for protecting the Fatherland in cyberspace")
    text = at.sidebar.caption[0].value
    assert "Years: 2019–2023" in text and "29\\-NQ\\/TW" in text, text


def test_url_parameters_set_the_filters():
    at = app("pages/overview.py", instrument="29-NQ/TW — Chiến lược bảo vệ Tổ quốc trên "
                                             "không gian mạng",
             years=["2019", "2023"], province="Hà Nội", type="Tin bài", level="Cấp huyện")
    f = filters(at)
    assert f.instrument == "29-NQ/TW"
    assert (f.year_from, f.year_to) == (2019, 2023)
    assert f.provinces == ("01",) and f.doc_types == ("news",) and f.levels == ("district",)
    assert at.metric[0].value == "1"


def test_url_language_and_english_filter_labels():
    at = app(None, lang="English", type="Plan")  # "/" is the overview
    assert filters(at).doc_types == ("plan",)
    assert at.session_state["lang"] == "en"
    assert at.sidebar.button(key="lang_switch").label == "Tiếng Việt"   # the way back


def test_language_button_switches_keeps_filters_and_the_link():
    at = app("pages/documents.py", type="Kế hoạch")
    assert at.title[0].value == CATALOGUE["documents.title"]["vi"]
    assert "lang" not in at.query_params
    at.sidebar.button(key="lang_switch").click().run()
    assert not at.exception
    assert at.title[0].value == CATALOGUE["documents.title"]["en"]
    assert at.query_params["lang"] in ("en", ["en"])     # a copied link opens in English
    assert filters(at).doc_types == ("plan",)            # the filter survived the switch
    assert at.query_params["type"] in ("plan", ["plan"])  # …as an id, the same in both
    at.sidebar.button(key="lang_switch").click().run()
    assert at.title[0].value == CATALOGUE["documents.title"]["vi"]
    assert "lang" not in at.query_params


def doc_id(seed_db, number: str) -> str:
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        return con.execute("SELECT doc_id FROM documents WHERE doc_number = ?", [number]).fetchone()[0]
    finally:
        con.close()


def test_timeline_opens_a_document(seed_db):
    at = app("pages/timeline.py")
    box = at.selectbox(key="timeline_doc")
    assert any("198/KH-UBND" in o for o in box.options)
    box.select(doc_id(seed_db, "198/KH-UBND")).run()
    assert not at.exception
    assert any("198/KH-UBND" in s.value.replace("\\", "") for s in at.subheader)
    assert at.session_state["timeline_doc"] == doc_id(seed_db, "198/KH-UBND")


def test_coverage_cell_choice_and_pillar_view():
    at = app("pages/coverage.py")
    at.selectbox(key="cell_province_category").select("01").run()
    assert any("Hà Nội" in s.value for s in at.subheader)
    at = app("pages/coverage.py", view="Theo trụ cột GCI (ITU)")
    assert at.radio(key="view").value == "pillar"
    assert not at.exception


def test_compare_two_provinces():
    at = app("pages/compare.py")
    at.multiselect(key="compare").set_value(["01", "83"]).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 1


def test_compare_long_deadline_table_waits_for_a_click(monkeypatch):
    from app import ui
    at = app("pages/compare.py")
    at.multiselect(key="compare").set_value(["01", "38"]).run()   # Thanh Hóa's plan sets one
    assert any(e.label.startswith("Bảng thời hạn (1 dòng)") for e in at.expander)
    grids = len(at.dataframe)                      # a short table shows at once
    monkeypatch.setattr(ui, "TABLE_ROWS_OPEN", 0)
    at.run()
    assert len(at.dataframe) == grids - 1          # closed: no grid for it yet
    assert any(b.key == "compare_deadlines_csv" for b in at.get("download_button"))
    at.session_state["compare_deadlines_open"] = True  # the user opens it
    at.run()
    assert not at.exception
    assert len(at.dataframe) == grids


def listed(at: AppTest) -> int:
    """Rows of the documents page's light list (an HTML table, header row not counted)."""
    return at.get("html")[0].proto.body.count("<tr>") - 1


def open_grid(at: AppTest, lang: str = "vi") -> AppTest:
    at.session_state["documents_view"] = CATALOGUE["documents.view_grid"][lang]
    return at.run()


def test_documents_search_without_diacritics():
    at = app("pages/documents.py", q="ke hoach")
    assert at.text_input(key="q").value == "ke hoach"
    assert listed(at) >= 1
    assert not at.dataframe                       # the data grid waits for its tab
    assert len(open_grid(at).dataframe[0].value) == listed(app("pages/documents.py",
                                                                q="ke hoach"))
    at.text_input(key="q").set_value("xyzzy khongco").run()
    assert any("xyzzy" in i.value for i in at.info)


def test_map_views_and_measures():
    for measure in ("Số văn bản", "Tỷ lệ nhóm nhiệm vụ có đề cập",
                    "Số ngày từ văn bản trung ương đến kế hoạch đầu tiên",
                    "Năm của văn bản gần nhất"):
        for borders in ("Địa giới trước 7/2025", "Địa giới từ 7/2025"):
            at = app("pages/map.py", measure=measure, borders=borders)
            assert not at.exception and not at.error
    at = app("pages/map.py")
    at.selectbox(key="map_pick_63").select("ha-noi").run()
    at.button(key="map_set_filter").click().run()
    assert filters(at).provinces == ("01",)


def test_missing_warehouse_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(tmp_path / "none.duckdb"))
    at = app()
    assert at.warning and "data/raw" in at.warning[0].value
    assert "python -m etl ingest" in at.code[0].value


def test_clear_all_filters():
    at = app(None, province="Hà Nội", type="Tin bài")
    assert not filters(at).is_default
    next(b for b in at.sidebar.button if b.label == CATALOGUE["filter.reset"]["en"]
         or b.label == CATALOGUE["filter.reset"]["vi"]).click().run()
    assert filters(at).is_default
    assert at.metric[0].value == str(N_RAW)


def test_map_tooltip_says_each_thing_once_and_tells_the_two_greys_apart():
    """Issue 14: the tooltip said "Văn bản: 1 / Số văn bản: 1", and one grey stood for both
    "no documents" and "documents, but none for this text"."""
    def traces(at):
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        return {t.get("meta"): t for t in spec["data"] if t["type"] == "choroplethmap"}

    shown = traces(app("pages/map.py"))           # the number of documents
    for (hover,) in shown["data"]["customdata"]:
        assert CATALOGUE["col.documents"]["vi"] not in hover, hover
        assert hover.count(CATALOGUE["map.measure_documents_short"]["vi"] + ":") == 1, hover
    lag = traces(app("pages/map.py", measure="Số ngày từ văn bản trung ương đến kế hoạch đầu tiên"))
    assert {"no-data", "other"} <= lag.keys()
    other_words = CATALOGUE["map.other_text"]["vi"].split("{")[0]
    assert all(other_words in h for (h,) in lag["other"]["customdata"])
    assert all(CATALOGUE["map.no_documents"]["vi"] in h for (h,) in lag["no-data"]["customdata"])
    assert not set(lag["other"]["locations"]) & set(lag["no-data"]["locations"])
    assert lag["other"]["showlegend"] and lag["no-data"]["showlegend"]


def test_map_download_has_one_column_per_measure():
    at = app("pages/map.py")  # documents: the value column is the documents column
    assert not at.exception


# ---------------------------------------------------------------- long lists stay short
def test_documents_page_shows_the_first_rows_and_says_how_many(monkeypatch):
    from app import queries
    monkeypatch.setattr(queries, "SHOWN_DOCUMENTS", 2)
    at = app("pages/documents.py")
    assert listed(at) == 2
    assert len(open_grid(at).dataframe[0].value) == 2
    assert any(CATALOGUE["documents.shown"]["vi"].format(shown="2", n=str(N_RAW)) in c.value
               for c in at.caption), [c.value for c in at.caption]
    box = at.selectbox(key="doc")
    assert len(box.options) == 2                  # only the rows shown
    assert box.value is None and not at.subheader   # no document opened unasked
    # the open document stays in the chooser when the shown rows no longer include it
    from app.filters import Filters
    second = queries.search_documents(Filters(), "").doc_id.iloc[1]
    label = box.options[1]
    box.select(second).run()
    monkeypatch.setattr(queries, "SHOWN_DOCUMENTS", 1)
    at.run()
    assert len(at.dataframe[0].value) == 1
    box = at.selectbox(key="doc")
    assert box.value == second and box.options == [box.options[0], label]
    at = app("pages/documents.py", lang="English")
    assert any(f"Showing 1 of {N_RAW} documents" in c.value for c in at.caption)


def test_overview_lists_a_few_changed_files_and_counts_them_all(monkeypatch):
    from app import queries
    monkeypatch.setattr(queries, "SHOWN_CHANGES", 2)
    at = app("pages/overview.py")
    changes = at.dataframe[-1].value
    assert len(changes) == 2
    assert any(CATALOGUE["overview.changes_shown"]["vi"].format(shown="2", n=str(N_RAW)) in c.value
               for c in at.caption)
    assert any("Thêm mới" in m.value and str(N_RAW) in m.value for m in at.markdown)


def test_data_page_loads_no_big_table_until_a_download_is_clicked(monkeypatch):
    from app import queries

    def refuse(*a, **k):
        raise AssertionError("a download's query ran while the page was drawn")
    for name in ("timeline_points", "coverage_evidence", "lead_agencies", "deadlines",
                 "search_documents", "whole_table", "run_changes"):
        monkeypatch.setattr(queries, name, refuse)
    at = app("pages/data.py")
    assert not at.exception
    rows = [m.value for m in at.markdown if " dòng  \n" in m.value]
    assert len(rows) == 10 and any(f"· {N_RAW} dòng  \n" in r for r in rows)   # documents
    for tab in ("data.tab_tables", "data.tab_codebook", "data.tab_run", "data.tab_quality"):
        at.session_state["data_tab"] = CATALOGUE[tab]["vi"]   # open the tab
        at.run()
        assert not at.exception, tab
        if tab == "data.tab_tables":
            keys = {b.key for b in at.get("download_button")}
            assert {f"table_{n}" for n in queries.TABLES} <= keys, keys


def test_timeline_groups_many_documents_and_keeps_the_chooser_short(monkeypatch, seed_db):
    from app import charts, queries
    monkeypatch.setattr(charts, "MAX_POINTS", 2)
    monkeypatch.setattr(queries, "SHOWN_DOCUMENTS", 3)
    at = app("pages/timeline.py")
    assert any("mỗi điểm gộp" in c.value for c in at.caption), [c.value for c in at.caption]
    options = at.selectbox(key="timeline_doc").options
    assert len(options) == 1 + 3                  # "— choose —" and the newest three
    con = duckdb.connect(str(seed_db), read_only=True)
    try:  # the timeline's documents: dated, with a province
        dated = con.execute("""SELECT count(*) FROM documents WHERE province_code IS NOT NULL
                               AND coalesce(issue_date, event_date, published_date) IS NOT NULL""").fetchone()[0]
    finally:
        con.close()
    assert 3 < dated < N_RAW
    assert any(CATALOGUE["timeline.chooser_more"]["vi"].format(shown="3", n=str(dated)) in c.value
               for c in at.caption), [c.value for c in at.caption]


def test_timeline_long_lag_table_waits_for_a_click(monkeypatch):
    from app import ui
    at = app("pages/timeline.py")
    assert at.expander and at.expander[0].label.startswith("Bảng độ trễ")
    assert at.dataframe, "a short lag table is shown at once"
    monkeypatch.setattr(ui, "TABLE_ROWS_OPEN", 0)
    at = app("pages/timeline.py")
    assert not at.dataframe                       # closed: no data grid on first paint
    assert any(b.key == "timeline_lags_csv" for b in at.get("download_button"))
    at.session_state["timeline_lags_open"] = True  # the user opens it
    at.run()
    assert at.dataframe and not at.exception


def test_document_chooser_sits_in_a_popover(seed_db):
    at = app("pages/documents.py")
    assert at.get("popover"), "the chooser of up to 200 documents waits in a popover"
    at.selectbox(key="doc").select(doc_id(seed_db, "198/KH-UBND")).run()
    assert any("198/KH-UBND" in s.value.replace("\\", "") for s in at.subheader)


# ---------------------------------------------------------------- status board (issue 13)
def board_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_board_lists_every_province_as_page_text(lang):
    at = app("pages/status.py", **({"lang": "English"} if lang == "en" else {}))
    assert at.title[0].value == CATALOGUE["status.title"][lang]
    assert not at.error
    assert at.selectbox(key="board_instrument").value == "964/QĐ-TTg"   # the default text
    # the summary line, and "nothing found" said plainly
    summary = at.markdown[0].value
    assert summary.startswith("**5/63 " + {"vi": "tỉnh", "en": "provinces"}[lang])
    assert any(CATALOGUE["status.nothing_means"][lang] in w.value for w in at.warning)
    # the board is HTML text (Ctrl+F finds a province), one row per province, nothing found first
    html = board_html(at)
    assert html.count("<tr>") == 63 + 1
    assert "Hà Giang" in html and "116/KH-UBND" in html and "Chủ tịch UBND tỉnh Thanh Hóa" in html
    first_row = html.split("<tbody>")[1].split("</tr>")[0]
    assert CATALOGUE["board_status.none"][lang] in first_row
    assert len(at.get("plotly_chart")) == 2 and len(at.get("download_button")) == 3


def test_status_board_choice_lives_in_the_url():
    at = app("pages/status.py", board_instrument="29-NQ/TW", board_2025="true",
             board_overlay=["964/QĐ-TTg"])
    assert at.selectbox(key="board_instrument").value == "29-NQ/TW"
    assert at.toggle(key="board_2025").value is True
    assert at.multiselect(key="board_overlay").value == ["964/QĐ-TTg"]
    html = board_html(at)
    assert html.count("<tr>") == 34 + 1 and "198/KH-UBND" in html
    # adoption: two texts overlaid, each a step line
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    lines = [tr for tr in spec["data"] if tr.get("mode") == "lines"]
    assert [tr["name"] for tr in lines] == ["29-NQ/TW", "964/QĐ-TTg"]
    assert {tr["line"]["shape"] for tr in lines} == {"hv"}
    # another text: the board follows (Bến Tre's Party committee reported on 28-CT/TW)
    at.selectbox(key="board_instrument").set_value("28-CT/TW").run()
    assert "Ban Thường vụ Tỉnh ủy Bến Tre" in board_html(at)
    assert CATALOGUE["board_status.news"]["vi"] in board_html(at)
    assert not at.exception


def test_status_board_opens_a_document(seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    doc = con.execute("SELECT doc_id FROM documents WHERE doc_number = '116/KH-UBND'").fetchone()[0]
    con.close()
    at = app("pages/status.py")
    box = at.selectbox(key="board_doc")
    assert any("Thanh Hóa — 116/KH-UBND" in o for o in box.options)
    box.set_value(doc).run()
    assert not at.exception
    assert any("116" in h.value and "UBND" in h.value for h in at.subheader)   # the document


# ---------------------------------------------------------------- issue 14, items 2 and 3
def test_compare_pick_is_kept_when_a_filter_leaves_a_province_without_documents():
    at = app("pages/compare.py")
    at.multiselect(key="compare").set_value(["01", "38"]).run()
    at.slider(key="years").set_value((2023, 2023)).run()   # Hà Nội's one document is of 2019
    assert at.multiselect(key="compare").value == ["01", "38"]
    note = CATALOGUE["compare.no_docs_note"]["vi"].split("{")[0]
    assert any(note in i.value and "Hà Nội" in i.value for i in at.info)
    rows = heatmap_rows(at)
    assert rows == ["Hà Nội", "Thanh Hóa"]   # shown empty, in the order picked
    at.slider(key="years").set_value(tuple(at.session_state["_year_bounds"])).run()
    assert at.multiselect(key="compare").value == ["01", "38"]
    assert not any(note in i.value for i in at.info)
    assert not at.exception


def heatmap_rows(at: AppTest) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["layout"]["yaxis"]["ticktext"]


@pytest.mark.parametrize("sort, first", [
    ("Theo tên", "Bà Rịa - Vũng Tàu"), ("Theo vùng", "Hà Nội"), ("Theo mức bao phủ", None)])
def test_coverage_rows_are_provinces_in_the_order_chosen_in_the_link(sort, first):
    at = app("pages/coverage.py", coverage_sort=sort)
    assert at.segmented_control(key="coverage_sort").value == \
        {"Theo tên": "name", "Theo vùng": "region", "Theo mức bao phủ": "coverage"}[sort]
    rows = heatmap_rows(at)
    assert len(rows) == len(set(rows)) >= 20   # one row per province with documents
    if first:
        assert rows[0] == first
    else:  # by coverage: the most groups covered first
        from app import charts, queries
        from app.filters import Filters
        cells = queries.coverage_cells(Filters())
        names = dict(zip(cells.province_code, cells.province))
        assert rows == [names[c] for c in charts.province_order(cells, "coverage")]
        per = cells.groupby("province").status.apply(lambda s: s.isin(["planned", "reported"]).sum())
        assert [per[r] for r in rows] == sorted(per, reverse=True)


# ---------------------------------------------------------------- search and evidence (issue 14)
def page_html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


@pytest.mark.parametrize("query", ["hai ba trung", "Hai Bà Trưng"])
def test_search_puts_the_hai_ba_trung_plan_first_and_says_why(seed_db, query):
    at = app("pages/documents.py", q=query)
    rows = re.findall(r"<tr>(.*?)</tr>", page_html(at))[1:]          # header row left out
    assert rows and "198/KH-UBND" in rows[0] and "Cụm từ trong tiêu đề" in rows[0]
    assert f'href="?q={query.replace(" ", "+")}&amp;doc={doc_id(seed_db, "198/KH-UBND")}"' \
        .replace("à", "%C3%A0").replace("ư", "%C6%B0") in rows[0]    # the number opens it
    said = " ".join(c.value for c in at.caption)
    assert CATALOGUE["documents.split"]["vi"].format(p="1", w=str(len(rows) - 1)) in said
    at = app("pages/documents.py", q=query, lang="English")
    rows = re.findall(r"<tr>(.*?)</tr>", page_html(at))[1:]
    assert "198/KH-UBND" in rows[0] and "Phrase in the title" in rows[0]


def test_a_document_link_opens_it_with_its_evidence_and_the_searched_words(seed_db):
    hbt = doc_id(seed_db, "198/KH-UBND")
    at = app("pages/documents.py", doc=hbt, q="hai ba trung")
    assert any("198/KH-UBND" in s.value.replace("\\", "") for s in at.subheader)
    assert at.query_params["doc"] == hbt and at.session_state["doc"] == hbt
    assert any(c.value.endswith(f"/van-ban?doc={hbt}") for c in at.code)   # its own link
    body = page_html(at)
    assert 'data-f="number"' in body and '<sup class="tag f-number">Số hiệu</sup>' in body
    assert re.search(r'<mark class="m[^"]* hit"[^>]*>Hai</mark>', body)      # searched words
    assert "Viết bình luận" not in body                                     # cleaned by default
    assert at.pills(key="documents_docview_marks").value == [
        "number", "date", "issuer", "province", "implements"]
    at.toggle(key="documents_docview_raw").set_value(True).run()
    assert "Viết bình luận" in page_html(at)                                # the raw on request
    at.pills(key="documents_docview_marks").set_value(["coverage"]).run()
    body = page_html(at)
    assert 'data-f="coverage"' in body and 'data-f="number"' not in body


def test_choosing_a_document_puts_its_id_in_the_url(seed_db):
    at = app("pages/documents.py")
    hbt = doc_id(seed_db, "198/KH-UBND")
    at.selectbox(key="doc").select(hbt).run()
    assert at.query_params["doc"] == hbt
    assert not at.exception


def test_a_link_to_a_missing_document_says_so():
    at = app("pages/documents.py", doc="nope")
    said = CATALOGUE["url.unknown"]["vi"].split("{")[0]
    assert any(said in w.value and "doc=nope" in w.value.replace("\\", "") for w in at.warning)
    assert "doc" not in at.query_params and not at.session_state["doc"]


def test_the_highlight_choice_survives_a_language_switch(seed_db):
    at = app("pages/documents.py", doc=doc_id(seed_db, "198/KH-UBND"))
    at.pills(key="documents_docview_marks").set_value(["coverage", "deadlines"]).run()
    at.sidebar.button(key="lang_switch").click().run()
    assert not at.exception
    assert at.title[0].value == CATALOGUE["documents.title"]["en"]
    assert at.pills(key="documents_docview_marks").value == ["coverage", "deadlines"]
