"""The view in the URL (app/urlstate.py): ids a person can type, read back exactly, old labels
still read, unknown names reported; and the AppTest of a typed link."""
from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from app import urlstate as u
from app.i18n import CATALOGUE
from conftest import app


INSTRUMENTS = u.table_resolver(u._table([("964/QĐ-TTg", "964/QĐ-TTg"),
                                         ("29-NQ/TW", "29-NQ/TW"),
                                         ("749/QĐ-TTg@2020", "749/QĐ-TTg")]))
PROVINCES = u.table_resolver(u._table([("01", "Hà Nội", "ha-noi"),
                                       ("38", "Thanh Hóa", "thanh-hoa"),
                                       ("79", "TP. Hồ Chí Minh", "ho-chi-minh")]))


@pytest.mark.parametrize("typed, expected", [
    ("964/QĐ-TTg", "964/QĐ-TTg"),                    # the key as written
    ("964/qd-ttg", "964/QĐ-TTg"),                    # no diacritics, any case
    ("964/QD-TTG", "964/QĐ-TTg"),
    ("  964/QĐ-TTg ", "964/QĐ-TTg"),
    ("749/QĐ-TTg", "749/QĐ-TTg@2020"),               # the number when the key differs
    ("29-NQ/TW — Chiến lược bảo vệ Tổ quốc", "29-NQ/TW"),   # an old link's label
    ("29-NQ/TW — Strategy for protecting", "29-NQ/TW"),
])
def test_instrument_ids(typed, expected):
    assert u.decode(u.BY_NAME["instrument"], [typed], INSTRUMENTS) == expected


@pytest.mark.parametrize("values, expected", [
    (["38"], ["38"]),
    (["01,38"], ["01", "38"]),                      # a comma list
    (["01", "38"], ["01", "38"]),                   # repeated parameters
    (["thanh hoa"], ["38"]),                        # a name without diacritics
    (["Hà Nội,Thanh Hóa"], ["01", "38"]),
    (["ha-noi", "01"], ["01"]),                     # the same province twice: once
])
def test_province_ids(values, expected):
    assert u.decode(u.BY_NAME["province"], values, PROVINCES) == expected


@pytest.mark.parametrize("key, values, resolver, bad, known", [
    ("instrument", ["999/XX"], INSTRUMENTS, "999/XX", None),
    ("province", ["38,99"], PROVINCES, "99", ["38"]),       # the known part is kept
    ("province", ["Atlantis"], PROVINCES, "Atlantis", []),
    ("type", ["plan,memo"], None, "memo", ["plan"]),
    ("years", ["twenty"], None, "twenty", None),
    ("board_2025", ["maybe"], None, "maybe", None),
    ("today", ["2025-13-01"], None, "2025-13-01", None),
    ("measure", ["height"], None, "height", None),
    ("lang", ["fr"], None, "fr", None),
])
def test_unknown_values_are_reported(key, values, resolver, bad, known):
    with pytest.raises(u.Unknown) as e:
        u.decode(u.BY_NAME[key], values, resolver)
    assert str(e.value) == bad
    if known is not None:
        assert e.value.known == known


@pytest.mark.parametrize("key, values, expected", [
    ("lang", ["en"], "en"),
    ("lang", ["English"], "en"),                    # the old link
    ("lang", ["Tiếng Việt"], "vi"),
    ("type", ["plan"], ["plan"]),
    ("type", ["Kế hoạch"], ["plan"]),               # old labels, both languages
    ("type", ["Plan,news"], ["plan", "news"]),
    ("level", ["Cấp huyện"], ["district"]),
    ("years", ["2021-2025"], (2021, 2025)),
    ("years", ["2019", "2023"], (2019, 2023)),      # the old repeated form
    ("years", ["2021"], (2021, 2021)),
    ("years", ["2025–2021"], (2021, 2025)),
    ("measure", ["lag"], "lag"),
    ("measure", ["Số văn bản"], "documents"),
    ("borders", ["34"], "34"),
    ("borders", ["Địa giới từ 7/2025"], "34"),
    ("view", ["By GCI pillar (ITU)"], "pillar"),
    ("board_2025", ["true"], True),
    ("board_2025", ["0"], False),
    ("today", ["2025-06-30"], date(2025, 6, 30)),
    ("q", ["kế hoạch"], "kế hoạch"),
    ("deadline_status", ["overdue,due_soon"], ["overdue", "due_soon"]),
])
def test_fixed_codes_and_old_labels(key, values, expected):
    assert u.decode(u.BY_NAME[key], values) == expected


