"""Chart builders: DataFrame in, figure out; offline trace types only; labels translated."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from app import charts, i18n

D = pd.Timestamp


@pytest.fixture(autouse=True)
def _vietnamese():
    i18n.set_fallback_lang("vi")
    yield
    i18n.set_fallback_lang("vi")


def offline(fig: go.Figure) -> None:
    """Nothing that makes the browser fetch: no geo/mapbox subplots, no tile layers."""
    spec = fig.to_plotly_json()
    types = {tr.get("type") for tr in spec["data"]}
    assert not types & {"choropleth", "scattergeo", "choroplethmapbox", "scattermapbox",
                        "densitymapbox"}, types
    assert "mapbox" not in spec["layout"] and "geo" not in spec["layout"]
    json.dumps(spec, default=str)


def cells(statuses: dict) -> pd.DataFrame:
    rows = []
    for (prov, code, cat), (status, n) in statuses.items():
        rows.append(dict(province_code=code, province=prov, category_code=cat,
                         category=f"Nhóm {cat}", gci_pillar="legal", pillar="Pháp lý",
                         status=status, n_evidence=n, n_docs_covering=min(n, 1),
                         n_docs=0 if status == "no_docs" else 2))
    return pd.DataFrame(rows)


def test_coverage_heatmap_grades_cells_and_writes_evidence_counts():
    df = cells({("Hà Nội", "01", "A"): ("reported", 3), ("Hà Nội", "01", "B"): ("silent", 0),
                ("Bến Tre", "83", "A"): ("planned", 1), ("Bến Tre", "83", "B"): ("no_docs", 0)})
    fig = charts.coverage_heatmap(df)
    offline(fig)
    hm = fig.data[0]
    assert hm.type == "heatmap"
    # provinces down, groups across; numeric axes: the names go once into the tick labels
    assert list(fig.layout.yaxis.ticktext) == ["Hà Nội", "Bến Tre"]
    assert list(fig.layout.yaxis.tickvals) == list(hm.y) == [0, 1]
    assert list(fig.layout.xaxis.ticktext) == ["Nhóm A", "Nhóm B"]  # no short name: wrapped
    assert fig.layout.xaxis.side == "top"
    assert [list(r) for r in hm.z] == [[3, 1], [2, 0]]          # reported, silent / planned, none
    assert [list(r) for r in hm.text] == [["3", "0"], ["1", "–"]]
    assert hm.showscale is False  # the legend is written beside the chart, not a colour bar
    assert hm.customdata is None and hm.hoverinfo == "skip"  # the markers above carry both
    clickable = fig.data[1]  # invisible markers over the cells: a click names the cell
    assert clickable.type == "scatter" and clickable.marker.opacity == 0
    by_cell = {(int(x), int(y)): list(cd) for x, y, cd in
               zip(clickable.x, clickable.y, clickable.customdata)}
    assert by_cell[(0, 1)][:2] == ["83", "A"]       # Bến Tre × A: what a click reports
    assert by_cell[(0, 1)][2:5] == ["Bến Tre", "Nhóm A", "Có kế hoạch"]  # what the hover names
    assert by_cell[(0, 0)][5:7] == ["3", "2"]       # evidence sentences, documents
    assert "%{customdata[5]} câu làm bằng chứng" in clickable.hovertemplate


def test_pillar_view_writes_categories_covered():
    df = cells({("Hà Nội", "01", "A"): ("planned", 2)}).assign(categories_covered=1,
                                                                categories_total=2)
    fig = charts.coverage_heatmap(df, by="pillar")
    assert list(fig.data[0].text[0]) == ["1/2"]
    assert list(fig.layout.xaxis.ticktext) == ["Pháp lý"]
    assert list(fig.layout.yaxis.ticktext) == ["Hà Nội"]
    assert list(fig.data[1].customdata[0][8:]) == ["1", "2"]
    assert "%{customdata[8]}/%{customdata[9]}" in fig.data[1].hovertemplate


@pytest.mark.parametrize("lang, code, shown", [
    ("vi", "LEAD", "Lãnh đạo, chỉ đạo"), ("en", "LEAD", "Leadership"),
    ("vi", "MONITOR", "Kiểm tra, báo cáo"),
    ("vi", "NEW", "Một nhóm mới có<br>tên dài"),  # not in the catalogue: the full name, wrapped
])
def test_groups_are_named_short_above_their_columns(lang, code, shown):
    i18n.set_fallback_lang(lang)
    df = cells({("Hà Nội", "01", code): ("silent", 0)}).assign(category="Một nhóm mới có tên dài")
    fig = charts.coverage_heatmap(df)
    assert list(fig.layout.xaxis.ticktext) == [shown]
    assert fig.data[1].customdata[0][3] == "Một nhóm mới có tên dài"  # the hover: in full


def test_heatmap_height_grows_with_the_provinces_one_fixed_row_each():
    def fig(n):
        return charts.coverage_heatmap(cells({(f"Tỉnh {i:02d}", f"{i:02d}", c): ("silent", 0)
                                              for i in range(n) for c in "AB"}))
    small, big = fig(3), fig(63)
    assert big.layout.height - small.layout.height == 60 * charts.ROW_PX
    # every province named, whole, however many
    assert list(big.layout.yaxis.ticktext) == [f"Tỉnh {i:02d}" for i in range(63)]
    assert len(big.layout.yaxis.tickvals) == 63 and big.layout.yaxis.automargin
    assert len(big.data[1].customdata) == 126  # every cell still clickable and named on hover


REGIONS = {"01": "Đồng bằng sông Hồng", "31": "Đồng bằng sông Hồng", "02": "Trung du miền núi",
           "48": "Duyên hải miền Trung", "96": "Đồng bằng sông Cửu Long"}
NAMES = {"01": "Hà Nội", "31": "Hải Phòng", "02": "Hà Giang", "48": "Đà Nẵng", "96": "Cà Mau"}


def sortable() -> pd.DataFrame:
    covered = {"01": 1, "31": 2, "02": 0, "48": 2, "96": 1}   # groups planned of A, B
    evidence = {"01": 5, "31": 1, "02": 0, "48": 3, "96": 9}
    rows = []
    for code, name in NAMES.items():
        for i, cat in enumerate("AB"):
            rows.append(dict(province_code=code, province=name, region=REGIONS[code],
                             category_code=cat, category=f"Nhóm {cat}",
                             status="planned" if i < covered[code] else "silent",
                             n_evidence=evidence[code] if i == 0 else 0, n_docs=1))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("by, order", [
    # the most groups covered first, then the most evidence, then the name
    ("coverage", ["48", "31", "96", "01", "02"]),
    # alphabetical with the diacritics folded: Đà Nẵng among the D
    # (word by word: Hà Nội before Hải Phòng)
    ("name", ["96", "48", "02", "01", "31"]),
    # regions north to south (by their first statistics code), names within each
    ("region", ["01", "31", "02", "48", "96"]),
    ("anything else", ["01", "31", "02", "48", "96"]),   # the order of the cells
])
def test_province_sort_orders(by, order):
    assert charts.province_order(sortable(), by) == order


def test_heatmap_draws_rows_in_the_order_given_and_names_the_region_on_hover():
    df = sortable()
    fig = charts.coverage_heatmap(df, order=charts.province_order(df, "name"))
    assert list(fig.layout.yaxis.ticktext) == ["Cà Mau", "Đà Nẵng", "Hà Giang", "Hà Nội",
                                               "Hải Phòng"]
    cd = {row[0]: (int(y), row[7]) for y, row in zip(fig.data[1].y, fig.data[1].customdata)}
    assert cd["96"] == (0, "Đồng bằng sông Cửu Long") and cd["01"][0] == 3
    assert "%{customdata[7]}" in fig.data[1].hovertemplate
    # a partial order (the compare page's pick) comes first, the rest after
    fig = charts.coverage_heatmap(df, order=["48", "02"])
    assert list(fig.layout.yaxis.ticktext)[:2] == ["Đà Nẵng", "Hà Giang"]
    assert charts.province_order(df.iloc[0:0], "name") == []
    assert not fig.layout.shapes
    # sorted by region: a line where each region ends
    fig = charts.coverage_heatmap(df, order=charts.province_order(df, "region"), region_lines=True)
    assert [sh.y0 for sh in fig.layout.shapes] == [1.5, 2.5, 3.5]


def test_heatmap_speaks_english():
    i18n.set_fallback_lang("en")
    fig = charts.coverage_heatmap(cells({("Hà Nội", "01", "A"): ("silent", 0)}))
    assert "Documents silent" in list(fig.data[1].customdata[0])


def test_empty_input_gives_a_message_not_an_empty_chart():
    for fig in (charts.coverage_heatmap(pd.DataFrame()), charts.lag_bars(pd.DataFrame()),
                charts.timeline(pd.DataFrame(columns=["doc_date"]), pd.DataFrame(),
                                pd.DataFrame()),
                charts.coverage_share_bars(pd.DataFrame())):
        assert not fig.data
        assert fig.layout.annotations and fig.layout.annotations[0].text


def timeline_frames():
    docs = pd.DataFrame([
        dict(doc_id="a", doc_number="198/KH-UBND", title="Kế hoạch", doc_type="plan",
             level="district", issuer="UBND quận", province_code="01", province="Hà Nội",
             doc_date=D("2019-10-03"), implements="29-NQ/TW"),
        dict(doc_id="b", doc_number=None, title="Tin", doc_type="news", level="party",
             issuer="Tỉnh ủy", province_code="83", province="Bến Tre",
             doc_date=D("2014-02-26"), implements=None)])
    inst = pd.DataFrame([
        dict(instrument_key="29-NQ/TW", instrument_id="29-NQ/TW", kind="Nghị quyết",
             issuing_body="Bộ Chính trị", level="central", province_code=None,
             issue_date=D("2018-07-25"), title="Chiến lược"),
        dict(instrument_key="03/CT-UBND@51", instrument_id="03/CT-UBND", kind="Chỉ thị",
             issuing_body="UBND", level="provincial", province_code="51",
             issue_date=D("2022-04-28"), title="Phong trào")])
    lags = pd.DataFrame([dict(province="Hà Nội", instrument_id="29-NQ/TW",
                              instrument_key="29-NQ/TW", instrument_level="central",
                              instrument_date=D("2018-07-25"),
                              first_action_date=D("2019-10-03"), first_action_doc="198/KH-UBND",
                              first_plan_date=D("2019-10-03"), first_plan_doc="198/KH-UBND",
                              lag_days=435, lag_basis="plan")])
    return docs, inst, lags


def test_timeline_lanes_markers_and_lag():
    docs, inst, lags = timeline_frames()
    fig = charts.timeline(docs, inst, lags)
    offline(fig)
    names = [tr.name for tr in fig.data]
    assert "Văn bản trung ương" in names and "Kế hoạch" in names and "Tin bài" in names
    assert list(fig.layout.yaxis.ticktext) == ["<b>Trung ương</b>", "Bến Tre", "Hà Nội"]
    text = [t for tr in fig.data if tr.mode == "text" for t in tr.text]
    assert text == ["29-NQ/TW: 435 ngày"]
    plan = next(tr for tr in fig.data if tr.name == "Kế hoạch")
    assert plan.customdata[0][0] == "a"            # the document a click opens
    assert "198/KH-UBND" in plan.customdata[0][1]
    # the provincial instrument has no lane here (no Quảng Ngãi document): not drawn
    assert "Văn bản của tỉnh được thực hiện" not in names


def test_lag_bars():
    _, _, lags = timeline_frames()
    fig = charts.lag_bars(lags)
    offline(fig)
    assert fig.data[0].type == "bar" and fig.data[0].name == "Hà Nội"
    assert list(fig.data[0].x) == [435] and list(fig.data[0].text) == ["435 ngày"]


def test_coverage_share_bars():
    df = pd.DataFrame(dict(province=["Hà Nội", "Bến Tre"], categories_covered=[3, 15],
                           categories_total=[15, 15]))
    fig = charts.coverage_share_bars(df)
    offline(fig)
    assert list(fig.data[0].y) == ["Hà Nội", "Bến Tre"]
    assert list(fig.data[0].x) == [20, 100]


def test_tidy_map_scale_gives_whole_number_ticks():
    fig = go.Figure(go.Heatmap(z=[[1, 1]], showscale=True))
    charts.tidy_map_scale(fig, [1, 1], integer=True, lo=0)
    assert fig.data[0].zmin == 0 and fig.data[0].zmax == 1 and fig.data[0].colorbar.dtick == 1


def many_docs(n: int) -> pd.DataFrame:
    provs = [("01", "Hà Nội"), ("83", "Bến Tre")]
    rows = []
    for i in range(n):
        code, prov = provs[i % 2]
        rows.append(dict(doc_id=f"d{i}", doc_number=f"{i}/KH-UBND" if i % 3 else None,
                         title=f"Tin {i}", doc_type=("plan", "news", "report")[i % 3],
                         level="province", issuer="UBND", province_code=code, province=prov,
                         doc_date=D("2019-01-01") + pd.Timedelta(days=11 * i),
                         implements=None))
    return pd.DataFrame(rows)


def test_timeline_groups_documents_past_max_points(monkeypatch):
    _, inst, lags = timeline_frames()
    docs = many_docs(60)
    assert charts.timeline_period(docs) is None             # few: one marker each
    monkeypatch.setattr(charts, "MAX_POINTS", 50)           # 2 provinces × 22 months = 44
    period = charts.timeline_period(docs)
    assert period == "month"
    monkeypatch.setattr(charts, "MAX_POINTS", 20)           # 2 provinces × 8 quarters = 16
    period = charts.timeline_period(docs)
    assert period == "quarter"
    fig = charts.timeline(docs, inst, lags, period)
    offline(fig)
    grouped = [tr for tr in fig.data if tr.customdata is not None
               and len(tr.customdata) and tr.customdata[0][0] == charts.GROUP]
    assert len(grouped) == 1 and "quý" in grouped[0].name
    g = grouped[0]
    assert len(g.x) <= 20
    counts = [int(c[4].split()[0]) for c in g.customdata]
    assert sum(counts) == len(docs)                          # every document in one group
    assert not any(tr.name == "Kế hoạch" for tr in fig.data)  # no per-document markers
    # a group opens onto exactly its documents
    first = g.customdata[0]
    members = charts.docs_in_group(docs, first, period)
    assert len(members) == counts[0] and set(members.province) == {first[1]}
    assert first[3].startswith("quý ") and first[6]        # period name, first numbers


def test_timeline_resolves_the_language_once(monkeypatch):
    """Formatting thousands of dates must not ask the session for the language each time."""
    import streamlit.runtime.scriptrunner as sr
    asked = []
    real = sr.get_script_run_ctx
    monkeypatch.setattr(sr, "get_script_run_ctx", lambda *a, **k: asked.append(1) or real(*a, **k))
    _, inst, lags = timeline_frames()
    charts.timeline(many_docs(300), inst, lags)
    assert len(asked) <= 2, len(asked)


def test_lag_lines_only_while_readable():
    docs, inst, lags = timeline_frames()
    assert charts.lags_drawn(lags)
    crowded = pd.concat([lags] * (charts.MAX_LAGS_PER_LANE + 1), ignore_index=True)
    assert not charts.lags_drawn(crowded)
    fig = charts.timeline(docs, inst, crowded)
    assert not [tr for tr in fig.data if tr.mode == "text"]
    assert not [tr for tr in fig.data if tr.mode == "lines"]


# ---------------------------------------------------------------- status board (issue 13)
def adoption_frame():
    row = dict(instrument_key="964/QĐ-TTg", instrument_id="964/QĐ-TTg",
               instrument_date=D("2022-08-10"), issuer="UBND tỉnh", level="province",
               kind="plan", undated=False)
    return pd.DataFrame([
        {**row, "province": "Thanh Hóa", "first_date": D("2023-05-11"), "doc": "116/KH-UBND",
         "days": 274},
        {**row, "province": "Lào Cai", "first_date": D("2023-08-07"), "doc": "326/KH-UBND",
         "days": 362},
        {**row, "province": "Hồ Chí Minh", "first_date": D("2023-07-07"),
         "doc": "3131/KH-UBND <b>x</b>", "days": 331},
        {**row, "province": "Tây Ninh", "first_date": pd.NaT, "doc": "27/KH-UBND",
         "days": None, "undated": True},
        {**row, "instrument_key": "29-NQ/TW", "instrument_id": "29-NQ/TW",
         "instrument_date": D("2018-07-25"), "province": "Hà Nội",
         "first_date": D("2019-10-03"), "doc": "198/KH-UBND", "issuer": "UBND quận Hai Bà Trưng",
         "level": "district", "kind": "action", "days": 435},
    ])


def test_adoption_steps_count_provinces_by_date_from_the_central_text():
    fig = charts.adoption_steps(adoption_frame(), end=D("2026-01-01"))
    offline(fig)
    lines = [tr for tr in fig.data if tr.mode == "lines"]
    assert [tr.name for tr in lines] == ["964/QĐ-TTg", "29-NQ/TW"]   # overlaid, one line each
    line = lines[0]
    assert line.line.shape == "hv"
    # from 0 on the text's issue date, one step per dated province in date order, flat to the end
    assert list(line.y) == [0, 1, 2, 3, 3]
    assert pd.Timestamp(line.x[0]) == D("2022-08-10") and pd.Timestamp(line.x[-1]) == D("2026-01-01")
    steps = next(tr for tr in fig.data if tr.mode == "markers" and tr.legendgroup == "964/QĐ-TTg"
                 and len(tr.x) == 3)
    hover = [c[0] for c in steps.customdata]
    assert hover == ["Thanh Hóa", "Hồ Chí Minh", "Lào Cai"]           # the undated one left out
    assert steps.customdata[1][1] == "3131/KH-UBND &lt;b&gt;x&lt;/b&gt;"  # text from a document is inert
    assert "274 ngày" in steps.customdata[0][5]
    # the central text's date is marked: a dotted line per text
    dotted = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    assert {pd.Timestamp(s.x0) for s in dotted} == {D("2022-08-10"), D("2018-07-25")}


def test_adoption_steps_without_dated_documents_says_so():
    frame = adoption_frame()
    fig = charts.adoption_steps(frame[frame.first_date.isna()])
    assert fig.layout.annotations[0].text == i18n.CATALOGUE["status.no_adoption"]["vi"]


def test_plan_days_bars_one_bar_per_province_with_a_plan_slowest_on_top():
    board = pd.DataFrame(dict(
        province=["An Giang", "Lào Cai", "Thanh Hóa"], plan_days=[None, 362, 274],
        plan_doc=[None, "326/KH-UBND", "116/KH-UBND"], plan_issuer=[None, "UBND", "UBND"],
        plan_date=[pd.NaT, D("2023-08-07"), D("2023-05-11")]))
    fig = charts.plan_days_bars(board)
    offline(fig)
    assert list(fig.data[0].y) == ["Thanh Hóa", "Lào Cai"]   # plotly draws the last on top
    assert list(fig.data[0].text) == ["274 ngày", "362 ngày"]
