"""The province profile page (pages/profile.py) in Streamlit's AppTest on the seed warehouse:
both languages, a province with documents and one without, the link by code, the evidence
one click away, the brief's downloads, and the links to it from the other pages."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from app import ui
from app.i18n import CATALOGUE
from test_pages import ROOT, app, doc_id


@pytest.fixture(autouse=True)
def _warehouse(seed_db, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))


def profile(**params) -> AppTest:
    return app("pages/profile.py", **params)


def texts(at: AppTest) -> str:
    """Every text of the page, markdown escapes removed."""
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]
                    + [i.value for i in at.info]).replace("\\", "")


@pytest.mark.parametrize("lang, param", [("vi", {}), ("en", {"lang": "English"})])
def test_profile_of_a_province_with_documents(lang, param):
    at = profile(profile="38", **param)
    assert at.title[0].value == CATALOGUE["profile.title"][lang]
    assert at.selectbox(key="profile").value == "38"
    assert not at.error
    values = [m.value for m in at.metric]
    assert values[0] == "1"                     # Thanh Hóa has one seed document
    assert "116/KH-UBND" in texts(at)           # its first provincial plan
    keys = {b.key for b in at.get("download_button")}
    assert {"profile_pdf", "profile_docx", "profile_instruments_csv", "profile_levels_csv",
            "profile_coverage_csv", "profile_documents_csv"} <= keys
    # its plan's reporting cycle ended with its period (2021-2025): nothing overdue or due
    assert CATALOGUE["profile.deadlines_none"][lang] in [s.value for s in at.success]
    headers = {s.value for s in at.subheader}
    assert CATALOGUE["profile.coverage"][lang] in headers


@pytest.mark.parametrize("lang, param", [("vi", {}), ("en", {"lang": "English"})])
def test_profile_of_a_province_without_documents(lang, param):
    at = profile(profile="02", **param)           # no seed document from Hà Giang
    assert at.selectbox(key="profile").value == "02"
    assert CATALOGUE["profile.no_docs"][lang].format(province="Hà Giang") in texts(at)
    assert not at.metric and not at.error


def test_no_province_asks_for_one():
    at = profile()
    assert at.selectbox(key="profile").value == ""
    assert CATALOGUE["profile.pick_one"]["vi"] in texts(at)


def test_a_name_in_the_link_works_too_and_the_box_changes_it():
    at = profile(profile="Thanh Hóa")
    assert at.selectbox(key="profile").value == "38"
    at.selectbox(key="profile").select("01").run()
    assert not at.exception
    assert at.selectbox(key="profile").value == "01"
    at.run()                                     # the link does not take the choice back
    assert at.selectbox(key="profile").value == "01"


def test_filters_narrow_the_profile():
    at = profile(profile="38", type="Kế hoạch")     # Thanh Hóa's seed document is news of a plan
    assert CATALOGUE["profile.no_docs"]["vi"].format(province="Thanh Hóa") in texts(at)


def test_evidence_and_documents_open_in_one_click(seed_db):
    at = profile(profile="38")
    cat = at.selectbox(key="profile_category")
    assert len(cat.options) > 1
    cat.select("LEAD").run()                     # Thanh Hóa's plan: leadership
    assert not at.exception
    assert any("evidence-list" in h.proto.body for h in at.get("html"))
    at.selectbox(key="profile_doc").select(doc_id(seed_db, "116/KH-UBND")).run()
    assert not at.exception
    assert any("116/KH-UBND" in s.value.replace("\\", "") for s in at.subheader)


@pytest.mark.parametrize("code, params, href", [
    ("38", [], "ho-so-tinh?profile=38"),
    ("38", [("type", "Kế hoạch"), ("lang", "English")],
     "ho-so-tinh?type=K%E1%BA%BF+ho%E1%BA%A1ch&lang=English&profile=38"),
    ("01", [("profile", "38"), ("province", "Hà Nội"), ("province", "Huế")],
     "ho-so-tinh?province=H%C3%A0+N%E1%BB%99i&province=Hu%E1%BA%BF&profile=01"),
])
def test_profile_href(code, params, href):
    assert ui.profile_href(code, params) == href


def test_links_to_the_profile_from_the_map_the_board_and_the_overview():
    at = app("pages/map.py")
    at.selectbox(key="map_pick_63").select("thanh-hoa").run()
    links = [p for p in at.get("page_link")]
    assert any("Thanh Hóa" in p.proto.label and "profile=38" in p.proto.query_string
               for p in links), [(p.proto.label, p.proto.query_string) for p in links]

    at = app("pages/status.py")
    at.selectbox(key="board_profile").select("38").run()
    assert any("profile=38" in p.proto.query_string for p in at.get("page_link"))

    # the link keeps the view, written in ids whatever the link that opened the page said
    at = app("pages/overview.py", type="News article", lang="English")
    grid = at.dataframe[0].value
    col = CATALOGUE["col.profile"]["en"]
    assert "ho-so-tinh?lang=en&type=news&profile=38" in list(grid[col])


def test_the_page_is_registered_after_the_status_board():
    src = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert src.index('"pages/status.py"') < src.index('"pages/profile.py"') < src.index('"pages/map.py"')
    assert 'url_path="ho-so-tinh"' in src


@pytest.mark.parametrize("value", ["'; drop table documents; --", "38' OR '1'='1", "<b>38</b>",
                                   "999", ""])
def test_hostile_or_unknown_profile_values_render_calmly(value):
    at = profile(profile=value)
    assert at.selectbox(key="profile").value == ""
    assert CATALOGUE["profile.pick_one"]["vi"] in texts(at)