@pytest.mark.parametrize("key, value, text", [
    ("instrument", "964/QĐ-TTg", ["964/QĐ-TTg"]),
    ("province", ["01", "38"], ["01,38"]),
    ("years", (2021, 2025), ["2021-2025"]),
    ("years", (2021, 2021), ["2021"]),
    ("type", ["plan"], ["plan"]),
    ("board_2025", True, ["true"]),
    ("today", date(2025, 6, 30), ["2025-06-30"]),
    ("lang", "en", ["en"]),
    ("data_tab", CATALOGUE["data.tab_codebook"]["en"], ["codebook"]),   # a tab by its code
    ("data_tab", CATALOGUE["data.tab_codebook"]["vi"], ["codebook"]),
])
def test_encode_is_an_id_and_reads_back(key, value, text):
    k = u.BY_NAME[key]
    assert u.encode(k, value) == text
    resolver = {"instrument": INSTRUMENTS, "province": PROVINCES}.get(key)
    back = u.decode(k, text, resolver, lang="en")
    if key == "data_tab":
        assert back == CATALOGUE["data.tab_codebook"]["en"]   # in the language in force
    else:
        assert back == value or list(back) == list(value)


@pytest.mark.parametrize("page, state, expected", [
    # defaults stay out; the shared keys go on every page, a page's own only on it
    ("ban-do", {"lang": "vi", "instrument": "*", "province": [], "measure": "documents"}, {}),
    ("ban-do", {"lang": "en", "instrument": "964/QĐ-TTg", "province": ["38"], "measure": "lag",
                "view": "pillar"},
     {"lang": ["en"], "instrument": ["964/QĐ-TTg"], "province": ["38"], "measure": ["lag"]}),
    ("bao-phu", {"province": ["01", "38"], "measure": "lag", "view": "pillar",
                 "cell_province_pillar": "01", "cell_row_pillar": "legal"},
     {"province": ["01,38"], "view": ["pillar"], "cell_province_pillar": ["01"],
      "cell_row_pillar": ["legal"]}),
    ("van-ban", {"q": "", "doc": None, "type": ["plan"]}, {"type": ["plan"]}),
    ("van-ban", {"q": "ke hoach", "doc": "abc123"}, {"q": ["ke hoach"], "doc": ["abc123"]}),
])
def test_view_params(page, state, expected):
    assert u.view_params(page, state) == expected


def test_every_view_key_is_registered_once():
    names = [k.name for k in u.KEYS]
    assert len(names) == len(set(names))
    assert {"lang", "instrument", "years", "province", "type", "level"} == {
        k.name for k in u.KEYS if k.page is None}


# ---------------------------------------------------------------- in the app (AppTest)
@pytest.fixture()
def _warehouse(seed_db, monkeypatch):
    monkeypatch.setenv("CYBERDASH_DB", str(seed_db))


def qp(at: AppTest) -> dict:
    return {k: at.query_params[k] for k in at.query_params}


