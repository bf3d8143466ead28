"""Every page in Streamlit's AppTest, on the seed warehouse: renders without exception,
reacts to the shared filters, and takes its filters from the URL."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import CATALOGUE

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


def app(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
    assert at.metric[0].value == "5"
    at.multiselect(key="type").set_value(["plan"]).run()
    assert filters(at).doc_types == ("plan",)
    assert int(at.metric[0].value) < 5
    # …and the filter survives a page switch
    at.switch_page("pages/timeline.py").run()
    assert filters(at).doc_types == ("plan",)
    assert not at.exception


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
    assert at.sidebar.radio[0].value == "en"


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


def test_documents_search_without_diacritics():
    at = app("pages/documents.py", q="ke hoach")
    assert at.text_input(key="q").value == "ke hoach"
    assert len(at.dataframe[0].value) >= 1
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
    at.sidebar.button[0].click().run()
    assert filters(at).is_default
    assert at.metric[0].value == "5"


def test_map_download_has_one_column_per_measure():
    at = app("pages/map.py")  # documents: the value column is the documents column
    assert not at.exception