@pytest.mark.usefixtures("_warehouse")
def test_a_typed_link_applies_the_filters_and_keeps_them_on_every_page():
    at = app(None, instrument="964/QĐ-TTg", province="38")
    f = at.session_state["_filters"]
    assert f.instrument == "964/QĐ-TTg" and f.provinces == ("38",)
    assert not at.warning
    caption = at.sidebar.caption[0].value
    assert "Thanh Hóa" in caption and CATALOGUE["filter.none_active"]["vi"] not in caption
    for page in ("pages/map.py", "pages/timeline.py", "pages/documents.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert at.session_state["_filters"] == f
        assert qp(at) == {"instrument": "964/QĐ-TTg", "province": "38"}, page


@pytest.mark.usefixtures("_warehouse")
def test_a_link_without_diacritics_and_a_comma_list():
    at = app(None, instrument="964/qd-ttg", province="thanh hoa,01", type="plan")
    f = at.session_state["_filters"]
    assert (f.instrument, f.provinces, f.doc_types) == ("964/QĐ-TTg", ("38", "01"), ("plan",))
    # …and the URL is rewritten in ids
    assert qp(at) == {"instrument": "964/QĐ-TTg", "province": "38,01", "type": "plan"}


@pytest.mark.usefixtures("_warehouse")
def test_an_unknown_instrument_is_said_not_silently_dropped():
    at = app("pages/map.py", instrument="999/XX")
    assert at.session_state["_filters"].instrument is None
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "instrument=999/XX" in warning and "không nhận ra" in warning
    assert CATALOGUE["url.unknown_short"]["vi"] in at.sidebar.caption[0].value
    # the first change of a filter is the user's own view: the warning goes
    at.multiselect(key="type").set_value(["plan"]).run()
    at.run()
    assert not any("999/XX" in w.value.replace("\\", "") for w in at.warning)


@pytest.mark.usefixtures("_warehouse")
def test_english_link_keeps_every_setting():
    at = app("pages/map.py", lang="en", instrument="964/QĐ-TTg", measure="lag", borders="34")
    assert at.session_state["lang"] == "en"
    assert at.selectbox(key="measure").value == "lag" and at.radio(key="borders").value == "34"
    assert at.title[0].value == CATALOGUE["map.title"]["en"]
    assert qp(at) == {"lang": "en", "instrument": "964/QĐ-TTg", "measure": "lag",
                      "borders": "34", "map_instrument": "964/QĐ-TTg"}
    at.sidebar.button(key="lang_switch").click().run()      # to Vietnamese: the same view
    assert at.selectbox(key="measure").value == "lag" and at.radio(key="borders").value == "34"
    assert "lang" not in qp(at) and qp(at)["measure"] == "lag"


@pytest.mark.usefixtures("_warehouse")
def test_page_settings_go_in_the_url_as_codes():
    at = app("pages/coverage.py", view="pillar")
    assert at.radio(key="view").value == "pillar"
    params = qp(at)
    assert params["view"] == "pillar" and params["cell_province_pillar"].isdigit()
    at = app("pages/data.py", data_tab="codebook", lang="en")
    assert at.session_state["data_tab"] == CATALOGUE["data.tab_codebook"]["en"]
    assert qp(at) == {"lang": "en", "data_tab": "codebook"}


@pytest.mark.usefixtures("_warehouse")
@pytest.mark.parametrize("params, said", [
    ({"years": "1900-2100"}, "years=1900-2100"),                  # past the years there are
    ({"view": "category", "cell_province_category": "02"},        # Hà Giang: no document
     "cell_province_category=02"),
])
def test_a_known_value_the_page_cannot_show_is_said(params, said):
    at = app("pages/coverage.py", **params)
    notes = [w.value.replace("\\", "") for w in at.warning]
    assert any(said in n and CATALOGUE["url.unavailable"]["vi"].split(":")[0] in n
               for n in notes), notes


@pytest.mark.usefixtures("_warehouse")
def test_defaults_in_a_link_are_not_reported_and_leave_the_url():
    at = app("pages/map.py", measure="documents", borders="63", lang="vi")
    assert not at.warning and qp(at) == {}
